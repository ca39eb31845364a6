import Foundation
import XCTest
@testable import PortalCore

/// A database she may read but not write: the reading commands work and leave nothing beside it, a write
/// says so, and the portal never changes the file's mode.
final class ReadOnlyFileTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func testA0444FileInA0555FolderIsReadAndNeverWrittenOrChanged() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let folder = portal.folder.path, db = portal.db.path
        chmod(db, 0o444)
        chmod(folder, 0o555)
        addTeardownBlock { chmod(folder, 0o755) }
        let bytes = try Data(contentsOf: portal.db)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()

        for args in [["today"], ["exercises"], ["visits"], ["export", "--format", "csv"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty, "\(args)")
        }
        let write = try portal.run(["log", "3"])
        XCTAssertNotEqual(write.status, 0)
        XCTAssertEqual(write.stderr, "Error: \(db) is read-only: you may read it but not change it, so nothing was saved. Ask its owner, or use a copy of it.\n")

        XCTAssertEqual(try Data(contentsOf: portal.db), bytes, "not a byte changed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), names, "no -wal or -shm left beside it")
        XCTAssertEqual(try mode(db), 0o444, "0444 stays 0444")
    }

    func testAWritableFileKeepsTheModeItsOwnerGaveIt() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        chmod(portal.db.path, 0o640)
        XCTAssertEqual(try portal.run(["log", "3"]).status, 0)
        XCTAssertEqual(try mode(portal.db.path), 0o640, "an existing file is not the portal's to chmod")
    }
}
