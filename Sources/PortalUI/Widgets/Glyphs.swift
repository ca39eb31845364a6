/// Every symbol a widget draws, in two sets: Unicode for UTF-8 terminals and plain ASCII for the rest
/// (no UTF-8 locale means every non-ASCII character vanishes, so the terminal layer picks `.ascii` then).
/// Widgets that draw symbols take a `Glyphs` instead of hard-coding characters.
public struct Glyphs: Sendable, Hashable {
    // Box drawing.
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String
    /// A vertical line with a tick to the left (`┤`): y-axis ticks.
    public var tickLeft: String

    // Lists and text.
    public var bullet: String
    /// Marks the selected row, so the selection shows without colour or reverse video.
    public var selectionMarker: String
    public var ellipsis: String
    public var checkboxOn: String
    public var checkboxOff: String
    /// A standalone "done" mark.
    public var check: String

    // Bars, sparklines, charts.
    public var barFull: String
    /// Partial cells from 1/8 to 7/8 of a cell; empty when the set has none (ASCII rounds instead).
    public var barEighths: [String]
    /// Sparkline levels from lowest to highest.
    public var sparkLevels: [String]
    /// A day without data in a sparkline.
    public var sparkGap: String
    /// The main series of a line chart.
    public var chartPoint: String
    /// The second series of a line chart (e.g. a 7-day average): a different shape, not a different colour.
    public var chartSecondary: String

    // Arrows.
    public var up: String
    public var down: String
    public var left: String
    public var right: String

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        tickLeft: "┤",
        bullet: "•", selectionMarker: "›", ellipsis: "…", checkboxOn: "[✓]", checkboxOff: "[ ]", check: "✓",
        barFull: "█", barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], sparkGap: "·",
        chartPoint: "●", chartSecondary: "·",
        up: "↑", down: "↓", left: "←", right: "→")

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        tickLeft: "+",
        bullet: "-", selectionMarker: ">", ellipsis: "~", checkboxOn: "[x]", checkboxOff: "[ ]", check: "x",
        barFull: "#", barEighths: [],
        sparkLevels: ["_", ".", "-", "=", "#"], sparkGap: " ",
        chartPoint: "*", chartSecondary: "+",
        up: "^", down: "v", left: "<", right: ">")

    /// `.unicode` when the terminal's locale is UTF-8, else `.ascii`.
    public static func forTerminal(utf8: Bool) -> Glyphs { utf8 ? .unicode : .ascii }
}
