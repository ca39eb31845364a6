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
    /// A day without data in a sparkline: a blank, so it reads as a gap and never as a low bar.
    public var sparkGap: String
    /// The main series of a line chart.
    public var chartPoint: String
    /// The second series of a line chart (e.g. a 7-day average): a different shape, not a different colour.
    public var chartSecondary: String
    /// Charts draw the main series in braille dots (2×4 per cell), so a one-point change moves a dot;
    /// without them (ASCII) each point is its value as a digit, so the level is still readable.
    public var dotCharts: Bool

    // Arrows.
    public var up: String
    public var down: String
    public var left: String
    public var right: String
    /// The arrow keys as a key hint names them: `↑↓` and `←→`, or in ASCII words, `Up/Down` and
    /// `Left/Right` (`^v` and `<>` read as punctuation, not as keys).
    public var upDownKeys: String
    public var leftRightKeys: String
    /// Between a dose before and after it changed: `→`, or `->` (a lone `>` reads as "more than").
    public var becomes: String

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        tickLeft: "┤",
        bullet: "•", selectionMarker: "›", ellipsis: "…", checkboxOn: "[✓]", checkboxOff: "[ ]", check: "✓",
        barFull: "█", barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], sparkGap: " ",
        chartPoint: "●", chartSecondary: "+", dotCharts: true,
        up: "↑", down: "↓", left: "←", right: "→", upDownKeys: "↑↓", leftRightKeys: "←→", becomes: "→")

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        tickLeft: "-",
        bullet: "-", selectionMarker: ">", ellipsis: "~", checkboxOn: "[x]", checkboxOff: "[ ]", check: "x",
        barFull: "#", barEighths: [],
        sparkLevels: ["_", ".", ",", "-", "=", "+", "*", "#"], sparkGap: " ",
        chartPoint: "*", chartSecondary: "+", dotCharts: false,
        up: "^", down: "v", left: "<", right: ">", upDownKeys: "Up/Down", leftRightKeys: "Left/Right", becomes: "->")

    /// `.unicode` when the terminal's locale is UTF-8, else `.ascii`.
    public static func forTerminal(utf8: Bool) -> Glyphs { utf8 ? .unicode : .ascii }
}
