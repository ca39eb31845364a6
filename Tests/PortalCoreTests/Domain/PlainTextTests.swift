@testable import PortalCore
import StoreTestSupport
import XCTest

final class PlainTextTests: XCTestCase {
    private func message(_ text: String, multiline: Bool = true, max: Int = 20) -> String? {
        do {
            try PlainText.check(text, field: "note", maxLength: max, multiline: multiline)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testControlCharactersAreRefusedAndNamed() {
        XCTAssertEqual(message("a\u{1B}]0;PWNED\u{07}"), "note contains control characters (ESC); use plain text.")
        XCTAssertEqual(message("ding\u{07}"), "note contains control characters (BEL); use plain text.")
        XCTAssertEqual(message("over\rwrite"), "note contains control characters (CR); use plain text.")
        XCTAssertEqual(message("a\u{00}b"), "note contains control characters (NUL); use plain text.")
        XCTAssertEqual(message("a\u{7F}"), "note contains control characters (DEL); use plain text.")
        XCTAssertEqual(message("csi\u{9B}2J"), "note contains control characters (U+009B); use plain text.", "C1 controls too")
    }

    func testNewlinesAndTabsArePlainTextExceptOnOneLine() {
        XCTAssertNil(message("two\nlines\tand a tab"))
        XCTAssertNil(message("ça va 😊 — “quotes”"))
        XCTAssertEqual(message("two\nlines", multiline: false), "note must fit on one line.")
        XCTAssertNil(message("a\tb", multiline: false))
    }

    func testInvisibleFormattingIsRefusedButEmojiAsTypedAreKept() {
        XCTAssertEqual(message("pain\u{202E}txt.exe"), "note contains an invisible formatting character (U+202E right-to-left override); use plain text.")
        XCTAssertEqual(message("a\u{2067}b\u{2069}"), "note contains an invisible formatting character (U+2067 right-to-left isolate); use plain text.")
        XCTAssertEqual(message("hid\u{200B}den"), "note contains an invisible formatting character (U+200B zero-width space); use plain text.")
        XCTAssertEqual(message("\u{FEFF}bom"), "note contains an invisible formatting character (U+FEFF zero-width no-break space); use plain text.")
        XCTAssertEqual(message("a\u{200D}b"), "note contains an invisible formatting character (U+200D zero-width joiner); use plain text.",
                       "a joiner between letters hides nothing useful")
        XCTAssertNil(message("👨‍👩‍👧 👋🏽 🇨🇦", max: 40), "ZWJ families, skin tones and flags are text people type")
        XCTAssertNil(message("👩🏽‍⚕️ café e\u{301}", max: 40), "a joiner after a skin tone, combining marks")
        XCTAssertNil(PlainText.invisibleFormatting(in: "שלום and عربي"), "right-to-left letters themselves are fine")
    }

    func testLengthIsCountedInCharacters() {
        XCTAssertNil(message(String(repeating: "é", count: 20)))
        XCTAssertEqual(message(String(repeating: "x", count: 21)), "note is 21 characters; at most 20 fit.")
    }

    func testRemovingControlsKeepsNewlinesAndTabs() {
        XCTAssertEqual(PlainText.removingControls("\u{1B}]0;PWNED\u{07}\u{1B}[2JHi\n\tthere\r\u{9B}"), "]0;PWNED[2JHi\n\tthere")
        XCTAssertEqual(PlainText.removingControls("plain"), "plain")
    }
}

final class OneLengthTests: XCTestCase {
    /// 👍🏽 is one Character but two Unicode scalars; SQLite's length() counts it as two, and so does every check.
    static let thumb = "👍🏽"

    func testANoteIsCountedAsTheDatabaseCountsIt() throws {
        let store = try SQLiteStore.inMemory()
        try store.setUp(patient: pregnantPatient(), plan: try Onboarding(content: sharedContent).carePlan(
            firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T"), weeks: [], readingList: [])
        let now = at("2026-11-27T12:00")
        // 501 thumbs are 501 Characters (under the limit by Swift's count) but 1002 scalars.
        let long = PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: String(repeating: Self.thumb, count: 501))
        XCTAssertThrowsError(try store.addPainEntry(long, now: now)) {
            XCTAssertEqual("\($0)", "The note is 1002 characters; at most 1000 fit.", "our message, not the database's CHECK")
        }
        let fits = PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: String(repeating: Self.thumb, count: 500))
        XCTAssertEqual(try store.addPainEntry(fits, now: now).note, fits.note, "1000 scalars fit in the database too")
    }

    func testANoteOfOnlySpacesIsNoNote() {
        XCTAssertEqual(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: "   \n\t ").note, "")
        XCTAssertEqual(SignReport(date: day("2026-11-27"), time: time("09:00"), signs: ["x"], note: "  ").note, "")
        XCTAssertEqual(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: " ok ").note, " ok ")
    }
}
