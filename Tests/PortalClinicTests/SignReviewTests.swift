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
        XCTAssertTrue(screen.contains("Mark her warning signs up to Mon 23 Nov 07:30 as reviewed by you?"), screen)
        runtime.key(.character("y"))
        screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("reviewed by \(w.t1) on Fri 27 Nov"), screen)
        XCTAssertFalse(screen.contains("not reviewed yet"), screen)

        // Kept in her name, now; the caseload no longer flags the sign.
        let reviews = try w.a.record(.whole).signReviews
        XCTAssertEqual(reviews.last?.reviewer, w.t1)
        XCTAssertEqual(reviews.last?.through, at("2026-11-23T07:30"))
        XCTAssertEqual(reviews.last?.reviewedAt, at("2026-11-27T12:00"))
        XCTAssertFalse(try signsFlagged(c, w.t1, w.a.patientRole), "reviewed: no longer a reason")

        // A sign she reports later is flagged again, and is hers to see as not reviewed.
        try w.a.add(SignReport(date: day("2026-11-27"), time: time("11:00"), signs: ["fever"]),
                    rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        XCTAssertTrue(try signsFlagged(c, w.t1, w.a.patientRole), "a newer sign needs a review of its own")

        // Nothing new to review: the store refuses, nothing is written.
        let chart = try PostgresStore.open(c.conninfo(w.t1), patient: w.a.patientRole)
        try chart.reviewSigns(SignReview(reviewedAt: at("2026-11-27T12:05"), through: at("2026-11-27T11:00"), reviewer: w.t1))
        XCTAssertThrowsError(try chart.reviewSigns(SignReview(reviewedAt: at("2026-11-27T12:06"), through: at("2026-11-27T11:00"), reviewer: w.t1)))
        XCTAssertEqual(try w.a.record(.whole).signReviews.count, reviews.count + 1)
    }

    /// The patient sees "reviewed by your therapist" with the day beside the reviewed sign, on her own login,
    /// on her Warning signs list; her own session never reviews.
    func testThePatientSeesTheReviewAndNeverReviews() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        try PostgresStore.open(c.conninfo(w.t1), patient: w.a.patientRole)
            .reviewSigns(SignReview(reviewedAt: at("2026-11-26T09:00"), through: at("2026-11-23T07:30"), reviewer: w.t1))
        XCTAssertEqual(w.a.viewer, .clinicPatient)
        XCTAssertThrowsError(try w.a.reviewSigns(SignReview(reviewedAt: at("2026-11-27T09:00"), through: at("2026-11-23T07:30"), reviewer: w.a.patientRole))) {
            XCTAssertTrue("\($0)".contains("Only her therapist reviews"), "\($0)")
        }
        let clock = clock
        let runtime = try Runtime(store: w.a, content: sharedContent, clock: { clock })
        XCTAssertEqual(runtime.app.context.viewer, .clinicPatient, "her portal's viewer is her store's")
        runtime.key(.character("w"))
        runtime.key(.character("r"))
        let screen = runtime.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("reviewed by your therapist on Thu 26 Nov"), screen)
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
        let insert = "INSERT INTO sign_review (patient_id, reviewed_at, signs_until, reviewer) VALUES ($1, '2026-11-27T09:00', '2026-11-23T07:30', $2)"
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
}
