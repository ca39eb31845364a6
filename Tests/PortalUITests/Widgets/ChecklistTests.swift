import XCTest
@testable import PortalUI

final class ChecklistTests: XCTestCase {
    let today = [
        ChecklistItem("Clamshell", checked: true, detail: "2 × 10"),
        ChecklistItem("Glute bridge", detail: "3 × 12"),
        ChecklistItem("Belly breathing"),
    ]

    func testBoxesCursorAndDetails() {
        let buffer = draw(Checklist(items: today, cursor: 1), width: 28, height: 3)
        assertLines(buffer, [
            "  [✓] Clamshell       2 × 10",
            "› [ ] Glute bridge    3 × 12",
            "  [ ] Belly breathing",
        ])
        XCTAssertTrue(buffer[0, 1].style.reverse)
        XCTAssertFalse(buffer[0, 0].style.reverse)
    }

    func testAsciiBoxes() {
        assertLines(draw(Checklist(items: today, cursor: 0, glyphs: .ascii), width: 16, height: 3), [
            "> [x] Clamshell",
            "  [ ] Glute bri~",
            "  [ ] Belly bre~",
        ])
    }

    func testToggleChangesOnlyTheItemUnderTheCursor() {
        var list = Checklist(items: today, cursor: 2)
        list.toggle()
        XCTAssertEqual(list.items.map(\.checked), [true, false, true])
        XCTAssertEqual(list.checkedCount, 2)
        list.cursor = 9
        list.toggle()
        XCTAssertEqual(list.checkedCount, 2, "a cursor out of range toggles nothing")
    }

    func testScrollsToTheCursorAndTinySizes() {
        assertLines(draw(Checklist(items: today, cursor: 2), width: 10, height: 1), ["› [ ] Bel…"])
        assertLines(draw(Checklist(items: today), width: 3, height: 1), ["› ["])
        drawAtEverySize(Checklist(items: today, cursor: 1))
    }
}
