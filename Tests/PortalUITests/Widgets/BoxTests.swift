import XCTest
@testable import PortalUI

final class BoxTests: XCTestCase {
    func testUnicodeBorderWithTitle() {
        let buffer = draw(Box(title: "Pain"), width: 12, height: 4)
        assertLines(buffer, [
            "┌ Pain ────┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        XCTAssertTrue(buffer[2, 0].style.bold, "the title is bold")
    }

    func testAsciiBorder() {
        assertLines(draw(Box(title: "Visits", glyphs: .ascii), width: 10, height: 3), [
            "+ Visits +",
            "|        |",
            "+--------+",
        ])
    }

    func testLongTitleIsCutWithEllipsisAndKeepsCorner() {
        assertLines(draw(Box(title: "Exercises this week"), width: 10, height: 2), [
            "┌ Exerc… ┐",
            "└────────┘",
        ])
    }

    func testTinySizes() {
        assertLines(draw(Box(title: "Pain"), width: 2, height: 2), ["┌┐", "└┘"])
        assertLines(draw(Box(title: "Pain"), width: 5, height: 2), ["┌ P ┐", "└───┘"])
        assertLines(draw(Box(), width: 1, height: 1), [""])
        assertLines(draw(Box(), width: 0, height: 0), [])
        drawAtEverySize(Box(title: "Title"))
    }

    func testInnerAreaIsInsideTheBorder() {
        XCTAssertEqual(Box().inner(Rect(x: 2, y: 3, width: 10, height: 5)), Rect(x: 3, y: 4, width: 8, height: 3))
        XCTAssertTrue(Box().inner(Rect(x: 0, y: 0, width: 1, height: 1)).isEmpty)
    }
}
