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
        var essentials: [KeyHint] = []
        if stack.count > 1, !screenHints.contains(where: { $0.key == "Esc" }) { essentials.append(.back) }
        essentials.append(.help)
        if stack.count == 1 { essentials.append(.quit) }
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
        case nil: break
        }
        if storeReconnecting { return Banner(.warning, reconnectingText, prefix: "Waiting:", glyphs: g) }
        if storeStatus == .notAnswering { return Banner(.warning, notAnsweringText, prefix: "Waiting:", glyphs: g) }
        if readsNotAnswering, flash == nil { return Banner(.warning, staleText, prefix: "Waiting:", glyphs: g) }
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

    /// The keys overlay: the keys every screen shares, then every key of this screen from its key table.
    /// When they do not fit in one column they flow into a second.
    private func drawHelp(rows screenRows: [HelpRow], into buffer: inout Buffer) {
        var general: [HelpRow] = [
            HelpRow(KeyHint("↑ ↓  j k", "move")), HelpRow(KeyHint("Enter", "open or choose")),
            HelpRow(KeyHint("Tab  Shift-Tab", "next/previous field")), HelpRow(KeyHint("Esc  Backspace", "go back")),
            HelpRow(KeyHint("?", "help; any key closes")), HelpRow(KeyHint("q", "quit, from Home")),
            HelpRow(KeyHint("Ctrl-C", "quit at once")),
        ]
        if context.glyphs != .unicode { general[0].key = "Up Down  j k" }
        let maxInner = max(1, buffer.size.height - 4)
        var all = general + [HelpRow(heading: ""), HelpRow(heading: "On this screen:")] + screenRows
        // In a small window this screen's keys matter more than the shared ones (Esc and ? are in the footer).
        if all.count > 2 * maxInner { all = [HelpRow(heading: "On this screen:")] + screenRows }
        let columns = all.count > maxInner ? 2 : 1
        let perColumn = (all.count + columns - 1) / columns
        let width = min(buffer.size.width - 4, columns == 2 ? 76 : 64)
        let height = min(buffer.size.height - 2, perColumn + 2)
        let area = Rect(x: (buffer.size.width - width) / 2, y: (buffer.size.height - height) / 2, width: width, height: height)
        buffer.fill(area)
        let box = Box(title: "Keys", glyphs: context.glyphs, style: .plain, titleStyle: .bold)
        buffer.render(box, in: area)
        let inner = box.inner(area).inset(top: 0, left: 1, bottom: 0, right: 1)
        let columnWidth = columns == 2 ? (inner.width - 2) / 2 : inner.width
        // Each column's keys are as wide as its widest key, so the labels get the rest.
        let keyWidths = (0..<columns).map { c in
            min(16, all.dropFirst(c * perColumn).prefix(perColumn).filter { !$0.isHeading }.map { DisplayWidth.of($0.key) }.max() ?? 0)
        }
        for (i, row) in all.enumerated() {
            let column = i / perColumn, line = i % perColumn
            let keyWidth = keyWidths[column]
            guard line < inner.height else { continue }
            let cell = Rect(x: inner.x + column * (columnWidth + 2), y: inner.y + line, width: columnWidth, height: 1)
            if row.isHeading {
                buffer.write(row.label, x: cell.x, y: cell.y, style: .bold, clip: cell)
            } else {
                buffer.write(DisplayWidth.truncate(row.key, to: keyWidth), x: cell.x, y: cell.y, style: .key, clip: cell)
                buffer.write(row.label, x: cell.x + keyWidth + 1, y: cell.y, style: .plain, clip: cell)
            }
        }
    }
}
