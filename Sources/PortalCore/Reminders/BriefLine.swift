/// `portal today --brief`: what is still due today on one line, for a shell prompt or a login message.
/// "Log today's pain · 2 of 4 exercises left · visit 4 tomorrow 09:30".
public enum BriefLine {
    public static let separator = " · "
    /// The most the line takes, so it never wraps in an 80-column terminal.
    public static let width = 80

    /// The line for `items`, at most `width` columns as `columns` counts them (the terminal's display width;
    /// PortalCore knows nothing of terminals, so the caller says how wide text is). nil when nothing is due.
    ///
    /// Every item keeps its place while it can: the wordings shorten together first ("2/4 exercises"), and
    /// only when even the shortest do not fit are the last items counted instead ("+2 more"); narrower still,
    /// the first item and the count ("log pain +2"), then the count alone ("3 due"). Nothing is left out
    /// without a word.
    public static func line(_ items: [DueItem], width: Int = width, columns: (String) -> Int = { $0.count }) -> String? {
        guard !items.isEmpty else { return nil }
        let levels = (items.map(\.shorter.count).max() ?? 0) + 1
        for level in 0..<levels {
            let text = items.map { $0.wording(level) }.joined(separator: separator)
            if columns(text) <= width { return text }
        }
        // The shortest wordings, as many as fit with the count of the rest after them.
        let shortest = items.map { $0.wording(levels) }
        for kept in stride(from: items.count - 1, through: 1, by: -1) {
            let text = shortest.prefix(kept).joined(separator: separator) + separator + "+\(items.count - kept) more"
            if columns(text) <= width { return text }
        }
        // Too narrow for the words " · " and "more": the first item and the count, or the count alone.
        if items.count > 1 {
            for text in [shortest[0] + " +\(items.count - 1)", "\(items.count) due"] where columns(text) <= width { return text }
        }
        // One item alone wider than the line (a later part's long wording): cut, never wider.
        var text = shortest[0]
        while columns(text) > width { text.removeLast() }
        return text
    }
}
