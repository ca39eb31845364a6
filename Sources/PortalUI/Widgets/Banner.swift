/// How much a banner matters. Each level has a colour and, so colour is never the only signal, a word.
public enum BannerLevel: Sendable, Hashable, CaseIterable {
    case info, success, warning, danger

    /// The word the message starts with unless the banner gives its own.
    public var word: String {
        switch self {
        case .info: "Note:"
        case .success: "Done:"
        case .warning: "Warning:"
        case .danger: "Important:"
        }
    }

    public var style: Style {
        switch self {
        case .info: Style(foreground: .cyan, reverse: true)
        case .success: Style(foreground: .green, reverse: true)
        case .warning: Style(foreground: .yellow, reverse: true)
        case .danger: Style(foreground: .red, bold: true, reverse: true)
        }
    }
}

/// A full-width message wrapped to the width: `Saved Pain 4 logged for today.`,
/// `Important: Pain of 8 or more: contact your provider.` The prefix word is bold; the rows are filled
/// with the level's style so the banner reads as a bar.
public struct Banner: Widget, Hashable {
    public var level: BannerLevel
    public var message: String
    /// The leading word; `nil` uses the level's word ("Saved" suits a success after a save).
    public var prefix: String?
    public var glyphs: Glyphs

    public init(_ level: BannerLevel, _ message: String, prefix: String? = nil, glyphs: Glyphs = .unicode) {
        self.level = level
        self.message = message
        self.prefix = prefix
        self.glyphs = glyphs
    }

    private var word: String { prefix ?? level.word }

    /// The wrapped lines, without the one-cell padding on each side.
    public func lines(width: Int) -> [String] {
        let inner = width >= 4 ? width - 2 : width
        guard inner > 0 else { return [] }
        return LineBreaker.lines(word.isEmpty ? message : word + " " + message, width: inner)
    }

    /// How many rows the banner needs at `width`, so a screen can give it exactly that.
    public func height(width: Int) -> Int { lines(width: width).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var lines = lines(width: area.width)
        let pad = area.width >= 4 ? 1 : 0
        if lines.count > area.height {
            // Cut to the rows there are, and say so with an ellipsis on the last one.
            lines = Array(lines.prefix(area.height))
            let last = lines[lines.count - 1] + glyphs.ellipsis
            let room = area.width - 2 * pad
            lines[lines.count - 1] = DisplayWidth.of(last) <= room
                ? last : DisplayWidth.truncate(last, to: room, ellipsis: glyphs.ellipsis)
        }
        for (row, text) in lines.enumerated() {
            let line = area.row(row)
            buffer.fill(line, style: level.style)
            buffer.write(text, x: line.x + pad, y: line.y, style: level.style, clip: line)
        }
        let wordWidth = min(DisplayWidth.of(word), area.width - pad)
        if wordWidth > 0 {
            buffer.highlight(Rect(x: area.x + pad, y: area.y, width: wordWidth, height: 1), with: .bold)
        }
    }
}
