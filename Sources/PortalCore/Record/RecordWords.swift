/// The record's tables and columns in the words her screens and commands use: the one map from a stored field
/// to what she (or her therapist) reads about it. A refusal by the database (a column's CHECK, a trigger of the
/// clinic's server) is said with these words and the values the column accepts, never with a table's or a
/// column's name ("pain_entry.score"), which stays in the server's own log for the administrator.
extension RecordPart {
    /// The part `table` belongs to (a clinic-only table belongs to none).
    public static func part(of table: String) -> RecordPart? {
        allCases.first { $0.tables.contains { $0.name == table } }
    }

    /// What a row of `table` is, with its article: "a pain entry", "an exercise session", "her details".
    public static func words(table: String) -> String {
        guard let part = part(of: table) else {
            return RecordPart.clinicOnlyTables.contains { $0.name == table } ? "a report sent to her therapist" : "her record"
        }
        guard let noun = part.nouns?.one else { return "her details" }
        return (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }

    /// How `column` of `table` is named to her: its own words in the map (`RecordColumn.called`), or its name
    /// in words with the row it belongs to ("duration minutes of a visit").
    public static func words(table: String, column: String) -> String {
        let all = RecordPart.tables + RecordPart.clinicOnlyTables
        if let said = all.first(where: { $0.name == table })?.column(column)?.words { return said }
        let row = words(table: table)
        let name = column.replacingOccurrences(of: "_", with: " ")
        return row == "her details" ? "\(name) in her details" : "\(name) of \(row)"
    }

    /// The values `rule` accepts, in words: the one place they are said.
    public static func accepted(_ rule: RecordColumn.Rule) -> String {
        switch rule {
        case .range(let r): return "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .oneOf(let values): return "one of " + values.joined(separator: ", ")
        case .length(let r): return r.lowerBound == 0 ? "at most \(r.upperBound) characters" : "\(r.lowerBound) to \(r.upperBound) characters"
        case .trimmedLength(let r): return "\(r.lowerBound) to \(r.upperBound) characters, not counting spaces at either end"
        }
    }
}
