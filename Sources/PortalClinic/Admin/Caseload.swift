import PortalCore


extension PostgresStore {
    /// The caseload as the portal shows it: the content's safety guide, exercise rules and questionnaires.
    public static func caseload(_ connection: PGConnection, clock: PortalClock, content: ContentLibrary) throws -> [CaseloadRow] {
        try caseload(connection, clock: clock, guide: content.safety, rules: content.exercises.rules, measures: content.measures)
    }

    /// The caseload of the therapist logged in on `connection`, in the order to look at it: each patient's row
    /// made by the one rule (`CaseloadRow`, which the caseload screen uses too), ordered by `CaseloadRow.ordered`.
    /// Read in one read transaction for all her patients at once (issue 26): a few set-based queries, each for
    /// every patient, bounded to what a row needs (`CaseloadRead`), then each patient's rows made into her
    /// snapshot through the record map. Row-level security still decides what she reads: only her own patients.
    /// A patient whose row the narrow read cannot make exactly (`CaseloadRead.needsWholeRead`) is read whole.
    /// `rules`: the exercises' rules, so adherence and the held-back exercises follow her stage as it is now.
    /// `measures`: the questionnaires of the content, to word each one's change since the first.
    public static func caseload(_ connection: PGConnection, clock: PortalClock, guide: SafetyGuide, rules: ExerciseRules = .none,
                                measures: [Measure] = []) throws -> [CaseloadRow] {
        try caseloadRead(connection, clock: clock, guide: guide, rules: rules, measures: measures).rows
    }

    /// The caseload, and the patients whose rows came from their whole snapshot (`CaseloadRead.needsWholeRead`).
    static func caseloadRead(_ connection: PGConnection, clock: PortalClock, guide: SafetyGuide, rules: ExerciseRules,
                             measures: [Measure]) throws -> (rows: [CaseloadRow], readWhole: [String]) {
        var whole: [String] = []
        var rows = try connection.transaction(.repeatableRead, readOnly: true) { db -> [CaseloadRow] in
            let patients = try db.query("SELECT patient_id, role_name FROM patient_account WHERE therapist_role = current_user::text ORDER BY role_name")
                .rows.map { (try $0.int64("patient_id"), try $0.text("role_name")) }
            let fetched = try CaseloadFetch(db, ids: patients.map(\.0), today: clock.today)
            return try patients.compactMap { id, role -> CaseloadRow? in
                // Each patient's rows decoded on their own: a row of hers the map cannot read gives her own line,
                // never the whole caseload's failure (D21).
                try Self.unlessUnreadable(role, name: { try ProfileMap.read(fetched.rows(of: id))?.name }) {
                    let snapshot = try CaseloadRead.snapshot(fetched.rows(of: id), clock: clock, rules: rules)
                    guard !CaseloadRead.needsWholeRead(snapshot) else { whole.append(role); return nil }
                    let facts = CaseloadFacts(snapshot: snapshot, programRequest: fetched.requests[id],
                                              lastShared: try SharedReportMap.read(fetched.rows(of: id), limit: 1, bodies: false).first)
                    return CaseloadRow(login: role, snapshot: snapshot, facts: facts, guide: guide, measures: measures)
                }
            }
        }
        rows += try whole.compactMap { role in
            try Self.unlessUnreadable(role, name: { try PostgresStore(connection: connection, patient: role).patient()?.name }) {
                try wholeRow(role, connection, clock: clock, guide: guide, rules: rules, measures: measures)
            }
        }
        return (CaseloadRow.ordered(rows), whole)
    }

    /// The caseload read patient by patient, each from her whole snapshot (what the caseload read before issue
    /// 26, and what `CaseloadNarrowReadTests` compares the narrow read with).
    static func caseloadReadWhole(_ connection: PGConnection, clock: PortalClock, guide: SafetyGuide, rules: ExerciseRules = .none,
                                  measures: [Measure] = []) throws -> [CaseloadRow] {
        let roles = try connection.transaction(readOnly: true) { db in
            try db.query("SELECT role_name FROM patient_account WHERE therapist_role = current_user::text ORDER BY role_name")
                .rows.map { try $0.text("role_name") }
        }
        return CaseloadRow.ordered(try roles.compactMap { role in
            try unlessUnreadable(role, name: { try PostgresStore(connection: connection, patient: role).patient()?.name }) {
                try wholeRow(role, connection, clock: clock, guide: guide, rules: rules, measures: measures)
            }
        })
    }

