import Foundation
import XCTest
@testable import PortalCore

/// The patient's daily commands: the demo, the reading commands, logging pain, marking exercises done.
extension CommandCases {
    func demoThenTheReadingCommandsShowItsData() throws {
        let portal = try makePortal()
        try portal.demo()
        let today = try portal.run(["today"])
        XCTAssertEqual(today.status, 0, today.stderr)
        XCTAssertTrue(today.stdout.contains("Jordan Lee · 24 weeks pregnant"), today.stdout)
        XCTAssertTrue(today.stdout.contains("Next visit: 4 of 6, re-evaluation, Thu 3 Dec at 10:15 (in 6 days)"), today.stdout)
        XCTAssertTrue(today.stdout.range(of: #"Exercises: \d of 6 done today \(program week 4\)"#, options: .regularExpression) != nil, today.stdout)
        let visits = try portal.run(["visits"]).stdout
        XCTAssertTrue(visits.contains("2 of 6 visits completed"), visits)
        XCTAssertEqual(visits.components(separatedBy: "Completed").count - 1, 2)
        XCTAssertEqual(visits.components(separatedBy: "Booked").count - 1, 2)
        // The demo's visit 3 was three days ago and is not recorded yet: a newcomer sees the question, and answers
        // it (in a clinic her therapist records it).
        XCTAssertTrue(visits.contains("Visit 3 was Tue 24 Nov"), visits)
        if portal.clinic != nil {
            // Her care team records it: the list says so, and her own login is refused before anything is sent.
            XCTAssertTrue(visits.contains("Visit 3 was Tue 24 Nov — did it take place? Your therapist records how it went."), visits)
            XCTAssertFalse(visits.contains("portal visits complete"), visits)
            for args in [["visits", "complete", "3"], ["visits", "missed", "3"], ["visits", "complete", "5", "--at", "2026-11-20T09:00"]] {
                let refused = try portal.run(args)
                XCTAssertEqual(refused.status, 1, "\(args)")
                XCTAssertEqual(refused.stderr, "Error: \(Visit.recordedByCareTeam)\n", "\(args)")
            }
        }
        let answered = try portal.runAsCareTeam(["visits", "complete", "3"])
        XCTAssertEqual(answered.status, 0, answered.stderr)
        XCTAssertFalse(try portal.run(["visits"]).stdout.contains("Visit 3 was Tue 24 Nov"), "asked until recorded, then not again")
        let exercises = try portal.run(["exercises"]).stdout
        XCTAssertTrue(exercises.contains("Program week 4, from Tue 24 Nov (this week)"), exercises)
        XCTAssertTrue(exercises.contains("NEW"), exercises)
        let week1 = try portal.run(["exercises", "--week", "1"]).stdout
        XCTAssertTrue(week1.contains("Program week 1, from"), week1)
        let csv = try portal.run(["export", "--format", "csv"]).stdout
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.first, "date,time,score,sites,triggers,note,warning_signs")
        XCTAssertGreaterThan(rows.count, 20, csv)
        let first = rows.dropFirst().first ?? ""
        XCTAssertTrue(first.hasPrefix("2026-11-06,"), first)
    }

    func logSavesAndPrintsWhatItSaved() throws {
        let portal = try makePortal()
        try portal.demo()
        let r = try portal.run(["log", "6", "--site", "hip-side:left", "--site", "low-back", "--trigger", "stairs",
                                "--note", "Après l'escalier, \"ouch\"", "--date", "2026-11-26", "--time", "19:30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: pain 6/10 on 2026-11-26 at 19:30 · Side of hip (left), Low back · worse with stairs"), r.stdout)
        XCTAssertTrue(try portal.painCSV().contains("2026-11-26,19:30,6,hip-side:left;low-back,stairs,\"Après l'escalier, \"\"ouch\"\"\","))
        let high = try portal.run(["log", "9"])
        XCTAssertEqual(high.status, 0)
        XCTAssertTrue(high.stdout.contains("High pain: You logged pain of 9 out of 10."), "a score of 8 or more shows the safety message, labelled as on screen")
    }

    func badLogInputIsRefusedAndChangesNothing() throws {
        let portal = try makePortal()
        try portal.demo()
        let before = try portal.painCSV()
        let cases: [([String], String)] = [
            (["log", "11"], "0 (no pain) to 10"),
            (["log", "-1"], "0 (no pain) to 10"),
            (["log", "4.5"], "whole number"),
            (["log", "five"], "not a pain score"),
            (["log"], "Give a pain score"),
            (["log", "3", "--date", "2026-11-28"], "in the future"),
            (["log", "3", "--date", "27/11/2026"], "YYYY-MM-DD"),
            (["log", "3", "--date", "2026-02-30"], "not a date"),
            (["log", "3", "--time", "7pm"], "HH:MM"),
            (["log", "3", "--site", "knee"], "Accepted sites: hip-front"),
            (["log", "3", "--site", "hip-side:top"], "Accepted sides: left, right, both"),
            (["log", "3", "--trigger", "dancing"], "Accepted triggers: sitting-long"),
            (["log", "3", "--note", String(repeating: "x", count: 1001)], "at most 1000"),
            (["log", "3", "--sitee", "x"], "Unknown option"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): expected “\(message)” in \(r.stderr)")
            XCTAssertTrue(r.stdout.isEmpty, "\(args) printed \(r.stdout)")
        }
        XCTAssertEqual(try portal.painCSV(), before)
    }

    func demoRefusesADatabaseWithAPatientUnlessForced() throws {
        let portal = try makePortal()
        if portal.clinic != nil {
            // In a clinic her care team sets her record up: the demo is refused to her, with or without --force,
            // before anything is written, and says where a demo of her own goes.
            for args in [["demo"], ["demo", "--force"]] {
                let refused = try portal.run(args)
                XCTAssertEqual(refused.status, 1, "\(args)")
                XCTAssertTrue(refused.stderr.contains("In a clinic your care team sets up your record"), refused.stderr)
                XCTAssertTrue(refused.stderr.contains("portal demo --db"), refused.stderr)
            }
            XCTAssertTrue(try portal.store().isEmpty(), "nothing was written")
            try portal.demo()
            try portal.must(["log", "2"])
            XCTAssertEqual(try portal.run(["demo", "--force"]).status, 1)
            XCTAssertTrue(try portal.painCSV().contains(",2,,,,"), "her diary is as it was")
            return
        }
        try portal.demo()
        try portal.must(["log", "2"])
        let again = try portal.run(["demo"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("portal demo --db demo.sqlite"), again.stderr)
        XCTAssertFalse(again.stderr.contains("--force"), "the refusal does not offer the flag that erases her record: \(again.stderr)")
        XCTAssertTrue(try portal.painCSV().contains(",2,,,,"))
        let forced = try portal.run(["demo", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertFalse(try portal.painCSV().contains(",2,,,,"), "--force replaced everything")
        // QA E19: what was there is kept beside it first, and restore puts it back.
        let kept = try XCTUnwrap(forced.stdout.components(separatedBy: "\n").first { $0.hasPrefix("Kept a copy of the record that was there: ") })
        let path = String(kept.dropFirst("Kept a copy of the record that was there: ".count).prefix { $0 != " " })
        XCTAssertTrue(path.contains(".before-demo-"), path)
        try portal.must(["restore", path])
        XCTAssertTrue(try portal.painCSV().contains(",2,,,,"), "her entry is back")
    }

    func doneRecordsAnEarlierDayWithItsSetsAndPainAndRefusesTooFarBack() throws {
        let portal = try makePortal()
        try portal.demo()
        let r = try portal.run(["exercises", "done", "sit-to-stand", "--date", "2026-11-25", "--sets", "1", "--pain", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: Sit to stand on Wed 25 Nov, 1 of 2 sets, partial, pain 3/10."), r.stdout)
        let csv = try portal.run(["export", "--format", "csv", "--what", "exercises"]).stdout
        XCTAssertTrue(csv.contains("2026-11-25,4,sit-to-stand,Sit to stand,1,"), "one set of two, on the day it was done: \(csv)")
        let before = try portal.run(["export", "--format", "json"]).stdout
        for (args, message) in [
            (["exercises", "done", "sit-to-stand", "--date", "2026-11-19"], "more than 7 days ago"),
            (["exercises", "done", "sit-to-stand", "--sets", "3"], "from 1 to 2"),
            (["exercises", "done", "sit-to-stand", "--sets", "two"], "not a number of sets"),
            (["exercises", "done", "sit-to-stand", "--pain=11"], "0 (no pain) to 10"),
            (["exercises", "done", "sit-to-stand", "--pain", "-1"], "--pain “-1” is not a pain score. Use a whole number from 0 (no pain) to 10"),
            (["exercises", "done", "sit-to-stand", "--sets", "-1"], "--sets “-1” is not a number of sets"),
            (["exercises", "done", "sit-to-stand", "--sets", "99"], "from 1 to 2 (your program asks for 2 sets), not 99"),
            // QA: the accepted values are named, the exercises of the day's week.
            (["exercises", "done", "moonwalk"], "is not in your program for"),
            (["exercises", "done", "moonwalk"], "Use one of: "),
            (["exercises", "done", "moonwalk"], "sit-to-stand"),
        ] {
            let bad = try portal.run(args)
            XCTAssertNotEqual(bad.status, 0, "\(args)")
            XCTAssertTrue(bad.stderr.contains(message), "\(args): \(bad.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused sessions change nothing")
        XCTAssertTrue(try portal.run(["exercises"]).stdout.contains("Program week 4"), "`exercises` alone still shows the week")
    }

    // Issue 19, points 1 and 5: a partial session leaves room for the whole one, every place says the same about
    // it, and 10/10 during an exercise gives Log pain's message and counts in the report.
    func aPartialSessionThenAWholeOneAndPainDuringAnExercise() throws {
        let portal = try makePortal()
        try portal.demo()
        XCTAssertEqual(try portal.run(["exercises", "done", "sit-to-stand", "--sets", "1"]).status, 0)
        XCTAssertTrue(try portal.run(["today"]).stdout.contains("  [ ] Sit to stand — 2 × 12 (partial: 1 of 2 sets)"))
        let whole = try portal.run(["exercises", "done", "sit-to-stand"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertTrue(try portal.run(["today"]).stdout.contains("  [x] Sit to stand — 2 × 12\n"))
        let again = try portal.run(["exercises", "done", "sit-to-stand"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertEqual(again.stderr, "Error: This exercise is already done today: its session is marked done with every set.\n")

        // What `portal log 10` says, on a portal of its own.
        let other = try makePortal()
        try other.demo()
        let logged = try other.run(["log", "10"]).stdout.split(separator: "\n").last.map(String.init)
        XCTAssertEqual(logged?.hasPrefix("High pain: You logged pain of 10 out of 10."), true)
        XCTAssertFalse(try portal.run(["today"]).stdout.contains("High pain:"))
        let painful = try portal.run(["exercises", "done", "standing-hip-extension", "--pain", "10"])
        XCTAssertEqual(painful.status, 0, painful.stderr)
        XCTAssertEqual(painful.stdout.split(separator: "\n").last.map(String.init), logged, "the same message as `portal log 10`")
        let today = try portal.run(["today"]).stdout
        XCTAssertTrue(today.contains("  10/10 during Standing hip extension"), today)
        XCTAssertTrue(today.contains(logged ?? "-"), "Home's message, as `portal today` prints it: \(today)")
        let report = try portal.run(["report"]).stdout
        XCTAssertTrue(report.contains("Days with pain of 8 or more: 6 Nov (8), 27 Nov (10)."), report)
        // Sets done are never more than prescribed, whatever was recorded.
        for line in report.split(separator: "\n") where line.hasSuffix("%)") && line.contains(" sets (") {
            let numbers = line.split(separator: ":").last!.split(separator: " ").compactMap { Int($0) }
            XCTAssertLessThanOrEqual(try numbers.item(0), try numbers.item(1), String(line))
        }
    }

    func theCommandLineCountsANoteAsTheScreenAndStoreDoAndDropsBlankNotes() throws {
        let portal = try makePortal()
        try portal.demo()
        let long = try portal.run(["log", "3", "--note", String(repeating: "👍🏽", count: 501)])
        XCTAssertNotEqual(long.status, 0)
        XCTAssertEqual(long.stderr, "Error: The note is 1002 characters; at most 1000 fit.\n")
        let blank = try portal.run(["log", "3", "--time", "08:01", "--note", "    "])
        XCTAssertEqual(blank.status, 0, blank.stderr)
        XCTAssertTrue(try portal.painCSV().contains("2026-11-27,08:01,3,,,,"), "saved with no note")
    }

    func nullDuplicatesEmptyWhereHttpsAndDashDashScoreAreEachRefusedWithTheirReason() throws {
        let portal = try makePortal()
        try portal.demo()
        let folder = portal.folder
        let null = folder.appendingPathComponent("null.json"), dup = folder.appendingPathComponent("dup.json")
        try Data("null".utf8).write(to: null)
        try Data(#"{"format":"portal.program-week","version":1,"week":5,"week":6,"starts":"2026-12-01","prescriptions":[]}"#.utf8).write(to: dup)
        let before = try portal.run(["export", "--format", "json"]).stdout
        let cases: [([String], String)] = [
            (["program", "import", null.path], "Error: The file holds null, not a program week: it must hold one JSON object ({ … }).\n"),
            (["program", "import", dup.path], "Error: The key “week” appears twice in one object of the file; each key may appear once, so it is unclear which one is meant.\n"),
            (["visits", "book", "3", "2026-12-10", "14:00", "--where", ""], "Error: --where is empty. Leave it out to keep the visit's address or link, or give the new one.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "zoom.example.org/r"],
             "Error: A video visit's link starts with https:// (for example https://video.example.org/room), not “zoom.example.org/r”.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "http://video.example.org/r"],
             "Error: A video visit's link starts with https:// (for example https://video.example.org/room), not “http://video.example.org/r”.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "javascript:alert(1)"],
             "Error: A video visit's link starts with https:// (for example https://video.example.org/room), not “javascript:alert(1)”.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "https://"],
             "Error: A video visit's link needs the address after https:// (for example https://video.example.org/room); “https://” has none.\n"),
            (["log", "--", "-1"], "Error: “-1” is not a pain score. Use a whole number from 0 (no pain) to 10 (worst possible).\n"),
            (["log", "--pain", "-1"], "Error: “--pain”: `portal log` takes the pain score on its own, a whole number from 0 (no pain) to 10 (worst possible), for example `portal log 4`.\n"),
            (["log", "--pain=11"], "Error: “--pain=11”: `portal log` takes the pain score on its own, a whole number from 0 (no pain) to 10 (worst possible), for example `portal log 4`.\n"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing changed")
        XCTAssertEqual(try portal.run(["log", "--", "4"]).status, 0, "-- then a score in range is a score")
    }
}
