import PortalCore
import XCTest
@testable import PortalUI

final class PortalAppTests: XCTestCase {
    func testAnEmptyDatabaseStartsOnTheWelcomeAndAPatientOnHome() throws {
        XCTAssertEqual(Fixtures.app(Fixtures.empty).top, .welcome(WelcomeScreen()))
        XCTAssertEqual(Fixtures.app(Fixtures.demo).top, .home(HomeScreen()))
    }

    func testLoadingAPatientLeavesTheWelcome() throws {
        var app = Fixtures.app(Fixtures.empty)
        _ = app.update(.loaded(Fixtures.demo))
        XCTAssertEqual(app.top, .home(HomeScreen()))
    }

    func testHomeShortcutsOpenScreensAndEscGoesBack() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("v"))
        XCTAssertEqual(app.top, .visits(VisitsScreen()))
        app.press(.escape)
        XCTAssertEqual(app.top, .home(HomeScreen()))
        app.press(.down, .down, .down, .enter)
        XCTAssertEqual(app.top, .visits(VisitsScreen()))
        app.press(.character("q"))
        XCTAssertEqual(app.stack.count, 1, "q goes back from an inner screen")
    }

    func testQuitFromHome() throws {
        var app = Fixtures.app(Fixtures.demo)
        XCTAssertEqual(app.press(.character("q")), [.quit])
    }

    func testQuittingWithAnUnsavedEntryAsksFirst() throws {
        var app = Fixtures.app(Fixtures.demo)
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

    func testAPasteOnAScreenNotTakingTextDoesNothing() throws {
        var app = Fixtures.app(Fixtures.demo)
        let before = app.stack
        XCTAssertEqual(app.press(.paste("lq\n")), [])
        XCTAssertEqual(app.stack, before, "no letter or line break in it acted as a key")
        app.press(.character("?"))
        XCTAssertTrue(app.showingHelp)
        app.press(.paste("x"))
        XCTAssertTrue(app.showingHelp, "a paste does not close help either")
    }

    func testHelpOpensWithQuestionMarkAndAnyKeyClosesIt() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("?"))
        XCTAssertTrue(app.showingHelp)
        let screen = app.view(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("┌ Keys"), screen.lines.joined(separator: "\n"))
        XCTAssertTrue(screen.contains("quit"))
        XCTAssertFalse(screen.contains("go back"), "Home has nowhere to go back to")
        app.press(.character("x"))
        XCTAssertFalse(app.showingHelp)
        XCTAssertEqual(app.top, .home(HomeScreen()), "the key that closes help does nothing else")
    }

    func testSavedIsShownOnlyAfterTheEffectCompletes() throws {
        var app = Fixtures.app(Fixtures.demo)
        let effects = app.press(.character("l"), .character("3"), .enter)
        guard case .savePain(let entry)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertFalse(app.view(size: Size(width: 80, height: 24)).contains("Saved"), "nothing is shown as saved before the commit")
        _ = app.update(.completed(.savePain(entry), .painEntry(entry)))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Saved: pain 3/10 for today at 12:00."))
    }

    func testAFailedSaveSaysSoAndKeepsTheDraft() throws {
        var app = Fixtures.app(Fixtures.demo)
        let effects = app.press(.character("l"), .character("3"), .enter)
        _ = app.update(.failed(effects[0], .storage("The disk is full; nothing was saved.")))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Not saved: The disk is full"))
        guard case .logPain(let s) = app.top else { return XCTFail() }
        XCTAssertEqual(s.score, 3)
    }

    func testTooSmallAWindowSaysSoAndStillQuits() throws {
        var app = Fixtures.app(Fixtures.demo)
        let small = app.view(size: Size(width: 40, height: 10))
        assertLines(small, [
            "The window is too small.",
            "It is 40×10; the portal needs at least",
            "60×18.",
            "Make the window bigger, or press q to",
            "quit.",
            "", "", "", "", "",
        ])
        _ = app.update(.resized(Size(width: 40, height: 10)))
        XCTAssertEqual(app.press(.character("l"), .character("v"), .enter), [], "keys do nothing while nothing is shown")
        XCTAssertEqual(app.top, .home(HomeScreen()))
        XCTAssertEqual(app.press(.character("q")), [.quit])
    }

    func testAQuestionAskedBeforeTheWindowShrankIsShownAndAnswerable() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("l"), .character("6"), .escape)
        XCTAssertEqual(app.confirmation, .leave)
        _ = app.update(.resized(Size(width: 40, height: 12)))
        let text = app.view(size: Size(width: 40, height: 12)).lines.joined(separator: " ")
        XCTAssertTrue(text.contains("The window is too small."), text)
        XCTAssertTrue(text.contains("Leave anyway? y = leave"), "the question is on screen: \(text)")
        app.press(.character("y"))
        XCTAssertNil(app.confirmation)
        XCTAssertEqual(app.top, .home(HomeScreen()), "and y answers it")
    }

    func testEveryScreenDrawsAtEverySizeWithoutCrashing() throws {
        let snapshot = Fixtures.demo
        var app = Fixtures.app(snapshot)
        for key in ["l", "e", "v", "p", "r", "c", "i"] {
            app.press(.character(Character(key)))
            for (w, h) in [(60, 18), (80, 24), (132, 43), (59, 17), (1, 1), (0, 0)] {
                _ = app.view(size: Size(width: w, height: h))
            }
            app.press(.escape, .character("y"))
        }
        XCTAssertEqual(app.stack.count, 1)
    }

    // MARK: The area screens are drawn in

    /// The reader on "Round ligament pain" (from More to read: the last article but one).
    private func readerApp() throws -> PortalApp {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("r"), .end, .up, .enter)
        guard case .reader = app.top else { throw XCTSkip("the reader did not open: \(app.top)") }
        return app
    }

    /// Fails unless `app.context.area` is `expected`'s size and `view(size:)` draws the top screen exactly
    /// into `expected`: every cell there is what the screen draws on its own in that rectangle.
    private func assertTopScreenIsDrawn(_ app: PortalApp, size: Size, in expected: Rect,
                                        file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(app.context.area, expected.size, "at \(size)", file: file, line: line)
        let whole = app.view(size: size)
        var alone = Buffer(size: size)
        app.top.screen.view(app.context, into: &alone, area: expected)
        for y in expected.y..<expected.maxY {
            for x in expected.x..<expected.maxX where whole[x, y] != alone[x, y] {
                return XCTFail("at \(size) the screen is not drawn in \(expected): row \(y) is \"\(whole.line(y))\"",
                               file: file, line: line)
            }
        }
        XCTAssertTrue(whole.line(expected.maxY - 1).contains("lines 1-"), "the reader's last row is the area's last row",
                      file: file, line: line)
    }

    func testBeforeAnyResizeTheAreaIsThatOf80x24() throws {
        XCTAssertEqual(PortalApp.contentArea(for: Size(width: 80, height: 24), messageRows: 0),
                       Rect(x: 1, y: 2, width: 78, height: 21))
        XCTAssertEqual(ScreenContext.standardArea, Size(width: 78, height: 21))
        XCTAssertEqual(try readerApp().context.area, ScreenContext.standardArea)
    }

    func testResizedSetsTheAreaViewDrawsTheTopScreenIn() throws {
        var app = try readerApp()
        for size in [Size(width: 80, height: 24), Size(width: 60, height: 18), Size(width: 132, height: 43)] {
            _ = app.update(.resized(size))
            XCTAssertEqual(app.terminalSize, size)
            assertTopScreenIsDrawn(app, size: size, in: app.contentArea(for: size))
        }
        XCTAssertEqual(PortalApp.contentArea(for: Size(width: 60, height: 18), messageRows: 0), Rect(x: 1, y: 2, width: 58, height: 15))
        // The reader is text to read: in a wide window it keeps a readable measure.
        XCTAssertEqual(app.contentArea(for: Size(width: 132, height: 43)), Rect(x: 1, y: 2, width: PortalApp.readingMeasure, height: 40))
        XCTAssertEqual(app.context.area, Size(width: PortalApp.readingMeasure, height: 40))
    }

    /// A message above the key hints takes rows from the screen, as many as it wraps to at that width;
    /// the next key clears it and gives them back before the screen handles that key.
    func testAMessageTakesRowsFromTheArea() throws {
        var app = try readerApp()
        let failure = Message.failed(.markArticleRead("round-ligament-pain"), .storage("The disk is full; the article is not marked read."))
        // One row at 80 columns, two at 60.
        for (size, rows) in [(Size(width: 80, height: 24), 1), (Size(width: 60, height: 18), 2)] {
            _ = app.update(.resized(size))
            _ = app.update(failure)
            let expected = PortalApp.contentArea(for: size, messageRows: rows)
            XCTAssertEqual(expected.height, size.height - 3 - rows)
            assertTopScreenIsDrawn(app, size: size, in: expected)
            XCTAssertTrue(app.view(size: size).line(expected.maxY).contains("Not saved"), "the message is right under the screen")
            app.press(.home)
            XCTAssertNil(app.flash)
            assertTopScreenIsDrawn(app, size: size, in: PortalApp.contentArea(for: size, messageRows: 0))
        }
        // A resize while the message shows lays it out again at the new width.
        _ = app.update(failure)
        _ = app.update(.resized(Size(width: 80, height: 24)))
        assertTopScreenIsDrawn(app, size: Size(width: 80, height: 24), in: Rect(x: 1, y: 2, width: 78, height: 20))
    }

    func testAQuestionTakesRowsFromTheAreaUntilItIsAnswered() throws {
        var app = Fixtures.app(Fixtures.demo)
        _ = app.update(.resized(Size(width: 60, height: 18)))
        app.press(.character("l"), .character("6"), .escape)
        XCTAssertEqual(app.confirmation, .leave)
        XCTAssertLessThan(app.context.area.height, 15)
        XCTAssertEqual(app.context.area, app.contentArea(for: Size(width: 60, height: 18)).size)
        app.press(.character("n"))
        XCTAssertEqual(app.context.area, Size(width: 58, height: 15))
    }

    /// The reader pages by the rows it shows: 19 at 80×24 (20 rows of text, one kept), 13 at 60×18.
    func testPagingFollowsTheWindowAfterAResize() throws {
        var app = try readerApp()
        let large = Size(width: 80, height: 24), small = Size(width: 60, height: 18)
        _ = app.update(.resized(large))
        app.press(.character(" "))
        XCTAssertTrue(app.view(size: large).line(22).hasSuffix("lines 20-39 of 57"), app.view(size: large).line(22))
        _ = app.update(.resized(small))
        // At 58 columns the text is 67 lines and the place, line 20 of 57, is line 23 of 67.
        XCTAssertTrue(app.view(size: small).line(16).hasSuffix("lines 23-36 of 67"), app.view(size: small).line(16))
        app.press(.character(" "))
        XCTAssertTrue(app.view(size: small).line(16).hasSuffix("lines 36-49 of 67"), app.view(size: small).line(16))
        app.press(.pageUp)
        XCTAssertTrue(app.view(size: small).line(16).hasSuffix("lines 23-36 of 67"), app.view(size: small).line(16))
        _ = app.update(.resized(large))
        app.press(.end)
        XCTAssertTrue(app.view(size: large).line(22).hasSuffix("lines 38-57 of 57"), app.view(size: large).line(22))
    }
}
