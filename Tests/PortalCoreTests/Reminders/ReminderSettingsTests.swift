import XCTest
@testable import PortalCore
import StoreTestSupport

/// What she may type for a reminder, and the refusals that name what would be accepted.
final class ReminderSettingsTests: XCTestCase {
    func refusal(_ body: () throws -> Any) -> PortalError? {
        do { _ = try body(); return nil } catch { return error as? PortalError }
    }

    func testKindsAreNamedAndAnUnknownOneIsRefusedNamingThem() throws {
        XCTAssertEqual(try ReminderKind.parse("pain"), .pain)
        XCTAssertEqual(try ReminderKind.parse(" Exercises "), .exercises)
        XCTAssertEqual(try ReminderKind.parse("VISITS"), .visits)
        let e = refusal { try ReminderKind.parse("water") }
        XCTAssertEqual(e?.field, .reminderKind)
        XCTAssertEqual(e?.description, "“water” is not a kind of reminder. Use one of: pain, exercises, diary, visits.")
        XCTAssertEqual(refusal { try ReminderKind.parse("\u{1b}[2Jpain") }?.description.contains("\u{1b}"), false,
                       "what she typed is echoed without its control characters")
    }

    func testTimesAreHHMMOnTheTwentyFourHourClock() throws {
        XCTAssertEqual(try DailyReminder.parseTime("20:00"), time("20:00"))
        XCTAssertEqual(try DailyReminder.parseTime("8:30"), time("08:30"))
        for bad in ["24:00", "20:60", "8pm", "2000", "20:0", "", "-1:00", "20:00:00"] {
            let e = refusal { try DailyReminder.parseTime(bad) }
            XCTAssertEqual(e?.field, .reminderTime, bad)
            // The portal's one message for a time that is not a time (`TimeOfDay.notATime`), not a copy of it.
            XCTAssertEqual(e?.description, TimeOfDay.notATime(bad, example: "08:30 or 20:00"), bad)
        }
    }

    func testDaysAreNamedMondayFirst() throws {
        XCTAssertEqual(try DailyReminder.parseDays("mon,wed,fri"), [1, 3, 5])
        XCTAssertEqual(try DailyReminder.parseDays("Sat, sunday"), [6, 7])
        XCTAssertEqual(try DailyReminder.parseDays("weekdays"), [1, 2, 3, 4, 5])
        XCTAssertEqual(try DailyReminder.parseDays("daily"), DailyReminder.everyDay)
        XCTAssertEqual(try DailyReminder.parseDays("mon,mon"), [1])
        for bad in ["funday", "mon,,tue", "", "mo", "mondays", "1,2"] {
            let e = refusal { try DailyReminder.parseDays(bad) }
            XCTAssertEqual(e?.field, .reminderDays, bad)
            XCTAssertTrue(e?.description.contains("mon, tue, wed, thu, fri, sat, sun") ?? false, "\(bad): \(String(describing: e))")
        }
        let r = DailyReminder(time: time("08:00"), days: [5, 1, 3])
        XCTAssertEqual(r.daysList, "mon,wed,fri")
        XCTAssertEqual(r.daysText, "on mon,wed,fri")
        XCTAssertEqual(DailyReminder(time: time("08:00")).daysText, "every day")
        XCTAssertTrue(r.isOn(day("2026-11-27")), "27 Nov 2026 is a Friday")
        XCTAssertFalse(r.isOn(day("2026-11-28")))
    }

