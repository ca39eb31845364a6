import XCTest
@testable import PortalUI

final class LineChartTests: XCTestCase {
    let pain: [Double?] = [2, 4, nil, 6, 8, 10, 4, 0]
    let average: [Double?] = [nil, 3, 3, 4, 5, 6, 6, 5]

    func testAxesPointsSecondSeriesDatesAndLegend() {
        let chart = LineChart(series: pain, secondary: average, firstLabel: "3 Nov", lastLabel: "10 Nov")
        let buffer = draw(chart, width: 32, height: 8)
        // Eight days over 29 columns: one every 4 columns. Five plot rows for 0-10: 2.5 points a row.
        assertLines(buffer, [
            "10┤                    ●",
            "  │                ●",
            " 5┤    ●       ●   ·   ·   ●   ·",
            "  │●   ·   ·",
            " 0┤                            ●",
            "  └─────────────────────────────",
            "   3 Nov                  10 Nov",
            "● daily pain  · 7-day average",
        ])
        XCTAssertEqual(buffer[7, 3].text, "·", "the average shows where there is no daily score")
        XCTAssertEqual(buffer[27, 2].text, "●", "the daily score wins where both fall on one cell")
        // A narrower legend drops the second entry whole rather than cutting it.
        assertLines(draw(chart, width: 20, height: 5), [
            "10┤       ● ● ●  ·",
            " 0┤● ●  · · ·    ● ●",
            "  └─────────────────",
            "   3 Nov      10 Nov",
            "● daily pain",
        ], "two plot rows: values snap to the nearer end")
    }

    func testMonochromeGlyphsDiffer() {
        XCTAssertNotEqual(Glyphs.unicode.chartPoint, Glyphs.unicode.chartSecondary)
        XCTAssertNotEqual(Glyphs.ascii.chartPoint, Glyphs.ascii.chartSecondary)
    }

    func testColumnsSpreadOrAverage() {
        XCTAssertEqual(LineChart.columns([1, nil, 3], days: 3, width: 5).map(\.column), [0, 4])
        let squeezed = LineChart.columns([1, 3, nil, nil, 5, 7], days: 6, width: 3)
        XCTAssertEqual(squeezed.map(\.column), [0, 2])
        XCTAssertEqual(squeezed.map(\.value), [2, 6], "days sharing a column are averaged")
        XCTAssertEqual(LineChart.columns([4], days: 1, width: 10).map(\.column), [0])
        XCTAssertTrue(LineChart.columns([], days: 0, width: 10).isEmpty)
    }

    func testNoDataSaysSo() {
        let chart = LineChart(series: [nil, nil], firstLabel: "1 Nov", lastLabel: "2 Nov", glyphs: .ascii)
        assertLines(draw(chart, width: 24, height: 6), [
            "10+",
            " 5+   No entries yet",
            " 0+",
            "  +---------------------",
            "   1 Nov           2 Nov",
            "* daily pain",
        ])
    }

    func testTinySizes() {
        assertLines(draw(LineChart(series: [0, 10]), width: 3, height: 1), ["● ●"])
        drawAtEverySize(LineChart(series: pain, secondary: average, firstLabel: "1 Nov", lastLabel: "日本"),
                        maxWidth: 20, maxHeight: 8)
    }
}
