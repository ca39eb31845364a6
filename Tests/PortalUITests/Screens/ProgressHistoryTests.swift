import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// Progress over a whole history longer than the snapshot's window (logging since 1 July, today 27 November:
/// 150 days), read back from a real store, every figure checked against a sum worked out by hand below.
final class ProgressHistoryTests: XCTestCase {
    static let today = CalendarDate("2026-11-27")!

    private static func d(_ text: String) -> CalendarDate { CalendarDate(text)! }
    private static func t(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

    /// Clamshell, 5 days a week, 2 sets, in seven weeks. Week 2 lasted 10 days (a late visit); weeks 3–5 are long
    /// gaps; week 6, the one under way, started 16 Nov and has lasted 12 days by today, its last: week 7 starts
    /// tomorrow (without it her program would have run out after week 6's seventh day, QA J6).
    static let starts = ["2026-07-06", "2026-07-13", "2026-07-23", "2026-09-10", "2026-10-20", "2026-11-16", "2026-11-28"]

    static func fill(_ store: SQLiteStore) throws {
        let rx = Prescription(exerciseID: "clamshell", dose: Dose(sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 5))
        let weeks = starts.enumerated().map { ProgramWeek(number: $0.offset + 1, starts: d($0.element), note: "", prescriptions: [rx]) }
        let plan = try Onboarding(content: Fixtures.content).carePlan(firstVisit: LocalDateTime("2026-12-03T10:00")!,
                                                                          location: "1 Main St", therapist: "T")
        try store.setUp(patient: Patient(name: "Ana Long", stage: .pregnant(dueDate: d("2027-03-01")), conditions: [.hipPiriformis]),
                        plan: plan, weeks: weeks, readingList: [])
        let now = LocalDateTime("2026-11-27T12:00")!
        func pain(_ day: String, _ score: Int, at time: String = "09:00") throws {
            try store.addPainEntry(PainEntry(date: d(day), time: t(time), score: score), now: now)
        }
        // First week of logging (1–7 July): daily means 7, 7, 7, 6, 6.
        try pain("2026-07-01", 6); try pain("2026-07-01", 8, at: "18:00")
        try pain("2026-07-02", 7); try pain("2026-07-03", 7); try pain("2026-07-05", 6); try pain("2026-07-07", 6)
        // Nothing until August, then 5 every day to 20 November.
        var day = d("2026-08-01")
        while day <= d("2026-11-20") { try pain(day.description, 5); day = day.adding(days: 1) }
        // The last week: 3, 3, 2.
        try pain("2026-11-22", 3); try pain("2026-11-24", 3); try pain("2026-11-26", 2)

        func done(_ day: String, sets: Int? = nil) throws {
            try store.markDone(exerciseID: "clamshell", on: d(day), today: d(day), sets: sets, pain: nil)
        }
        // Week 1: three whole sessions and one of 1 set in 2.
        for day in ["2026-07-06", "2026-07-07", "2026-07-08"] { try done(day) }
        try done("2026-07-09", sets: 1)
        // Week 2: four days, then three more on its 8th, 9th and 10th day.
        for day in ["2026-07-13", "2026-07-14", "2026-07-15", "2026-07-16", "2026-07-20", "2026-07-21", "2026-07-22"] { try done(day) }
        // Week 6: 16–20 Nov, rest 21–22, 23–26 Nov; not yet today.
        for n in [16, 17, 18, 19, 20, 23, 24, 25, 26] { try done("2026-11-\(n)") }
    }

    func testEveryFigureOnProgressMatchesTheHandComputation() throws {
        let snap = try Fixtures.snapshot(at: Self.t("12:00"), fill: Self.fill)
        let ctx = Fixtures.context(snap)
        let lines = Fixtures.draw(ProgressScreen(), ctx, width: 120, height: 60).lines
        let text = lines.joined(separator: "\n")
        // The text keeps a reading measure, so a sentence may wrap: read it with its lines joined.
        let prose = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")

        // Last 7 days (21–27 Nov): (3 + 3 + 2) / 3 = 2.67. The earlier 7-day averages in the window are 5.0
        // down to 3.25 (20–26 Nov: 5, 3, 3, 2), so 2.7 is the lowest; logging began before the window.
        XCTAssertTrue(text.contains("7-day average: 2.7 (the lowest in the last four months)"), text)
        // First week: (7 + 7 + 7 + 6 + 6) / 5 = 6.6, not August's 5.0. 6.6 - 2.7 = 3.9 points, 3.9 / 6.6 = 59 %.
        XCTAssertTrue(prose.contains("Your average pain went from 6.6 in your first week to 2.7 in the last 7 days: 3.9 points (59%) lower."), text)

        // Adherence, 5 sessions a week prorated to each week's days (rounded down):
        // week 1: 7 days, 5 expected, 3 whole + 1 half = 3.5 → 70 %;
        // week 2: 10 days, 50 / 7 = 7 expected, 7 done → 100 %;
        // weeks 3–5: 49, 40 and 27 days: 35, 28 and 19 expected, none done;
        // week 6: 12 days so far (today is its last), 60 / 7 = 8 expected, 9 done counts 8 → 100 %.
        let bars = ProgressScreen.bars(snap.log.adherenceByWeek(today: Self.today), ctx)
        XCTAssertEqual(bars.map(\.label), ["Week 1", "Week 2", "Week 3", "Week 4", "Week 5", "Week 6 so far"])
        XCTAssertEqual(bars.map(\.valueText), ["70% (3 of 5, 1 partial)", "100% (7 of 7, 10 days)", "0% (0 of 35, 49 days)",
                                               "0% (0 of 28, 40 days)", "0% (0 of 19, 27 days)", "100% (8 of 8, 12 days)"])
        for bar in bars { XCTAssertTrue(text.contains(bar.valueText), "\(bar.valueText) on the screen") }

        // Streak from yesterday back: 26–23 Nov (4), rest 22–21 inside the run (2), 20–16 Nov (5); then
        // 15 and 14 Nov are rest days before the run, not in it, and 13 Nov ends it.
        XCTAssertTrue(text.contains("Current streak: 9 exercise days, with 2 planned rest days in between."), text)

        // The chart and Home say they plot each day's average, and agree on the 7-day average.
        XCTAssertTrue(text.contains("⠤ day's average 0–10  + 7-day average"), text)
        let home = Fixtures.draw(HomeScreen(), ctx, width: 80, height: 24).lines.joined(separator: "\n")
        XCTAssertTrue(home.contains("day's average · 7-day avg 2.7"), home)
    }
}
