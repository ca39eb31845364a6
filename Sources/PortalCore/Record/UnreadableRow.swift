/// A row the record map could not decode, named in words: which part of the record and which day, so the
/// caseload can say whose record and what failed (D21: a patient's own row, written in psql in a shape the map
/// does not read, must not stop her therapist's whole caseload).
extension PortalError {
    /// `error`, thrown while decoding a row of `table` (`values` by `columns`), as an `unreadableRow` naming the
    /// part and the row's day; any other error (a lost connection) as it is.
    public static func unreadable(_ error: Error, table: RecordTable, columns: [String], values: [String?]) -> Error {
        if case PortalError.unreadableRow? = error as? PortalError { return error }
        guard let portal = error as? PortalError, case .storage(let text) = portal, text.hasPrefix(unreadableValue) else { return error }
        let part = RecordPart.allCases.first { $0.tables.contains { $0.name == table.name } }
        let noun = part?.nouns?.one ?? (part == .profile ? "her details" : table.name)
        // The row's first date column, when it has one and it reads as a date.
        let day = table.columns.first { $0.kind == .date }.flatMap { c in columns.firstIndex(of: c.name) }
            .flatMap { values[$0] }.flatMap { CalendarDate($0) }
        let what = (part == .profile ? noun : "a \(noun)") + (day.map { " dated \($0.shortText) \($0.year)" } ?? "")
        return PortalError.unreadableRow(what: what)
    }

    /// The words of an `unreadableRow` ("a questionnaire dated Mon 7 Dec 2026"), nil for any other error.
    public var unreadableWhat: String? {
        if case .unreadableRow(let what) = self { return what }
        return nil
    }
}
