import PortalCore

/// One article, wrapped to the window and scrolled a line or a page at a time. The title and the
/// "4 min read · summary" line scroll with the text, so a small window shows as much of it as it can;
/// the bottom row says where the patient is ("lines 1-14 of 80").
///
/// Marking the article read is the opener's job (LearnScreen returns the effect with the push), because a
/// screen cannot run an effect when it is pushed.
public struct ReaderScreen: PortalScreen {
    public let articleID: String
    /// The article's title for the title bar, which is drawn without the content library at hand.
    let articleTitle: String?
    /// The first line shown, counted at the width the patient last scrolled at (see `Anchor`).
    public internal(set) var offset = 0
    /// How the text was wrapped when `offset` was set, so a resize keeps the patient's place.
    var anchor: Anchor?

    /// The wrapping `offset` counts lines of. At another width the same place is a different line: the
    /// end stays the end, and anything else keeps its share of the text.
    struct Anchor: Equatable {
        var width: Int
        var lineCount: Int
        var atEnd: Bool
    }

    public init(articleID: String, title: String? = nil) {
        self.articleID = articleID
        self.articleTitle = title
    }

    /// Long titles are cut so the patient's name and the date still fit in the title bar.
    public var title: String { DisplayWidth.truncate(articleTitle ?? "Reading", to: 40) }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ReaderScreen> {
        let scroll: (inout ReaderScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in s.scroll(key, ctx) }
        return KeyTable([
            KeyBinding([.up, .character("k"), .down, .character("j")], KeyHint(ctx.glyphs.upDownKeys, "scroll"), action: scroll),
            KeyBinding([.pageDown, .character(" ")], KeyHint("Space", "next page"), action: scroll),
            KeyBinding([.pageUp], KeyHint("PgUp", "page back"), action: scroll),
            KeyBinding([.home, .end], KeyHint("Home/End", "start/end"), action: scroll),
        ])
    }

    /// Moves the text for one of the keys above.
    private mutating func scroll(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let size = ctx.area
        let height = Self.textHeight(size.height)
        let page = max(1, height - 1)  // one line of the last page stays in view
        let count = Self.lines(ctx.content.article(articleID), width: size.width, glyphs: ctx.glyphs).count
        let last = WrappedText.maxOffset(lineCount: count, height: height)
        // Start from where the text is now: the window may have changed since the last key.
        let current = firstLine(lineCount: count, width: size.width, last: last)
        let target: Int
        switch key {
        case .up, .character("k"): target = current - 1
        case .down, .character("j"): target = current + 1
        case .pageDown, .character(" "): target = current + page
        case .pageUp: target = current - page
        case .home: target = 0
        case .end: target = last
        default: return .unhandled
        }
        offset = min(max(0, target), last)
        anchor = Anchor(width: size.width, lineCount: count, atEnd: offset > 0 && offset == last)
        return .stay
    }

    /// The first line to show when the text is `lineCount` lines at `width` and `last` is the largest offset.
    func firstLine(lineCount: Int, width: Int, last: Int) -> Int {
        var line = offset
        if let anchor, anchor.width != width {
            line = anchor.atEnd ? last : Int((Double(offset) * Double(lineCount) / Double(max(1, anchor.lineCount))).rounded())
        }
        return min(max(0, line), last)
    }

    /// Rows for text: all but the bottom one, which shows the position.
    static func textHeight(_ areaHeight: Int) -> Int { max(1, areaHeight - 1) }

    /// The whole document at `width`: title, reading time and summary, a blank line, then the body.
    static func lines(_ article: Article?, width: Int, glyphs: Glyphs) -> [(text: String, style: Style)] {
        guard width > 0 else { return [] }
        guard let article else {
            return Paragraph.lines("This article is not available. It may have been removed from the portal's content.",
                                     width: width).map { ($0, .plain) }
        }
        var out: [(text: String, style: Style)] = []
        out += Paragraph.lines(article.title, width: width).map { ($0, .title) }
        let meta = article.summary.isEmpty ? "\(article.minutes) min read" : "\(article.minutes) min read · \(article.summary)"
        out += Paragraph.lines(meta, width: width).map { ($0, .muted) }
        out.append(("", .plain))
        out += WrappedText.wrapped(article.body, width: width, bullet: glyphs.bullet)
            .map { ($0.text, $0.isHeading ? .bold : .plain) }
        return out
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let article = ctx.content.article(articleID)
        let lines = Self.lines(article, width: area.width, glyphs: ctx.glyphs)
        let height = Self.textHeight(area.height)
        let first = firstLine(lineCount: lines.count, width: area.width,
                              last: WrappedText.maxOffset(lineCount: lines.count, height: height))
        for row in 0..<min(height, area.height) where first + row < lines.count {
            let line = lines[first + row]
            buffer.write(line.text, x: area.x, y: area.y + row, style: line.style, clip: area)
        }
        guard area.height >= 2, article != nil, !lines.isEmpty else { return }
        let last = min(lines.count, first + height)
        let position = "lines \(first + 1)-\(last) of \(lines.count)"
        let y = area.maxY - 1
        let x = max(area.x, area.maxX - DisplayWidth.of(position))
        buffer.write(position, x: x, y: y, style: .muted, clip: area)
        // On her chart the article is the library's words to her, shown as she reads them: said on the row that
        // stays put, so "your pelvic floor" is never read as the portal speaking to her therapist.
        let atEnd = last == lines.count
        let said = ctx.viewer.isTherapist ? (atEnd ? "End of the article, as she reads it." : "As she reads it: written to her.")
            : atEnd ? "End of the article." : nil
        if let said, x - area.x > 16 {
            buffer.write(DisplayWidth.truncate(said, to: x - area.x - 2, ellipsis: ctx.glyphs.ellipsis),
                         x: area.x, y: y, style: ctx.viewer.isTherapist ? .accent : .muted, clip: area)
        }
    }
}
