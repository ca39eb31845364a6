import XCTest
import PortalCore
@testable import PortalUI

final class ProgressScreenTests: XCTestCase {
    private let ctx = Fixtures.context()
    private let today = Fixtures.today

    /// One entry a day with these scores, the last on `today`.
    private func trend(_ scores: [Int]) -> PainTrend {
        PainTrend(entries: scores.enumerated().map { i, s in
            PainEntry(date: today.adding(days: i - scores.count + 1), time: TimeOfDay(hour: 9, minute: 0)!, score: s)
        })
    }

    // MARK: View

    func testWholeScreenAt80x24() {
        let app = Fixtures.app(keys: [.character("p")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Progress                                      Jordan Lee · Fri 27 Nov",
            "",
            " Pain over the last 30 days",
            " 10┤",
            "   │                    ⢀       ⢀⣀⣀⡀",
            "   │                    +  +  ⡠⠒⠁  ⠈⠢⡀  +⢀⠔⠤⣀⢀⡠⠔⢄ +",
            "  5┤                         ⠈       ⠈⠑⠢⠔⠁   ⠁   ⠑⠤⠤⠤⠤⠒⠉⠢⢄⢀⡠⠔⠒⠤⠤⣀+ ⣀⣀⡀+  + +  ⠠",
            "   │                                                      ⠁      ⠉⠉  ⠈⠉⠁",
            "  0┤",
            "   └───────────────────────────────────────────────────────────────────────────",
            "    29 Oct                                                               27 Nov",
            " ⠤ day's average 0–10  + 7-day average",
            "",
            " 7-day average: 3.5 (as low as it has been since you started logging)",
            " Your average pain went from 5.8 in your first week to 3.5 in the last 7 days:",
            " 2.3 points (40%) lower. That is a change large enough to matter.",
            "",
            " Exercise: adherence by week",
            " Week 1        ███████████████████████████████████▍ 72% (26 of 36)",
            " Week 2        ██████████████████████████▉ 55% (34 of 62)",
            " Week 3        ███████████████████████████████████████████▌ 89% (55 of 62)",
            " Week 4 so far ██████████████████████████████████████▎ 78% (25 of 32)",
            " Current streak: 13 exercise days in a row.",
            "t show 90 days  Esc back  ? help",
        ])
    }

    /// At the minimum size the chart keeps 8 rows and the rest scrolls, with a line saying so.
    func testWholeScreenAt60x18() {
        assertLines(Fixtures.screen(Fixtures.demo, size: Size(width: 60, height: 18), keys: [.character("p")]), [
            " Portal → Progress                  Jordan Lee · Fri 27 Nov",
            "",
            " Pain over the last 30 days",
            " 10┤",
            "   │               ⠄ +  ⡠⠤⠤⡀",
            "  5┤                   ⠔⠁  ⠈⠢⢄⣀⠔⠑⠢⠔⠊⠑⠤⣀⣀⡠⠤⡀+⢀⡠⢄⡀ + +      ⢀",
            "   │                                      ⠈⠑⠁  ⠈⠑⠒⠉⠉⠒⠂+ + +",
            "  0┤",
            "   └───────────────────────────────────────────────────────",
            "    29 Oct                                           27 Nov",
            " ⠤ day's average 0–10  + 7-day average",
            "",
            " 7-day average: 3.5 (as low as it has been since you",
            " started logging)",
            " Your average pain went from 5.8 in your first week to 3.5",
            " in the last 7 days: 2.3 points (40%) lower. That is a",
            " ↓ More below: ↓ or PgDn",
            "t show 90 days  ↑↓ scroll  PgDn page  Esc back  ? help",
        ])
    }

