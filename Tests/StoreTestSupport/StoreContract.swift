import Foundation
import XCTest
import PortalCore

/// The behaviour every `RecordStore` backend must have, written once as checks. A backend runs them all
/// by subclassing, overriding `makeStore()` and adding `func testContract() throws { try runContract() }`
/// (`SQLiteStoreContractTests` in PortalCoreTests, `PostgresStoreContractTests` in PortalClinicTests: this
/// support target is shared by both, and uses only PortalCore's public API). (XCTest on Linux does not find
/// test methods a subclass inherits, so the checks run from that one test, each with a fresh store.)
open class StoreContract: XCTestCase {
    /// A new, empty store. Each check gets its own.
    open func makeStore() throws -> any RecordStore {
        throw XCTSkip("StoreContract is run by its subclasses, one per backend")
    }

    /// A new, empty store whose dates and times are in `zone` (the checks of daylight-saving times).
    open func makeStore(zone: LocalZone) throws -> any RecordStore {
        throw XCTSkip("StoreContract is run by its subclasses, one per backend")
    }

    /// Every check, by name. A new check goes in this list.
    nonisolated(unsafe) static let checks: [(String, (StoreContract) -> () throws -> Void)] = [
        ("AnEmptyStoreHasNoPatient", checkAnEmptyStoreHasNoPatient),
        ("ASetUpRecordReadsBackWhole", checkASetUpRecordReadsBackWhole),
        ("ANewPatientIsCheckedAsAWhole", checkANewPatientIsCheckedAsAWhole),
        ("SavingThePatientReplacesHer", checkSavingThePatientReplacesHer),
        ("TheSnapshotHoldsWhatTheScreensShow", checkTheSnapshotHoldsWhatTheScreensShow),
        ("TheTherapistIsNamedAsTheStoreKeepsHer", checkTheTherapistIsNamedAsTheStoreKeepsHer),
        ("TheSnapshotDecodesTheLatestCheckInsAndCountsTheRest", checkTheSnapshotDecodesTheLatestCheckInsAndCountsTheRest),
        ("EraseAllEmptiesTheStore", checkEraseAllEmptiesTheStore),
        ("EditAndDeleteAPainEntry", checkEditAndDeleteAPainEntry),
        ("PainEntriesAreReadByDateRange", checkPainEntriesAreReadByDateRange),
        ("ABadPainEntryIsRefusedAndChangesNothing", checkABadPainEntryIsRefusedAndChangesNothing),
        ("SavingAVisitKeepsTheScheduleWhoeverCalls", checkSavingAVisitKeepsTheScheduleWhoeverCalls),
        ("ACompletedVisitKeepsItsDateAndStatus", checkACompletedVisitKeepsItsDateAndStatus),
        ("AVisitChangedInTheMeantimeIsNotWrittenOver", checkAVisitChangedInTheMeantimeIsNotWrittenOver),
        ("StoredTextIsPlainText", checkStoredTextIsPlainText),
        ("ProgramWeeksAreNumberedAndDatedInOrder", checkProgramWeeksAreNumberedAndDatedInOrder),
        ("ANewWeekNeverStartsInThePast", checkANewWeekNeverStartsInThePast),
        ("AnImportedWeekReplacesAnUpcomingOneWhereWeeksAreHers", checkAnImportedWeekReplacesAnUpcomingOneWhereWeeksAreHers),
        ("MarkDoneRespectsTheProgram", checkMarkDoneRespectsTheProgram),
        ("TimesPerDayCountsEachDayApart", checkTimesPerDayCountsEachDayApart),
        ("ASessionKeepsItsSetsAndPainWithinAWeek", checkASessionKeepsItsSetsAndPainWithinAWeek),
        ("TheSnapshotKeepsTheFirstWeekOfLogging", checkTheSnapshotKeepsTheFirstWeekOfLogging),
        ("ASecondSetUpSaysAnotherWasFirst", checkASecondSetUpSaysAnotherWasFirst),
        ("ReadingAndQuiz", checkReadingAndQuiz),
        ("SignReportsAreCheckedKeptAndSnapshotted", checkSignReportsAreCheckedKeptAndSnapshotted),
        ("TwoWritersAtOnceBothSucceed", checkTwoWritersAtOnceBothSucceed),
        ("TwoWritersCannotBothBookOneTime", checkTwoWritersCannotBothBookOneTime),
        ("AChangeByAnotherConnectionChangesTheToken", checkAChangeByAnotherConnectionChangesTheToken),
        ("UpdatingTheProfileSavesHerAndHerReading", checkUpdatingTheProfileSavesHerAndHerReading),
        ("TheProfileAndItsWeeksAreSavedTogether", checkTheProfileAndItsWeeksAreSavedTogether),
        ("AStaleFormNeverWritesOverAnotherSessionsChange", checkAStaleFormNeverWritesOverAnotherSessionsChange),
        ("EachWeekIsPlannedForHerStageWhenWritten", checkEachWeekIsPlannedForHerStageWhenWritten),
        ("OnlyWeeksNotStartedAreReplaced", checkOnlyWeeksNotStartedAreReplaced),
        ("ATherapistsWeekIsNeverReplaced", checkATherapistsWeekIsNeverReplaced),
        ("TheGeneratedWeeksAroundATherapistsWeekAreReplaced", checkTheGeneratedWeeksAroundATherapistsWeekAreReplaced),
        ("AWeekThatBreaksARuleNeedsTheTherapistsReason", checkAWeekThatBreaksARuleNeedsTheTherapistsReason),
        ("OnlyATherapistsWeeksAreDrafts", checkOnlyATherapistsWeeksAreDrafts),
        ("ADraftWhoseDayHasComeIsNotTheCurrentWeek", checkADraftWhoseDayHasComeIsNotTheCurrentWeek),
        ("ADraftPublishedAfterTheBirthKeepsWhatItWasPlannedFor", checkADraftPublishedAfterTheBirthKeepsWhatItWasPlannedFor),
        ("AVideoLinkIsASecureWebAddress", checkAVideoLinkIsASecureWebAddress),
        ("ATimeTheClockSkipsIsRefusedAndARepeatedOneIsTheFirst", checkATimeTheClockSkipsIsRefusedAndARepeatedOneIsTheFirst),
        ("EachTimedEntryKeepsTheOffsetItWasMadeIn", checkEachTimedEntryKeepsTheOffsetItWasMadeIn),
        ("TheBladderDiaryIsKeptChangedAndRemoved", checkTheBladderDiaryIsKeptChangedAndRemoved),
        ("RemindersAreSetReadBackAndSwitchedOff", checkRemindersAreSetReadBackAndSwitchedOff),
        ("TheRemindersGivenAreLoggedAndSaidOnce", checkTheRemindersGivenAreLoggedAndSaidOnce),
        ("TheBowelLogIsKeptAndRemoved", checkTheBowelLogIsKeptAndRemoved),
        ("HomesReadHoldsWhatHomeShows", checkHomesReadHoldsWhatHomeShows),
        ("QuestionnairesAreKeptWithTheirActivities", checkQuestionnairesAreKeptWithTheirActivities),
        ("QuestionsAreAskedListedAndTakenBack", checkQuestionsAreAskedListedAndTakenBack),
        ("HerTherapistAnswersAndSheReadsTheAnswer", checkHerTherapistAnswersAndSheReadsTheAnswer),
    ]

