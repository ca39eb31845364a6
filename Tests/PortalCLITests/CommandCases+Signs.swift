import Foundation
import XCTest
@testable import PortalCore

/// Warning signs from the command line, and `today` as Home shows it.
extension CommandCases {
    func signsAloneAreSavedAndPrintTheScreensMessage() throws {
        let portal = try makePortal()
        try portal.demo()
        let r = try portal.run(["signs", "severe-headache", "vision-changes", "--time", "09:15", "--note", "since lunch"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: warning signs on 2026-11-27 at 09:15: severe-headache, vision-changes"), r.stdout)
        let signs = ["severe-headache", "vision-changes"].compactMap(sharedGuide.sign)
        let expected = try XCTUnwrap(SafetyRules.alert(for: signs, guide: sharedGuide, date: CalendarDate("2026-11-27")!))
        XCTAssertTrue(r.stdout.contains(expected.text), r.stdout)
        XCTAssertTrue(r.stdout.contains("Important: You reported: A severe headache"), r.stdout)

        let store = try portal.store()
        XCTAssertEqual(try store.signReports().map(\.signs), [["severe-headache", "vision-changes"]])
        XCTAssertEqual(try store.signReports().first?.note, "since lunch")
    }

    func thoughtsOfHarmShowTheCrisisLinesBeside911() throws {
        let portal = try makePortal()
        try portal.demo()
        for args in [["signs", "thoughts-of-harm"], ["log", "2", "--sign", "thoughts-of-harm"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("Emergency: You reported: Thoughts of hurting yourself or your baby."), r.stdout)
            for needle in ["911", "988", "1-833-852-6262"] { XCTAssertTrue(r.stdout.contains(needle), "\(args): \(needle)") }
        }
        XCTAssertTrue(try portal.painCSV().contains(",thoughts-of-harm"))
    }

    func badSignsAreRefusedAndNothingIsWritten() throws {
        let portal = try makePortal()
        try portal.demo()
        let before = try portal.run(["export", "--format", "json"]).stdout
        let bytes = portal.clinic == nil ? try Data(contentsOf: portal.db) : nil
        let cases: [([String], String)] = [
            (["signs"], "at least one warning sign"),
            (["signs", "sore-toe"], "“sore-toe” is not a warning sign"),
            // Issue 19, point 10: the words are about signs, not "pain can be logged".
            (["signs", "fever", "--date", "2026-11-28"], "The date 2026-11-28 is in the future; warning signs can be reported for today (2026-11-27) or earlier."),
            (["signs", "fever", "--date", "2025-11-01"], "more than a year ago; warning signs can be reported for the last 366 days."),
            (["signs", "fever", "--time", "25:00"], "HH:MM"),
            (["signs", "fever", "--note", "a\u{1B}[2Jb"], "control"),
            (["log", "3", "--sign", "sore-toe"], "“sore-toe” is not a warning sign"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        if let bytes { XCTAssertEqual(try Data(contentsOf: portal.db), bytes) }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before)
        XCTAssertEqual(try portal.store().signReports(), [])
    }

    func todayIsDrawnFromTheSnapshotHomeUses() throws {
        let portal = try makePortal()
        try portal.demo()
        let out = try portal.run(["today"]).stdout
        let store = try portal.store()
        let snap = try store.snapshot(clock: PortalClock(today: CalendarDate(portal.today)!, time: TimeOfDay(hour: 0, minute: 0)!, isPinned: true))
        let (done, prescribed) = snap.log.today(snap.today)
        XCTAssertTrue(out.contains("Exercises: \(done) of \(prescribed) done today (program week \(snap.currentWeek!.number))"), out)
        XCTAssertTrue(out.contains("Streak: \(snap.log.streak(today: snap.today).activeDays) exercise days"), out)
        XCTAssertEqual(out.components(separatedBy: "/10").count - 1, snap.entries(on: snap.today).count, out)
        let next = try XCTUnwrap(snap.nextVisit, "the first booked visit still to come (the demo's visit 3 has passed)")
        XCTAssertEqual(next.number, 4)
        XCTAssertTrue(out.contains("Next visit: \(next.number) of \(snap.plan!.size)"), out)
    }
}
