import Foundation
import XCTest

/// QA-i I4: a damaged file's message printed SQLite's integrity report (pages, btreeInitPage error codes) in the
/// middle of her one-line message, and `today --brief` "database disk image is malformed". Now one plain
/// message: what happened, that nothing was changed, what to do, and the backup the portal kept beside it.
final class DamagedFileMessageTests: XCTestCase {
    func testADamagedFileIsSaidPlainlyAndNamesTheCopyKeptBesideIt() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        // A copy the portal keeps beside the database before it replaces it (`Backup.datedCopyPath`).
        let kept = portal.folder.appendingPathComponent("portal.before-restore-20261120-093000.sqlite")
        let older = portal.folder.appendingPathComponent("portal.before-demo-20261101-080000.sqlite")
        try FileManager.default.copyItem(at: portal.db, to: kept)
        try FileManager.default.copyItem(at: portal.db, to: older)
        // As QA did: 4 KB of text over the middle of the file.
        let handle = try FileHandle(forWritingTo: portal.db)
        try handle.seek(toOffset: 65536)
        try handle.write(contentsOf: Data(String(repeating: "damaged! ", count: 456).utf8.prefix(4096)))
        try handle.close()
        let bytes = try Data(contentsOf: portal.db)

        let message = "Error: \(portal.db.path) is damaged and cannot be read. Nothing was changed in it. "
            + "Put back a backup of your record (one you made; the portal kept one beside it: \(kept.path)), and keep this file as it is. "
            + "`portal restore BACKUP` puts a backup in place and keeps the damaged file beside it; --db opens another file.\n"
        for args in [["today"], ["log", "3"], ["export", "--format", "json"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        // (`today --brief` reads only what Home shows: where it meets the damage it says the same words, RemindTests.)
        XCTAssertEqual(try Data(contentsOf: portal.db), bytes, "nothing written to the damaged file")
    }
}
