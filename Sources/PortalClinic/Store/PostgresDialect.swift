import PortalCore

/// The record map in PostgreSQL's words, for one patient's record on a clinic's server: every statement names
/// the record (`patient_id = $1`, and `patient_id` in every new row), values travel as parameters cast by the
/// column's kind (`$2::date`), and dates and times come back as the map's text (`to_char(time, 'HH24:MI')`).
/// Row-level security still decides what the session may touch; this only says which record it means.
struct PostgresDialect: RecordDatabase {
    let db: PGConnection
    let patientID: Int64
    /// Whether the weeks this session adds are published at once (the patient's own; an import) or drafts
    /// until her therapist publishes them.
    let publishes: Bool
    /// Whether a delete is the statement itself: only the administrator's (a superuser, who holds every right).
    /// A login holds no DELETE on a table (it would let her `LOCK TABLE` it against everyone, qa-d D4) and
    /// deletes through the table's function (`ClinicDeletes`), which refuses what her rights do not reach.
    var direct = false
    /// Her own session publishes what it adds; her therapist's adds drafts.
    var role: Access.Role { publishes ? .patient : .therapist }

    func select(_ table: RecordTable, _ columns: [String], where filter: RowFilter, orderBy order: [RowOrder],
                limit: Int?, _ row: (any RowReader) throws -> Void) throws {
        var params: [(any PGParam)?] = [patientID]
        let list = columns.map { Self.selectExpression($0, table.column($0)) }.joined(separator: ", ")
        var sql = "SELECT \(list) FROM \(table.name) WHERE " + condition(filter, table, &params)
        if !order.isEmpty {
            sql += " ORDER BY " + order.map {
                switch $0 {
                case .ascending(let c): return c
                case .descending(let c): return c + " DESC"
                }
            }.joined(separator: ", ")
        }
        if let limit { sql += " LIMIT \(limit)" }
        for r in try db.query(sql, params).rows {
            // A value the map cannot read (a row written in psql) names the row's part and day.
            do { try row(PostgresRow(row: r)) } catch { throw PortalError.unreadable(error, table: table, columns: columns, values: r.values) }
        }
    }

    /// A clinic's: her details name her therapist as the clinic keeps her (QA H10; the server keeps the column,
    /// change 32).
    var therapistIsClinics: Bool { true }

    /// Her therapist's name as the clinic keeps it (change 26): her own therapist's row is the one a patient's
    /// login may read, and a therapist's her own (row-level security); nil when she is in no caseload.
    func therapistName() throws -> String? {
        try db.query("""
            SELECT t.display_name FROM patient_account a JOIN therapist_account t ON t.role_name = a.therapist_role
            WHERE a.patient_id = $1
            """, [patientID]).rows.first.map { try $0.text("display_name") }
    }

    func insert(_ table: RecordTable, _ values: [(String, StoredValue)], onConflict conflict: OnConflict) throws -> Int64? {
        var params: [(any PGParam)?] = [patientID]
        var names = ["patient_id"], placeholders = ["$1"]
        for (name, value) in values {
            names.append(name)
            placeholders.append(bind(value, table.column(name), &params))
        }
        // A clinic's own columns: when a week is published (now, or a draft until then).
        for c in table.columns where c.kind == .publication {
            names.append(c.name)
            placeholders.append(publishes ? "now()" : "NULL")
        }
        var sql = "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))"
        if conflict == .keep { sql += " ON CONFLICT DO NOTHING" }
        guard let id = table.generatedID else {
            try db.query(sql, params)
            return nil
        }
        return try db.query(sql + " RETURNING \(id.name)", params).rows.first.map { try $0.int64(id.name) }
    }

    func update(_ table: RecordTable, set values: [(String, StoredValue)], where filter: RowFilter) throws -> Int {
        var params: [(any PGParam)?] = [patientID]
        let assignments = values.map { "\($0.0) = " + bind($0.1, table.column($0.0), &params) }.joined(separator: ", ")
        return try db.query("UPDATE \(table.name) SET \(assignments) WHERE " + condition(filter, table, &params), params).affected
    }

    func delete(_ table: RecordTable, where filter: RowFilter) throws -> Int {
        var params: [(any PGParam)?] = [patientID]
        if direct { return try db.query("DELETE FROM \(table.name) WHERE " + condition(filter, table, &params), params).affected }
        guard let terms = ClinicDeletes.terms(filter) else {
            throw PortalError.storage("A clinic's rows of \(table.name) are not deleted by their parent's; nothing was deleted.")
        }
        return try db.query("SELECT public.\(ClinicDeletes.function(table.name))($1, $2::jsonb) AS n", [patientID, ClinicDeletes.json(terms)])
            .rows.first?.int("n") ?? 0
    }

