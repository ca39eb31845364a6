import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import PortalRuntime
import PortalUI
import StoreTestSupport
import XCTest

/// Her therapist's review of her warning signs (issue 23, point 2; clinic change 14), as the real roles log in
/// on a private cluster: t1 reviews A's signs from the chart, in her own name; A reads the review and nothing
/// else can be done with it by anyone; the caseload stops flagging what was reviewed and flags a newer sign.
final class SignReviewTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))

    func signsFlagged(_ c: PrivateCluster, _ therapist: String, _ patient: String) throws -> Bool {
        let rows = try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: clock, content: sharedContent)
        let row = try XCTUnwrap(rows.first { $0.login == patient })
        return row.reasons.contains { if case .warningSigns = $0 { return true } else { return false } }
    }

    func testHerTherapistReviewsFromTheChartAndTheCaseloadStopsFlaggingIt() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole), "A's sign of 23 Nov is not reviewed yet")

        // From the chart: the signs she reported, v, y.
        let desk = try XCTUnwrap(try ClinicDesk.open(c.conninfo(w.t1), limits: .command, content: sharedContent))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.context.chart?.login, w.a.patientRole)
        runtime.key(.character("w"))
        XCTAssertEqual(runtime.app.top.kind, .reportedSigns)
        var screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("not reviewed yet"), screen)
        runtime.key(.character("v"))
        screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("Mark the 1 warning sign not reviewed yet (the newest dated Mon 23 Nov 07:30)"), screen)
        runtime.key(.character("y"))
        screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        let now = try serverNow(c)
        XCTAssertTrue(screen.contains("reviewed by \(w.t1) on \(now.date.shortText)"), screen)
        XCTAssertFalse(screen.contains("not reviewed yet"), screen)

        // Kept in her name, at the server's time (not her portal's clock); the caseload no longer flags the sign.
        let reviews = try w.a.record(.whole).signReviews
        XCTAssertEqual(reviews.last?.reviewer, w.t1)
        XCTAssertEqual(reviews.last?.through, at("2026-11-23T07:30"))
        XCTAssertEqual(reviews.last?.reviewedAt.date, now.date, "the server's clock, not the portal's 27 Nov")
        XCTAssertFalse(try signsFlagged(c, w.t1, w.a.patientRole), "reviewed: no longer a reason")

        // A sign she reports later is flagged again, and is hers to see as not reviewed.
        try w.a.add(SignReport(date: day("2026-11-27"), time: time("11:00"), signs: ["fever"]),
                    rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole), "a newer sign needs a review of its own")

        // Nothing new to review: the store refuses, nothing is written; nor a review of a place her record has not reached.
        let chart = try PostgresStore.open(c.conninfo(w.t1), patient: w.a.patientRole)
        let newest = try XCTUnwrap(try chart.record(.screens(today: day("2026-11-27"))).reportedSigns().compactMap(\.entered).max())
        XCTAssertThrowsError(try chart.reviewSigns(SignReview(reviewedAt: at("2026-11-27T12:05"), through: at("2026-11-27T11:00"),
                                                              enteredThrough: newest + 1, reviewer: w.t1)))
        try chart.reviewSigns(SignReview(reviewedAt: at("2026-11-27T12:05"), through: at("2026-11-27T11:00"), enteredThrough: newest, reviewer: w.t1))
        XCTAssertThrowsError(try chart.reviewSigns(SignReview(reviewedAt: at("2026-11-27T12:06"), through: at("2026-11-27T11:00"),
                                                              enteredThrough: newest, reviewer: w.t1)))
        XCTAssertEqual(try w.a.record(.whole).signReviews.count, reviews.count + 1)
    }

    /// The server's clock, to the minute, as the guards read it.
    func serverNow(_ c: PrivateCluster) throws -> LocalDateTime { try c.serverNow() }

    /// The chart's warning-sign list as her therapist sees it now (a fresh session), and the same after `then`.
    func chartSigns(_ c: PrivateCluster, _ w: ClinicWorld) throws -> Runtime {
        let desk = try XCTUnwrap(try ClinicDesk.open(c.conninfo(w.t1), limits: .command, content: sharedContent))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.context.chart?.login, w.a.patientRole, "the flagged patient first")
        runtime.key(.character("w"))
        return runtime
    }

    /// Issue 23's gap: a review covers the signs by the order they were written, never by the date on them. Her
    /// therapist opens her signs; before she presses v and y, the patient logs yesterday evening's bleeding (a
    /// sign report dated yesterday) and a pain entry with a sign dated last week: the review covers what was on
    /// the screen only. Both stay flagged on the caseload, "not reviewed yet" on the chart, and the patient is not
    /// told they were reviewed. An entry she changes after a review to add a sign is not reviewed either.
    func testASignWrittenAfterTheReviewIsNotReviewedWhateverDayItIsDated() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let runtime = try chartSigns(c, w)
        runtime.key(.character("v"))
        let rules = EntryRules(now: at("2026-11-27T18:00"), content: sharedContent)
        try w.a.add(SignReport(date: day("2026-11-26"), time: time("20:00"), signs: ["vaginal-bleeding"]), rules: rules)
        try w.a.addPainEntry(PainEntry(date: day("2026-11-21"), time: time("19:00"), score: 6, warningSigns: ["fever"]), now: at("2026-11-27T18:00"))
        runtime.key(.character("y"))
        XCTAssertEqual(try w.a.record(.whole).signReviews.count, 2, "the world's review and this one")
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole), "written after what she was shown: flagged")
        let caseload = try PostgresStore.caseload(try PGConnection(c.conninfo(w.t1)), clock: clock, content: sharedContent)
        let reason = try XCTUnwrap(caseload.first { $0.login == w.a.patientRole }?.reasons.first)
        XCTAssertEqual(reason.text(today: day("2026-11-27")), "warning signs not reviewed: A temperature of 100.4 °F (38 °C) or higher; Bleeding from the vagina (yesterday)")

        // On the chart: the two written after it are not reviewed yet, the one she was shown is reviewed.
        let again = try chartSigns(c, w)
        let screen = again.view(size: Size(width: 200, height: 50)).lines.joined(separator: "\n")
        XCTAssertEqual(screen.components(separatedBy: "not reviewed yet").count - 1, 2, screen)
        XCTAssertEqual(screen.components(separatedBy: "reviewed by \(w.t1)").count - 1, 1, screen)

        // To her: "reviewed by your therapist" beside the reviewed sign only.
        let clock = clock
        let hers = try Runtime(store: w.a, content: sharedContent, clock: { clock })
        hers.key(.character("w"))
        hers.key(.character("r"))
        let list = hers.view(size: Size(width: 200, height: 50)).lines.joined(separator: "\n")
        XCTAssertEqual(list.components(separatedBy: "reviewed by your therapist").count - 1, 1, list)
        let record = try w.a.record(.screens(today: day("2026-11-27")))
        for s in record.reportedSigns() where s.sign != "severe-headache" {
            XCTAssertNil(record.review(of: s), "\(s.sign) dated \(s.date) was written after the review")
        }

        // Her therapist reviews them; then she changes an entry without signs (dated before every review) to add
        // one: a change is written after the reviews, so it is not reviewed.
        again.key(.character("v"))
        again.key(.character("y"))
        XCTAssertFalse(try signsFlagged(c, w.t1, w.a.patientRole), "all reviewed")
        var entry = try XCTUnwrap(try w.a.painEntries().first { $0.warningSigns.isEmpty })
        entry.warningSigns = ["leg-swelling"]
        try w.a.updatePainEntry(entry, now: at("2026-11-27T19:00"))
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole), "changed after the review: flagged again")
        let changed = try w.a.record(.screens(today: day("2026-11-27")))
        XCTAssertNil(changed.review(of: try XCTUnwrap(changed.reportedSigns().first { $0.sign == "leg-swelling" })))
    }

    /// The patient sees "reviewed by your therapist" with the day beside the reviewed sign, on her own login,
    /// on her Warning signs list; her own session never reviews.
    func testThePatientSeesTheReviewAndNeverReviews() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let newest = try XCTUnwrap(try w.a.record(.whole).reportedSigns().compactMap(\.entered).max())
        let review = try PostgresStore.open(c.conninfo(w.t1), patient: w.a.patientRole)
            .reviewSigns(SignReview(reviewedAt: at("2026-11-26T09:00"), through: at("2026-11-23T07:30"), enteredThrough: newest, reviewer: w.t1))
        XCTAssertEqual(w.a.viewer, .clinicPatient)
        XCTAssertThrowsError(try w.a.reviewSigns(SignReview(reviewedAt: at("2026-11-27T09:00"), through: at("2026-11-23T07:30"),
                                                            enteredThrough: newest, reviewer: w.a.patientRole))) {
            XCTAssertTrue("\($0)".contains("Only her therapist reviews"), "\($0)")
        }
        let clock = clock
        let runtime = try Runtime(store: w.a, content: sharedContent, clock: { clock })
        XCTAssertEqual(runtime.app.context.viewer, .clinicPatient, "her portal's viewer is her store's")
        runtime.key(.character("w"))
        runtime.key(.character("r"))
        let screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("reviewed by your therapist on \(review.reviewedAt.date.shortText)"), screen)
        XCTAssertEqual(review.reviewedAt, try serverNow(c), "when the server says (to the minute)")
        XCTAssertFalse(screen.contains(w.t1), "her therapist's login is not shown to her")
        XCTAssertFalse(screen.contains("mark reviewed"), screen)
    }

    /// Every right in SQL as the real roles: she reads her reviews and writes none; her therapist adds one in her
    /// own name only; nobody changes or deletes one; another therapist neither reads nor adds; each insert is in
    /// the clinic's history.
    func testEveryRightAsTheRealRoleInSQL() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let a = w.a.patientID
        func run(_ role: String, _ sql: String, _ params: [(any PGParam)?] = []) -> RightsByRoleTests.Outcome {
            RightsByRoleTests.probe(try! PGConnection(c.conninfo(role)), sql, params)
        }
        // Up to place 2: the world's sign report, written after its pain entry.
        let insert = "INSERT INTO sign_review (patient_id, reviewed_at, signs_until, reviewer, entered_through) VALUES ($1, '2026-11-27T09:00', '2026-11-23T07:30', $2, 2)"
        XCTAssertTrue(run(w.a.patientRole, "SELECT * FROM sign_review WHERE patient_id = $1", [a]).passed, "she reads her reviews")
        XCTAssertFalse(run(w.a.patientRole, insert, [a, w.t1]).passed, "she never writes one, not even in her therapist's name")
        XCTAssertFalse(run(w.a.patientRole, insert, [a, w.a.patientRole]).passed)
        XCTAssertTrue(run(w.t1, insert, [a, w.t1]).passed, "her therapist adds one in her own name")
        XCTAssertFalse(run(w.t1, insert, [a, w.t2]).passed, "never in another's name")
        XCTAssertFalse(run(w.t2, insert, [a, w.t2]).passed, "a therapist whose caseload she is not in adds none")
        XCTAssertFalse(run(w.t2, "SELECT * FROM sign_review WHERE patient_id = $1", [a]).passed, "nor reads any")
        XCTAssertFalse(run(w.b.patientRole, "SELECT * FROM sign_review WHERE patient_id = $1", [a]).passed, "another patient reads none")
        for role in [w.a.patientRole, w.t1, w.t2] {
            XCTAssertFalse(run(role, "UPDATE sign_review SET signs_until = signs_until WHERE patient_id = $1", [a]).passed, "\(role) changes none")
            XCTAssertFalse(run(role, "UPDATE sign_review SET reviewer = reviewer WHERE patient_id = $1", [a]).passed, "\(role) changes none")
            XCTAssertFalse(run(role, "DELETE FROM sign_review WHERE patient_id = $1", [a]).passed, "\(role) deletes none")
        }
        // The history keeps the seeded review (written by t1's own login).
        let history = try PGConnection(c.conninfo("postgres")).query(
            "SELECT count(*) AS n FROM clinical_history WHERE table_name = 'sign_review' AND patient_id = $1", [a]).rows.first?.int("n")
        XCTAssertEqual(history, 1)
    }

    /// Point 2 of the safety round: her therapist's own psql session cannot write a review ahead of time to
    /// silence signs still to come. The server sets when it was made (whatever the session names), the newest date
    /// it names is no later than the newest sign it covers, and it covers only places her record has reached.
    func testAReviewIsMadeWhenTheServerSaysAndCoversOnlyWhatHerRecordHasInSQL() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let a = w.a.patientID
        let admin = try PGConnection(c.conninfo("postgres"))
        let newest = try XCTUnwrap(try admin.query("""
            SELECT greatest((SELECT max(entered) FROM pain_entry WHERE patient_id = $1), (SELECT max(entered) FROM sign_report WHERE patient_id = $1)) AS n
            """, [a]).rows.first?.int("n"))
        func review(_ place: Int, at when: String = "2099-01-01T00:00") -> String {
            "INSERT INTO sign_review (patient_id, reviewed_at, signs_until, reviewer, entered_through) VALUES ($1, '\(when)', '\(when)', current_user, \(place))"
        }
        let t1 = try PGConnection(c.conninfo(w.t1))
        for place in [newest + 1, 1_000_000, -1] {
            let outcome = RightsByRoleTests.probe(t1, review(place), [a])
            XCTAssertFalse(outcome.changed, "place \(place) of \(newest): \(outcome.description)")
        }
        let before = try serverNow(c)
        _ = try t1.query(review(newest), [a])
        let after = try serverNow(c)
        let row = try XCTUnwrap(try admin.query("""
            SELECT to_char(reviewed_at, 'YYYY-MM-DD"T"HH24:MI') AS r, to_char(signs_until, 'YYYY-MM-DD"T"HH24:MI') AS u
            FROM sign_review WHERE patient_id = $1 ORDER BY id DESC LIMIT 1
            """, [a]).rows.first)
        let reviewedAt = try XCTUnwrap(LocalDateTime(try row.text("r")))
        XCTAssertTrue(before <= reviewedAt && reviewedAt <= after, "written for 2099, kept at the server's now: \(reviewedAt)")
        XCTAssertEqual(try row.text("u"), "2026-11-23T07:30", "no later than the newest sign it covers")

        // A sign she writes after it, dated before it, is still flagged.
        try w.a.add(SignReport(date: day("2026-11-20"), time: time("09:00"), signs: ["leg-swelling"]),
                    rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole))
    }
}
