import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import PortalRuntime
import PortalUI
import StoreTestSupport
import XCTest

/// In a clinic the program is her therapist's (issue 21, point 4): a change of her details that would bring a
/// new program becomes a request her therapist sees on the caseload, and no week is rewritten, whether she
/// changes About me on the screen or with `portal profile`.
final class ProgramRequestTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testAboutMeOnTheScreenAsksHerTherapistAndRewritesNoWeek() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        // Her weeks are dated in November: the server's day is pinned there while her therapist publishes.
        try w.cluster.pinClinicDay("2026-11-10")
        defer { try? w.cluster.unpinClinicDay() }
        let weeks = try w.a.program().weeks
        let old = try XCTUnwrap(try w.a.patient())
        var new = old
        new.conditions.append(.bladderLeaks)
        let clock = PortalClock(today: day("2026-11-10"), time: time("12:00"))
        let runner = EffectRunner(store: w.a, content: sharedContent, clock: { clock })
        let messages = runner.perform(.updateProfile(new))
        let saved = messages.compactMap { message -> ProfileChange? in
            if case .completed(_, .profile(let change)) = message { return change }
            return nil
        }.first
        let change = try XCTUnwrap(saved, "\(messages)")
        let request = "Test Patient added bladder leaks: new program suggested"
        XCTAssertEqual(change.askedTherapist, request)
        XCTAssertEqual(change.offeredWeeks, [], "nothing to take: the program is her therapist's")
        XCTAssertEqual(try w.a.patient()?.conditions, new.conditions, "her details are saved")
        XCTAssertEqual(try w.a.program().weeks, weeks, "no week rewritten")
        XCTAssertEqual(try w.a.programRequest(), request)
        // Her snapshot says so, and the About me screen then offers no program (SetupScreen.completed).
        XCTAssertTrue(try w.a.snapshot(clock: clock).programIsTherapists)

        // Her therapist sees it on the caseload; another therapist's caseload does not have her.
        let line = try XCTUnwrap(try PostgresStore.caseload(try w.sql(w.t1), clock: clock, guide: sharedContent.safety).first { $0.login == w.a.patientRole })
        XCTAssertEqual(line.programRequest, request)
        XCTAssertFalse(try PostgresStore.caseload(try w.sql(w.t2), clock: clock, guide: sharedContent.safety).contains { $0.programRequest == request })
        // Publishing a week answers it.
        let forA = try w.store(w.t1, for: w.a)
        try forA.addProgramWeek(ProgramWeek(number: 3, starts: day("2026-11-16"), note: "For the leaks", prescriptions: [rx("clamshell")]),
                                library: sharedContent.exercises, today: day("2026-11-16").adding(days: -1))
        XCTAssertEqual(try w.a.programRequest(), request, "a draft does not answer it")
        try forA.publishWeek(3)
        XCTAssertNil(try w.a.programRequest())
    }

    func testPortalProfileSendsTheRequestAndRefusesToTakeAProgram() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let db = ["--db", w.cluster.conninfo(w.a.patientRole)]
        let before = try w.everything(of: w.a.patientID)
        // --use-new-program: refused, nothing changed, her details included.
        var (status, text) = try PortalExecutable.run(["profile", "--condition", "low-back", "--condition", "pelvic-girdle", "--condition",
                                                       "bladder-leaks", "--use-new-program"] + db, in: self)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("Your program is your therapist's"), text)
        XCTAssertEqual(try w.everything(of: w.a.patientID), before)

        (status, text) = try PortalExecutable.run(["profile", "--condition", "low-back", "--condition", "pelvic-girdle", "--condition",
                                                   "bladder-leaks"] + db, in: self)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Sent to your therapist: “Test Patient added bladder leaks: new program suggested”"), text)
        XCTAssertEqual(try w.a.program().weeks, StoreContract.weeks, "no week rewritten")

        (status, text) = try PortalExecutable.run(["clinic", "patients", "--db", w.cluster.conninfo(w.t1)], in: self)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Test Patient asks: “Test Patient added bladder leaks: new program suggested” (publish a week to answer)"), text)
    }

    /// Her details and the request they bring are one transaction, on the screen and on the command line alike:
    /// stopped between the two (where a failure or a killed portal would stop), neither is saved; run again, both.
    func testHerDetailsAndHerRequestAreSavedTogetherOrNotAtAll() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let before = try w.everything(of: w.a.patientID)
        var new = try XCTUnwrap(try w.a.patient())
        new.conditions.append(.bladderLeaks)
        let clock = PortalClock(today: day("2026-11-10"), time: time("12:00"))
        let runner = EffectRunner(store: w.a, content: sharedContent, clock: { clock })
        struct Stopped: Error {}
        WritePoint.onReach = { if $0 == .profileBeforeRequest { throw Stopped() } }
        let messages = runner.perform(.updateProfile(new))
        WritePoint.onReach = nil
        XCTAssertTrue(messages.contains { if case .failed = $0 { return true } else { return false } }, "\(messages)")
        XCTAssertEqual(try w.everything(of: w.a.patientID), before, "neither her details nor her request")
        XCTAssertNil(try w.a.programRequest())

        // The command line, killed between the two (a debug build's PORTAL_TEST_KILL_AT): neither.
        let args = ["profile", "--condition", "low-back", "--condition", "pelvic-girdle", "--condition", "bladder-leaks",
                    "--db", w.cluster.conninfo(w.a.patientRole)]
        var (status, text) = try PortalExecutable.run(args, in: self, env: ["PORTAL_TEST_KILL_AT=profile-before-request"])
        XCTAssertNotEqual(status, 0, text)
        XCTAssertEqual(try w.everything(of: w.a.patientID), before, "killed part-way: nothing saved")
        XCTAssertNil(try w.a.programRequest())
        (status, text) = try PortalExecutable.run(args, in: self)
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(try w.a.patient()?.conditions.contains(.bladderLeaks), true)
        XCTAssertEqual(try w.a.programRequest(), "Test Patient added bladder leaks: new program suggested", "both, together")
    }

    /// She asks for her own record only; her therapist reads and answers; nobody else sees it.
    func testOnlyHerTherapistReadsHerRequest() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        try w.a.askForProgram("Test Patient added bladder leaks: new program suggested")
        XCTAssertEqual(rowsTouched(try w.sql(w.b.patientRole), "SELECT * FROM program_request"), 0)
        XCTAssertEqual(rowsTouched(try w.sql(w.t2), "SELECT * FROM program_request"), 0)
        XCTAssertEqual(rowsTouched(try w.sql(w.t1), "SELECT * FROM program_request"), 1)
        XCTAssertNil(rowsTouched(w.aSQL, "INSERT INTO program_request (patient_id, request) VALUES ($1, 'x')", [w.b.patientID]))
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE program_request SET patient_id = $1", [w.b.patientID]))
        XCTAssertNil(rowsTouched(w.aSQL, "DELETE FROM program_request"), "only her therapist answers it")
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE program_request SET request = E'\\033[2Jx'"), "no control characters for her therapist's terminal")
        XCTAssertThrowsError(try w.a.askForProgram("x\u{1B}[2J"))
    }

    /// qa-d D25: her therapist deleted the request without publishing, and the caseload's "new program
    /// suggested" was gone unanswered. Her therapist has no DELETE on it (nor may call the trigger's function):
    /// publishing a week answers it (`program_week_answers_request`), in SQL as in the portal.
    func testHerTherapistAnswersHerRequestOnlyByPublishing() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let request = "Test Patient added bladder leaks: new program suggested"
        try w.a.askForProgram(request)
        let t1 = try w.sql(w.t1)
        XCTAssertNil(rowsTouched(t1, "DELETE FROM program_request"), "publishing answers it, nothing else")
        XCTAssertNil(rowsTouched(t1, "DELETE FROM program_request WHERE patient_id = $1", [w.a.patientID]))
        XCTAssertNil(rowsTouched(t1, "SELECT public.program_week_answers_request()"))
        XCTAssertNil(rowsTouched(t1, "LOCK TABLE program_request IN ACCESS EXCLUSIVE MODE"))
        XCTAssertEqual(try w.a.programRequest(), request)
        // A draft written in SQL does not answer it; publishing it does.
        XCTAssertEqual(rowsTouched(t1, """
            INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')
            """, [w.a.patientID]), 1)
        XCTAssertEqual(try w.a.programRequest(), request, "a draft does not answer it")
        XCTAssertEqual(rowsTouched(t1, "INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) VALUES ($1, 40, 0, 'cat-cow', 2, 10, 0, 30, 1, 5, 'none')", [w.a.patientID]), 1)
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = 40", [w.a.patientID]), 1)
        XCTAssertNil(try w.a.programRequest(), "publishing answered it")
    }

    func testTheRequestNamesWhatChanged() {
        let old = pregnantPatient(conditions: [.lowBack])
        var new = old
        new.conditions = [.bladderLeaks, .pelvicPain]
        XCTAssertEqual(ProfileChange.request(from: old, to: new),
                       "Test Patient added bladder leaks, pelvic pain and removed low back pain: new program suggested")
        new = old
        new.stage = .postpartum(birthDate: day("2026-11-20"), delivery: .cesarean)
        XCTAssertEqual(ProfileChange.request(from: old, to: new), "Test Patient had her baby (caesarean birth): new program suggested")
    }
}
