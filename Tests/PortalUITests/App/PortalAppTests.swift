import PortalCore
import XCTest
@testable import PortalUI

final class PortalAppTests: XCTestCase {
    func testAnEmptyDatabaseStartsOnTheWelcomeAndAPatientOnHome() throws {
        XCTAssertEqual(MainFixtures.app(MainFixtures.emptySnapshot()).top, .welcome(WelcomeScreen()))
        XCTAssertEqual(MainFixtures.app(try MainFixtures.demoSnapshot()).top, .home(HomeScreen()))
    }

    func testLoadingAPatientLeavesTheWelcome() throws {
        var app = MainFixtures.app(MainFixtures.emptySnapshot())
        _ = app.update(.loaded(try MainFixtures.demoSnapshot()))
        XCTAssertEqual(app.top, .home(HomeScreen()))
    }

    func testHomeShortcutsOpenScreensAndEscGoesBack() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        app.press(.character("v"))
        XCTAssertEqual(app.top, .visits(VisitsScreen()))
        app.press(.escape)
        XCTAssertEqual(app.top, .home(HomeScreen()))
        app.press(.down, .down, .enter)
        XCTAssertEqual(app.top, .visits(VisitsScreen()))
        app.press(.character("q"))
        XCTAssertEqual(app.stack.count, 1, "q goes back from an inner screen")
    }

    func testQuitFromHome() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        XCTAssertEqual(app.press(.character("q")), [.quit])
    }

    func testQuittingWithAnUnsavedEntryAsksFirst() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        app.press(.character("l"), .character("6"))
        XCTAssertTrue(app.top.screen.hasUnsavedChanges)
        XCTAssertEqual(app.press(.escape), [])
        XCTAssertEqual(app.confirmation, .leave)
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Leave anyway?"))
        app.press(.character("n"))
        XCTAssertNil(app.confirmation)
        guard case .logPain = app.top else { return XCTFail("stayed on the log screen") }
        app.press(.escape, .character("y"))
        XCTAssertEqual(app.top, .home(HomeScreen()))
    }

    func testHelpOpensWithQuestionMarkAndAnyKeyClosesIt() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        app.press(.character("?"))
        XCTAssertTrue(app.showingHelp)
        let screen = app.view(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("┌ Keys"), screen.lines.joined(separator: "\n"))
        XCTAssertTrue(screen.contains("go back"))
        app.press(.character("x"))
        XCTAssertFalse(app.showingHelp)
        XCTAssertEqual(app.top, .home(HomeScreen()), "the key that closes help does nothing else")
    }

    func testSavedIsShownOnlyAfterTheEffectCompletes() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        let effects = app.press(.character("l"), .character("3"), .enter)
        guard case .savePain(let entry)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertFalse(app.view(size: Size(width: 80, height: 24)).contains("Saved"), "nothing is shown as saved before the commit")
        _ = app.update(.completed(.savePain(entry)))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Saved: pain 3/10 for today at 12:00."))
    }

    func testAFailedSaveSaysSoAndKeepsTheDraft() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        let effects = app.press(.character("l"), .character("3"), .enter)
        _ = app.update(.failed(effects[0], "The disk is full; nothing was saved."))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Not saved: The disk is full"))
        guard case .logPain(let s) = app.top else { return XCTFail() }
        XCTAssertEqual(s.score, 3)
    }

    func testTooSmallAWindowSaysSoAndStillQuits() throws {
        var app = MainFixtures.app(try MainFixtures.demoSnapshot())
        let small = app.view(size: Size(width: 40, height: 10))
        assertLines(small, [
            "The window is too small.",
            "It is 40×10; the portal needs at least",
            "60×18.",
            "Make the window bigger, or press q to",
            "quit.",
            "", "", "", "", "",
        ])
        XCTAssertEqual(app.press(.character("q")), [.quit])
    }

    func testEveryScreenDrawsAtEverySizeWithoutCrashing() throws {
        let snapshot = try MainFixtures.demoSnapshot()
        var app = MainFixtures.app(snapshot)
        for key in ["l", "e", "v", "p", "r", "c", "i"] {
            app.press(.character(Character(key)))
            for (w, h) in [(60, 18), (80, 24), (132, 43), (59, 17), (1, 1), (0, 0)] {
                _ = app.view(size: Size(width: w, height: h))
            }
            app.press(.escape, .character("y"))
        }
        XCTAssertEqual(app.stack.count, 1)
    }
}
