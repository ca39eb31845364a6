import PortalCore

/// Every date and date-and-time column of the record map (`RecordColumn.holdsADay`) held by the server to a
/// finite value in `RecordColumn.recordYears` (qa-h H2: a patient's login booked a visit at `infinity`, which
/// stopped her therapist's whole caseload and her own portal). Made from the map's columns, so a date column
/// added to the map is guarded without a line here.
///
/// A trigger per table (`<table>_date_bounds`), for every login but the administrator's (a superuser, who
/// restores and imports records as they were), made again after every migration like `textBounds` and
/// `jsonShapes`: rows already kept are not checked, so the update never fails on a clinic that already holds
/// one; `clinic init` names them (`datesOutOfBounds`) and the portal reads such a row as "could not be read".
extension ClinicSchema {
    /// The tables of the map and their columns that hold a day.
    static var dayColumns: [(table: String, columns: [String])] {
        (RecordPart.tables + RecordPart.clinicOnlyTables).compactMap { table in
            let columns = table.columns.filter(\.holdsADay).map(\.name)
            return columns.isEmpty ? nil : (table.name, columns)
        }
    }

    /// The SQL condition a day `value` breaks (NULL is the column's own NOT NULL's business).
    static func outOfBounds(_ value: String) -> String {
        let years = RecordColumn.recordYears
        return "(\(value) IS NOT NULL AND NOT (isfinite(\(value)) AND \(value) >= DATE '\(years.lowerBound)-01-01' AND \(value) < DATE '\(years.upperBound + 1)-01-01'))"
    }

    static var dateBounds: String {
        let years = RecordColumn.recordYears
        return dayColumns.map { table, columns in
            let name = "\(table)_date_bounds"
            return refusing(name, on: table, when: columns.map { outOfBounds("NEW.\($0)") }.joined(separator: " OR "),
                            raise: literal("every date of \(RecordPart.words(table: table)) falls within the years \(years.lowerBound) to \(years.upperBound), as the portal reads it"),
                            detail: literal("\(table): \(columns.joined(separator: ", "))"))
        }.joined(separator: "\n")
    }

    /// The rows kept from before `dateBounds` (or written by the administrator) whose day is out of bounds, as
    /// "table.column: N" with the patients' logins, for `clinic init` to name: the portal reads each as "could
    /// not be read" until the administrator corrects it. Empty when there is none.
    public static func datesOutOfBounds(_ db: PGConnection) throws -> [String] {
        try dayColumns.flatMap { table, columns in
            try columns.compactMap { column -> String? in
                let rows = try db.query("""
                    SELECT count(*) AS n, string_agg(DISTINCT a.role_name, ', ') AS who FROM \(table) t
                    JOIN patient_account a USING (patient_id) WHERE \(outOfBounds("t.\(column)"))
                    """).rows
                guard let n = try rows.first?.int("n"), n > 0 else { return nil }
                return "\(table).\(column): \(n.counted("row")) (\(try rows.first?.text("who") ?? ""))"
            }
        }
    }
}
