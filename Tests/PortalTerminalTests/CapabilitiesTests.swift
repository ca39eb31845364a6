import XCTest
@testable import PortalTerminal

final class CapabilitiesTests: XCTestCase {
    func testNoColorUnsetOrEmptyKeepsColour() {
        XCTAssertTrue(TerminalCapabilities.colorAllowed(terminalHasColors: true, noColor: nil))
        XCTAssertTrue(TerminalCapabilities.colorAllowed(terminalHasColors: true, noColor: ""))
    }

    func testNoColorWithAnyValueDisablesColour() {
        XCTAssertFalse(TerminalCapabilities.colorAllowed(terminalHasColors: true, noColor: "1"))
        XCTAssertFalse(TerminalCapabilities.colorAllowed(terminalHasColors: true, noColor: "0"))
        XCTAssertFalse(TerminalCapabilities.colorAllowed(terminalHasColors: true, noColor: "false"))
    }

    func testTerminalWithoutColours() {
        XCTAssertFalse(TerminalCapabilities.colorAllowed(terminalHasColors: false, noColor: nil))
        XCTAssertFalse(TerminalCapabilities.colorAllowed(terminalHasColors: false, noColor: ""))
    }

    func testAsciiFallbackKeepsOneCellPerCell() {
        XCTAssertEqual(AsciiFallback.cellText("a"), "a")
        XCTAssertEqual(AsciiFallback.cellText("─"), "-")
        XCTAssertEqual(AsciiFallback.cellText("━"), "-")
        XCTAssertEqual(AsciiFallback.cellText("│"), "|")
        XCTAssertEqual(AsciiFallback.cellText("┌"), "+")
        XCTAssertEqual(AsciiFallback.cellText("╯"), "+")
        XCTAssertEqual(AsciiFallback.cellText("╬"), "+")
        XCTAssertEqual(Array("▁▂▃▄▅▆▇█").map { AsciiFallback.cellText(String($0)) }.joined(), "_.,-=+*#")
        XCTAssertEqual(AsciiFallback.cellText("é"), "e")
        XCTAssertEqual(AsciiFallback.cellText("e\u{301}"), "e")
        XCTAssertEqual(AsciiFallback.cellText("…"), ".")
        XCTAssertEqual(AsciiFallback.cellText("✓"), "v")
        XCTAssertEqual(AsciiFallback.cellText("中"), "?")
        XCTAssertEqual(AsciiFallback.cellText("😀"), "?")
    }

    func testDrawableTextNeverEmptyOrControl() {
        XCTAssertEqual(Terminal.drawableText("", unicode: true), " ")
        XCTAssertEqual(Terminal.drawableText("\u{1B}", unicode: true), "?")
        XCTAssertEqual(Terminal.drawableText("中", unicode: true), "中")
        XCTAssertEqual(Terminal.drawableText("中", unicode: false), "?")
    }
}
