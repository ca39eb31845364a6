/// A screen's sentences, wrapped: never wider than the reading measure (`PortalApp.readingMeasure`), however
/// wide the window, because lines much longer than that are hard to follow. Reading screens are given an area of
/// that measure already (`PortalScreen.isReading`); lists, forms and diaries take the whole width for their rows,
/// and their paragraphs (advice, problems, notices, hints) come through here, so every paragraph keeps one measure.
public enum Paragraph {
    /// The width a paragraph takes in an area `width` cells wide.
    public static func width(_ width: Int) -> Int { min(width, PortalApp.readingMeasure) }

    /// `text` wrapped at `width` cells, or at the reading measure when the area is wider.
    public static func lines(_ text: String, width: Int) -> [String] {
        LineBreaker.lines(text, width: Self.width(width))
    }
}
