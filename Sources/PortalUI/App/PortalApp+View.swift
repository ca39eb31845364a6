import PortalCore

extension PortalApp {
    /// The whole screen: title bar, the top screen, a message line when there is one, and key hints.
    public func view(size: Size) -> Buffer {
        var buffer = Buffer(size: size)
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            drawTooSmall(into: &buffer)
            return buffer
        }
        let screen = top.screen
        let banner = messageBanner
        let layout = Self.layout(for: size, messageRows: messageRows(banner, width: size.width), reading: screen.isReading)
        drawTitleBar(screen.title, into: &buffer, area: layout.title)
        // "Saving…" at the right of the key hints while a save is on its way; hints make room for it.
        let saving = savingText
        let room = layout.status.width - (saving.map { DisplayWidth.of($0) + StatusBar.gap + 1 } ?? 0)
        buffer.render(StatusBar(hints: statusHints(screen.hints(context), width: room), trailing: saving.map { $0 + " " },
                                style: .muted, keyStyle: .key),
                      in: layout.status)
        if let banner { buffer.render(banner, in: layout.message) }
        screen.view(context, into: &buffer, area: layout.content)
        if showingHelp { drawHelp(rows: screen.helpRows(context), into: &buffer) }
        return buffer
    }

    /// Where each part of the whole screen goes in a terminal of `size`.
    struct Layout: Equatable {
        var title: Rect
        var content: Rect
        var message: Rect
        var status: Rect
    }

    /// The one place the screen is laid out: the title bar on the top row, key hints on the bottom row, a
    /// message of `messageRows` rows above them, and the top screen in between, under a blank row and a
    /// column in from each side. `view` draws by it and `contentArea` reports it, so they cannot disagree.
    /// `reading`: the top screen is text to read, so its area stops at `readingMeasure` columns.
    static func layout(for size: Size, messageRows: Int, reading: Bool = false) -> Layout {
        let (title, below) = Rect(size: size).splitTop(1)
        let (above, status) = below.splitBottom(1)
        let (rest, message) = above.splitBottom(messageRows)
        var content = rest.inset(top: 1, left: 1, bottom: 0, right: 1)
        if reading { content.width = min(content.width, readingMeasure) }
        return Layout(title: title, content: content, message: message, status: status)
    }

    /// The widest a page of reading text gets: about 78 characters a line, as at 80 columns.
    public static let readingMeasure = 78

    /// The area `view` gives the top screen in a terminal of `size` when a message takes `messageRows` rows.
    public static func contentArea(for size: Size, messageRows: Int) -> Rect {
        layout(for: size, messageRows: messageRows).content
    }

    /// The area `view(size:)` gives the top screen now, with the message (if any) showing.
    public func contentArea(for size: Size) -> Rect {
        Self.layout(for: size, messageRows: messageRows(messageBanner, width: size.width), reading: top.screen.isReading).content
    }

    /// Rows the message takes at `width`: none without one, at most three.
    private func messageRows(_ banner: Banner?, width: Int) -> Int {
        banner.map { min(3, $0.height(width: width)) } ?? 0
    }

    /// The screen's hints, then back, help and quit. When the line is too narrow the screen's last hints
    /// go first, so the ways out and to help are always on screen.
    func statusHints(_ screenHints: [KeyHint], width: Int) -> [KeyHint] {
        // The app's own keys from its table (`appKeys`), unless the screen names the same key itself (the
        // timer's "Esc stop").
        let essentials = appKeys().footer.filter { hint in !screenHints.contains { $0.key == hint.key } }
        var shown = screenHints
        while !shown.isEmpty, StatusBar.fittingCount(shown + essentials, width: width) < shown.count + essentials.count {
            shown.removeLast()
        }
        return shown + essentials
    }

    private var messageBanner: Banner? {
        let g = context.glyphs
        switch confirmation {
        case .quit?: return Banner(.warning, "You have an entry that is not saved. Quit anyway? y = quit, any other key = stay", prefix: "Quit?", glyphs: g)
        case .leave?: return Banner(.warning, "What you typed here is not saved. Leave anyway? y = leave, any other key = stay", prefix: "Leave?", glyphs: g)
        case .quitWhileSaving?:
            let store = storeIsRemote ? "the clinic's server" : "the database"
            return Banner(.warning, "Your last change is still not saved: \(store) has not answered. If you quit now, it may be lost. "
                          + "y = quit without it, any other key = wait for it", prefix: "Quit?", glyphs: g)
        case nil: break
        }
        if storeReconnecting { return Banner(.warning, reconnectingText, prefix: "Waiting:", glyphs: g) }
        if storeStatus == .notAnswering { return Banner(.warning, notAnsweringText, prefix: "Waiting:", glyphs: g) }
        if readsNotAnswering, flash == nil { return Banner(.warning, staleText, prefix: "Waiting:", glyphs: g) }
        if let problem = caseloadProblem, flash == nil {
            return Banner(.warning, "Your caseload could not be read again (\(PlainText.removingControls(problem))); what you see may not be the latest. If it keeps failing, tell the clinic's administrator.",
                          prefix: "Not updated:", glyphs: g)
        }
        guard let flash else { return nil }
        return Banner(flash.level, flash.text, prefix: flash.prefix ?? (flash.level == .success ? "" : nil), glyphs: g)
    }

    /// " Portal → Home" on the left, the patient's name and the date on the right. The date always shows
    /// (it says which day "today" is); a long name is cut to the room left, and goes first when there is none.
    private func drawTitleBar(_ title: String, into buffer: inout Buffer, area: Rect) {
        let bar = Style(reverse: true)
        buffer.fill(area, style: bar)
        let left = " Portal\(isDemo ? " DEMO" : "") \(context.glyphs.right) \(title)"
        let date = context.today.shortText + " "
        let leftWidth = min(DisplayWidth.of(left), max(0, area.width - DisplayWidth.of(date) - 2))
        buffer.write(DisplayWidth.truncate(left, to: leftWidth, ellipsis: context.glyphs.ellipsis), x: area.x, y: area.y,
                     style: Style(bold: true, reverse: true))
        var right = date
        if let name = context.patient?.name {
            let room = area.width - leftWidth - 2 - DisplayWidth.of(date) - 3
            if room >= 4 { right = DisplayWidth.truncate(name, to: room, ellipsis: context.glyphs.ellipsis) + " · " + date }
        }
        let rightWidth = DisplayWidth.of(right)
        if leftWidth + rightWidth + 1 <= area.width {
            buffer.write(right, x: area.maxX - rightWidth, y: area.y, style: bar)
        }
    }

    private func drawTooSmall(into buffer: inout Buffer) {
        var lines = [
            "The window is too small.",
            "It is \(buffer.size.width)×\(buffer.size.height); the portal needs at least \(Self.minimumSize.width)×\(Self.minimumSize.height).",
        ]
        // A question asked before the window shrank still waits for its answer: show it first.
        if let banner = messageBanner, confirmation != nil {
            lines.insert("\(banner.prefix ?? "") \(banner.message)", at: 1)
            lines.append("Or make the window bigger.")
        } else {
            lines.append("Make the window bigger, or press q to quit.")
        }
        var y = 0
        for text in lines {
            for row in WrappedText.wrap(text, width: max(1, buffer.size.width)) where y < buffer.size.height {
                buffer.write(row, x: 0, y: y, style: y == 0 ? .bold : .plain)
                y += 1
            }
        }
    }

    /// The app's own keys the help lists under "Everywhere:". A key the screen names is the screen's there (Esc
    /// while she writes leaves the notes as they were; it never goes back): the app's meaning of it is not
    /// listed beside it, as the footer leaves it out.
    func generalHelp(besides screenRows: [HelpRow]) -> [HelpRow] {
        appKeys().help.filter { row in !screenRows.contains { !$0.isHeading && $0.key == row.key } }
    }

    /// The keys overlay: this screen's keys from its key table, then the app's own (`appKeys`), each listed only
    /// where it does something. Descriptions wrap under themselves rather than being cut; when one column is
    /// too tall the rows flow into a second, and when that is too tall as well the app's keys are given in one
    /// paragraph. The rows the box spans are cleared across the whole window, so no stray letter
    /// of the screen underneath shows beside it.
    private func drawHelp(rows screenRows: [HelpRow], into buffer: inout Buffer) {
        let size = buffer.size
        let general = generalHelp(besides: screenRows)
        let onScreen = screenRows.isEmpty ? [] : [HelpRow(heading: "On this screen:")] + screenRows
        let all = onScreen + (onScreen.isEmpty ? [] : [HelpRow(heading: "")]) + [HelpRow(heading: "Everywhere:")] + general
        // The shared keys in one paragraph, for a window too short to list them a row each.
        let compact = onScreen + [HelpRow(heading: ""),
                                  HelpRow(heading: "Everywhere: " + general.map { "\($0.key) \($0.label)" }.joined(separator: "; "))]
        let maxInner = max(1, size.height - 4)
        // One column if it fits, else two; then the shared keys in a paragraph, and only when even that is too
        // tall, left out (they are in the footer, but for Ctrl-C).
        let candidates: [([HelpRow], Int)] = [(all, 1), (all, 2), (compact, 2), (onScreen, 2)]
        var chosen = HelpLayout(rows: onScreen.isEmpty ? all : onScreen, columns: 2, windowWidth: size.width)
        for (rows, columns) in candidates {
            let layout = HelpLayout(rows: rows, columns: columns, windowWidth: size.width)
            if layout.height <= maxInner { chosen = layout; break }
        }
        let height = min(size.height - 2, chosen.height + 2)
        let area = Rect(x: (size.width - chosen.boxWidth) / 2, y: (size.height - height) / 2, width: chosen.boxWidth, height: height)
        buffer.fill(Rect(x: 0, y: area.y, width: size.width, height: area.height))
        let box = Box(title: "Keys", glyphs: context.glyphs, style: .plain, titleStyle: .bold)
        buffer.render(box, in: area)
        let inner = box.inner(area).inset(top: 0, left: 1, bottom: 0, right: 1)
        for (c, lines) in chosen.lines.enumerated() {
            let x = inner.x + c * (chosen.columnWidth + HelpLayout.gap)
            for (i, line) in lines.enumerated() where i < inner.height {
                let cell = Rect(x: x, y: inner.y + i, width: chosen.columnWidth, height: 1)
                if let key = line.key {
                    buffer.write(key, x: cell.x, y: cell.y, style: .key, clip: cell)
                }
                buffer.write(line.text, x: cell.x + (line.heading ? 0 : chosen.keyWidth + 1), y: cell.y,
                             style: line.heading ? .bold : .plain, clip: cell)
            }
        }
    }
}

