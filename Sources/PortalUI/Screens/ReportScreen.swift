import PortalCore

/// A patient's report as her therapist reads it on screen: the text `portal clinic report` prints (its header
/// says her therapist made it), scrolled a line or a page at a time. Lines wider than the window are wrapped
/// under their own indent, so a 60-column window loses nothing. Esc goes back to the chart.
public struct ReportScreen: PortalScreen {
    /// Whose report it is, for the title bar.
    public let name: String
    public let text: String
    /// The first line shown, at the width it was last drawn.
    public internal(set) var offset = 0

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    public var title: String { DisplayWidth.truncate("Report: \(name)", to: 40) }

    /// The report at `width`: each of its lines as it is, or wrapped under its indent when wider.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard DisplayWidth.of(line) > width else { out.append(line); continue }
            let indent = String(line.prefix { $0 == " " })
            let room = width - indent.count
            guard room >= 20 else { out += LineBreaker.lines(line, width: width); continue }
            out += LineBreaker.lines(String(line.dropFirst(indent.count)), width: room).map { indent + $0 }
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ReportScreen> {
        let count = Self.lines(text, width: ctx.area.width).count
        let height = max(1, ctx.area.height - 1)
        let last = WrappedText.maxOffset(lineCount: count, height: height)
        let page = max(1, height - 1)
        return KeyTable([
            KeyBinding([.up, .character("k")], KeyHint(ctx.glyphs.upDownKeys, "scroll")) { $0.offset = max(0, min($0.offset, last) - 1) },
            KeyBinding([.down, .character("j")], nil) { $0.offset = min(last, $0.offset + 1) },
            KeyBinding([.pageDown, .character(" ")], KeyHint("Space", "next page")) { $0.offset = min(last, $0.offset + page) },
            KeyBinding([.pageUp], KeyHint("PgUp", "page back")) { $0.offset = max(0, min($0.offset, last) - page) },
            KeyBinding([.home], KeyHint("Home/End", "start/end")) { $0.offset = 0 },
            KeyBinding([.end], nil) { $0.offset = last },
        ])
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let lines = Self.lines(text, width: area.width)
        let height = max(1, area.height - 1)
        let first = min(offset, WrappedText.maxOffset(lineCount: lines.count, height: height))
        for row in 0..<min(height, area.height) where first + row < lines.count {
            let line = lines[first + row]
            // The title and the section names (in capitals at the margin) stand out.
            let heading = !line.isEmpty && !line.hasPrefix(" ") && line.uppercased() == line && line.contains { $0.isLetter }
            buffer.write(line, x: area.x, y: area.y + row, style: first + row == 0 || heading ? .bold : .plain, clip: area)
        }
        guard area.height >= 2, !lines.isEmpty else { return }
        let last = min(lines.count, first + height)
        let position = "lines \(first + 1)-\(last) of \(lines.count)"
        let x = max(area.x, area.maxX - DisplayWidth.of(position))
        buffer.write(position, x: x, y: area.maxY - 1, style: .muted, clip: area)
        if last == lines.count, x - area.x > 16 {
            buffer.write("End of the report.", x: area.x, y: area.maxY - 1, style: .muted, clip: area)
        }
    }
}
