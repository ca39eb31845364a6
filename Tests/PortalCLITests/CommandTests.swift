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

    func testControlCharactersAreRefusedAndNeverPrinted() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
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