/// The help overlay laid out in one or two columns: each key on its row, its description wrapped under
/// itself, never cut.
struct HelpLayout {
    struct Line { var key: String?; var text: String; var heading: Bool }

    static let gap = 2
    let columns: Int
    let boxWidth: Int
    let columnWidth: Int
    let keyWidth: Int
    /// The lines of each column.
    let lines: [[Line]]
    var height: Int { lines.map(\.count).max() ?? 0 }

    init(rows: [HelpRow], columns: Int, windowWidth: Int) {
        self.columns = columns
        boxWidth = min(windowWidth - 2, columns == 2 ? 78 : 64)
        let inner = boxWidth - 4
        let columnWidth = columns == 2 ? (inner - Self.gap) / 2 : inner
        self.columnWidth = columnWidth
        let keyWidth = min(columnWidth * 2 / 5, rows.filter { !$0.isHeading }.map { DisplayWidth.of($0.key) }.max() ?? 0)
        self.keyWidth = keyWidth
        // Each row as its lines: a heading wraps on its own, a key's description under itself. A key wider than
        // the keys' column has a line of its own, its description under it.
        let blocks: [[Line]] = rows.map { row in
            if row.isHeading {
                return LineBreaker.lines(row.label, width: max(1, columnWidth)).map { Line(key: nil, text: $0, heading: true) }
            }
            let room = max(1, columnWidth - keyWidth - 1)
            let text = LineBreaker.lines(row.label, width: room)
            guard DisplayWidth.of(row.key) <= keyWidth else {
                return [Line(key: row.key, text: "", heading: false)] + text.map { Line(key: nil, text: $0, heading: false) }
            }
            return text.enumerated().map { i, text in Line(key: i == 0 ? row.key : nil, text: text, heading: false) }
        }
        let total = blocks.reduce(0) { $0 + $1.count }
        guard columns == 2 else { lines = [blocks.flatMap { $0 }]; return }
        // The first column takes rows until it holds about half the lines; a row is never split between columns,
        // and a heading never ends a column.
        var first: [Line] = [], second: [Line] = []
        var i = 0
        while i < blocks.count, first.count + blocks[i].count <= (total + 1) / 2 || first.isEmpty {
            first += blocks[i]
            i += 1
        }
        if i > 0, i < blocks.count, rows[i - 1].isHeading { i -= 1; first.removeLast(blocks[i].count) }
        // A blank heading does not start a column.
        if i < blocks.count, rows[i].isHeading, rows[i].label.isEmpty { i += 1 }
        for block in blocks[i...] { second += block }
        lines = [first, second]
    }
}