    /// Runs every check; a check that throws fails with its name.
    public func runContract() throws {
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
    open func secondConnection(to store: any RecordStore) throws -> (any RecordStore)? { nil }

    /// The same record as `store`, as the people who write what is not the patient's own write it: in a clinic
    /// the care plan's outcomes, the program and the record's set-up are the clinic's (the administrator sets
    /// her up, her therapist records visits and writes weeks), and the patient's login may not write them.
    /// In her own file she is everyone, and it is `store` itself.
    open func careTeam(of store: any RecordStore) throws -> any RecordStore { store }

    /// Pins the server's day where there is a server (a clinic refuses to publish a week before its own
    /// tomorrow), for a check whose portal day is pinned; `unpinServerDay` gives its clock back.
    open func pinServerDay(_ day: CalendarDate) throws {}
    open func unpinServerDay() throws {}

    /// A seeded store and her therapist's session on the same record, where the backend has therapists (a
    /// clinic); nil beside her own file, which nobody else answers in.
    open func storeWithTherapist() throws -> (any RecordStore, (any RecordStore)?) { (try seededStore(), nil) }

    public let now = at("2026-11-27T12:00")
    public let today = day("2026-11-10")

    /// A store with a patient, six visits (the first booked 2 Nov 09:00) and two program weeks: week 1 from
    /// 2 Nov (clamshell 5 days a week, cat-cow twice a day), week 2 from 9 Nov (clamshell 3 sets, glute bridge).
    public func seededStore() throws -> any RecordStore {
        let store = try makeStore()
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        try careTeam(of: store).setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: ["a", "b"])
        return store
    }

