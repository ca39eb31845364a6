import XCTest
@testable import PortalCore
@testable import PortalUI

/// QA I2, I3, I15: a sign that means stopping exercise, reported today or yesterday, is said on every screen
/// that helps her exercise, with the same action as Home's banner, and none of them moves her on: the detail
/// screen shows the banner and its footer invites no "mark done" or timer; the timer stops counting. Home's
/// banner, however small the window, says the action whole.
final class StopSignEverywhereTests: XCTestCase {
    typealias F = Fixtures
    static let stop = "Important: Stop exercising and call your provider now."

    /// The demo with `signs` reported this morning, and a pain of 9 during an exercise (QA I2's patient).
    private func snapshot(_ signs: [String] = ["leg-swelling"], painDuring: Int? = 9) -> PortalSnapshot {
        var snapshot = F.demo
        snapshot.signReports.append(SignReport(date: F.today, time: TimeOfDay(hour: 9, minute: 0)!, signs: signs))
        if let painDuring {
            snapshot.sessions.append(ExerciseSession(date: F.today, exerciseID: "sit-to-stand", week: 4, setsDone: 2, pain: painDuring))
        }
        return snapshot
    }

    private func detail(_ snapshot: PortalSnapshot, size: Size) throws -> PortalApp {
        var app = F.app(snapshot)
        _ = app.update(.resized(size))
        try F.press([.character("e"), .enter], on: &app)
        guard case .exerciseDetail = app.top else { XCTFail("Enter opens the detail: \(app.top)"); return app }
        return app
    }

    // MARK: - I3: the detail screen

