import XCTest
@testable import PortalUI

final class ScaleWidgetTests: XCTestCase {
    func testAllElevenNumbersWithTheChosenOneBracketed() {
        let buffer = draw(ScaleWidget(selected: 3), width: 80, height: 2)
        assertLines(buffer, [
            "  0     1     2    [3]    4     5     6     7     8     9     10",
            "no pain                                            worst possible",
        ])
        // The chosen number is reversed as well as bracketed; others are not.
        XCTAssertTrue(buffer[20, 0].style.reverse)
        XCTAssertFalse(buffer[26, 0].style.reverse)
    }

    func testColourBands() {
        let buffer = draw(ScaleWidget(selected: nil), width: 44, height: 1)
        assertLines(buffer, [" 0   1   2   3   4   5   6   7   8   9   10"])
        XCTAssertEqual(buffer[1, 0].style.foreground, .green)
        XCTAssertEqual(buffer[17, 0].style.foreground, .yellow)
        XCTAssertEqual(buffer[29, 0].style.foreground, .red)
        let mono = draw(ScaleWidget(selected: nil, colored: false), width: 44, height: 1)
        XCTAssertEqual(mono[29, 0].style.foreground, .default)
        XCTAssertEqual((0...10).map(ScaleWidget.band),
                       [.green, .green, .green, .green, .yellow, .yellow, .yellow, .red, .red, .red, .red])
    }

    func testTenSelectedAtMinimumWideWidth() {
        assertLines(draw(ScaleWidget(selected: 10), width: 44, height: 2), [
            " 0   1   2   3   4   5   6   7   8   9  [10]",
            "no pain                       worst possible",
        ])
    }

    func testPackedLayoutBetween24And43() {
        let buffer = draw(ScaleWidget(selected: 3), width: 30, height: 2)
        assertLines(buffer, [
            " 0 1 2[3]4 5 6 7 8 9 10",
            "no pain   worst possible",
        ])
        XCTAssertTrue(buffer[6, 0].style.reverse, "the bracket belongs to the highlight")
        XCTAssertTrue(buffer[7, 0].style.reverse)
        assertLines(draw(ScaleWidget(selected: 0), width: 24, height: 1), ["[0]1 2 3 4 5 6 7 8 9 10"])
        assertLines(draw(ScaleWidget(selected: 10), width: 24, height: 1), [" 0 1 2 3 4 5 6 7 8 9[10]"])
    }

    func testTinySizesShowTheScoreAlone() {
        assertLines(draw(ScaleWidget(selected: 7), width: 10, height: 2), ["[7] / 10", ""])
        assertLines(draw(ScaleWidget(selected: nil), width: 3, height: 1), ["- /"])
        assertLines(draw(ScaleWidget(selected: 12), width: 1, height: 1), ["["])
        drawAtEverySize(ScaleWidget(selected: 10), maxWidth: 50, maxHeight: 3)
    }
}
