import XCTest
@testable import PortalUI

final class ListViewTests: XCTestCase {
    let menu = [
        ListItem("Log pain", detail: "today", key: "1"),
        ListItem("Exercises", detail: "3 of 5", key: "2"),
        ListItem("Visits", detail: "2 of 6", key: "3"),
        ListItem("Learn", key: "4"),
    ]

    func testSelectionHasMarkerAndIsReversed() {
        let buffer = draw(ListView(items: menu, selected: 1), width: 24, height: 4)
        assertLines(buffer, [
            "  1 Log pain       today",
            "› 2 Exercises     3 of 5",
            "  3 Visits        2 of 6",
            "  4 Learn",
        ])
        XCTAssertTrue((0..<24).allSatisfy { buffer[$0, 1].style.reverse }, "the whole selected row is reversed")
        XCTAssertFalse(buffer[4, 0].style.reverse)
        XCTAssertTrue(buffer[20, 0].style.dim, "details are dim")
    }

    func testAsciiMarkerAndNoKeys() {
        let items = [ListItem("Clamshell"), ListItem("Bridge")]
        assertLines(draw(ListView(items: items, selected: 0, glyphs: .ascii), width: 12, height: 3), [
            "> Clamshell",
            "  Bridge",
            "",
        ])
    }

    func testDetailGivesWayAndTextIsTruncatedAtNarrowWidth() {
        assertLines(draw(ListView(items: menu, selected: 0), width: 12, height: 2), [
            "› 1 Log pain",
            "  2 Exercis…",
        ])
    }

    func testScrollKeepsSelectionVisible() {
        let items = (1...10).map { ListItem("Item \($0)") }
        assertLines(draw(ListView(items: items, selected: 6), width: 10, height: 3), [
            "  Item 5",
            "  Item 6",
            "› Item 7",
        ])
        // Moving back up from a scrolled position shows the selection at the top, not a jump to 0.
        assertLines(draw(ListView(items: items, selected: 3, offset: 4), width: 10, height: 3), [
            "› Item 4",
            "  Item 5",
            "  Item 6",
        ])
    }

    func testScrollOffsetIsMinimalAndBounded() {
        XCTAssertEqual(ListView.scrollOffset(selected: 0, count: 10, height: 3), 0)
        XCTAssertEqual(ListView.scrollOffset(selected: 9, count: 10, height: 3), 7)
        XCTAssertEqual(ListView.scrollOffset(selected: 5, count: 10, height: 3, previous: 4), 4, "already visible")
        XCTAssertEqual(ListView.scrollOffset(selected: 2, count: 10, height: 3, previous: 4), 2)
        XCTAssertEqual(ListView.scrollOffset(selected: nil, count: 10, height: 3, previous: 50), 7)
        XCTAssertEqual(ListView.scrollOffset(selected: 99, count: 10, height: 3), 7)
        XCTAssertEqual(ListView.scrollOffset(selected: 5, count: 3, height: 3), 0)
        XCTAssertEqual(ListView.scrollOffset(selected: 5, count: 10, height: 0), 0)
    }

    func testEmptyListShowsItsText() {
        assertLines(draw(ListView(items: [], emptyText: "No visits booked yet"), width: 12, height: 2), [
            "No visits b…",
            "",
        ])
    }

    func testTinySizes() {
        assertLines(draw(ListView(items: menu, selected: 2), width: 1, height: 1), ["›"])
        assertLines(draw(ListView(items: menu, selected: 0), width: 5, height: 1), ["› 1 L"])
        drawAtEverySize(ListView(items: menu + [ListItem("日本語", detail: "é")], selected: 4))
    }
}
