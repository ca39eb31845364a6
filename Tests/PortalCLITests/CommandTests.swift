import Foundation
import XCTest
@testable import PortalCore

final class CommandTests: XCTestCase {
    func testDemoThenTheReadingCommandsShowItsData() throws {
        let portal = try PortalRunner(self)
        let demo = try portal.run(["demo"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let today = try portal.run(["today"])
        XCTAssertEqual(today.status, 0, today.stderr)
        XCTAssertTrue(today.stdout.contains("Jordan Lee · 24 weeks pregnant"), today.stdout)
        XCTAssertTrue(today.stdout.contains("Next visit: 4 of 6, re-evaluation, Thu 3 Dec at 10:15 (in 6 days)"), today.stdout)
        XCTAssertTrue(today.stdout.range(of: #"Exercises: \d of 4 done today \(program week 4\)"#, options: .regularExpression) != nil, today.stdout)
        let visits = try portal.run(["visits"]).stdout
        XCTAssertTrue(visits.contains("2 of 6 visits completed"), visits)
        XCTAssertEqual(visits.components(separatedBy: "Completed").count - 1, 2)
        XCTAssertEqual(visits.components(separatedBy: "Booked").count - 1, 2)
        // The demo's visit 3 was three days ago and is not recorded yet: a newcomer sees the question, and answers it.
        XCTAssertTrue(visits.contains("Visit 3 was Tue 24 Nov — did it take place?"), visits)
        let answered = try portal.run(["visits", "complete", "3"])
        XCTAssertEqual(answered.status, 0, answered.stderr)
        XCTAssertFalse(try portal.run(["visits"]).stdout.contains("did it take place?"), "asked until recorded, then not again")
        let exercises = try portal.run(["exercises"]).stdout
        XCTAssertTrue(exercises.contains("Program week 4, from Tue 24 Nov (this week)"), exercises)
        XCTAssertTrue(exercises.contains("NEW"), exercises)
        let week1 = try portal.run(["exercises", "--week", "1"]).stdout
        XCTAssertTrue(week1.contains("Program week 1, from"), week1)
        let csv = try portal.run(["export", "--format", "csv"]).stdout
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.first, "date,time,score,sites,triggers,note,warning_signs")
        XCTAssertGreaterThan(rows.count, 20)
        XCTAssertTrue(rows[1].hasPrefix("2026-11-06,"), rows[1])
    }

    func testLogSavesAndPrintsWhatItSaved() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let r = try portal.run(["log", "6", "--site", "hip-side:left", "--site", "low-back", "--trigger", "stairs",
                                "--note", "Après l'escalier, \"ouch\"", "--date", "2026-11-26", "--time", "19:30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: pain 6/10 on 2026-11-26 at 19:30 · Side of hip (left), Low back · worse with stairs"), r.stdout)
        XCTAssertTrue(try portal.painCSV().contains("2026-11-26,19:30,6,hip-side:left;low-back,stairs,\"Après l'escalier, \"\"ouch\"\"\","))
        let high = try portal.run(["log", "9"])
        XCTAssertEqual(high.status, 0)
        XCTAssertTrue(high.stdout.contains("High pain: You logged pain of 9 out of 10."), "a score of 8 or more shows the safety message, labelled as on screen")
    }

    func testBadLogInputIsRefusedAndChangesNothing() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
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

    func testDemoRefusesADatabaseWithAPatientUnlessForced() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        try portal.run(["log", "2"])
        let again = try portal.run(["demo"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
        XCTAssertTrue(try portal.painCSV().contains(",2,,,,"))
        XCTAssertEqual(try portal.run(["demo", "--force"]).status, 0)
        XCTAssertFalse(try portal.painCSV().contains(",2,,,,"), "--force replaced everything")
    }

    func testAForeignFileIsRefusedUntouched() throws {
        let portal = try PortalRunner(self)
        let other = portal.folder.appendingPathComponent("notes.txt")
        try Data("not a database".utf8).write(to: other)
        let r = try portal.run(["today", "--db", other.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is not a portal database"), r.stderr)
        XCTAssertEqual(try String(contentsOf: other, encoding: .utf8), "not a database")
    }

    func testCommandsOnAnEmptyDatabaseExplainWhatToDo() throws {
        let portal = try PortalRunner(self)
        let r = try portal.run(["today"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("portal demo"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: portal.db.path), "a command that reads creates no database")
    }

    func testCommandsThatReadNeverCreateADatabase() throws {
        let portal = try PortalRunner(self)
        let week = portal.folder.appendingPathComponent("week.json")
        try Data(try portal.run(["program", "template"]).stdout.utf8).write(to: week)
        let before = try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted()
        let path = portal.folder.appendingPathComponent("nosuch/dir/x.sqlite").path
        let commands: [[String]] = [
            ["today"], ["visits"], ["visits", "list"], ["exercises"], ["exercises", "--week", "1"],
            ["export", "--format", "csv"], ["export", "--format", "json"], ["program", "export"], ["log", "3"],
            ["program", "import", week.path], ["visits", "book", "3", "2026-12-03", "10:15"], ["visits", "cancel", "3"],
        ]
        for args in commands {
            let r = try portal.run(args + ["--db", path])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, "Error: There is no portal database at \(path) yet. Run `portal` to set one up, or `portal demo` to load a demo.\n", "\(args)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), before, "\(args) created something")
        }
        // The default location (PORTAL_DB unset) is not created either.
        let r = try portal.run(["today"], env: ["PORTAL_DB": ""])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("There is no portal database at \(portal.folder.path)/.local/share/portal/portal.sqlite yet"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), before)

        let library = try portal.run(["exercises", "--library", "--db", path])
        XCTAssertEqual(library.status, 0, library.stderr)
        XCTAssertTrue(library.stdout.contains("clamshell"), library.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), before, "the library needs no database")

        for args in [["today"], ["demo"], ["exercises", "--library"]] {
            let empty = try portal.run(args + ["--db", ""])
            XCTAssertEqual(empty.status, 1, "\(args)")
            XCTAssertTrue(empty.stderr.contains("--db needs a file path"), "\(args): \(empty.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), before)

        XCTAssertEqual(try portal.run(["demo", "--db", path]).status, 0, "demo sets a database up")
        XCTAssertEqual(try portal.run(["today", "--db", path]).status, 0)
    }

    func testJSONExportToAPrivateFile() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let out = portal.folder.appendingPathComponent("export.json")
        let r = try portal.run(["export", "--format", "json", "--output", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let mode = (try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o600)
        let again = try portal.run(["export", "--format", "json", "--output", out.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "Error: \(out.path) already exists; choose another name. Use --force to replace it.\n",
                       "the command line adds its own hint to PortalCore's words")
        XCTAssertEqual(try portal.run(["export", "--format", "json", "--output", out.path, "--force"]).status, 0)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        XCTAssertEqual((doc["patient"] as? [String: Any])?["name"] as? String, "Jordan Lee")
        XCTAssertEqual((doc["visits"] as? [Any])?.count, 6)
        XCTAssertEqual((doc["programWeeks"] as? [Any])?.count, 4)
        XCTAssertGreaterThan((doc["exerciseLog"] as? [Any])?.count ?? 0, 20)
        XCTAssertGreaterThan((doc["painEntries"] as? [Any])?.count ?? 0, 20)
        let since = try portal.run(["export", "--format", "csv", "--since", "2026-11-27"]).stdout
        let rows = since.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.hasPrefix("2026-11-27,") }, "\(rows)")
        let bad = try portal.run(["export", "--format", "xml"])
        XCTAssertNotEqual(bad.status, 0)
    }

    func testProgramImportValidatesAddsAndRoundTrips() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let template = try portal.run(["program", "template"])
        XCTAssertEqual(template.status, 0, template.stderr)
        var week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(template.stdout.utf8)) as? [String: Any])
        week["week"] = 5
        week["starts"] = "2026-12-01"
        var prescriptions = try XCTUnwrap(week["prescriptions"] as? [[String: Any]])
        prescriptions.append(["exercise": "bird-dog", "sets": 2, "reps": 8, "holdSeconds": 5, "side": "alternating"])
        week["prescriptions"] = prescriptions
        let file = portal.folder.appendingPathComponent("week5.json")

        // A broken copy first: nothing may change.
        var broken = week
        broken["prescriptions"] = prescriptions + [["exercise": "handstand", "sets": 1, "reps": 1]]
        try JSONSerialization.data(withJSONObject: broken).write(to: file)
        let before = try portal.run(["export", "--format", "json"]).stdout
        let refused = try portal.run(["program", "import", file.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("prescriptions[\(prescriptions.count)].exercise: “handstand”"), refused.stderr)
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before)

        var overlapping = week
        overlapping["starts"] = "2026-11-20"
        try JSONSerialization.data(withJSONObject: overlapping).write(to: file)
        let overlap = try portal.run(["program", "import", file.path])
        XCTAssertNotEqual(overlap.status, 0)
        XCTAssertTrue(overlap.stderr.contains("overlaps week 4"), overlap.stderr)

        try JSONSerialization.data(withJSONObject: week).write(to: file)
        let ok = try portal.run(["program", "import", file.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("Added program week 5"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("+ Bird dog"), ok.stdout)
        let later = try portal.run(["exercises"], env: ["PORTAL_TODAY": "2026-12-02"]).stdout
        XCTAssertTrue(later.contains("Program week 5, from Tue 1 Dec (this week)"), later)

        let exported = try portal.run(["program", "export", "--week", "5"]).stdout
        let a = try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? NSDictionary
        XCTAssertEqual(a?["week"] as? Int, 5)
        XCTAssertEqual((a?["prescriptions"] as? [Any])?.count, prescriptions.count)
        let again = try portal.run(["program", "import", file.path])
        XCTAssertTrue(again.stderr.contains("already has a week 5"), again.stderr)
    }

    func testBookingAndRecordingVisits() throws {
        let portal = try PortalRunner(self)
        try portal.demoWithVisit3Ahead()
        let booked = try portal.run(["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "https://video.example.org/r"])
        XCTAssertEqual(booked.status, 0, booked.stderr)
        XCTAssertEqual(booked.stdout, "Saved: visit 4 of 6 (re-evaluation) is booked, Thu 10 Dec 2026 at 14:00, virtual.\n")
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("4. Re-evaluation  Booked       Thu 10 Dec 2026 14:00"))
        let before = try portal.run(["export", "--format", "json"]).stdout
        let refused: [([String], String)] = [
            (["visits", "book", "1", "2026-12-10", "14:00"], "keeps its date"),
            (["visits", "book", "5", "2026-11-01", "14:00"], "in the past"),
            (["visits", "book", "7", "2026-12-10", "14:00"], "visits 1 to 6"),
            (["visits", "book", "5", "2026-12-10", "2pm"], "HH:MM"),
            (["visits", "book", "5", "10/12/2026", "14:00"], "YYYY-MM-DD"),
            (["visits", "complete", "5"], "book it first"),
            (["visits", "complete", "3"], "once it has started"),
            (["visits", "cancel", "6"], "only a booked visit"),
        ]
        for (args, message) in refused {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused changes write nothing")
        XCTAssertEqual(try portal.run(["visits", "cancel", "4"]).status, 0)
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("4. Re-evaluation  Cancelled"))
        let done = try portal.run(["visits", "complete", "3", "--notes", "Less pain sitting."], env: ["PORTAL_TODAY": "2026-12-04"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("Notes: Less pain sitting."))
    }

    func testControlCharactersAreRefusedAndNeverPrinted() throws {
        let portal = try PortalRunner(self)
        try portal.demoWithVisit3Ahead()
        let before = try portal.run(["export", "--format", "json"]).stdout
        var week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try portal.run(["program", "template"]).stdout.utf8)) as? [String: Any])
        week["week"] = 5
        week["starts"] = "2026-12-01"
        var prescriptions = try XCTUnwrap(week["prescriptions"] as? [[String: Any]])
        prescriptions[2]["note"] = "\u{1B}]0;PWNED\u{07}\u{1B}[2J"
        week["prescriptions"] = prescriptions
        let file = portal.folder.appendingPathComponent("week5.json")
        try JSONSerialization.data(withJSONObject: week).write(to: file)
        let refused: [([String], String)] = [
            (["program", "import", file.path], "Error: prescriptions[2].note contains control characters (ESC); use plain text.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--where", "Room\u{1B}[31m"], "Error: The location contains control characters (ESC); use plain text.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--where", String(repeating: "x", count: 5000)], "Error: The location is 5000 characters; at most 300 fit.\n"),
            (["visits", "complete", "2", "--notes", "Fine\r\u{07}"], "Error: The notes field contains control characters (CR); use plain text.\n"),
            (["visits", "complete", "2", "--notes", String(repeating: "x", count: 2001)], "Error: The notes field is 2001 characters; at most 2000 fit.\n"),
            (["log", "3", "--note", "ok\u{9B}2J"], "Error: The note contains control characters (U+009B); use plain text.\n"),
        ]
        for (args, message) in refused {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was written")

        // Text that reached the store some other way (an older portal, another program) is printed without its
        // control characters.
        let store = try PortalStore.open(url: portal.db)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE program_week SET note = 'Halfway' || char(27) || ']0;PWNED' || char(7) || char(27) || '[2J' WHERE number = 4")
            try db.execute(sql: "UPDATE prescription SET note = 'Slow' || char(27) || '[31m' || char(13) WHERE week = 4")
            try db.execute(sql: "UPDATE visit SET location = 'Room' || char(27) || '[31m', focus = 'F' || char(7), notes = 'N' || char(155) || '2J'")
            try db.execute(sql: "UPDATE pain_entry SET note = 'P' || char(27) || '[2J' WHERE date = '2026-11-27'")
            try db.execute(sql: "UPDATE patient SET name = 'Jordan' || char(27) || '[2J Lee'")
        }
        for args in [["exercises"], ["visits"], ["today"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.unicodeScalars.contains { PlainText.isControl($0) }, "\(args) printed a control character: \(r.stdout.debugDescription)")
        }
        XCTAssertTrue(try portal.run(["exercises"]).stdout.contains("From your therapist: Halfway]0;PWNED[2J"))
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("Link: Room[31m"))
        XCTAssertTrue(try portal.run(["today"]).stdout.contains("Jordan[2J Lee"))
    }

    func testProgramImportKeepsWeeksWholeAndSaysPlainlyWhatIsWrong() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        var week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try portal.run(["program", "template"]).stdout.utf8)) as? [String: Any])
        let file = portal.folder.appendingPathComponent("week5.json")
        let before = try portal.run(["export", "--format", "json"]).stdout
        let cases: [(Int, String, String)] = [
            (5, "2026-11-25", "Error: starts: 2026-11-25 overlaps week 4, which starts 2026-11-24 and lasts at least 7 days; week 5 can start on 2026-12-01 at the earliest.\n"),
            (5, "2030-01-01", "Error: starts: 2030-01-01 is more than 8 weeks after week 4, which starts 2026-11-24; please check the date. Week 5 can start on 2027-01-19 at the latest.\n"),
            (52, "2026-12-01", "Error: week: the program has weeks 1–4, so the next week is 5, not 52.\n"),
        ]
        for (number, starts, message) in cases {
            week["week"] = number
            week["starts"] = starts
            try JSONSerialization.data(withJSONObject: week).write(to: file)
            let r = try portal.run(["program", "import", file.path])
            XCTAssertEqual(r.status, 1, starts)
            XCTAssertEqual(r.stderr, message)
        }
        let missing = portal.folder.appendingPathComponent("week6.json").path
        let files: [(String, String)] = [
            (missing, "Error: Cannot read \(missing): no such file.\n"),
            (portal.folder.path, "Error: \(portal.folder.path) is a folder, not a file.\n"),
        ]
        for (path, message) in files {
            XCTAssertEqual(try portal.run(["program", "import", path]).stderr, message)
        }
        try Data("xyz".utf8).write(to: file)
        XCTAssertEqual(try portal.run(["program", "import", file.path]).stderr, "Error: The file is not valid JSON (near character 1).\n")
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was written")
        let exercises = try portal.run(["exercises"]).stdout
        XCTAssertTrue(exercises.hasPrefix("Program week 4, from Tue 24 Nov (this week)\n"), exercises)
    }

    func testVisitsKeepTheirOrderAndDoNotOverlap() throws {
        let portal = try PortalRunner(self)
        try portal.demoWithVisit3Ahead() // visit 3 is booked Thu 3 Dec 2026 10:15 to 11:00
        let before = try portal.run(["export", "--format", "json"]).stdout
        let refused: [([String], String)] = [
            (["visits", "book", "4", "2026-12-03", "10:15"], "Error: Visit 4 on Thu 3 Dec 2026 at 10:15 would overlap visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.\n"),
            (["visits", "book", "4", "2026-12-03", "10:45"], "Error: Visit 4 on Thu 3 Dec 2026 at 10:45 would overlap visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.\n"),
            (["visits", "book", "4", "2026-12-01", "09:00"], "Error: Visit 4 must come after visit 3, booked for Thu 3 Dec 2026 at 10:15; choose a time after it.\n"),
            (["visits", "book", "-1", "2026-12-10", "14:00"], "Error: There is no visit -1; the care plan has visits 1 to 6.\n"),
            (["visits", "complete", "-1"], "Error: There is no visit -1; the care plan has visits 1 to 6.\n"),
            (["visits", "cancel", "0"], "Error: There is no visit 0; the care plan has visits 1 to 6.\n"),
            (["visits", "book", "4", "2026-12-10"], "Error: `portal visits book` needs the visit number, the day and the time. See `portal visits book --help`.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--wher", "x"], "Error: Unknown option “--wher”. See `portal visits book --help`.\n"),
        ]
        for (args, message) in refused {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused bookings write nothing")
        XCTAssertEqual(try portal.run(["visits", "book", "4", "2026-12-03", "11:00"]).status, 0, "back to back is fine")
        XCTAssertEqual(try portal.run(["visits", "book", "4", "2026-12-10", "14:00"]).status, 0, "moving it later")
        XCTAssertEqual(try portal.run(["visits", "cancel", "3"]).status, 0)
        let late = try portal.run(["visits", "book", "3", "2026-12-11", "09:00"])
        XCTAssertEqual(late.stderr, "Error: Visit 3 must come before visit 4, booked for Thu 10 Dec 2026 at 14:00; choose an earlier time, or move visit 4 first.\n")
        XCTAssertEqual(try portal.run(["visits", "book", "3", "2026-12-07", "09:00"]).status, 0)
    }

    func testTheTemplateIsTheNextWeekReadyToImport() throws {
        let portal = try PortalRunner(self)
        let example = try portal.run(["program", "template"])
        XCTAssertEqual(example.status, 0, example.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: portal.db.path), "printing a template creates no database")
        try portal.run(["demo"])
        let next = try portal.run(["program", "template"])
        let week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(week["week"] as? Int, 5)
        XCTAssertEqual(week["starts"] as? String, "2026-12-01", "seven days after week 4 began")
        let file = portal.folder.appendingPathComponent("next.json")
        try Data(next.stdout.utf8).write(to: file)
        let imported = try portal.run(["program", "import", file.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("Added program week 5"))
    }
}

