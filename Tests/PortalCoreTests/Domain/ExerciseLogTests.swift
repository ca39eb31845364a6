@testable import PortalCore
import StoreTestSupport
import XCTest

final class ExerciseLogTests: XCTestCase {
    // Week 1 from Monday 2 Nov: two exercises, 5 days a week (2 planned rest days).
    let program = Program(weeks: [
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell", days: 5), rx("cat-cow", days: 5, times: 2)]),
        ProgramWeek(number: 2, starts: day("2026-11-09"), note: "", prescriptions: [rx("clamshell", days: 5)]),
    ])

    private func sessions(_ pairs: [(String, String)]) -> [ExerciseSession] {
        pairs.map { ExerciseSession(date: day($0.0), exerciseID: $0.1, week: 1, setsDone: 2) }
    }

    func testTodayCountsExercisesWithAllSessionsDone() {
        let log = ExerciseLog(program: program, sessions: sessions([("2026-11-03", "clamshell"), ("2026-11-03", "cat-cow")]))
        XCTAssertEqual(log.today(day("2026-11-03")).done, 1, "cat-cow is twice a day, so one session is not done yet")
        XCTAssertEqual(log.today(day("2026-11-03")).prescribed, 2)
        let both = ExerciseLog(program: program, sessions: sessions([("2026-11-03", "clamshell"), ("2026-11-03", "cat-cow"), ("2026-11-03", "cat-cow")]))
        XCTAssertEqual(both.today(day("2026-11-03")).done, 2)
    }

    func testAdherenceIsDoneOverPrescribedAndProratedForTheCurrentWeek() {
        // Week 1 prescribes 5 clamshell + 10 cat-cow sessions = 15.
        var pairs: [(String, String)] = []
        for d in ["2026-11-02", "2026-11-03", "2026-11-04"] { pairs += [(d, "clamshell"), (d, "cat-cow")] }
        let log = ExerciseLog(program: program, sessions: sessions(pairs))
        let weeks = log.adherenceByWeek(today: day("2026-11-10"))
        XCTAssertEqual(weeks.first?.done, 6)
        XCTAssertEqual(weeks.first?.expected, 15)
        XCTAssertEqual(weeks.first?.percent, 40)
        // Week 2 has had two days: 5 × 2 / 7 = 1 session expected so far, none done.
        XCTAssertEqual(weeks.last?.expected, 1)
        XCTAssertEqual(weeks.last?.done, 0)
    }

    func testExtraSessionsDoNotLiftAdherenceAboveThePrescription() {
        let pairs = (2...8).map { (String(format: "2026-11-%02d", $0), "clamshell") }
        let w = ExerciseLog(program: program, sessions: sessions(pairs)).adherenceByWeek(today: day("2026-11-08")).first!
        XCTAssertEqual(w.done, 5, "clamshell is 5 days a week; the 6th and 7th day add nothing")
    }

    func testStreakSurvivesPlannedRestDaysButNotMore() {
        // Done Mon–Wed, rest Thu–Fri (2 planned), done Sat.
        let log = ExerciseLog(program: program, sessions: sessions([
            ("2026-11-02", "clamshell"), ("2026-11-03", "clamshell"), ("2026-11-04", "clamshell"), ("2026-11-07", "clamshell"),
        ]))
        XCTAssertEqual(log.streak(today: day("2026-11-07")), Streak(activeDays: 4, restDays: 2))
        // Today not done yet: the streak still stands from yesterday.
        XCTAssertEqual(log.streak(today: day("2026-11-08")).activeDays, 4)
        // Three days off in one week is more rest than planned: the streak is only what came after.
        let broken = ExerciseLog(program: program, sessions: sessions([
            ("2026-11-02", "clamshell"), ("2026-11-06", "clamshell"), ("2026-11-07", "clamshell"),
        ]))
        XCTAssertEqual(broken.streak(today: day("2026-11-07")).activeDays, 2)
    }

    func testNoStreakBeforeTheProgramStarts() {
        XCTAssertEqual(ExerciseLog(program: program, sessions: []).streak(today: day("2026-11-01")), Streak(activeDays: 0, restDays: 0))
    }
}

final class ExerciseLogHonestyTests: XCTestCase {
    // Clamshell 5 days a week, 2 sets; week 2 starts 10 days after week 1 (a late visit).
    let program = Program(weeks: [
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell", days: 5)]),
        ProgramWeek(number: 2, starts: day("2026-11-12"), note: "", prescriptions: [rx("clamshell", days: 5)]),
    ])

    private func done(_ days: [String], sets: Int = 2) -> [ExerciseSession] {
        days.map { ExerciseSession(date: day($0), exerciseID: "clamshell", week: 1, setsDone: sets) }
    }