    func count(_ table: RecordTable, where filter: RowFilter) throws -> Int {
        var params: [(any PGParam)?] = [patientID]
        return try db.query("SELECT count(*) AS n FROM \(table.name) WHERE " + condition(filter, table, &params), params)
            .rows.first?.int("n") ?? 0
    }

    func days(_ table: RecordTable, _ column: String, where filter: RowFilter) throws -> [CalendarDate] {
        var params: [(any PGParam)?] = [patientID]
        let sql = "SELECT DISTINCT \(column)::text AS d FROM \(table.name) WHERE " + condition(filter, table, &params) + " ORDER BY 1"
        return try db.query(sql, params).rows.map { try PostgresRow(row: $0).date(0) }
    }

    /// `FOR NO KEY UPDATE`, the lock the rows' UPDATE takes, in the key's order (two writers holding parts of one
    /// set take them in the same order, so neither waits on the other while holding what it waits for). Row-level
    /// security leaves out the rows this login may not change (a visit her therapist recorded, for her own
    /// login): those are not held, and a write of them is refused anyway.
    func holdForWrite(_ table: RecordTable, where filter: RowFilter) throws {
        var params: [(any PGParam)?] = [patientID]
        let key = table.key.joined(separator: ", ")
        try db.query("SELECT \(key) FROM \(table.name) WHERE " + condition(filter, table, &params) + " ORDER BY \(key) FOR NO KEY UPDATE", params)
    }

    /// `$n` for `value`, cast to the column's type, its text appended to `params`.
    private func bind(_ value: StoredValue, _ column: RecordColumn?, _ params: inout [(any PGParam)?]) -> String {
        switch value {
        case .int(let i): params.append(i)
        case .text(let s): params.append(s)
        case .null: params.append(nil)
        }
        return "$\(params.count)" + (column.map { Self.cast($0.kind) } ?? "")
    }

    /// The record's rows of `table` matching `filter`: `patient_id = $1 AND …`.
    private func condition(_ filter: RowFilter, _ table: RecordTable, _ params: inout [(any PGParam)?]) -> String {
        (["patient_id = $1"] + [render(filter, table, &params)].filter { !$0.isEmpty }).joined(separator: " AND ")
    }

    private func render(_ filter: RowFilter, _ table: RecordTable, _ params: inout [(any PGParam)?]) -> String {
        switch filter {
        case .all: return ""
        case .unpublished:
            guard let c = table.columns.first(where: { $0.kind == .publication }) else { return "false" }
            return "\(c.name) IS NULL"
        case .equal(let c, let v): return "\(c) = " + bind(v, table.column(c), &params)
        case .atLeast(let c, let v): return "\(c) >= " + bind(v, table.column(c), &params)
        case .atMost(let c, let v): return "\(c) <= " + bind(v, table.column(c), &params)
        case .and(let filters): return filters.map { render($0, table, &params) }.filter { !$0.isEmpty }.joined(separator: " AND ")
        case .parent(let inner):
            guard let parent = table.parent, let parentTable = RecordPart.table(named: parent.table) else { return "false" }
            let columns = parent.columns.count == 1 ? parent.columns[0] : "(" + parent.columns.joined(separator: ", ") + ")"
            return "\(columns) IN (SELECT \(parentTable.key.joined(separator: ", ")) FROM \(parentTable.name) WHERE "
                + condition(inner, parentTable, &params) + ")"
        }
    }

    static func cast(_ kind: RecordColumn.Kind) -> String {
        switch kind {
        case .date: return "::date"
        case .time: return "::time"
        case .dateTime: return "::timestamp"
        case .jsonObject: return "::jsonb"
        case .generatedID, .reference: return "::bigint"
        case .integer: return "::integer"
        case .text, .publication: return ""
        }
    }

    /// A column read as the map's text: `2026-11-02`, `09:30`, `2026-11-02T09:30`, the JSON as written.
    /// `alias`: the table's alias in the statement, to qualify the column with (a caseload's set-based read).
    static func selectExpression(_ name: String, _ column: RecordColumn?, alias: String? = nil) -> String {
        let n = alias.map { "\($0).\(name)" } ?? name
        guard let c = column else { return n }
        switch c.kind {
        case .date, .jsonObject: return "\(n)::text"
        case .time: return "to_char(\(n), 'HH24:MI')"
        case .dateTime: return "to_char(\(n), 'YYYY-MM-DD\"T\"HH24:MI')"
        default: return n
        }
    }
}

