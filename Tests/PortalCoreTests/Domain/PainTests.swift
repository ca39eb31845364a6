@testable import PortalCore
import StoreTestSupport
import XCTest

final class PainTests: XCTestCase {
    func testScoreParsingAcceptsOnlyWholeNumbersZeroToTen() throws {
        XCTAssertEqual(try PainEntry.parseScore("0"), 0)
        XCTAssertEqual(try PainEntry.parseScore(" 10 "), 10)
        for bad in ["11", "-1", "4.5", "five", "", "1e1", "٣", "007"] {
            XCTAssertThrowsError(try PainEntry.parseScore(bad), bad) { e in XCTAssertTrue("\(e)".contains("0 (no pain) to 10"), "\(e)") }
        }
    }

    func testSiteParsingWithSides() throws {
        XCTAssertEqual(try SiteSide.parse("hip-side:left"), SiteSide(.hipSide, .left))
        XCTAssertEqual(try SiteSide.parse("LOW-BACK"), SiteSide(.lowBack))
        XCTAssertThrowsError(try SiteSide.parse("knee")) { e in XCTAssertTrue("\(e)".contains("buttock"), "lists accepted sites: \(e)") }
        XCTAssertThrowsError(try SiteSide.parse("hip-side:up")) { e in XCTAssertTrue("\(e)".contains("left, right, both")) }
        XCTAssertThrowsError(try SiteSide.parse("hip-side:left:right"))
        XCTAssertThrowsError(try PainTrigger.parse("dancing")) { e in XCTAssertTrue("\(e)".contains("sitting-long")) }
    }

