import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// A write the database's rules refuse (SQLSTATE class 23) says which rule, and what it accepts, not only "breaks a
/// rule of the portal" (`ClinicRefusal`). Each refusal is a real one, sent as the real login and put into words
/// by the connection, as the portal's stores do.
final class ClinicRefusalTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// What `sql` is refused with, in the portal's words, run in one transaction of `db`.
    func said(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?], file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try db.transaction { db in _ = try db.query(sql, params) }
            XCTFail("ran: \(sql)", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testAColumnsRuleIsSaidWithTheValuesItAccepts() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1)
        XCTAssertEqual(said(t1, "UPDATE visit SET duration_minutes = 300 WHERE patient_id = $1 AND number = 2", [w.a.patientID]),
                       "The duration minutes of a visit is a whole number from 15 to 240, so nothing was saved.")
        XCTAssertEqual(said(t1, "UPDATE visit SET mode = 'phone' WHERE patient_id = $1 AND number = 2", [w.a.patientID]),
                       "The mode of a visit is one of \(VisitMode.allCases.map(\.rawValue).joined(separator: ", ")), so nothing was saved.")
        XCTAssertTrue(VisitMode.allCases.map(\.rawValue).contains("in-person"))
    }

    /// A trigger that names no constraint is said by its own sentence.
    func testATriggersRuleIsSaidInItsOwnWords() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1), a = w.a.patientID
        _ = try t1.query("UPDATE visit SET status = 'completed' WHERE patient_id = $1 AND number = 1", [a])
        XCTAssertEqual(said(t1, "UPDATE visit SET starts_at = starts_at + interval '1 day' WHERE patient_id = $1 AND number = 1", [a]),
                       "That change breaks a rule of the portal: a completed visit keeps its date and status; nothing was saved.")
    }

    /// Her therapist replaces an upcoming week through the portal while a session logged before change 29 names
    /// it (the administrator writes one, as an import would): the week keeps it, and says so.
    func testALoggedExerciseKeptInItsWeekIsSaidThroughThePortal() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), a = w.a.patientID
        let today = try w.cluster.serverNow().date
        let therapist = try w.store(w.t1, for: w.a)
        let current = try XCTUnwrap(try w.a.program().weeks.last)
        let upcoming = ProgramWeek(number: current.number + 1, starts: today.adding(days: 3), note: "Next", prescriptions: current.prescriptions)
        try therapist.publishWeek(upcoming, library: sharedContent.exercises, today: today)
        _ = try admin.query("INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, $2::date, $3, 'clamshell', 1)",
                            [a, upcoming.starts.description, upcoming.number])
        let replaced = ProgramWeek(number: upcoming.number, starts: upcoming.starts, note: "Changed", prescriptions: current.prescriptions)
        XCTAssertThrowsError(try therapist.publishWeek(replaced, library: sharedContent.exercises, today: today)) {
            XCTAssertEqual("\($0)", ClinicRefusal.stillUsed["exercise_session_patient_id_week_exercise_id_fkey"])
            XCTAssertTrue("\($0)".contains("She has marked this week's exercises done"), "\($0)")
        }
        XCTAssertEqual(try w.a.program().week(number: upcoming.number)?.note, "Next", "nothing was saved")
    }

    /// clinic-i, item 4: a newer portal's exercise that the clinic's library lacks (its `clinic init` not run
    /// since) is refused with what to do; `clinic init` adds it, and running it again changes nothing.
    func testAnExerciseTheLibraryLacksSaysToRunClinicInitWhichAddsIt() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), t1 = try w.sql(w.t1), a = w.a.patientID
        let missing = try XCTUnwrap(try admin.query("""
            SELECT id FROM exercise_library WHERE id NOT IN (SELECT exercise_id FROM prescription) ORDER BY id LIMIT 1
            """).rows.first?.text("id"))
        // The library as an older portal's `clinic init` left it: without this exercise.
        _ = try admin.query("DELETE FROM exercise_library WHERE id = $1", [missing])
        _ = try t1.query("INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')", [a])
        let prescribe = "INSERT INTO prescription (\(ClinicRulesTests.prescriptionColumns)) VALUES ($1, 40, 0, $2, 2, 10, 0, 30, 1, 5, 'none')"
        let text = said(t1, prescribe, [a, missing])
        XCTAssertEqual(text, ClinicRefusal.named["prescription_exercise_in_library"])
        XCTAssertTrue(text.contains("runuser -u postgres -- portal clinic init"), text)

        let library = { Set(try admin.query("SELECT id FROM exercise_library").rows.map { try $0.text("id") }) }
        try ClinicAdmin(connection: admin).initialise()
        let refilled = try library()
        XCTAssertEqual(refilled, Set(sharedContent.exercises.exercises.map(\.id)))
        try ClinicAdmin(connection: admin).initialise()
        XCTAssertEqual(try library(), refilled, "a second run changes nothing")
        XCTAssertEqual(try t1.transaction { db in try db.query(prescribe, [a, missing]).affected }, 1)
    }
}
