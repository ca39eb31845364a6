/// The 0–10 pain scale (NRS): all eleven numbers, the chosen one in brackets and reversed (so it shows
/// without colour), the words for the ends underneath, and green / yellow / red bands when colour is on.
///
///      0   1   2  [3]  4   5   6   7   8   9   10
///     no pain                       worst possible
///
/// From 24 to 43 cells it packs the numbers (`0 1 2[3]4 5 …`); below 24 it shows just `[3] / 10`.
public struct ScaleWidget: Widget, Hashable {
    /// The chosen score, or nil before the patient picks one.
    public var selected: Int?
    public var lowLabel: String
    public var highLabel: String
    /// Colour bands on the numbers; the terminal also drops colour under NO_COLOR.
    public var colored: Bool

    public init(selected: Int?, lowLabel: String = "no pain", highLabel: String = "worst possible",
                colored: Bool = true) {
        self.selected = selected.map { min(max(0, $0), 10) }
        self.lowLabel = lowLabel
        self.highLabel = highLabel
        self.colored = colored
    }

    /// The colour band of a score: 0–3 mild (green), 4–6 moderate (yellow), 7–10 severe (red).
    public static func band(_ score: Int) -> Color {
        switch score {
        case ...3: .green
        case 4...6: .yellow
        default: .red
        }
    }

    static let packedWidth = 24

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let slot = min(6, area.width / 11)
        if slot >= 4 {
            for n in 0...10 {
                let token = n == selected ? "[\(n)]" : "\(n)"
                let x = area.x + n * slot + (slot - token.count) / 2
                draw(token, score: n, x: x, y: area.y, into: &buffer, area: area)
            }
            // The high label ends where "[10]" would end, not at the slot's edge.
            drawLabels(width: 10 * slot + (slot - 2) / 2 + 3, into: &buffer, area: area)
        } else if area.width >= Self.packedWidth {
            var x = area.x
            for n in 0...10 {
                // The separator before a number becomes "[" when it is chosen and "]" after it.
                let separator = n == selected ? "[" : (selected == n - 1 ? "]" : " ")
                x = buffer.write(separator, x: x, y: area.y, style: mark(n - 1, n), clip: area)
                x = buffer.write("\(n)", x: x, y: area.y, style: style(n), clip: area)
            }
            buffer.write(selected == 10 ? "]" : " ", x: x, y: area.y, style: mark(10, 11), clip: area)
            drawLabels(width: Self.packedWidth, into: &buffer, area: area)
        } else {
            let text = selected.map { "[\($0)] / 10" } ?? "- / 10"
            buffer.write(text, x: area.x, y: area.y, style: selected.map(style) ?? .plain, clip: area)
        }
    }

    private func style(_ n: Int) -> Style {
        var s = Style(foreground: colored ? Self.band(n) : .default)
        if n == selected {
            s.reverse = true
            s.bold = true
        }
        return s
    }

    /// A bracket takes the style of the chosen number next to it.
    private func mark(_ before: Int, _ after: Int) -> Style {
        if before == selected { return style(before) }
        if after == selected { return style(after) }
        return .plain
    }

    private func draw(_ token: String, score: Int, x: Int, y: Int, into buffer: inout Buffer, area: Rect) {
        buffer.write(token, x: x, y: y, style: style(score), clip: area)
    }

    private func drawLabels(width: Int, into buffer: inout Buffer, area: Rect) {
        guard area.height >= 2 else { return }
        let y = area.y + 1
        let highWidth = DisplayWidth.of(highLabel)
        buffer.write(lowLabel, x: area.x, y: y, style: .dim, clip: area)
        if DisplayWidth.of(lowLabel) + 1 + highWidth <= width {
            buffer.write(highLabel, x: area.x + width - highWidth, y: y, style: .dim, clip: area)
        }
    }
}
