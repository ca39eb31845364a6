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
        // Tomorrow, in the week under way: refused too (a session dated ahead would count in her adherence and streak).
        XCTAssertEqual(refusal(w.aSQL, Self.insert, [a, today.adding(days: 1).description, current.number]), "23514")
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

    /// qa-h H3: her login logged a session against her therapist's draft week (not hers to see), and the foreign
    /// key to its prescription told her, one guess at a time, which exercises the draft holds, and pinned them
    /// there. A draft week is not a published one: refused under her own rights before the key is looked at, a
    /// guess that is in the draft and one that is not alike, even a draft dated as started.
    func testHerLoginCannotLogASessionAgainstADraftWeek() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let a = w.a.patientID, t1 = try w.sql(w.t1)
        let today = try w.cluster.serverNow().date
        let draft = try XCTUnwrap(try w.a.program().weeks.last).number + 1
        _ = try t1.query("INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, $2, $3::date, 'draft', 'therapist')",
                         [a, draft, today.adding(days: -1).description])
        _ = try t1.query("INSERT INTO prescription (\(ClinicRulesTests.prescriptionColumns)) VALUES ($1, $2, 0, 'clamshell', 2, 10, 0, 30, 1, 5, 'none')",
                         [a, draft])
        XCTAssertTrue(try w.a.program().weeks.allSatisfy { $0.number != draft }, "she does not see the draft")
        let before = try w.a.sessions()
        func refused(_ exercise: String) -> (String?, String?) {
            do {
                try w.aSQL.query("INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, $2::date, $3, $4, 1)",
                                 [a, today.description, draft, exercise])
                return (nil, nil)
            } catch let PGError.server(code, message, _) {
                return (code, message)
            } catch {
                return ("\(error)", nil)
            }
        }
        let inDraft = refused("clamshell"), notInDraft = refused("glute-bridge")
        XCTAssertEqual(inDraft.0, "23514", "\(inDraft)")
        XCTAssertEqual(inDraft.0, notInDraft.0, "a guess in the draft and one not in it are refused alike")
        XCTAssertEqual(inDraft.1, notInDraft.1)
        XCTAssertEqual(try w.a.sessions(), before, "nothing was logged")
        // Published, it is hers: a session on its days is taken.
        _ = try w.sql("postgres").query("UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = $2", [a, draft])
        XCTAssertEqual(refused("clamshell").0, nil, "once published and started, the week takes her session")
    }

    /// The refusal says the rule, in the portal's words (`ClinicRefusal`).
    func testTheRefusalSaysTheRule() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let today = try w.cluster.serverNow().date
        let current = try XCTUnwrap(try w.a.program().weeks.last)
        XCTAssertThrowsError(try w.aSQL.transaction { db in
            try db.query(Self.insert, [w.a.patientID, today.description, current.number + 5])
        }) {
            XCTAssertEqual("\($0)", "An exercise is marked done on a day of a program week that has started (by the clinic's day), never in a week still to come or on a day after today, so nothing was saved.")
        }
    }
}
