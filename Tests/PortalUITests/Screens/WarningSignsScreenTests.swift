import PortalCore
import XCTest
@testable import PortalUI

/// Issue 7, point 14: a warning-signs check from Home, without a pain score, with the same message.
final class WarningSignsScreenTests: XCTestCase {
    private func lines(_ s: WarningSignsScreen, _ ctx: ScreenContext, width: Int = 78, height: Int = 21) -> [String] {
        var b = Buffer(size: Size(width: width, height: height))
        s.view(ctx, into: &b, area: b.area)
        return b.lines
    }

    func testHomeOpensTheCheckAndSavingShowsTheBannerOnHome() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("w"))
        XCTAssertEqual(app.top, .warningSigns(WarningSignsScreen()))
        let ctx = Fixtures.context(Fixtures.demo)
        let signs = LogPainScreen.signs(ctx)
        let harm = try XCTUnwrap(signs.firstIndex { $0.id == "thoughts-of-harm" })
        for _ in 0..<harm { app.press(.down) }
        app.press(.character(" "))
        let shown = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(shown.contains("Emergency: Call 911 now."), shown)
        XCTAssertTrue(shown.contains("You ticked: Thoughts of hurting yourself or your baby."), shown)
        XCTAssertTrue(shown.contains("988"), shown)
        let effects = app.press(.enter)
        guard case .saveSigns(let report)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(report.signs, ["thoughts-of-harm"])
        XCTAssertEqual(report.date, Fixtures.today)

        // The runtime saves it, loads a snapshot with it, and the screen goes back to Home with the banner.
        var snapshot = Fixtures.demo
        snapshot.signReports = [report]
        _ = app.update(.loaded(snapshot))
        _ = app.update(.completed(.saveSigns(report), .signReport(report)))
        XCTAssertEqual(app.top, .home(HomeScreen()))
        let home = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(home.joined(separator: " ").contains("Saved: warning signs for today at 12:00."), home.joined(separator: "\n"))
        XCTAssertTrue(home.contains { $0.hasPrefix("  Emergency: Call 911 now.") }, home.joined(separator: "\n"))
        XCTAssertTrue(home.joined(separator: " ").split(separator: " ").joined(separator: " ").contains("You reported: Thoughts of hurting"), home.joined(separator: "\n"))
    }

    func testSavingNothingExplainsAndTheListFollowsTheStage() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = WarningSignsScreen()
        XCTAssertEqual(s.handle(.enter, ctx).effects, [])
        XCTAssertTrue(lines(s, ctx).joined().contains("Tick at least one sign"))
        let text = lines(s, ctx, height: 60).joined(separator: "\n")
        XCTAssertTrue(text.contains("Your baby moving less"), "the demo patient is pregnant")
        XCTAssertFalse(text.contains("Soaking a pad"))
        XCTAssertTrue(text.contains("go to sleep on your side"), "the side-sleeping message is shown in pregnancy")
        for size in [(80, 24), (60, 18)] {
            let l = lines(s, ctx, width: size.0, height: size.1 - 2)
            XCTAssertTrue(l.allSatisfy { DisplayWidth.of($0) <= size.0 })
            XCTAssertTrue(l.contains { $0.hasPrefix("› [ ] ") }, "the cursor row is on screen at \(size)")
        }
    }

    func testTheCrisisLinesStayInViewOnHomeAtTheMinimumSize() throws {
        var snapshot = Fixtures.demo
        snapshot.signReports = [SignReport(date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, signs: ["thoughts-of-harm"])]
        let text = Fixtures.app(snapshot).view(size: Size(width: 60, height: 18)).lines.joined(separator: " ")
        for needle in ["Call 911 now.", "988", "1-833-852-6262"] { XCTAssertTrue(text.contains(needle), "\(needle): \(text)") }
    }

    func testALongSignIsShownWholeInTheList() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = WarningSignsScreen()
        let nerve = try XCTUnwrap(LogPainScreen.signs(ctx).firstIndex { $0.id == "nerve-emergency" })
        for _ in 0..<nerve { _ = s.handle(.down, ctx) }
        let text = lines(s, ctx, width: 60, height: 16).joined(separator: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        // It wraps in its own row (the list no longer repeats it underneath), "call 911" beside its first line,
        // two spaces at least from the text (so "your" moves to the second line).
        XCTAssertTrue(text.contains("› [ ] New numbness between your legs or around call 911 your genitals or anus, "
                                    + "new loss of bladder or bowel control, or new leg weakness [ ] "), text)
    }
}