    func testTheDetailScreenSaysTheStopAndInvitesNoDone() throws {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let app = try detail(snapshot(), size: size)
            let lines = app.view(size: size).lines
            let said = lines.prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(said.contains(Self.stop), "\(size): \(lines.joined(separator: "\n"))")
            let footer = try XCTUnwrap(lines.last)
            XCTAssertFalse(footer.contains("mark done"), "\(size): \(footer)")
            XCTAssertFalse(footer.contains("timer"), "\(size): \(footer)")
            // Without the sign: no banner, and the footer offers the timer (the demo's first exercise is done
            // today, so it offers "u undo" rather than "mark done").
            let plain = try detail(F.demo, size: size).view(size: size).lines
            XCTAssertFalse(plain.joined().contains("Stop exercising"), "\(size)")
            XCTAssertTrue(try XCTUnwrap(plain.last).contains("t timer"), "\(size): \(plain.last ?? "")")
        }
        // The Exercises list's footer invites no "done" either, under its own banner.
        var list = F.app(snapshot())
        try F.press([.character("e")], on: &list)
        let footer = try XCTUnwrap(list.view(size: Size(width: 80, height: 24)).lines.last)
        XCTAssertFalse(footer.contains("Space done"), footer)
    }

    // MARK: - I15: the timer

    func testTheTimerStopsCountingUnderAStopSign() throws {
        let dose = Dose(sets: 2, reps: 10, holdSeconds: 0, restSeconds: 30, timesPerDay: 1, daysPerWeek: 5, side: .each)
        let stopped = F.context(snapshot())
        var timer = TimerScreen(exerciseID: "standing-hip-extension", dose: dose)
        let left = timer.timer.secondsLeft
        XCTAssertEqual(timer.tick(10, stopped), [], "no bell: nothing moves")
        XCTAssertEqual(timer.timer.secondsLeft, left)
        XCTAssertEqual(timer.timer.rep, 1)
        XCTAssertTrue(timer.timer.isPaused)
        XCTAssertFalse(timer.ticksQuickly)
        // Space and n move nothing while the sign is said.
        _ = timer.handle(.character(" "), stopped)
        _ = timer.handle(.character("n"), stopped)
        XCTAssertTrue(timer.timer.isPaused)
        XCTAssertEqual(timer.timer.secondsLeft, left)
        let lines = F.draw(timer, stopped, width: 78, height: 21).lines
        XCTAssertTrue(lines[0].contains(Self.stop), lines[0])
        // The words themselves once, then by name (a change of them is a change a test sees).
        XCTAssertEqual(TimerScreen.stoppedText, "Stopped: you reported a warning sign that means stopping exercise.")
        XCTAssertTrue(lines.contains { $0.contains(TimerScreen.stoppedText) }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.contains("Press Space to go on") }, lines.joined(separator: "\n"))
        // In the smallest window's screen area it is said whole too, over the rows it needs (it was cut at 60).
        let small = F.draw(timer, stopped, width: 58, height: 15).lines.map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(small.joined(separator: " ").contains(TimerScreen.stoppedText), small.joined(separator: "\n"))
        // A sign reported while it counts (another window saved it): it stops at the next tick.
        var running = TimerScreen(exerciseID: "standing-hip-extension", dose: dose)
        XCTAssertEqual(running.tick(5, F.context()), [.bell], "get-ready is over")
        let rep = running.timer.rep, now = running.timer.secondsLeft
        _ = running.tick(30, stopped)
        XCTAssertEqual(running.timer.rep, rep)
        XCTAssertEqual(running.timer.secondsLeft, now)
        // Once the sign is no longer said, Space goes on.
        _ = running.handle(.character(" "), F.context())
        XCTAssertFalse(running.timer.isPaused)
        let held = running.timer
        _ = running.tick(1, F.context())
        XCTAssertNotEqual(running.timer, held, "it counts again")
    }

    // MARK: - I2: Home's banner

    /// Home's banner text: its rows (from the level's word to the first row without the banner's reverse
    /// video), read as one line, with "b: read all" taken out.
    private func banner(_ buffer: Buffer, word: String) -> String {
        guard let first = buffer.lines.firstIndex(where: { $0.contains(word) }) else { return "" }
        var rows: [String] = []
        for y in first..<buffer.lines.count {
            guard buffer.lines[y].count > 2, buffer[2, y].style.reverse else { break }
            rows.append(buffer.lines[y].replacingOccurrences(of: "b: read all", with: "").trimmingCharacters(in: .whitespaces))
        }
        return rows.joined(separator: " ")
    }

    func testHomeSaysTheWholeActionAtEverySize() throws {
        let guide = F.content.safety
        let alert = try XCTUnwrap(SafetyRules.alert(for: [try XCTUnwrap(guide.sign("leg-swelling"))], guide: guide, date: F.today))
        let action = "Important: " + alert.advice
        XCTAssertTrue(action.hasPrefix(Self.stop), action)
        for size in [Size(width: 60, height: 18), Size(width: 60, height: 24), Size(width: 70, height: 18), Size(width: 80, height: 24),
                     Size(width: 100, height: 30), Size(width: 200, height: 50)] {
            for colour in [Glyphs.unicode, .ascii] {
                var app = F.app(snapshot(), glyphs: colour)
                _ = app.update(.resized(size))
                let screen = app.view(size: size)
                let said = banner(screen, word: "Important:")
                XCTAssertTrue(said.hasPrefix(action), "\(size): the action whole: \(said)\n" + screen.lines.joined(separator: "\n"))
                XCTAssertFalse(said.contains(colour.ellipsis), "\(size): nothing cut: \(said)")
                // The menu keeps its rows under it.
                XCTAssertTrue(screen.lines.contains { $0.contains("l Log pain") }, "\(size)\n" + screen.lines.joined(separator: "\n"))
            }
        }
    }

    /// Under a stop sign Home gives no count or streak to keep up: its Exercises line says none for now, in the
    /// words `portal today` uses (review of the merged change: Home still said "0 of 5 done today · 13-day streak").
    func testHomeCountsNoExercisesUnderAStopSign() throws {
        let text = F.app(snapshot()).view(size: Size(width: 80, height: 24)).lines.map { $0.trimmingCharacters(in: .whitespaces) }
        let joined = text.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(joined.contains("Exercises None for now: you reported a warning sign that means stopping exercise (above)."),
                      text.joined(separator: "\n"))
        XCTAssertFalse(joined.contains("done today (week"), text.joined(separator: "\n"))
        XCTAssertFalse(joined.contains("streak"), text.joined(separator: "\n"))
    }

    /// Under a stop sign the Exercises screen's header counts nothing to keep up either: it says none for now, in
    /// Home's sentence (`SafetyRules.noExercisesNow`), whole at every size (it still said "1 of 5 done today").
    func testTheExercisesHeaderCountsNothingUnderAStopSign() throws {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            var app = F.app(snapshot())
            _ = app.update(.resized(size))
            try F.press([.character("e")], on: &app)
            let lines = app.view(size: size).lines.map { $0.trimmingCharacters(in: .whitespaces) }
            let joined = lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(joined.contains("Week 4 · from Tue 24 Nov · " + SafetyRules.noExercisesNow), "\(size)\n" + lines.joined(separator: "\n"))
            XCTAssertFalse(joined.contains("done today"), "\(size)\n" + lines.joined(separator: "\n"))
            // The list is still there under it.
            XCTAssertTrue(joined.contains("Side-lying hip abduction") || joined.contains("Sit-to-stand"), "\(size)\n" + lines.joined(separator: "\n"))
            // Without the sign, the count.
            var plain = F.app(F.demo)
            _ = plain.update(.resized(size))
            try F.press([.character("e")], on: &plain)
            XCTAssertTrue(plain.view(size: size).lines.joined().contains("done today"), "\(size)")
        }
    }

    /// QA I2: under the banner at 60x18 the "To do" line was cut after its first row mid-sentence ("Before
    /// visit 1: 3 short questionnaires (about") with nothing to say so. A line given fewer rows than it wraps to
    /// ends its last row in the ellipsis (the summary's one rule, `SummaryLine.rows(width:ellipsis:limit:)`).
    func testASummaryLineCutToTheRowsLeftEndsInAnEllipsis() {
        let line = HomeScreen.SummaryLine(label: "To do", text: "Before visit 1: 3 short questionnaires (about 10 minutes). Press m.",
                                          style: .warning, wraps: true)
        XCTAssertEqual(line.rows(width: 40, ellipsis: "…").count, 2)
        let cut = line.rows(width: 40, ellipsis: "…", limit: 1)
        XCTAssertEqual(cut.count, 1)
        XCTAssertTrue(cut[0].hasSuffix("…"), cut[0])
        XCTAssertTrue(cut[0].hasPrefix("Before visit 1: 3 short questionnaires"), cut[0])
    }
}
