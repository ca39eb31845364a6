import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// `SQLiteStore.open(url:mode:check: .header)`, which the full-screen portal uses so it paints without
/// reading every page first: it must refuse the same files as the full check, leave them unchanged, and
/// still find a damaged page, at the latest in `checkIntegrity()`.
final class HeaderCheckTests: XCTestCase {
    func testAPortalFileOpensAndKeepsItsData() throws {
        let (store, url) = try makeStore(self)
        let entries = try store.painEntries()
        try store.writer.close()
        let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header)
        XCTAssertEqual(try reopened.painEntries(), entries)
        XCTAssertNoThrow(try reopened.checkIntegrity())
    }

    func testAForeignOrTextFileIsRefusedAndLeftUnchanged() throws {
        let folder = try makeTempFolder(self)
        let text = folder.appendingPathComponent("notes.txt")
        try Data("my grocery list\n".utf8).write(to: text)
        XCTAssertThrowsError(try SQLiteStore.open(url: text, check: .header)) {
            XCTAssertEqual($0 as? PortalError, .notAPortalDatabase(path: text.path))
        }
        let other = folder.appendingPathComponent("other.sqlite")
        let queue = try DatabaseQueue(path: other.path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')") }
        try queue.close()
        let before = try sha(other)
        XCTAssertThrowsError(try SQLiteStore.open(url: other, check: .header)) {
            XCTAssertEqual($0 as? PortalError, .notAPortalDatabase(path: other.path))
        }
        XCTAssertEqual(try sha(other), before)
        XCTAssertEqual(try String(contentsOf: text, encoding: .utf8), "my grocery list\n")
    }

    func testANewerSchemaIsRefusedAndLeftUnchangedWithoutSideFiles() throws {
        let (store, url) = try makeStore(self)
        try store.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        let before = try sha(url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url, check: .header)) {
            XCTAssertEqual($0 as? PortalError, .newerDatabase(path: url.path))
        }
        XCTAssertEqual(try sha(url), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    func testADamagedFileIsFoundOnOpenOrByTheLaterCheck() throws {
        let (store, url) = try makeStore(self)
        for n in 0..<200 {
            try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11,
                                             note: String(repeating: "x", count: 200)), now: at("2026-11-27T12:00"))
        }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        var bytes = try Data(contentsOf: url)
        for i in stride(from: 4096, to: min(bytes.count, 40960), by: 1) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try bytes.write(to: url)
        do {
            let opened = try SQLiteStore.open(url: url, check: .header)
            XCTAssertThrowsError(try opened.checkIntegrity()) { error in
                guard case .corruptDatabase = error as? PortalError else { return XCTFail("\(error)") }
            }
        } catch {
            guard case .corruptDatabase = error as? PortalError else { return XCTFail("\(error)") }
            XCTAssertEqual(try Data(contentsOf: url), bytes, "refused and left as it was")
        }
    }
}