final class ExercisesDoneCommandTests: XCTestCase {
    func testDoneRecordsAnEarlierDayWithItsSetsAndPainAndRefusesTooFarBack() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
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
            (["exercises", "done", "moonwalk"], "not in your program"),
        ] {
            let bad = try portal.run(args)
            XCTAssertNotEqual(bad.status, 0, "\(args)")
            XCTAssertTrue(bad.stderr.contains(message), "\(args): \(bad.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused sessions change nothing")
        XCTAssertTrue(try portal.run(["exercises"]).stdout.contains("Program week 4"), "`exercises` alone still shows the week")
    }
}

final class NoteLimitCommandTests: XCTestCase {
    func testTheCommandLineCountsANoteAsTheScreenAndStoreDoAndDropsBlankNotes() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let long = try portal.run(["log", "3", "--note", String(repeating: "👍🏽", count: 501)])
        XCTAssertNotEqual(long.status, 0)
        XCTAssertEqual(long.stderr, "Error: The note is 1002 characters; at most 1000 fit.\n")
        let blank = try portal.run(["log", "3", "--time", "08:01", "--note", "    "])
        XCTAssertEqual(blank.status, 0, blank.stderr)
        XCTAssertTrue(try portal.painCSV().contains("2026-11-27,08:01,3,,,,"), "saved with no note")
    }
}

final class CommandLineDetailTests: XCTestCase {
    func testNullDuplicatesEmptyWhereHttpsAndDashDashScoreAreEachRefusedWithTheirReason() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
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
             "Error: A video visit's --where is its link, starting with https:// (for example https://video.example.org/room), not “zoom.example.org/r”.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "http://video.example.org/r"],
             "Error: A video visit's --where is its link, starting with https:// (for example https://video.example.org/room), not “http://video.example.org/r”.\n"),
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

final class CompletionTests: XCTestCase {
    /// `make install` writes these from the binary; they follow the commands, `exercises done` included.
    func testCompletionScriptsComeFromTheCommandsThemselves() throws {
        let portal = try PortalRunner(self)
        for shell in ["bash", "zsh", "fish"] {
            let r = try portal.run(["--generate-completion-script", shell])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("exercises"), shell)
            XCTAssertTrue(r.stdout.contains("sets") && r.stdout.contains("pain") && r.stdout.contains("done"), "\(shell) knows exercises done's options")
        }
        let script = portal.folder.appendingPathComponent("portal.bash")
        try Data(try portal.run(["--generate-completion-script", "bash"]).stdout.utf8).write(to: script)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = ["-n", script.path]
        try check.run()
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, "the bash completion parses")
    }
}
