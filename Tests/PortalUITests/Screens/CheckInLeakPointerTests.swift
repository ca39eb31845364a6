import PortalCore
import XCTest
@testable import PortalUI

/// QA-m M5: the check-in's result says, beside its area, the warning sign a leak she answered yes to may be, in
/// the words the bowel log and the bladder diary say for the same leak (`SafetyGuide.checkInPointers`, one
/// place: `leakPointers` in safety.json): a new, sudden loss of bowel control is the 911 nerve sign.
final class CheckInLeakPointerTests: XCTestCase {
    private let guide = Fixtures.content.safety
    private let afterBirth = Stage.postpartum(birthDate: CalendarDate("2026-10-01")!, delivery: .vaginal)

    private func lines(yes: [String], stage: Stage) throws -> [String] {
        let m = try XCTUnwrap(Fixtures.content.measure(Measure.checkInID))
        let answers = Dictionary(uniqueKeysWithValues: m.items.map { ($0.id, yes.contains($0.id) ? 1 : 0) })
        let r = MeasureResponse(measureID: m.id, date: CalendarDate("2026-12-08")!, answers: answers)
        return MeasureScreen.resultLines(m, r, earlier: [], status: ("", .plain), width: 2000, glyphs: .unicode,
                                         safety: guide, stage: stage).map(\.text)
    }

    func testALeakOfStoolAnsweredYesSaysTheNerveSignUnderBowel() throws {
        let said = try lines(yes: ["bowel-leaks"], stage: afterBirth)
        let pointer = try XCTUnwrap(guide.pointer(.stool, stage: afterBirth))
        XCTAssertTrue(pointer.contains("Call 911"), pointer)
        let bowel = try XCTUnwrap(said.firstIndex(of: "Bowel"), "\(said)")
        let at = try XCTUnwrap(said.firstIndex(of: pointer), "\(said)")
        XCTAssertGreaterThan(at, bowel, "said in the Bowel area")
        XCTAssertEqual(said.filter { $0 == pointer }.count, 1)
        // Straining alone is no leak: no pointer.
        XCTAssertFalse(try lines(yes: ["straining"], stage: afterBirth).contains(pointer))
    }

    func testALeakBeforeTheToiletInPregnancySaysTheFluidSignUnderBladder() throws {
        let pregnant = Stage.pregnant(dueDate: CalendarDate("2027-03-01")!)
        let said = try lines(yes: ["urgency"], stage: pregnant)
        let pointer = try XCTUnwrap(guide.pointer(.bladder, stage: pregnant))
        XCTAssertTrue(said.contains(pointer), "\(said)")
        XCTAssertGreaterThan(try XCTUnwrap(said.firstIndex(of: pointer)), try XCTUnwrap(said.firstIndex(of: "Bladder")))
        XCTAssertFalse(try lines(yes: ["leak-cough-sneeze"], stage: pregnant).contains(pointer), "a leak with a cough is not this question")
    }
}
