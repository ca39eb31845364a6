import XCTest
@testable import PortalUI

final class WrappedTextTests: XCTestCase {
    func testWrapsAtSpacesWithinTheWidth() {
        XCTAssertEqual(WrappedText.wrap("Keep your top hip stacked over the bottom one", width: 16), [
            "Keep your top",
            "hip stacked over",
            "the bottom one",
        ])
    }

    func testLongWordIsHardBroken() {
        XCTAssertEqual(WrappedText.wrap("see diastasis-recti-guidance now", width: 8), [
            "see",
            "diastasi",
            "s-recti-",
            "guidance",
            "now",
        ])
    }

    func testWideCharactersAreMeasuredInCells() {
        // Each CJK character is two cells: four fit in 8 cells, never a half.
        XCTAssertEqual(WrappedText.wrap("骨盤底筋の運動", width: 8), ["骨盤底筋", "の運動"])
        XCTAssertEqual(WrappedText.wrap("骨盤", width: 3), ["骨", "盤"])
        XCTAssertEqual(WrappedText.wrap("Re\u{301}sume\u{301} ok", width: 6), ["Re\u{301}sume\u{301}", "ok"])
    }

    func testParagraphsBulletsAndHeadings() {
        let article = """
        ## Why it helps
        Gentle movement eases
        hip pain.

        - Walk for ten minutes each day
        - Rest
        """
        XCTAssertEqual(WrappedText.wrap(article, width: 20), [
            "Why it helps",
            "Gentle movement",
            "eases hip pain.",
            "",
            "- Walk for ten",
            "  minutes each day",
            "- Rest",
        ])
    }

    func testManyBlankLinesCollapseToOne() {
        XCTAssertEqual(WrappedText.wrap("\n\nOne\n\n\n\nTwo\n\n", width: 10), ["One", "", "Two"])
        XCTAssertEqual(WrappedText.wrap("", width: 10), [])
        XCTAssertEqual(WrappedText.wrap("abc", width: 0), [])
    }

    func testRenderScrollsAndBoldsHeadings() {
        let text = WrappedText("# Steps\none two three four five six", offset: 1, glyphs: .ascii)
        let buffer = draw(text, width: 9, height: 2)
        assertLines(buffer, ["one two", "three"])
        XCTAssertEqual(text.lineCount(width: 9), 5) // Steps, one two, three, four five, six

        let top = draw(WrappedText("# Steps\none two"), width: 9, height: 2)
        assertLines(top, ["Steps", "one two"])
        XCTAssertTrue(top[0, 0].style.bold)
        XCTAssertFalse(top[0, 1].style.bold)
    }

    func testOffsetPastTheEndShowsTheLastPage() {
        let text = WrappedText("a b c d e", offset: 99)
        assertLines(draw(text, width: 1, height: 2), ["d", "e"])
        XCTAssertEqual(WrappedText.maxOffset(lineCount: 5, height: 2), 3)
        XCTAssertEqual(WrappedText.maxOffset(lineCount: 1, height: 2), 0)
    }

    func testBulletsUseTheGlyphSet() {
        assertLines(draw(WrappedText("- Breathe in slowly"), width: 12, height: 2), ["• Breathe in", "  slowly"])
    }

    func testTinySizes() {
        assertLines(draw(WrappedText("Hello there"), width: 1, height: 1), ["H"])
        drawAtEverySize(WrappedText("- Bullet 日本語 text\n\n# H"))
    }

    func testLineBreakerKeepsEveryCharacter() {
        let chars = Array("ab  cd efgh")
        let ranges = LineBreaker.ranges(chars, width: 3)
        XCTAssertEqual(ranges, [0..<4, 4..<7, 7..<10, 10..<11])
        XCTAssertEqual(ranges.map(\.count).reduce(0, +), chars.count)
        XCTAssertEqual(LineBreaker.ranges([], width: 5), [0..<0])
    }
}
