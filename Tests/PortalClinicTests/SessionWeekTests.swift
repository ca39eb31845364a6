import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Clinic change 29: an exercise session is logged on a day of the week it names, once that week has started by
/// the clinic's day (`ClinicSchema.sessionInStartedWeek`). Her login could log one against a week still to come,
/// and since change 28 a logged session keeps its prescription (RESTRICT), so her therapist could then no longer
/// replace that week. Every write is sent as the real login.
final class SessionWeekTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    static let insert = "INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, $2::date, $3, 'clamshell', 1)"

    func testHerLoginLogsASessionOnlyOnADayOfAWeekThatHasStarted() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let a = w.a.patientID
        let today = try w.cluster.serverNow().date
        let therapist = try w.store(w.t1, for: w.a)
        let current = try XCTUnwrap(try w.a.program().weeks.last)
        XCTAssertLessThanOrEqual(current.starts, today, "the seeded program's last week has started")
        let upcoming = ProgramWeek(number: current.number + 1, starts: today.adding(days: 3), note: "Next", prescriptions: current.prescriptions)
        try therapist.publishWeek(upcoming, library: sharedContent.exercises, today: today)
        let before = try w.a.sessions()

        // The week to come, on its own first day or on today: refused, as her login sends it.
        XCTAssertEqual(refusal(w.aSQL, Self.insert, [a, upcoming.starts.description, upcoming.number]), "23514")
        XCTAssertEqual(refusal(w.aSQL, Self.insert, [a, today.description, upcoming.number]), "23514")
        // A started week on a day that is not its own: before it starts, or in the week after it.
        XCTAssertEqual(refusal(w.aSQL, Self.insert, [a, current.starts.adding(days: -1).description, current.number]), "23514")
        XCTAssertEqual(refusal(w.aSQL, Self.insert, [a, current.starts.description, current.number - 1]), "23514")
        // A session she logged is not moved into the week to come either.
        let logged = try XCTUnwrap(before.last?.id)
        XCTAssertEqual(refusal(w.aSQL, "UPDATE exercise_session SET week = $2, date = $3::date WHERE patient_id = $1 AND id = $4",
                               [a, upcoming.number, upcoming.starts.description, logged]), "23514")
        XCTAssertEqual(try w.a.sessions(), before, "nothing was logged")

        // So her therapist can still replace the week to come.
        let replaced = ProgramWeek(number: upcoming.number, starts: upcoming.starts, note: "Changed before it starts", prescriptions: current.prescriptions)
        try therapist.publishWeek(replaced, library: sharedContent.exercises, today: today)
        XCTAssertEqual(try w.a.program().week(number: upcoming.number)?.note, "Changed before it starts")

        // The week under way, on its own days: as her login sends it, and as the portal logs it.
        XCTAssertEqual(rowsTouched(w.aSQL, Self.insert, [a, current.starts.description, current.number]), 1)
        let session = try w.a.markDone(exerciseID: "glute-bridge", on: today, today: today)
        XCTAssertEqual(session.week, current.number)
        XCTAssertTrue(try w.a.sessions().contains { $0.id == session.id })
    }

    /// The refusal says the rule, in the portal's words (`ClinicRefusal`).
    func testTheRefusalSaysTheRule() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let today = try w.cluster.serverNow().date
        let current = try XCTUnwrap(try w.a.program().weeks.last)
        XCTAssertThrowsError(try w.aSQL.transaction { db in
            try db.query(Self.insert, [w.a.patientID, today.description, current.number + 5])
        }) {
            XCTAssertEqual("\($0)", "An exercise is marked done on a day of a program week that has started (by the clinic's day), never in a week still to come, so nothing was saved.")
        }
    }
}
