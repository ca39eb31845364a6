import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

let content: ContentLibrary = try! ContentLibrary.bundled()
let today = CalendarDate("2026-11-27")!
let noon = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)

/// A store in memory holding the demo patient as of `today`, with visit 3 booked for next week.
func demoStore() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    try DemoPatient(content: content, today: today, time: noon.time, lateVisit: false).load(into: store)
    return store
}

func runner(_ store: any RecordStore, clock: PortalClock = noon) -> EffectRunner {
    EffectRunner(store: store, content: content, clock: { clock })
}

/// What `perform` answered, taken apart. `snapshot` is the one the runtime then shows: the fresh read that
/// came with the answer, or (for the everyday saves, which come without one) the snapshot read from `store`
/// before the effect with the saved value applied in place.
struct Answer {
    var snapshot: PortalSnapshot?
    var completed: (Effect, Saved)?
    var failed: (Effect, PortalError)?
    var count: Int
    /// True when the answer came with a fresh read of the whole snapshot.
    var read = false

    init(_ perform: @autoclosure () -> [Message], on store: any RecordStore, clock: PortalClock = noon) {
        let before = try? store.snapshot(clock: clock)
        let messages = perform()
        count = messages.count
        for m in messages {
            switch m {
            case .loaded(let s): snapshot = s; read = true
            case .completed(let e, let saved): completed = (e, saved)
            case .failed(let e, let error): failed = (e, error)
            default: XCTFail("unexpected \(m)")
            }
        }
        if let last = messages.last, case .loaded = last { XCTFail("the snapshot comes before .completed") }
        read = snapshot != nil
        if snapshot == nil, let saved, saved.appliesInPlace { snapshot = before?.applying(saved) }
    }

    var saved: Saved? { completed?.1 }
}

/// Everything in a store, every part of the record (`RecordStore.record`), to show a failed effect saved nothing.
func contents(_ store: any RecordStore) throws -> PatientRecord {
    try store.record(.whole)
}

/// A fake store around a real one: every read (and what the store says of itself) the fakes below do not
/// change goes to `inner` as it is, written once here instead of in each fake.
protocol ForwardingReads: RecordStore {
    var inner: SQLiteStore { get }
}

extension ForwardingReads {
    var isRemote: Bool { inner.isRemote }
    var addsDraftWeeks: Bool { inner.addsDraftWeeks }
    func checkIntegrity() throws { try inner.checkIntegrity() }
    func backUp(to path: String, overwrite: Bool) throws { try inner.backUp(to: path, overwrite: overwrite) }
    func isEmpty() throws -> Bool { try inner.isEmpty() }
    func record(_ window: RecordWindow) throws -> PatientRecord { try inner.record(window) }
    func patient() throws -> Patient? { try inner.patient() }
    func carePlan() throws -> CarePlan? { try inner.carePlan() }
    func program() throws -> Program { try inner.program() }
    func painEntries(from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] { try inner.painEntries(from: from, to: to) }
    func sessions(from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] { try inner.sessions(from: from, to: to) }
    func readingList() throws -> [String] { try inner.readingList() }
    func articlesRead() throws -> [String: CalendarDate] { try inner.articlesRead() }
    func quizResults() throws -> [QuizResult] { try inner.quizResults() }
    func entries<Entry: DiaryEntry>(_ type: Entry.Type, from: CalendarDate?, to: CalendarDate?) throws -> [Entry] {
        try inner.entries(type, from: from, to: to)
    }
    func reminderSettings() throws -> ReminderSettings { try inner.reminderSettings() }
    func reminderLog(from: CalendarDate?) throws -> [ReminderDelivery] { try inner.reminderLog(from: from) }
    func draftWeeks() throws -> [Int] { try inner.draftWeeks() }
    // A file has no drafts: these refuse as the inner store does.
    func saveDraftWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws { try inner.saveDraftWeek(week, library: library, today: today) }
    func publishWeek(_ number: Int) throws { try inner.publishWeek(number) }
    func publishWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        try inner.publishWeek(week, library: library, today: today)
    }
    func questions() throws -> [VisitQuestion] { try inner.questions() }
    func therapistName() throws -> String? { try inner.therapistName() }
}

/// A store whose every write fails as a full disk would, around a real store it reads from: any backend
/// can fail, and the runtime must say so without claiming anything was saved.
final class FullDiskStore: ForwardingReads {
    struct DiskFull: Error {}
    let inner: SQLiteStore
    init(_ inner: SQLiteStore) { self.inner = inner }

