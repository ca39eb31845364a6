import GRDB
import XCTest
@testable import PortalCore
import StoreTestSupport

/// Issue 19, point 12: an empty file someone else made (`touch`, a script, an installer) that the portal
/// fills becomes her private record, 0600, and so do the -wal and -shm files SQLite keeps beside it.
final class EmptyFileModeTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func testAnEmptyFileAndItsCompanionsAre0600OnceFilled() throws {
        for connections in [SQLiteStore.Connections.pool, .single] {
            let url = try makeTempFolder(self).appendingPathComponent("portal.sqlite")
            XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o644]))
            let store = try SQLiteStore.open(url: url, connections: connections)
            try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
            for file in [url.path, url.path + "-wal", url.path + "-shm"] {
                XCTAssertEqual(try mode(file), 0o600, "\(connections): \(file)")
            }
            XCTAssertEqual(try store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal", "\(connections)")
        }
    }

    /// A record she has already keeps the mode its owner gave it: only a file being filled is the portal's to change.
    func testAFileWithARecordKeepsItsMode() throws {
        let (store, url) = try makeStore(self)
        _ = store
        chmod(url.path, 0o640)
        _ = try SQLiteStore.open(url: url)
        XCTAssertEqual(try mode(url.path), 0o640)
    }
}
