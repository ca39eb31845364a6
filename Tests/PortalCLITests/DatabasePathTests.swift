import Foundation
import XCTest
@testable import PortalCore

/// QA J11: a database path that cannot be reached, or that is a folder, is said to be what it is, not "no
/// database … set one up" nor "not a portal database"; nothing is made or changed.
final class DatabasePathTests: XCTestCase {
    /// `portal ARGS` run as a user who is not root (root enters every folder): `nobody`, through setpriv.
    func runAsNobody(_ portal: PortalRunner, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let env = ["HOME": portal.folder.path, "PORTAL_TODAY": portal.today, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        guard getuid() == 0 else { return try runProgram(PortalRunner.binary.path, args, environment: env) }
        let setpriv = "/usr/bin/setpriv"
        guard FileManager.default.isExecutableFile(atPath: setpriv) else { throw XCTSkip("no setpriv to run the portal as a user who is not root") }
        let asNobody = { (a: [String]) in try runProgram(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", PortalRunner.binary.path] + a, environment: env) }
        // A build in a folder only root may enter (a clone in `mktemp -d`, 0700) leaves nobody no portal to run
        // or no content beside it: nothing this test can say then about the database's folder.
        guard try asNobody(["--help"]).status == 0 else {
            throw XCTSkip("the portal's build folder is not readable by nobody (a clone in a folder only root enters)")
        }
        return try asNobody(args)
    }

    func testADatabaseInAFolderSheCannotEnterSaysPermissionDenied() throws {
        let portal = try PortalRunner(self)
        // Her home is hers to enter; the folder holding the database is not (0700, another owner's, or 0000).
        let locked = portal.folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked.appendingPathComponent("ro"), withIntermediateDirectories: true)
        chmod(portal.folder.path, 0o755)
        chmod(locked.path, getuid() == 0 ? 0o700 : 0o000)
        addTeardownBlock { chmod(locked.path, 0o755) }
        let path = locked.appendingPathComponent("ro/p.sqlite").path
        for args in [["today"], ["log", "3"], ["setup", "--name", "Eve", "--due", "2027-03-01"]] {
            let r = try runAsNobody(portal, args + ["--db", path])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, "Error: Cannot reach \(path): permission denied on its folder.\n", "\(args)")
        }
        chmod(locked.path, 0o755)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: locked.appendingPathComponent("ro").path), [], "nothing was made")
    }

    func testAFolderOrAFileOnThePathIsNamedAsIt() throws {
        let portal = try PortalRunner(self)
        let folder = portal.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted()
        for args in [["today"], ["log", "3"]] {
            let r = try portal.run(args, env: ["PORTAL_DB": folder.path])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, "Error: \(folder.path) is a folder, not a portal database; give a file in it, for example \(folder.path)/portal.sqlite. Nothing in it was changed.\n", "\(args)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing made in it")

        let file = portal.folder.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: file)
        let under = file.appendingPathComponent("p.sqlite").path
        let r = try portal.run(["today", "--db", under])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: Cannot reach \(under): a part of its path is a file, not a folder.\n")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "mine")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), (names + ["notes.txt"]).sorted())
    }
}
