import XCTest
@testable import PortalUI

final class DisplayWidthTests: XCTestCase {
    func testAsciiIsOneCellEach() {
        XCTAssertEqual(DisplayWidth.of("Pain 4/10"), 9)
        XCTAssertEqual(DisplayWidth.of(""), 0)
    }

    func testAccentedLetterIsOneCellPrecomposedOrDecomposed() {
        let precomposed = "\u{E9}"       // é as one scalar
        let decomposed = "e\u{301}"      // e + combining acute
        XCTAssertEqual(precomposed.unicodeScalars.count, 1)
        XCTAssertEqual(decomposed.unicodeScalars.count, 2)
        XCTAssertEqual(DisplayWidth.of(precomposed), 1)
        XCTAssertEqual(DisplayWidth.of(decomposed), 1)
        XCTAssertEqual(DisplayWidth.of("Ren\u{E9}e"), 5)
        XCTAssertEqual(DisplayWidth.of("Rene\u{301}e"), 5)
    }

    func testCombiningMarksTakeNoCell() {
        XCTAssertEqual(DisplayWidth.of(Unicode.Scalar(0x301)!), 0)
        XCTAssertEqual(DisplayWidth.of("a\u{301}\u{323}"), 1, "a base with two marks is still one cell")
        XCTAssertEqual(DisplayWidth.of("\u{200D}"), 0, "a lone zero-width joiner")
    }

    func testCJKIsTwoCells() {
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.of("한"), 2)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth Latin")
        XCTAssertEqual(DisplayWidth.of("a日b"), 4)
    }

    func testEmojiIsTwoCells() {
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("🤰"), 2, "pregnant woman")
        XCTAssertEqual(DisplayWidth.of("\u{2764}\u{FE0F}"), 2, "a text symbol made emoji by the selector")
        XCTAssertEqual(DisplayWidth.of("\u{2764}"), 1, "the same symbol without the selector")
    }

    func testZWJFamilyIsOneWideGrapheme() {
        let family = "👨\u{200D}👩\u{200D}👧"
        XCTAssertEqual(family.count, 1)
        XCTAssertEqual(DisplayWidth.of(family), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2, "skin tone modifier joins its base")
    }

    func testEmojiAsPeopleTypeThemAreOneWideClusterEach() {
        let typed = ["👋🏽", "👩🏽\u{200D}⚕\u{FE0F}", "👨\u{200D}👩\u{200D}👧\u{200D}👦", "🇨🇦", "🇺🇦", "1\u{FE0F}\u{20E3}", "🏳\u{FE0F}\u{200D}🌈"]
        for text in typed {
            XCTAssertEqual(text.count, 1, text)
            XCTAssertEqual(DisplayWidth.of(text), 2, text)
        }
        XCTAssertEqual(DisplayWidth.of("Zoë 👋🏽 🇨🇦!"), 10)
        XCTAssertEqual(DisplayWidth.of("a\u{0301}\u{0323}"), 1, "two combining marks on one letter")
        XCTAssertEqual(DisplayWidth.of("ก\u{0E34}\u{0E49}"), 1, "Thai vowel and tone marks above a consonant")
    }

    /// QA-i I11: an Indic syllable takes a cell for each of its spacing letters and vowel signs, as the terminal
    /// counts them (glibc's wcwidth: virama 0, U+093F 1), so the screen draws every one and the row stays aligned.
    func testIndicSyllablesTakeACellForEachSpacingLetter() {
        XCTAssertEqual("प्रिया".count, 2, "two grapheme clusters")
        XCTAssertEqual(DisplayWidth.of("प्रिया"), 5, "प ्(0) र ि | य ा")
        XCTAssertEqual(DisplayWidth.of("தமிழ்"), 4, "த | ம ி | ழ ்(0)")
        XCTAssertEqual(DisplayWidth.of("নন্দিনী"), 6)
        XCTAssertEqual(DisplayWidth.cells(Character("प्रि")).map(\.width), [1, 1, 1])
        XCTAssertEqual(DisplayWidth.cells(Character("e\u{301}")).map(\.scalars.count), [2], "a mark stays with its letter")
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}"), 2, "a Hangul syllable of jamo is one wide cell")
        XCTAssertEqual(DisplayWidth.prefix("प्रिया", fitting: 4), "प्रि", "a syllable is never cut in two")
    }

    func testBoxAndBlockGlyphsAreOneCell() {
        for glyph in ["─", "│", "┌", "█", "▁", "›", "•", "✓", "●", "·", "…"] {
            XCTAssertEqual(DisplayWidth.of(glyph), 1, glyph)
        }
    }

    func testTruncateAndPadCountCellsNotCharacters() {
        XCTAssertEqual(DisplayWidth.truncate("日本語", to: 5), "日本…")
        XCTAssertEqual(DisplayWidth.truncate("日本語", to: 4), "日…")
        XCTAssertEqual(DisplayWidth.truncate("Hip pain", to: 8), "Hip pain")
        XCTAssertEqual(DisplayWidth.truncate("Hip pain", to: 1), "H")
        XCTAssertEqual(DisplayWidth.truncate("Hip pain", to: 0), "")
        XCTAssertEqual(DisplayWidth.pad("日", to: 4), "日  ")
        XCTAssertEqual(DisplayWidth.prefix("e\u{301}te\u{301}", fitting: 2), "e\u{301}t")
    }
}
