import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// Issue 19, point 8: what the clock does at a local time, in zones with an hour, half an hour and no change.
final class LocalZoneTests: XCTestCase {
    private func zone(_ id: String) -> LocalZone { LocalZone(TimeZone(identifier: id)!) }

    func testASkippedTimeNamesTheGapItFallsIn() {
        XCTAssertEqual(zone("America/New_York").reading(of: at("2027-03-14T02:30")), .skipped(before: -5 * 3600, after: -4 * 3600))
        // Lord Howe Island moves its clocks by half an hour.
        XCTAssertThrowsError(try zone("Australia/Lord_Howe").utcOffsetMinutes(at: at("2026-10-04T02:15"), field: .painTime)) {
            XCTAssertEqual("\($0)", "02:15 on Sun 4 Oct 2026 does not exist in Australia/Lord_Howe: the clocks go forward from 02:00 to 02:30 that night. Choose a time before 02:00, or from 02:30.")
        }
        XCTAssertEqual(try zone("Australia/Lord_Howe").utcOffsetMinutes(at: at("2026-10-04T02:30"), field: .painTime), 11 * 60)
    }

    func testARepeatedTimeIsTheFirstOfTheTwo() throws {
        let ny = zone("America/New_York")
        XCTAssertEqual(ny.reading(of: at("2027-11-07T01:30")), .twice(first: -4 * 3600, second: -5 * 3600))
        XCTAssertEqual(try ny.utcOffsetMinutes(at: at("2027-11-07T01:30"), field: .visitStart), -240)
        XCTAssertEqual(ny.instant(at("2027-11-07T01:30")), Date(timeIntervalSince1970: 1_825_565_400), "05:30 UTC, the first 01:30")
        // The exports read a visit's time by the same rule.
        let data = ExportData(today: day("2027-11-01"), timeZone: ny.timeZone, record: .empty, identity: "x", content: sharedContent)
        XCTAssertEqual(data.instant(at("2027-11-07T01:30")), ny.instant(at("2027-11-07T01:30")))
    }

    func testAnOrdinaryTimeHasOneOffset() throws {
        XCTAssertEqual(zone("Pacific/Kiritimati").reading(of: at("2026-11-20T08:15")), .once(14 * 3600))
        XCTAssertEqual(try zone("UTC").utcOffsetMinutes(at: at("2027-03-14T02:30"), field: .painTime), 0)
        XCTAssertEqual(try zone("Asia/Kolkata").utcOffsetMinutes(at: at("2027-03-14T02:30"), field: .painTime), 330)
    }
}
