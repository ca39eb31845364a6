import PortalCore
import XCTest
@testable import PortalUI

/// "1" then "0" is 10 only when typed together; the time between them comes in as ticks through the app.
final class LogPainScoreKeysTests: XCTestCase {
    private func logPain() throws -> PortalApp {
        let app = Fixtures.app(Fixtures.demo, keys: [.character("l")])
        guard case .logPain = app.top else { XCTFail("l opens Log pain: \(app.top)"); return app }
        return app
    }

    private func score(_ app: PortalApp) -> (Int?, String?) {
        if case .logPain(let s) = app.top { return (s.score, s.scoreNote) }
        return (nil, nil)
    }

    private func screenText(_ app: PortalApp) -> String { app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n") }

    func testOneThenZeroWithinASecondIsTenAndSaysSo() throws {
        var app = try logPain()
        _ = app.update(.key(.character("1")))
        _ = app.update(.tick(0.25))
        _ = app.update(.tick(0.5))
        _ = app.update(.key(.character("0")))
        XCTAssertEqual(score(app).0, 10)
        XCTAssertTrue(screenText(app).contains("10: you typed 1 then 0."), screenText(app))
    }

    func testOneThenZeroApartIsANewScoreOfZeroAndSaysSo() throws {
        var app = try logPain()
        _ = app.update(.key(.character("1")))
        for _ in 0..<5 { _ = app.update(.tick(0.25)) }
        _ = app.update(.key(.character("0")))
        XCTAssertEqual(score(app).0, 0)
        XCTAssertTrue(screenText(app).contains("0: a new score (the 1 was more than a second before)."), screenText(app))
        // Any other key clears the note; a 0 after another digit is just 0, with nothing to explain.
        _ = app.update(.key(.character("3")))
        _ = app.update(.key(.character("0")))
        XCTAssertEqual(score(app).0, 0)
        XCTAssertNil(score(app).1)
    }

    func testTimePassingAfterTheWindowNoLongerChangesTheScreen() throws {
        var app = try logPain()
        _ = app.update(.key(.character("1")))
        _ = app.update(.tick(0.25))
        let during = app.top
        _ = app.update(.tick(0.25))
        XCTAssertNotEqual(app.top, during, "inside the window the time since the 1 is still counted")
        for _ in 0..<8 { _ = app.update(.tick(0.25)) }
        let after = app.top
        for _ in 0..<40 { _ = app.update(.tick(0.25)) }
        XCTAssertEqual(app.top, after, "past the window an idle Log pain screen stays the same, so nothing is redrawn")
        _ = app.update(.key(.character("0")))
        XCTAssertEqual(score(app).0, 0, "a 0 long after the 1 is still a new score")
    }
}
