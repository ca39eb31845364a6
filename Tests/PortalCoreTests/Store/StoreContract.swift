import Foundation
import XCTest
@testable import PortalCore

/// The behaviour every `PortalStoring` backend must have, written once as checks. A backend runs them all
/// by subclassing, overriding `makeStore()` and adding `func testContract() throws { try runContract() }`
/// (see `SQLiteStoreContractTests`); a PostgreSQL store adds one such file. (XCTest on Linux does not find
/// test methods a subclass inherits, so the checks run from that one test, each with a fresh store.)
class StoreContract: XCTestCase {
    /// A new, empty store. Each check gets its own.
    func makeStore() throws -> any PortalStoring {
        throw XCTSkip("StoreContract is run by its subclasses, one per backend")
    }

    /// Every check, by name. A new check goes in this list.
    nonisolated(unsafe) static let checks: [(String, (StoreContract) -> () throws -> Void)] = [
        ("AnEmptyStoreHasNoPatient", checkAnEmptyStoreHasNoPatient),
        ("ASetUpRecordReadsBackWhole", checkASetUpRecordReadsBackWhole),
        ("ANewPatientIsCheckedAsAWhole", checkANewPatientIsCheckedAsAWhole),
        ("SavingThePatientReplacesHer", checkSavingThePatientReplacesHer),
        ("TheSnapshotHoldsWhatTheScreensShow", checkTheSnapshotHoldsWhatTheScreensShow),
        ("EraseAllEmptiesTheStore", checkEraseAllEmptiesTheStore),
        ("EditAndDeleteAPainEntry", checkEditAndDeleteAPainEntry),
        ("PainEntriesAreReadByDateRange", checkPainEntriesAreReadByDateRange),
        ("ABadPainEntryIsRefusedAndChangesNothing", checkABadPainEntryIsRefusedAndChangesNothing),
        ("SavingAVisitKeepsTheScheduleWhoeverCalls", checkSavingAVisitKeepsTheScheduleWhoeverCalls),
        ("ACompletedVisitKeepsItsDateAndStatus", checkACompletedVisitKeepsItsDateAndStatus),
        ("StoredTextIsPlainText", checkStoredTextIsPlainText),
        ("ProgramWeeksAreNumberedAndDatedInOrder", checkProgramWeeksAreNumberedAndDatedInOrder),
        ("MarkDoneRespectsTheProgram", checkMarkDoneRespectsTheProgram),
        ("TimesPerDayCountsEachDayApart", checkTimesPerDayCountsEachDayApart),
        ("ReadingAndQuiz", checkReadingAndQuiz),
        ("TwoWritersAtOnceBothSucceed", checkTwoWritersAtOnceBothSucceed),
        ("TwoWritersCannotBothBookOneTime", checkTwoWritersCannotBothBookOneTime),
    ]

