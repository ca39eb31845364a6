import Foundation
import XCTest
import PortalCore
@testable import PortalUI

private typealias F = Fixtures

final class SessionLogScreenTests: XCTestCase {
    /// Home → Exercises → Sit to stand → l: the session form.
    private func openForm(_ store: SQLiteStore) throws -> PortalApp {
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: F.clock), content: F.content)
        try F.press([.character("e"), .down, .enter, .character("l")], on: &app, store: store)
        guard case .sessionLog = app.top else { XCTFail("l opens the session form: \(app.top)"); return app }
        return app
    }

    func testAnEarlierDayWithFewerSetsAndPainIsSavedAsPartial() throws {
        let store = try F.store()
        var app = try openForm(store)
        var lines = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains("Today, Fri 27 Nov"), lines)
        XCTAssertTrue(lines.contains("2 of 2 →  all of them"), lines)
        // Two days back, one set of two, pain 3.
        try F.press([.left, .left, .down, .left, .down, .right, .right, .right, .right], on: &app, store: store)
        lines = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains("← Wed 25 Nov →"), lines)
        XCTAssertTrue(lines.contains("← 1 of 2 →  partial (fewer sets than prescribed)"), lines)
        XCTAssertTrue(lines.contains("← 3/10 during it →"), lines)
        let before = try store.sessions(from: F.today.adding(days: -2), to: F.today.adding(days: -2))
        try F.press([.enter], on: &app, store: store)
        guard case .exerciseDetail = app.top else { return XCTFail("saving goes back to the exercise: \(app.top)") }
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).lines.contains(" Saved: Sit to stand for Wed 25 Nov, 1 set, pain 3/10."),
                      app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n"))
        let after = try store.sessions(from: F.today.adding(days: -2), to: F.today.adding(days: -2))
        XCTAssertEqual(after.count, before.count + 1)
        let saved = try XCTUnwrap(after.last)
        XCTAssertEqual([saved.exerciseID, "\(saved.setsDone)", "\(saved.pain ?? -1)"], ["sit-to-stand", "1", "3"])
    }

    func testTheDayStopsAWeekBackAndThePainCanBeLeftUnsaid() throws {
        let store = try F.store()
        var app = try openForm(store)
        try F.press(Array(repeating: .left, count: 12), on: &app, store: store)
        let lines = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains("← Fri 20 Nov →"), "7 days back at most: \(lines)")
        XCTAssertTrue(lines.contains("← not said →"), lines)
    }

    // Issue 19, point 1: pain during an exercise is pain. Choosing 8 or more shows Log pain's message on the form,
    // and once saved Home shows it and counts it in today's pain.
    func testHighPainDuringTheSessionShowsLogPainsMessageAndHomeKeepsIt() throws {
        let store = try F.store()
        var app = try openForm(store)
        try F.press([.down, .down] + Array(repeating: .right, count: 10), on: &app, store: store)
        var lines = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains("← 9/10 during it →"), lines)
        XCTAssertTrue(lines.contains("High pain: Your pain is high. Stop what hurts"), lines)
        try F.press([.right], on: &app, store: store)
        let small = app.view(size: Size(width: 60, height: 18)).lines.joined(separator: "\n")
        XCTAssertTrue(small.contains("← 10/10 during it →"), "the form stays in view under the message at 60×18: \(small)")
        try F.press([.enter, .escape, .escape], on: &app, store: store)
        guard case .home = app.top else { return XCTFail("back on Home: \(app.top)") }
        lines = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains("High pain: You logged pain of 10 out of 10."), lines)
        XCTAssertTrue(lines.contains("10/10 during Sit to stand"), lines)
    }
}
