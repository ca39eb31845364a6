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

    func testNewlinesArePlainTextExceptOnOneLine() {
        XCTAssertNil(message("two\nlines"))
        XCTAssertNil(message("ça va 😊 — “quotes”"))
        XCTAssertEqual(message("two\nlines", multiline: false), "note must fit on one line.")
    }

    /// qa-e E9: a tab was kept in names, places, questions and notes (a control character the README says is
    /// refused). Refused everywhere, naming it: it has no width of its own, and turning it into spaces would store
    /// what she did not write (the full screen's fields turn one into a space she sees before saving).
    func testATabIsRefusedNamingIt() {
        XCTAssertEqual(message("a\tb"), "note contains a tab (TAB); use spaces instead.")
        XCTAssertEqual(message("Jo\tLee", multiline: false), "note contains a tab (TAB); use spaces instead.")
        XCTAssertEqual(PlainText.keepingAccepted("a\tb"), "ab", "a field is given none (it turns a typed tab into a space first)")
    }

    /// qa-e E20: a line break is a newline only. U+2028 and U+2029 in a one-line field do not fit on one line; in
    /// a note they are named, and an ordinary line break asked for.
    func testLineAndParagraphSeparatorsAreNotLineBreaks() {
        XCTAssertEqual(message("first\u{2028}second", multiline: false), "note must fit on one line.")
        XCTAssertEqual(message("first\u{2029}second", multiline: false), "note must fit on one line.")
        XCTAssertEqual(message("first\u{2028}second"),
                       "note contains a line separator (U+2028 line separator); start a new line with an ordinary line break instead.")
        XCTAssertEqual(message("a\u{2029}b"),
                       "note contains a paragraph separator (U+2029 paragraph separator); start a new line with an ordinary line break instead.")
    }

    /// qa-e E20: text of only blank-looking characters (the Hangul fillers, the braille blank, a combining grapheme
    /// joiner) is blank: no note, no name, and refused where it would be kept as something nobody can see.
    func testTextOfOnlyBlankLookingCharactersIsBlank() {
        for blank in ["\u{3164}", "\u{115F}", "\u{1160}", "\u{FFA0}", "\u{2800}", "\u{034F}", " \u{3164}\n\u{3164} ", ""] {
            XCTAssertTrue(PlainText.isBlank(blank), blank.debugDescription)
            XCTAssertEqual(PlainText.blankAsEmpty(blank), "", blank.debugDescription)
        }
        XCTAssertEqual(message("\u{3164}"), "note has nothing to see: only blank characters such as U+3164 hangul filler. Write some text, or leave it empty.")
        XCTAssertNotNil(message("\u{2800}\u{2800}", multiline: false))
        XCTAssertNil(message("   "), "spaces alone are the caller's empty (a note of spaces is no note)")
        for kept in ["Ana\u{3164}", "\u{1100}\u{1161}", "한국", "⠁⠃"] {
            XCTAssertFalse(PlainText.isBlank(kept), kept.debugDescription)
            XCTAssertNil(message(kept), kept.debugDescription)
        }
        XCTAssertEqual(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: "\u{3164}\u{3164}").note, "", "a note of fillers is no note")
    }

    func testInvisibleFormattingIsRefusedButEmojiAsTypedAreKept() {
        XCTAssertEqual(message("pain\u{202E}txt.exe"), "note contains an invisible formatting character (U+202E right-to-left override); use plain text.")
        XCTAssertEqual(message("a\u{2067}b\u{2069}"), "note contains an invisible formatting character (U+2067 right-to-left isolate); use plain text.")
        XCTAssertEqual(message("hid\u{200B}den"), "note contains an invisible formatting character (U+200B zero width space); use plain text.")
        XCTAssertEqual(message("\u{FEFF}bom"), "note contains an invisible formatting character (U+FEFF zero width no-break space); use plain text.")
        XCTAssertEqual(message("a\u{200D}b"), "note contains an invisible formatting character (U+200D zero width joiner); use plain text.",
                       "a joiner between Latin letters changes nothing that can be seen")
        XCTAssertEqual(message("a\u{200C}b"), "note contains an invisible formatting character (U+200C zero width non-joiner); use plain text.")
        XCTAssertNil(message("👨‍👩‍👧 👋🏽 🇨🇦", max: 40), "ZWJ families, skin tones and flags are text people type")
        XCTAssertNil(message("👩🏽‍⚕️ café e\u{301}", max: 40), "a joiner after a skin tone, combining marks")
        XCTAssertNil(PlainText.invisibleFormatting(in: "שלום and عربي"), "right-to-left letters themselves are fine")
    }

    /// Every format character (Unicode's category Cf) is refused, not only those of a list: the soft hyphen, the
    /// Mongolian vowel separator, the language tag, interlinear annotation, the musical format characters.
    func testEveryFormatCharacterIsRefusedByItsUnicodeCategory() {
        let cases: [(UInt32, String)] = [(0x00AD, "U+00AD soft hyphen"), (0x180E, "U+180E mongolian vowel separator"),
                                         (0xE0001, "U+E0001 language tag"), (0xFFF9, "U+FFF9 interlinear annotation anchor"),
                                         (0xFFFA, "U+FFFA interlinear annotation separator"), (0xFFFB, "U+FFFB interlinear annotation terminator"),
                                         (0x1D173, "U+1D173 musical symbol begin beam"), (0x1D17A, "U+1D17A musical symbol end phrase"),
                                         (0x061C, "U+061C arabic letter mark"), (0x2061, "U+2061 function application")]
        for (value, name) in cases {
            let text = "ok" + String(Unicode.Scalar(value)!) + "ok"
            XCTAssertEqual(message(text), "note contains an invisible formatting character (\(name)); use plain text.")
            XCTAssertEqual(PlainText.keepingAccepted(text), "okok", "a field keeps none of it either")
        }
        // Tag characters outside an emoji flag are hidden text ("ASCII smuggling").
        XCTAssertNotNil(message("hi\u{E0068}\u{E0069}\u{E007F}"))
        // Every Cf scalar of the whole code space, on its own between letters, is refused.
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v), s.properties.generalCategory == .format else { continue }
            XCTAssertNotNil(PlainText.invisibleFormatting(in: "a" + String(s) + "b"), "U+\(String(v, radix: 16)) passed")
        }
    }

    /// What people type with format characters stays: emoji with joiners, the flags of England, Scotland and
    /// Wales (an emoji and tags), and the joiner or non-joiner in Persian and the Indic scripts.
    func testJoinersAndTagsAsPeopleTypeThemAreKept() {
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        XCTAssertNil(message("Go " + england, max: 40), "a flag's tag sequence is text people type")
        XCTAssertNil(message("\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}", max: 40), "Persian: می‌خواهم, with its non-joiner")
        XCTAssertNil(message("\u{0915}\u{094D}\u{200D}\u{0937}", max: 40), "Devanagari: a half form with a joiner after the virama")
        XCTAssertEqual(PlainText.keepingAccepted("\u{0645}\u{06CC}\u{200C}\u{062E}"), "\u{0645}\u{06CC}\u{200C}\u{062E}")
        XCTAssertEqual(PlainText.keepingAccepted("Go " + england), "Go " + england)
    }

    func testLengthIsCountedInCharacters() {
        XCTAssertNil(message(String(repeating: "é", count: 20)))
        XCTAssertEqual(message(String(repeating: "x", count: 21)), "note is 21 characters; at most 20 fit.")
    }

    func testRemovingControlsKeepsNewlinesAndShowsATabAsASpace() {
        XCTAssertEqual(PlainText.removingControls("\u{1B}]0;PWNED\u{07}\u{1B}[2JHi\n\tthere\r\u{9B}"), "]0;PWNED[2JHi\n there")
        XCTAssertEqual(PlainText.removingControls("plain"), "plain")
    }

    /// qa-h H16: a one-line field printed on one line, whatever line breaks were written into it outside the portal.
    func testOneLineTurnsEveryLineBreakIntoASpace() {
        XCTAssertEqual(PlainText.oneLine("Bea Costa): nothing new\n  qhcat (Cat Dias): all reviewed\r\n\u{2028}x\u{1B}"),
                       "Bea Costa): nothing new   qhcat (Cat Dias): all reviewed   x")
        XCTAssertEqual(PlainText.oneLine("Ana Lima"), "Ana Lima")
    }

    /// qa-d D11d: a message quoting what she typed shows what the rule refuses by name, so a right-to-left
    /// override does not turn the rest of the line around, nor an escape sequence run; what the rule keeps (an
    /// emoji's joiner, a Persian non-joiner between letters) stays as it is.
    func testVisibleShowsWhatTheRuleRefusesByName() {
        XCTAssertEqual(PlainText.quoted("ana\u{202E}"), "“ana<U+202E>”")
        XCTAssertEqual(PlainText.visible("\u{1B}]0;PWNED\u{07}x\u{9B}\u{7F}\r"), "<ESC>]0;PWNED<BEL>x<U+009B><DEL><CR>")
        XCTAssertEqual(PlainText.visible("a\u{200B}b\u{FEFF}"), "a<U+200B>b<U+FEFF>")
        XCTAssertEqual(PlainText.visible("two\nlines\tand a tab"), "two\nlines\tand a tab")
        for kept in ["👩\u{200D}⚕️", "می\u{200C}خواهم", "plain", ""] {
            XCTAssertEqual(PlainText.visible(kept), kept)
        }
        XCTAssertEqual(PlainText.visible(PlainText.visible("x\u{202E}y")), "x<U+202E>y", "shown once, not again")
        XCTAssertEqual(PlainText.quoted("ab"[...]), "“ab”")
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
        XCTAssertEqual(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: "   \n ").note, "")
        XCTAssertEqual(SignReport(date: day("2026-11-27"), time: time("09:00"), signs: ["x"], note: "  ").note, "")
        XCTAssertEqual(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 3, note: " ok ").note, " ok ")
    }
}
