import XCTest
@testable import PortalUI

final class GlyphsTests: XCTestCase {
    /// Every string in a glyph set, found by reflection so a new glyph cannot escape these checks.
    private func strings(_ glyphs: Glyphs) -> [(String, String)] {
        Mirror(reflecting: glyphs).children.flatMap { child -> [(String, String)] in
            let name = child.label ?? "?"
            if let s = child.value as? String { return [(name, s)] }
            if let list = child.value as? [String] { return list.map { (name, $0) } }
            return []
        }
    }

    func testAsciiSetIsPureAscii() {
        let all = strings(.ascii)
        XCTAssertGreaterThan(all.count, 20)
        for (name, s) in all {
            XCTAssertTrue(s.unicodeScalars.allSatisfy(\.isASCII), "\(name) = \(s) is not ASCII")
        }
    }

    func testBothSetsHaveTheSameWidthsSoLayoutsMatch() {
        // Key names (`Up/Down` for `↑↓`) are words in ASCII, so they are left out: the status bar measures them.
        // So is `becomes` (`->` for `→`), which only ever stands inside text that is wrapped after it is measured.
        let unicode = Dictionary(strings(.unicode).filter { $0.0 != "barEighths" && $0.0 != "sparkLevels" },
                                 uniquingKeysWith: { a, _ in a })
        for (name, ascii) in strings(.ascii) where !["sparkLevels", "barEighths", "upDownKeys", "leftRightKeys", "becomes"].contains(name) {
            XCTAssertEqual(DisplayWidth.of(ascii), DisplayWidth.of(unicode[name] ?? ""), name)
        }
        for level in Glyphs.unicode.sparkLevels + Glyphs.unicode.barEighths {
            XCTAssertEqual(DisplayWidth.of(level), 1, level)
        }
    }

    func testForTerminal() {
        XCTAssertEqual(Glyphs.forTerminal(utf8: true), .unicode)
        XCTAssertEqual(Glyphs.forTerminal(utf8: false), .ascii)
    }
}
