import XCTest
@testable import PortalUI

final class SparklineTests: XCTestCase {
    let fortnight: [Double?] = [0, 2, 4, nil, 6, 8, 10, 5]

    func testPainRangeLevelsAndGaps() {
        let buffer = draw(Sparkline(values: fortnight), width: 14, height: 1)
        assertLines(buffer, ["▁▂▄ ▅▇█▅"])
        XCTAssertTrue(buffer[3, 0].style.dim, "the no-data dot is dim")
        XCTAssertFalse(buffer[4, 0].style.dim)
    }

    func testAsciiLevelsAndBlankGap() {
        assertLines(draw(Sparkline(values: fortnight, glyphs: .ascii), width: 14, height: 1), ["_.- =*#="])
    }

    func testAutoRangeUsesTheDataRange() {
        let flat = Sparkline(values: [2, 3, 4], range: nil)
        XCTAssertEqual(flat.effectiveRange, 2...4)
        assertLines(draw(flat, width: 3, height: 1), ["▁▅█"])
        assertLines(draw(Sparkline(values: [2, 3, 4]), width: 3, height: 1), ["▂▃▄"], "fixed 0-10 range")
    }

    func testLevelEdgeCases() {
        XCTAssertEqual(Sparkline.level(-3, in: 0...10, levels: 8), 0, "clamped")
        XCTAssertEqual(Sparkline.level(99, in: 0...10, levels: 8), 7)
        XCTAssertNil(Sparkline.level(nil, in: 0...10, levels: 8))
        XCTAssertNil(Sparkline.level(.nan, in: 0...10, levels: 8))
        XCTAssertEqual(Sparkline.level(5, in: 5...5, levels: 8), 4, "a flat range draws mid-height")
    }

    func testShowsTheMostRecentValuesWhenNarrow() {
        assertLines(draw(Sparkline(values: fortnight), width: 3, height: 2), ["▇█▅", ""])
        assertLines(draw(Sparkline(values: [nil, nil]), width: 5, height: 1), [""])
        drawAtEverySize(Sparkline(values: fortnight + [.nan, .infinity]))
    }
}
