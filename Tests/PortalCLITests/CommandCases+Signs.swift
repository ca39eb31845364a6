import Foundation
import PortalClinic
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
        XCTAssertTrue(r.stdout.contains("You reported: A severe headache"), r.stdout)

        let store = try portal.store()
        XCTAssertEqual(try store.signReports().map(\.signs), [["severe-headache", "vision-changes"]])
        XCTAssertEqual(try store.signReports().first?.note, "since lunch")
    }

    /// `portal signs --list` (issue 23): the signs she reported, newest first; in a clinic the one her therapist
    /// reviewed says so, kindly and with the day; on her own file nothing is said of reviews.
    func signsListSaysWhichHerTherapistReviewedInAClinicOnly() throws {
        let portal = try makePortal()
        try portal.demo()
        XCTAssertEqual(try portal.run(["signs", "fever", "--time", "08:00"]).status, 0)
        var reviewed = "reviewed by your therapist today"
        if let clinic = portal.clinic {
            // Up to the newest sign on her chart; kept at the server's time (which may not be the portal's day).
            let chart = try PostgresStore.open(clinic.cluster.conninfo(clinic.therapist), patient: clinic.patient)
            let newest = try XCTUnwrap(try chart.record(.whole).reportedSigns().compactMap(\.entered).max())
            reviewed = try chart.reviewSigns(SignReview(reviewedAt: LocalDateTime("2026-11-27T09:00")!, through: LocalDateTime("2026-11-27T08:00")!,
                                                        enteredThrough: newest, reviewer: clinic.therapist))
                .patientText(today: CalendarDate("2026-11-27")!)
        }
        XCTAssertEqual(try portal.run(["signs", "vision-changes", "--time", "10:00"]).status, 0)
        let r = try portal.run(["signs", "--list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let vision = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026-11-27 10:00") }, r.stdout)
        let fever = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026-11-27 08:00") }, r.stdout)
        XCTAssertLessThan(vision, fever, "newest first")
        XCTAssertFalse(lines[vision].contains("reviewed"), "a newer sign is not reviewed")
        XCTAssertEqual(lines[fever].hasSuffix(" · " + reviewed), portal.clinic != nil, lines[fever])
        XCTAssertFalse(r.stdout.contains("reviewed") && portal.clinic == nil, "no therapist reviews her own file")
        let bad = try portal.run(["signs", "fever", "--list"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--list takes no signs"), bad.stderr)
    }

    /// `portal signs --list` lists her check-ins' answers that report a sign (burning when peeing, QA I8) with the
    /// signs she reported, as the Warning signs screen does: on their day, after that day's timed signs, newest
    /// first; a check-in without such an answer is no sign. Her therapist reads them as hers.
    func signsListListsHerCheckInsAnswersThatReportASign() throws {
        let portal = try makePortal()
        try portal.demo()
        XCTAssertEqual(try portal.run(["signs", "fever", "--date", "2026-11-25", "--time", "08:00"]).status, 0)
        XCTAssertEqual(try portal.run(["signs", "vision-changes", "--date", "2026-11-26", "--time", "07:00"]).status, 0)
        _ = try portal.store().saveQuizResult(QuizResult(date: CalendarDate("2026-11-26")!, answers: ["burning": true]))
        _ = try portal.store().saveQuizResult(QuizResult(date: CalendarDate("2026-11-24")!, answers: ["burning": false]))
        let burning = try XCTUnwrap(sharedGuide.sign("peeing-problems")).text
        for (r, whose) in [(try portal.run(["signs", "--list"]), "your"), (try portal.runAsTherapist(["signs", "--list"]), portal.clinic == nil ? "your" : "her")] {
            XCTAssertEqual(r.status, 0, r.stderr)
            let lines = r.stdout.split(separator: "\n").map(String.init)
            let checkIn = try XCTUnwrap(lines.firstIndex(of: "2026-11-26        \(burning) · in \(whose) check-in"), r.stdout)
            let vision = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026-11-26 07:00") }, r.stdout)
            let fever = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026-11-25 08:00") }, r.stdout)
            XCTAssertLessThan(vision, checkIn, "the day's timed signs first: \(r.stdout)")
            XCTAssertLessThan(checkIn, fever, "newest day first: \(r.stdout)")
            XCTAssertEqual(lines.filter { $0.contains("check-in") }.count, 1, "a check-in without that answer is no sign: \(r.stdout)")
        }
    }

    /// D9: what she wrote with a sign reaches her therapist: under the sign in `signs --list` and in the report,
    /// in each of its formats; her therapist reads who reviewed a sign, not "your therapist".
    func aSignsNoteReachesTheListAndEveryReportFormat() throws {
        let portal = try makePortal()
        try portal.demo()
        XCTAssertEqual(try portal.run(["signs", "severe-headache", "--time", "08:00", "--note", "left side, since lunch"]).status, 0)
        let list = try portal.runAsTherapist(["signs", "--list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        let sign = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026-11-27 08:00") }, list.stdout)
        XCTAssertEqual(lines.dropFirst(sign + 1).first, "  Note: left side, since lunch", list.stdout)
        for format in ["text", "markdown", "html"] {
            let r = try portal.runAsTherapist(["report", "--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("note: “left side, since lunch”"), "\(format): \(r.stdout)")
        }
        let withoutNotes = try portal.run(["report", "--format", "text", "--exclude", "notes"])
        XCTAssertEqual(withoutNotes.status, 0, withoutNotes.stderr)
        XCTAssertFalse(withoutNotes.stdout.contains("since lunch"), "her notes left out: the sign's note too")
        guard let clinic = portal.clinic else { return }
        let chart = try PostgresStore.open(clinic.cluster.conninfo(clinic.therapist), patient: clinic.patient)
        let newest = try XCTUnwrap(try chart.record(.whole).reportedSigns().compactMap(\.entered).max())
        _ = try chart.reviewSigns(SignReview(reviewedAt: LocalDateTime("2026-11-27T09:00")!, through: LocalDateTime("2026-11-27T08:00")!,
                                             enteredThrough: newest, reviewer: clinic.therapist))
        let reviewed = try portal.runAsTherapist(["signs", "--list"])
        XCTAssertTrue(reviewed.stdout.contains(" · reviewed by \(clinic.therapist) on "), reviewed.stdout)
        XCTAssertFalse(reviewed.stdout.contains("your therapist"), reviewed.stdout)
        XCTAssertTrue(try portal.run(["signs", "--list"]).stdout.contains("reviewed by your therapist"), "her own words stay hers")
    }

    /// QA M2: `--sign` is "a warning sign you have now". Given with a pain entry for an earlier day, the sign was
    /// kept on that day's entry, and `portal today` (as Home, the brief line and the stop on exercise) never said
    /// it, "call 911" included. It is reported for now; the entry keeps its day without it. A sign she dates
    /// herself (`portal signs --date`) keeps its day, and she is told how to report what she has now.
    func aSignGivenWithAnEarlierDaysPainIsReportedForNow() throws {
        let portal = try makePortal()
        try portal.demo()
        let r = try portal.run(["log", "5", "--sign", "thoughts-of-harm", "--date", "2026-11-24", "--time", "12:00"],
                               env: ["PORTAL_TODAY": "2026-11-27T10:30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: pain 5/10 on 2026-11-24 at 12:00"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Warning signs you have now, saved for 2026-11-27 at 10:30: thoughts-of-harm"), r.stdout)
        let store = try portal.store()
        let entry = try XCTUnwrap(try store.painEntries(from: CalendarDate("2026-11-24")!, to: CalendarDate("2026-11-24")!).last)
        XCTAssertEqual(entry.score, 5)
        XCTAssertEqual(entry.warningSigns, [])
        let report = try XCTUnwrap(try store.signReports().last)
        XCTAssertEqual([report.date.description, report.time.description], ["2026-11-27", "10:30"])
        XCTAssertEqual(report.signs, ["thoughts-of-harm"])
        XCTAssertEqual(report.note, "Ticked with the pain entry for Tue 24 Nov at 12:00.")
        let today = try portal.run(["today"])
        XCTAssertTrue(today.stdout.contains("Emergency: Call 911 now."), today.stdout)
        XCTAssertTrue(try portal.run(["today", "--brief"]).stdout.lowercased().contains("911"))

        let dated = try portal.run(["signs", "leg-swelling", "--date", "2026-11-20"])
        XCTAssertEqual(dated.status, 0, dated.stderr)
        XCTAssertTrue(dated.stdout.contains("This is saved for Fri 20 Nov. If you still have it now, report it for today too: `portal signs leg-swelling`"),
                      dated.stdout)
        XCTAssertFalse(try portal.run(["signs", "fever"]).stdout.contains("If you still have it now"), "a sign for today is not history")
    }

    func thoughtsOfHarmShowTheCrisisLinesBeside911() throws {
        let portal = try makePortal()
        try portal.demo()
        for args in [["signs", "thoughts-of-harm"], ["log", "2", "--sign", "thoughts-of-harm"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("You reported: Thoughts of hurting yourself or your baby."), r.stdout)
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
            // Review: a sign dated before her therapist's chart's days could be neither seen nor flagged.
            (["signs", "fever", "--date", "2026-07-01"], "is more than 120 days ago; warning signs can be reported for the last 120 days."),
            (["log", "3", "--sign", "fever", "--date", "2026-07-01"], "warning signs can be reported for the last 120 days"),
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
