@testable import PortalCore
import StoreTestSupport
import XCTest

/// A write her file's constraints refuse (the last line of defence behind the checks before every write) is
/// said with the field in her words and the values it accepts (`RecordPart.words`), never with SQLite's text
/// ("CHECK constraint failed: score BETWEEN 0 AND 10", "pain_entry.score"), and nothing is written.
final class ConstraintWordsTests: XCTestCase {
    private func refusal(_ store: SQLiteStore, _ column: String, _ value: StoredValue) -> String {
        do {
            try store.writing { db in _ = try db.update(PainDiaryMap.entries, set: [(column, value)], where: .all) }
            XCTFail("\(column) = \(value) was written")
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testARefusedColumnIsSaidInHerWordsWithWhatItAccepts() throws {
        let store = try SQLiteStore.inMemory()
        try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4), now: LocalDateTime("2026-11-27T12:00")!)
        XCTAssertEqual(refusal(store, "score", .int(Int(11))), "The pain score is a whole number from 0 to 10, so nothing was saved.")
        XCTAssertEqual(refusal(store, "note", .text(String(repeating: "a", count: PainEntry.noteLimit + 1))),
                       "The note of a pain entry is at most \(PainEntry.noteLimit) characters, so nothing was saved.")
        XCTAssertEqual(refusal(store, "date", .text("2026-13-45")), "The date of a pain entry is not one the portal accepts, so nothing was saved.")
        XCTAssertEqual(refusal(store, "score", .null), "The pain score must be given, so nothing was saved.")
        XCTAssertEqual(try store.painEntries(from: nil, to: nil).map(\.score), [4], "nothing was written")
    }

    func testWhatCannotBeToldIsSaidAsARuleNeverAsSQLitesText() {
        XCTAssertEqual(SQLiteStore.refusal(message: "UNIQUE constraint failed: pain_entry.id", statement: "INSERT INTO pain_entry (id) VALUES (1)"),
                       "That change breaks a rule of the portal, so nothing was saved.")
        XCTAssertEqual(SQLiteStore.refusal(message: "CHECK constraint failed: score BETWEEN 0 AND 10", statement: "UPDATE elsewhere SET score = 11"),
                       "That change breaks a rule of the portal, so nothing was saved.")
    }
}
