import XCTest
import PortalCore
@testable import PortalUI

final class TimerScreenTests: XCTestCase {
    typealias F = Fixtures
    let ctx = Fixtures.context()

    /// Standing hip extension as prescribed in week 4: 2 × 10 each side, no hold (3 s a rep), 30 s rest.
    let dose = Dose(sets: 2, reps: 10, holdSeconds: 0, restSeconds: 30, timesPerDay: 1, daysPerWeek: 5, side: .each)
    private var timer: TimerScreen { TimerScreen(exerciseID: "standing-hip-extension", dose: dose) }

    /// The timer, skipped on until it is finished.
    private func finished(_ id: String = "standing-hip-extension") -> TimerScreen {
        var s = TimerScreen(exerciseID: id, dose: dose)
        while s.timer.phase != .finished { _ = s.handle(.character("n"), ctx) }
        return s
    }

    private func app(glyphs: Glyphs = .unicode) throws -> PortalApp {
        var app = PortalApp(snapshot: F.demo, content: F.content, glyphs: glyphs)
        try F.press([.character("e"), .down, .down, .character("t")], on: &app)
        XCTAssertEqual(app.top, .timer(timer))
        return app
    }

    /// The front end ticks four times a second only while something moves that fast: the timer running, not
    /// Home, a paused timer or a finished one (an idle portal then wakes once a second).
    func testOnlyARunningTimerAsksForQuickTicks() throws {
        var app = try app()
        XCTAssertTrue(app.top.screen.ticksQuickly)
        try F.press([.character(" ")], on: &app)
        XCTAssertFalse(app.top.screen.ticksQuickly, "paused")
        try F.press([.character(" ")], on: &app)
        XCTAssertTrue(app.top.screen.ticksQuickly, "running again")
        XCTAssertFalse(finished().ticksQuickly)
        XCTAssertFalse(PortalApp(snapshot: F.demo, content: F.content).top.screen.ticksQuickly, "Home")
    }

    // MARK: - View

    func testGetReadyAt80x24() throws {
        assertLines(try app().view(size: Size(width: 80, height: 24)), [
            " Portal → Timer                                         Jordan Lee · Fri 27 Nov",
            "",
            " Standing hip extension · 2 × 10, each side",
            "", "", "", "", "",
            "                         Get into position (left side)",
            "",
            "                                     ██████",
            "                                     ██",
            "                                     ██████",
            "                                         ██",
            "                                     ██████",
            "",
            "                     Set 1 of 2 · Rep 1 of 10 · side 1 of 2",
            "               ───────────────────────────────────────── 5 s left",
            "", "", "", "", "",
            "Space pause  n next step  Esc stop  ? help",
        ])
    }

