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

    /// qa-e E15: on the due date itself the baby is due today, not "due date passed"; after it, the time since
    /// the due date is counted truly, never stuck at 42 weeks, with the question until the birth is recorded.
    func testTheDueDateItselfAndTheWeeksAfterIt() {
        let due = day("2026-12-20")
        func progress(_ d: String) -> StageProgress { StageProgress(stage: .pregnant(dueDate: due), on: day(d)) }
        XCTAssertNil(progress("2026-12-19").dueDateText)
        XCTAssertNil(progress("2026-12-19").birthQuestion)
        XCTAssertEqual(progress("2026-12-19").summary, "39 weeks pregnant · 3rd trimester")
        XCTAssertEqual(progress("2026-12-20").summary, "40 weeks pregnant · due today")
        XCTAssertFalse(progress("2026-12-20").pastDueDate)
        XCTAssertEqual(progress("2026-12-20").birthQuestion, "Your due date is today. Has your baby arrived?")
        XCTAssertEqual(progress("2026-12-21").summary, "40 weeks pregnant · due date passed 1 day ago")
        XCTAssertEqual(progress("2026-12-21").birthQuestion, "Your due date passed 1 day ago. Has your baby arrived?")
        XCTAssertEqual(progress("2027-01-03").summary, "42 weeks pregnant · due date passed 2 weeks ago")
        XCTAssertEqual(progress("2027-01-09").headline, "42 weeks pregnant", "42 weeks and 6 days is still 42 weeks")
        // 46 weeks after the start of pregnancy: 6 weeks past the due date, said as that, never "42 weeks".
        let late = progress("2027-01-31")
        XCTAssertEqual(late.headline, "Due date passed 6 weeks ago")
        XCTAssertEqual(late.summary, "Due date passed 6 weeks ago · birth not recorded yet")
        XCTAssertEqual(late.birthQuestion, "Your due date passed 6 weeks ago. Has your baby arrived?")
        XCTAssertEqual(late.pregnancyWeek, 42, "the program's rules still count at most 42 weeks")
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
        // qa-e E20: a name of only Hangul fillers or other blank-looking characters is no name.
        for blank in ["\u{3164}", "\u{115F}\u{1160}", "\u{FFA0}", "\u{2800}", " \u{3164} "] {
            XCTAssertThrowsError(try Patient(name: blank, stage: .pregnant(dueDate: day("2027-01-01")), conditions: []).validate(today: today)) {
                XCTAssertEqual("\($0)", "Please enter a name.", blank.debugDescription)
            }
        }
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
        // The reason alone: each front end (the set-up form, the command line) adds the remedy in its own terms.
        XCTAssertThrowsError(try Patient(name: "A", stage: vaginal, conditions: [.lowBack, .roundLigament]).validate(today: today)) {
            XCTAssertEqual($0 as? PortalError, .invalidInput(field: .conditions, "Round ligament pain (front of hip, groin) happens during pregnancy."))
        }
        XCTAssertEqual(Patient(name: "A", stage: vaginal, conditions: [.cSectionScar]).conditionMismatch,
                       ConditionMismatch(condition: .cSectionScar, wants: .cesareanBirth))
        XCTAssertEqual(Patient(name: "A", stage: .pregnant(dueDate: day("2027-02-01")), conditions: [.cSectionScar]).conditionMismatch?.wants, .birth)
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
