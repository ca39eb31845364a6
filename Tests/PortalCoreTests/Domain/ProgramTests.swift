@testable import PortalCore
import StoreTestSupport
import XCTest

final class ProgramTests: XCTestCase {
    let program = Program(weeks: [
        ProgramWeek(number: 2, starts: day("2026-11-09"), note: "", prescriptions: [rx("clamshell", sets: 3), rx("glute-bridge"), rx("cat-cow")]),
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell"), rx("pelvic-tilt"), rx("cat-cow")]),
    ])

    func testCurrentWeekIsTheLatestStarted() {
        XCTAssertNil(program.currentWeek(on: day("2026-11-01")))
        XCTAssertEqual(program.currentWeek(on: day("2026-11-08"))?.number, 1)
        XCTAssertEqual(program.currentWeek(on: day("2026-11-09"))?.number, 2)
        XCTAssertEqual(program.currentWeek(on: day("2027-01-01"))?.number, 2)
    }

    /// QA J6: the program has run out once its last published week's 7 days are over; a week to come, even weeks
    /// away, keeps the one under way going, a draft does not; and nothing of a program run out is due.
    func testTheProgramRunsOutTheDayAfterItsLastWeeksSevenDays() {
        XCTAssertNil(program.ranOut(on: day("2026-11-01")), "not started")
        XCTAssertNil(program.ranOut(on: day("2026-11-10")))
        XCTAssertNil(program.ranOut(on: day("2026-11-15")), "the last week's seventh day")
        XCTAssertEqual(program.ranOut(on: day("2026-11-16")), day("2026-11-15"))
        XCTAssertEqual(program.ranOut(on: day("2027-01-01")), day("2026-11-15"))
        let later = ProgramWeek(number: 3, starts: day("2026-12-20"), note: "", prescriptions: [rx("clamshell")])
        XCTAssertNil(Program(weeks: program.weeks + [later]).ranOut(on: day("2026-12-01")), "a week to come")
        XCTAssertEqual(Program(weeks: program.weeks + [later], drafts: [3]).ranOut(on: day("2026-12-01")), day("2026-11-15"), "a draft is not hers")
        XCTAssertEqual(Program(weeks: program.weeks + [later]).ranOut(on: day("2026-12-27")), day("2026-12-26"))

        let log = ExerciseLog(program: program, sessions: [])
        XCTAssertEqual(log.today(day("2026-11-15")).prescribed, 3)
        XCTAssertEqual(log.today(day("2026-11-16")).prescribed, 0, "nothing due once it has run out")
        XCTAssertEqual(Program.ranOutText(day("2026-11-15")),
                       "Your program's last week ended on Sun 15 Nov. Keep doing it if it still feels right, and ask your therapist for the next one.")
    }

    func testDiffFindsAddedRemovedAndProgressed() {
        let diff = program.diff(for: program.week(number: 2)!)
        XCTAssertEqual(diff.added.map(\.exerciseID), ["glute-bridge"])
        XCTAssertEqual(diff.removed.map(\.exerciseID), ["pelvic-tilt"])
        XCTAssertEqual(diff.progressed.map(\.exerciseID), ["clamshell"])
        XCTAssertEqual(diff.progressed.first?.from.sets, 2)
        XCTAssertEqual(diff.progressed.first?.to.sets, 3)
        XCTAssertEqual(program.diff(for: program.week(number: 1)!).added.count, 3, "everything is new in week 1")
    }

    func testAChangedDoseSaysWhetherItIsMoreOrLess() {
        func direction(_ a: Dose, _ b: Dose) -> DoseChange {
            ProgramDiff.Progression(exerciseID: "x", from: a, to: b).change
        }
        XCTAssertEqual(direction(Dose(sets: 2, reps: 10), Dose(sets: 3, reps: 10)), .more)
        XCTAssertEqual(direction(Dose(sets: 2, reps: 12), Dose(sets: 1, reps: 6)), .eased)
        XCTAssertEqual(direction(Dose(sets: 2, reps: 10, side: .each), Dose(sets: 2, reps: 10, side: .left)), .eased)
        XCTAssertEqual(direction(Dose(sets: 3, reps: 10), Dose(sets: 2, reps: 15)), .changed)
        XCTAssertEqual(direction(Dose(sets: 1, reps: 8, holdSeconds: 5), Dose(sets: 1, reps: 8, holdSeconds: 8)), .more)
    }

