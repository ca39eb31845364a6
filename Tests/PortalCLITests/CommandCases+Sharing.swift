import Foundation
import XCTest
@testable import PortalCore

/// What the patient shares: exports and the report.
extension CommandCases {
    func jsonExportToAPrivateFile() throws {
        let portal = try makePortal()
        try portal.demo()
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

    func theLongNonASCIINoteComesThroughCSVAndJSONExactly() throws {
        let portal = try makePortal()
        try portal.demoWithAwkwardData()
        let json = try portal.export(["export", "--format", "json"], name: "all.json").text
        let doc = try JSONDecoder().decode(Exporter.Document.self, from: Data(json.utf8))
        XCTAssertTrue(doc.painEntries.contains { $0.note == awkwardNote }, "JSON keeps the exact text")
        let csv = try portal.export(["export", "--format", "csv"], name: "pain.csv").text
        let quoted = "\"'" + awkwardNote.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        XCTAssertTrue(csv.contains(quoted), "CSV quotes the note and neutralises its leading =")
        let path = portal.folder.appendingPathComponent("pain.csv").path
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
    }

    func leftOutPartsAreNotInTheFile() throws {
        let portal = try makePortal()
        try portal.demoWithAwkwardData()
        let json = try portal.run(["export", "--format", "json", "--exclude", "notes,profile", "--exclude", "checkins"]).stdout
        let doc = try JSONDecoder().decode(Exporter.Document.self, from: Data(json.utf8))
        XCTAssertNil(doc.patient)
        XCTAssertTrue(doc.quizResults.isEmpty)
        XCTAssertFalse(doc.painEntries.isEmpty)
        XCTAssertTrue(doc.painEntries.allSatisfy { $0.note.isEmpty })
        XCTAssertFalse(json.contains("Jordan"))
        XCTAssertEqual(doc.included, ["pain", "warning-signs", "bladder", "bowel", "measures", "visits", "exercises"])
        // QA M7: "About me" is her therapist and clinic too: no visit in any format names them, and each keeps its
        // day, time and kind (a video visit its link).
        let whole = try JSONDecoder().decode(Exporter.Document.self, from: Data(try portal.run(["export", "--format", "json"]).stdout.utf8))
        let hers = Set(whole.visits.map(\.therapist) + whole.visits.filter { $0.mode == .inPerson }.map(\.location)).filter { !$0.isEmpty }
        XCTAssertFalse(hers.isEmpty, "the demo's visits name a therapist and a place")
        XCTAssertEqual(doc.visits.map(\.start), whole.visits.map(\.start))
        XCTAssertEqual(doc.visits.filter { $0.mode == .virtual }.map(\.location), whole.visits.filter { $0.mode == .virtual }.map(\.location))
        for args in [["export", "--format", "json"], ["export", "--format", "fhir"], ["export", "--format", "ics"],
                     ["export", "--format", "csv", "--what", "visits"], ["report"]] {
            let out = try portal.run(args + ["--exclude", "profile"])
            XCTAssertEqual(out.status, 0, "\(args): \(out.stderr)")
            for name in hers {
                // The calendar escapes commas; a place is looked for by its first part.
                let part = String(name.split(separator: ",").first ?? "")
                XCTAssertFalse(out.stdout.contains(part), "\(args) names \(part)")
            }
        }
        let only = try portal.run(["export", "--format", "json", "--include", "visits"]).stdout
        let visitsOnly = try JSONDecoder().decode(Exporter.Document.self, from: Data(only.utf8))
        XCTAssertTrue(visitsOnly.painEntries.isEmpty && visitsOnly.programWeeks.isEmpty && visitsOnly.exerciseLog.isEmpty)
        XCTAssertEqual(visitsOnly.visits.count, 6)

        let refused: [([String], String)] = [
            (["export", "--format", "ics", "--exclude", "visits"], "nothing in it"),
            (["export", "--format", "csv", "--what", "visits", "--exclude", "visits"], "left out"),
            (["export", "--format", "csv", "--what", "moods"], "Choose from: pain, exercises, visits, checkins"),
            (["export", "--format", "json", "--what", "visits"], "--format csv"),
            (["export", "--format", "json", "--include", "everything"], "Choose from"),
        ] + (portal.clinic == nil ? [(["export", "--format", "fhir", "--output", portal.db.path, "--force"], "database")] : [])
        for (args, message) in refused {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    func theTextReportFitsOnePageOf80ColumnsAndKeepsTheNoteWhole() throws {
        let portal = try makePortal()
        try portal.demoWithAwkwardData()
        let r = try portal.run(["report"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.components(separatedBy: "\n").dropLast()
        XCTAssertLessThanOrEqual(lines.count, 66, r.stdout)
        for line in lines { XCTAssertLessThanOrEqual(ReportText.cells(line), 80, line) }
        XCTAssertTrue(r.stdout.contains("PHYSICAL THERAPY SUMMARY"))
        XCTAssertTrue(r.stdout.contains("Jordan Lee"))
        XCTAssertTrue(r.stdout.contains("2026-10-31 to 2026-11-27"))
        XCTAssertTrue(r.stdout.contains("clinically important improvement"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Back of hip / buttock (right)"))
        XCTAssertTrue(r.stdout.contains("3. Follow-up: Booked Tue 24 Nov 2026 17:30"), "the demo's late visit, not recorded yet")
        XCTAssertTrue(r.stdout.contains("4. Re-evaluation: Booked Thu 3 Dec 2026 10:15"))
        XCTAssertTrue(r.stdout.contains("2026-11-24: 2 yes"), r.stdout)
        XCTAssertTrue(words(r.stdout).contains(words(awkwardNote.replacingOccurrences(of: "\n", with: " / "))),
                      "the 1000-character note is on the page, whole (its line breaks shown as /)")

        let lastVisit = try portal.run(["report", "--since-last-visit", "--format", "markdown"])
        XCTAssertEqual(lastVisit.status, 0, lastVisit.stderr)
        XCTAssertTrue(lastVisit.stdout.hasPrefix("# Physical therapy summary: 2026-11-17 to 2026-11-27"), lastVisit.stdout)
        let unescaped = lastVisit.stdout.replacingOccurrences(of: #"\\(.)"#, with: "$1", options: .regularExpression)
        XCTAssertTrue(words(unescaped).contains(words(awkwardNote)), "Markdown escapes the note's punctuation, and loses none of it")
    }

    func leavingOutNotesRemovesEveryNoteSheWrote() throws {
        let portal = try makePortal()
        try portal.demoWithAwkwardData()
        for format in ["text", "markdown", "html"] {
            let r = try portal.run(["report", "--format", format, "--exclude", "notes", "--since", "2026-11-01"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.contains("Après"), format)
            XCTAssertFalse(r.stdout.contains("Stretches helped"), format)
            XCTAssertTrue(r.stdout.contains("Left out by the patient: your notes"), format)
        }
        let onlyVisits = try portal.run(["report", "--include", "visits"]).stdout
        XCTAssertFalse(onlyVisits.contains("Jordan Lee"))
        XCTAssertFalse(onlyVisits.contains("PAIN"))
        XCTAssertTrue(onlyVisits.contains("VISITS"))
    }

    func badReportOptionsAreRefused() throws {
        let portal = try makePortal()
        try portal.demo()
        let cases: [([String], String)] = [
            (["report", "--since", "2026-12-01"], "in the future"),
            (["report", "--since", "yesterday"], "YYYY-MM-DD"),
            (["report", "--since", "2026-11-01", "--since-last-visit"], "not both"),
            (["report", "--exclude", "diary"], "Choose from: pain, notes"),
            (["report", "--format", "pdf"], "pdf"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        // The export keeps the report's rule: a first day after today is refused, today named, nothing written.
        for format in ["csv", "json", "fhir", "ics"] {
            let file = portal.folder.appendingPathComponent("export.\(format)")
            let r = try portal.run(["export", "--format", format, "--since", "2026-11-28", "--output", file.path])
            XCTAssertEqual(r.status, 1, "\(format): \(r.stdout)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr, "Error: --since 2026-11-28 is in the future; choose a day up to today (2026-11-27).\n", format)
            XCTAssertFalse(FileManager.default.fileExists(atPath: file.path), "\(format): no file")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "csv", "--since", "2026-11-27"]).status, 0, "today is a first day")
    }
}
