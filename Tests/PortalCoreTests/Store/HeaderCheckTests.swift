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
