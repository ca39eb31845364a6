import PortalCore
import XCTest
@testable import PortalUI

/// Safety text is never cut: on the Warning signs screen and in Log pain's warning-signs list every sign,
/// however long, is shown whole on the whole screen at 60×18, 80×24 and 200×50, its continuation lines indented
/// under its text, the cursor marker and box on its first line, and "call 911" still beside emergency signs.
final class WarningSignWrappingTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)]

    /// The cursor item read back from the screen: its first line (after the marker and box) and the continuation
    /// lines under it, joined; and the detail at the end of its first line.
    private func cursorItem(_ screen: Buffer, glyphs: Glyphs, at: String) throws -> (text: String, detail: String, row: Int) {
        let rows = screen.lines.map(Array.init)
        let lead = Array(glyphs.selectionMarker + " [")
        let row = try XCTUnwrap(rows.firstIndex { line in line.indices.contains { Array(line[$0...].prefix(lead.count)) == lead } },
                                "\(at): the cursor row is on screen\n" + screen.lines.joined(separator: "\n"))
        let line = rows[row]
        let start = line.indices.first { Array(line[$0...].prefix(lead.count)) == lead }! + 6
        var first = String(line[start...]).trimmingCharacters(in: .whitespaces)
        var detail = ""
        if first.hasSuffix("call 911") {
            detail = "call 911"
            first = String(first.dropLast(8)).trimmingCharacters(in: .whitespaces)
        }
        var parts = [first]
        for next in rows.dropFirst(row + 1) {
            guard next.count > start, next[..<start].allSatisfy({ $0 == " " }), next[start] != " " else { break }
            parts.append(String(next[start...]).trimmingCharacters(in: .whitespaces))
        }
        return (parts.joined(separator: " "), detail, row)
    }

    private func assertEverySignWhole(_ name: String, keys: [Key], file: StaticString = #filePath, line: UInt = #line) throws {
        let snapshot = Fixtures.demo
        let signs = LogPainScreen.signs(Fixtures.context(snapshot))
        XCTAssertTrue(signs.contains { DisplayWidth.of($0.text) > 60 }, "the list has a sign longer than a narrow row", file: file, line: line)
        for glyphs in [Glyphs.unicode, .ascii] {
            for size in Self.sizes {
                for (index, sign) in signs.enumerated() {
                    let screen = Fixtures.screen(snapshot, size: size, keys: keys + Array(repeating: .down, count: index), glyphs: glyphs)
                    let at = "\(name) at \(size.width)×\(size.height), sign \(index)\(glyphs == .ascii ? " in ASCII" : "")"
                    let item = try cursorItem(screen, glyphs: glyphs, at: at)
                    XCTAssertEqual(item.text, sign.text, "\(at): the whole sign is shown", file: file, line: line)
                    XCTAssertEqual(item.detail, sign.urgency == .emergency ? "call 911" : "", "\(at)", file: file, line: line)
                    XCTAssertTrue(screen.line(item.row).contains(glyphs.checkboxOff), "\(at): the box is on the first line", file: file, line: line)
                    XCTAssertFalse(screen.lines.contains { $0.contains("[ ]") && $0.hasSuffix(glyphs.ellipsis) },
                                   "\(at): no sign ends in an ellipsis\n" + screen.lines.joined(separator: "\n"), file: file, line: line)
                    XCTAssertTrue(screen.lines[size.height - 1].contains("? help"), "\(at): the hints stay", file: file, line: line)
                }
            }
        }
    }

    func testEverySignIsShownWholeOnTheWarningSignsScreen() throws {
        try assertEverySignWhole("Warning signs", keys: [.character("w")])
    }

    func testEverySignIsShownWholeInLogPain() throws {
        try assertEverySignWhole("Log pain", keys: [.character("l")] + Array(repeating: .tab, count: 5))
    }

    func testTheLongSignWrapsUnderItsTextAt60Columns() throws {
        let snapshot = Fixtures.demo
        let nerve = try XCTUnwrap(LogPainScreen.signs(Fixtures.context(snapshot)).firstIndex { $0.id == "nerve-emergency" })
        let screen = Fixtures.screen(snapshot, size: Size(width: 60, height: 18),
                                          keys: [.character("w")] + Array(repeating: .down, count: nerve))
        let row = try XCTUnwrap(screen.lines.firstIndex { $0.hasPrefix(" › [ ] New numbness") }, screen.lines.joined(separator: "\n"))
        XCTAssertEqual(Array(screen.lines[row..<(row + 3)]), [
            " › [ ] New numbness between your legs or around    call 911",
            "       your genitals or anus, new loss of bladder",
            "       or bowel control, or new leg weakness",
        ])
        for y in row..<(row + 3) {
            XCTAssertTrue((1..<59).allSatisfy { screen[$0, y].style.reverse }, "every line of the cursor item is highlighted: row \(y)")
        }
        XCTAssertFalse(screen[0, row + 3].style.reverse, "the next item is not")
    }

    // Issue 19, point 2: at 80×24 three signs sat below the window with no "↓ more", and at 60×18, scrolled, there
    // was no "↑ more". Wherever the cursor is, the list says which way signs are out of view, and only then.
    private func assertHiddenSignsAreAnnounced(_ name: String, keys: [Key], file: StaticString = #filePath, line: UInt = #line) throws {
        let snapshot = Fixtures.demo
        let signs = LogPainScreen.signs(Fixtures.context(snapshot))
        let starts = signs.map { String($0.text.prefix(18)) }
        XCTAssertEqual(Set(starts).count, signs.count, "each sign is known by its first words", file: file, line: line)
        var announced = 0
        for glyphs in [Glyphs.unicode, .ascii] {
            for size in Self.sizes {
                for index in signs.indices {
                    let screen = Fixtures.screen(snapshot, size: size, keys: keys + Array(repeating: .down, count: index), glyphs: glyphs)
                    let text = screen.lines.joined(separator: "\n")
                    let shown = starts.map { text.contains($0) }
                    guard let first = shown.firstIndex(of: true), let last = shown.lastIndex(of: true) else {
                        return XCTFail("\(name): no sign on screen\n\(text)", file: file, line: line)
                    }
                    let at = "\(name) at \(size.width)×\(size.height), cursor on sign \(index)\(glyphs == .ascii ? " in ASCII" : "")"
                    XCTAssertEqual(text.contains("\(glyphs.up) more above"), first > 0, "\(at)\n\(text)", file: file, line: line)
                    // The last sign shown may be cut short by the window: then more of it is below too.
                    let lastWhole = text.contains(String(signs[last].text.suffix(8)))
                    XCTAssertEqual(text.contains("\(glyphs.down) more below"), last < signs.count - 1 || !lastWhole, "\(at)\n\(text)",
                                   file: file, line: line)
                    if first > 0 || last < signs.count - 1 { announced += 1 }
                }
            }
        }
        XCTAssertGreaterThan(announced, 0, "some sizes do not hold every sign", file: file, line: line)
    }

    func testSignsOutOfViewAreAnnouncedOnTheWarningSignsScreen() throws {
        try assertHiddenSignsAreAnnounced("Warning signs", keys: [.character("w")])
    }

    func testSignsOutOfViewAreAnnouncedInLogPain() throws {
        try assertHiddenSignsAreAnnounced("Log pain", keys: [.character("l")] + Array(repeating: .tab, count: 5))
    }
}
