import StoreTestSupport
import XCTest
@testable import PortalCore

/// Who needs her therapist first, and why (issue 23, point 1): one rule over a patient's snapshot and the facts a
/// clinic adds, shared by `portal clinic patients` and the caseload screen.
final class CaseloadRowTests: XCTestCase {
    static let today = day("2026-11-27")
    let guide = sharedContent.safety

    /// The demo on 27 Nov at noon (visit 3 booked for next week: nothing left to record), read back from a store.
    static let demo: PortalSnapshot = {
        let store = try! SQLiteStore.inMemory()
        try! DemoPatient(content: sharedContent, today: today, lateVisit: false).load(into: store)
        return try! store.snapshot(clock: PortalClock(today: today, time: time("12:00")))
    }()

    func row(_ s: PortalSnapshot = demo, facts: CaseloadFacts = CaseloadFacts()) -> CaseloadRow {
        CaseloadRow(login: "jordan", snapshot: s, facts: facts, guide: guide)
    }

    func testTheDemoAsItIsNeedsNothing() {
        let r = row()
        XCTAssertEqual(r.reasons, [], "\(r.reasons.map { $0.text(today: Self.today) })")
        XCTAssertEqual(r.name, "Jordan Lee")
        XCTAssertEqual(r.stage, "24 weeks pregnant")
        XCTAssertTrue(r.figures(today: Self.today).hasPrefix("24 weeks pregnant · pain "), r.figures(today: Self.today))
    }

    func testAWarningSignCountsUntilItIsReviewed() throws {
        var s = Self.demo
        s.signReports.append(SignReport(id: 90, date: Self.today.adding(days: -1), time: time("20:00"), signs: ["vaginal-bleeding"]))
        let reason = CaseloadReason.warningSigns(["Bleeding from the vagina"], lastOn: Self.today.adding(days: -1))
        XCTAssertEqual(row(s).reasons.first, reason)
        XCTAssertEqual(reason.text(today: Self.today), "warning sign not reviewed: Bleeding from the vagina (yesterday)")
        XCTAssertTrue(reason.isUrgent)
        // A review covers the signs by the order they were written, whatever day they are dated: one that reached
        // its place leaves nothing to review; one made this morning that reached only the place before it (she
        // wrote yesterday evening's sign after it) leaves it to review.
        s.record.signsEntered.signReports[90] = 5
        s.record.signReviews = [SignReview(reviewedAt: at("2026-11-26T21:00"), through: at("2026-11-26T20:00"), enteredThrough: 5, reviewer: "t1")]
        XCTAssertFalse(row(s).reasons.contains(reason))
        s.record.signReviews = [SignReview(reviewedAt: at("2026-11-27T09:00"), through: at("2026-11-26T08:00"), enteredThrough: 4, reviewer: "t1")]
        XCTAssertEqual(row(s).reasons.first, reason, "dated before the review, written after it")
        // A sign ten days old that nobody has reviewed still waits for its review (her therapist away a week does
        // not clear it), before her first review and after one that did not reach it; a review that did clears it.
        s.signReports = [SignReport(id: 91, date: Self.today.adding(days: -10), time: time("08:00"), signs: ["leg-swelling"])]
        s.record.signsEntered.signReports = [91: 7]
        s.record.signReviews = []
        XCTAssertEqual(row(s).reasons.first?.rank, 0, "never reviewed, ten days old")
        s.record.signReviews = [SignReview(reviewedAt: at("2026-11-01T08:00"), through: at("2026-11-01T08:00"), enteredThrough: 6, reviewer: "t1")]
        XCTAssertEqual(row(s).reasons.first?.rank, 0)
        s.record.signReviews = [SignReview(reviewedAt: at("2026-11-20T08:00"), through: at("2026-11-17T08:00"), enteredThrough: 7, reviewer: "t1")]
        XCTAssertFalse(row(s).reasons.contains { $0.rank == 0 })
    }

    func testHighPainThenRisingPain() throws {
        var s = Self.demo
        s.painEntries.append(PainEntry(id: 900, date: Self.today.adding(days: -2), time: time("09:00"), score: 9))
        XCTAssertEqual(row(s).reasons.first, .highPain(score: 9, on: Self.today.adding(days: -2)))
        XCTAssertEqual(row(s).reasons.first?.text(today: Self.today), "pain 9/10 Wed 25 Nov")

        // Two points up on average, week on week, logged on enough days: rising.
        var rising = Self.demo
        rising.painEntries = (0..<14).map { i in
            PainEntry(id: Int64(1000 + i), date: Self.today.adding(days: -i), time: time("09:00"), score: i < 7 ? 5 : 2)
        }.reversed()
        XCTAssertEqual(row(rising).reasons.first, .risingPain(from: 2, to: 5))
        XCTAssertEqual(row(rising).reasons.first?.text(today: Self.today), "pain rising: 7-day average 2.0 the week before, 5.0 now")
        // Half a point up (2.0 to 2.6) is not a change that matters.
        rising.painEntries = rising.painEntries.map { var e = $0; if e.score == 5 { e.score = e.date.days(until: Self.today) % 2 == 0 ? 3 : 2 }; return e }
        XCTAssertFalse(row(rising).reasons.contains { $0.rank == 2 })
    }

