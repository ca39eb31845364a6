import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Who may see what, proved as the real roles: every statement here is sent by a patient's or therapist's
/// own login, straight to the server, as any program holding that login could send it. The portal's code
/// is not in the way: these are the database's rules. (Therapist rules: RowLevelSecurityTests+Therapist.)
final class RowLevelSecurityTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func world() throws -> ClinicWorld {
        try ClinicWorld(try Self.cluster.get())
    }

    func testEveryTableHasRowLevelSecurityForced() throws {
        let w = try world()
        let tables = try w.sql("postgres").query("""
            SELECT relname::text AS t, relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
            """).rows
        XCTAssertGreaterThanOrEqual(tables.count, 15)
        for t in tables {
            let name = try t.text("t")
            XCTAssertEqual(try t.text("on"), "t", name)
            XCTAssertEqual(try t.text("forced"), "t", name)
        }
        XCTAssertEqual(try w.sql("postgres").query("SELECT count(*) AS n FROM pg_views WHERE schemaname = 'public'").rows.first?.int("n"), 0,
                       "no view could read with its owner's rights")
    }

    func testAPatientReadsOnlyHerOwnRows() throws {
        let w = try world()
        let tables = try w.recordTables()
        XCTAssertEqual(tables.count, RecordPart.tables.count + RecordPart.clinicOnlyTables.count + 1,
                       "the record's tables, what she sent her therapist, and the accounts: \(tables)")
        for table in tables {
            let ids = try w.aSQL.query("SELECT DISTINCT patient_id FROM \(table)").rows.map { try $0.int64("patient_id") }
            XCTAssertEqual(ids, [w.a.patientID], "\(table): A sees her own rows and no one else's")
            XCTAssertEqual(rowsTouched(w.aSQL, "SELECT * FROM \(table) WHERE patient_id = $1", [w.b.patientID]), 0, table)
        }
        XCTAssertEqual(rowsTouched(w.aSQL, "SELECT * FROM therapist_account"), 1, "her own therapist's account only (change 26: her name)")
        // No temporary table could stand in for the accounts table the policies read: she cannot make one.
        XCTAssertNil(rowsTouched(w.aSQL, "CREATE TEMP TABLE patient_account (patient_id bigint, role_name text, therapist_role text)"))
        XCTAssertEqual(rowsTouched(w.aSQL, "SELECT * FROM public.pain_entry WHERE patient_id = $1", [w.b.patientID]), 0)
        XCTAssertEqual(try w.b.painEntries().first?.note, "private note", "B reads her own")
        XCTAssertEqual(try w.a.painEntries().count, 1)
    }

    func testAPatientCannotChangeOrDeleteAnotherPatientsRows() throws {
        let w = try world()
        let before = try w.everything(of: w.b.patientID)
        for table in try w.recordTables() {
            let update = rowsTouched(w.aSQL, "UPDATE \(table) SET patient_id = patient_id WHERE patient_id = $1", [w.b.patientID])
            XCTAssertTrue(update == nil || update == 0, "\(table): update reached \(update ?? 0) of B's rows")
            let delete = rowsTouched(w.aSQL, "DELETE FROM \(table) WHERE patient_id = $1", [w.b.patientID])
            XCTAssertTrue(delete == nil || delete == 0, "\(table): delete reached \(delete ?? 0) of B's rows")
            let through = rowsTouched(w.aSQL, ClinicWorld.deleting(table), [w.b.patientID])
            XCTAssertTrue(through == nil || through == 0, "\(table): its delete function reached \(through ?? 0) of B's rows")
            let everyone = rowsTouched(w.aSQL, "DELETE FROM \(table) WHERE patient_id <> $1", [w.a.patientID])
            XCTAssertTrue(everyone == nil || everyone == 0, table)
        }
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE visit SET location = location WHERE true"), 6, "only her own six visits")
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE patient_account SET therapist_role = NULL"), "no column of the accounts may be updated")
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE patient_account SET role_name = 'x'"))
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE patient_account SET write_lock = 1 WHERE patient_id = $1", [w.b.patientID]))
        XCTAssertEqual(try w.everything(of: w.b.patientID), before, "B's record is untouched")
    }

    func testAPatientCannotAddToAnotherPatientsRecord() throws {
        let w = try world()
        // Entry ids count within each record: B's second entry has a number A's record does not hold.
        let bEntry = try XCTUnwrap(try w.b.addPainEntry(PainEntry(date: day("2026-11-21"), time: time("08:00"), score: 2),
                                                        now: at("2026-11-27T12:00")).id)
        let before = try w.everything(of: w.b.patientID)
        let (a, b) = (w.a.patientID, w.b.patientID)
        let attempts: [(String, [(any PGParam)?])] = [
            ("INSERT INTO pain_entry (patient_id, date, time, score) VALUES ($1, '2026-11-20', '08:00', 9)", [b]),
            ("INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, 9, 'groin', 'left')", [b, bEntry]),
            // Her own id with the number of B's entry: the key names her record, where no such entry is.
            ("INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, 9, 'groin', 'left')", [a, bEntry]),
            ("INSERT INTO pain_trigger (patient_id, entry_id, position, trigger) VALUES ($1, $2, 9, 'walking')", [b, bEntry]),
            ("INSERT INTO visit (patient_id, number, kind, status, duration_minutes, mode) VALUES ($1, 6, 'discharge', 'to-schedule', 60, 'virtual')", [b]),
            ("INSERT INTO program_week (patient_id, number, starts, published_at) VALUES ($1, 3, '2026-11-16', now())", [b]),
            ("INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) VALUES ($1, 1, 9, 'bird-dog', 1, 1, 0, 0, 1, 1, 'none')", [b]),
            ("INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, '2026-11-10', 2, 'clamshell', 1)", [b]),
            ("INSERT INTO reading_list (patient_id, article_id, position) VALUES ($1, 'z', 9)", [b]),
            ("INSERT INTO article_read (patient_id, article_id, read_on) VALUES ($1, 'b', '2026-11-21')", [b]),
            ("INSERT INTO quiz_result (patient_id, taken_on, answers) VALUES ($1, '2026-11-22', '{}')", [b]),
            ("INSERT INTO sign_report (patient_id, date, time, signs) VALUES ($1, '2026-11-22', '08:00', 'seizure')", [b]),
            ("INSERT INTO patient_condition (patient_id, position, condition) VALUES ($1, 9, 'pelvic-pain')", [b]),
            ("INSERT INTO patient_account (role_name) VALUES ('intruder')", []),
            ("INSERT INTO therapist_account (role_name) VALUES ('intruder')", []),
            // Moving her own rows into B's record.
            ("UPDATE pain_entry SET patient_id = $1", [b]),
            ("UPDATE quiz_result SET patient_id = $1", [b]),
            ("UPDATE sign_report SET patient_id = $1", [b]),
            ("UPDATE reading_list SET patient_id = $1", [b]),
        ]
        for (statement, params) in attempts {
            XCTAssertNil(rowsTouched(w.aSQL, statement, params), statement)
        }
        XCTAssertEqual(try w.everything(of: w.b.patientID), before, "B's record is unchanged")
        XCTAssertEqual(try w.a.painEntries().count, 1, "A's own entry stayed hers")
    }

    func testThePortalRefusesAnAdministratorsLogin() throws {
        let w = try world()
        XCTAssertThrowsError(try PostgresStore.open(w.cluster.conninfo("postgres"))) {
            XCTAssertTrue("\($0)".contains("does not run as a database administrator"), "\($0)")
        }
        let unknown = w.cluster.conninfo("pt_\(PrivateCluster.patientSlots)")
        XCTAssertThrowsError(try PostgresStore.open(unknown)) { XCTAssertTrue("\($0)".contains("ask the clinic to add you"), "\($0)") }
    }

    func testAPatientCannotOpenAnotherPatientsRecord() throws {
        let w = try world()
        XCTAssertThrowsError(try PostgresStore.open(w.cluster.conninfo(w.a.patientRole), patient: w.b.patientRole)) {
            // Not "in your caseload": a patient has none (QA H11).
            XCTAssertEqual($0 as? PortalError, .rule("Only a therapist names a patient with --patient: your login opens your own record, so leave out --patient."))
        }
    }
}
