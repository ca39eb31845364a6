import XCTest
@testable import PortalUI

final class TextAreaTests: XCTestCase {
    func testWrapsAndPlacesTheCursor() {
        let area = TextArea("Pain after long walks\nbetter with rest")
        let buffer = draw(area, width: 12, height: 4)
        assertLines(buffer, [
            "Pain after",
            "long walks",
            "better with",
            "rest",
        ])
        XCTAssertEqual(buffer.cursor, Point(x: 4, y: 3))
        XCTAssertEqual(TextArea.layout(Array(area.value), width: 12), [0..<11, 11..<21, 22..<34, 34..<38])
    }

    func testUpAndDownMoveBetweenWrappedLinesKeepingTheColumn() {
        var area = TextArea("Pain after long walks\nbetter with rest")
        area.moveUp(width: 12)
        XCTAssertEqual(area.cursorPosition(width: 12).line, 2)
        XCTAssertEqual(area.cursorPosition(width: 12).column, 4)
        area.moveUp(width: 12)
        XCTAssertEqual(area.cursorPosition(width: 12).line, 1)
        XCTAssertEqual(area.cursor, 15, "column 4 of 'long walks'")
        area.moveUp(width: 12)
        area.moveUp(width: 12)
        XCTAssertEqual(area.cursor, 0, "up from the first line goes to the start")
        area.moveDown(width: 12)
        area.moveDown(width: 12)
        area.moveDown(width: 12)
        area.moveDown(width: 12)
        XCTAssertEqual(area.cursor, area.value.count, "down from the last line goes to the end")
    }

    func testUpIntoALineThatWrapsStopsBeforeTheWrap() {
        var area = TextArea("aaaa bbbbbbbbb")  // "aaaa " wraps into "bbbbbbbbb" at width 6
        XCTAssertEqual(TextArea.layout(Array(area.value), width: 6), [0..<5, 5..<11, 11..<14])
        area.moveUp(width: 6)  // from column 3 of "bbb" to column 3 of "bbbbbb"
        area.moveUp(width: 6)
        XCTAssertEqual(area.cursor, 3)
        area.moveDown(width: 6)
        for _ in 0..<2 { area.moveRight() }
        XCTAssertEqual(area.cursorPosition(width: 6).column, 5)
        area.moveUp(width: 6)  // "aaaa " has no column 5 that is still on its row
        XCTAssertEqual(area.cursor, 4)
        XCTAssertEqual(area.cursorPosition(width: 6).line, 0, "never lands on the next line's start")
    }

    func testNewlineHomeEndWorkOnTheLogicalLine() {
        var area = TextArea("first")
        area.newline()
        area.insert("sé")
        XCTAssertEqual(area.value, "first\nsé")
        area.home()
        XCTAssertEqual(area.cursor, 6)
        area.backspace()
        XCTAssertEqual(area.value, "firsts\u{E9}")
        area.end()
        XCTAssertEqual(area.cursor, 7)
        area.deleteToLineStart()
        XCTAssertEqual(area.value, "")
    }

    func testScrollsToTheCursorAndShowsPlaceholder() {
        let area = TextArea("one\ntwo\nthree\nfour")
        let buffer = draw(area, width: 6, height: 2)
        assertLines(buffer, ["three", "four"])
        XCTAssertEqual(buffer.cursor, Point(x: 4, y: 1))

        let empty = draw(TextArea(placeholder: "What made it worse?"), width: 10, height: 3)
        assertLines(empty, ["What made", "it worse?", ""])
        XCTAssertEqual(empty.cursor, Point(x: 0, y: 0))
    }

    func testWideCharactersWrapWhole() {
        let area = TextArea("骨盤底筋")
        assertLines(draw(area, width: 5, height: 2), ["骨盤", "底筋"])
        XCTAssertEqual(area.cursorPosition(width: 5).column, 4)
    }

    func testTinySizes() {
        let area = TextArea("a b\nc")
        assertLines(draw(area, width: 1, height: 1), ["c"])
        drawAtEverySize(TextArea("Some 日本 text\n\ne\u{301}👍🏽 and more"))
        drawAtEverySize(TextArea(placeholder: "note"))
    }
}