    func testVisitsWithoutARecordOrToday() throws {
        var s = Self.demo
        var plan = try XCTUnwrap(s.plan)
        let third = try XCTUnwrap(plan.visits.first { $0.number == 3 })
        let booked = try third.booking(at: at("2026-11-27T15:00"), now: at("2026-11-27T12:00"))
        plan = try CarePlan(visits: plan.visits.map { $0.number == 3 ? booked : $0 })
        s.plan = plan
        XCTAssertTrue(row(s).reasons.contains(.visitToday(booked)))
        XCTAssertEqual(CaseloadReason.visitToday(booked).text(today: Self.today), "visit 3 today at 15:00")
        s.clock = PortalClock(today: Self.today, time: time("16:00"))
        XCTAssertTrue(row(s).reasons.contains(.visitUnrecorded(booked)), "past its time with nothing recorded")
        XCTAssertFalse(row(s).reasons.contains(.visitToday(booked)))
        XCTAssertEqual(CaseloadReason.visitUnrecorded(booked).text(today: Self.today), "visit 3 (Fri 27 Nov) has no record")
    }

    func testAWeekToPublishADraftOrTheNextWeekDueSoon() throws {
        var s = Self.demo
        let latest = try XCTUnwrap(s.program.weeks.last)
        XCTAssertEqual(latest.starts, day("2026-11-24"))
        // Four days before week 5 is due: not yet. Three: it is to write.
        XCTAssertFalse(row(s).reasons.contains { $0.rank == 6 })
        s.clock = PortalClock(today: day("2026-11-28"), time: time("12:00"))
        XCTAssertTrue(row(s).reasons.contains(.weekToPublish(number: 5, starts: day("2026-12-01"), drafted: false)))
        // A saved draft says so, whatever the day.
        var weeks = Self.demo.program.weeks
        weeks.append(ProgramWeek(number: 5, starts: day("2026-12-01"), note: "", prescriptions: latest.prescriptions))
        var drafted = Self.demo
        drafted.program = Program(weeks: weeks)
        let reason = CaseloadReason.weekToPublish(number: 5, starts: day("2026-12-01"), drafted: true)
        XCTAssertTrue(row(drafted, facts: CaseloadFacts(draftWeeks: [5])).reasons.contains(reason))
        XCTAssertEqual(reason.text(today: Self.today), "week 5 saved as a draft, not published (starts Tue 1 Dec)")
        XCTAssertFalse(row(drafted).reasons.contains { $0.rank == 6 }, "published: nothing to do")
    }

    func testLowAdherenceQuietAndTheFactsStillToCome() throws {
        var s = Self.demo
        s.sessions = s.sessions.filter { $0.week < 4 }
        XCTAssertTrue(row(s).reasons.contains(.lowAdherence(percent: 0, week: 4)), "\(row(s).reasons)")
        // Nothing for a week.
        s.painEntries = s.painEntries.filter { $0.date < day("2026-11-15") }
        s.sessions = s.sessions.filter { $0.date < day("2026-11-15") }
        s.signReports = []
        s.quizResults = s.quizResults.filter { $0.date < day("2026-11-15") }
        let quiet = try XCTUnwrap(row(s).reasons.last)
        XCTAssertEqual(quiet.text(today: Self.today).prefix(30), "nothing logged for 13 days (la")
        // Questions and new results come from the parts still to come; unknown, they add nothing.
        let facts = CaseloadFacts(unansweredQuestions: 2, newResults: ["bladder diary"])
        XCTAssertTrue(row(facts: facts).reasons.contains(.unansweredQuestions(2)))
        XCTAssertTrue(row(facts: facts).reasons.contains(.newResults(["bladder diary"])))
        XCTAssertEqual(CaseloadReason.unansweredQuestions(2).text(today: Self.today), "2 questions to answer")
        XCTAssertEqual(row(facts: CaseloadFacts(unansweredQuestions: 0, newResults: [])).reasons, [])
    }

    func testAnEmptyRecordNeedsNothingAndSaysSo() {
        let empty = PortalSnapshot.empty(clock: PortalClock(today: Self.today, time: time("12:00")))
        let r = row(empty)
        XCTAssertEqual(r.reasons, [])
        XCTAssertFalse(r.isSetUp)
        XCTAssertEqual(r.name, "(not set up yet)")
        XCTAssertEqual(r.figures(today: Self.today), "no record yet")
    }

    func testTheOrderIsTheMostPressingReasonThenHowManyThenTheName() {
        func r(_ name: String, _ reasons: [CaseloadReason]) -> CaseloadRow {
            CaseloadRow(login: name.lowercased(), name: name, isSetUp: true, stage: nil, lastPain: nil, average7: nil,
                        adherence: nil, nextVisit: nil, lastLogged: nil, reasons: reasons)
        }
        let quiet = CaseloadReason.quiet(lastLogged: nil, everLogged: false)
        let signs = CaseloadReason.warningSigns(["x"], lastOn: Self.today)
        let rows = [r("Ana", []), r("Bea", [quiet]), r("Cai", [quiet, .lowAdherence(percent: 10, week: 2)]),
                    r("Dee", [quiet, signs]), r("Eve", [.highPain(score: 8, on: Self.today)]), r("Abe", [])]
        XCTAssertEqual(CaseloadRow.ordered(rows).map(\.name), ["Dee", "Eve", "Cai", "Bea", "Abe", "Ana"])
        XCTAssertEqual(rows[3].reasons.first, signs, "a row's reasons are most pressing first")
    }

    func testSearchFindsHerByNameOrLoginWhateverTheCaseOrAccents() {
        let r = CaseloadRow(login: "jlee", name: "Jordan Léa", isSetUp: true, stage: nil, lastPain: nil, average7: nil,
                            adherence: nil, nextVisit: nil, lastLogged: nil, reasons: [])
        XCTAssertTrue(r.matches("jor"))
        XCTAssertTrue(r.matches("LEA jo"))
        XCTAssertTrue(r.matches("jlee"))
        XCTAssertTrue(r.matches(""))
        XCTAssertFalse(r.matches("ana"))
    }
}
