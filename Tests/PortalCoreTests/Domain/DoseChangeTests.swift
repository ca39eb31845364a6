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

    /// A change of rest alone used to read "2 × 10, hold 10 s → 2 × 10, hold 10 s": the description names only
    /// what changed, each part before → after.
    func testTheDescriptionNamesWhatChangedRestToo() {
        let base = Dose(sets: 2, reps: 10, holdSeconds: 10, restSeconds: 30, timesPerDay: 1, daysPerWeek: 5, side: .none)
        var rest = base
        rest.restSeconds = 60
        XCTAssertEqual(DoseChange.describe(from: base, to: rest), "rest 30 s → rest 60 s")
        rest.restSeconds = 0
        XCTAssertEqual(DoseChange.describe(from: base, to: rest), "rest 30 s → no rest")
        var more = base
        more.sets = 3
        more.daysPerWeek = 7
        XCTAssertEqual(DoseChange.describe(from: base, to: more), "2 × 10, hold 10 s → 3 × 10, hold 10 s; 5 days a week → daily")
        XCTAssertEqual(DoseChange.describe(from: base, to: base), "")
        let p = ProgramDiff(from: ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [Prescription(exerciseID: "clamshell", dose: base)]),
                            to: ProgramWeek(number: 2, starts: day("2026-11-09"), note: "", prescriptions: [Prescription(exerciseID: "clamshell", dose: rest)]))
        XCTAssertEqual(p.progressed.map { $0.text() }, ["rest 30 s → no rest"])
        XCTAssertEqual(p.progressed.map(\.change), [.changed])
    }

    /// Whatever field of a dose changes, the description is not empty and its two sides differ.
    func testEveryFieldOfADoseShowsInTheDescription() {
        let base = Dose(sets: 2, reps: 10, holdSeconds: 5, restSeconds: 30, timesPerDay: 1, daysPerWeek: 5, side: .none)
        let changes: [(String, (inout Dose) -> Void)] = [
            ("sets", { $0.sets = 3 }), ("reps", { $0.reps = 12 }), ("holdSeconds", { $0.holdSeconds = 0 }),
            ("restSeconds", { $0.restSeconds = 45 }), ("timesPerDay", { $0.timesPerDay = 2 }),
            ("daysPerWeek", { $0.daysPerWeek = 7 }), ("side", { $0.side = .each }),
        ]
        for (field, change) in changes {
            var other = base
            change(&other)
            XCTAssertNotEqual(other, base, field)
            let text = DoseChange.describe(from: base, to: other)
            XCTAssertFalse(text.isEmpty, field)
            for part in text.components(separatedBy: "; ") {
                let sides = part.components(separatedBy: " → ")
                XCTAssertEqual(sides.count, 2, "\(field): \(part)")
                XCTAssertNotEqual(sides.first, sides.last, "\(field): \(part)")
            }
        }
    }
}
