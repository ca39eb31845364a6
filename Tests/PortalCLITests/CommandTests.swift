import Foundation
import XCTest
@testable import PortalCore

final class CommandTests: XCTestCase {
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

    /// The help of export and report names every part a file can hold, with what each carries, and every CSV
    /// table, the bladder diary, the bowel log and the questionnaires among them (they come from the lists the
    /// commands accept).
    func testExportAndReportHelpNameEveryPartAndTable() throws {
        let portal = try PortalRunner(self)
        func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
        // Each with what it carries besides its name (`ExportSection.listing`): her questions go with the visits.
        let parts = "Only these parts (repeat, or separate with commas): pain, notes, warning-signs (with reviews of her warning signs), checkins, "
            + "bladder, bowel, measures, visits (with questions for the visit), exercises (with exercise sessions), "
            + "profile (with articles on her reading, reminders, reminders given)."
        for command in ["export", "report"] {
            let help = words(try portal.run([command, "--help"]).stdout)
            XCTAssertTrue(help.contains(parts), "\(command): \(help)")
        }
        let export = words(try portal.run(["export", "--help"]).stdout)
        XCTAssertTrue(export.contains("For CSV: pain, exercises, visits, checkins, warning-signs, bladder, bowel, measures (pain is the default)."), export)
        for words in ["bladder (the bladder diary)", "the bladder diary, the bowel log, the questionnaires you filled in",
                      "one Observation per bladder diary and bowel log entry"] {
            XCTAssertTrue(export.contains(words), "“\(words)”: \(export)")
        }
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