    func testEntryValidation() {
        let now = at("2026-11-27T12:00")
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-28"), time: time("08:00"), score: 3).validate(now: now))
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 11).validate(now: now))
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3, note: String(repeating: "a", count: 1001)).validate(now: now))
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3, note: "a\u{1B}[2J").validate(now: now))
        XCTAssertNoThrow(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3, note: "ça va 😊\nbetter").validate(now: now))
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("12:01"), score: 3).validate(now: now)) {
            XCTAssertTrue("\($0)".contains("later than now"))
        }
        XCTAssertThrowsError(try PainEntry(date: day("2025-11-25"), time: time("08:00"), score: 3).validate(now: now)) {
            XCTAssertTrue("\($0)".contains("more than a year ago"))
        }
        XCTAssertNoThrow(try PainEntry(date: day("2025-11-26"), time: time("08:00"), score: 3).validate(now: now))
        // A warning sign only within the days her therapist's chart lists (120): pain alone goes back a year.
        XCTAssertThrowsError(try PainEntry(date: day("2026-07-29"), time: time("08:00"), score: 3, warningSigns: ["fever"]).validate(now: now)) {
            XCTAssertTrue("\($0)".contains("warning signs can be reported for the last 120 days"), "\($0)")
        }
        XCTAssertNoThrow(try PainEntry(date: day("2026-07-30"), time: time("08:00"), score: 3, warningSigns: ["fever"]).validate(now: now))
        XCTAssertNoThrow(try PainEntry(date: day("2026-07-29"), time: time("08:00"), score: 3).validate(now: now))
        // The same plain-text rule as every other stored text: DEL and C1 controls too, named in the message.
        for bad in ["a\u{7F}", "a\u{9B}2J", "a\u{85}"] {
            XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3, note: bad).validate(now: now), bad)
        }
        XCTAssertThrowsError(try PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3, note: "a\u{1B}[2J").validate(now: now)) {
            XCTAssertEqual("\($0)", "The note contains control characters (ESC); use plain text.")
        }
    }

    private func entries(_ list: [(String, Int)]) -> [PainEntry] {
        list.map { PainEntry(date: day($0.0), time: time("09:00"), score: $0.1) }
    }

    func testDailySummaryHasMeanAndMax() {
        let trend = PainTrend(entries: entries([("2026-11-01", 4), ("2026-11-01", 7), ("2026-11-02", 2)]))
        XCTAssertEqual(trend.day(day("2026-11-01")), DailyPain(date: day("2026-11-01"), mean: 5.5, max: 7, count: 2))
        XCTAssertEqual(trend.days.count, 2)
        XCTAssertEqual(trend.dailyMeans(endingOn: day("2026-11-03"), count: 3), [5.5, 2, nil])
    }

    func testSevenDayAverageUsesDailyMeans() {
        let trend = PainTrend(entries: entries([("2026-11-01", 9), ("2026-11-02", 4), ("2026-11-02", 6), ("2026-11-08", 2)]))
        XCTAssertEqual(trend.sevenDayAverage(endingOn: day("2026-11-07")), (9 + 5) / 2)
        XCTAssertEqual(trend.sevenDayAverage(endingOn: day("2026-11-08")), (5 + 2) / 2, "1 November has left the window")
        XCTAssertNil(trend.sevenDayAverage(endingOn: day("2026-10-31")))
    }

    func testChangeSinceFirstWeekAgainstTheTwoPointOrThirtyPercentRule() throws {
        func change(first: [Int], last: [Int]) -> PainChange? {
            let a = first.enumerated().map { (String(format: "2026-11-%02d", $0.offset + 1), $0.element) }
            let b = last.enumerated().map { (String(format: "2026-11-%02d", $0.offset + 15), $0.element) }
            return PainTrend(entries: entries(a + b)).changeSinceFirstWeek(today: day("2026-11-21"))
        }
        XCTAssertEqual(change(first: [6, 6, 6], last: [4, 4, 4])?.verdict, .improved, "2 points")
        XCTAssertEqual(change(first: [3, 3, 3], last: [2, 2, 2])?.verdict, .improved, "33 %")
        XCTAssertEqual(change(first: [6, 6, 6], last: [5, 5, 5])?.verdict, .noClearChange, "1 point, 17 %")
        XCTAssertEqual(change(first: [3, 3, 3], last: [5, 5, 5])?.verdict, .worse)
        XCTAssertNil(change(first: [6, 6], last: [4, 4, 4]), "needs 3 logged days in the first week")
        let c = try XCTUnwrap(change(first: [6, 6, 6], last: [3, 3, 3]))
        XCTAssertEqual(c.points, 3)
        XCTAssertEqual(c.percent, 50)
        XCTAssertTrue(c.sentence.contains("large enough to matter"))
    }

    // Issue 7, point 10: 30 % counts only with at least 1 point.
    func testThirtyPercentCountsOnlyWithAtLeastOnePoint() {
        XCTAssertEqual(PainChange(baseline: 1.0, recent: 0.6).verdict, .noClearChange, "40 % but 0.4 points")
        XCTAssertEqual(PainChange(baseline: 0.6, recent: 1.0).verdict, .noClearChange, "the same, upwards")
        XCTAssertEqual(PainChange(baseline: 3.0, recent: 2.0).verdict, .improved, "33 % and 1 point")
        XCTAssertEqual(PainChange(baseline: 5.0, recent: 3.5).verdict, .improved, "30 % and 1.5 points")
        XCTAssertEqual(PainChange(baseline: 5.0, recent: 3.6).verdict, .noClearChange, "28 % and 1.4 points")
        XCTAssertEqual(PainChange(baseline: 2.0, recent: 3.0).verdict, .worse, "50 % and 1 point higher")
        XCTAssertEqual(PainChange(baseline: 8.0, recent: 6.0).verdict, .improved, "2 points, 25 %")
        XCTAssertEqual(PainChange(baseline: 2.5, recent: 1.6).verdict, .noClearChange, "36 % but 0.9 points")
        XCTAssertFalse(PainChange(baseline: 1.0, recent: 0.6).sentence.contains("large enough to matter"))
    }

    func testTheSentencesNumbersAddUp() {
        let c = PainChange(baseline: 5.84, recent: 3.76)
        XCTAssertTrue(c.sentence.contains("from 5.8 in your first week to 3.8 in the last 7 days: 2.0 points (34%) lower"), c.sentence)
    }

    /// qa-e E11: one lone entry logged (or back-dated) weeks before she really began used to be "the first week"
    /// for ever, so the change was never worked out again. The first week is the first 7 days, from a day with
    /// entries, that hold entries on at least 3 days: how a clinician would take a baseline.
    func testALoneEarlierEntryDoesNotBlockTheChangeSinceTheFirstWeek() throws {
        let first = (2...8).map { (String(format: "2026-11-%02d", $0), 6) }
        let last = (15...21).map { (String(format: "2026-11-%02d", $0), 3) }
        let trend = PainTrend(entries: entries([("2026-10-01", 5)] + first + last))
        XCTAssertEqual(trend.firstWeek.first?.date, day("2026-11-02"), "the lone day is passed over")
        XCTAssertEqual(trend.firstLogged, day("2026-10-01"), "she still started logging then")
        let c = try XCTUnwrap(trend.changeSinceFirstWeek(today: day("2026-11-21")))
        XCTAssertEqual(c.baseline, 6)
        XCTAssertEqual(c.recent, 3)
        // Three days in a week make a first week, however sparse; two do not.
        let sparse = PainTrend(entries: entries([("2026-10-01", 5), ("2026-10-04", 5), ("2026-10-07", 5)] + last))
        XCTAssertEqual(sparse.firstWeek.map(\.date), [day("2026-10-01"), day("2026-10-04"), day("2026-10-07")])
        let two = PainTrend(entries: entries([("2026-10-01", 5), ("2026-10-07", 5), ("2026-10-08", 9)] + last))
        XCTAssertEqual(two.firstWeek.first?.date, day("2026-11-15"), "1–7 Oct and 7–13 Oct hold two days each: not a first week")
    }

    /// The same read from a store, where the snapshot holds only the last 120 days: her first week is found
    /// before them (a lone entry in March, her first week in April) and inside them (a lone entry in June).
    func testTheStoreFindsHerFirstWeekPastALoneEntry() throws {
        let today = day("2026-11-27"), now = at("2026-11-27T12:00")
        func store(_ early: [String]) throws -> PortalSnapshot {
            let store = try SQLiteStore.inMemory()
            try store.setUp(patient: pregnantPatient(), plan: try Onboarding(content: sharedContent).carePlan(
                firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T"), weeks: [], readingList: [])
            for (i, d) in (early + (21...27).map { "2026-11-\($0)" }).enumerated() {
                try store.addPainEntry(PainEntry(date: day(d), time: time("09:00"), score: i < early.count ? 6 : 3), now: now)
            }
            return try store.snapshot(clock: PortalClock(today: today, time: time("12:00")))
        }
        let april = try store(["2026-03-01", "2026-04-01", "2026-04-02", "2026-04-03"])
        XCTAssertEqual(april.firstWeekPain.map(\.date), [day("2026-04-01"), day("2026-04-02"), day("2026-04-03")])
        XCTAssertEqual(april.trend.changeSinceFirstWeek(today: today)?.baseline, 6)
        XCTAssertEqual(april.trend.firstLogged, day("2026-04-01"), "what the snapshot knows")
        let november = try store(["2026-06-01", "2026-11-02", "2026-11-03", "2026-11-04"])
        XCTAssertEqual(november.firstWeekPain.map(\.date), [day("2026-06-01")], "no first week before the window: her first days")
        XCTAssertEqual(november.trend.firstWeek.first?.date, day("2026-11-02"))
        XCTAssertEqual(november.trend.changeSinceFirstWeek(today: today)?.baseline, 6)
    }

    func testTooLittleHistoryHasNoVerdict() {
        let trend = PainTrend(entries: entries([("2026-11-01", 6), ("2026-11-02", 6), ("2026-11-03", 6), ("2026-11-08", 2)]))
        XCTAssertNil(trend.changeSinceFirstWeek(today: day("2026-11-10")), "the first and last weeks overlap")
    }
}
