import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// No metadata across patients (issue 21, point 3): a patient's login, sending SQL straight to the server as
/// any program holding it could, learns nothing of the others — not who has a login or of which kind, not who
/// is connected, not how many rows the clinic's tables gained, not how much others wrote. Every probe is sent
/// as the real role and must come back refused by the server (SQLSTATE 42501, insufficient privilege), not
/// merely empty. (`ClinicSchema.metadataLockdown`.)
final class MetadataTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func world() throws -> ClinicWorld { try ClinicWorld(try Self.cluster.get()) }

    /// Asserts the server refuses `sql` for this login for lack of privilege.
    func assertRefused(_ db: PGConnection, _ sql: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let r = try db.query(sql)
            XCTFail("ran and returned \(r.rows.count) row(s): \(sql)", file: file, line: line)
        } catch let error as PGError {
            XCTAssertEqual(error.sqlState, "42501", "\(sql): \(error)", file: file, line: line)
        } catch {
            XCTFail("\(sql): \(error)", file: file, line: line)
        }
    }

    func testAPatientCannotListLoginsOrTellPatientsFromTherapists() throws {
        let w = try world()
        for db in [w.aSQL, try w.sql(w.t1)] {
            for probe in ["SELECT rolname FROM pg_roles", "SELECT usename FROM pg_user", "SELECT groname, grolist FROM pg_group",
                          "SELECT roleid, member FROM pg_auth_members", "SELECT refobjid FROM pg_shdepend",
                          "SELECT setrole FROM pg_db_role_setting", "SELECT rolname FROM pg_authid",
                          "SELECT pg_get_userbyid(10)", "SELECT to_regrole('\(w.b.patientRole)')",
                          "SELECT pg_has_role('\(w.b.patientRole)', 'portal_patient', 'MEMBER')",
                          "SELECT pg_has_role(10::oid, 'portal_therapist'::name, 'MEMBER')",
                          "SELECT has_table_privilege('\(w.t2)', 'therapist_account', 'SELECT')",
                          "SELECT has_any_column_privilege('\(w.t2)', 'therapist_account', 'SELECT')",
                          "SELECT has_column_privilege('\(w.t2)', 'therapist_account', 'role_name', 'SELECT')",
                          "SELECT has_database_privilege('\(w.b.patientRole)', current_database(), 'CONNECT')",
                          "SELECT pg_identify_object('pg_authid'::regclass, 10, 0)",
                          "SELECT pg_describe_object('pg_authid'::regclass, 10, 0)"] {
                assertRefused(db, probe)
            }
        }
        // What a login asks about itself still answers: the portal needs it to tell a therapist from a patient.
        XCTAssertEqual(try w.aSQL.query("SELECT pg_has_role('portal_patient', 'MEMBER') AS p").rows.first?.text("p"), "t")
        XCTAssertEqual(try w.sql(w.t1).query("SELECT pg_has_role('portal_therapist', 'MEMBER') AS t").rows.first?.text("t"), "t")
    }

    func testAPatientCannotSeeWhoIsConnected() throws {
        let w = try world()
        // B and a therapist are connected, in the middle of a transaction, while A looks.
        let b = try w.sql(w.b.patientRole)
        try b.query("BEGIN")
        try b.query("SELECT 1 FROM pain_entry FOR UPDATE")
        defer { _ = try? b.query("ROLLBACK") }
        let t1 = try w.sql(w.t1)
        for probe in ["SELECT usename, state FROM pg_stat_activity", "SELECT pid, mode FROM pg_locks",
                      "SELECT * FROM pg_stat_get_activity(NULL)", "SELECT pg_stat_get_backend_idset()",
                      "SELECT pg_stat_get_db_numbackends(oid) FROM pg_database", "SELECT pg_stat_get_backend_pid(1)",
                      "SELECT pid FROM pg_stat_ssl", "SELECT pid FROM pg_stat_gssapi", "SELECT gid FROM pg_prepared_xacts",
                      "SELECT pg_blocking_pids(pg_backend_pid())", "SELECT pg_cancel_backend(1)", "SELECT pg_terminate_backend(1)",
                      "SELECT numbackends FROM pg_stat_database"] {
            assertRefused(w.aSQL, probe)
            assertRefused(t1, probe)
        }
        // No temporary tables: their schemas (pg_temp_N) are made per session and show how many are open.
        assertRefused(w.aSQL, "CREATE TEMP TABLE x (n int)")
        assertRefused(w.aSQL, "CREATE TABLE public.x (n int)")
    }

    func testAPatientCannotReadClinicWideStatisticsOrCounters() throws {
        let w = try world()
        // B reports a warning sign; nothing A can read moves with it.
        try w.b.add(SignReport(date: day("2026-11-24"), time: time("08:00"), signs: ["severe-headache"]),
                    rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        let admin = try w.sql("postgres")
        // Every statistics view the server has, whatever its version adds.
        let views = try admin.query("""
            SELECT c.oid::regclass::text AS v FROM pg_class c
            WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'v'
              AND (c.relname LIKE 'pg\\_stat\\_%' OR c.relname LIKE 'pg\\_statio\\_%' OR c.relname LIKE 'pg\\_stats%')
            """).rows.map { try $0.text("v") }
        XCTAssertGreaterThan(views.count, 30, "\(views)")
        for view in views { assertRefused(w.aSQL, "SELECT * FROM \(view)") }
        for probe in ["SELECT reltuples FROM pg_class WHERE relname = 'sign_report'",
                      "SELECT relpages FROM pg_class WHERE relname = 'sign_report'",
                      "SELECT relallvisible FROM pg_class", "SELECT relfrozenxid FROM pg_class", "SELECT * FROM pg_class",
                      "SELECT pg_stat_get_live_tuples('sign_report'::regclass)",
                      "SELECT pg_stat_get_tuples_inserted('sign_report'::regclass)",
                      "SELECT pg_stat_get_xact_tuples_inserted('sign_report'::regclass)",
                      "SELECT pg_stat_get_numscans('sign_report'::regclass)",
                      "SELECT pg_relation_size('sign_report')", "SELECT pg_total_relation_size('sign_report')",
                      "SELECT pg_table_size('sign_report')", "SELECT pg_indexes_size('sign_report')",
                      "SELECT pg_database_size(current_database())", "SELECT pg_tablespace_size('pg_default')",
                      "SELECT txid_current()", "SELECT pg_current_xact_id()", "SELECT pg_current_snapshot()",
                      "SELECT pg_current_wal_lsn()", "SELECT pg_current_wal_insert_lsn()", "SELECT * FROM pg_control_checkpoint()",
                      "SELECT * FROM pg_control_system()"] {
            assertRefused(w.aSQL, probe)
        }
        let t1 = try w.sql(w.t1)
        for probe in [
                      // QA S2-S5: the counter through age(xid), a standby slot's WAL position, a snapshot's name,
                      // the process id, and large objects (made without limit, their owners listed).
                      "SELECT age('3'::xid)", "SELECT mxid_age('1'::xid)", "SELECT * FROM pg_get_replication_slots()",
                      "SELECT * FROM pg_prepared_xact()", "SELECT pg_export_snapshot()", "SELECT pg_backend_pid()",
                      "SELECT lo_create(0)", "SELECT lo_creat(-1)", "SELECT lo_from_bytea(0, 'x')",
                      "SELECT oid, lomowner FROM pg_largeobject_metadata"] {
            assertRefused(w.aSQL, probe)
            assertRefused(t1, probe)
        }
        // The age of a date still answers: only the transaction id's is closed.
        XCTAssertNoThrow(try w.aSQL.query("SELECT age(timestamp '2026-01-01')"))
        // The catalog's other columns still answer (psql's \d reads them).
        XCTAssertEqual(try w.aSQL.query("SELECT relkind::text AS k FROM pg_class WHERE relname = 'sign_report'").rows.first?.text("k"), "r")
        // No function about statistics is left to the groups, whatever the server's version adds.
        let open = try admin.query("""
            SELECT p.oid::regprocedure::text AS f FROM pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname LIKE 'pg\\_stat\\_%'
              AND (has_function_privilege('portal_patient', p.oid, 'EXECUTE') OR has_function_privilege('portal_therapist', p.oid, 'EXECUTE'))
            """).rows.map { try $0.text("f") }
        XCTAssertEqual(open, [])
    }

    func testAPatientCannotReadTheSystemColumnsThatCountOthersWrites() throws {
        let w = try world()
        let tables = try w.recordTables() + ["patient_account", "schema_migrations"]
        for table in tables {
            // xmin is the clinic-wide transaction counter when the row was written; ctid, where it sits among everyone's.
            assertRefused(w.aSQL, "SELECT xmin FROM \(table)")
            assertRefused(w.aSQL, "SELECT ctid FROM \(table)")
            XCTAssertNotNil(rowsTouched(w.aSQL, "SELECT * FROM \(table)"), "\(table): her own columns read as before")
        }
        assertRefused(try w.sql(w.t1), "SELECT xmin FROM pain_entry")
        // A column a later migration adds is readable by the groups that read its table, after `clinic init`.
        let admin = try w.sql("postgres")
        try admin.execute("ALTER TABLE quiz_result ADD COLUMN later integer")
        defer { _ = try? admin.execute("ALTER TABLE quiz_result DROP COLUMN later") }
        try w.cluster.admin().initialise()
        XCTAssertEqual(rowsTouched(w.aSQL, "SELECT later FROM quiz_result"), 1)
        assertRefused(w.aSQL, "SELECT xmin FROM quiz_result")
    }

    func testHerRecordsIdsCountHerOwnRowsOnly() throws {
        let w = try world()
        let now = at("2026-11-27T12:00")
        // Whatever B writes in between, A's next entry is the next of her own: 1 was the seed's, this is 2.
        for hour in 10...14 {
            try w.b.addPainEntry(PainEntry(date: day("2026-11-25"), time: time("\(hour):00"), score: 2), now: now)
        }
        try w.b.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: day("2026-11-11"))
        try w.b.saveQuizResult(QuizResult(date: day("2026-11-23"), answers: [:]))
        let entry = try w.a.addPainEntry(PainEntry(date: day("2026-11-25"), time: time("09:00"), score: 3), now: now)
        XCTAssertEqual(entry.id, 2)
        try w.a.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: day("2026-11-11"))
        try w.a.saveQuizResult(QuizResult(date: day("2026-11-23"), answers: [:]))
        for (table, ids) in [("pain_entry", [1, 2]), ("exercise_session", [1, 2]), ("quiz_result", [1, 2]), ("sign_report", [1])] {
            XCTAssertEqual(try w.aSQL.query("SELECT id FROM \(table) ORDER BY id").rows.map { try $0.int("id") }, ids, table)
        }
        // An id she brings herself is not hers to choose.
        let chosen = try w.aSQL.query("""
            INSERT INTO pain_entry (patient_id, id, date, time, score) VALUES ($1, 900, '2026-11-26', '08:00', 1) RETURNING id
            """, [w.a.patientID]).rows.first?.int("id")
        XCTAssertEqual(chosen, 3)
        // Records' own ids are drawn at random, not counted.
        XCTAssertGreaterThan(abs(w.a.patientID - w.b.patientID), 1_000_000, "\(w.a.patientID), \(w.b.patientID)")
        // No counter shared by every record is left in the schema (a table added later must number the same way).
        let sequences = try w.sql("postgres").query("""
            SELECT relname::text AS s FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace
            """).rows.map { try $0.text("s") }
        XCTAssertEqual(sequences, [])
    }

    func testThePortalsLoginsReachTheClinicsDatabaseOnly() throws {
        let w = try world()
        for role in [w.a.patientRole, w.t1] {
            for database in ["postgres", "template1"] {
                XCTAssertThrowsError(try PGConnection(w.cluster.conninfo(role, database: database)), "\(role) reached \(database)") {
                    XCTAssertTrue("\($0)".contains("rejects connection") || "\($0)".contains("Cannot connect"), "\($0)")
                }
            }
        }
        XCTAssertEqual(try w.cluster.admin().otherDatabasesOpen(), [], "deploy/pg_hba.conf closes them")
        // Without the clinic's lines (a server's pg_hba.conf as installed), `clinic init` names what is open.
        try w.cluster.replaceHBA("local all all peer map=portal\n")
        defer { _ = try? w.cluster.replaceHBA(try PrivateCluster.hba(map: "portal")) }
        XCTAssertEqual(try w.cluster.admin().otherDatabasesOpen(), ["postgres", "template1"])
        XCTAssertNoThrow(try PGConnection(w.cluster.conninfo(w.a.patientRole, database: "postgres")), "why the lines matter")
    }

    func testClinicInitNeedsTheServersAdministratorAndCanRunAgain() throws {
        let w = try world()
        XCTAssertThrowsError(try ClinicAdmin(connection: try w.sql(w.t1)).initialise()) {
            XCTAssertTrue("\($0)".contains("needs the server's administrator"), "\($0)")
        }
        try w.cluster.admin().initialise()
        try w.cluster.admin().initialise()
        XCTAssertEqual(try w.a.painEntries().count, 1, "the portal reads as before")
        assertRefused(w.aSQL, "SELECT rolname FROM pg_roles")
    }
}
