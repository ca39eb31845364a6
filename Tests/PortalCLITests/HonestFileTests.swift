import Foundation
import GRDB
import PortalCore
import XCTest

/// Issue 19: the real binary on a file of her own. Reading leaves the file exactly as it was (point 14), an
/// empty file the portal fills becomes private (12), `portal setup` creates nothing until its input is good
/// (13), a command after `make run` points at the demo's own file (16), and the messages name the right thing
/// (10).
final class HonestFileTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    private func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    // MARK: Point 14

    func testReadingCommandsLeaveTheFileByteForByteAsItWas() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        XCTAssertEqual(try names(portal.folder), ["portal.sqlite"], "closing the last connection removed the -wal and -shm")
        let bytes = try Data(contentsOf: portal.db)
        let modified = try FileManager.default.attributesOfItem(atPath: portal.db.path)[.modificationDate] as? Date
        let backup = portal.folder.appendingPathComponent("copy").appendingPathComponent("backup.sqlite")
        try FileManager.default.createDirectory(at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
        let reads: [[String]] = [
            ["today"], ["visits"], ["exercises"], ["exercises", "--week", "1"], ["profile"], ["program", "export"],
            ["program", "template"], ["report"], ["report", "--format", "html"], ["export", "--format", "json"],
            ["export", "--format", "csv", "--what", "visits"], ["export", "--format", "fhir"], ["export", "--format", "ics"],
            ["backup", backup.path],
        ]
        for args in reads {
            sleep(args == reads.first! ? 1 : 0)  // a change within the same second would not move the mtime
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertEqual(try Data(contentsOf: portal.db), bytes, "\(args) changed the file (its schema version: a table made and dropped)")
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: portal.db.path)[.modificationDate] as? Date, modified, "\(args)")
            XCTAssertEqual(try names(portal.folder), ["copy", "portal.sqlite"], "\(args) left no -wal or -shm beside it")
        }
        // A write changes it, and still leaves nothing beside it.
        XCTAssertEqual(try portal.run(["log", "3"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: portal.db), bytes)
        XCTAssertEqual(try names(portal.folder), ["copy", "portal.sqlite"])
    }

    func testThirtyPortalLogsAtOnceLeaveNoWALOrSHMBehind() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        // Counted through the command line, so no connection of the test's own is left to close last.
        let rows = { try portal.run(["export", "--format", "csv"]).stdout.components(separatedBy: "\r\n").count }
        let before = try rows()
        let failures = LockedList()
        DispatchQueue.concurrentPerform(iterations: 30) { i in
            do {
                let r = try portal.run(["log", "\(i % 11)", "--time", String(format: "07:%02d", i)])
                if r.status != 0 { failures.add("log \(i): \(r.stderr)") }
            } catch { failures.add("log \(i): \(error)") }
        }
        XCTAssertEqual(failures.items, [])
        XCTAssertEqual(try names(portal.folder), ["portal.sqlite"], "no empty -wal and -shm left beside the file")
        XCTAssertEqual(try rows(), before + 30)
        XCTAssertEqual(try names(portal.folder), ["portal.sqlite"])
    }

    // MARK: Point 12

    func testAnEmptyFileSomeoneMadeIsPrivateOnceThePortalFillsIt() throws {
        let portal = try PortalRunner(self)
        let file = portal.folder.appendingPathComponent("made-by-touch.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o644]))
        XCTAssertEqual(try mode(file.path), 0o644)
        let r = try portal.run(["demo", "--db", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try mode(file.path), 0o600, "her record, readable by her only")
    }

    // MARK: Point 13

    func testSetupWithBadInputCreatesNoFolderAndNoFile() throws {
        let portal = try PortalRunner(self)
        let before = try names(portal.folder)
        let path = portal.folder.appendingPathComponent("new/folder/portal.sqlite").path
        let bad: [([String], String)] = [
            (["--name", "", "--due", "2027-03-01"], "Please enter a name."),
            (["--name", "Ana", "--due", "2027-03-01", "--condition", "knee"], "is not one the portal knows"),
            (["--name", "Ana", "--born", "2027-01-01", "--delivery", "vaginal"], "The birth date cannot be in the future."),
            (["--name", "Ana", "--due", "2030-01-01"], "within the next 40 weeks"),
            (["--name", "Ana", "--due", "2027-03-01", "--condition", "c-section-scar"], "comes after a birth"),
            (["--name", "Ana", "--due", "2027-03-01", "--first-visit", "2026-12-03"], "is not a date and time"),
            (["--name", "Ana\u{1B}[2J", "--due", "2027-03-01"], "control characters"),
        ]
        for (args, message) in bad {
            for db in [["--db", path], []] {
                let r = try portal.run(["setup"] + args + db, env: db.isEmpty ? ["PORTAL_DB": ""] : [:])
                XCTAssertEqual(r.status, 1, "\(args)")
                XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
                XCTAssertEqual(try names(portal.folder), before, "\(args) \(db) created something")
            }
        }
        // A first visit at a time the clock skips is bad input too.
        let skipped = try portal.run(["setup", "--name", "Ana", "--due", "2027-06-01", "--first-visit", "2027-03-14T02:30", "--db", path],
                                     env: ["TZ": "America/New_York", "PORTAL_TODAY": "2027-03-01"])
        XCTAssertEqual(skipped.status, 1)
        XCTAssertTrue(skipped.stderr.contains("does not exist in America/New_York"), skipped.stderr)
        XCTAssertEqual(try names(portal.folder), before)

        let good = try portal.run(["setup", "--name", "Ana", "--due", "2027-03-01", "--db", path])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(try mode(path), 0o600)
    }

    // MARK: Point 16

    /// `make run` opens the demo in demo.sqlite beside her own file, which it leaves empty; a command on her
    /// file then points at the demo's file, not at `portal demo` (which would fill her own).
    func testAfterMakeRunACommandPointsAtTheDemosOwnFile() throws {
        let portal = try PortalRunner(self)
        let demo = portal.folder.appendingPathComponent("demo.sqlite").path
        XCTAssertEqual(try portal.run(["demo", "--db", demo]).status, 0)
        _ = try SQLiteStore.open(url: portal.db)   // her own file, set up empty as the full screen leaves it
        let r = try portal.run(["today"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: No patient is set up in \(portal.db.path) yet. Run `portal` to set yourself up. The demo the full-screen portal opened is in a file of its own, \(demo): add --db \(demo) to a command to see it, for example `portal today --db \(demo)`.\n")
        XCTAssertFalse(r.stderr.contains("portal demo"))
        let suggested = try portal.run(["today", "--db", demo])
        XCTAssertEqual(suggested.status, 0, suggested.stderr)
        XCTAssertTrue(suggested.stdout.contains("Jordan Lee"), suggested.stdout)
        // Without a demo beside it, the hint is the one it always was.
        try FileManager.default.removeItem(atPath: demo)
        XCTAssertTrue(try portal.run(["today"]).stderr.contains("Run `portal` to set one up, or `portal demo` to load a demo."))
    }

    // MARK: Point 10

    func testEachMessageNamesWhatIsWrong() throws {
        let portal = try PortalRunner(self)
        let noTerminal = try portal.run([])
        XCTAssertEqual(noTerminal.status, 1)
        XCTAssertEqual(noTerminal.stderr, "Error: Standard input and output must be a terminal for the full-screen portal. The commands work without it: `portal today`, `portal log` and the others (see `portal --help`).\n")

        XCTAssertEqual(try portal.run(["setup", "--name", "Ana", "--due", "2027-03-01", "--condition", "round-ligament"]).status, 0)
        let device = try portal.run(["program", "import", "/dev/zero"])
        XCTAssertEqual(device.status, 1)
        XCTAssertEqual(device.stderr, "Error: /dev/zero is not a regular file (a device or a pipe, perhaps); give the week's JSON file.\n")

        // The birth date is the mistake; that round ligament pain belongs to pregnancy follows from it.
        let born = try portal.run(["profile", "--born", "2027-01-10", "--delivery", "vaginal"])
        XCTAssertEqual(born.status, 1)
        XCTAssertEqual(born.stderr, "Error: The birth date cannot be in the future.\n")

        // A folder she may not write: the folder is what is read-only, not the file.
        let folder = portal.folder.path
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let write = try portal.run(["log", "3"])
        XCTAssertEqual(write.status, 1)
        XCTAssertEqual(write.stderr, "Error: The folder \(folder) is read-only: the portal may read \(portal.db.path) but cannot write beside it (SQLite keeps its -wal and -shm files there), so nothing was saved. Ask the folder's owner, or use a copy of the file in a folder of your own.\n")
    }
}

final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
