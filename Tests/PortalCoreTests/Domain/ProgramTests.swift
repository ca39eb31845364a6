import XCTest
@testable import PortalCore

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

    func testDiffFindsAddedRemovedAndProgressed() {
        let diff = program.diff(for: program.week(number: 2)!)
        XCTAssertEqual(diff.added.map(\.exerciseID), ["glute-bridge"])
        XCTAssertEqual(diff.removed.map(\.exerciseID), ["pelvic-tilt"])
        XCTAssertEqual(diff.progressed.map(\.exerciseID), ["clamshell"])
        XCTAssertEqual(diff.progressed.first?.from.sets, 2)
        XCTAssertEqual(diff.progressed.first?.to.sets, 3)
        XCTAssertEqual(program.diff(for: program.week(number: 1)!).added.count, 3, "everything is new in week 1")
    }

    func testNewWeekMustNotOverlap() {
        XCTAssertThrowsError(try program.validateNewWeek(ProgramWeek(number: 2, starts: day("2026-11-30"), note: "", prescriptions: [])))
        XCTAssertThrowsError(try program.validateNewWeek(ProgramWeek(number: 3, starts: day("2026-11-09"), note: "", prescriptions: []))) { e in
            XCTAssertTrue("\(e)".contains("starts"), "\(e)")
        }
        XCTAssertNoThrow(try program.validateNewWeek(ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [])))
    }

    func testDoseSummaryReadsNaturally() {
        XCTAssertEqual(Dose(sets: 3, reps: 10, holdSeconds: 5, side: .each).summary, "3 × 10, hold 5 s, each side")
        XCTAssertEqual(Dose(sets: 1, reps: 8, timesPerDay: 3, daysPerWeek: 7).frequency, "3× a day, daily")
        XCTAssertEqual(Dose(sets: 1, reps: 8, daysPerWeek: 5).frequency, "5 days a week")
    }
}