    /// Runs every check; a check that throws fails with its name.
    func runContract() throws {
        for (name, check) in Self.checks {
            do {
                try check(self)()
            } catch is XCTSkip {
                throw XCTSkip("no store for \(name)")
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    /// A second connection to the same data as `store`, when the backend has such a thing (two portals on
    /// one file; two sessions on one server); nil to test two writers on the one store.
    func secondConnection(to store: any PortalStoring) throws -> (any PortalStoring)? { nil }

    let now = at("2026-11-27T12:00")
    let today = day("2026-11-10")

    /// A store with a patient, six visits (the first booked 2 Nov 09:00) and two program weeks: week 1 from
    /// 2 Nov (clamshell 5 days a week, cat-cow twice a day), week 2 from 9 Nov (clamshell 3 sets, glute bridge).
    func seededStore() throws -> any PortalStoring {
        let store = try makeStore()
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        try store.setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: ["a", "b"])
        return store
    }

    static let weeks = [
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "Start", prescriptions: [rx("clamshell", days: 5), rx("cat-cow", times: 2)]),
        ProgramWeek(number: 2, starts: day("2026-11-09"), note: "More", prescriptions: [rx("clamshell", sets: 3, days: 5), rx("glute-bridge")]),
    ]

    /// Everything the store holds, to show a refused write changed nothing.
    func contents(_ store: any PortalStoring) throws -> String {
        "\(try store.patient().map { "\($0)" } ?? "-") \(try store.carePlan()?.visits ?? []) \(try store.program())"
            + " \(try store.painEntries()) \(try store.sessions()) \(try store.readingList())"
            + " \(try store.articlesRead().sorted { $0.key < $1.key }) \(try store.quizResults())"
    }

    func assertRefused(_ store: any PortalStoring, _ why: String, file: StaticString = #filePath, line: UInt = #line,
                       _ write: () throws -> Void) throws {
        let before = try contents(store)
        XCTAssertThrowsError(try write(), why, file: file, line: line) {
            XCTAssertNotNil($0 as? PortalError, "every backend throws PortalError, got \($0)", file: file, line: line)
        }
        XCTAssertEqual(try contents(store), before, "\(why): nothing changed", file: file, line: line)
    }

    // MARK: Record

    func checkAnEmptyStoreHasNoPatient() throws {
        let store = try makeStore()
        XCTAssertTrue(try store.isEmpty())
        let snap = try store.snapshot(clock: PortalClock(today: today, time: time("09:00")))
        XCTAssertNil(snap.patient)
        XCTAssertNil(snap.plan)
        XCTAssertEqual(snap.program.weeks, [])
        XCTAssertEqual(snap.painEntries, [])
    }

    func checkASetUpRecordReadsBackWhole() throws {
        let store = try seededStore()
        XCTAssertFalse(try store.isEmpty())
        XCTAssertEqual(try store.patient(), pregnantPatient())
        XCTAssertEqual(try store.carePlan()?.visits.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try store.carePlan()?.visits.first?.start, at("2026-11-02T09:00"))
        XCTAssertEqual(try store.program().weeks, Self.weeks)
        XCTAssertEqual(try store.readingList(), ["a", "b"])
        try assertRefused(store, "a second patient") {
            try store.setUp(patient: pregnantPatient(), plan: try XCTUnwrap(store.carePlan()), weeks: [], readingList: [])
        }
        try assertRefused(store, "a second care plan") { try store.setUpCarePlan(try XCTUnwrap(store.carePlan())) }
    }

    func checkANewPatientIsCheckedAsAWhole() throws {
        let store = try makeStore()
        let onboarding = Onboarding(content: sharedContent)
        let plan = try onboarding.carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St\u{1B}[2J", therapist: "T")
        XCTAssertThrowsError(try store.setUp(patient: pregnantPatient(), plan: plan, weeks: [], readingList: [])) {
            XCTAssertTrue("\($0)".contains("(ESC)"), "\($0)")
        }
        let gap = [ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell")]),
                   ProgramWeek(number: 2, starts: day("2026-11-04"), note: "", prescriptions: [rx("clamshell")])]
        let fine = try onboarding.carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        XCTAssertThrowsError(try store.setUp(patient: pregnantPatient(), plan: fine, weeks: gap, readingList: []))
        XCTAssertTrue(try store.isEmpty(), "nothing was written")
    }

    func checkSavingThePatientReplacesHer() throws {
        let store = try seededStore()
        var p = pregnantPatient(conditions: [.lowBack, .pelvicGirdle])
        p.clinic = "Harbor"
        try store.savePatient(p)
        XCTAssertEqual(try store.patient(), p)
        p.clinic = "Clinic\u{1B}]0;PWNED\u{07}"
        try assertRefused(store, "control characters") { try store.savePatient(p) }
    }

    func checkTheSnapshotHoldsWhatTheScreensShow() throws {
        let store = try seededStore()
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        let old = try store.addPainEntry(PainEntry(date: day("2026-07-01"), time: time("08:00"), score: 2), now: now)
        let recent = try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4), now: now)
        let session = try store.markDone(exerciseID: "clamshell", on: day("2026-11-20"), today: clock.today)
        try store.markArticleRead("a", on: day("2026-11-21"))
        let quiz = try store.saveQuizResult(QuizResult(date: day("2026-11-22"), answers: ["leak-cough": true]))
        let snap = try store.snapshot(clock: clock)
        XCTAssertEqual(snap.patient, pregnantPatient())
        XCTAssertEqual(snap.plan, try store.carePlan())
        XCTAssertEqual(snap.program.weeks, Self.weeks)
        XCTAssertEqual(snap.painEntries, [recent], "the last \(PortalSnapshot.historyDays) days only, not \(old)")
        XCTAssertEqual(snap.sessions, [session])
        XCTAssertEqual(snap.readingList, ["a", "b"])
        XCTAssertEqual(snap.articlesRead, ["a": day("2026-11-21")])
        XCTAssertEqual(snap.quizResults, [quiz])
        XCTAssertNotNil(quiz.id)
    }

