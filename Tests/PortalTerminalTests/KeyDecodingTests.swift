import CNCursesW
import PortalUI
import XCTest
@testable import PortalTerminal

final class KeyDecodingTests: XCTestCase {
    private func code(_ value: Int32) -> Key { Key.decode(value, isKeyCode: true) }
    private func char(_ value: Int32) -> Key { Key.decode(value, isKeyCode: false) }
    private func char(_ scalar: Unicode.Scalar) -> Key { Key.decode(Int32(scalar.value), isKeyCode: false) }

    func testArrowsAndPaging() {
        XCTAssertEqual(code(KEY_UP), .up)
        XCTAssertEqual(code(KEY_DOWN), .down)
        XCTAssertEqual(code(KEY_LEFT), .left)
        XCTAssertEqual(code(KEY_RIGHT), .right)
        XCTAssertEqual(code(KEY_PPAGE), .pageUp)
        XCTAssertEqual(code(KEY_NPAGE), .pageDown)
    }

    func testHomeAndEndIncludingFindAndSelect() {
        XCTAssertEqual(code(KEY_HOME), .home)
        XCTAssertEqual(code(KEY_FIND), .home)
        XCTAssertEqual(code(KEY_END), .end)
        XCTAssertEqual(code(KEY_SELECT), .end)
    }

    func testEnter() {
        XCTAssertEqual(char(10), .enter)
        XCTAssertEqual(char(13), .enter)
        XCTAssertEqual(code(KEY_ENTER), .enter)
    }

    func testBackspaceAndDelete() {
        XCTAssertEqual(char(127), .backspace)
        XCTAssertEqual(char(8), .backspace)
        XCTAssertEqual(code(KEY_BACKSPACE), .backspace)
        XCTAssertEqual(code(KEY_DC), .delete)
    }

    func testTabBackTabEscape() {
        XCTAssertEqual(char(9), .tab)
        XCTAssertEqual(code(KEY_BTAB), .backTab)
        XCTAssertEqual(char(27), .escape)
    }

    func testControlLetters() {
        XCTAssertEqual(char(1), .ctrl("a"))
        XCTAssertEqual(char(3), .ctrl("c"))
        XCTAssertEqual(char(7), .ctrl("g"))
        XCTAssertEqual(char(11), .ctrl("k"))
        XCTAssertEqual(char(12), .ctrl("l"))
        XCTAssertEqual(char(14), .ctrl("n"))
        XCTAssertEqual(char(26), .ctrl("z"))
        // Every code 1...26 is a control letter except Backspace, Tab, Enter.
        for value in Int32(1)...26 where ![8, 9, 10, 13].contains(value) {
            guard case .ctrl(let letter) = char(value) else { return XCTFail("\(value)") }
            XCTAssertEqual(letter.asciiValue, UInt8(value) + 0x60)
        }
    }

    func testFunctionKeys() {
        XCTAssertEqual(code(portal_key_f(1)), .function(1))
        XCTAssertEqual(code(portal_key_f(10)), .function(10))
        XCTAssertEqual(code(portal_key_f(12)), .function(12))
    }

    func testResize() {
        XCTAssertEqual(code(KEY_RESIZE), .resize)
    }

    func testPrintableCharacters() {
        XCTAssertEqual(char("q"), .character("q"))
        XCTAssertEqual(char(" "), .character(" "))
        XCTAssertEqual(char("?"), .character("?"))
        XCTAssertEqual(char("é"), .character("é"))
        XCTAssertEqual(char("中"), .character("中"))
        XCTAssertEqual(char("😀"), .character("😀"))
    }

    func testUnknown() {
        XCTAssertEqual(code(KEY_MOUSE), .unknown)
        XCTAssertEqual(code(KEY_IC), .unknown)
        XCTAssertEqual(char(0x85), .unknown)      // C1 control
        XCTAssertEqual(char(-1), .unknown)
        XCTAssertEqual(char(0xD800), .unknown)    // lone surrogate is not a scalar
        XCTAssertEqual(char(0x110000), .unknown)
    }

    func testKeyCodeFlagDecidesMeaning() {
        // The same number means a key code or a character depending on the flag.
        XCTAssertEqual(Key.decode(KEY_UP, isKeyCode: false), .character(Character(Unicode.Scalar(UInt32(KEY_UP))!)))
    }
}
