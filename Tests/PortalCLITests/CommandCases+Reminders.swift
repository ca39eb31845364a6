import Foundation
import XCTest
@testable import PortalCore

/// `portal remind`, `remind set` and `remind off` on both stores (issue 24, phase 2): what she sets is kept in
/// her record and listed back; every refusal names the problem and the accepted values, exits non-zero and
/// writes nothing.
extension CommandCases {
    func remindersAreSetListedAndSwitchedOff() throws {
        let portal = try makePortal()
        try portal.demo()
        // In a clinic's portal the daily ones are off (no timer there): that store's own case.
        guard portal.clinic == nil else { return try dailyRemindersAreOffInAClinic(portal) }
        var r = try portal.run(["remind"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Your reminders:\n  pain       off\n  exercises  off\n  diary      off\n  visits     off\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("None is set."), r.stdout)

        r = try portal.run(["remind", "set", "pain", "20:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Log pain reminder: 20:00 every day.\n"), r.stdout)
        r = try portal.run(["remind", "set", "exercises", "7:30", "--days", "mon,WED,friday"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Exercises reminder: 07:30 on mon,wed,fri.\n"), r.stdout)
        r = try portal.run(["remind", "set", "visits", "2h,24h"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Visits reminder: 24h before, 2h before.\n"), r.stdout)
        r = try portal.run(["remind", "set", "diary", "21:00", "--days", "weekdays"])
        XCTAssertEqual(r.status, 0, r.stderr)

        r = try portal.run(["remind", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("""
            Your reminders:
              pain       20:00 every day
              exercises  07:30 on mon,wed,fri
              diary      21:00 on mon,tue,wed,thu,fri
              visits     24h before, 2h before

            """), r.stdout)
        XCTAssertEqual(try portal.run(["remind"]).stdout, r.stdout, "`portal remind` alone lists them")
        var expected = ReminderSettings.allOff
        try expected.set(.pain, from: ["20:00"], days: nil, inClinic: false)
        try expected.set(.exercises, from: ["07:30"], days: "mon,wed,fri", inClinic: false)
        try expected.set(.diary, from: ["21:00"], days: "weekdays", inClinic: false)
        try expected.set(.visits, from: ["24h", "2h"], days: nil, inClinic: false)
        XCTAssertEqual(try portal.store().reminderSettings(), expected, "kept in her record")

        // Setting a kind again replaces it.
        XCTAssertEqual(try portal.run(["remind", "set", "pain", "08:15"]).status, 0)
        XCTAssertEqual(try portal.store().reminderSettings().summary(.pain), "08:15 every day")

        r = try portal.run(["remind", "off", "exercises"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Exercises reminder: off.\n")
        XCTAssertEqual(try portal.run(["remind", "off", "exercises"]).stdout, "Exercises reminder: already off.\n")
        XCTAssertEqual(try portal.run(["remind", "off", "Visits"]).status, 0)
        let now = try portal.store().reminderSettings()
        XCTAssertFalse(now.isSet(.exercises))
        XCTAssertFalse(now.isSet(.visits))
        XCTAssertTrue(now.isSet(.pain) && now.isSet(.diary), "the others stay")
    }

    /// Issue 24, point 5: in a clinic's portal the reminders that need a timer on her own computer are off, and
    /// `remind set` refuses them as the reminder screen does (`ReminderKind.isSettable(inClinic:)`), saying why
    /// and writing nothing; visit reminders (the calendar export's alarms) are still hers to set.
    func dailyRemindersAreOffInAClinic(_ portal: PortalRunner) throws {
        for kind in ["pain", "exercises", "diary"] {
            let r = try portal.run(["remind", "set", kind, "20:00"])
            XCTAssertEqual(r.status, 1, "\(kind): \(r.stdout)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertTrue(r.stderr.contains("reminders are off here. \(ReminderKind.noTimerInClinic)"), r.stderr)
        }
        XCTAssertEqual(try portal.store().reminderSettings(), .allOff, "nothing written")
        let r = try portal.run(["remind", "set", "visits", "24h"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Visits reminder: 24h before.\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("There is no timer in the clinic's portal"), r.stdout)
        XCTAssertEqual(try portal.store().reminderSettings().summary(.visits), "24h before")
    }

    func badReminderInputIsRefusedAndNothingIsWritten() throws {
        let portal = try makePortal()
        try portal.demo()
        XCTAssertEqual(try portal.run(["remind", "set", "visits", "24h"]).status, 0)
        let before = try portal.store().record(.whole)
        func refused(_ args: [String], _ says: [String], file: StaticString = #filePath, line: UInt = #line) throws {
            let r = try portal.run(["remind"] + args)
            XCTAssertNotEqual(r.status, 0, "\(args) is refused", file: file, line: line)
            XCTAssertEqual(r.stdout, "", file: file, line: line)
            for words in says { XCTAssertTrue(r.stderr.contains(words), "\(args): “\(words)” in \(r.stderr)", file: file, line: line) }
            XCTAssertEqual(try portal.store().record(.whole), before, "\(args): nothing written", file: file, line: line)
        }
        // A time that is not HH:MM: the portal's one message for it (TimeOfDay.notATime).
        for bad in ["8pm", "24:00", "20:60", "2000", "20:00:00"] {
            try refused(["set", "pain", bad], [TimeOfDay.notATime(bad, example: "08:30 or 20:00")])
        }
        try refused(["set", "exercises", "24h"], ["is not a time", "HH:MM"])
        try refused(["set", "pain"], ["Give one time of day", "HH:MM"])
        // An unknown kind, named with the kinds there are.
        try refused(["set", "water", "20:00"], ["“water” is not a kind of reminder", "pain, exercises, diary, visits"])
        try refused(["off", "water"], ["“water” is not a kind of reminder", "pain, exercises, diary, visits"])
        // An offset that is not positive (or not one at all).
        // A value that starts with a dash is judged as what it is, after `--` or not (issue 24's leftover: `-2h`
        // was taken for an unknown option).
        for bad in ["0h", "0m"] { try refused(["set", "visits", bad], ["is not more than zero", "30m, 2h, 24h or 2d"]) }
        try refused(["set", "visits", "--", "-2h"], ["is not more than zero", "30m, 2h, 24h or 2d"])
        try refused(["set", "visits", "-2h"], ["“-2h” is not more than zero", "30m, 2h, 24h or 2d"])
        try refused(["set", "visits", "24h,-2h"], ["“-2h” is not more than zero"])
        try refused(["set", "visits", "24h", "-30m"], ["“-30m” is not more than zero"])
        try refused(["set", "pain", "-20:00"], ["is not a time", "HH:MM"])
        try refused(["set", "visits", "2h", "--dayz", "mon"], ["Unknown option “--dayz”"])
        try refused(["set", "visits", "20:00"], ["is not a time before a visit", "30m, 2h, 24h or 2d"])
        try refused(["set", "visits", "8d"], ["more than a week"])
        // Sooner than the timer's interval, or between its steps: the timer could not keep it.
        try refused(["set", "visits", "1m"], ["“1m” is sooner than the reminder timer can keep", "steps of 5 (the reminder timer runs every 5 minutes)"])
        try refused(["set", "visits", "24h,7m"], ["“7m” is not in steps of 5 minutes"])
        try refused(["set", "visits", "24h,"], ["is not a time before a visit"])
        try refused(["set", "visits", "24h", "--days", "mon"], ["leave out --days"])
        // A bad day name, named with the accepted ones.
        try refused(["set", "pain", "20:00", "--days", "mon,funday"], ["“funday” is not a day of the week", "mon, tue, wed, thu, fri, sat, sun"])
        try refused(["set", "pain", "20:00", "--days", ""], ["No days given"])
    }
}
