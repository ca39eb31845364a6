import CNCursesW
import PortalUI
import XCTest
@testable import PortalTerminal

#if canImport(Glibc)
import Glibc
#endif

/// Real ncurses on a screen that writes to /dev/null: draw a Buffer, read the cells back.
final class HeadlessTerminalTests: XCTestCase {
    private var output: UnsafeMutablePointer<FILE>!
    private var input: UnsafeMutablePointer<FILE>!

    override func setUp() {
        super.setUp()
        XCTAssertNotNil(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale is missing")
        output = fopen("/dev/null", "w")
        input = fopen("/dev/null", "r")
    }

    override func tearDown() {
        fclose(output)
        fclose(input)
        super.tearDown()
    }

    private func makeTerminal(unicode: Bool? = nil, color: Bool? = nil, handleSignals: Bool = false) throws -> Terminal {
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: input,
                                    unicode: unicode, color: color, handleSignals: handleSignals)
        terminal.resize(to: Size(width: 80, height: 24))
        return terminal
    }

    private func sampleBuffer() -> Buffer {
        var buffer = Buffer(size: Size(width: 80, height: 24))
        buffer.write("Pain today: 3/10", x: 0, y: 0, style: .bold)
        buffer.write("中文 ok", x: 2, y: 1)
        buffer.write("┌──┐", x: 0, y: 2, style: .title)
        buffer.write("│▁█│", x: 0, y: 3)
        buffer.write("e\u{301}", x: 0, y: 4)
        buffer.write("edge", x: 76, y: 23, style: .selected)
        return buffer
    }

    func testDrawsAsciiWideAndBoxDrawingText() throws {
        let terminal = try makeTerminal()
        defer { terminal.stop() }
        XCTAssertTrue(terminal.capabilities.unicode)
        XCTAssertEqual(terminal.size, Size(width: 80, height: 24))
        terminal.draw(sampleBuffer())
        XCTAssertEqual(terminal.screenText(row: 0), "Pain today: 3/10")
        XCTAssertEqual(terminal.screenText(row: 1), "  中文 ok")
        XCTAssertEqual(terminal.screenText(row: 2), "┌──┐")
        XCTAssertEqual(terminal.screenText(row: 3), "│▁█│")
        XCTAssertEqual(terminal.screenText(row: 4), "e\u{301}")
        XCTAssertEqual(terminal.screenText(row: 5), "")
        XCTAssertEqual(terminal.screenText(row: 23), String(repeating: " ", count: 76) + "edge")
    }

    func testEmojiClustersDrawAsOneCellAndTheRowStaysAligned() throws {
        let terminal = try makeTerminal()
        defer { terminal.stop() }
        var buffer = Buffer(size: Size(width: 80, height: 24))
        buffer.write("🇨🇦|👋🏽|e\u{301}|x", x: 0, y: 0)
        buffer.write("👨\u{200D}👩\u{200D}👧\u{200D}👦|x", x: 0, y: 1)
        terminal.draw(buffer)
        // ncurses holds one spacing character a cell: a skin tone or a joined family shows as its first
        // emoji, a flag as its two letters; every cluster keeps its two cells, so what follows lines up.
        XCTAssertEqual(terminal.screenText(row: 0), "CA|👋|e\u{301}|x")
        XCTAssertEqual(terminal.screenText(row: 1), "👨|x")
        let values = { (text: String, limit: Int) in Terminal.cellParts(text, limit: limit).map { $0.scalars.map(\.value) } }
        XCTAssertEqual(values("👨\u{200D}👩\u{200D}👧", 5), [[0x1F468]], "no joiner left hanging")
        XCTAssertEqual(values("\u{2764}\u{FE0F}", 5), [[0x2764, 0xFE0F]], "the emoji selector stays")
        XCTAssertEqual(values("a\u{301}\u{323}", 2), [[0x61, 0x301]])
        XCTAssertNil(Terminal.flagLetters("👋🏽"))
    }

    /// QA-i I11: a cell kept the first scalar of a cluster and the zero-width ones after it, so an Indic
    /// syllable lost its second consonant and its spacing vowel sign ("प्रिया" drawn "प्य"). Each spacing scalar
    /// now has its own ncurses cell, the marks after it with it, in the columns the buffer gave the syllable.
    func testIndicSyllablesAreDrawnWholeAndTheRowStaysAligned() throws {
        let values = { (text: String) in Terminal.cellParts(text, limit: 5).map { $0.scalars.map(\.value) } }
        XCTAssertEqual(values("प्रि"), [[0x92A, 0x94D], [0x930], [0x93F]], "pa+virama, ra, the vowel sign i: three cells")
        XCTAssertEqual(values("மி"), [[0xBAE], [0xBBF]])
        XCTAssertEqual(values("ழ்"), [[0xBB4, 0xBCD]])
        XCTAssertEqual(Terminal.cellParts("प्रि", limit: 5).map(\.width), [1, 1, 1])

        let terminal = try makeTerminal()
        defer { terminal.stop() }
        var buffer = Buffer(size: Size(width: 80, height: 24))
        let names = ["प्रिया Zoë é|x", "தமிழ் নন্দিনী Kim|x"]
        for (y, name) in names.enumerated() { buffer.write(name, x: 0, y: y) }
        buffer.write("प्रि|x", x: 76, y: 2)  // a syllable that reaches the last column
        terminal.draw(buffer)
        for (y, name) in names.enumerated() {
            XCTAssertEqual(terminal.screenText(row: y), name, "every letter and vowel sign drawn")
            // What follows starts where the buffer put it: the columns ncurses used are the buffer's.
            let bar = DisplayWidth.of(String(name.dropLast(2)))
            XCTAssertEqual(buffer[bar, y].text, "|")
            XCTAssertEqual(terminal.screenText(row: y, from: bar), "|x")
        }
        XCTAssertEqual(terminal.screenText(row: 2), String(repeating: " ", count: 76) + "प्रि|", "cut at the edge, never wrapped")
    }

