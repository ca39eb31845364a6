import Foundation
import GRDB
import XCTest
@testable import PortalCore

final class BackupTests: XCTestCase {
    /// Notes of the entries in the database at `path`, after checking its integrity.
    func notes(in path: String) throws -> Set<String> {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
            return Set(try String.fetchAll(db, sql: "SELECT note FROM pain_entry"))
        }
    }

    func testABackupTakenWhileAnotherProcessWritesRestoresWithEverythingAcknowledgedBeforeIt() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let acks = portal.folder.appendingPathComponent("acks.txt")
        // A second process logging as fast as it can; a line in acks.txt means `portal log` said Saved.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "i=0; while [ $i -lt 400 ]; do \"$PORTAL\" log 3 --note \"w$i\" >/dev/null && echo \"w$i\" >> \"$ACKS\"; i=$((i+1)); done"]
        writer.environment = ["PORTAL": PortalRunner.binary.path, "ACKS": acks.path, "PORTAL_DB": portal.db.path,
                              "PORTAL_TODAY": portal.today, "HOME": portal.folder.path, "LC_ALL": "C.UTF-8"]
        try writer.run()
        defer { if writer.isRunning { writer.terminate() }; writer.waitUntilExit() }
        var acknowledged: Set<String> = []
        let deadline = Date().addingTimeInterval(30)
        while acknowledged.count < 15, Date() < deadline {
            usleep(50_000)
            acknowledged = Set(((try? String(contentsOf: acks, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init))
        }
        XCTAssertGreaterThanOrEqual(acknowledged.count, 15, "the writer is running")
        let backup = portal.folder.appendingPathComponent("backup.sqlite").path
        let r = try portal.run(["backup", backup])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(writer.isRunning, "the backup was taken while the other process was still writing")
        writer.terminate()
        writer.waitUntilExit()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int, 0o600)

        // Restored into a new place (another computer): whole, and every acknowledged entry is there.
        let elsewhere = portal.folder.appendingPathComponent("new/portal.sqlite").path
        let restored = try portal.run(["restore", backup], env: ["PORTAL_DB": elsewhere])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let held = try notes(in: elsewhere)
        XCTAssertTrue(acknowledged.isSubset(of: held), "missing: \(acknowledged.subtracting(held).sorted())")
        XCTAssertTrue(held.contains("Stretches helped."))
        XCTAssertEqual(try portal.run(["today"], env: ["PORTAL_DB": elsewhere]).status, 0)
    }

    func testRestoreKeepsTheCurrentDatabaseAndRefusesWhatIsNotABackup() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let backup = portal.folder.appendingPathComponent("backup.sqlite").path
        XCTAssertEqual(try portal.run(["backup", backup]).status, 0)
        XCTAssertTrue(try portal.run(["backup", backup]).stderr.contains("--force"))
        XCTAssertEqual(try portal.run(["backup", backup, "--force"]).status, 0)
        for own in [portal.db.path, portal.db.path + "-wal", portal.db.path + "-shm"] {
            let r = try portal.run(["backup", own, "--force"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("own database file"), r.stderr)
        }
        try portal.run(["log", "7", "--note", "after the backup"])
        let before = try portal.painCSV()

        let text = portal.folder.appendingPathComponent("notes.txt")
        try "not a database".write(to: text, atomically: true, encoding: .utf8)
        let foreign = portal.folder.appendingPathComponent("other.sqlite").path
        let q = try DatabaseQueue(path: foreign)
        try q.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try q.close()
        let newer = portal.folder.appendingPathComponent("newer.sqlite").path
        try FileManager.default.copyItem(atPath: backup, toPath: newer)
        let nq = try DatabaseQueue(path: newer)
        try nq.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try nq.close()
        // A backup cut short (a copy that stopped half-way) is damaged, not some other kind of file.
        let whole = try Data(contentsOf: URL(fileURLWithPath: backup))
        var cut: [(String, String)] = []
        for size in [100, 4096, whole.count / 2] {
            let file = portal.folder.appendingPathComponent("cut-\(size).sqlite")
            try whole.prefix(size).write(to: file)
            cut.append((file.path, "cut-\(size).sqlite is damaged and cannot be read; nothing was restored. Choose another backup."))
        }
        for (file, message) in [(text.path, "not a portal backup"), (foreign, "not a portal backup"), (newer, "newer version"),
                                (portal.folder.appendingPathComponent("missing.sqlite").path, "no backup file")] + cut {
            let r = try portal.run(["restore", file])
            XCTAssertNotEqual(r.status, 0, file)
            XCTAssertTrue(r.stderr.contains(message), "\(file): \(r.stderr)")
        }
        XCTAssertEqual(try portal.painCSV(), before, "a refused restore changes nothing")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).filter { $0.hasSuffix(".tmp") }, [])

        let r = try portal.run(["restore", backup])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(try portal.painCSV().contains("after the backup"), "the backup's data is back")
        let kept = try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).filter { $0.hasPrefix("portal.before-restore-") }
        XCTAssertEqual(kept.count, 1)
        let keptPath = portal.folder.appendingPathComponent(kept[0]).path
        XCTAssertTrue(try notes(in: keptPath).contains("after the backup"), "the database as it was is kept")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: keptPath)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: portal.db.path)[.posixPermissions] as? Int, 0o600)
    }

    func testRestoreRefusesADatabaseAnotherPortalHasOpen() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let backup = portal.folder.appendingPathComponent("backup.sqlite").path
        XCTAssertEqual(try portal.run(["backup", backup]).status, 0)
        let open = try SQLiteStore.open(url: portal.db, mode: .existingOnly)
        _ = try open.patient()
        let r = try portal.run(["restore", backup])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("open in another portal"), r.stderr)
        XCTAssertNotNil(try open.patient(), "the open portal still works")
    }
}
