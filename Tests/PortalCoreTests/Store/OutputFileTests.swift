@testable import PortalCore
import StoreTestSupport
import XCTest

/// `--output X --force` and a backup's file: a link is written through to its file, and nothing that is not a
/// regular file (a pipe, a device, a folder) is ever replaced, with or without --force (QA-i I12: each became a
/// regular file, /dev/full included).
final class OutputFileTests: XCTestCase {
    private func kind(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st.st_mode & S_IFMT
    }

    func testALinkIsWrittenThroughToItsFileAndStaysALink() throws {
        let folder = try makeTempFolder(self)
        let real = folder.appendingPathComponent("target/real.json")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: real)
        let link = folder.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target/real.json")
        XCTAssertThrowsError(try Exporter.write(Data("new".utf8), to: link.path)) { XCTAssertEqual($0 as? PortalError, .fileExists(path: link.path)) }
        try Exporter.write(Data("new".utf8), to: link.path, overwrite: true)
        XCTAssertEqual(kind(link.path), S_IFLNK, "the link is still a link")
        XCTAssertEqual(try String(contentsOf: real, encoding: .utf8), "new", "the file it points to holds the export")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
            + FileManager.default.contentsOfDirectory(atPath: real.deletingLastPathComponent().path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
        let dangling = folder.appendingPathComponent("dangling.json")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere/x.json")
        XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: dangling.path, overwrite: true)) {
            XCTAssertEqual("\($0)", "\(dangling.path) is a link to nowhere/x.json, which does not exist; give the file's own name, for example pain.csv.")
        }
        XCTAssertEqual(kind(dangling.path), S_IFLNK)
    }

    func testAPipeIsNeverReplacedWithOrWithoutForce() throws {
        let folder = try makeTempFolder(self)
        let fifo = folder.appendingPathComponent("fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        for overwrite in [false, true] {
            XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: fifo.path, overwrite: overwrite)) {
                XCTAssertEqual("\($0)", "\(fifo.path) is a named pipe (FIFO), not a file; the export is written only to a file. Choose a file name, for example pain.csv.")
                XCTAssertEqual(($0 as? PortalError)?.field, .exportFile)
            }
            XCTAssertEqual(kind(fifo.path), S_IFIFO)
        }
        let link = folder.appendingPathComponent("to-fifo.csv")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: fifo.path)
        XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: link.path, overwrite: true)) {
            XCTAssertEqual("\($0)", "\(link.path) is a link to \(fifo.path), which is a named pipe (FIFO), not a file; the export is written only to a file. Choose a file name, for example pain.csv.")
        }
        XCTAssertEqual(kind(fifo.path), S_IFIFO)
        XCTAssertEqual(kind(link.path), S_IFLNK)
    }

    /// A device node made in the test's own folder (a copy of /dev/null's numbers), never a real one in /dev.
    func testADeviceIsNeverReplaced() throws {
        let folder = try makeTempFolder(self)
        let device = folder.appendingPathComponent("null-device")
        guard mknod(device.path, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0 else { throw XCTSkip("mknod needs root") }
        XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: device.path, overwrite: true)) {
            XCTAssertEqual("\($0)", "\(device.path) is a device, not a file; the export is written only to a file. Choose a file name, for example pain.csv.")
        }
        XCTAssertEqual(kind(device.path), S_IFCHR)
    }

    func testABackupFollowsTheSameRule() throws {
        let (store, url) = try makeStore(self)
        let folder = url.deletingLastPathComponent()
        let fifo = folder.appendingPathComponent("backup-fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        XCTAssertThrowsError(try Backup.write(store, to: fifo.path, overwrite: true)) {
            XCTAssertEqual("\($0)", "\(fifo.path) is a named pipe (FIFO), not a file; the backup is written only to a file. Choose a file name, for example portal-backup.sqlite.")
        }
        XCTAssertEqual(kind(fifo.path), S_IFIFO)
        let real = folder.appendingPathComponent("real-backup.sqlite")
        try Data("old".utf8).write(to: real)
        let link = folder.appendingPathComponent("latest.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        XCTAssertThrowsError(try Backup.write(store, to: link.path, overwrite: false)) {
            XCTAssertEqual("\($0)", "\(link.path) already exists; use --force to replace it, or choose another name.")
        }
        try Backup.write(store, to: link.path, overwrite: true)
        XCTAssertEqual(kind(link.path), S_IFLNK)
        XCTAssertEqual(try Data(contentsOf: real).prefix(15), Data("SQLite format 3".utf8), "the backup went to the link's file")
    }
}
