import GRDB

/// The record map in SQLite's words: the one `RecordDatabase` of a SQLite file, which holds one record. Dates
/// and times are `TEXT` (`YYYY-MM-DD`, `HH:MM`), checked by SQLite's own date functions; a parent is named by
/// its key with a row value (`(week, exercise_id) IN (SELECT …)`). Every statement is cached by its text.
struct SQLiteDialect: RecordDatabase {
    /// A file is one record, hers.
    var role: Access.Role { .patient }

    let db: Database

    func select(_ table: RecordTable, _ columns: [String], where filter: RowFilter, orderBy order: [RowOrder],
                limit: Int?, _ row: (any RowReader) throws -> Void) throws {
        var args: [DatabaseValueConvertible?] = []
        var sql = "SELECT \(columns.joined(separator: ", ")) FROM \(table.name)" + Self.whereClause(filter, table, &args)
        if !order.isEmpty {
            sql += " ORDER BY " + order.map {
                switch $0 {
                case .ascending(let c): return c
                case .descending(let c): return c + " DESC"
                }
            }.joined(separator: ", ")
        }
        if let limit { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(args))
        while let r = try rows.next() { try row(SQLiteRow(row: r)) }
    }

    func insert(_ table: RecordTable, _ values: [(String, StoredValue)], onConflict conflict: OnConflict) throws -> Int64? {
        var names = values.map(\.0), args = values.map { Self.argument($0.1) }
        if table.singleRow { names.insert("id", at: 0); args.insert(1, at: 0) }
        let verb = conflict == .keep ? "INSERT OR IGNORE" : "INSERT"
        let sql = "\(verb) INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(args))
        guard table.generatedID != nil, db.changesCount > 0 else { return nil }
        return db.lastInsertedRowID
    }

    func update(_ table: RecordTable, set values: [(String, StoredValue)], where filter: RowFilter) throws -> Int {
        var args = values.map { Self.argument($0.1) }
        let sql = "UPDATE \(table.name) SET \(values.map { "\($0.0) = ?" }.joined(separator: ", "))" + Self.whereClause(filter, table, &args)
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(args))
        return db.changesCount
    }

    func delete(_ table: RecordTable, where filter: RowFilter) throws -> Int {
        var args: [DatabaseValueConvertible?] = []
        try db.cachedStatement(sql: "DELETE FROM \(table.name)" + Self.whereClause(filter, table, &args)).execute(arguments: StatementArguments(args))
        return db.changesCount
    }

    func count(_ table: RecordTable, where filter: RowFilter) throws -> Int {
        var args: [DatabaseValueConvertible?] = []
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM \(table.name)" + Self.whereClause(filter, table, &args)),
                                arguments: StatementArguments(args)) ?? 0
    }

    func days(_ table: RecordTable, _ column: String, where filter: RowFilter) throws -> [CalendarDate] {
        var args: [DatabaseValueConvertible?] = []
        let sql = "SELECT DISTINCT \(column) FROM \(table.name)" + Self.whereClause(filter, table, &args) + " ORDER BY \(column)"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(args))
        var out: [CalendarDate] = []
        while let r = try rows.next() { out.append(try SQLiteRow(row: r).date(0)) }
        return out
    }

    static func argument(_ v: StoredValue) -> DatabaseValueConvertible? {
        switch v {
        case .int(let i): return i
        case .text(let s): return s
        case .null: return nil
        }
    }

    /// ` WHERE …` for `filter` on `table` (nothing for `.all`), its values appended to `args`.
    static func whereClause(_ filter: RowFilter, _ table: RecordTable, _ args: inout [DatabaseValueConvertible?]) -> String {
        let condition = render(filter, table, &args)
        return condition.isEmpty ? "" : " WHERE " + condition
    }

    private static func render(_ filter: RowFilter, _ table: RecordTable, _ args: inout [DatabaseValueConvertible?]) -> String {
        switch filter {
        case .all: return ""
        // A file has no drafts: each week is hers as it is written.
        case .unpublished: return "0"
        case .equal(let c, let v): args.append(argument(v)); return "\(c) = ?"
        case .atLeast(let c, let v): args.append(argument(v)); return "\(c) >= ?"
        case .atMost(let c, let v): args.append(argument(v)); return "\(c) <= ?"
        case .and(let filters):
            return filters.map { render($0, table, &args) }.filter { !$0.isEmpty }.joined(separator: " AND ")
        case .parent(let inner):
            guard let parent = table.parent, let parentTable = RecordPart.table(named: parent.table) else { return "0" }
            let columns = parent.columns.count == 1 ? parent.columns[0] : "(" + parent.columns.joined(separator: ", ") + ")"
            return "\(columns) IN (SELECT \(parentTable.key.joined(separator: ", ")) FROM \(parentTable.name)"
                + whereClause(inner, parentTable, &args) + ")"
        }
    }
}

