import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import StoreTestSupport
import XCTest

/// How much one login writes in a clinic day (clinic change 25, `ClinicSchema.writeQuota`), probed as the real
/// roles in SQL on a private cluster, as any program holding the login could send it: without it one patient's
/// loop of inserts (each also kept in the append-only history) could fill the clinic server's disk.
final class WriteQuotaTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func world() throws -> ClinicWorld { try ClinicWorld(try Self.cluster.get()) }

    /// What `login` has written on the clinic's day, as the administrator reads it (0 when nothing).
    func written(_ login: String, _ w: ClinicWorld) throws -> Int {
        try w.sql("postgres").query("SELECT coalesce((SELECT writes FROM write_quota WHERE login = $1 AND day = clinic_today()), 0) AS n",
                                    [login]).rows.first?.int("n") ?? -1
    }

    /// `count` rows of write receipts (a table every login may write, and the cheapest row) in one statement.
    func receipts(_ count: Int) -> String {
        "INSERT INTO write_receipt (receipt) SELECT gen_random_uuid() FROM generate_series(1, \(count))"
    }

    /// Brings `login` (whose raw session is `db`) to exactly its quota for the clinic's day, in one statement.
    func fill(_ db: PGConnection, _ login: String, quota: Int, _ w: ClinicWorld) throws {
        let left = quota - (try written(login, w))
        XCTAssertGreaterThan(left, 0)
        XCTAssertEqual(try db.query(receipts(left)).affected, left)
        XCTAssertEqual(try written(login, w), quota)
    }

    /// Brings `login` to `left` rows short of `quota` on the clinic's day, as the administrator (one row written
    /// in a transaction of many takes longer each time, so the tests that need not write them all do not).
    func nearly(_ login: String, quota: Int, left: Int = 0, _ w: ClinicWorld) throws {
        try w.sql("postgres").query("""
            INSERT INTO write_quota (login, day, writes) VALUES ($1, clinic_today(), $2)
            ON CONFLICT (login) DO UPDATE SET day = excluded.day, writes = excluded.writes
            """, [login, quota - left])
    }

    /// Her login past its quota is refused with program_limit_exceeded, one statement of a hundred million rows
    /// stops at the first row past it (well inside the login's minute of statement time), nothing of a refused
    /// change is kept, and the portal says so in her words.
    func testAPatientPastHerQuotaIsRefusedAndNothingIsSaved() throws {
        let w = try world()
        let quota = ClinicSchema.patientWritesPerDay
        XCTAssertGreaterThan(try written(w.a.patientRole, w), 0, "her own writes while her record was seeded were counted")
        try fill(w.aSQL, w.a.patientRole, quota: quota, w)
        let entries = try w.a.painEntries().count
        XCTAssertEqual(refusal(w.aSQL, "INSERT INTO bladder_event (patient_id, id, date, time, kind, woke_at_night) VALUES ($1, 0, '2026-11-26', '10:00', 'pee', 0)",
                               [w.a.patientID]), "54000")
        XCTAssertEqual(refusal(w.aSQL, "UPDATE patient SET name = 'Ana'"), "54000", "an update is a write")
        // No login holds DELETE (clinic-f, QA D4): her deletes go through the map's functions, and are counted there.
        XCTAssertEqual(refusal(w.aSQL, "SELECT public.record_delete_article_read($1, '[]'::jsonb)", [w.a.patientID]), "54000", "so is a delete")
        // A hundred million rows in one statement (two small series crossed: one series that large is itself kept in
        // a temporary file, which the login's limit stops) are refused at the first row past the quota.
        XCTAssertEqual(refusal(w.aSQL, "INSERT INTO write_receipt (receipt) SELECT gen_random_uuid() FROM generate_series(1, 10000) a, generate_series(1, 10000) b"),
                       "54000", "refused at its first row past the quota, not after writing them all")
        XCTAssertThrowsError(try w.a.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("11:00"), score: 2), now: at("2026-11-27T12:00"))) {
            XCTAssertEqual($0 as? PortalError, .storage(PGError.quotaText))
        }
        XCTAssertEqual(try w.a.painEntries().count, entries, "nothing was saved")
        XCTAssertEqual(try written(w.a.patientRole, w), quota, "a refused write is not counted")
        // Reading is not writing: her record still opens.
        XCTAssertNoThrow(try w.a.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))))
    }

    /// The quota is each login's own: past hers, another patient and her own therapist write on; a therapist's
    /// login has the therapist's quota.
    func testTheQuotaIsEachLoginsOwn() throws {
        let w = try world()
        try nearly(w.a.patientRole, quota: ClinicSchema.patientWritesPerDay, w)
        XCTAssertEqual(refusal(w.aSQL, receipts(1)), "54000")
        XCTAssertNoThrow(try w.b.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("11:00"), score: 2), now: at("2026-11-27T12:00")))
        let t1 = try w.sql(w.t1)
        XCTAssertNoThrow(try w.store(w.t1, for: w.a).answerQuestion(id: try XCTUnwrap(try w.a.questions().first?.id), answer: "yes",
                                                                    at: at("2026-11-27T12:40")))
        // More than a patient's quota in one statement is within a therapist's.
        XCTAssertLessThan(ClinicSchema.patientWritesPerDay, ClinicSchema.therapistWritesPerDay)
        try nearly(w.t1, quota: ClinicSchema.therapistWritesPerDay, left: ClinicSchema.therapistWritesPerDay - ClinicSchema.patientWritesPerDay, w)
        XCTAssertEqual(try t1.query(receipts(3)).affected, 3, "past a patient's quota")
        try nearly(w.t1, quota: ClinicSchema.therapistWritesPerDay, left: 2, w)
        XCTAssertEqual(refusal(t1, receipts(3)), "54000", "and a therapist's has its end")
        XCTAssertEqual(try t1.query(receipts(2)).affected, 2)
        XCTAssertEqual(try written(w.t1, w), ClinicSchema.therapistWritesPerDay)
    }

    /// The clinic's next day starts the count again (the day the row holds moved back a day by the
    /// administrator, as if the clinic's clock had passed midnight).
    func testTheNextClinicDayStartsAgain() throws {
        let w = try world()
        try nearly(w.a.patientRole, quota: ClinicSchema.patientWritesPerDay, w)
        XCTAssertEqual(refusal(w.aSQL, receipts(1)), "54000")
        try w.sql("postgres").query("UPDATE write_quota SET day = day - 1 WHERE login = $1", [w.a.patientRole])
        XCTAssertNoThrow(try w.a.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("11:00"), score: 2), now: at("2026-11-27T12:00")))
        XCTAssertGreaterThan(try written(w.a.patientRole, w), 0)
        XCTAssertLessThan(try written(w.a.patientRole, w), 10, "today's count started again")
    }

    /// No login reads or changes the quota's table, calls its function, or takes its trigger off a table.
    func testNoLoginReadsOrChangesTheQuota() throws {
        let w = try world()
        for db in [w.aSQL, try w.sql(w.t1)] {
            for probe in ["SELECT * FROM write_quota", "SELECT writes FROM write_quota",
                          "INSERT INTO write_quota (login, day, writes) VALUES (current_user, clinic_today(), -1000000)",
                          "UPDATE write_quota SET writes = 0", "DELETE FROM write_quota", "TRUNCATE write_quota",
                          "SELECT count_write()", "ALTER TABLE write_quota DISABLE ROW LEVEL SECURITY",
                          "ALTER TABLE pain_entry DISABLE TRIGGER write_quota", "ALTER TABLE write_receipt DISABLE TRIGGER write_quota",
                          "DROP TRIGGER write_quota ON write_receipt", "CREATE OR REPLACE FUNCTION count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                          "SET session_authorization = postgres"] {
                XCTAssertEqual(refusal(db, probe), "42501", probe)
            }
        }
        // The function writes with its owner's rights only as a trigger, and its search path is its own.
        let row = try XCTUnwrap(try w.sql("postgres").query("""
            SELECT p.prosecdef, array_to_string(p.proconfig, ',') AS config, has_function_privilege('public', p.oid, 'EXECUTE') AS public_runs
            FROM pg_proc p WHERE p.proname = 'count_write'
            """).rows.first)
        XCTAssertEqual(try row.text("prosecdef"), "t")
        XCTAssertEqual(try row.text("config"), "search_path=pg_catalog, pg_temp")
        XCTAssertEqual(try row.text("public_runs"), "f")
    }

    /// The administrator (a superuser: `clinic import-local`, `clinic demo`) is not counted.
    func testTheAdministratorIsNotCounted() throws {
        let w = try world()
        let admin = try w.sql("postgres")
        XCTAssertEqual(try admin.query(receipts(ClinicSchema.patientWritesPerDay + 1)).affected, ClinicSchema.patientWritesPerDay + 1)
        XCTAssertEqual(try admin.query("""
            INSERT INTO bladder_event (patient_id, id, date, time, kind, woke_at_night)
            SELECT $1, 100000 + g, date '2026-01-01' + g / 1440, make_time((g % 1440) / 60, g % 60, 0), 'pee', 0 FROM generate_series(1, $2::int) g
            """, [w.a.patientID, ClinicSchema.patientWritesPerDay + 1]).affected, ClinicSchema.patientWritesPerDay + 1)
        XCTAssertEqual(try written("postgres", w), 0)
    }

    /// Every table a patient's or therapist's login may insert into, update or delete from carries the count,
    /// read from the catalog (a table given a write grant later without it fails here).
    func testEveryTableALoginMayWriteIsCounted() throws {
        let w = try world()
        let tables = try w.sql("postgres").query("""
            SELECT c.relname::text AS t,
                   EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'write_quota' AND g.tgenabled = 'O') AS counted
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM unnest(ARRAY[$1, $2]) AS g(name)
                          WHERE has_table_privilege(g.name, c.oid, 'INSERT') OR has_table_privilege(g.name, c.oid, 'DELETE')
                             OR has_any_column_privilege(g.name, c.oid, 'UPDATE'))
            ORDER BY 1
            """, [ClinicSchema.patientGroup, ClinicSchema.therapistGroup]).rows.map { (try $0.text("t"), try $0.text("counted")) }
        XCTAssertGreaterThan(tables.count, 10)
        for (table, counted) in tables { XCTAssertEqual(counted, "t", "\(table) is written by a login and carries write_quota") }
        XCTAssertEqual(Set(tables.map(\.0)), Set(ClinicSchema.quotaTables), "the quota's list is the tables logins write")
    }

    /// `portal signs` past her quota still prints what to do first, then says plainly that nothing was saved,
    /// that it resets tomorrow and to call the clinic.
    func testThePortalSaysItPlainlyWhenRefused() throws {
        let w = try world()
        try nearly(w.a.patientRole, quota: ClinicSchema.patientWritesPerDay, w)
        let (status, text) = try PortalExecutable.run(["signs", "severe-headache", "--time", "09:15", "--db", w.cluster.conninfo(w.a.patientRole)],
                                                      in: self)
        XCTAssertNotEqual(status, 0, text)
        let draft = SignReport(date: day("2026-11-27"), time: time("09:15"), signs: ["severe-headache"])
        let alerts = SafetyRules.alerts(for: [], reports: [draft], guide: sharedContent.safety, today: draft.date)
        XCTAssertFalse(alerts.isEmpty)
        for alert in alerts { XCTAssertTrue(text.contains(alert.text), "the safety message first: \(text)") }
        XCTAssertTrue(text.contains(PGError.quotaText), text)
        XCTAssertFalse(text.contains("Saved:"), text)
    }

    /// The words: what happened, nothing saved, tomorrow, call the clinic; only for the quota's refusal (a
    /// report past its own daily cap keeps the server's words).
    func testTheQuotaRefusalInWords() {
        let refused = PGError.server(sqlState: "54000", message: "ERROR:  \(ClinicSchema.quotaMessage): login ana has written 20000 rows on 2026-12-07")
        XCTAssertEqual(refused.portalError, .storage(PGError.quotaText))
        for words in ["nothing was saved", "tomorrow", "warning sign", "call your clinic"] {
            XCTAssertTrue(PGError.quotaText.contains(words), words)
        }
        let reports = PGError.server(sqlState: "54000", message: "ERROR:  at most 10 reports and 20000000 characters are sent to the therapist a day")
        XCTAssertNotEqual(reports.portalError, .storage(PGError.quotaText))
    }

    // MARK: what one row may hold

    /// Every text and JSON column a login writes has a bound in the database, the portal's own: one past it is
    /// refused to the patient's and the therapist's login, the bound itself (in two-byte letters) is kept.
    func testEveryTextColumnALoginWritesIsBounded() throws {
        let w = try world()
        for table in RecordPart.tables + RecordPart.clinicOnlyTables {
            for column in table.columns {
                switch column.kind {
                case .text:
                    let bounded: Bool
                    switch column.rule {
                    case .length?, .trimmedLength?, .oneOf?: bounded = true
                    default: bounded = ClinicSchema.serverLimit(table, column) != nil || table.parent?.columns.contains(column.name) == true
                    }
                    XCTAssertTrue(bounded, "\(table.name).\(column.name)")
                case .jsonObject: XCTAssertEqual(ClinicSchema.serverLimit(table, column), ClinicSchema.jsonObjectLimit)
                default: break
                }
            }
        }
        let t1 = try w.sql(w.t1)
        let probes: [(PGConnection, String, String, Int)] = [
            (w.aSQL, "UPDATE patient SET clinic = $1", "clinic", Patient.clinicLimit),
            // (`patient.therapist` is no longer hers to write since change 31, QA H10: RowLevelSecurityTests.)
            (w.aSQL, "UPDATE visit SET location = $1 WHERE number = 2", "location", Visit.locationLimit),
            (t1, "UPDATE visit SET notes = $1 WHERE number = 1 AND patient_id = \(w.a.patientID)", "notes", Visit.notesLimit),
            (t1, "UPDATE visit SET focus = $1 WHERE number = 1 AND patient_id = \(w.a.patientID)", "focus", Visit.focusLimit),
            (w.aSQL, "INSERT INTO pain_entry (patient_id, id, date, time, score, warning_signs) VALUES (\(w.a.patientID), 0, '2026-11-26', '10:00', 1, $1)",
             "warning_signs", ClinicSchema.signsLimit),
        ]
        for (db, sql, column, limit) in probes {
            XCTAssertEqual(refusal(db, sql, [String(repeating: "x", count: limit + 1)]), "23514", column)
            XCTAssertEqual(rowsTouched(db, sql, [String(repeating: "é", count: limit)]), 1, "\(column): the portal's longest is kept")
        }
        // A questionnaire's answers: names to whole numbers, as many as fit the bound and no more.
        let many = "{" + (1...300).map { "\"item-\($0)\": 1" }.joined(separator: ", ") + "}"
        XCTAssertGreaterThan(many.count, ClinicSchema.jsonObjectLimit)
        XCTAssertEqual(refusal(w.aSQL, "UPDATE measure_response SET answers = $1::jsonb", [many]), "23514")
    }

    /// The JSON bound holds every answer the content can give: each questionnaire with every item answered with
    /// the longest number, the check-in with every question answered.
    func testTheJSONBoundHoldsEveryAnswerTheContentGives() throws {
        let longest = Int(String(repeating: "9", count: RecordColumn.JSONValue.integerDigits))!
        for measure in sharedContent.measures {
            let answers = Dictionary(uniqueKeysWithValues: measure.items.map { ($0.id, longest) })
            XCTAssertLessThanOrEqual(try MeasureMap.json(answers).count * 2, ClinicSchema.jsonObjectLimit, measure.id)
        }
        let quiz = Dictionary(uniqueKeysWithValues: sharedContent.quiz.questions.map { ($0.id, false) })
        let text = String(decoding: try JSONEncoder().encode(quiz), as: UTF8.self)
        XCTAssertLessThanOrEqual(text.count * 2, ClinicSchema.jsonObjectLimit)
    }
}
