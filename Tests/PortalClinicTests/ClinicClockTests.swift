import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-f F4 and F13: every server-set time and the clinic's day were the writer's transaction start (`now()`), so a
/// transaction begun the day before a week started emptied it after it had started, and the foreign key's ON
/// DELETE CASCADE took the exercise sessions she had logged in it. The clinic's clock is the statement's
/// (`ClinicSchema.clinicClock`), and a prescription she logged against is never dropped (change 28). Its own
/// cluster: one test moves the clinic's zone so that its midnight comes within seconds.
final class ClinicClockTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// The clock moves within a transaction: an answer written late in a transaction begun before her question
    /// was asked is dated after it.
    func testTheClinicsClockIsTheStatementsTime() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1)
        _ = try t1.query("BEGIN")
        let first = try XCTUnwrap(try t1.query("SELECT clinic_now()::text AS t").rows.first?.text("t"))
        _ = try t1.query("SELECT pg_sleep(1.1)")
        let second = try XCTUnwrap(try t1.query("SELECT clinic_now()::text AS t").rows.first?.text("t"))
        XCTAssertLessThan(first, second, "the clock stood still inside the transaction")
        _ = try t1.query("COMMIT")
    }

    /// F13 as qa-f found it: a therapist's transaction begun before the clinic's midnight, the week starting that
    /// day, her patient logging an exercise in it after midnight, then the therapist emptying the week in the
    /// same old transaction. Refused (the week has started by the statement's day), and the session stays.
    func testATransactionBegunBeforeAWeekStartsCannotEmptyItAfter() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), t1 = try w.sql(w.t1), a = w.a.patientID
        let zone = try XCTUnwrap(try admin.query("SELECT zone FROM clinic_zone").rows.first?.text("zone"))
        defer { _ = try? admin.query("UPDATE clinic_zone SET zone = $1", [zone]) }
        // A zone whose midnight is 4 seconds away (POSIX zones name their offset west of UTC).
        let utc = try XCTUnwrap(try admin.query("SELECT extract(epoch FROM (clock_timestamp() AT TIME ZONE 'UTC')::time)::int AS s").rows.first?.int("s"))
        var east = (86_400 - 4 - utc) % 86_400
        if east > 43_200 { east -= 86_400 }
        let magnitude = abs(east)
        let offset = String(format: "%02d:%02d:%02d", magnitude / 3600, magnitude / 60 % 60, magnitude % 60)
        _ = try admin.query("UPDATE clinic_zone SET zone = $1", ["<CLK>" + (east >= 0 ? "-" : "+") + offset])
        let before = try XCTUnwrap(try admin.query("SELECT clinic_today()::text AS d").rows.first?.text("d"))
        let startDay = try XCTUnwrap(CalendarDate(before)).adding(days: 1)
        // Her week 2 starts at that midnight (the administrator sets it so), week 1 the week before.
        _ = try admin.query("UPDATE program_week SET starts = $2::date WHERE patient_id = $1 AND number = 2", [a, startDay.description])
        _ = try admin.query("UPDATE program_week SET starts = $2::date WHERE patient_id = $1 AND number = 1", [a, startDay.adding(days: -7).description])

        _ = try t1.query("SET idle_in_transaction_session_timeout = 0")
        _ = try t1.query("BEGIN")
        XCTAssertEqual(try t1.query("SELECT clinic_today()::text AS d").rows.first?.text("d"), before)
        var waited = 0
        while try admin.query("SELECT clinic_today()::text AS d").rows.first?.text("d") == before, waited < 100 {
            usleep(100_000)
            waited += 1
        }
        XCTAssertEqual(try admin.query("SELECT clinic_today()::text AS d").rows.first?.text("d"), startDay.description, "midnight came")
        // After midnight she logs an exercise of week 2, dated its first day.
        XCTAssertEqual(rowsTouched(w.aSQL, "INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, $2::date, 2, 'glute-bridge', 2)",
                                   [a, startDay.description]), 1)
        // The old transaction: the week has started by its statements' day, so nothing of it goes.
        XCTAssertEqual(try t1.query("SELECT public.record_delete_prescription($1, '[{\"c\": \"week\", \"op\": \"=\", \"v\": \"2\"}]'::jsonb) AS n", [a])
            .rows.first?.int("n"), 0)
        XCTAssertEqual(try t1.query("UPDATE program_week SET note = 'changed late' WHERE patient_id = $1 AND number = 2", [a]).affected, 0)
        _ = try t1.query("COMMIT")
        XCTAssertEqual(try w.a.program().weeks.first { $0.number == 2 }?.prescriptions.count, 2)
        XCTAssertTrue(try w.a.sessions().contains { $0.date == startDay && $0.exerciseID == "glute-bridge" }, "her session stays")
    }

    /// A prescription she logged an exercise against is never dropped, by anyone: the statement is refused and her
    /// session stays (the foreign key RESTRICTs; it cascaded).
    func testAPrescriptionSheLoggedAgainstIsNeverDropped() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), a = w.a.patientID
        let logged = try w.a.sessions()
        XCTAssertFalse(logged.isEmpty)
        let week = try XCTUnwrap(logged.first?.week)
        XCTAssertEqual(refusal(admin, "DELETE FROM prescription WHERE patient_id = $1 AND week = $2", [a, week]), "23503")
        XCTAssertEqual(refusal(admin, "DELETE FROM program_week WHERE patient_id = $1 AND number = $2", [a, week]), "23503")
        XCTAssertEqual(try w.a.sessions(), logged)
    }
}
