@testable import PortalCore
import StoreTestSupport
import XCTest

final class PatientTests: XCTestCase {
    func testPregnancyWeekAndTrimesterFromDueDate() {
        let due = day("2027-03-15")
        func progress(_ d: String) -> StageProgress { StageProgress(stage: .pregnant(dueDate: due), on: day(d)) }
        // 280 days before the due date is week 0.
        XCTAssertEqual(progress("2026-06-08").pregnancyWeek, 0)
        XCTAssertEqual(progress("2026-09-06").pregnancyWeek, 12)
        XCTAssertEqual(progress("2026-09-06").trimester, 1)
        XCTAssertEqual(progress("2026-09-14").pregnancyWeek, 14)
        XCTAssertEqual(progress("2026-09-14").trimester, 2)
        XCTAssertEqual(progress("2026-12-21").pregnancyWeek, 28)
        XCTAssertEqual(progress("2026-12-21").trimester, 3)
        XCTAssertEqual(progress("2026-12-21").summary, "28 weeks pregnant · 3rd trimester")
        XCTAssertNil(progress("2026-12-21").weeksPostpartum)
    }

    func testWeeksPostpartumAndDelivery() {
        let p = StageProgress(stage: .postpartum(birthDate: day("2026-10-01"), delivery: .cesarean), on: day("2026-11-27"))
        XCTAssertEqual(p.weeksPostpartum, 8)
        XCTAssertNil(p.pregnancyWeek)
        XCTAssertEqual(p.summary, "8 weeks after birth · C-section birth")
        // Issue 19, point 10: About me said "0 weeks postpartum" while Home said "Less than a week after birth".
        let first = StageProgress(stage: .postpartum(birthDate: day("2026-11-25"), delivery: .vaginal), on: day("2026-11-27"))
        XCTAssertEqual(first.headline, "Less than a week after birth")
        XCTAssertEqual(first.summary, "Less than a week after birth · vaginal birth")
        XCTAssertTrue(first.summary.hasPrefix(first.headline))
        let one = StageProgress(stage: .postpartum(birthDate: day("2026-11-20"), delivery: .vaginal), on: day("2026-11-27"))
        XCTAssertEqual(one.summary, "1 week after birth · vaginal birth")
    }

    func testValidationRefusesEmptyNamesAndImpossibleDates() {
        let today = day("2026-11-27")
        XCTAssertThrowsError(try Patient(name: "  ", stage: .pregnant(dueDate: day("2027-01-01")), conditions: []).validate(today: today))
        XCTAssertThrowsError(try Patient(name: "A", stage: .pregnant(dueDate: day("2028-01-01")), conditions: []).validate(today: today))
        XCTAssertThrowsError(try Patient(name: "A", stage: .postpartum(birthDate: day("2026-12-01"), delivery: .vaginal), conditions: []).validate(today: today))
        XCTAssertNoThrow(try Patient(name: "A", stage: .postpartum(birthDate: day("2026-11-01"), delivery: .vaginal), conditions: []).validate(today: today))
    }

    func testConditionsMustFitTheStage() {
        let today = day("2026-11-27")
        let vaginal = Stage.postpartum(birthDate: day("2026-10-01"), delivery: .vaginal)
        XCTAssertThrowsError(try Patient(name: "A", stage: vaginal, conditions: [.roundLigament]).validate(today: today))
        XCTAssertThrowsError(try Patient(name: "A", stage: vaginal, conditions: [.cSectionScar]).validate(today: today))
        XCTAssertThrowsError(try Patient(name: "A", stage: .pregnant(dueDate: day("2027-02-01")), conditions: [.perinealTear]).validate(today: today))
        XCTAssertNoThrow(try Patient(name: "A", stage: .postpartum(birthDate: day("2026-10-01"), delivery: .cesarean),
                                     conditions: [.cSectionScar, .diastasisRecti]).validate(today: today))
    }

    func testPrecautionsFollowTheStage() throws {
        let bridge = try XCTUnwrap(sharedContent.exercises.exercise("glute-bridge"))
        let early = pregnantPatient(due: "2027-06-01") // about 13 weeks on 2026-11-27
        let late = pregnantPatient(due: "2027-02-01")  // about 31 weeks
        let afterBirth = Patient(name: "P", stage: .postpartum(birthDate: day("2026-06-01"), delivery: .vaginal), conditions: [])
        let scope = { (p: Patient) in bridge.precautions(for: p, on: day("2026-11-27")).map(\.applies) }
        XCTAssertFalse(scope(early).contains(.pregnantAfter20Weeks))
        XCTAssertTrue(scope(late).contains(.pregnantAfter20Weeks))
        XCTAssertFalse(scope(afterBirth).contains(.pregnantAfter20Weeks))
    }
}