    public static let weeks = [
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "Start", prescriptions: [rx("clamshell", days: 5), rx("cat-cow", times: 2)], origin: .generated),
        ProgramWeek(number: 2, starts: day("2026-11-09"), note: "More", prescriptions: [rx("clamshell", sets: 3, days: 5), rx("glute-bridge")], origin: .generated),
    ]

    /// Everything the store holds, every part of the record (`RecordStore.record`, which reads them all from the
    /// record's list of parts), to show a refused write changed nothing.
    public func contents(_ store: any RecordStore) throws -> PatientRecord {
        try store.record(.whole)
    }

    public func assertRefused(_ store: any RecordStore, _ why: String, file: StaticString = #filePath, line: UInt = #line,
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
        XCTAssertThrowsError(try careTeam(of: store).setUp(patient: pregnantPatient(), plan: plan, weeks: [], readingList: [])) {
            XCTAssertTrue("\($0)".contains("(ESC)"), "\($0)")
        }
        let gap = [ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell")]),
                   ProgramWeek(number: 2, starts: day("2026-11-04"), note: "", prescriptions: [rx("clamshell")])]
        let fine = try onboarding.carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        XCTAssertThrowsError(try careTeam(of: store).setUp(patient: pregnantPatient(), plan: fine, weeks: gap, readingList: []))
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

    func checkTheSnapshotDecodesTheLatestCheckInsAndCountsTheRest() throws {
        let store = try seededStore()
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        let limit = PortalSnapshot.latestQuizResults
        // Weekly check-ins for longer than the snapshot holds, two on the last day (ordered by id).
        var saved: [QuizResult] = []
        for n in 0..<(limit + 5) {
            saved.append(try store.saveQuizResult(QuizResult(date: day("2026-11-26").adding(days: -7 * (limit + 4 - n)),
                                                             answers: ["leak-cough": n % 2 == 0])))
        }
        saved.append(try store.saveQuizResult(QuizResult(date: day("2026-11-26"), answers: ["leak-cough": true])))
        let snap = try store.snapshot(clock: clock)
        XCTAssertEqual(snap.quizResults, Array(saved.suffix(limit)), "the latest \(limit), oldest first")
        XCTAssertEqual(snap.olderQuizResults, saved.count - limit)
        XCTAssertEqual(snap.quizResultCount, saved.count)
        XCTAssertEqual(try store.quizResults(), saved, "the store still reads every check-in for the exports")
    }

    func checkEraseAllEmptiesTheStore() throws {
        let store = try seededStore()
        try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4, sites: [SiteSide(.buttock)]), now: now)
        try store.markDone(exerciseID: "clamshell", on: today, today: today)
        try store.markArticleRead("a", on: today)
        try store.saveQuizResult(QuizResult(date: today, answers: ["x": false]))
        try careTeam(of: store).eraseAll()
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
}
