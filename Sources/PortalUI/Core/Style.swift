/// A colour in the small palette every terminal has. `.default` keeps the terminal's own colour.
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one cell is drawn. Meaning is never carried by colour alone: screens pair colour with a word or a
/// symbol, so monochrome terminals and `NO_COLOR` lose nothing.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: Color = .default, background: Color = .default,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let selected = Style(reverse: true)
    public static let title = Style(foreground: .cyan, bold: true)
    public static let good = Style(foreground: .green)
    public static let warning = Style(foreground: .yellow, bold: true)
    public static let danger = Style(foreground: .red, bold: true)
    public static let accent = Style(foreground: .magenta)
}
