@testable import PortalCore
import StoreTestSupport
import XCTest

/// QA D23 and D11a: one rule for where a new week may start (`Program.startWindow`), which the template
/// (`WeekDraft.next`), the editor's `[` `]`, the store's checks and the clinic server follow. Olga's program
/// ran out: weeks 1-6 from 10 Jan to 14 Feb; today is Mon 7 Dec 2026.
final class NewWeekStartTests: XCTestCase {
    let today = day("2026-12-07")
    let olga = Program(weeks: (1...6).map { n in
        ProgramWeek(number: n, starts: day("2026-01-10").adding(days: 7 * (n - 1)), note: "", prescriptions: [rx("clamshell")])
    })

    private func refusal(_ program: Program, _ number: Int, _ starts: String, today: CalendarDate?) -> String? {
        do {
            try program.validateNewWeek(ProgramWeek(number: number, starts: day(starts), note: "", prescriptions: []), today: today)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testAfterAProgramThatRanOutTheNextWeekStartsTomorrowNotMonthsAgo() throws {
        let next = try XCTUnwrap(WeekDraft.next(after: olga, today: today))
        XCTAssertEqual(next.week.number, 7)
        XCTAssertEqual(next.week.starts, day("2026-12-08"), "tomorrow, not 8 weeks after week 6 (11 Apr)")
        XCTAssertNil(refusal(olga, 7, "2026-12-08", today: today), "more than 8 weeks after week 6 is allowed once her program ran out")
        XCTAssertEqual(refusal(olga, 7, "2026-03-01", today: today),
                       "starts: 2026-03-01 is in the past (today is 2026-12-07); a new week starts after today, so it is hers to follow from its first day. Week 7 can start on 2026-12-08 at the earliest.")
        XCTAssertEqual(refusal(olga, 7, "2026-12-07", today: today),
                       "starts: 2026-12-07 is today; a new week starts after today, so it is hers to follow from its first day. Week 7 can start on 2026-12-08 at the earliest.")
        // The typo guard counts from a week before the earliest day: 7 weeks of room after it, as in time.
        XCTAssertNil(refusal(olga, 7, "2027-01-26", today: today))
        XCTAssertEqual(refusal(olga, 7, "2027-01-27", today: today),
                       "starts: 2027-01-27 is more than 7 weeks after 2026-12-08, the first day week 7 may start now that week 6 (from 2026-02-14) is over; please check the date. Week 7 can start on 2027-01-26 at the latest.")
        // Set up whole (no today): her first weeks may lie in the past, as a first visit months ago makes them.
        XCTAssertNil(refusal(olga, 7, "2026-02-21", today: nil))
    }

    func testAProgramInTimeKeepsItsRulesAndTheTemplateItsDate() throws {
        // Week 6 began 14 Feb; on 16 Feb the next week is due on 21 Feb, as before.
        let inTime = day("2026-02-16")
        XCTAssertEqual(WeekDraft.next(after: olga, today: inTime)?.week.starts, day("2026-02-21"))
        XCTAssertEqual(refusal(olga, 7, "2026-04-11", today: inTime), nil, "8 weeks after week 6")
        XCTAssertEqual(refusal(olga, 7, "2026-04-12", today: inTime),
                       "starts: 2026-04-12 is more than 8 weeks after week 6, which starts 2026-02-14; please check the date. Week 7 can start on 2026-04-11 at the latest.")
        // On the day week 7 was due, it starts tomorrow: a week published today would be under way at once.
        XCTAssertEqual(WeekDraft.next(after: olga, today: day("2026-02-21"))?.week.starts, day("2026-02-22"))
    }

    /// D11a: a start before the week before is "before week 6", not "overlaps", and `[` stops where saving does.
    func testBeforeTheWeekBeforeIsSaidAsSuchAndTheEditorsMoveStopsAtTheEarliestDay() throws {
        let inTime = day("2026-02-16")
        XCTAssertEqual(refusal(olga, 7, "2026-02-13", today: nil),
                       "starts: 2026-02-13 is before week 6, which starts 2026-02-14; week 7 follows it, so it can start on 2026-02-21 at the earliest.")
        XCTAssertEqual(refusal(olga, 7, "2026-02-15", today: nil),
                       "starts: 2026-02-15 overlaps week 6, which starts 2026-02-14 and lasts at least 7 days; week 7 can start on 2026-02-21 at the earliest.")
        var draft = try XCTUnwrap(WeekDraft.next(after: olga, today: inTime))
        let window = draft.startWindow(in: olga, today: inTime)
        XCTAssertFalse(draft.moveStart(by: -1, within: window), "already at the earliest")
        XCTAssertEqual(draft.week.starts, day("2026-02-21"))
        XCTAssertTrue(draft.moveStart(by: 3, within: window))
        XCTAssertFalse(draft.moveStart(by: -10, within: window))
        XCTAssertEqual(draft.week.starts, day("2026-02-21"), "stopped at the earliest, not past it")
        XCTAssertNoThrow(try draft.check(against: olga, patient: nil, library: sharedContent.exercises, today: inTime))
        XCTAssertFalse(draft.moveStart(by: 100, within: window))
        XCTAssertEqual(draft.week.starts, day("2026-04-11"), "stopped at the latest")
        XCTAssertNoThrow(try draft.check(against: olga, patient: nil, library: sharedContent.exercises, today: inTime))
    }

    func testADateMonthsAwayOrInAnotherYearCarriesItsYear() {
        XCTAssertEqual(day("2026-04-26").text(near: today), "Sun 26 Apr 2026")
        XCTAssertEqual(day("2026-11-26").text(near: today), "Thu 26 Nov")
        XCTAssertEqual(day("2027-01-04").text(near: today), "Mon 4 Jan 2027")
        XCTAssertEqual(CaseloadReason.weekToPublish(number: 8, starts: day("2026-04-26"), drafted: false).text(today: today),
                       "week 8 to write: due Sun 26 Apr 2026")
    }

    /// Months with no program after week 6 are no week's: her program ran out after week 6's seventh day
    /// (`Program.ranOut(on:)`, QA J6), so her adherence counts week 6 for its 7 days only.
    func testAdherenceNeverCountsMonthsWithoutAProgramAsMissed() throws {
        let log = ExerciseLog(program: olga, sessions: [])
        let week6 = try XCTUnwrap(olga.week(number: 6))
        XCTAssertEqual(log.lastDay(of: week6, today: today), day("2026-02-20"))
        XCTAssertEqual(olga.ranOut(on: today), day("2026-02-20"))
        let adherence = try XCTUnwrap(log.adherenceByWeek(today: today).last)
        XCTAssertEqual(adherence.days, Program.minimumWeekDays)
    }
}
