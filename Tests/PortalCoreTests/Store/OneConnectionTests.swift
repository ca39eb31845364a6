import Foundation
import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// Issue 26: the full screen's reads before its first paint (who she is, Home's own read) run on the connection
/// that opened the file and parsed its schema while looking at it, not on a second connection that opens the file
/// and parses the whole schema again. The integrity check after the paint still reads beside the writer, on a
/// connection of its own, so a save never waits for it; and a read on the writer's connection cannot write.
final class OneConnectionTests: XCTestCase {
    /// How many of this process's descriptors have the file at `url` open: SQLite opens it once per connection.
    private func connections(to url: URL) throws -> Int {
        let file = url.resolvingSymlinksInPath().path
        let fm = FileManager.default
        return try fm.contentsOfDirectory(atPath: "/proc/self/fd").filter {
            (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == file
        }.count
    }

    /// A closed portal file, opened as the full screen opens it.
    private func reopened() throws -> (SQLiteStore, URL) {
        let (made, url) = try makeStore(self)
        try made.writer.close()
        return (try SQLiteStore.open(url: url, mode: .existingOnly, check: .header), url)
    }

    func testTheReadsBeforeTheFirstPaintUseTheConnectionThatOpenedTheFile() throws {
        let (store, url) = try reopened()
        XCTAssertEqual(try connections(to: url), 1)
        XCTAssertNotNil(try store.patient())
        let home = try store.homeSnapshot(clock: PortalClock(today: day("2026-11-10"), time: time("09:00")))
        XCTAssertTrue(home.isHomeOnly)
        XCTAssertNotNil(home.patient)
        XCTAssertEqual(try connections(to: url), 1, "Home's read opened a second connection to the file")
    }

    func testTheIntegrityCheckReadsBesideTheWriter() throws {
        let (store, url) = try reopened()
        try store.checkIntegrity()
        XCTAssertEqual(try connections(to: url), 2, "the check runs on a reader of its own, beside the writer")
    }

    func testAReadOnTheWritersConnectionCannotWrite() throws {
        let (store, _) = try reopened()
        let before = try store.painEntries().count
        XCTAssertThrowsError(try store.read { db in try db.execute(sql: "DELETE FROM pain_entry") })
        XCTAssertThrowsError(try store.read { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('x')") })
        XCTAssertEqual(try store.painEntries().count, before)
        // The writer writes again after the refused reads (query_only is put back).
        try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 3), now: at("2026-11-27T12:00"))
        XCTAssertEqual(try store.painEntries().count, before + 1)
    }
}
