import XCTest
@testable import PortalUI

final class BarChartTests: XCTestCase {
    let weeks = [Bar("Wk 1", value: 0.7), Bar("Wk 2", value: 1), Bar("Wk 3", value: 0), Bar("Wk 10", value: 0.55)]

    func testBarsScaleToTheRoomLeftAndShowTheirValue() {
        // 24 - label 5 - space - "100%" 4 - space = 13 cells for a full bar.
        let buffer = draw(BarChart(bars: weeks), width: 24, height: 4)
        assertLines(buffer, [
            "Wk 1  █████████▏ 70%",
            "Wk 2  █████████████ 100%",
            "Wk 3  0%",
            "Wk 10 ███████▏ 55%",
        ])
        XCTAssertEqual(buffer[6, 0].style, .accent)
        XCTAssertEqual(buffer[16, 0].style, .plain)
    }

    func testAsciiRoundsToWholeCells() {
        assertLines(draw(BarChart(bars: weeks, glyphs: .ascii), width: 24, height: 2), [
            "Wk 1  ######### 70%",
            "Wk 2  ############# 100%",
        ])
    }

    func testEighths() {
        let chart = BarChart(bars: [])
        XCTAssertEqual(chart.barText(0.5, width: 3), "█▌")
        XCTAssertEqual(chart.barText(0.999, width: 4), "████")
        XCTAssertEqual(chart.barText(0, width: 4), "")
        XCTAssertEqual(Bar("x", value: 7).value, 1, "values are clamped to 0...1")
        XCTAssertEqual(Bar("x", value: .nan).valueText, "0%")
        XCTAssertEqual(Bar("x", value: 0.5, valueText: "3 of 6").valueText, "3 of 6")
    }

    func testTinySizesKeepLabelAndValue() {
        assertLines(draw(BarChart(bars: weeks), width: 9, height: 2), ["Wk… 70%", "Wk… 100%"])
        assertLines(draw(BarChart(bars: weeks), width: 2, height: 1), ["70"])
        drawAtEverySize(BarChart(bars: weeks + [Bar("日本語", value: 0.3)]))
    }
}
