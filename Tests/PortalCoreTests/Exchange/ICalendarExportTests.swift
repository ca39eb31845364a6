import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

final class ICalendarExportTests: XCTestCase {
    func data(_ visits: [Visit], zone: String = "America/New_York") throws -> ExportData {
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.plan = try CarePlan(visits: visits)
        return ExportData(today: day("2026-11-27"), generatedAt: Date(timeIntervalSince1970: 1_795_000_000),
                          timeZone: TimeZone(identifier: zone)!, record: record, identity: "test", content: sharedContent)
    }

    func plan() -> [Visit] {
        (1...6).map { n in
            Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson)
        }
    }

    func testOnlyBookedAndCompletedVisitsInUTCWithStableUIDs() throws {
        var visits = plan()
        visits[0].status = .completed
        visits[0].start = at("2026-11-02T09:00")
        visits[0].location = "1 Main St, Suite 4; back door"
        visits[1].status = .booked
        visits[1].start = at("2026-12-03T10:15")
        visits[1].mode = .virtual
        visits[1].location = "https://video.example.org/room?id=1,2"
        visits[2].status = .cancelled
        visits[3].status = .missed
        visits[3].start = at("2026-12-10T10:15")
        let ics = ICalendarExport.calendar(try data(visits))
        XCTAssertEqual(ics.components(separatedBy: "BEGIN:VEVENT").count - 1, 2)
        XCTAssertTrue(ics.contains("DTSTART:20261102T140000Z\r\n"), "09:00 in New York in November is 14:00 UTC")
        XCTAssertTrue(ics.contains("DTEND:20261203T160000Z\r\n"), ics)
        XCTAssertTrue(ics.contains("SUMMARY:Visit 2 of 6 — follow-up\r\n"))
        XCTAssertTrue(ics.contains("LOCATION:1 Main St\\, Suite 4\\; back door\r\n"), ics)
        XCTAssertTrue(ics.contains("URL:https://video.example.org/room?id=1,2\r\n"), ics)
        XCTAssertTrue(ics.contains("DTSTAMP:"))
        let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        XCTAssertEqual(Set(uids).count, 2)

        visits[1].start = at("2026-12-04T15:00")
        let moved = ICalendarExport.calendar(try data(visits))
        XCTAssertEqual(moved.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }, uids, "moving a visit keeps its UID")
        XCTAssertTrue(moved.contains("DTSTART:20261204T200000Z"))
    }

    func testTextIsEscapedAndFoldedWithoutSplittingACharacter() {
        XCTAssertEqual(ICalendarExport.text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")
        let long = "DESCRIPTION:" + String(repeating: "é日😀x", count: 40)
        let folded = ICalendarExport.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(lines.count, 3)
        for (i, line) in lines.enumerated() {
            XCTAssertLessThanOrEqual(line.utf8.count, 75)
            if i > 0 { XCTAssertTrue(line.hasPrefix(" ")) }
        }
        // Unfolding (remove CRLF + one space) gives back the exact line: no character was cut.
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), long)
    }
}
