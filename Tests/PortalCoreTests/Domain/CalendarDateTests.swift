import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

final class CalendarDateTests: XCTestCase {
    func testParsesOnlyRealDatesInIsoForm() {
        XCTAssertEqual(CalendarDate("2024-02-29")?.description, "2024-02-29")
        for bad in ["2023-02-29", "2026-13-01", "2026-00-10", "2026-1-05", "26-01-05", "2026/01/05", "", "2026-01-05x", "２０２６-01-05"] {
            XCTAssertNil(CalendarDate(bad), bad)
        }
    }

    func testArithmeticCrossesMonthsYearsAndLeapDays() {
        XCTAssertEqual(day("2024-02-28").adding(days: 1), day("2024-02-29"))
        XCTAssertEqual(day("2026-12-31").adding(days: 1), day("2027-01-01"))
        XCTAssertEqual(day("2026-03-01").adding(days: -1), day("2026-02-28"))
        XCTAssertEqual(day("2026-01-01").days(until: day("2026-12-31")), 364)
        XCTAssertEqual(day("2026-11-27").days(until: day("2026-11-20")), -7)
    }

    func testDayArithmeticAgreesWithFoundationAcrossCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let origin = day("1900-01-01")
        let originDate = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        for offset in stride(from: 0, to: 73_000, by: 37) {
            let d = origin.adding(days: offset)
            let f = calendar.dateComponents([.year, .month, .day, .weekday], from: calendar.date(byAdding: .day, value: offset, to: originDate)!)
            XCTAssertEqual([d.year, d.month, d.day], [f.year!, f.month!, f.day!], "\(offset)")
            XCTAssertEqual(d.isoWeekday, f.weekday! == 1 ? 7 : f.weekday! - 1)
            XCTAssertEqual(origin.days(until: d), offset)
            XCTAssertEqual(CalendarDate(d.description), d)
        }
    }

    func testWeekdayAndShortText() {
        XCTAssertEqual(day("2026-11-27").isoWeekday, 5) // a Friday
        XCTAssertEqual(day("2026-11-29").isoWeekday, 7)
        XCTAssertEqual(day("2026-12-03").shortText, "Thu 3 Dec")
    }

    func testTimeOfDayParsing() {
        XCTAssertEqual(TimeOfDay("8:05")?.description, "08:05")
        XCTAssertEqual(TimeOfDay("23:59")?.minutes, 23 * 60 + 59)
        for bad in ["24:00", "12:60", "12", "12:5", "ab:cd", "-1:00", "12:00:00"] { XCTAssertNil(TimeOfDay(bad), bad) }
    }

    func testCountdownWords() {
        let now = at("2026-11-27T09:00")
        XCTAssertEqual(countdownText(from: now, to: at("2026-11-27T09:40")), "in 40 min")
        XCTAssertEqual(countdownText(from: now, to: at("2026-11-27T14:30")), "in 5 h 30 min")
        XCTAssertEqual(countdownText(from: now, to: at("2026-11-28T10:15")), "tomorrow")
        XCTAssertEqual(countdownText(from: now, to: at("2026-12-03T10:15")), "in 6 days")
    }
}
