import PortalCore
import XCTest
@testable import PortalUI

final class WelcomeScreenTests: XCTestCase {
    let ctx = Fixtures.context(Fixtures.empty)

    func testAnEmptyDatabaseOpensOnWelcomeAt80x24() {
        let app = Fixtures.app(Fixtures.empty)
        XCTAssertEqual(app.top, .welcome(WelcomeScreen()))
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Welcome                                                    Fri 27 Nov",
            "",
            " Welcome to your physical therapy portal",
            "",
            " This portal keeps your physical therapy in one place: your six visits, the",
            " exercises for each week, a pain diary, and reading chosen for you.",
            "",
            " Everything you enter stays on this computer. There is no account, and nothing",
            " is sent anywhere.",
            "",
            " It does not replace your therapist. If something worries you, contact your",
            " therapist or your provider.",
            "",
            " › s Set up my portal",
            "   d Try the demo (a made-up patient, to look around first)",
        ] + Array(repeating: "", count: 8) + [
            "s set up  d demo  ↑↓ move  Enter choose  ? help  q quit",
        ])
    }

    func testEverythingFitsAt60x18() {
        assertLines(Fixtures.app(Fixtures.empty, keys: [.down]).view(size: Size(width: 60, height: 18)), [
            " Portal → Welcome                                Fri 27 Nov",
            "",
            " Welcome to your physical therapy portal",
            "",
            " This portal keeps your physical therapy in one place: your",
            " six visits, the exercises for each week, a pain diary, and",
            " reading chosen for you.",
            "",
            " Everything you enter stays on this computer. There is no",
            " account, and nothing is sent anywhere.",
            "",
            " It does not replace your therapist. If something worries",
            " you, contact your therapist or your provider.",
            "",
            "   s Set up my portal",
            " › d Try the demo (a made-up patient, to look around first)",
            "",
            "s set up  d demo  ↑↓ move  Enter choose  ? help  q quit",
        ])
    }

    func testTheMenuStaysOnScreenWhenTheTextDoesNot() {
        let lines = Fixtures.draw(WelcomeScreen(), ctx, width: 40, height: 8).lines
        XCTAssertEqual(lines[6], "› s Set up my portal")
        XCTAssertEqual(lines[7], "  d Try the demo (a made-up patient, to~".replacingOccurrences(of: "~", with: "…"))
        XCTAssertEqual(lines[0], "Welcome to your physical therapy portal")
    }

    func testSAndEnterOpenSetUp() {
        var screen = WelcomeScreen()
        XCTAssertEqual(screen.handle(.character("s"), ctx), .push(.setup(SetupScreen())))
        XCTAssertEqual(screen.handle(.enter, ctx), .push(.setup(SetupScreen())))
    }

    func testDAndEnterOnTheDemoLoadIt() {
        var screen = WelcomeScreen()
        XCTAssertEqual(screen.handle(.character("d"), ctx), .effects(.loadDemo))
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.selected, 1)
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.loadDemo))
        _ = screen.handle(.character("k"), ctx)
        XCTAssertEqual(screen.selected, 0)
        _ = screen.handle(.end, ctx)
        XCTAssertEqual(screen.selected, 1)
        _ = screen.handle(.up, ctx)
        XCTAssertEqual(screen.selected, 0)
    }

    func testQuitAndHelpAreLeftToTheApp() {
        var screen = WelcomeScreen()
        for key: Key in [.character("q"), .character("?"), .escape, .character("x"), .tab] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        var app = Fixtures.app(Fixtures.empty)
        XCTAssertEqual(app.update(.key(.character("q"))), [.quit])
    }

    func testTheDemoLeadsHome() {
        var app = Fixtures.app(Fixtures.empty)
        XCTAssertEqual(app.update(.key(.character("d"))), [.loadDemo])
        _ = app.update(.loaded(Fixtures.demo))
        XCTAssertEqual(app.update(.completed(.loadDemo, .nothing)), [.quit], "the wiring opens the demo in a file of its own")
        XCTAssertEqual(app.stack, [.home(HomeScreen())])
    }

    func testAsciiAndStaysInside() {
        let lines = Fixtures.draw(WelcomeScreen(), Fixtures.context(Fixtures.empty, glyphs: .ascii), width: 58, height: 15).lines
        XCTAssertEqual(lines[12], "> s Set up my portal")
        XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(lines)")
        Fixtures.assertStaysInside(WelcomeScreen(), ctx)
    }
}
