@testable import PortalCore
import StoreTestSupport
import XCTest

/// One vocabulary for how an exercise changed from the week before.
final class DoseChangeTests: XCTestCase {
    private let week1 = ProgramWeek(number: 1, starts: day("2026-11-02"), note: "",
                                    prescriptions: [rx("clamshell"), rx("cat-cow"), rx("bird-dog", sets: 3), rx("glute-bridge")])
    private let week2 = ProgramWeek(number: 2, starts: day("2026-11-09"), note: "",
                                    prescriptions: [rx("clamshell", sets: 3), rx("bird-dog", sets: 2), Prescription(exerciseID: "glute-bridge", dose: Dose(sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 7, side: .left)), rx("dead-bug")])

    func testEveryKindOfChangeIsNamed() {
        let program = Program(weeks: [week1, week2])
        let changes = program.diff(for: week2).changes.map { "\($0.exerciseID) \($0.change.word)" }
        XCTAssertEqual(changes, ["dead-bug new", "clamshell more", "bird-dog eased", "glute-bridge changed", "cat-cow dropped"])
        XCTAssertEqual(program.change(of: "clamshell", in: week2), .more)
        XCTAssertEqual(program.change(of: "cat-cow", in: week2), .dropped)
        XCTAssertNil(program.change(of: "clamshell", in: week1), "in the first week everything is new, so nothing is marked")
        XCTAssertEqual(DoseChange(from: Dose(sets: 3, reps: 10), to: Dose(sets: 2, reps: 15)), .changed)
    }

    func testMarksAndWords() {
        XCTAssertEqual(DoseChange.allCases.map { $0.mark() }, ["+", "↑", "↓", "~", "−"])
        XCTAssertEqual(DoseChange.allCases.map { $0.mark(ascii: true) }, ["+", "^", "v", "~", "-"])
        XCTAssertEqual(DoseChange.allCases.map(\.title), ["New", "Progressed", "Eased", "Changed", "Dropped"])
    }
}