    /// `row()`, or when a row of her record cannot be read (`PortalError.unreadableRow`), her own line saying so
    /// (`CaseloadRow(login:name:unreadable:)`), with her name when her details can still be read. Any other
    /// error (the server lost) fails the caseload as before: it is no one patient's.
    static func unlessUnreadable(_ role: String, name: () throws -> String?, _ row: () throws -> CaseloadRow?) throws -> CaseloadRow? {
        do {
            return try row()
        } catch let error as PortalError where error.unreadableWhat != nil {
            return CaseloadRow(login: role, name: try? name(), unreadable: error)
        }
    }

    /// Her row from her whole snapshot, read in her own read transactions.
    static func wholeRow(_ role: String, _ connection: PGConnection, clock: PortalClock, guide: SafetyGuide, rules: ExerciseRules,
                         measures: [Measure]) throws -> CaseloadRow {
        let store = try PostgresStore(connection: connection, patient: role)
        let snapshot = try store.snapshot(clock: clock, rules: rules)
        // What she last sent from Share, without its text (the caseload reads no file).
        let facts = CaseloadFacts(snapshot: snapshot, programRequest: try store.programRequest(),
                                  lastShared: try store.reading { db in try SharedReportMap.read(db, limit: 1, bodies: false).first })
        return CaseloadRow(login: role, snapshot: snapshot, facts: facts, guide: guide, measures: measures)
    }
}

/// The caseload's rows of every patient at once, as `CaseloadRead` bounds them: one query a table for all her
/// patients (`patient_id = ANY(…)`), inside the caller's read transaction, through row-level security.
struct CaseloadFetch {
    private var tables: [Int64: [String: FetchedRows.Table]] = [:]
    /// Her request for a new program, by patient.
    private(set) var requests: [Int64: String] = [:]

    init(_ db: PGConnection, ids: [Int64], today: CalendarDate) throws {
        guard !ids.isEmpty else { return }
        let params: [(any PGParam)?] = ["{" + ids.map(String.init).joined(separator: ",") + "}", today.description,
                                        CaseloadRead.historyFrom(today).description,
                                        today.adding(days: -(CaseloadRead.recentDays - 1)).description,
                                        today.adding(days: -(CaseloadRow.recentDays - 1)).description]
        // Each patient's own bounds (`k`) are worked out once per patient (an index probe each), then her rows are
        // read as one date range of the index, never a subquery per row.
        for part in RecordPart.allCases {
            switch part {
            case .profile, .carePlan, .program, .measures, .signReviews, .questions:
                for table in part.tables { try fetch(table, db, params, where: "true") }
            case .painDiary:
                // The last two weeks (from her latest entry when older), the screens' days' entries with warning
                // signs, and her first day ever.
                let bounds = """
                    (SELECT max(x.date) FROM pain_entry x WHERE x.patient_id = p.id AND x.date BETWEEN b.history AND b.today) AS latest,
                    (SELECT min(x.date) FROM pain_entry x WHERE x.patient_id = p.id) AS first
                    """
                let entries = { (e: String) in
                    "(\(e).date BETWEEN LEAST(b.recent, k.latest) AND b.today OR (\(e).date BETWEEN b.history AND b.today AND \(e).warning_signs <> '') OR \(e).date = k.first)"
                }
                try fetch(PainDiaryMap.entries, db, params, bounds: bounds, where: entries("t"))
                // Their sites and triggers, joined to the entries by key (an index probe an entry, not a scan of them all).
                for child in [PainDiaryMap.sites, PainDiaryMap.triggers] {
                    try fetch(child, db, params, bounds: bounds, join: """
                        JOIN (SELECT e.patient_id AS pid, e.id AS eid FROM pain_entry e JOIN k ON k.id = e.patient_id CROSS JOIN b
                              WHERE \(entries("e"))) e ON e.pid = t.patient_id AND e.eid = t.entry_id
                        """, where: "true")
                }
            case .exerciseLog:
                // From the week before the one under way (or two weeks back, when earlier: `CaseloadRead.sessionsFrom`),
                // or from her latest day of exercise in the whole snapshot's window (from the program's start) when older.
                try fetch(ExerciseLogMap.sessions, db, params, bounds: """
                    LEAST(b.recent, (SELECT min(x.s) FROM (SELECT w.starts AS s FROM program_week w
                        WHERE w.patient_id = p.id AND w.starts <= b.today ORDER BY w.starts DESC LIMIT 2) x)) AS since,
                    (SELECT max(x.date) FROM exercise_session x WHERE x.patient_id = p.id AND x.date <= b.today
                        AND x.date >= LEAST(b.history, (SELECT min(w.starts) FROM program_week w WHERE w.patient_id = p.id))) AS latest
                    """, where: "t.date BETWEEN LEAST(k.since, k.latest) AND b.today")
            case .signReports:
                try fetch(SignReportMap.reports, db, params, where: "t.date BETWEEN b.history AND b.today")
            case .checkIns:
                try fetch(CheckInMap.results, db, params, bounds: Self.latest("quiz_result", "taken_on", from: nil), where: "t.taken_on = k.latest")
            case .bladderDiary:
                try fetch(BladderDiaryMap.events, db, params, bounds: Self.latest("bladder_event", "date", from: "b.history"),
                          where: "t.date BETWEEN LEAST(b.week, k.latest) AND b.today")
            case .bowelLog:
                try fetch(BowelLogMap.entries, db, params, bounds: Self.latest("bowel_entry", "date", from: "b.history"),
                          where: "t.date BETWEEN LEAST(b.week, k.latest) AND b.today")
            case .reading, .reminderSettings, .reminderLog:
                break  // a row shows none of these (and her reminders are hers alone)
            }
        }
        // What she last sent from Share, without its text; her request for a new program.
        let sent = ["id", "date", "time", "format", "parts"]
        for r in try db.query("""
            SELECT DISTINCT ON (patient_id) patient_id, \(sent.map { PostgresDialect.selectExpression($0, SharedReportMap.sent.column($0)) }.joined(separator: ", "))
            FROM shared_report WHERE patient_id = ANY($1::bigint[]) ORDER BY patient_id, date DESC, time DESC, id DESC
            """, [params[0]]).rows {
            tables[try r.int64("patient_id"), default: [:]][SharedReportMap.sent.name] = FetchedRows.Table(columns: sent, rows: [Array(r.values.dropFirst())])
        }
        for r in try db.query("SELECT patient_id, request FROM program_request WHERE patient_id = ANY($1::bigint[])", [params[0]]).rows {
            requests[try r.int64("patient_id")] = try r.text("request")
        }
    }

