import XCTest
@testable import PortalUI

final class TableTests: XCTestCase {
    let columns = [
        TableColumn("#", width: .fixed(1), alignment: .right),
        TableColumn("Visit", width: .flexible(min: 5)),
        TableColumn("Status", width: .fixed(9)),
        TableColumn("Min", width: .fixed(3), alignment: .right),
    ]
    let rows = [
        ["1", "Evaluation", "completed", "60"],
        ["2", "Follow-up", "booked", "45"],
        ["3", "Re-evaluation", "to schedule", "45"],
    ]

    func testHeaderRuleAlignmentAndEllipsis() {
        let buffer = draw(Table(columns: columns, rows: rows), width: 30, height: 5)
        assertLines(buffer, [
            "#  Visit        Status     Min",
            "──────────────────────────────",
            "1  Evaluation   completed   60",
            "2  Follow-up    booked      45",
            "3  Re-evaluat…  to sched…   45",
        ])
        XCTAssertTrue(buffer[3, 0].style.bold, "headers are bold")
        XCTAssertFalse(buffer[3, 2].style.bold)
    }

    func testSelectedRowHasGutterMarkerAndReverse() {
        let buffer = draw(Table(columns: columns, rows: rows, selected: 1, glyphs: .ascii), width: 32, height: 4)
        assertLines(buffer, [
            "  #  Visit        Status     Min",
            "--------------------------------",
            "  1  Evaluation   completed   60",
            "> 2  Follow-up    booked      45",
        ])
        XCTAssertTrue(buffer[31, 3].style.reverse)
        XCTAssertFalse(buffer[31, 2].style.reverse)
    }

    func testScrollsToSelectionWithoutRuleWhenShort() {
        assertLines(draw(Table(columns: columns, rows: rows, selected: 2), width: 32, height: 2), [
            "  #  Visit        Status     Min",
            "› 3  Re-evaluat…  to sched…   45",
        ])
    }

    func testColumnWidths() {
        XCTAssertEqual(Table.columnWidths(columns, total: 30, spacing: 2), [1, 11, 9, 3])
        let even = [TableColumn("a"), TableColumn("b", width: .flexible(min: 1, weight: 2))]
        XCTAssertEqual(Table.columnWidths(even, total: 11, spacing: 1), [4, 6])
        XCTAssertEqual(Table.columnWidths(columns, total: 5, spacing: 2), [1, 5, 9, 3], "never below minimum")
    }

    func testNarrowWidthCutsTheLastVisibleColumn() {
        assertLines(draw(Table(columns: columns, rows: rows), width: 12, height: 3), [
            "#  Visit  S…",
            "────────────",
            "1  Eval…  c…",
        ])
    }

    func testTinySizes() {
        assertLines(draw(Table(columns: columns, rows: rows), width: 1, height: 1), ["#"])
        drawAtEverySize(Table(columns: columns, rows: rows + [["日本", "é", "😀😀", ""]], selected: 3))
        drawAtEverySize(Table(columns: [], rows: [[]]))
    }
}
