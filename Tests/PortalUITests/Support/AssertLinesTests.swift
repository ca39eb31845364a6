import XCTest
@testable import PortalUI

/// The failure report is what a person reads when a screen test breaks, so its shape is tested too.
final class AssertLinesTests: XCTestCase {
    func testReportMarksOnlyDifferingRowsWithNumbers() {
        let report = sideBySide(expected: ["┌ Pain ┐", "│ 4    │"], actual: ["┌ Pain ┐", "│ 5    │", "extra"],
                                width: 8)
        let rows = report.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 4, "a header and three rows")
        XCTAssertTrue(rows[1].hasPrefix("   0 "), rows[1])
        XCTAssertTrue(rows[2].hasPrefix("≠  1 "), rows[2])
        XCTAssertTrue(rows[2].contains("\"│ 4    │\"") && rows[2].contains("\"│ 5    │\""), rows[2])
        XCTAssertTrue(rows[3].hasPrefix("≠  2 ") && rows[3].contains("(extra)"), rows[3])
    }
}
