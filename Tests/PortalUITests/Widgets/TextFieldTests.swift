import PortalCore
import XCTest
@testable import PortalUI

final class TextFieldTests: XCTestCase {
    func testTypingAndMovingByCharacters() {
        var field = TextField()
        field.insert("Hip")
        XCTAssertEqual(field.cursor, 3)
        field.moveLeft()
        field.insert("x")
        XCTAssertEqual(field.value, "Hixp")
        field.backspace()
        field.home()
        field.delete()
        XCTAssertEqual(field.value, "ip")
        XCTAssertEqual(field.cursor, 0)
        field.moveLeft()
        XCTAssertEqual(field.cursor, 0, "left at the start stays")
        field.end()
        field.moveRight()
        XCTAssertEqual(field.cursor, 2, "right at the end stays")
        field.backspace()
        field.backspace()
        field.backspace()
        XCTAssertEqual(field.value, "")
    }

    func testAccentsPrecomposedAndCombiningAreOneCharacter() {
        var field = TextField("Rene\u{301}e")
        XCTAssertEqual(field.cursor, 5)
        field.moveLeft()
        field.backspace()  // removes e + combining accent together
        XCTAssertEqual(field.value, "Rene")
        XCTAssertEqual(field.cursor, 3)

        // A combining mark typed after its letter joins it: the cursor does not advance past a ghost.
        var typed = TextField()
        typed.insert("e")
        typed.insert("\u{301}")
        XCTAssertEqual(typed.value, "e\u{301}")
        XCTAssertEqual(typed.value.count, 1)
        XCTAssertEqual(typed.cursor, 1)
        typed.insert("\u{E9}")
        XCTAssertEqual(typed.cursor, 2)
    }

    func testCJKAndEmojiDeleteWhole() {
        var field = TextField("痛み👨\u{200D}👩\u{200D}👧ok")
        XCTAssertEqual(field.value.count, 5)
        field.moveLeft()
        field.moveLeft()
        field.backspace()
        XCTAssertEqual(field.value, "痛みok", "the whole family emoji goes, not one person of it")
        field.home()
        field.delete()
        XCTAssertEqual(field.value, "みok")
    }

    func testMaxLengthCountsCharactersAndCutsPastes() {
        var field = TextField(maxLength: 4)
        XCTAssertTrue(field.insert("日本語です"))
        XCTAssertEqual(field.value, "日本語で")
        XCTAssertTrue(field.isFull)
        XCTAssertFalse(field.insert("x"))
        XCTAssertEqual(field.value, "日本語で")
        // A combining mark adds no Character but one Unicode scalar, which is what the store's limit counts
        // (SQLite's length()): it does not fit a full field, and fits one with room.
        var accent = TextField("abce", maxLength: 4)
        XCTAssertFalse(accent.insert("\u{301}"))
        XCTAssertEqual(accent.value, "abce")
        var roomy = TextField("abce", maxLength: 5)
        XCTAssertTrue(roomy.insert("\u{301}"))
        XCTAssertEqual(roomy.value, "abce\u{301}")
    }

    func testNewlinesBecomeSpacesAndControlsAreDropped() {
        var field = TextField()
        field.insert("left\nhip\u{7}\tside")
        XCTAssertEqual(field.value, "left hip side")
    }

    func testRenderUnderlinesAndPlacesCursor() {
        var field = TextField("Sore", placeholder: "Add a note")
        field.moveLeft()
        let buffer = draw(field, width: 10, height: 1)
        assertLines(buffer, ["Sore"])
        XCTAssertEqual(buffer.cursor, Point(x: 3, y: 0))
        XCTAssertTrue(buffer[8, 0].style.underline, "the empty part of the field is underlined too")

        let empty = draw(TextField(placeholder: "Add a note"), width: 8, height: 1)
        assertLines(empty, ["Add a no"])
        XCTAssertTrue(empty[0, 0].style.dim)
        XCTAssertEqual(empty.cursor, Point(x: 0, y: 0))
    }

    func testEmojiTypedOneCodePointAtATimeAreOneCharacterAndTheCursorGoesAfterThem() {
        var field = TextField()
        // A terminal delivers a sequence one code point at a time: each joins the cluster before it.
        for scalar in "Hi 👋🏽 👨\u{200D}👩\u{200D}👧 🇨🇦".unicodeScalars { field.insert(String(scalar)) }
        XCTAssertEqual(field.value, "Hi 👋🏽 👨\u{200D}👩\u{200D}👧 🇨🇦")
        XCTAssertEqual(field.cursor, 8)
        var buffer = draw(field, width: 20, height: 1)
        XCTAssertEqual(buffer.cursor, Point(x: 11, y: 0), "after H i, three spaces and three wide clusters")
        field.moveLeft()
        buffer = draw(field, width: 20, height: 1)
        XCTAssertEqual(buffer.cursor, Point(x: 9, y: 0), "on the flag, not inside it")
        field.backspace()
        XCTAssertEqual(field.value, "Hi 👋🏽 👨\u{200D}👩\u{200D}👧🇨🇦", "backspace takes the space, a whole character")
        field.backspace()
        XCTAssertEqual(field.value, "Hi 👋🏽 🇨🇦", "and then the whole family")
    }

    func testScrollsSoTheCursorStaysVisible() {
        let field = TextField("Sitting long hurts")  // cursor at the end
        let buffer = draw(field, width: 8, height: 1)
        assertLines(buffer, ["… hurts"], "marker, six characters, and the cursor cell after them")
        XCTAssertEqual(buffer.cursor, Point(x: 7, y: 0))

        var atStart = field
        atStart.home()
        assertLines(draw(atStart, width: 8, height: 1), ["Sitting"])
    }