    func testAttributesAndLazyColourPairs() throws {
        let saved = getenv("NO_COLOR").map { String(cString: $0) }
        unsetenv("NO_COLOR")
        defer { if let saved { setenv("NO_COLOR", saved, 1) } }

        let terminal = try makeTerminal()
        defer { terminal.stop() }
        XCTAssertTrue(terminal.capabilities.color)
        terminal.draw(sampleBuffer())

        let bold = terminal.screenAttributes(x: 0, y: 0)
        XCTAssertEqual(bold.attributes & portal_a_bold(), portal_a_bold())
        XCTAssertEqual(bold.pair, 0)                       // default colours use pair 0

        let title = terminal.screenAttributes(x: 0, y: 2)  // cyan + bold: the first pair allocated
        XCTAssertEqual(title.attributes & portal_a_bold(), portal_a_bold())
        XCTAssertEqual(title.pair, 1)
        var fg: Int16 = 0, bg: Int16 = 0
        XCTAssertEqual(pair_content(title.pair, &fg, &bg), OK)
        XCTAssertEqual(fg, Int16(COLOR_CYAN))
        XCTAssertEqual(bg, -1)                             // terminal default background

        let plain = terminal.screenAttributes(x: 0, y: 3)
        XCTAssertEqual(plain.attributes, portal_a_normal())

        let selected = terminal.screenAttributes(x: 76, y: 23)
        XCTAssertEqual(selected.attributes & portal_a_reverse(), portal_a_reverse())

        // Drawing again reuses the pair.
        terminal.draw(sampleBuffer())
        XCTAssertEqual(terminal.screenAttributes(x: 0, y: 2).pair, 1)
    }

    func testMonochromeKeepsAttributesAndDropsColour() throws {
        let terminal = try makeTerminal(color: false)
        defer { terminal.stop() }
        XCTAssertFalse(terminal.capabilities.color)
        terminal.draw(sampleBuffer())
        let title = terminal.screenAttributes(x: 0, y: 2)
        XCTAssertEqual(title.pair, 0)
        XCTAssertEqual(title.attributes & portal_a_bold(), portal_a_bold())
        XCTAssertEqual(terminal.screenAttributes(x: 76, y: 23).attributes & portal_a_reverse(), portal_a_reverse())
    }

    func testAsciiFallbackWhenTheLocaleIsNotUTF8() throws {
        let terminal = try makeTerminal(unicode: false)
        defer { terminal.stop() }
        terminal.draw(sampleBuffer())
        XCTAssertEqual(terminal.screenText(row: 0), "Pain today: 3/10")
        XCTAssertEqual(terminal.screenText(row: 1), "  ? ?  ok")      // wide chars keep their two cells
        XCTAssertEqual(terminal.screenText(row: 2), "+--+")
        XCTAssertEqual(terminal.screenText(row: 3), "|_#|")
        XCTAssertEqual(terminal.screenText(row: 4), "e")

        // The cell after a wide character's stand-in keeps the style (no gap in a highlight).
        var highlighted = Buffer(size: Size(width: 80, height: 24))
        highlighted.write("中x", x: 0, y: 0, style: .selected)
        terminal.draw(highlighted)
        XCTAssertEqual(terminal.screenText(row: 0), "? x")
        XCTAssertEqual(terminal.screenAttributes(x: 1, y: 0).attributes & portal_a_reverse(), portal_a_reverse())
    }

    func testBufferLargerOrSmallerThanTheScreenIsClipped() throws {
        let terminal = try makeTerminal()
        defer { terminal.stop() }
        var big = Buffer(size: Size(width: 100, height: 30))
        big.write(String(repeating: "x", count: 100), x: 0, y: 0)
        big.write("中", x: 79, y: 1)   // a wide char in the last screen column would wrap
        terminal.draw(big)
        XCTAssertEqual(terminal.screenText(row: 0), String(repeating: "x", count: 80))
        XCTAssertEqual(terminal.screenText(row: 1), "")
        XCTAssertEqual(terminal.screenText(row: 2), "")

        var small = Buffer(size: Size(width: 10, height: 2))
        small.write("small", x: 0, y: 0)
        terminal.draw(small)
        XCTAssertEqual(terminal.screenText(row: 0), "small")
        XCTAssertEqual(terminal.screenText(row: 1), "")
    }

    func testCursorIsShownAtTheBufferCursor() throws {
        let terminal = try makeTerminal()
        defer { terminal.stop() }
        var buffer = sampleBuffer()
        buffer.cursor = Point(x: 5, y: 7)
        terminal.draw(buffer)
        XCTAssertEqual(getcury(portal_stdscr()), 7)
        XCTAssertEqual(getcurx(portal_stdscr()), 5)
    }

    func testStopIsIdempotentAndDisablesTheTerminal() throws {
        let terminal = try makeTerminal()
        XCTAssertTrue(terminal.isActive)
        terminal.stop()
        terminal.stop()
        XCTAssertFalse(terminal.isActive)
        XCTAssertNil(terminal.readKey(timeoutMilliseconds: 0))
        terminal.draw(sampleBuffer())   // ignored, no crash
        XCTAssertEqual(terminal.size, Size(width: 0, height: 0))
    }

    func testUnknownTerminalTypeThrows() {
        XCTAssertThrowsError(try Terminal(terminalType: "no-such-terminal-xyz", output: output, input: input)) {
            XCTAssertEqual($0 as? TerminalError, .cannotStart(terminalType: "no-such-terminal-xyz"))
        }
    }
}
