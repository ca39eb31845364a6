import XCTest
@testable import PortalUI

final class BannerTests: XCTestCase {
    func testDangerWrapsWithItsWordAndFillsTheRows() {
        let banner = Banner(.danger, "Pain of 8 or more: contact your provider today.")
        XCTAssertEqual(banner.height(width: 30), 3)
        let buffer = draw(banner, width: 30, height: 3)
        assertLines(buffer, [
            " Important: Pain of 8 or",
            " more: contact your provider",
            " today.",
        ])
        XCTAssertTrue(buffer[29, 2].style.reverse, "the bar spans the full width of every row it uses")
        XCTAssertEqual(buffer[29, 2].style.foreground, .red)
        XCTAssertTrue(buffer[1, 0].style.bold, "the word is bold")
        let warning = draw(Banner(.warning, "Rest today."), width: 24, height: 1)
        XCTAssertTrue(warning[1, 0].style.bold)
        XCTAssertFalse(warning[11, 0].style.bold, "only the word is bold")
    }

    func testEveryLevelHasAWordSoColourIsNotTheOnlySignal() {
        XCTAssertEqual(BannerLevel.allCases.map(\.word), ["Note:", "Done:", "Warning:", "Important:"])
        assertLines(draw(Banner(.success, "Pain 4 logged.", prefix: "Saved"), width: 24, height: 1),
                    [" Saved Pain 4 logged."])
        XCTAssertEqual(Set(BannerLevel.allCases.map(\.style.foreground)).count, 4)
    }

    func testTooFewRowsEndsWithAnEllipsis() {
        let banner = Banner(.warning, "Calf swelling can be serious, call now")
        assertLines(draw(banner, width: 20, height: 1), [" Warning: Calf…"])
    }

    func testTinySizes() {
        assertLines(draw(Banner(.info, "Hi"), width: 3, height: 2), ["Not", "e:…"])
        assertLines(draw(Banner(.info, "Hi"), width: 1, height: 1), ["N"])
        drawAtEverySize(Banner(.danger, "Call your provider 日本"))
    }
}