    func testScrollingWithWideCharactersNeverSplitsOne() {
        var field = TextField("日本語テキスト")
        field.home()
        for _ in 0..<5 { field.moveRight() }  // cursor on ス
        let buffer = draw(field, width: 7, height: 1)
        // The marker and 語テキ do not all fit with ス: 6 cells of room take テキス, cursor on ス.
        assertLines(buffer, ["…テキス"])
        XCTAssertEqual(buffer.cursor, Point(x: 5, y: 0))
        XCTAssertEqual(TextField.visibleStart(Array("日本語テキスト"), cursor: 5, width: 7), 3)
    }

    func testUnfocusedLeavesCursorAloneAndTinySizes() {
        var buffer = Buffer(size: Size(width: 5, height: 1))
        TextField("note").render(into: &buffer, area: buffer.area, focused: false)
        XCTAssertNil(buffer.cursor)
        let one = draw(TextField("abc"), width: 1, height: 1)
        XCTAssertEqual(one.cursor, Point(x: 0, y: 0))
        drawAtEverySize(TextField("日本 e\u{301} 👍🏽 long text"))
    }

    func testEditSaysWhetherTheTextChanged() {
        var f = TextField("12:0", maxLength: 5)
        XCTAssertEqual(f.edit(.character("5")), .changed)
        XCTAssertEqual(f.value, "12:05")
        // A full field takes nothing more, and says so (never a key dropped without a word): the limit named,
        // the text kept.
        XCTAssertEqual(f.edit(.character("9")), .refused("This field holds at most 5 characters and is full: what you wrote is kept, the last key was not added."))
        XCTAssertEqual(f.value, "12:05")
        XCTAssertEqual(f.edit(.left), .unchanged)
        XCTAssertEqual(f.edit(.backspace), .changed)
        XCTAssertEqual(f.value, "12:5")
        XCTAssertEqual(f.edit(.ctrl("u")), .changed)
        XCTAssertEqual(f.value, "5")
        XCTAssertEqual(f.edit(.tab), .notEditing)
        XCTAssertEqual(f.edit(.enter), .notEditing)
    }

    func testAPasteIsInsertedWholeWithLineBreaksAsSpacesInOneLine() {
        var f = TextField("hip: ", maxLength: 40)
        XCTAssertEqual(f.edit(.paste("sore\r\nafter\tthe\u{7} walk\n")), .changed)
        XCTAssertEqual(f.value, "hip: sore after the walk", "line breaks and tabs are spaces, controls gone, a trailing break dropped")
        XCTAssertEqual(f.cursor, f.value.count)
        XCTAssertEqual(f.edit(.paste("\u{1B}\u{7}")), .unchanged, "a paste of nothing but controls changes nothing")
    }

    func testAPasteLongerThanTheFieldIsRefusedNotCut() {
        var f = TextField("ab", maxLength: 6)
        XCTAssertEqual(f.edit(.paste("cdef")), .changed)
        XCTAssertEqual(f.value, "abcdef")
        f.backspace()
        f.backspace()
        guard case .refused(let reason) = f.edit(.paste("xyz")) else { return XCTFail("a paste past the limit is refused") }
        XCTAssertEqual(f.value, "abcd", "nothing of it was inserted")
        XCTAssertTrue(reason.contains("3 characters") && reason.contains("at most 6") && reason.contains("room for 2"), reason)
    }

    func testAFieldKeepsOnlyWhatPlainTextAcceptsSoItsSaveIsNeverRefusedForWhatNobodyCanSee() throws {
        // A paste from a terminal or a web page: an escape sequence, a bell, a right-to-left override, a
        // zero-width space. Each is left out, by the rule the store's save checks (PlainText).
        var f = TextField(maxLength: 200)
        XCTAssertEqual(f.edit(.paste("Sore\u{1B}[31m after\u{202E} stairs\u{7}\u{200B}, \u{9B}better")), .changed)
        XCTAssertEqual(f.value, "Sore[31m after stairs, better")
        XCTAssertNoThrow(try PlainText.check(f.value, field: "The note", maxLength: 200), "what the field holds, a save accepts")
        // Typed the same way (a key the terminal did not decode), the same rule.
        f.insert("\u{2066}x\u{7F}")
        XCTAssertEqual(f.value, "Sore[31m after stairs, betterx")
        // What people do type stays: a family emoji is joined by zero-width joiners, a skin tone, an accent.
        var g = TextField(maxLength: 50)
        XCTAssertEqual(g.edit(.paste("👩‍👩‍👧 👍🏽 e\u{301}")), .changed)
        XCTAssertEqual(g.value, "👩‍👩‍👧 👍🏽 e\u{301}")
        XCTAssertNoThrow(try PlainText.check(g.value, field: "The note", maxLength: 50))
        var area = TextArea(maxLength: 100)
        XCTAssertEqual(area.edit(.paste("one\u{202D}\ntwo")), .changed)
        XCTAssertEqual(area.value, "one\ntwo")
    }

    func testAMultiLineFieldKeepsThePastedLineBreaks() {
        var area = TextArea(maxLength: 100)
        XCTAssertEqual(area.edit(.paste("one\r\ntwo\n\tthree\u{7}")), .changed)
        XCTAssertEqual(area.value, "one\ntwo\n three")
    }
}
