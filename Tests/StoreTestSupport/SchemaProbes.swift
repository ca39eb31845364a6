import PortalCore

/// Rows to try against a table of the record, made from its map (`RecordTable`), for the schema agreement:
/// each store's migrated table must accept and refuse exactly what a table made from the map accepts and
/// refuses (`RecordSchemaAgreementTests`, and the clinic's). Values at and just past every rule's bounds,
/// values of the wrong form for each kind of column, NULL where it is and is not allowed, and every
/// combination of the columns a table-wide rule reads.
public enum SchemaProbes {
    public typealias Row = [(String, StoredValue)]

    /// One value to try in a column, and whether the map's rule for that column alone accepts it (nil for a
    /// form one database reads leniently and the other does not, such as a date without its leading zero, which
    /// PostgreSQL reads as the date and SQLite refuses: only that both tables agree is checked).
    public struct Probe: Sendable {
        public let value: StoredValue
        public let fits: Bool?
    }

    /// The values to try in `column`.
    public static func probes(_ column: RecordColumn) -> [Probe] {
        var out: [Probe] = []
        func add(_ v: StoredValue, _ fits: Bool?) { out.append(Probe(value: v, fits: fits)) }
        add(.null, column.nullable)
        switch column.kind {
        case .generatedID, .publication:
            return []
        case .reference:
            add(.int(1), true)
        case .integer:
            if case .range(let r)? = column.rule {
                add(.int(r.lowerBound - 1), false); add(.int(r.lowerBound), true); add(.int(r.upperBound), true); add(.int(r.upperBound + 1), false)
            } else {
                add(.int(0), true); add(.int(-5), true); add(.int(1_000_000), true)
            }
        case .date:
            add(.text("2026-11-02"), true); add(.text("2028-02-29"), true)
            add(.text("2026-02-30"), false); add(.text("2026-11-2"), nil); add(.text("soon"), false)
        case .time:
            add(.text("08:00"), true); add(.text("23:59"), true)
            add(.text("25:00"), false); add(.text("08:60"), false); add(.text("08:00:30"), false); add(.text("8 am"), false)
        case .dateTime:
            add(.text("2026-11-02T09:00"), true)
            add(.text("2026-11-31T09:00"), false); add(.text("2026-11-02T09:00:30"), false); add(.text("later"), false)
        case .jsonObject:
            add(.text("{}"), true); add(.text("{\"a\":true}"), true)
            add(.text("[]"), false); add(.text("1"), false); add(.text("{"), false)
        case .text:
            switch column.rule {
            case .oneOf(let values)?:
                for v in values { add(.text(v), true) }
                add(.text("not-one-of-them"), false); add(.text(""), false)
            case .length(let r)?:
                if r.lowerBound > 0 { add(.text(String(repeating: "x", count: r.lowerBound - 1)), false) }
                add(.text(String(repeating: "x", count: r.lowerBound)), true)
                add(.text(String(repeating: "é", count: r.upperBound)), true)
                add(.text(String(repeating: "x", count: r.upperBound + 1)), false)
            case .trimmedLength(let r)?:
                add(.text("   "), r.lowerBound == 0); add(.text(" x "), r.contains(1))
                add(.text(String(repeating: "y", count: r.upperBound)), true)
                add(.text(" " + String(repeating: "y", count: r.upperBound) + " "), true)
                add(.text(String(repeating: "y", count: r.upperBound + 1)), false)
            case .range?, nil:
                add(.text(""), true); add(.text("x"), true); add(.text(String(repeating: "z", count: 3000)), true)
            }
        }
        return out
    }

    /// Rows the table's own rules accept, to change one column of at a time: every combination of the values
    /// that fit in the columns a table-wide rule reads (the others at their first fitting value). Which of them
    /// a table really accepts is for the database to say.
    public static func bases(_ table: RecordTable) -> [Row] {
        let columns = table.sharedColumns.filter { $0.kind != .generatedID }
        let ruled = Set(table.checks.flatMap(\.columns))
        var rows: [Row] = [[]]
        for c in columns {
            let fitting = probes(c).filter { $0.fits == true }.map(\.value)
            let options = ruled.contains(c.name) ? fitting : Array(fitting.filter { $0 != .null }.prefix(1))
            rows = rows.flatMap { row in options.map { row + [(c.name, $0)] } }
        }
        return rows
    }

    /// `row` with `column` set to `value`.
    public static func with(_ row: Row, _ column: String, _ value: StoredValue) -> Row {
        row.map { $0.0 == column ? ($0.0, value) : $0 }
    }
}
