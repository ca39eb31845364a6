import PortalCore
import XCTest
@testable import PortalUI

/// Home's menu (issue 23): at 80×24, the most common terminal, every item shows without scrolling, for the
/// patient and for her therapist, alert or not (two columns when one would scroll); 60×18 shows no fewer items
/// than one column did. And Home's own read (`PortalSnapshot.isHomeOnly`) never reaches another screen.
final class HomeMenuTests: XCTestCase {
    private let size80 = Size(width: 80, height: 24)
    private let small = PortalApp.minimumSize

    /// The menu items drawn on `screen`, by their "key label" text.
    private func drawn(_ app: PortalApp, size: Size) -> [String] {
        let text = app.view(size: size).lines.joined(separator: "\n")
        return HomeScreen.menu(app.context).map { "\($0.key) \($0.label)" }.filter { text.contains($0) }
    }

    private var cases: [(String, PortalApp)] {
        [("her Home", Fixtures.app(Fixtures.demo)),
         ("her Home with an alert", Fixtures.app(Fixtures.reviewedDemo, viewer: .clinicPatient)),
         ("her chart with an alert", Fixtures.therapistApp(keys: [.enter]))]
    }

    func testEveryItemShowsAt80x24WithoutScrolling() {
        for (name, app) in cases {
            var app = app
            _ = app.update(.resized(size80))
            let screen = app.view(size: size80)
            XCTAssertEqual(drawn(app, size: size80).count, HomeScreen.menu(app.context).count, "\(name):\n\(screen.lines.joined(separator: "\n"))")
            XCTAssertNil(Fixtures.row(screen, containing: "more below"), name)
        }
    }

    /// At 60×18 the menu shows at least as many items as one column of the same rows did (four and the "more"
    /// line at the least), and its last row still says there are more.
    func testTheSmallestWindowShowsNoFewerItems() {
        for (name, app) in cases {
            var app = app
            _ = app.update(.resized(small))
            let screen = app.view(size: small)
            let home: HomeScreen
            guard case .home(let h) = app.top else { return XCTFail(name) }
            home = h
            let menu = HomeScreen.layout(app.context, bannerOpen: home.bannerOpen, area: Rect(size: app.context.area)).menu
            let oneColumn = min(HomeScreen.menu(app.context).count, menu.height - 1)
            XCTAssertGreaterThanOrEqual(drawn(app, size: small).count, max(4, oneColumn), "\(name):\n\(screen.lines.joined(separator: "\n"))")
        }
    }

    /// In two columns ↓ goes down the first and on to the second, and → and ← go across.
    func testTheArrowsGoDownAndAcrossTheColumns() throws {
        var app = Fixtures.app(Fixtures.demo)
        _ = app.update(.resized(size80))
        let menu = HomeScreen.menu(app.context)
        let grid = HomeScreen.menuGrid(app.context, in: HomeScreen.layout(app.context, bannerOpen: false, area: Rect(size: app.context.area)).menu)
        guard grid.columns == 2 else { return XCTFail("one column at 80×24") }
        app.press(.right)
        let screen = app.view(size: size80)
        let row = try XCTUnwrap(Fixtures.row(screen, containing: "\(menu[grid.rows].key) \(menu[grid.rows].label)"))
        XCTAssertEqual(Fixtures.style(of: menu[grid.rows].label, row: row, in: screen)?.reverse, true, "the item beside the first is chosen")
        app.press(.left)
        guard case .home(let home) = app.top else { return XCTFail() }
        XCTAssertEqual(home.selected, 0)
        app.press(.end, .right)
        guard case .home(let last) = app.top else { return XCTFail() }
        XCTAssertEqual(last.selected, menu.count - 1, "→ in the second column stays there")
        // ↓ from the bottom of the first column goes on to the top of the second.
        var down = Fixtures.app(Fixtures.demo)
        _ = down.update(.resized(size80))
        for _ in 0..<grid.rows { down.press(.down) }
        down.press(.enter)
        XCTAssertEqual(down.top.kind, try XCTUnwrap(menu[grid.rows].open)(down.context).kind)
    }

    /// Issue 23 point 5: until the whole record is read, a key that would open another screen waits on Home and
    /// the message line says why (or, when the read failed, what to do); keys that stay on Home work. Without
    /// this the bowel log opened empty from Home's read, with no word.
    func testOnHomesOwnReadAKeyThatWouldLeaveHomeWaitsAndSaysWhy() {
        var partial = Fixtures.demo
        partial.isHomeOnly = true
        var app = Fixtures.app(partial)
        _ = app.update(.resized(size80))
        for key: Key in [.character("o"), .enter, .character("p"), .character("d")] {
            XCTAssertEqual(app.press(key), [], "\(key)")
            XCTAssertEqual(app.top.kind, .home, "\(key)")
            XCTAssertEqual(app.flash?.text, "Your record is still loading… Home shows what it has; the rest opens once it is here.")
            XCTAssertNotNil(Fixtures.row(app.view(size: size80), containing: "Your record is still loading"))
        }
        app.press(.down)
        guard case .home(let home) = app.top else { return XCTFail() }
        XCTAssertEqual(home.selected, 1, "moving on Home works")
        app.press(.character("?"))
        XCTAssertTrue(app.showingHelp, "help works")
        app.press(.escape)
        app.wholeReadProblem = "The clinic server closed the connection."
        app.storeIsRemote = true
        app.press(.character("e"))
        XCTAssertEqual(app.top.kind, .home)
        XCTAssertEqual(app.flash?.text, "Your record could not be read whole (The clinic server closed the connection.). Home shows part of it. "
                       + "Press a key to try again, or q to quit and start the portal again; if it keeps failing, tell your clinic.")
        XCTAssertEqual(app.press(.character("q")), [.quit], "q quits")
        // Once the whole record is here, the same key opens its screen.
        _ = app.update(.loaded(Fixtures.demo))
        app.press(.character("o"))
        XCTAssertEqual(app.top.kind, .bowelLog)
    }
}