/// QA E8: the full-screen portal's open (a pool, `.header`) wrote to a damaged file (GRDB's pool makes and drops
/// a table as it opens a file without a WAL) before its page check refused it as "left unchanged". A damaged
/// page is now refused before any write: the file is byte for byte what it was, with nothing left beside it.
final class DamagedFileUntouchedTests: XCTestCase {
    /// A closed portal file (no WAL), and `pain_entry`'s root page overwritten, as a failing disk would.
    private func damagedFile() throws -> URL {
        let (store, url) = try makeStore(self)
        for n in 0..<20 {
            try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11, note: "n\(n)"), now: at("2026-11-27T12:00"))
        }
        let root = try XCTUnwrap(try store.writer.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'pain_entry'") })
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        handle.write(Data(repeating: 0xDE, count: 4096))
        try handle.close()
        return url
    }

    /// An empty `-wal` beside the file (another portal's, just made; or one the placeholder could not replace): the
    /// pool would write as it opens, so every page is read first and the damaged page is refused before any write.
    func testTheFullScreensOpenRefusesADamagedFileBeforeWritingAnything() throws {
        let url = try damagedFile()
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path + "-wal", contents: Data()))
        let before = try Data(contentsOf: url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url, mode: .createIfMissing, check: .header, connections: .pool)) {
            guard case .corruptDatabase = $0 as? PortalError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try Data(contentsOf: url), before, "byte for byte as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    /// After a clean close (no `-wal`), the usual start: the placeholder `-wal` keeps the pool from writing as it
    /// opens, so nothing is written; the damaged page is found by the check after the first paint, and the file is
    /// byte for byte as it was with nothing left beside it once the portal closes.
    func testTheFullScreenNeverWritesToADamagedFileAfterACleanClose() throws {
        let url = try damagedFile()
        let before = try Data(contentsOf: url)
        // Closed as the portal closes it, by letting go of the store (GRDB's `close()` closes the writer before
        // the readers, so the writer's close cannot remove the WAL: GRDB issue 739).
        do {
            let opened = try SQLiteStore.open(url: url, mode: .createIfMissing, check: .header, connections: .pool)
            XCTAssertEqual(try Data(contentsOf: url), before, "nothing written as it opened")
            XCTAssertThrowsError(try opened.checkIntegrity()) {
                guard case .corruptDatabase = $0 as? PortalError else { return XCTFail("\($0)") }
            }
            XCTAssertThrowsError(try opened.painEntries())
        } catch {
            guard case .corruptDatabase = error as? PortalError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try Data(contentsOf: url), before, "byte for byte as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    /// The look before the pool's write reads the pages' structure with the CHECK constraints switched off (issue
    /// 26: evaluating them was 95 % of it); they are back on before the pool's writer writes anything of hers.
    func testThePoolWritingAfterThePageCheckStillKeepsEveryCheckConstraint() throws {
        let (store, url) = try makeStore(self)
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        // An empty -wal: the pool writes as it opens, after the page check.
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path + "-wal", contents: Data()))
        let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header, connections: .pool)
        XCTAssertEqual(try reopened.writer.writeWithoutTransaction { try Bool.fetchOne($0, sql: "PRAGMA ignore_check_constraints") }, false,
                       "the writer, which made the look")
        XCTAssertThrowsError(try reopened.writer.write {
            try $0.execute(sql: "INSERT INTO bladder_event (date, time, kind, woke_at_night) VALUES ('2026-11-20', '08:00', 'not-a-kind', 0)")
        }) { XCTAssertTrue("\($0)".contains("CHECK"), "\($0)") }
    }

    /// A page is damaged or not whatever the constraints say: the structure check still finds the overwritten page.
    /// A row breaking only a CHECK constraint is found by the full check (a writable connection: SQLite parses no
    /// CHECK constraint on a read-only one, so the pool's background `checkIntegrity()` never looked for them).
    func testTheStructureCheckFindsTheDamagedPageAndTheFullCheckTheBrokenRow() throws {
        let url = try damagedFile()
        let damaged = try DatabaseQueue(path: url.path)
        try damaged.inDatabase { db in
            XCTAssertNotEqual(try SQLiteStore.quickCheck(db, constraints: false), "ok")
            XCTAssertNotEqual(try SQLiteStore.quickCheck(db, constraints: true), "ok")
        }
        try damaged.close()
        let (store, healthy) = try makeStore(self)
        try store.writer.close()
        let queue = try DatabaseQueue(path: healthy.path)
        try queue.inDatabase { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "INSERT INTO bladder_event (date, time, kind, woke_at_night) VALUES ('2026-11-20', '08:00', 'not-a-kind', 0)")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
            XCTAssertEqual(try SQLiteStore.quickCheck(db, constraints: false), "ok")
            XCTAssertEqual(try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints"), false, "switched back on")
            XCTAssertNotEqual(try SQLiteStore.quickCheck(db, constraints: true), "ok")
        }
        try queue.close()
    }

    /// Issue 26: GRDB's pool made and dropped a table as it opened a file without a WAL (every start after a
    /// clean close), so every page had to be read first. With the placeholder `-wal` a start that only reads
    /// leaves the file byte for byte as it was and nothing beside it.
    func testAStartAfterACleanCloseThatOnlyReadsWritesNothing() throws {
        let (store, url) = try makeStore(self)
        let entries = try store.painEntries()
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        let before = try Data(contentsOf: url)
        // Closed as the portal closes it, by letting go of the store (GRDB issue 739: see above).
        do {
            let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header, connections: .pool)
            XCTAssertEqual(try reopened.painEntries(), entries)
            XCTAssertNoThrow(try reopened.checkIntegrity())
        }
        XCTAssertEqual(try Data(contentsOf: url), before, "byte for byte as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    /// A save goes into the WAL over the placeholder: the WAL is whole (a copy of the file and its WAL taken while
    /// the portal is open, as a killed portal leaves them, holds the entry), and a clean close puts it in the file.
    func testASaveOverThePlaceholderIsKeptByTheWALAndByTheFile() throws {
        let (store, url) = try makeStore(self)
        try store.writer.close()
        let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header, connections: .pool)
        let saved = try reopened.addPainEntry(PainEntry(date: day("2026-11-21"), time: time("09:00"), score: 4, note: "after"),
                                             now: at("2026-11-27T12:00"))
        let folder = try makeTempFolder(self)
        let killed = folder.appendingPathComponent("killed.sqlite")
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: url.path + suffix, toPath: killed.path + suffix) }
        let copy = try SQLiteStore.open(url: killed, mode: .existingOnly)
        XCTAssertTrue(try copy.painEntries().contains(saved), "the WAL written over the placeholder is read back")
        try reopened.writer.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-wal"))
        let alone = folder.appendingPathComponent("alone.sqlite")
        try FileManager.default.copyItem(atPath: url.path, toPath: alone.path)
        XCTAssertTrue(try SQLiteStore.open(url: alone, mode: .existingOnly).painEntries().contains(saved), "the file alone holds it")
    }

    func testAHealthyFileStillOpensAtOnce() throws {
        let (store, url) = try makeStore(self)
        let entries = try store.painEntries()
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header, connections: .pool)
        XCTAssertEqual(try reopened.painEntries(), entries)
    }
}