    func testVisitOffsetsArePositiveWholeMinutesHoursOrDaysUpToAWeek() throws {
        XCTAssertEqual(try VisitReminderOffset.parse("24h").minutes, 1440)
        XCTAssertEqual(try VisitReminderOffset.parse("2h").minutes, 120)
        XCTAssertEqual(try VisitReminderOffset.parse("30m").minutes, 30)
        XCTAssertEqual(try VisitReminderOffset.parse("2D").minutes, 2880)
        XCTAssertEqual(try VisitReminderOffset.parse("7d").minutes, 10080)
        XCTAssertEqual(try VisitReminderOffset.parseList(["24h,2h", "30m"]).map(\.minutes), [1440, 120, 30])
        XCTAssertEqual(try VisitReminderOffset.parse("5m").minutes, 5, "one interval of the timer is the shortest")
        XCTAssertEqual(VisitReminderOffset.stepMinutes, ReminderTimer.everyMinutes, "the one fact: the timer's interval")
        XCTAssertTrue(VisitReminderOffset.accepted.contains("steps of \(ReminderTimer.everyMinutes)"))
        let timer = try ReminderTimer(portal: "/usr/local/bin/portal", database: "/home/a/portal.db")
        XCTAssertTrue(timer.timerUnit.contains("OnCalendar=*:0/\(VisitReminderOffset.stepMinutes)\n"), "what install writes runs at the offsets' steps")
        let cases: [(String, String)] = [
            ("0h", "“0h” is not more than zero."), ("-2h", "“-2h” is not more than zero."), ("00m", "“00m” is not more than zero."),
            ("1.5h", "“1.5h” is not a whole number of hours."), ("+2h", "“+2h” is not a whole number of hours."),
            ("2", "“2” is not a time before a visit."), ("h", "“h” is not a whole number of hours."),
            ("soon", "“soon” is not a time before a visit."), ("8d", "“8d” is more than a week before the visit."),
            ("169h", "“169h” is more than a week before the visit."),
            ("1m", "“1m” is sooner than the reminder timer can keep."), ("4m", "“4m” is sooner than the reminder timer can keep."),
            ("7m", "“7m” is not in steps of 5 minutes."), ("62m", "“62m” is not in steps of 5 minutes."), ("99999999999999999999h", "“99999999999999999999h” is not a whole number of hours."),
        ]
        for (bad, message) in cases {
            let e = refusal { try VisitReminderOffset.parse(bad) }
            XCTAssertEqual(e?.field, .reminderOffset, bad)
            XCTAssertEqual(e?.description, message + " " + VisitReminderOffset.accepted, bad)
        }
        XCTAssertNotNil(refusal { try VisitReminderOffset.parseList(["24h,"]) }, "an empty item is refused, not skipped")
        XCTAssertEqual(["24h", "2h", "90m", "2d", "1d"].map { (try? VisitReminderOffset.parse($0))?.description }, ["24h", "2h", "90m", "2d", "24h"])
        XCTAssertEqual(try VisitReminderOffset.parse("90m").spokenText, "1 hour 30 minutes")
        XCTAssertEqual(try VisitReminderOffset.parse("2d").spokenText, "2 days")
        XCTAssertEqual(try VisitReminderOffset.parse("24h").spokenText, "24 hours")
    }

    func testSettingsSetReplaceAndTurnOff() throws {
        var s = ReminderSettings.allOff
        XCTAssertTrue(s.isEmpty)
        XCTAssertEqual(ReminderKind.allCases.map { s.summary($0) }, ["off", "off", "off", "off"])
        try s.set(.pain, DailyReminder(time: time("20:00")))
        try s.set(.exercises, DailyReminder(time: time("18:00"), days: [1, 3, 5]))
        s.setVisits([try VisitReminderOffset.parse("2h"), try VisitReminderOffset.parse("24h"), try VisitReminderOffset.parse("2h")])
        XCTAssertEqual(ReminderKind.allCases.map { s.summary($0) },
                       ["20:00 every day", "18:00 on mon,wed,fri", "off", "24h before, 2h before"])
        XCTAssertThrowsError(try s.set(.visits, DailyReminder(time: time("09:00")))) {
            XCTAssertEqual(($0 as? PortalError)?.field, .reminderOffset)
        }
        try s.set(.pain, DailyReminder(time: time("21:15")))
        XCTAssertEqual(s.summary(.pain), "21:15 every day", "setting again replaces")
        s.turnOff(.pain)
        s.turnOff(.visits)
        s.turnOff(.diary)
        XCTAssertEqual(ReminderKind.allCases.map { s.isSet($0) }, [false, true, false, false])
    }

    /// Issue 24, point 5: the one rule the reminder screen and `portal remind set` share. In a clinic's portal a
    /// reminder that needs a timer on her own computer is refused, saying why, and nothing changes; visit
    /// reminders (the calendar export's alarms) are still set there; on her own computer every kind is.
    func testInAClinicTheDailyRemindersAreRefusedAndVisitOnesAreSet() throws {
        var s = ReminderSettings.allOff
        for kind in ReminderKind.allCases where kind.isDaily {
            XCTAssertFalse(kind.isSettable(inClinic: true))
            XCTAssertTrue(kind.isSettable(inClinic: false))
            XCTAssertThrowsError(try s.set(kind, from: ["20:00"], days: nil, inClinic: true)) {
                XCTAssertEqual("\($0)", "\(kind.title) reminders are off here. \(ReminderKind.noTimerInClinic)")
            }
        }
        XCTAssertEqual(s, .allOff, "nothing set")
        try s.set(.visits, from: ["24h"], days: nil, inClinic: true)
        XCTAssertEqual(s.summary(.visits), "24h before")
        try s.set(.pain, from: ["20:00"], days: nil, inClinic: false)
        XCTAssertEqual(s.summary(.pain), "20:00 every day")
    }
}
