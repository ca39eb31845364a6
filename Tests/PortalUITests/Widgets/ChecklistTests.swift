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

    // MARK: Wrapping (safety text is never cut)

    let signs = [
        ChecklistItem("A seizure", detail: "call 911"),
        ChecklistItem("New numbness between your legs or new leg weakness", detail: "call 911"),
        ChecklistItem("Bleeding from the vagina", checked: true),
    ]

    func testWrappedItemsContinueUnderTheirTextWithTheDetailOnTheFirstLine() {
        let buffer = draw(Checklist(items: signs, cursor: 1, wraps: true), width: 36, height: 6)
        assertLines(buffer, [
            "  [ ] A seizure             call 911",
            "› [ ] New numbness between  call 911",
            "      your legs or new leg",
            "      weakness",
            "  [✓] Bleeding from the vagina",
            "",
        ])
        XCTAssertTrue((1...3).allSatisfy { y in (0..<36).allSatisfy { buffer[$0, y].style.reverse } }, "the whole cursor item is highlighted")
        XCTAssertFalse(buffer[0, 0].style.reverse || buffer[0, 4].style.reverse)
    }

    func testWrappedListsScrollSoTheWholeCursorItemShows() {
        // Rows: 1, 3, 1. When they do not all fit, the last row says which way the rest is (issue 19, point 2), so
        // four rows hold the long item alone and the cursor on it scrolls the first item away.
        assertLines(draw(Checklist(items: signs, cursor: 1, wraps: true), width: 36, height: 4), [
            "› [ ] New numbness between  call 911",
            "      your legs or new leg",
            "      weakness",
            "  ↑ more above  ↓ more below",
        ])
        assertLines(draw(Checklist(items: signs, cursor: 2, wraps: true), width: 36, height: 4), [
            "› [✓] Bleeding from the vagina",
            "",
            "",
            "  ↑ more above",
        ])
        assertLines(draw(Checklist(items: signs, cursor: 2, wraps: true), width: 36, height: 5), [
            "  [ ] A seizure             call 911",
            "  [ ] New numbness between  call 911",
            "      your legs or new leg",
            "      weakness",
            "› [✓] Bleeding from the vagina",
        ], "all of it fits: nothing to announce")
        // An item taller than the list shows its first lines, the cursor's marker and box among them, and the
        // rest of it counts as more below.
        assertLines(draw(Checklist(items: signs, cursor: 1, wraps: true), width: 36, height: 3), [
            "› [ ] New numbness between  call 911",
            "      your legs or new leg",
            "  ↑ more above  ↓ more below",
        ])
        assertLines(draw(Checklist(items: signs, cursor: 0, glyphs: .ascii, wraps: true), width: 36, height: 3), [
            "> [ ] A seizure             call 911",
            "  [ ] New numbness between  call 911",
            "  v more below",
        ])
        drawAtEverySize(Checklist(items: signs, cursor: 1, wraps: true))
    }

    func testTheWrappedOffsetMatchesTheListViewOneWhenEveryItemIsOneRow() {
        for count in 0..<6 {
            for height in 1..<7 {
                for selected in 0..<max(1, count) {
                    for previous in 0..<6 {
                        XCTAssertEqual(Checklist.wrappedOffset(heights: Array(repeating: 1, count: count), selected: selected,
                                                               height: height, previous: previous),
                                       ListView.scrollOffset(selected: selected, count: count, height: height, previous: previous),
                                       "count \(count), height \(height), selected \(selected), previous \(previous)")
                    }
                }
            }
        }
        XCTAssertEqual(Checklist.wrappedOffset(heights: [1, 3, 1, 2], selected: 3, height: 4), 2, "the last two fill four rows")
        XCTAssertEqual(Checklist.wrappedOffset(heights: [1, 3, 1, 2], selected: 0, height: 4, previous: 3), 0)
        XCTAssertEqual(Checklist.wrappedOffset(heights: [1, 3, 1, 2], selected: 2, height: 4, previous: 3), 2, "no rows left blank at the end")
    }

    func testANarrowRowPutsTheDetailAfterTheTextRatherThanDroppingIt() {
        assertLines(draw(Checklist(items: [signs[0]], wraps: true), width: 20, height: 3), [
            "› [ ] A seizure",
            "      (call 911)",
            "",
        ])
    }

    func testAWrappedItemKeepsTwoSpacesBeforeItsDetail() {
        // Every width from the narrowest that keeps the detail beside the text to a wide one: the text never
        // runs up to the detail, so "heartbeat call 911" can never read as one phrase.
        let item = ChecklistItem("Chest pain, or a fast or pounding heartbeat", detail: "call 911")
        for width in 30...70 {
            let (lines, detail) = Checklist.wrappedLines(item, width: width, glyphs: .unicode)
            guard !detail.isEmpty else { continue }
            let room = width - 2 - DisplayWidth.of(Glyphs.unicode.checkboxOff + " ")
            XCTAssertLessThanOrEqual(DisplayWidth.of(lines[0]), room - DisplayWidth.of(detail) - 2, "width \(width): \(lines[0])")
            XCTAssertEqual(lines.joined(separator: " "), item.text, "width \(width): the whole text, in order")
        }
    }
}