    func checkEraseAllEmptiesTheStore() throws {
        let store = try seededStore()
        try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4, sites: [SiteSide(.buttock)]), now: now)
        try store.markDone(exerciseID: "clamshell", on: today, today: today)
        try store.markArticleRead("a", on: today)
        try store.saveQuizResult(QuizResult(date: today, answers: ["x": false]))
        try store.eraseAll()
        XCTAssertTrue(try store.isEmpty())
        XCTAssertEqual(try contents(store), try contents(try makeStore()), "as empty as a new store")
    }

    // MARK: Pain

    func checkEditAndDeleteAPainEntry() throws {
        let store = try seededStore()
        var e = try store.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 5, sites: [SiteSide(.buttock)]), now: now)
        XCTAssertNotNil(e.id)
        e.score = 3
        e.sites = [SiteSide(.hipFront, .right)]
        e.triggers = [.stairs]
        XCTAssertEqual(try store.updatePainEntry(e, now: now), e)
        XCTAssertEqual(try store.painEntries(), [e])
        try store.deletePainEntry(id: e.id!)
        XCTAssertEqual(try store.painEntries(), [])
        XCTAssertThrowsError(try store.deletePainEntry(id: e.id!))
        XCTAssertThrowsError(try store.updatePainEntry(e, now: now), "it is gone")
    }

    func checkPainEntriesAreReadByDateRange() throws {
        let store = try seededStore()
        for d in ["2026-11-01", "2026-11-05", "2026-11-09"] {
            try store.addPainEntry(PainEntry(date: day(d), time: time("08:00"), score: 3), now: now)
        }
        XCTAssertEqual(try store.painEntries(from: day("2026-11-05"), to: day("2026-11-09")).map(\.date.description), ["2026-11-05", "2026-11-09"])
        XCTAssertEqual(try store.painEntries(from: day("2026-11-02")).count, 2)
        XCTAssertEqual(try store.painEntries().count, 3)
    }

    func checkABadPainEntryIsRefusedAndChangesNothing() throws {
        let store = try seededStore()
        let saved = try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4), now: now)
        try assertRefused(store, "score 11") { try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 11), now: now) }
        try assertRefused(store, "tomorrow") { try store.addPainEntry(PainEntry(date: day("2026-11-28"), time: time("08:00"), score: 4), now: now) }
        try assertRefused(store, "later today") { try store.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("13:00"), score: 4), now: now) }
        try assertRefused(store, "an escape in the note") {
            try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4, note: "\u{1B}[2J"), now: now)
        }
        var changed = saved
        changed.score = -1
        try assertRefused(store, "an update out of range") { try store.updatePainEntry(changed, now: now) }
        XCTAssertThrowsError(try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 11), now: now)) {
            XCTAssertEqual(($0 as? PortalError)?.field, .painScore, "the error names its field")
        }
    }

    // MARK: Visits

    func checkSavingAVisitKeepsTheScheduleWhoeverCalls() throws {
        let store = try seededStore()
        var v2 = try XCTUnwrap(try store.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-02T09:30") // during visit 1 (09:00 to 10:00)
        XCTAssertThrowsError(try store.saveVisit(v2)) { XCTAssertTrue("\($0)".contains("would overlap visit 1"), "\($0)") }
        v2.start = at("2026-11-01T09:00") // before the evaluation
        XCTAssertThrowsError(try store.saveVisit(v2)) { XCTAssertTrue("\($0)".contains("must come after visit 1"), "\($0)") }
        v2.start = at("2026-11-09T09:00")
        XCTAssertEqual(try store.saveVisit(v2), v2)
        var v3 = try XCTUnwrap(try store.carePlan()?.visits[2])
        v3.status = .booked
        v3.start = at("2026-11-05T09:00")
        try assertRefused(store, "before visit 2") { try store.saveVisit(v3) }
        XCTAssertEqual(try store.carePlan()?.visits[2].status, .toSchedule, "nothing was saved")
        var seventh = v3
        seventh.number = 7
        try assertRefused(store, "a seventh visit") { try store.saveVisit(seventh) }
    }

    func checkACompletedVisitKeepsItsDateAndStatus() throws {
        let store = try seededStore()
        var v = try XCTUnwrap(try store.carePlan()?.visits.first)
        v.status = .completed
        v.notes = "Went well"
        try store.saveVisit(v)
        v.start = at("2026-11-05T09:00")
        try assertRefused(store, "a new date") { try store.saveVisit(v) }
        v.start = at("2026-11-02T09:00")
        v.status = .cancelled
        try assertRefused(store, "a new status") { try store.saveVisit(v) }
        v.status = .completed
        v.notes = "Went well. Keep going."
        try store.saveVisit(v)
        XCTAssertEqual(try store.carePlan()?.visits.first?.start, at("2026-11-02T09:00"))
        XCTAssertEqual(try store.carePlan()?.visits.first?.notes, "Went well. Keep going.", "notes can still be corrected")
    }

    func checkStoredTextIsPlainText() throws {
        let store = try seededStore()
        var v = try XCTUnwrap(try store.carePlan()?.visits.first)
        v.location = "Room\u{1B}[31m"
        XCTAssertThrowsError(try store.saveVisit(v)) {
            XCTAssertEqual("\($0)", "The location contains control characters (ESC); use plain text.")
            XCTAssertEqual(($0 as? PortalError)?.field, .visitLocation)
        }
        v.location = String(repeating: "x", count: 301)
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertEqual("\($0)", "The location is 301 characters; at most 300 fit.") }
        v.location = "1 Main St"
        v.notes = String(repeating: "n", count: 2001)
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertTrue("\($0)".contains("at most 2000 fit"), "\($0)") }
        v.notes = "Went well.\nKeep going.\u{07}"
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertTrue("\($0)".contains("(BEL)"), "\($0)") }
        XCTAssertEqual(try store.carePlan()?.visits.first?.notes, "")

        var p = try XCTUnwrap(try store.patient())
        p.clinic = "Clinic\u{1B}]0;PWNED\u{07}"
        XCTAssertThrowsError(try store.savePatient(p)) { XCTAssertTrue("\($0)".contains("The clinic contains control characters (ESC)"), "\($0)") }

        let week = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "\u{1B}[2J", prescriptions: [rx("clamshell")])
        XCTAssertThrowsError(try store.addProgramWeek(week, library: sharedContent.exercises)) {
            XCTAssertEqual("\($0)", "note contains control characters (ESC); use plain text.")
        }
    }

    // MARK: Program and exercise log

    func checkProgramWeeksAreNumberedAndDatedInOrder() throws {
        let store = try seededStore()
        let library = sharedContent.exercises
        try assertRefused(store, "a gap") {
            try store.addProgramWeek(ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("clamshell")]), library: library)
        }
        try assertRefused(store, "week 2 again") {
            try store.addProgramWeek(ProgramWeek(number: 2, starts: day("2026-11-16"), note: "", prescriptions: [rx("clamshell")]), library: library)
        }
        try assertRefused(store, "less than a week after week 2") {
            try store.addProgramWeek(ProgramWeek(number: 3, starts: day("2026-11-12"), note: "", prescriptions: [rx("clamshell")]), library: library)
        }
        try assertRefused(store, "an exercise not in the library") {
            try store.addProgramWeek(ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("moonwalk")]), library: library)
        }
        let week3 = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "On", prescriptions: [rx("clamshell", sets: 4)])
        try store.addProgramWeek(week3, library: library)
        XCTAssertEqual(try store.program().weeks.last, week3)
    }

    func checkMarkDoneRespectsTheProgram() throws {
        let store = try seededStore()
        XCTAssertThrowsError(try store.markDone(exerciseID: "cat-cow", on: today, today: today), "cat-cow left the program in week 2")
        XCTAssertThrowsError(try store.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: today), "future")
        XCTAssertThrowsError(try store.markDone(exerciseID: "clamshell", on: day("2026-10-30"), today: today), "before the program")
        let session = try store.markDone(exerciseID: "clamshell", on: today, today: today)
        XCTAssertEqual(session.week, 2, "the week current on that day")
        XCTAssertEqual(session.setsDone, 3, "that week's sets")
        XCTAssertNotNil(session.id)
        try assertRefused(store, "once a day") { try store.markDone(exerciseID: "clamshell", on: today, today: today) }
        XCTAssertEqual(try store.sessions(from: today, to: today), [session])
        XCTAssertTrue(try store.undoDone(exerciseID: "clamshell", on: today))
        XCTAssertFalse(try store.undoDone(exerciseID: "clamshell", on: today))
    }

    func checkTimesPerDayCountsEachDayApart() throws {
        let store = try seededStore()
        let d = day("2026-11-03") // week 1: cat-cow twice a day
        try store.markDone(exerciseID: "cat-cow", on: d, today: today)
        try store.markDone(exerciseID: "cat-cow", on: d, today: today)
        try assertRefused(store, "a third time") { try store.markDone(exerciseID: "cat-cow", on: d, today: today) }
        try store.markDone(exerciseID: "cat-cow", on: d.adding(days: 1), today: today)
        XCTAssertEqual(try store.sessions().map(\.week), [1, 1, 1])
    }

    func checkReadingAndQuiz() throws {
        let store = try seededStore()
        try store.markArticleRead("a", on: day("2026-11-03"))
        try store.markArticleRead("a", on: day("2026-11-05"))
        XCTAssertEqual(try store.articlesRead(), ["a": day("2026-11-03")], "the first day it was read is kept")
        try store.setReadingList(["c", "a", "c"])
        XCTAssertEqual(try store.readingList(), ["c", "a"])
        let first = try store.saveQuizResult(QuizResult(date: day("2026-11-04"), answers: ["leak-cough": true]))
        let second = try store.saveQuizResult(QuizResult(date: day("2026-11-06"), answers: ["leak-cough": false]))
        XCTAssertNotEqual(first.id, second.id)
        XCTAssertEqual(try store.quizResults(), [first, second])
    }

    // MARK: Two writers

    func checkTwoWritersAtOnceBothSucceed() throws {
        let a = try seededStore()
        let b = try secondConnection(to: a) ?? a
        let failures = LockedCounter()
        let now = self.now
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = i == 0 ? a : b
            for n in 0..<25 {
                do {
                    try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11, note: "writer \(i)"), now: now)
                } catch {
                    failures.increment()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try a.painEntries().count, 50)
        XCTAssertEqual(try b.painEntries().filter { $0.note == "writer 1" }.count, 25)
    }

    func checkTwoWritersCannotBothBookOneTime() throws {
        let a = try seededStore()
        let b = try secondConnection(to: a) ?? a
        var v2 = try XCTUnwrap(try a.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-09T09:00")
        var v3 = try XCTUnwrap(try b.carePlan()?.visits[2])
        v3.status = .booked
        v3.start = at("2026-11-09T09:15")
        let results = LockedCounter()
        let (first, second) = (v2, v3)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if (try? (i == 0 ? a.saveVisit(first) : b.saveVisit(second))) != nil { results.increment() }
        }
        XCTAssertEqual(results.value, 1, "the rule is checked inside the write, so only one booking wins")
        XCTAssertEqual(try a.carePlan()?.visits.filter { $0.status == .booked }.count, 2, "visit 1 and the winner")
    }
}
