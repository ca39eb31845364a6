import XCTest
@testable import PortalUI

final class StatusBarTests: XCTestCase {
    let hints = [KeyHint.move(.unicode), .open, .back, .help, .quit]

    func testAllHintsAtFullWidth() {
        let buffer = draw(StatusBar(hints: hints), width: 50, height: 1)
        assertLines(buffer, ["↑↓ move  Enter open  Esc back  ? help  q quit"])
        XCTAssertTrue(buffer[9, 0].style.bold, "keys are bold")
        XCTAssertFalse(buffer[15, 0].style.bold, "labels are not")
    }

    func testDropsWholeHintsFromTheEnd() {
        // "↑↓ move  Enter open  Esc back" is 29 cells; one short of that drops "Esc back" entirely.
        assertLines(draw(StatusBar(hints: hints), width: 29, height: 1), ["↑↓ move  Enter open  Esc back"])
        assertLines(draw(StatusBar(hints: hints), width: 28, height: 1), ["↑↓ move  Enter open"])
        assertLines(draw(StatusBar(hints: hints), width: 6, height: 1), [""])
        XCTAssertEqual(StatusBar.fittingCount(hints, width: 7), 1)
    }

    func testTrailingTextOnlyWhenItFits() {
        let bar = StatusBar(hints: [.back, .quit], trailing: "Page 2 of 5")
        assertLines(draw(bar, width: 32, height: 1), ["Esc back  q quit     Page 2 of 5"])
        assertLines(draw(bar, width: 26, height: 1), ["Esc back  q quit"])
    }

    func testAsciiArrowsAndTinySizes() {
        assertLines(draw(StatusBar(hints: [.move(.ascii)]), width: 14, height: 2), ["Up/Down move", ""])
        drawAtEverySize(StatusBar(hints: hints, trailing: "x"))
    }
}