    func testScrolledToTheEndAt60x18ShowsAdherenceAndStreak() {
        var app = Fixtures.app(keys: [.character("p")])
        _ = app.update(.resized(Size(width: 60, height: 18)))
        _ = app.update(.key(.end))
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Progress                  Jordan Lee · Fri 27 Nov",
            "",
            " ⠤ day's average 0–10  + 7-day average",
            "",
            " 7-day average: 3.5 (as low as it has been since you",
            " started logging)",
            " Your average pain went from 5.8 in your first week to 3.5",
            " in the last 7 days: 2.3 points (40%) lower. That is a",
            " change large enough to matter.",
            "",
            " Exercise: adherence by week",
            " Week 1        █████████████████████ 72% (26 of 36)",
            " Week 2        ███████████████▉ 55% (34 of 62)",
            " Week 3        █████████████████████████▊ 89% (55 of 62)",
            " Week 4 so far ██████████████████████▋ 78% (25 of 32)",
            " Current streak: 13 exercise days in a row.",
            " ↑ End. More above: ↑ or PgUp",
            "t show 90 days  ↑↓ scroll  PgDn page  Esc back  ? help",
        ])
    }

    func testNinetyDaysAndAscii() {
        let app = Fixtures.app(keys: [.character("p"), .character("t")], glyphs: .ascii)
        let buffer = app.view(size: Size(width: 80, height: 24))
        XCTAssertEqual(buffer.line(2), " Pain over the last 90 days")
        XCTAssertEqual(buffer.line(10), "    30 Aug                                                               27 Nov")
        XCTAssertEqual(buffer.line(11), " 0-9 day's average (X = 10)  + 7-day average")
        XCTAssertEqual(buffer.line(18), " Week 1        ################################### 72% (26 of 36)")
        XCTAssertEqual(buffer.line(23), "t show 30 days  Esc back  ? help", "the page fits: nothing to scroll")
    }

    func testChartSeriesAreTheDailyMeanAndItsRolling7DayAverage() {
        let chart = ProgressScreen.chart(ctx, days: 30)
        XCTAssertEqual(chart.series.count, 30)
        XCTAssertEqual(chart.secondary?.count, 30)
        XCTAssertEqual(chart.series.last!, 4.0, "27 Nov: one entry of 4")
        XCTAssertNil(chart.series[27], "nothing logged on 25 Nov")
        XCTAssertEqual(chart.secondary![29]!, 3.5, accuracy: 0.001, "21–27 Nov: 4, 3, 3.5, 3, 4")
        XCTAssertEqual(chart.secondary![27]!, ctx.snapshot.trend.sevenDayAverage(endingOn: CalendarDate("2026-11-25")!)!,
                       "the average runs on days without an entry")
        XCTAssertNil(chart.secondary![0], "29 Oct: nothing logged in the week before")
        XCTAssertEqual(chart.firstLabel, "29 Oct")
        XCTAssertEqual(chart.lastLabel, "27 Nov")
        XCTAssertEqual(ProgressScreen.chart(ctx, days: 90).firstLabel, "30 Aug")
    }

    func testWithoutPainEntries() {
        var snapshot = Fixtures.demo
        snapshot.painEntries = []
        let buffer = Fixtures.draw(ProgressScreen(), Fixtures.context(snapshot), width: 78, height: 30)
        XCTAssertTrue(buffer.contains("No pain logged in these 30 days"))
        XCTAssertTrue(buffer.contains("7-day average: nothing logged in the last 7 days."))
        XCTAssertTrue(buffer.contains("Keep logging: after two weeks of entries the portal can tell you how your pain"))
    }

    func testWithoutAProgram() {
        var snapshot = Fixtures.demo
        snapshot.program = Program(weeks: [])
        snapshot.sessions = []
        let lines = Fixtures.draw(ProgressScreen(), Fixtures.context(snapshot), width: 78, height: 30).lines
        let heading = lines.firstIndex(of: "Exercise: adherence by week")!
        XCTAssertEqual(lines[heading + 1], "Your exercise program starts after your first visit.")
        XCTAssertFalse(lines.contains { $0.contains("streak") || $0.contains("Streak") })
    }

    func testBarsSayPercentAndSessionsAndMarkTheWeekInProgress() {
        let bars = ProgressScreen.bars(ctx.snapshot.log.adherenceByWeek(today: today), ctx)
        XCTAssertEqual(bars.map(\.label), ["Week 1", "Week 2", "Week 3", "Week 4 so far"])
        XCTAssertEqual(bars.map(\.valueText), ["72% (26 of 36)", "55% (34 of 62)", "89% (55 of 62)", "78% (25 of 32)"])
        XCTAssertEqual(bars[2].value, 55.0 / 62, accuracy: 0.0001)
    }

    // MARK: Words

    func testAverageIsTheLowestSinceLoggingStarted() {
        XCTAssertEqual(ProgressScreen.averageText(trend([7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 4, 3, 3, 3, 3, 3]), today: today),
                       "7-day average: 3.4 (the lowest since you started logging)")
    }

    func testAverageEqualToTheLowestSaysSoHonestly() {
        XCTAssertEqual(ProgressScreen.averageText(trend(Array(repeating: 4, count: 20)), today: today),
                       "7-day average: 4.0 (as low as it has been since you started logging)")
    }

    func testAverageIsTheHighest() {
        XCTAssertEqual(ProgressScreen.averageText(trend([3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 6, 7, 7, 7, 7, 7]), today: today),
                       "7-day average: 6.6 (the highest since you started logging)")
    }

    func testAverageInTheMiddleIsComparedWithAWeekAgo() {
        // Up, then down: a week ago it was 7.0, now 5.0, higher than the start of 3.0.
        XCTAssertEqual(ProgressScreen.averageText(trend([3, 3, 3, 3, 3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 5, 5, 5, 5, 5, 5, 5]), today: today),
                       "7-day average: 5.0 (a week ago: 7.0)")
    }

    func testAverageWithoutAWeekOfEarlierAveragesMakesNoComparison() {
        XCTAssertEqual(ProgressScreen.averageText(trend([6, 5, 4, 4, 3, 3, 3, 3, 3, 3]), today: today), "7-day average: 3.1")
    }

    func testAverageWhenLoggingStartedBeforeTheSnapshotDoesNotClaimTheStart() {
        let old = trend(Array(repeating: 5, count: 120) + [2, 2, 2, 2, 2, 2, 2])
        XCTAssertEqual(ProgressScreen.averageText(old, today: today), "7-day average: 2.0 (the lowest in the last four months)")
    }

    func testNothingLoggedThisWeek() {
        let stale = PainTrend(entries: [PainEntry(date: today.adding(days: -10), time: TimeOfDay(hour: 9, minute: 0)!, score: 4)])
        XCTAssertEqual(ProgressScreen.averageText(stale, today: today), "7-day average: nothing logged in the last 7 days.")
    }

    func testStreakText() {
        XCTAssertEqual(ProgressScreen.streakText(activeDays: 0, restDays: 0),
                       "Streak: none right now. Any exercise done today starts a new one.")
        XCTAssertEqual(ProgressScreen.streakText(activeDays: 1, restDays: 0), "Current streak: 1 exercise day in a row.")
        XCTAssertEqual(ProgressScreen.streakText(activeDays: 5, restDays: 1),
                       "Current streak: 5 exercise days, with 1 planned rest day in between.")
    }

    func testEverySizeStaysInsideItsArea() {
        for days in [30, 90] {
            var screen = ProgressScreen()
            screen.days = days
            for w in [0, 1, 5, 12, 30, 58, 100] {
                for h in [0, 1, 2, 3, 14, 50] {
                    var buffer = Buffer(size: Size(width: w + 2, height: h + 2))
                    screen.view(ctx, into: &buffer, area: Rect(x: 1, y: 1, width: w, height: h))
                    for y in 0..<buffer.size.height {
                        XCTAssertEqual(buffer[0, y], .blank, "\(days) \(w)x\(h)")
                        XCTAssertEqual(buffer[w + 1, y], .blank, "\(days) \(w)x\(h)")
                    }
                    XCTAssertEqual(buffer.line(h + 1), "", "\(days) \(w)x\(h)")
                }
            }
        }
    }

    // MARK: Keys

    func testTTogglesAndThreeAndNinePickTheRange() {
        var screen = ProgressScreen()
        XCTAssertEqual(screen.days, 30)
        XCTAssertEqual(screen.handle(.character("t"), ctx), .stay)
        XCTAssertEqual(screen.days, 90)
        XCTAssertEqual(screen.handle(.character("t"), ctx), .stay)
        XCTAssertEqual(screen.days, 30)
        XCTAssertEqual(screen.handle(.character("9"), ctx), .stay)
        XCTAssertEqual(screen.days, 90)
        XCTAssertEqual(screen.handle(.character("9"), ctx), .stay)
        XCTAssertEqual(screen.days, 90, "9 is not a toggle")
        XCTAssertEqual(screen.handle(.character("3"), ctx), .stay)
        XCTAssertEqual(screen.days, 30)
        XCTAssertEqual(screen.hints(ctx).first, KeyHint("t", "show 90 days"))
    }

    /// At the minimum width in a short area the page is 22 rows (heading, an 8-row chart, the text);
    /// 9 show above the "more" line.
    func testScrollKeysMoveWithinThePage() {
        var screen = ProgressScreen()
        let ctx = self.ctx.with(area: Size(width: 58, height: 10))
        XCTAssertEqual(ProgressScreen.page(ctx, days: 30, size: Size(width: 58, height: 10)).height, 22)
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        XCTAssertEqual(screen.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(screen.offset, 2)
        XCTAssertEqual(screen.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(screen.offset, 9, "a page is the 9 rows shown less one")
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(screen.offset, 13, "never past the end (22 rows - 9 shown)")
        XCTAssertEqual(screen.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(screen.offset, 5)
        XCTAssertEqual(screen.handle(.home, ctx), .stay)
        XCTAssertEqual(screen.offset, 0)
        XCTAssertEqual(screen.handle(.up, ctx), .stay)
        XCTAssertEqual(screen.offset, 0)
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.offset, 13)
        XCTAssertEqual(screen.days, 30, "scrolling keeps the range")
    }

    func testChartTakesTheRowsTheTextLeaves() {
        // 80x24: 21 rows; the text under the chart takes 11 at 78 columns, the heading 1, so the chart 9.
        XCTAssertEqual(ProgressScreen.page(ctx, days: 30, size: Size(width: 78, height: 21)).height, 21)
        // A tall window gives the chart at most 16 rows.
        XCTAssertEqual(ProgressScreen.page(ctx, days: 30, size: Size(width: 78, height: 60)).height, 1 + 16 + 11)
    }

    func testChangingTheRangeGoesBackToTheTop() {
        var screen = ProgressScreen()
        let ctx = self.ctx.with(area: Size(width: 58, height: 14))
        _ = screen.handle(.end, ctx)
        XCTAssertGreaterThan(screen.offset, 0)
        _ = screen.handle(.character("t"), ctx)
        XCTAssertEqual(screen.offset, 0)
    }

    func testNothingScrollsAt80x24() {
        var screen = ProgressScreen()
        let ctx = self.ctx.with(area: Size(width: 78, height: 21))
        XCTAssertEqual(screen.handle(.end, ctx).navigation, .unhandled, "nothing to scroll: the key is not the screen's")
        XCTAssertEqual(screen.offset, 0)
    }

    /// The screen asks for no effects; after something else is saved it keeps its state and draws the new
    /// snapshot.
    func testANewSnapshotIsDrawnAndCompletedEffectsChangeNothing() {
        var app = Fixtures.app(keys: [.character("p"), .character("t")])
        var snapshot = Fixtures.demo
        snapshot.painEntries = []
        XCTAssertEqual(app.update(.loaded(snapshot)), [])
        XCTAssertEqual(app.update(.completed(.markArticleRead("x"), .nothing)), [])
        guard case .progress(let screen) = app.top else { return XCTFail("still on Progress") }
        XCTAssertEqual(screen.days, 90)
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("No pain logged in these 90 days"))
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = ProgressScreen()
        for key: Key in [.escape, .backspace, .enter, .character("q"), .character("?"), .left] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen, ProgressScreen())
    }
}
