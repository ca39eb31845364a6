import Foundation
import GRDB
@testable import PortalCore
import XCTest
import StoreTestSupport

/// QA G5: one mapping of SQLite's full and I/O errors: a full disk reads "The disk is full; nothing was saved."
/// on every path, whether SQLite says SQLITE_FULL or (a -wal or -shm it cannot grow) "disk I/O error".
final class FullDiskMessageTests: XCTestCase {
    let shmSize = DatabaseError(resultCode: ResultCode(rawValue: 10 | (19 << 8)), message: "disk I/O error")  // SQLITE_IOERR_SHMSIZE
    let write = DatabaseError(resultCode: ResultCode(rawValue: 10 | (3 << 8)), message: "disk I/O error")     // SQLITE_IOERR_WRITE

    func testAFullDiskSaysSoWhicheverErrorSQLiteGives() {
        let none = { (_: String) -> Int64? in 0 }
        for error in [shmSize, write, DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")] {
            XCTAssertEqual(SQLiteStore.translate(error, path: "/x/p.sqlite", freeBytes: none),
                           .storage("The disk is full; nothing was saved. Free some space and try again."), "\(error)")
            XCTAssertEqual(SQLiteStore.translate(error, path: "/x/p.sqlite", writing: false, freeBytes: none),
                           .storage("The disk is full, so /x/p.sqlite cannot be read: SQLite needs a little room beside it. Free some space and try again."))
        }
        XCTAssertEqual(SQLiteStore.diskFullNothingSaved, "The disk is full; nothing was saved. Free some space and try again.")
    }

    func testAnIOErrorWithRoomOnTheDiskIsNotCalledFull() {
        let plenty = { (_: String) -> Int64? in 50 << 30 }
        XCTAssertEqual(SQLiteStore.translate(write, path: "/x/p.sqlite", freeBytes: plenty), .storage("Database error in /x/p.sqlite: disk I/O error"))
        XCTAssertEqual(SQLiteStore.translate(write, path: "/x/p.sqlite", freeBytes: { _ in nil }), .storage("Database error in /x/p.sqlite: disk I/O error"))
        XCTAssertEqual(SQLiteStore.translate(DatabaseError(resultCode: .SQLITE_BUSY), path: "/x/p.sqlite", freeBytes: { _ in 0 }),
                       .storage("The database /x/p.sqlite is busy in another program; please try again."), "only full and I/O errors")
    }

    func testTheRoomIsReadFromTheDiskHoldingTheFile() throws {
        let folder = try makeTempFolder(self)
        XCTAssertGreaterThan(try XCTUnwrap(SQLiteStore.freeBytes(near: folder.appendingPathComponent("none.sqlite").path)), 0)
        XCTAssertNil(SQLiteStore.freeBytes(near: ":memory:"))
    }
}
