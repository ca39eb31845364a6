import PortalCore
import XCTest
@testable import PortalUI

/// Each screen's keys are one table: what a key does, what the footer says and what help lists.
final class KeyTableTests: XCTestCase {
    private func helpKeys<S: PortalScreen>(_ screen: S, _ ctx: ScreenContext) -> [String] {
        screen.helpRows(ctx).filter { !$0.isHeading }.map { "\($0.key) \($0.label)" }
    }

    func testLogPainHelpListsEveryKeyOfEveryField() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        let help = helpKeys(LogPainScreen(ctx), ctx)
        for expected in ["0-10 ←→ score", "→ l + one more", "← h - one less", "←→ change day", "t today", "Space tick",
                         "←→ side", "Enter edit", "e edit", "d delete", "Enter save", "Ctrl-S save", "Tab next field",
                         "Shift-Tab back a field"] {
            XCTAssertTrue(help.contains(expected), "help lacks “\(expected)”: \(help)")
        }
        XCTAssertEqual(LogPainScreen(ctx).helpRows(ctx).filter(\.isHeading).map(\.label),
                       ["Pain score", "Day", "Where, worse with, signs", "Entries of the day"])
    }

    func testWhatHelpListsIsWhatTheKeysDo() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = LogPainScreen(ctx)
        s.focus(on: .day)
        _ = s.handle(.left, ctx)
        XCTAssertEqual(s.day, Fixtures.today.adding(days: -1))
        _ = s.handle(.character("t"), ctx)
        XCTAssertEqual(s.day, Fixtures.today, "t, listed as “today”, goes back to today")
        s.focus(on: .score)
        _ = s.handle(.character("+"), ctx)
        XCTAssertEqual(s.score, 0, "+ from no score is 0")
        _ = s.handle(.character("+"), ctx)
        _ = s.handle(.character("+"), ctx)
        _ = s.handle(.character("-"), ctx)
        XCTAssertEqual(s.score, 1, "+ and - change the score by one")
        XCTAssertEqual(s.handle(.ctrl("s"), ctx).effects.count, 1, "Ctrl-S saves from any field")
    }

    func testAKeyNotInTheTableIsLeftToTheApp() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var home = HomeScreen()
        XCTAssertEqual(home.handle(.character("z"), ctx).navigation, .unhandled)
        XCTAssertEqual(home.handle(.character("?"), ctx).navigation, .unhandled)
        for item in HomeScreen.menu(ctx) {
            XCTAssertTrue(helpKeys(home, ctx).contains("\(item.key) \(item.hint)"), "Home's help names \(item.key)")
        }
        // Her therapist's Home names her report under s, and none of the patient's own forms.
        var hers = ctx
        hers.viewer = .therapist(login: "maria")
        XCTAssertTrue(helpKeys(home, hers).contains("s report"))
        XCTAssertFalse(helpKeys(home, hers).contains { $0.hasPrefix("l ") || $0.hasPrefix("w ") || $0.hasPrefix("c ") })
    }

    func testTheFooterIsTheActivePartOfTheTable() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = LogPainScreen(ctx)
        XCTAssertEqual(s.hints(ctx).map(\.key), ["0-10 ←→", "Enter", "Tab"])
        s.focus(on: .entries)
        XCTAssertEqual(s.hints(ctx), [KeyHint("Enter", "edit"), KeyHint("d", "delete"), KeyHint("Tab", "next field")])
        XCTAssertEqual(s.handle(.character("+"), ctx), .unhandled, "the score's + does nothing in the entries")
        XCTAssertNil(s.score)
    }

    func testTheHelpOverlayShowsTheScreensKeysAndFits() throws {
        for size in [Size(width: 80, height: 24), PortalApp.minimumSize] {
            var app = Fixtures.app(Fixtures.demo)
            _ = app.update(.resized(size))
            app.press(.character("l"), .function(1))
            let text = app.view(size: size).lines.joined(separator: "\n")
            XCTAssertTrue(text.contains("On this screen:"), text)
            for key in ["Ctrl-S", "today", "one more", "Shift-Tab"] {
                XCTAssertTrue(text.contains(key), "\(size): help shows \(key)\n\(text)")
            }
        }
    }
}