/// A row of a SQLite cursor, read by position without copying it.
struct SQLiteRow: RowReader {
    let row: Row

    func optionalText(_ column: Int) throws -> String? {
        do { return try row.decode(String?.self, atIndex: column) } catch { throw Self.unreadable(column) }
    }

    func optionalInt(_ column: Int) throws -> Int? {
        do { return try row.decode(Int?.self, atIndex: column) } catch { throw Self.unreadable(column) }
    }
}

extension SQLiteDialect {
    /// The CREATE TABLE (and CREATE INDEX) statements for `table` as the map describes it: what a migration
    /// adding a new table of the record pastes in as a literal (a shipped migration never changes when the map
    /// does), and what the schema agreement compares the migrated tables with. `foreignKeys: false` leaves the
    /// parent out (the agreement's copies of a table stand alone).
    public static func createTable(_ table: RecordTable, named name: String? = nil, foreignKeys: Bool = true, indexes: Bool = true) -> String {
        var lines: [String] = []
        if table.singleRow { lines.append("id INTEGER PRIMARY KEY CHECK (id = 1)") }
        for c in table.sharedColumns {
            lines.append(columnDefinition(c, isKey: table.key == [c.name]))
        }
        if table.key.count > 1 { lines.append("PRIMARY KEY (\(table.key.joined(separator: ", ")))") }
        for u in table.unique { lines.append("UNIQUE (\(u.joined(separator: ", ")))") }
        for check in table.checks { lines.append("CHECK (\(check.sql))") }
        if foreignKeys, let parent = table.parent, let parentTable = RecordPart.table(named: parent.table) {
            lines.append("FOREIGN KEY (\(parent.columns.joined(separator: ", "))) REFERENCES \(parentTable.name)(\(parentTable.key.joined(separator: ", "))) ON DELETE CASCADE")
        }
        let tableName = name ?? table.name
        var sql = "CREATE TABLE \(tableName) (\n    " + lines.joined(separator: ",\n    ") + "\n);"
        if indexes {
            for index in table.indexes {
                sql += "\nCREATE INDEX \(index.name) ON \(tableName)(\(index.columns.joined(separator: ", ")));"
            }
        }
        return sql
    }

    static func columnDefinition(_ c: RecordColumn, isKey: Bool) -> String {
        let n = c.name
        var def = n
        var checks: [String] = []
        switch c.kind {
        case .generatedID: return "\(n) INTEGER PRIMARY KEY"
        case .integer, .reference: def += " INTEGER"
        case .text: def += " TEXT"
        case .date:
            def += " TEXT"
            checks.append("(date(\(n), '+0 days') IS \(n))")
        case .time:
            def += " TEXT"
            checks.append("length(\(n)) = 5 AND time(\(n) || ':00') IS \(n) || ':00'")
        case .dateTime:
            def += " TEXT"
            checks.append("(date(substr(\(n), 1, 10), '+0 days') IS substr(\(n), 1, 10)) AND length(\(n)) = 16 AND substr(\(n), 11, 1) = 'T'")
        case .jsonObject:
            def += " TEXT"
            checks.append("json_valid(\(n)) AND json_type(\(n)) = 'object'")
        case .publication: return ""
        }
        if isKey { def += " PRIMARY KEY" }
        if !c.nullable { def += " NOT NULL" }
        if let d = c.defaultText { def += " DEFAULT '\(d)'" }
        if let rule = c.rule { checks.append(ruleSQL(rule, n)) }
        for check in checks { def += " CHECK (\(check))" }
        return def
    }

    static func ruleSQL(_ rule: RecordColumn.Rule, _ n: String) -> String {
        switch rule {
        case .range(let r): return "\(n) BETWEEN \(r.lowerBound) AND \(r.upperBound)"
        case .oneOf(let values): return "\(n) IN (\(values.map { "'\($0)'" }.joined(separator: ", ")))"
        case .length(let r): return r.lowerBound == 0 ? "length(\(n)) <= \(r.upperBound)" : "length(\(n)) BETWEEN \(r.lowerBound) AND \(r.upperBound)"
        case .trimmedLength(let r): return "length(trim(\(n))) BETWEEN \(r.lowerBound) AND \(r.upperBound)"
        }
    }
}