    func testDaysAfterTheSeventhCountUntilTheNextWeekStarts() {
        let log = ExerciseLog(program: program, sessions: done(["2026-11-02", "2026-11-03", "2026-11-09", "2026-11-10", "2026-11-11"]))
        let w = log.adherenceByWeek(today: day("2026-11-20")).first!
        XCTAssertEqual(w.days, 10, "week 1 lasted until week 2 began")
        XCTAssertEqual(w.expected, 7, "5 days a week over 10 days: 50 / 7, rounded down")
        XCTAssertEqual(w.done, 5, "the 8th, 9th and 10th day count")
    }

    /// QA J6: once her program has run out (the last week's 7 days are over, nothing planned after it) nothing
    /// of it is due, so the days after its last day are never counted as missed, nor what she did then as more.
    func testAdherenceStopsAtTheLastDayOfAProgramThatRanOut() {
        let sessions = done((12...22).map { String(format: "2026-11-%02d", $0) })
        let log = ExerciseLog(program: program, sessions: sessions)
        XCTAssertEqual(program.ranOut(on: day("2026-11-22")), day("2026-11-18"))
        XCTAssertEqual(log.lastDay(of: program.weeks[1], today: day("2026-11-22")), day("2026-11-18"))
        let w = log.adherenceByWeek(today: day("2026-11-22")).last!
        XCTAssertEqual(w.days, 7, "week 2 ended on its seventh day, 18 Nov")
        XCTAssertEqual(w.expected, 5)
        XCTAssertEqual(w.done, 5)
        // Weeks later, with nothing done after the 18th, the week is as it was on its last day.
        let idle = ExerciseLog(program: program, sessions: done((12...18).map { String(format: "2026-11-%02d", $0) }))
        let later = idle.adherenceByWeek(today: day("2027-01-10")).last!
        XCTAssertEqual(later.days, 7)
        XCTAssertEqual(later.expected, 5, "not 5 days a week over 56 days")
        XCTAssertEqual(later.percent, 100)
    }

    /// A therapist's draft after the last published week is not hers: her program runs out all the same, and the
    /// draft's days (its start date come, still unpublished) are no week of her adherence.
    func testADraftNeitherLengthensHerLastWeekNorCountsAsAWeek() {
        let withDraft = Program(weeks: program.weeks + [ProgramWeek(number: 3, starts: day("2026-11-30"), note: "",
                                                                   prescriptions: [rx("clamshell", days: 5)])], drafts: [3])
        let log = ExerciseLog(program: withDraft, sessions: [])
        XCTAssertEqual(log.lastDay(of: withDraft.weeks[1]), day("2026-11-18"))
        XCTAssertEqual(log.adherenceByWeek(today: day("2026-12-05")).map(\.week), [1, 2])
        XCTAssertEqual(log.adherenceByWeek(today: day("2026-12-05")).last?.days, 7)
    }

    func testAPartialSessionCountsByItsSetsAndIsNotDone() {
        let log = ExerciseLog(program: program, sessions: done(["2026-11-02"]) + done(["2026-11-03"], sets: 1))
        let w = log.adherenceByWeek(today: day("2026-11-20")).first!
        XCTAssertEqual(w.done, 1)
        XCTAssertEqual(w.partial, 1)
        XCTAssertEqual(w.ratio, 1.5 / 7, accuracy: 1e-9)
        XCTAssertFalse(log.isDone(program.weeks[0].prescriptions[0], on: day("2026-11-03")))
        XCTAssertTrue(log.isDone(program.weeks[0].prescriptions[0], on: day("2026-11-02")))
    }

    func testRestDaysBeforeTheFirstExerciseDayOfTheRunAreNotCounted() {
        // Done 5th–7th; the 3rd and 4th were not exercise days, and nothing before: the run starts on the 5th.
        let log = ExerciseLog(program: program, sessions: done(["2026-11-05", "2026-11-06", "2026-11-07"]))
        XCTAssertEqual(log.streak(today: day("2026-11-07")), Streak(activeDays: 3, restDays: 0))
        // With a rest day inside the run it counts.
        let inside = ExerciseLog(program: program, sessions: done(["2026-11-04", "2026-11-06", "2026-11-07"]))
        XCTAssertEqual(inside.streak(today: day("2026-11-07")), Streak(activeDays: 3, restDays: 1))
    }
}

