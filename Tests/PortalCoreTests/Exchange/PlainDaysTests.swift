import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The FHIR export writes an entry kept without an offset (the diaries) at its day's offset when no change of
/// offset is near (`PlainDays`): every time of two years, every half hour, in zones with daylight saving either
/// side of UTC, a zone without it, and one that changed its rules, comes out as the zone's own reading gives it.
final class PlainDaysTests: XCTestCase {
    func testEveryTimeIsWrittenAsTheZonesReadingGivesIt() throws {
        for id in ["America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC", "Europe/Moscow"] {
            let tz = try XCTUnwrap(TimeZone(identifier: id))
            let data = ExportData(today: CalendarDate("2027-12-31")!, timeZone: tz, record: .empty, identity: "plain-days", content: sharedContent)
            let builder = FHIRExport.Builder(data: data)
            var plain = 0, near = 0
            var day = CalendarDate(id == "Europe/Moscow" ? "2010-01-01" : "2026-01-01")!
            let last = day.adding(days: 730)
            while day <= last {
                if builder.plainDays.offset(on: day) == nil { near += 1 } else { plain += 1 }
                for minutes in stride(from: 0, to: 24 * 60, by: 30) {
                    let local = LocalDateTime(date: day, time: TimeOfDay(minutes: minutes))
                    XCTAssertEqual(builder.dateTime(local), slowDateTime(local, data), "\(id) \(local)")
                }
                day = day.adding(days: 1)
            }
            XCTAssertGreaterThan(plain, 700, "\(id): most days are plain")
            if id == "America/New_York" || id == "Europe/London" { XCTAssertGreaterThan(near, 8, "\(id): the days around each change are worked out") }
        }
    }

    /// What `dateTime` wrote before `PlainDays`: the zone's reading of every time.
    func slowDateTime(_ local: LocalDateTime, _ data: ExportData) -> String {
        let instant = data.instant(local)
        let offsetSeconds = data.timeZone.secondsFromGMT(for: instant)
        let localSeconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = Int((Double(localSeconds) / 86_400).rounded(.down))
        let second = localSeconds - days * 86_400
        let offset = offsetSeconds / 60
        return "\(CalendarDate(dayNumber: days))T\(TimeOfDay(minutes: second / 60)):" + (second % 60 < 10 ? "0" : "") + "\(second % 60)"
            + (offset < 0 ? "-" : "+") + "\(TimeOfDay(minutes: abs(offset)))"
    }
}
