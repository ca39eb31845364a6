import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// QA-i I7: a portal opened while SQLite could not grow the index beside her file (a full disk) reads the file
/// as it is; once there is room, its next save must work, without closing the portal. A file-size limit stands
/// in for the full disk (no root, no tmpfs): SQLite fails to grow the -shm the same way.
final class FullDiskRecoveryTests: XCTestCase {
    private func withFileSizeLimit<T>(_ bytes: rlim_t, _ body: () throws -> T) rethrows -> T {
        var before = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &before)
        let handler = signal(SIGXFSZ, SIG_IGN)
        var limit = before
        limit.rlim_cur = bytes
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
        defer {
            setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &before)
            signal(SIGXFSZ, handler)
        }
        return try body()
    }

    func testAStoreOpenedOnAFullDiskSavesOnceThereIsRoom() throws {
        var made: SQLiteStore? = try makeStore(self).0
        let url = URL(fileURLWithPath: made!.path)
        made = nil  // closed cleanly: nothing in a WAL
        try Data("abc".utf8).write(to: URL(fileURLWithPath: url.path + "-shm"))  // what a failed save on a full disk leaves
        let entry = PainEntry(date: day("2026-11-20"), time: time("10:00"), score: 3)

        let store = try withFileSizeLimit(16 << 10) { try SQLiteStore.open(url: url, mode: .existingOnly, check: .header) }
        XCTAssertTrue(store.isWaitingForRoom, "opened reading the file as it is")
        let before = try store.painEntries().count
        try withFileSizeLimit(16 << 10) {
            XCTAssertThrowsError(try store.addPainEntry(entry, now: at("2026-11-20T10:00"))) { XCTAssertFalse("\($0)".contains("read-only"), "\($0)") }
        }
        XCTAssertTrue(store.isWaitingForRoom)

        // Room again: the next save opens the file for writing and saves.
        try store.addPainEntry(entry, now: at("2026-11-20T10:00"))
        XCTAssertFalse(store.isWaitingForRoom)
        XCTAssertEqual(try store.painEntries().count, before + 1)
        let other = try SQLiteStore.open(url: url, mode: .existingOnly, connections: .single)
        XCTAssertEqual(try other.painEntries().count, before + 1, "on disk, for any other reader")
    }
}