/// Issue 19, point 5: one rule for what "done" means, so no place contradicts another.
final class ExerciseDoneRuleTests: XCTestCase {
    // Clamshell: 2 sets, once a day, 5 days a week, from Monday 2 Nov.
    let p = rx("clamshell", days: 5)
    var program: Program { Program(weeks: [ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [p])]) }

    private func session(_ d: String, sets: Int) -> ExerciseSession {
        ExerciseSession(date: day(d), exerciseID: "clamshell", week: 1, setsDone: sets)
    }

    func testAPartialSessionIsPartialAndTheDayTakesAWholeOneAfterIt() throws {
        let partial = [session("2026-11-03", sets: 1)]
        let day1 = ExerciseLog(program: program, sessions: partial).day(p, on: day("2026-11-03"))
        XCTAssertFalse(day1.isDone)
        XCTAssertEqual(day1.stateText, "partial: 1 of 2 sets")
        // The store's rule takes a whole session after the partial one, and then no more.
        let whole = try StoreRules.session(exerciseID: "clamshell", on: day("2026-11-03"), today: day("2026-11-03"),
                                           program: program, sessionsThatDay: partial)
        let both = partial + [whole]
        let day2 = ExerciseLog(program: program, sessions: both).day(p, on: day("2026-11-03"))
        XCTAssertTrue(day2.isDone)
        XCTAssertEqual(day2.setsDone, 2, "the best session counts, up to the sets prescribed")
        XCTAssertThrowsError(try StoreRules.session(exerciseID: "clamshell", on: day("2026-11-03"), today: day("2026-11-03"),
                                                    program: program, sessionsThatDay: both)) {
            XCTAssertEqual("\($0)", "This exercise is already done today: its session is marked done with every set.")
        }
        // A day before today is named, not called today.
        XCTAssertThrowsError(try StoreRules.session(exerciseID: "clamshell", on: day("2026-11-03"), today: day("2026-11-05"),
                                                    program: program, sessionsThatDay: both)) {
            XCTAssertEqual("\($0)", "This exercise is already done on Tue 3 Nov: its session is marked done with every set.")
        }
    }

    func testSetsDoneAreNeverMoreThanPrescribed() {
        // Every day of the week, two sessions a day (one partial): 7 days of a 5-day prescription.
        var sessions: [ExerciseSession] = []
        for d in 2...8 { sessions += [session(String(format: "2026-11-%02d", d), sets: 1), session(String(format: "2026-11-%02d", d), sets: 2)] }
        let log = ExerciseLog(program: program, sessions: sessions)
        let sets = log.sets(of: p, from: day("2026-11-02"), through: day("2026-11-08"))
        XCTAssertEqual(sets.prescribed, 10, "5 sessions of 2 sets")
        XCTAssertEqual(sets.done, 10, "not 21: a day counts its best session, the week its 5 best days")
        XCTAssertEqual(log.adherenceByWeek(today: day("2026-11-08")).first?.done, 5, "adherence counts by the same rule")
    }

    func testTheReportsSetsFollowTheRule() throws {
        var sessions: [ExerciseSession] = []
        for d in 2...8 { sessions += [session(String(format: "2026-11-%02d", d), sets: 1), session(String(format: "2026-11-%02d", d), sets: 2)] }
        let record = PatientRecord(patient: pregnantPatient(), plan: nil, program: program, sessions: sessions, painEntries: [],
                                   signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let data = ExportData(today: day("2026-11-08"), record: record, identity: "t", content: sharedContent)
        let r = try TherapistReport(data: data, period: .lastDays(7))
        XCTAssertEqual(r.exercises.map { "\($0.setsDone) of \($0.setsPrescribed)" }, ["10 of 10"])
    }

    /// QA-m M8: an exercise or a week of which nothing was due yet in the period is "none due yet", never "0 of 0
    /// sets (0%)": the report's every form says it by one rule.
    func testNothingDueYetIsSaidSoNotAsZeroPercent() throws {
        // Week 2 starts today with a 1-day-a-week exercise: nothing of it is due yet on its first day.
        let twoWeeks = Program(weeks: program.weeks + [ProgramWeek(number: 2, starts: day("2026-11-09"), note: "",
                                                                   prescriptions: [rx("cat-cow", days: 1)])])
        let record = PatientRecord(patient: pregnantPatient(), plan: nil, program: twoWeeks, sessions: [], painEntries: [],
                                   signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let data = ExportData(today: day("2026-11-09"), record: record, identity: "t", content: sharedContent)
        let r = try TherapistReport(data: data, period: .lastDays(7))
        let catCow = try XCTUnwrap(r.exercises.first { $0.name == sharedContent.exercises.name("cat-cow") })
        XCTAssertEqual(catCow.setsPrescribed, 0)
        XCTAssertEqual(catCow.doneText(), TherapistReport.noneDue)
        let week2 = try XCTUnwrap(r.weeks.first { $0.week == 2 })
        XCTAssertEqual(TherapistReport.weekText(week2), TherapistReport.noneDue)
        for text in [ReportText.text(r), ReportText.markdown(r), ReportHTML.html(r)] {
            XCTAssertFalse(text.contains("0 of 0"), text)
            XCTAssertTrue(text.contains(TherapistReport.noneDue), text)
        }
        XCTAssertEqual(TherapistReport.ExerciseLine(name: "Clamshell", setsDone: 6, setsPrescribed: 20).doneText(), "6 of 20 sets (30%)")
    }
}
