import PortalCore

/// A screen's whole content laid out at the area's width into a tall off-screen buffer, shown one window
/// at a time. When it does not fit, the bottom row of the area says which way there is more, so the
/// patient knows to scroll. Used by the visit detail and progress screens.
struct ScrollingPage: Sendable {
    let width: Int
    /// The widest text gets (a reading measure in a wide window); nil: the page's width.
    var measure: Int?
    /// The rows laid out, and blank rows after them to grow into: `height` says how many are the page's.
    private var buffer: Buffer
    /// Rows laid out so far.
    private(set) var height = 0

    /// Where text wraps: the page's width, or the measure when that is narrower.
    var textWidth: Int { min(width, measure ?? width) }

    init(width: Int) {
        self.width = max(0, width)
        buffer = Buffer(size: Size(width: self.width, height: 0))
    }

    /// Adds `rows` blank rows and returns the rectangle they take. The buffer grows by doubling: copying the
    /// whole page for every row made a long page (a year of weekly adherence bars) cost the square of its rows.
    @discardableResult
    mutating func add(rows: Int) -> Rect {
        let rows = max(0, rows)
        if height + rows > buffer.size.height {
            var bigger = Buffer(size: Size(width: width, height: max(height + rows, buffer.size.height * 2, 32)))
            bigger.blit(buffer, x: 0, y: 0)
            buffer = bigger
        }
        let rect = Rect(x: 0, y: height, width: width, height: rows)
        height += rows
        return rect
    }

    mutating func blank() { add(rows: 1) }

    /// Text wrapped to the width, starting `indent` cells in.
    mutating func text(_ text: String, style: Style = .plain, indent: Int = 0) {
        for line in Paragraph.lines(text, width: max(1, textWidth - indent)) {
            let row = add(rows: 1)
            buffer.write(line, x: indent, y: row.y, style: style, clip: row)
        }
    }

    /// A bullet point whose wrapped lines hang under its text.
    mutating func bullet(_ text: String, glyphs: Glyphs) {
        let marker = glyphs.bullet + " "
        let indent = DisplayWidth.of(marker)
        let first = height
        self.text(text, indent: indent)
        buffer.write(marker, x: 0, y: first)
    }

    /// A bold label and its value wrapped in the column after it: the rows of a detail page.
    mutating func labelled(_ label: String, _ value: String, labelWidth: Int, style: Style = .plain) {
        // In a very narrow window the value goes under its label rather than into a sliver of a column.
        guard width - labelWidth >= 12 else {
            text(label, style: .label)
            text(value, style: style, indent: 2)
            return
        }
        let first = height
        text(value, style: style, indent: labelWidth)
        if height == first { add(rows: 1) }
        buffer.write(DisplayWidth.truncate(label, to: labelWidth - 1), x: 0, y: first, style: .label)
    }

    /// A widget given `rows` rows of its own, across the page or (`measured`) within the text's measure.
    mutating func widget(_ widget: some Widget, rows: Int, measured: Bool = false) {
        var rect = add(rows: rows)
        if measured { rect.width = textWidth }
        buffer.render(widget, in: rect)
    }

    // MARK: Scrolling

    /// Rows left for content in an area `areaHeight` tall: all of them when the page fits, else all but the
    /// bottom one, which says there is more.
    func viewHeight(_ areaHeight: Int) -> Int {
        height <= areaHeight ? areaHeight : max(1, areaHeight - 1)
    }

    /// The largest useful offset in an area `areaHeight` tall.
    func maxOffset(_ areaHeight: Int) -> Int { max(0, height - viewHeight(areaHeight)) }

    /// The offset after a scrolling key, kept within the page; nil when the key does not scroll.
    func scrolled(_ offset: Int, by key: Key, areaHeight: Int) -> Int? {
        let page = max(1, viewHeight(areaHeight) - 1)  // one row of the last page stays in view
        let moved: Int
        switch key {
        case .up, .character("k"): moved = offset - 1
        case .down, .character("j"): moved = offset + 1
        case .pageUp: moved = offset - page
        case .pageDown, .character(" "): moved = offset + page
        case .home: moved = 0
        case .end: moved = Int.max / 2
        default: return nil
        }
        return min(max(0, moved), maxOffset(areaHeight))
    }

    /// Draws the rows from `offset` into `area`, and a "more" line at its bottom when the page is longer, naming
    /// the keys that scroll it unless they do something else now (`scrolls` false: while a field below takes them).
    func draw(offset: Int, into target: inout Buffer, area: Rect, glyphs: Glyphs, scrolls: Bool = true) {
        guard !area.isEmpty else { return }
        let shown = viewHeight(area.height)
        let first = min(max(0, offset), maxOffset(area.height))
        for row in 0..<min(shown, height - first) {
            for x in 0..<min(width, area.width) {
                target[area.x + x, area.y + row] = buffer[x, first + row]
            }
        }
        guard height > area.height, area.height >= 2 else { return }
        let above = first > 0, below = first + shown < height
        let text: String
        switch (above, below) {
        case (false, _): text = "\(glyphs.down) More below" + (scrolls ? ": \(glyphs.down) or PgDn" : "")
        case (true, true): text = "\(glyphs.up)\(glyphs.down) More above and below"
        case (true, false): text = "\(glyphs.up) End. More above" + (scrolls ? ": \(glyphs.up) or PgUp" : "")
        }
        target.line(text, area: area, row: area.height - 1, style: .muted)
    }
}

extension ScrollingPage {
    /// The scrolling keys of `screen`, which shows one `ScrollingPage` from `offset`, as key-table rows:
    /// ↑ ↓ (j k) a row, PgUp/PgDn (Space) a page, Home/End the top and the end. `pageInFooter` adds
    /// "PgDn page" to the footer after "↑↓ scroll". They are active only while the page is taller than the
    /// screen's area, so neither the footer nor help offers to scroll a page that all fits.
    static func keys<S>(_ glyphs: Glyphs, for screen: S, _ ctx: ScreenContext, offset: WritableKeyPath<S, Int>,
                        pageInFooter: Bool = false, page: @escaping (S, ScreenContext) -> ScrollingPage) -> [KeyBinding<S>] {
        let scrolls = page(screen, ctx).height > ctx.area.height
        let scroll: (inout S, Key, ScreenContext) -> Reaction = { s, key, ctx in
            guard let moved = page(s, ctx).scrolled(s[keyPath: offset], by: key, areaHeight: ctx.area.height) else {
                return .unhandled
            }
            s[keyPath: offset] = moved
            return .stay
        }
        return [
            KeyBinding([.up, .character("k"), .down, .character("j")], KeyHint(glyphs.upDownKeys, "scroll"), active: scrolls, action: scroll),
            KeyBinding([.pageDown], KeyHint("PgDn", "page"), footer: pageInFooter, active: scrolls, action: scroll),
            KeyBinding([.character(" ")], KeyHint("Space", "next page"), footer: false, active: scrolls, action: scroll),
            KeyBinding([.pageUp], KeyHint("PgUp", "page back"), footer: false, active: scrolls, action: scroll),
            KeyBinding([.home, .end], KeyHint("Home/End", "top/end"), footer: false, active: scrolls, action: scroll),
        ]
    }
}