    var location: String { inner.location }
    var files: [String] { [] }
    func snapshot(clock: PortalClock) throws -> PortalSnapshot { try inner.snapshot(clock: clock) }
    func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws { throw DiskFull() }
    func savePatient(_ patient: Patient) throws { throw DiskFull() }
    func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], askingTherapist request: String?,
                       library: ExerciseLibrary, today: CalendarDate) throws { throw DiskFull() }
    func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws { throw DiskFull() }
    func setUpCarePlan(_ plan: CarePlan) throws { throw DiskFull() }
    func saveVisit(_ visit: Visit) throws -> Visit { throw DiskFull() }
    func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry { throw DiskFull() }
    func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry { throw DiskFull() }
    func deletePainEntry(id: Int64) throws { throw DiskFull() }
    func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws { throw DiskFull() }
    func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession { throw DiskFull() }
    func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool { throw DiskFull() }
    func setReadingList(_ ids: [String]) throws { throw DiskFull() }
    func markArticleRead(_ id: String, on day: CalendarDate) throws { throw DiskFull() }
    func saveQuizResult(_ result: QuizResult) throws -> QuizResult { throw DiskFull() }
    func add<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry { throw DiskFull() }
    func replace<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry { throw DiskFull() }
    func remove<Entry: DiaryEntry>(_ type: Entry.Type, id: Int64) throws { throw DiskFull() }
    func saveReminderSettings(_ settings: ReminderSettings) throws { throw DiskFull() }
    func logReminder(_ delivery: ReminderDelivery) throws -> ReminderDelivery { throw DiskFull() }
    func markRemindersSaid(ids: [Int64]) throws { throw DiskFull() }
    func reviewSigns(_ review: SignReview) throws -> SignReview { throw DiskFull() }
    func ask(_ question: String, at: LocalDateTime) throws -> VisitQuestion { throw DiskFull() }
    func withdrawQuestion(id: Int64) throws { throw DiskFull() }
    func answerQuestion(id: Int64, answer: String, at: LocalDateTime) throws -> VisitQuestion { throw DiskFull() }
    func markAnswersRead(_ shown: [ShownAnswer], at: LocalDateTime) throws { throw DiskFull() }
    func eraseAll() throws { throw DiskFull() }
}

/// A real store that counts the snapshots read from it: an idle portal must read none.
final class CountingStore: ForwardingReads {
    let inner: SQLiteStore
    let snapshots = LockedCount()
    init(_ inner: SQLiteStore) { self.inner = inner }

    var location: String { inner.location }
    var files: [String] { inner.files }
    func snapshot(clock: PortalClock) throws -> PortalSnapshot {
        snapshots.increment()
        return try inner.snapshot(clock: clock)
    }
    func changeToken() throws -> Int64? { try inner.changeToken() }
    func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws {
        try inner.setUp(patient: patient, plan: plan, weeks: weeks, readingList: readingList)
    }
    func savePatient(_ patient: Patient) throws { try inner.savePatient(patient) }
    func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], askingTherapist request: String?,
                       library: ExerciseLibrary, today: CalendarDate) throws {
        try inner.updateProfile(patient, readingList: readingList, upcomingWeeks: upcomingWeeks, askingTherapist: request,
                                    library: library, today: today)
    }
    func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws {
        try inner.replaceUpcomingWeeks(weeks, library: library, today: today)
    }
    func setUpCarePlan(_ plan: CarePlan) throws { try inner.setUpCarePlan(plan) }
    func saveVisit(_ visit: Visit) throws -> Visit { try inner.saveVisit(visit) }
    func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry { try inner.addPainEntry(entry, now: now) }
    func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry { try inner.updatePainEntry(entry, now: now) }
    func deletePainEntry(id: Int64) throws { try inner.deletePainEntry(id: id) }
    func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws { try inner.addProgramWeek(week, library: library, today: today) }
    func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession {
        try inner.markDone(exerciseID: exerciseID, on: date, today: today, sets: sets, pain: pain)
    }
    func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool { try inner.undoDone(exerciseID: exerciseID, on: date) }
    func setReadingList(_ ids: [String]) throws { try inner.setReadingList(ids) }
    func markArticleRead(_ id: String, on day: CalendarDate) throws { try inner.markArticleRead(id, on: day) }
    func saveQuizResult(_ result: QuizResult) throws -> QuizResult { try inner.saveQuizResult(result) }
    func add<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry { try inner.add(entry, rules: rules) }
    func replace<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry { try inner.replace(entry, rules: rules) }
    func remove<Entry: DiaryEntry>(_ type: Entry.Type, id: Int64) throws { try inner.remove(type, id: id) }
    func saveReminderSettings(_ settings: ReminderSettings) throws { try inner.saveReminderSettings(settings) }
    func logReminder(_ delivery: ReminderDelivery) throws -> ReminderDelivery { try inner.logReminder(delivery) }
    func markRemindersSaid(ids: [Int64]) throws { try inner.markRemindersSaid(ids: ids) }
    func reviewSigns(_ review: SignReview) throws -> SignReview { try inner.reviewSigns(review) }
    func ask(_ question: String, at: LocalDateTime) throws -> VisitQuestion { try inner.ask(question, at: at) }
    func withdrawQuestion(id: Int64) throws { try inner.withdrawQuestion(id: id) }
    func answerQuestion(id: Int64, answer: String, at: LocalDateTime) throws -> VisitQuestion {
        try inner.answerQuestion(id: id, answer: answer, at: at)
    }
    func markAnswersRead(_ shown: [ShownAnswer], at: LocalDateTime) throws { try inner.markAnswersRead(shown, at: at) }
    func eraseAll() throws { try inner.eraseAll() }
}

final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// A clock the test moves on.
final class LockedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var clock: PortalClock
    init(_ clock: PortalClock) { self.clock = clock }
    var value: PortalClock {
        get { lock.withLock { clock } }
        set { lock.withLock { clock = newValue } }
    }
}
