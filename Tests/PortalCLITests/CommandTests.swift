import Foundation
import XCTest

final class CommandTests: XCTestCase {
    func testDemoThenTheReadingCommandsShowItsData() throws {
        let portal = try PortalRunner(self)
        let demo = try portal.run(["demo"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let today = try portal.run(["today"])
        XCTAssertEqual(today.status, 0, today.stderr)
        XCTAssertTrue(today.stdout.contains("Jordan Lee · 24 weeks pregnant"), today.stdout)
        XCTAssertTrue(today.stdout.contains("Next visit: 3 of 6"), today.stdout)
        XCTAssertTrue(today.stdout.range(of: #"Exercises: \d of 4 done today \(program week 4\)"#, options: .regularExpression) != nil, today.stdout)
        let visits = try portal.run(["visits"]).stdout
        XCTAssertTrue(visits.contains("2 of 6 visits completed"), visits)
        XCTAssertEqual(visits.components(separatedBy: "Completed").count - 1, 2)
        XCTAssertTrue(visits.contains("Booked"))
        let exercises = try portal.run(["exercises"]).stdout
        XCTAssertTrue(exercises.contains("Program week 4 of 4"), exercises)
        XCTAssertTrue(exercises.contains("NEW"), exercises)
        let week1 = try portal.run(["exercises", "--week", "1"]).stdout
        XCTAssertTrue(week1.contains("Program week 1 of 4"), week1)
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
        XCTAssertTrue(high.stdout.contains("Important:"), "a score of 8 or more shows the safety message")
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
    }

    func testJSONExportToAPrivateFile() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let out = portal.folder.appendingPathComponent("export.json")
        let r = try portal.run(["export", "--format", "json", "--output", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let mode = (try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o600)
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
        XCTAssertTrue(later.contains("Program week 5 of 5"), later)

        let exported = try portal.run(["program", "export", "--week", "5"]).stdout
        let a = try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? NSDictionary
        XCTAssertEqual(a?["week"] as? Int, 5)
        XCTAssertEqual((a?["prescriptions"] as? [Any])?.count, prescriptions.count)
        let again = try portal.run(["program", "import", file.path])
        XCTAssertTrue(again.stderr.contains("already has a week 5"), again.stderr)
    }

    func testBookingAndRecordingVisits() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
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
}
