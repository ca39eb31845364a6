import XCTest
@testable import PortalUI

final class BufferTests: XCTestCase {
    func testWriteClipsToTheGivenRect() {
        var buffer = Buffer(size: Size(width: 8, height: 2))
        let end = buffer.write("abcdef", x: 1, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        assertLines(buffer, ["  bcd", ""])
        XCTAssertEqual(end, 5, "writing stops at the first cell that does not fit")
    }

    func testWideCharacterThatDoesNotFitIsNotHalfDrawn() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer.write("a日本", x: 0, y: 0)
        assertLines(buffer, ["a日"])
        XCTAssertTrue(buffer[2, 0].isContinuation)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        buffer.write("日本語", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0) // the right half of 日
        buffer.write("y", x: 2, y: 0) // the left half of 本
        assertLines(buffer, [" xy 語"])
        XCTAssertFalse(buffer[3, 0].isContinuation, "no orphan continuation stays behind")
    }

    func testFillOverHalfAWideCharacter() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("日本", x: 0, y: 0)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "-")
        assertLines(buffer, [" --"])
    }

    func testRectIntersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 5)
        XCTAssertEqual(a.intersection(Rect(x: 8, y: 3, width: 5, height: 5)), Rect(x: 8, y: 3, width: 2, height: 2))
        XCTAssertTrue(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
    }

    func testEmojiClustersTakeOneWideCellEach() {
        var buffer = Buffer(size: Size(width: 12, height: 1))
        let end = buffer.write("a👨\u{200D}👩\u{200D}👧🇨🇦👋🏽e\u{301}", x: 0, y: 0)
        XCTAssertEqual(end, 8)
        XCTAssertEqual(buffer[1, 0].text, "👨\u{200D}👩\u{200D}👧")
        XCTAssertTrue(buffer[2, 0].isContinuation)
        XCTAssertEqual(buffer[3, 0].text, "🇨🇦")
        XCTAssertEqual(buffer[5, 0].text, "👋🏽")
        XCTAssertEqual(buffer[7, 0].text, "e\u{301}")
        XCTAssertEqual(buffer.line(0), "a👨\u{200D}👩\u{200D}👧🇨🇦👋🏽e\u{301}")
        // A wide cluster that does not fit whole is left out, never half drawn.
        var narrow = Buffer(size: Size(width: 3, height: 1))
        narrow.write("ab🇨🇦", x: 0, y: 0)
        XCTAssertEqual(narrow.line(0), "ab")
    }
}
