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
            "10┤                 ⣀⠤⠒⠉⢆",
            "  │             ⣀⠤⠒⠉     ⠱⡀",
            " 5┤   ⢀⡀       ⠉   +   +  ⠈⢆   +",
            "  │⡠⠔⠊⠁+   +                ⠑⢄",
            " 0┤                           ⠑⢄",
            "  └─────────────────────────────",
            "   3 Nov                  10 Nov",
            "⠤ daily pain 0–10",
        ])
        XCTAssertEqual(buffer[7, 3].text, "+", "the average shows where there is no daily score")
        XCTAssertFalse(BrailleCanvas.dots(in: buffer[27, 2].text).isEmpty, "the daily line wins where both fall on one cell")
        XCTAssertNotEqual(Glyphs.unicode.chartSecondary, Glyphs.unicode.tickLeft, "the average is not an axis tick")
        XCTAssertNotEqual(Glyphs.ascii.chartSecondary, Glyphs.ascii.tickLeft)
        // A narrower legend drops the second entry whole rather than cutting it.
        assertLines(draw(chart, width: 20, height: 5), [
            "10┤       ⣀⠤⠒⠒⠉⠑⢄+",
            " 0┤⠤⠒⠉  + + +    ⠑⠢⢄",
            "  └─────────────────",
            "   3 Nov      10 Nov",
            "⠤ daily pain 0–10",
        ], "two plot rows: values snap to the nearer end")
    }

    /// The dot rows drawn in the plot column `column` of a chart drawn at `x` = 3.
    private func dotRows(_ buffer: Buffer, dotColumn: Int, plotRows: Int) -> [Int] {
        (0..<plotRows).flatMap { r in
            BrailleCanvas.dots(in: buffer[3 + dotColumn / 2, r].text).filter { $0.dx == dotColumn % 2 }.map { r * 4 + $0.dy }
        }
    }

    func testAOnePointChangeBetweenTwoDaysIsVisibleAt80x24() {
        // Progress at 80×24 draws 30 days in a chart 78 columns by 8 rows (5 plot rows). Two days a week
        // apart, 4 then 5, with no days between them so each is a lone dot.
        var days = [Double?](repeating: nil, count: 30)
        days[10] = 4
        days[17] = 5
        let buffer = draw(LineChart(series: days, firstLabel: "29 Oct", lastLabel: "27 Nov"), width: 78, height: 8)
        let dotWidth = 75 * 2
        let x4 = Int((Double(10 * (dotWidth - 1)) / 29).rounded()), x5 = Int((Double(17 * (dotWidth - 1)) / 29).rounded())
        let four = dotRows(buffer, dotColumn: x4, plotRows: 5), five = dotRows(buffer, dotColumn: x5, plotRows: 5)
        XCTAssertEqual(four.count, 1)
        XCTAssertEqual(five.count, 1)
        XCTAssertLessThan(five[0], four[0], "5 is drawn higher than 4")
        XCTAssertNotEqual(buffer.lines, draw(LineChart(series: days.map { $0.map { _ in 4 } }, firstLabel: "29 Oct", lastLabel: "27 Nov"),
                                             width: 78, height: 8).lines, "and the screen differs from two 4s")
        // In ASCII each day is its value.
        let ascii = draw(LineChart(series: days, glyphs: .ascii), width: 78, height: 8)
        let plot = ascii.lines.prefix(5).map { String($0.dropFirst(3)) }.joined()
        XCTAssertTrue(plot.contains("4") && plot.contains("5"), plot)
    }

    func testAsciiDigitsForEveryLevel() {
        XCTAssertEqual((0...10).map { LineChart.digit(Double($0)) }, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"])
        XCTAssertEqual(LineChart.digit(3.6), "4")
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
            "10-",
            " 5-   No entries yet",
            " 0-",
            "  +---------------------",
            "   1 Nov           2 Nov",
            "0-9 daily pain (X = 10)",
        ])
    }

    func testTinySizes() {
        assertLines(draw(LineChart(series: [0, 10]), width: 3, height: 1), ["⡠⠔⠊"])
        drawAtEverySize(LineChart(series: pain, secondary: average, firstLabel: "1 Nov", lastLabel: "日本"),
                        maxWidth: 20, maxHeight: 8)
    }
}