    func testHalfwayThroughAHoldAtTheMinimumSize() throws {
        var app = try app()
        XCTAssertEqual(app.update(.tick(5)), [.bell], "get-ready is over")
        XCTAssertEqual(app.update(.tick(1.5)), [], "half of the first 3-second rep")
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Timer                     Jordan Lee · Fri 27 Nov",
            "",
            " Standing hip extension · 2 × 10, each side",
            "",
            "",
            "                     Rep 1 (left side)",
            "",
            "                           ██████",
            "                               ██",
            "                           ██████",
            "                           ██",
            "                           ██████",
            "",
            "           Set 1 of 2 · Rep 1 of 10 · side 1 of 2",
            "     ████████████████████▌──────────────────── 2 s left",
            "",
            "",
            "Space pause  n next step  Esc stop  ? help",
        ])
    }

    func testPausedSaysSoAndHowToGoOn() {
        var s = timer
        XCTAssertEqual(s.handle(.character(" "), ctx), .stay)
        XCTAssertTrue(s.timer.isPaused)
        XCTAssertEqual(s.hints(ctx).first, KeyHint("Space", "resume"))
        let lines = F.drawInScreenArea(s, ctx).lines
        XCTAssertEqual(lines[18], "                         Paused. Press Space to go on.")
        XCTAssertEqual(s.tick(10, ctx), [], "no time passes while paused")
        XCTAssertEqual(s.timer.secondsLeft, 5)
        XCTAssertEqual(s.handle(.character(" "), ctx), .stay)
        XCTAssertFalse(s.timer.isPaused)
        XCTAssertEqual(s.hints(ctx).first, KeyHint("Space", "pause"))
        XCTAssertFalse(F.drawInScreenArea(s, ctx).contains("Paused"))
    }

    func testFinishedAsksToMarkItDone() {
        let s = finished()
        assertLines(F.drawInScreenArea(s, ctx, width: 60, height: 18), [
            "", "",
            " Standing hip extension · 2 × 10, each side",
            "", "", "", "", "",
            "                    All done. Well done!",
            "",
            "                 2 sets of 10 on each side.",
            "",
            "                Press Enter to mark it done.",
            "", "", "", "", "",
        ])
        XCTAssertEqual(s.hints(ctx), [KeyHint("Enter", "mark done"), KeyHint("Esc", "back")])
    }

    func testFinishedWhenAlreadyDoneTodayJustGoesBack() {
        var s = finished("side-lying-hip-abduction")
        XCTAssertTrue(F.drawInScreenArea(s, ctx).contains("Press Enter to go back."))
        XCTAssertEqual(s.hints(ctx), [KeyHint("Enter", "back")])
        XCTAssertEqual(s.handle(.enter, ctx), .pop)
    }

    func testAnExerciseNotInThisWeeksProgramIsNotMarked() {
        var s = finished("clamshell")  // dropped in week 4
        XCTAssertEqual(s.handle(.enter, ctx), .pop)
    }

    func testAShortAreaDropsTheBigDigitsButKeepsTheCountdown() {
        var buffer = Buffer(size: Size(width: 58, height: 8))
        timer.view(ctx, into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.lines, [
            "Standing hip extension · 2 × 10, each side",
            "",
            "",
            "              Get into position (left side)",
            "",
            "          Set 1 of 2 · Rep 1 of 10 · side 1 of 2",
            "    ───────────────────────────────────────── 5 s left",
            "",
        ])
    }

    func testASCIIFallback() throws {
        var app = try app(glyphs: .ascii)
        _ = app.update(.tick(2.5))
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[10], "                                     ######")
        XCTAssertEqual(lines[17], "               #####################-------------------- 3 s left", "half of 41 cells, rounded")
        for line in lines {
            XCTAssertTrue(line.unicodeScalars.allSatisfy { $0.isASCII || "×·".unicodeScalars.contains($0) }, line)
        }
    }

    func testNeverDrawsOutsideItsArea() {
        F.assertStaysInside(timer, ctx)
        var paused = timer
        _ = paused.handle(.character(" "), ctx)
        F.assertStaysInside(paused, ctx)
        F.assertStaysInside(finished(), ctx)
        var rest = TimerScreen(exerciseID: "sit-to-stand", dose: Dose(sets: 2, reps: 1, restSeconds: 300))
        _ = rest.handle(.character("n"), ctx)
        _ = rest.handle(.character("n"), ctx)
        XCTAssertEqual(rest.timer.phase, .rest)
        F.assertStaysInside(rest, F.context(glyphs: .ascii))
    }

    func testMinutesShowAsMinutesAndSeconds() {
        XCTAssertEqual(TimerScreen.countdown(5), "5")
        XCTAssertEqual(TimerScreen.countdown(59), "59")
        XCTAssertEqual(TimerScreen.countdown(60), "1:00")
        XCTAssertEqual(TimerScreen.countdown(125), "2:05")
        let digits = BigDigits("1:30", glyphs: .ascii)
        XCTAssertEqual(digits.rows, [
            "  ##        ######  ######",
            "####    ##      ##  ##  ##",
            "  ##        ######  ##  ##",
            "  ##    ##      ##  ##  ##",
            "######      ######  ######",
        ])
        XCTAssertEqual(digits.width, 26)
    }

    func testRestBetweenSetsShowsTheLongerCountdown() {
        var s = TimerScreen(exerciseID: "sit-to-stand", dose: Dose(sets: 2, reps: 1, restSeconds: 90))
        _ = s.handle(.character("n"), ctx)
        _ = s.handle(.character("n"), ctx)
        let lines = F.drawInScreenArea(s, ctx).lines
        XCTAssertTrue(lines.contains("                               Rest before set 2"), lines.joined(separator: "\n"))
        XCTAssertEqual(Array(lines[10...14]), [
            "                             ██        ██████  ██████",
            "                           ████    ██      ██  ██  ██",
            "                             ██        ██████  ██  ██",
            "                             ██    ██      ██  ██  ██",
            "                           ██████      ██████  ██████",
        ])
        XCTAssertTrue(lines.contains { $0.hasSuffix(" 90 s left") })
    }

    // MARK: - Keys and ticks

    func testTicksAdvanceTheTimerAndRingAtEachChange() {
        var s = timer
        XCTAssertEqual(s.tick(0.25, ctx), [])
        XCTAssertEqual(s.timer.remaining, 4.75, accuracy: 1e-9)
        XCTAssertEqual(s.tick(4.75, ctx), [.bell])
        XCTAssertEqual(s.timer.phase, .work)
        XCTAssertEqual(s.timer.rep, 1)
        XCTAssertEqual(s.tick(3, ctx), [.bell], "each paced rep rings")
        XCTAssertEqual(s.timer.rep, 2)
        XCTAssertEqual(s.tick(1, ctx), [])
    }

    func testNSkipsToTheNextStep() {
        var s = timer
        XCTAssertEqual(s.handle(.character("n"), ctx), .stay)
        XCTAssertEqual(s.timer.phase, .work)
        XCTAssertEqual(s.timer.instruction, "Rep 1 (left side)")
        XCTAssertEqual(s.handle(.character("n"), ctx), .stay)
        XCTAssertEqual(s.timer.rep, 2)
    }

    func testEnterWhenFinishedMarksDoneAndGoesBack() {
        var s = finished()
        XCTAssertEqual(s.handle(.enter, ctx), Reaction(.pop, effects: [.markDone(exerciseID: "standing-hip-extension", date: F.today)]))
    }

    func testKeysItDoesNotUseAreLeftToTheApp() {
        var s = timer
        for key in [Key.escape, .backspace, .enter, .character("q"), .character("?"), .down] {
            XCTAssertEqual(s.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(s, timer, "nothing changed")
        var done = finished()
        for key in [Key.character(" "), .character("n"), .escape] {
            XCTAssertEqual(done.handle(key, ctx), .unhandled, "\(key) once finished")
        }
    }

    func testEscStopsTheTimerAndGoesBack() throws {
        var app = try app()
        try F.press([.escape], on: &app)
        XCTAssertEqual(app.top, .exercises(ExercisesScreen(weekNumber: nil, selected: 2)))
    }

    func testFinishingThroughTheAppMarksItDoneBackOnTheList() throws {
        let store = try F.store()
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: F.clock), content: F.content)
        try F.press([.character("e"), .down, .down, .enter, .character("t")], on: &app, store: store)
        XCTAssertEqual(app.stack.count, 4, "home, list, detail, timer")
        // The whole exercise in one go: 5 s ready, 2 sides × (2 × 10 reps × 3 s + 30 s rest), 8 s to switch.
        XCTAssertEqual(app.update(.tick(5 + 2 * (60 + 30) + 8)), [.bell])
        guard case .timer(let t) = app.top else { return XCTFail("still on the timer") }
        XCTAssertEqual(t.timer.phase, .finished)
        try F.press([.enter], on: &app, store: store)
        XCTAssertEqual(app.top, .exerciseDetail(ExerciseDetailScreen(exerciseID: "standing-hip-extension", week: 4)))
        var lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[2], " Standing hip extension                                          [✓] Done today")
        XCTAssertEqual(lines[22], " Marked done: Standing hip extension.")
        try F.press([.escape], on: &app)
        lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[2], " Week 4 · from Tue 24 Nov · 2 of 6 done today")
        XCTAssertEqual(lines[11], " › [✓] Standing hip extension                                               NEW")
    }

    func testTheTimerFromTheListComesBackToTheSameRow() throws {
        let store = try F.store()
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: F.clock), content: F.content)
        try F.press([.character("e"), .end, .character("t")], on: &app, store: store)
        while case .timer(let t) = app.top, t.timer.phase != .finished { try F.press([.character("n")], on: &app) }
        try F.press([.enter], on: &app, store: store)
        // The last row is the quick squeezes, three times a day: one timed session is 1 of 3.
        XCTAssertEqual(app.top, .exercises(ExercisesScreen(weekNumber: nil, selected: 5)))
        XCTAssertEqual(app.view(size: Size(width: 80, height: 24)).lines[17],
                       " › [ ] Pelvic floor quick squeezes                                 1 of 3 today")
    }
}
