import XCTest
@testable import PortalCore
import StoreTestSupport

/// `portal remind now` deciding what is due, with a pinned clock: never a reminder of something done,
/// at most one of each kind a day, a visit reminder once per visit and time before it.
final class ReminderPlanTests: XCTestCase {
    var settings: ReminderSettings {
        var s = ReminderSettings.allOff
        try! s.set(.pain, DailyReminder(time: time("20:00")))
        try! s.set(.exercises, DailyReminder(time: time("18:00"), days: [1, 2, 3, 4, 5]))
        try! s.set(.diary, DailyReminder(time: time("07:00")))
        s.setVisits([try! VisitReminderOffset.parse("24h"), try! VisitReminderOffset.parse("2h")])
        return s
    }

    func due(_ d: ReminderDay, _ s: ReminderSettings? = nil, given: [ReminderDelivery] = []) -> [Reminder] {
        ReminderPlan.due(d.snapshot, settings: s ?? settings, given: given, safety: sharedContent.safety)
    }

    /// QA E14: the exercise reminder fired after she reported a sign whose message is "Stop exercising".
    func testNoExerciseReminderAfterASignThatStopsExercise() {
        var d = ReminderDay()
        d.visit4 = nil
        d.now = at("2026-11-27T20:00")
        d.signsToday = ["chest-pain"]
        XCTAssertEqual(due(d).map(\.kind), [.pain], "the pain reminder stays; the exercise one does not come")
        d.signsToday = ["fever"]
        XCTAssertEqual(due(d).map(\.kind), [.pain, .exercises], "a sign that does not stop exercise leaves it")
    }

    func testNothingIsSetNothingIsGiven() {
        XCTAssertEqual(due(ReminderDay(), .allOff), [])
    }

    func testADailyReminderComesOnceItsTimeHasPassedOnItsDays() {
        var d = ReminderDay()
        d.visit4 = nil
        d.now = at("2026-11-27T17:59")
        XCTAssertEqual(due(d).map(\.kind), [], "before 18:00 nothing (the diary has no day due, so its 07:00 says nothing)")
        d.now = at("2026-11-27T18:00")
        XCTAssertEqual(due(d).map(\.kind), [.exercises])
        d.now = at("2026-11-27T20:00")
        let both = due(d)
        XCTAssertEqual(both.map(\.kind), [.pain, .exercises])
        XCTAssertEqual(both[0].title, "Log today's pain")
        XCTAssertEqual(both[0].subject, "pain/2026-11-27")
        XCTAssertEqual(both[1].title, "4 of 4 exercises left")
        XCTAssertEqual(both[1].body, "0 of 4 done today. Press e in the portal to see this week's exercises.")
        d.now = at("2026-11-28T20:00")  // a Saturday: exercises are set for weekdays only
        XCTAssertEqual(due(d).map(\.kind), [.pain])
    }

    func testNeverARemindOfSomethingAlreadyDone() {
        var d = ReminderDay()
        d.visit4 = nil
        d.now = at("2026-11-27T20:30")
        d.painToday = ["19:10"]
        d.doneToday = 3
        XCTAssertEqual(due(d).map(\.title), ["1 of 4 exercises left"], "pain logged before its reminder: no pain reminder")
        d.doneToday = 4
        XCTAssertEqual(due(d), [])
    }

    func testAtMostOneOfEachKindADay() {
        var d = ReminderDay()
        d.visit4 = nil
        d.now = at("2026-11-27T20:00")
        let first = due(d)
        let given = first.map { ReminderDelivery($0, at: d.now, outcome: .notified) }
        d.now = at("2026-11-27T23:55")
        XCTAssertEqual(due(d, given: given), [], "given today: not again today, whatever the outcome")
        let waited = first.map { ReminderDelivery($0, at: at("2026-11-27T20:00"), outcome: .waiting) }
        XCTAssertEqual(due(d, given: waited), [], "a reminder waiting for the brief line is given too")
        d.now = at("2026-11-30T20:00")  // Monday: a new day, and pain still not logged
        // The pain reminder comes again; the exercises' does not: the fixture's one week ended on Sun 29 Nov, and
        // nothing of a program that has run out is due (QA J6).
        XCTAssertEqual(due(d, given: given).map(\.kind), [.pain])
        XCTAssertEqual(due(d, given: given).first?.subject, "pain/2026-11-30")
    }

    func testVisitRemindersAtEachTimeBeforeOnceEach() {
        var d = ReminderDay()
        d.painToday = ["08:00"]
        d.doneToday = 4
        d.visit4 = at("2026-11-29T09:30")
        d.now = at("2026-11-28T09:29")
        XCTAssertEqual(due(d), [], "more than 24 h before")
        d.now = at("2026-11-28T09:30")
        let day = due(d)
        XCTAssertEqual(day.map(\.kind), [.visits])
        XCTAssertEqual(day.first?.offset?.minutes, 1440)
        XCTAssertEqual(day.first?.title, "Visit 4 tomorrow at 09:30")
        XCTAssertEqual(day.first?.body, "Visit 4 of 6, re-evaluation, tomorrow at 09:30, in person at 1 Main St & Co.")
        var given = day.map { ReminderDelivery($0, at: d.now, outcome: .notified) }
        d.now = at("2026-11-28T23:59")
        XCTAssertEqual(due(d, given: given), [])
        d.now = at("2026-11-29T00:05")
        XCTAssertEqual(due(d, given: given), [], "a new day, but the 24 h reminder of this visit was given")
        d.now = at("2026-11-29T07:30")
        let near = due(d, given: given)
        XCTAssertEqual(near.map(\.offset?.minutes), [120], "2 h before: the nearer reminder")
        XCTAssertEqual(near.first?.title, "Visit 4 today at 09:30")
        given += near.map { ReminderDelivery($0, at: d.now, outcome: .notified) }
        d.now = at("2026-11-29T09:00")
        XCTAssertEqual(due(d, given: given), [])
    }

    func testAMovedVisitIsRemindedAgainAndMissedWindowsGiveOneReminder() {
        var d = ReminderDay()
        d.painToday = ["08:00"]
        d.doneToday = 4
        d.visit4 = at("2026-11-28T09:30")
        d.now = at("2026-11-28T08:00")  // the computer was off for both times before: one reminder, the nearer
        let late = due(d)
        XCTAssertEqual(late.map(\.offset?.minutes), [120])
        let given = late.map { ReminderDelivery($0, at: d.now, outcome: .notified) }
        d.visit4 = at("2026-11-28T11:00")  // moved: a new subject
        d.now = at("2026-11-28T09:00")
        XCTAssertEqual(due(d, given: given), [], "but a visit reminder was given today already")
        d.visit4 = at("2026-11-29T11:00")
        d.now = at("2026-11-29T09:00")
        XCTAssertEqual(due(d, given: given).map(\.subject), ["visit/4/2026-11-29T11:00"])
        d.visit4Mode = .virtual
        XCTAssertEqual(due(d, given: given).first?.body, "Visit 4 of 6, re-evaluation, today at 11:00, by video.")
    }

    func testNoPatientNoReminders() {
        var d = ReminderDay()
        d.patient = false
        XCTAssertEqual(due(d), [])
    }
}