/// The check-ins' answers are read by hand for speed; every other shape of JSON still goes through JSONDecoder.
final class QuizAnswersTests: XCTestCase {
    func testTheStoredShapeIsReadAndAnythingElseIsLeftToJSONDecoder() {
        XCTAssertEqual(CheckInMap.flatAnswers(#"{"a":true,"b":false}"#), ["a": true, "b": false])
        XCTAssertEqual(CheckInMap.flatAnswers(#" { "a" : true } "#), ["a": true])
        XCTAssertEqual(CheckInMap.flatAnswers("{}"), [:])
        XCTAssertNil(CheckInMap.flatAnswers(#"{"a\"b":true}"#), "escapes go to JSONDecoder")
        XCTAssertNil(CheckInMap.flatAnswers(#"{"a":1}"#))
        XCTAssertNil(CheckInMap.flatAnswers(#"{"a":true,"a":false}"#))
        XCTAssertNil(CheckInMap.flatAnswers(#"{"a":true} x"#))
        XCTAssertNil(CheckInMap.flatAnswers(#"{"a":tru"#))
        XCTAssertNil(CheckInMap.flatAnswers(""))
    }

    func testSavedCheckInsReadBackTheSame() throws {
        let store = try SQLiteStore.inMemory()
        let saved = try store.saveQuizResult(QuizResult(date: day("2026-11-20"), answers: ["leak-cough": true, "urgency": false]))
        XCTAssertEqual(try store.quizResults(), [saved])
    }
}