    /// Patient `id`'s fetched rows, for the record map to read as her therapist.
    func rows(of id: Int64) -> FetchedRows {
        FetchedRows(role: .therapist, tables: tables[id] ?? [:])
    }

    /// Every column of `table` for every patient, as the map reads it, of the rows `condition` keeps: on the
    /// table aliased `t`, with the days as `b.today`, `b.history` (the screens' first day), `b.recent` (two weeks
    /// back) and `b.week` (a week back), and each patient's own `bounds` (columns worked out from her id `p.id`)
    /// as `k`.
    private mutating func fetch(_ table: RecordTable, _ db: PGConnection, _ params: [(any PGParam)?], bounds: String? = nil,
                                join: String = "", where condition: String) throws {
        let columns = table.columns.map { PostgresDialect.selectExpression($0.name, $0, alias: "t") }
        var sql = "WITH b AS (SELECT $2::date AS today, $3::date AS history, $4::date AS recent, $5::date AS week)"
        if let bounds { sql += ",\nk AS MATERIALIZED (SELECT p.id, \(bounds) FROM unnest($1::bigint[]) AS p(id), b)" }
        sql += "\nSELECT t.patient_id, \(columns.joined(separator: ", ")) FROM \(table.name) t \(join)"
        sql += bounds == nil ? ", b" : " JOIN k ON k.id = t.patient_id, b"
        sql += "\nWHERE t.patient_id = ANY($1::bigint[]) AND (\(condition))"
        for r in try db.query(sql, params).rows {
            let id = try r.int64("patient_id")
            tables[id, default: [:]][table.name, default: FetchedRows.Table(columns: table.columns.map(\.name))].rows.append(Array(r.values.dropFirst()))
        }
    }

    /// `latest`: her latest day in `table` up to today (from `from` on, when given).
    static func latest(_ table: String, _ column: String, from: String?) -> String {
        "(SELECT max(x.\(column)) FROM \(table) x WHERE x.patient_id = p.id AND x.\(column) <= b.today"
            + (from.map { " AND x.\(column) >= \($0)" } ?? "") + ") AS latest"
    }
}

extension PostgresStore {
    /// The login on `connection` when it is a therapist's: a member of portal_therapist, held to row-level
    /// security (not an administrator's), with no record of her own. Nil for any other login; throws when the
    /// database cannot say (not set up, not reachable).
    public static func therapistLogin(_ connection: PGConnection) throws -> String? {
        try connection.transaction(readOnly: true) { db in
            let r = try db.query("""
                SELECT current_user::text AS u, pg_has_role('portal_therapist', 'MEMBER') AS t,
                       row_security_active('public.patient_account') AS rls,
                       EXISTS (SELECT 1 FROM patient_account WHERE role_name = current_user::text) AS own
                """).rows.first
            guard let r, try r.text("t") == "t", try r.text("rls") == "t", try r.text("own") == "f" else { return nil }
            return try r.text("u")
        }
    }
}
