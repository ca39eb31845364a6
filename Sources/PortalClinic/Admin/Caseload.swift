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

    /// `row()`, or when her record cannot be read, her own line saying so (`CaseloadRow(login:name:unreadable:)`),
    /// with her name when her details can still be read: a row the map cannot decode (`PortalError.unreadableRow`)
    /// and any other rule her record breaks as read (qa-h H2: a care plan that did not validate failed the whole
    /// caseload). Only the server's own failures (`PortalError.storage`: lost, busy) and errors of no portal kind
    /// fail the caseload as before: they are no one patient's.
    static func unlessUnreadable(_ role: String, name: () throws -> String?, _ row: () throws -> CaseloadRow?) throws -> CaseloadRow? {
        do {
            return try row()
        } catch let error as PortalError where isHerRecords(error) {
            let unreadable = error.unreadableWhat != nil ? error : PortalError.unreadableRow(what: "her record (\(String(error.description.dropLast(error.description.hasSuffix(".") ? 1 : 0))))")
            return CaseloadRow(login: role, name: try? name(), unreadable: unreadable)
        }
    }

    /// Whether `error`, met reading one patient's record, is that record's: a row the map cannot decode, or a rule
    /// of the record its rows break as read (a care plan that does not validate). The server's own failures (lost,
    /// busy), a refusal (`notFound`: a right revoked) and anything else fail the caseload: they are no one
    /// patient's, and a bug must not pass for one patient's damaged record (review point 14).
    static func isHerRecords(_ error: PortalError) -> Bool {
        switch error {
        case .unreadableRow, .rule, .invalidInput: return true
        default: return false
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
    /// The record's tables fetched (by name): every table of each part the caseload's window reads.
    private(set) var fetched: Set<String> = []

    init(_ db: PGConnection, ids: [Int64], today: CalendarDate) throws {
        guard !ids.isEmpty else { return }
        let window = RecordWindow.caseload(today: today)
        let params: [(any PGParam)?] = ["{" + ids.map(String.init).joined(separator: ",") + "}", today.description,
                                        CaseloadRead.historyFrom(today).description,
                                        today.adding(days: -(CaseloadRead.recentDays - 1)).description,
                                        today.adding(days: -(CaseloadRow.recentDays - 1)).description]
        // Each patient's own bounds (`k`) are worked out once per patient (an index probe each), then her rows are
        // read as date ranges of the index, patient by patient (`fetch`), never a subquery per row nor every row of
        // her year filtered.
        for part in RecordPart.allCases where window.reads(part) {
            switch part {
            case .profile, .carePlan, .measures, .signReviews, .questions:
                for table in part.tables { try fetch(table, db, params, where: "true") }
            case .program:
                try fetch(ProgramMap.weeks, db, params, where: "true")
                // From the week before the one under way on (`CaseloadRead.prescriptionsFrom`); every week's before one started.
                try fetch(ProgramMap.prescriptions, db, params, bounds: """
                    (SELECT min(x.number) FROM (SELECT w.number FROM program_week w
                        WHERE w.patient_id = p.id AND w.starts <= b.today ORDER BY w.starts DESC LIMIT 2) x) AS since
                    """, where: "k.since IS NULL OR t.week >= k.since")
            case .painDiary:
                // The last two weeks (from her latest entry when older) and the screens' days' entries with warning
                // signs, both of the screens' days; and her first week ever (the snapshot's `firstWeekPain`) when
                // outside them.
                try fetch(PainDiaryMap.entries, db, params, bounds: """
                    \(Self.latest("pain_entry", "date", from: "b.history")),
                    (SELECT x.date FROM pain_entry x WHERE x.patient_id = p.id ORDER BY x.date LIMIT 1) AS first
                    """, rows: """
                    SELECT * FROM pain_entry t WHERE t.patient_id = k.id AND t.date BETWEEN b.history AND b.today
                        AND (t.date >= LEAST(b.recent, k.latest) OR t.warning_signs <> '' OR t.date BETWEEN k.first AND k.first + 6)
                    UNION ALL
                    SELECT * FROM pain_entry t WHERE t.patient_id = k.id AND t.date BETWEEN k.first AND k.first + 6
                        AND NOT t.date BETWEEN b.history AND b.today
                    """)
                // Their sites and triggers, by the keys of the entries fetched (an index probe an entry).
                for child in [PainDiaryMap.sites, PainDiaryMap.triggers] { try fetchChildren(child, of: PainDiaryMap.entries, db) }
            case .exerciseLog:
                // From the week before the one under way (or two weeks back, when earlier: `CaseloadRead.sessionsFrom`),
                // or from her latest day of exercise in the whole snapshot's window (from the program's start) when older.
                try fetch(ExerciseLogMap.sessions, db, params, bounds: """
                    LEAST(b.recent, (SELECT min(x.s) FROM (SELECT w.starts AS s FROM program_week w
                        WHERE w.patient_id = p.id AND w.starts <= b.today ORDER BY w.starts DESC LIMIT 2) x)) AS since,
                    (SELECT x.date FROM exercise_session x WHERE x.patient_id = p.id AND x.date <= b.today
                        AND x.date >= LEAST(b.history, (SELECT min(w.starts) FROM program_week w WHERE w.patient_id = p.id))
                        ORDER BY x.date DESC LIMIT 1) AS latest
                    """, where: "t.date BETWEEN LEAST(k.since, k.latest) AND b.today")
            case .signReports:
                try fetch(SignReportMap.reports, db, params, where: "t.date BETWEEN b.history AND b.today")
            case .checkIns:
                try fetch(CheckInMap.results, db, params, bounds: Self.latest("quiz_result", "taken_on", from: nil), where: "t.taken_on >= LEAST(b.week, k.latest)")
            case .bladderDiary:
                try fetch(BladderDiaryMap.events, db, params, bounds: Self.latest("bladder_event", "date", from: "b.history"),
                          where: "t.date BETWEEN LEAST(b.week, k.latest) AND b.today")
            case .bowelLog:
                try fetch(BowelLogMap.entries, db, params, bounds: Self.latest("bowel_entry", "date", from: "b.history"),
                          where: "t.date BETWEEN LEAST(b.week, k.latest) AND b.today")
            case .reading, .reminderSettings, .reminderLog:
                // The caseload's window reads none of these (`RecordWindow.reads`): a row shows none of them.
                throw PortalError.storage("The caseload has no fetch for \(part.rawValue).")
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
    /// back) and `b.week` (a week back). With `bounds` (columns worked out once per patient from her id `p.id`, as
    /// `k`), each patient's rows are read on their own (a lateral subquery per patient, `rows`: by default those
    /// of `t.patient_id = k.id` that `condition` keeps), so the index reads her date range and no more: joined to
    /// all her patients at once, the planner read every row of each and filtered them (18 ms for the sessions of 50
    /// patients, against 2.3 ms).
    private mutating func fetch(_ table: RecordTable, _ db: PGConnection, _ params: [(any PGParam)?], bounds: String? = nil,
                                where condition: String = "true", rows: String? = nil) throws {
        let columns = table.columns.map { PostgresDialect.selectExpression($0.name, $0, alias: "t") }
        var sql = "WITH b AS (SELECT $2::date AS today, $3::date AS history, $4::date AS recent, $5::date AS week)"
        if let bounds {
            sql += ",\nk AS MATERIALIZED (SELECT p.id, \(bounds) FROM unnest($1::bigint[]) AS p(id), b)"
            let each = rows ?? "SELECT * FROM \(table.name) t WHERE t.patient_id = k.id AND (\(condition))"
            // OFFSET 0 keeps the subquery a subquery: run for each patient with her bounds, never flattened into a join.
            sql += "\nSELECT t.patient_id, \(columns.joined(separator: ", ")) FROM k CROSS JOIN b CROSS JOIN LATERAL (SELECT * FROM (\(each)) i OFFSET 0) t"
        } else {
            sql += "\nSELECT t.patient_id, \(columns.joined(separator: ", ")) FROM \(table.name) t, b"
            sql += "\nWHERE t.patient_id = ANY($1::bigint[]) AND (\(condition))"
        }
        try add(table, try db.query(sql, params).rows)
    }

    /// Every column of `child` for the rows of `parent` fetched before it (by the parent's key, passed as arrays
    /// of her id and the key): one index probe a parent row (joined, the planner read the whole table: 13 ms
    /// against 1.6 ms for the pain sites of 50 patients).
    private mutating func fetchChildren(_ child: RecordTable, of parent: RecordTable, _ db: PGConnection) throws {
        guard let link = child.parent, link.table == parent.name, link.columns.count == 1, parent.key.count == 1 else {
            throw PortalError.storage("The caseload fetches \(child.name) by a one-column key of \(parent.name).")
        }
        var pids: [String] = [], keys: [String] = []
        for (pid, fetched) in tables {
            guard let rows = fetched[parent.name], let at = rows.columns.firstIndex(of: parent.key[0]) else { continue }
            for r in rows.rows { if let key = r[at] { pids.append(String(pid)); keys.append(key) } }
        }
        let columns = child.columns.map { PostgresDialect.selectExpression($0.name, $0, alias: "t") }
        let sql = """
            SELECT t.patient_id, \(columns.joined(separator: ", ")) FROM unnest($1::bigint[], $2::bigint[]) AS e(pid, key)
            CROSS JOIN LATERAL (SELECT * FROM \(child.name) t WHERE t.patient_id = e.pid AND t.\(link.columns[0]) = e.key OFFSET 0) t
            """
        try add(child, try db.query(sql, ["{" + pids.joined(separator: ",") + "}", "{" + keys.joined(separator: ",") + "}"]).rows)
    }

    private mutating func add(_ table: RecordTable, _ rows: [PGRow]) throws {
        fetched.insert(table.name)
        for r in rows {
            let id = try r.int64("patient_id")
            tables[id, default: [:]][table.name, default: FetchedRows.Table(columns: table.columns.map(\.name))].rows.append(Array(r.values.dropFirst()))
        }
    }

    /// `latest`: her latest day in `table` up to today (from `from` on, when given).
    /// (Ordered and limited rather than max(): under row-level security max() reads every row of the range.)
    static func latest(_ table: String, _ column: String, from: String?) -> String {
        "(SELECT x.\(column) FROM \(table) x WHERE x.patient_id = p.id AND x.\(column) <= b.today"
            + (from.map { " AND x.\(column) >= \($0)" } ?? "") + " ORDER BY x.\(column) DESC LIMIT 1) AS latest"
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
