import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// QA J10: a therapist's decision (the reason she prescribes an exercise against one of its rules, which the
/// patient is shown) is one she can read, on the server as in the portal: her therapist writing her draft
/// in SQL is held to the portal's rule (`Prescription.decisionProblem`), and told it in words.
final class DecisionReasonTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    private let insert = """
        INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side, therapist_decision)
        VALUES ($1, 40, $2, $3, 2, 10, 0, 30, 1, 5, 'none', $4)
        """

    func testHerTherapistWritesNoDecisionSheCannotRead() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1)
        XCTAssertEqual(rowsTouched(t1, """
            INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')
            """, [w.a.patientID]), 1)
        for (i, reason) in ["x", "  x         ", "!!!!!!!!!!!!", "12345678901", "ok.ok"].enumerated() {
            XCTAssertEqual(refusal(t1, insert, [w.a.patientID, i, "cat-cow", reason]), "23514", reason)
        }
        do {
            _ = try t1.query(insert, [w.a.patientID, 0, "cat-cow", "x"])
            XCTFail("a one-character decision was kept")
        } catch let error as PGError {
            let said = error.portalError.description
            XCTAssertEqual(said, "That change breaks a rule of the portal: a therapist's decision is \(Prescription.decisionRuleText), which she is shown; nothing was saved.")
        }
        XCTAssertEqual(rowsTouched(t1, insert, [w.a.patientID, 0, "cat-cow", "She asked for it; her pain settles with it."]), 1)
        XCTAssertEqual(rowsTouched(t1, insert, [w.a.patientID, 1, "clamshell", ""]), 1, "no decision at all")
    }

    /// The portal refuses the same reasons before anything reaches the server, naming the field and the rule.
    func testThePortalsRuleIsTheServersAndSaysItself() {
        XCTAssertNotNil(Prescription.decisionProblem("x"))
        XCTAssertNotNil(Prescription.decisionProblem("   x    \n  "))
        XCTAssertNotNil(Prescription.decisionProblem("!!!!!!!!!!!!"))
        XCTAssertNil(Prescription.decisionProblem(""), "no decision")
        XCTAssertNil(Prescription.decisionProblem("Her choice."))
        XCTAssertNil(Prescription.decisionProblem("彼女の選択です、理由あり"), "letters of any script")
        XCTAssertThrowsError(try Prescription.checkDecision("x", field: "prescriptions[0].therapistDecision")) { error in
            XCTAssertEqual("\(error)", "prescriptions[0].therapistDecision: “x” does not say why; a therapist's decision is \(Prescription.decisionRuleText), which she is shown. Give the reason in a few words, or leave the decision out.")
        }
        XCTAssertNoThrow(try Prescription.checkDecision("x", field: "f", asWritten: true), "a record moved in as it was written")
    }
}