/// A row of a result, read by position.
struct PostgresRow: RowReader {
    let row: PGRow

    func optionalText(_ column: Int) throws -> String? {
        guard column < row.values.count else { throw Self.unreadable(column) }
        return row.values[column]
    }

    func optionalInt(_ column: Int) throws -> Int? {
        guard let text = try optionalText(column) else { return nil }
        guard let v = Int(text) else { throw Self.unreadable(column) }
        return v
    }
}

extension PostgresDialect {
    /// The CREATE TABLE (and CREATE INDEX) statements for `table` in the clinic's schema, as the map describes
    /// it: every row carries `patient_id`, first in the key, in the parent's key and in every index. What a
    /// migration adding a new table pastes in as a literal (a shipped migration never changes when the map
    /// does), and what `ClinicSchemaAgreementTests` compares the migrated tables with. Its policies and grants
    /// are not here: `ClinicSecurity` makes them from the map. `foreignKeys: false` leaves the parent out.
    public static func createTable(_ table: RecordTable, named name: String? = nil, foreignKeys: Bool = true, indexes: Bool = true,
                                   temporary: Bool = false) -> String {
        let account = foreignKeys && table.parent == nil ? " REFERENCES patient_account(patient_id) ON DELETE CASCADE" : ""
        var lines = ["patient_id bigint NOT NULL" + account]
        lines += table.columns.map(columnDefinition)
        lines.append("PRIMARY KEY (" + (["patient_id"] + table.key).joined(separator: ", ") + ")")
        for u in table.unique { lines.append("UNIQUE (" + (["patient_id"] + u).joined(separator: ", ") + ")") }
        for check in table.checks { lines.append("CHECK (\(check.sql))") }
        if foreignKeys, let parent = table.parent, let parentTable = RecordPart.table(named: parent.table) {
            lines.append("FOREIGN KEY (" + (["patient_id"] + parent.columns).joined(separator: ", ") + ") REFERENCES \(parentTable.name)("
                + (["patient_id"] + parentTable.key).joined(separator: ", ") + ") ON DELETE CASCADE")
        }
        let tableName = name ?? table.name
        var sql = "CREATE \(temporary ? "TEMPORARY " : "")TABLE \(tableName) (\n    " + lines.joined(separator: ",\n    ") + "\n);"
        if indexes {
            for index in table.indexes {
                sql += "\nCREATE INDEX \(index.name) ON \(tableName)(" + (["patient_id"] + index.columns).joined(separator: ", ") + ");"
            }
        }
        if table.generatedID != nil, !temporary {
            sql += "\nCREATE TRIGGER record_next_id BEFORE INSERT ON \(tableName) FOR EACH ROW EXECUTE FUNCTION record_next_id();"
        }
        return sql
    }

    static func columnDefinition(_ c: RecordColumn) -> String {
        let n = c.name
        var checks: [String] = []
        var def: String
        switch c.kind {
        // Numbered within the record by the trigger `record_next_id` (clinic change 10), never by a sequence
        // shared by every patient's rows.
        case .generatedID: return "\(n) bigint NOT NULL"
        case .reference: def = "\(n) bigint"
        case .integer: def = "\(n) integer"
        case .text: def = "\(n) text"
        case .date: def = "\(n) date"
        case .time:
            def = "\(n) time(0) without time zone"
            checks.append("date_trunc('minute', \(n)) = \(n)")
        case .dateTime:
            def = "\(n) timestamp(0) without time zone"
            checks.append("date_trunc('minute', \(n)) = \(n)")
        case .jsonObject:
            def = "\(n) jsonb"
            checks.append("jsonb_typeof(\(n)) = 'object'")
        case .publication: def = "\(n) timestamptz"
        }
        if !c.nullable { def += " NOT NULL" }
        if let d = c.defaultText { def += " DEFAULT '\(d)'" }
        if let rule = c.rule {
            switch rule {
            case .range(let r): checks.append("\(n) BETWEEN \(r.lowerBound) AND \(r.upperBound)")
            case .oneOf(let values): checks.append("\(n) IN (\(values.map { "'\($0)'" }.joined(separator: ", ")))")
            case .length(let r): checks.append(r.lowerBound == 0 ? "length(\(n)) <= \(r.upperBound)" : "length(\(n)) BETWEEN \(r.lowerBound) AND \(r.upperBound)")
            case .trimmedLength(let r): checks.append("length(btrim(\(n))) BETWEEN \(r.lowerBound) AND \(r.upperBound)")
            }
        }
        return def + checks.map { " CHECK (\($0))" }.joined()
    }
}
