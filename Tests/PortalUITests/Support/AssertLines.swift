import XCTest
@testable import PortalUI

/// Asserts that `buffer.lines` (rows with trailing spaces removed) equal `expected`. On failure it prints
/// both versions side by side with row numbers and a `≠` on each differing row, like ratatui's buffer
/// assertion, so the difference is visible at a glance.
func assertLines(_ buffer: Buffer, _ expected: [String], _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let actual = buffer.lines
    // Trailing spaces are invisible in a terminal; trimming the expectation too keeps tests readable.
    let wanted = expected.map { s -> String in
        var t = s
        while t.last == " " { t.removeLast() }
        return t
    }
    guard actual != wanted else { return }
    // PRINT_ACTUAL=1 prints the drawn rows as a Swift literal, for updating a test after a deliberate change.
    if ProcessInfo.processInfo.environment["PRINT_ACTUAL"] != nil {
        print("ACTUAL \(file):\(line)\n" + actual.map { "            \"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"," }.joined(separator: "\n"))
    }
    XCTFail("buffer lines differ" + (message.isEmpty ? "" : " (\(message))") + "\n" + sideBySide(expected: wanted, actual: actual, width: buffer.size.width),
            file: file, line: line)
}

/// The failure report: `row | expected | actual`, with differing rows marked.
func sideBySide(expected: [String], actual: [String], width: Int) -> String {
    let columnWidth = max(width, expected.map { DisplayWidth.of($0) }.max() ?? 0, 8)
    func cell(_ s: String?) -> String {
        guard let s else { return String(repeating: " ", count: columnWidth) + "  " }
        return "\"" + s + "\"" + String(repeating: " ", count: max(0, columnWidth - DisplayWidth.of(s)))
    }
    var out = "     " + DisplayWidth.pad("expected", to: columnWidth + 3) + "actual\n"
    for row in 0..<max(expected.count, actual.count) {
        let e = row < expected.count ? expected[row] : nil
        let a = row < actual.count ? actual[row] : nil
        let mark = e == a ? " " : "≠"
        let number = String(row)
        out += mark + String(repeating: " ", count: max(0, 3 - number.count)) + number + " "
        out += cell(e) + " " + (a.map { "\"" + $0 + "\"" } ?? "(missing)") + (e == nil ? "  (extra)" : "") + "\n"
    }
    return out
}

/// Renders `widget` into a fresh buffer of the given size.
func draw(_ widget: some Widget, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    widget.render(into: &buffer, area: buffer.area)
    return buffer
}

/// Renders `widget` at sizes from 0×0 to `maxWidth`×`maxHeight`: none of them may crash or draw outside.
func drawAtEverySize(_ widget: some Widget, maxWidth: Int = 12, maxHeight: Int = 5,
                     file: StaticString = #filePath, line: UInt = #line) {
    for w in 0...maxWidth {
        for h in 0...maxHeight {
            // Draw into the middle of a larger buffer so any write outside the area shows up.
            var buffer = Buffer(size: Size(width: w + 4, height: h + 4))
            let area = Rect(x: 2, y: 2, width: w, height: h)
            widget.render(into: &buffer, area: area)
            for y in 0..<buffer.size.height {
                for x in 0..<buffer.size.width where !(x >= 2 && x < 2 + w && y >= 2 && y < 2 + h) {
                    if buffer[x, y] != .blank {
                        XCTFail("drew outside \(w)x\(h) at (\(x),\(y))", file: file, line: line)
                        return
                    }
                }
            }
        }
    }
}