    func testNewWeekMustNotOverlap() {
        XCTAssertThrowsError(try program.validateNewWeek(ProgramWeek(number: 2, starts: day("2026-11-30"), note: "", prescriptions: []), today: nil))
        XCTAssertThrowsError(try program.validateNewWeek(ProgramWeek(number: 3, starts: day("2026-11-09"), note: "", prescriptions: []), today: nil)) { e in
            XCTAssertTrue("\(e)".contains("starts"), "\(e)")
        }
        XCTAssertNoThrow(try program.validateNewWeek(ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: []), today: nil))
    }

    private func refusal(_ program: Program, _ number: Int, _ starts: String) -> String? {
        do {
            try program.validateNewWeek(ProgramWeek(number: number, starts: day(starts), note: "", prescriptions: []), today: nil)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testAWeekLastsAtLeastSevenDays() {
        // Week 2 starts 2026-11-09: week 3 a day later would cut week 2 to one day and change its adherence.
        XCTAssertEqual(refusal(program, 3, "2026-11-10"),
                       "starts: 2026-11-10 overlaps week 2, which starts 2026-11-09 and lasts at least 7 days; week 3 can start on 2026-11-16 at the earliest.")
        XCTAssertNotNil(refusal(program, 3, "2026-11-15"))
        XCTAssertNil(refusal(program, 3, "2026-11-16"))
        XCTAssertNil(refusal(program, 3, "2026-11-18"), "a week may start mid-week, as long as the one before had 7 days")
    }

    func testAWeekFillingAGapLeavesSevenDaysBeforeTheNextOne() {
        let gappy = Program(weeks: [ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: []),
                                    ProgramWeek(number: 3, starts: day("2026-11-20"), note: "", prescriptions: [])])
        XCTAssertEqual(refusal(gappy, 2, "2026-11-14"),
                       "starts: 2026-11-14 leaves week 2 less than 7 days before week 3, which starts 2026-11-20; week 2 can start on 2026-11-13 at the latest.")
        XCTAssertNil(refusal(gappy, 2, "2026-11-13"))
        XCTAssertNotNil(refusal(gappy, 2, "2026-11-08"), "and still 7 days after week 1")
    }

    func testAStartFarAfterThePreviousWeekIsAProbableTypo() {
        XCTAssertEqual(refusal(program, 3, "2030-01-01"),
                       "starts: 2030-01-01 is more than 8 weeks after week 2, which starts 2026-11-09; please check the date. Week 3 can start on 2027-01-04 at the latest.")
        XCTAssertNil(refusal(program, 3, "2027-01-04"), "exactly 8 weeks is fine (a break over the holidays)")
    }

    func testWeekNumbersLeaveNoGap() {
        XCTAssertEqual(refusal(program, 52, "2026-11-16"), "week: the program has weeks 1 and 2, so the next week is 3, not 52.")
        let four = Program(weeks: (1...4).map { ProgramWeek(number: $0, starts: day("2026-11-02").adding(days: 7 * ($0 - 1)), note: "", prescriptions: []) })
        XCTAssertEqual(refusal(four, 52, "2026-12-01"), "week: the program has weeks 1–4, so the next week is 5, not 52.")
        XCTAssertEqual(refusal(four, 6, "2026-12-01"), "week: the program has weeks 1–4, so the next week is 5, not 6.")
        XCTAssertNil(refusal(four, 5, "2026-12-01"))
        XCTAssertEqual(refusal(Program(weeks: []), 2, "2026-12-01"), "week: a program starts with week 1, not week 2.")
        XCTAssertNil(refusal(Program(weeks: []), 1, "2026-12-01"))
    }

    func testDoseSummaryReadsNaturally() {
        XCTAssertEqual(Dose(sets: 3, reps: 10, holdSeconds: 5, side: .each).summary, "3 × 10, hold 5 s, each side")
        XCTAssertEqual(Dose(sets: 1, reps: 8, timesPerDay: 3, daysPerWeek: 7).frequency, "3× a day, daily")
        XCTAssertEqual(Dose(sets: 1, reps: 8, daysPerWeek: 5).frequency, "5 days a week")
        XCTAssertEqual(Dose(sets: 1, reps: 8, daysPerWeek: 1).frequency, "1 day a week")
        XCTAssertEqual(Dose(sets: 1, reps: 8, timesPerDay: 2, daysPerWeek: 1).frequency, "2× a day, 1 day a week")
    }

    func testACountMeetsItsNounInTheSingularForOne() {
        XCTAssertEqual(1.counted("day"), "1 day")
        XCTAssertEqual(0.counted("day"), "0 days")
        XCTAssertEqual(5.counted("day"), "5 days")
        XCTAssertEqual(1.counted("entry", "entries"), "1 entry")
        XCTAssertEqual(2.counted("entry", "entries"), "2 entries")
    }
}
