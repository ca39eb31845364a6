import Foundation
import XCTest

/// QA G5: once SQLite cannot grow the -shm index beside her file (a full disk; here a file-size limit, which
/// needs no root and fails the same way), her day can still be read, and a write fails without losing anything.
final class FullDiskTests: XCTestCase {
    /// `args` run under a 16 KB file-size limit (SIGXFSZ ignored, so a write past it fails instead of killing).
    private func limited(_ portal: PortalRunner, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let env = ["HOME": portal.folder.path, "PORTAL_DB": portal.db.path, "PORTAL_TODAY": portal.today, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        return try runProgram("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"", PortalRunner.binary.path] + args, environment: env)
    }

    func testHerDayIsReadWhenTheIndexBesideTheFileCannotGrow() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let expected = try portal.must(["today"]).stdout
        let shm = portal.db.path + "-shm"
        XCTAssertFalse(FileManager.default.fileExists(atPath: portal.db.path + "-wal"), "closed cleanly: nothing in a WAL")
        try Data("abc".utf8).write(to: URL(fileURLWithPath: shm))  // what a failed save on a full disk leaves
        let bytes = try Data(contentsOf: portal.db)

        let today = try limited(portal, ["today"])
        XCTAssertEqual(today.status, 0, today.stderr)
        XCTAssertEqual(today.stdout, expected)
        let brief = try limited(portal, ["today", "--brief"])
        XCTAssertEqual(brief.status, 0, brief.stderr)

        let write = try limited(portal, ["log", "3"])
        XCTAssertEqual(write.status, 1)
        XCTAssertTrue(write.stderr.hasPrefix("Error: "), write.stderr)
        XCTAssertFalse(write.stderr.contains("read-only"), "the file is not read-only: \(write.stderr)")
        XCTAssertEqual(try Data(contentsOf: portal.db), bytes, "nothing written")

        // With room again, everything works as before.
        XCTAssertEqual(try portal.run(["log", "3"]).status, 0)
    }
}
