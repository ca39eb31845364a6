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

    /// The words of the area under `heading` (its lines up to the blank one after it), as one line: the result
    /// page wraps its sentences at the reading measure (`Paragraph`), whatever width it is given.
    private func area(_ said: [String], _ heading: String) -> String {
        guard let start = said.firstIndex(of: heading) else { return "" }
        return said[(start + 1)...].prefix { !$0.isEmpty }.joined(separator: " ")
    }

    func testALeakOfStoolAnsweredYesSaysTheNerveSignUnderBowel() throws {
        let said = try lines(yes: ["bowel-leaks"], stage: afterBirth)
        let pointer = try XCTUnwrap(guide.pointer(.stool, stage: afterBirth))
        XCTAssertTrue(pointer.contains("Call 911"), pointer)
        XCTAssertTrue(area(said, "Bowel").contains(pointer), "said in the Bowel area: \(said)")
        XCTAssertEqual(said.joined(separator: " ").components(separatedBy: pointer).count, 2, "said once")
        // Straining alone is no leak: no pointer.
        XCTAssertFalse(try lines(yes: ["straining"], stage: afterBirth).joined(separator: " ").contains(pointer))
    }

    func testALeakBeforeTheToiletInPregnancySaysTheFluidSignUnderBladder() throws {
        let pregnant = Stage.pregnant(dueDate: CalendarDate("2027-03-01")!)
        let said = try lines(yes: ["urgency"], stage: pregnant)
        let pointer = try XCTUnwrap(guide.pointer(.bladder, stage: pregnant))
        XCTAssertTrue(area(said, "Bladder").contains(pointer), "said in the Bladder area: \(said)")
        XCTAssertFalse(try lines(yes: ["leak-cough-sneeze"], stage: pregnant).joined(separator: " ").contains(pointer),
                       "a leak with a cough is not this question")
    }
}
