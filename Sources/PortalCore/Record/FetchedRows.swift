/// One record's rows as a set-based read brought them (a therapist's caseload reads every patient of hers at once,
/// table by table), read back through the record map as if from the store: the map's own reads decode them, so
/// no part is decoded twice in two ways. The rows are what the caller fetched and bounded; this filters, orders
/// and limits them as a store would (`RowFilter`, `RowOrder`). It only reads.
public struct FetchedRows: RecordDatabase {
    /// One table's fetched rows: each value as the map reads it (its text, nil for NULL), in `columns`' order.
    public struct Table: Sendable {
        public var columns: [String]
        public var rows: [[String?]]
        public init(columns: [String], rows: [[String?]] = []) {
            self.columns = columns
            self.rows = rows
        }
    }

    public var role: Access.Role
    /// By table name; a table not fetched reads as empty.
    public var tables: [String: Table]

    public init(role: Access.Role, tables: [String: Table] = [:]) {
        self.role = role
        self.tables = tables
    }

    public func select(_ table: RecordTable, _ columns: [String], where filter: RowFilter, orderBy order: [RowOrder],
                       limit: Int?, _ row: (any RowReader) throws -> Void) throws {
        guard let t = tables[table.name] else { return }
        let positions = try columns.map { c -> Int in
            guard let i = t.columns.firstIndex(of: c) else { throw PortalError.storage("The column \(table.name).\(c) was not fetched.") }
            return i
        }
        var rows = t.rows.filter(try predicate(filter, table, t))
        if !order.isEmpty {
            let keys = try order.map { o -> (Int, Bool, Bool) in
                let (name, ascending): (String, Bool) = switch o {
                case .ascending(let c): (c, true)
                case .descending(let c): (c, false)
                }
                guard let i = t.columns.firstIndex(of: name) else { throw PortalError.storage("The column \(table.name).\(name) was not fetched.") }
                return (i, ascending, Self.isNumber(table.column(name)))
            }
            rows.sort { a, b in
                for (i, ascending, number) in keys {
                    let c = Self.compare(a[i], b[i], number: number)
                    if c != 0 { return ascending ? c < 0 : c > 0 }
                }
                return false
            }
        }
        for r in rows.prefix(limit ?? Int.max) {
            let values = positions.map { r[$0] }
            // A value the map cannot read names the row's part and day (one patient's row, not the whole caseload).
            do { try row(Values(values: values)) } catch { throw PortalError.unreadable(error, table: table, columns: columns, values: values) }
        }
    }

    public func count(_ table: RecordTable, where filter: RowFilter) throws -> Int {
        guard let t = tables[table.name] else { return 0 }
        return t.rows.filter(try predicate(filter, table, t)).count
    }

    public func days(_ table: RecordTable, _ column: String, where filter: RowFilter) throws -> [CalendarDate] {
        var days: Set<CalendarDate> = []
        try select(table, [column], where: filter, orderBy: [], limit: nil) { days.insert(try $0.date(0)) }
        return days.sorted()
    }

    public func insert(_ table: RecordTable, _ values: [(String, StoredValue)], onConflict conflict: OnConflict) throws -> Int64? {
        throw Self.readOnly
    }
    public func update(_ table: RecordTable, set values: [(String, StoredValue)], where filter: RowFilter) throws -> Int { throw Self.readOnly }
    public func delete(_ table: RecordTable, where filter: RowFilter) throws -> Int { throw Self.readOnly }

    static let readOnly = PortalError.storage("Rows fetched for reading are not written back.")

    // MARK: Filters, as the stores' SQL reads them

    /// `filter` as a test of a row of `t`, its columns found once (a parent's keys gathered once, not once a row).
    private func predicate(_ filter: RowFilter, _ table: RecordTable, _ t: Table) throws -> ([String?]) -> Bool {
        func index(_ column: String, _ table: RecordTable, _ t: Table) throws -> Int {
            guard let i = t.columns.firstIndex(of: column) else { throw PortalError.storage("The column \(table.name).\(column) was not fetched.") }
            return i
        }
        // NULL compares as nothing.
        func comparing(_ column: String, _ v: StoredValue, _ test: @escaping (Int) -> Bool) throws -> ([String?]) -> Bool {
            let i = try index(column, table, t), number = Self.isNumber(table.column(column)), theirs = Self.text(v)
            return { row in
                guard let mine = row[i], let theirs else { return false }
                return test(Self.compare(mine, theirs, number: number))
            }
        }
        switch filter {
        case .all: return { _ in true }
        case .equal(let c, let v): return try comparing(c, v) { $0 == 0 }
        case .atLeast(let c, let v): return try comparing(c, v) { $0 >= 0 }
        case .atMost(let c, let v): return try comparing(c, v) { $0 <= 0 }
        case .and(let filters):
            let tests = try filters.map { try predicate($0, table, t) }
            return { row in tests.allSatisfy { $0(row) } }
        case .unpublished:
            guard let c = table.columns.first(where: { $0.kind == .publication }) else { return { _ in false } }
            let i = try index(c.name, table, t)
            return { $0[i] == nil }
        case .parent(let inner):
            guard let parent = table.parent, let parentTable = RecordPart.table(named: parent.table),
                  let fetched = tables[parentTable.name] else { return { _ in false } }
            let mine = try parent.columns.map { try index($0, table, t) }
            let keyAt = try parentTable.key.map { try index($0, parentTable, fetched) }
            let keys = Set(fetched.rows.filter(try predicate(inner, parentTable, fetched)).map { p in keyAt.map { p[$0] } })
            return { row in keys.contains(mine.map { row[$0] }) }
        }
    }

    private static func isNumber(_ column: RecordColumn?) -> Bool {
        switch column?.kind {
        case .integer?, .generatedID?, .reference?: return true
        default: return false
        }
    }

    private static func text(_ v: StoredValue) -> String? {
        switch v {
        case .int(let i): return String(i)
        case .text(let s): return s
        case .null: return nil
        }
    }

    /// -1, 0, 1: numbers by value, the rest by their text (dates, times and date-times are written to sort as
    /// text); NULL first, as SQLite orders it.
    private static func compare(_ a: String?, _ b: String?, number: Bool) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let a?, let b?):
            if number, let x = Int64(a), let y = Int64(b) { return x < y ? -1 : (x == y ? 0 : 1) }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    /// A fetched row's chosen columns, read by position.
    struct Values: RowReader {
        let values: [String?]
        func optionalText(_ column: Int) throws -> String? {
            guard column < values.count else { throw Self.unreadable(column) }
            return values[column]
        }
        func optionalInt(_ column: Int) throws -> Int? {
            guard let text = try optionalText(column) else { return nil }
            guard let v = Int(text) else { throw Self.unreadable(column) }
            return v
        }
    }
}
