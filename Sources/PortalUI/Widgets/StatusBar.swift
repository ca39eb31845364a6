/// A key and what it does, as shown in the status bar: `Enter open`.
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }

    public static func move(_ glyphs: Glyphs) -> KeyHint { KeyHint(glyphs.upDownKeys, "move") }
    public static let open = KeyHint("Enter", "open")
    public static let back = KeyHint("Esc", "back")
    public static let help = KeyHint("?", "help")
    public static let quit = KeyHint("q", "quit")
}

/// The bottom line of key hints: `↑↓ move  Enter open  Esc back  ? help  q quit`.
/// When the line is too narrow, whole hints are dropped from the end (list the important ones first);
/// a hint is never cut in half.
public struct StatusBar: Widget, Hashable {
    public var hints: [KeyHint]
    /// Right-aligned text ("Page 2 of 5"), shown only when it fits after the hints.
    public var trailing: String?
    public var style: Style
    public var keyStyle: Style

    public init(hints: [KeyHint], trailing: String? = nil, style: Style = .plain, keyStyle: Style = .bold) {
        self.hints = hints
        self.trailing = trailing
        self.style = style
        self.keyStyle = keyStyle
    }

    static let gap = 2

    /// How many hints fit in `width` cells, counting from the first.
    public static func fittingCount(_ hints: [KeyHint], width: Int) -> Int {
        var used = 0
        for (i, hint) in hints.enumerated() {
            let w = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label) + (i > 0 ? gap : 0)
            if used + w > width { return i }
            used += w
        }
        return hints.count
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, style: style)
        let shown = hints.prefix(Self.fittingCount(hints, width: line.width))
        var x = line.x
        for (i, hint) in shown.enumerated() {
            if i > 0 { x += Self.gap }
            x = buffer.write(hint.key, x: x, y: line.y, style: keyStyle, clip: line)
            x = buffer.write(" " + hint.label, x: x, y: line.y, style: style, clip: line)
        }
        if let trailing, !trailing.isEmpty {
            let w = DisplayWidth.of(trailing)
            let start = line.maxX - w
            if start >= x + (shown.isEmpty ? 0 : Self.gap) {
                buffer.write(trailing, x: start, y: line.y, style: style, clip: line)
            }
        }
    }
}
