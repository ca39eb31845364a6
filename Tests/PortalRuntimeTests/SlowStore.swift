import Foundation
import PortalCore
import XCTest

/// A store whose writes wait at a gate the test opens, around a real store in memory: a clinic server
/// that is slow or gone. Each write signals `entered` as it reaches the gate, so a test knows the worker is
/// inside the call without sleeping; `open()` lets one write through. With `failing` set, a write that
/// passes the gate throws instead of saving (the connection dropped mid-call).
final class SlowStore: ForwardingReads, @unchecked Sendable {
    let inner: SQLiteStore
    private let gate = DispatchSemaphore(value: 0)
    private let entered = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var _failing = false
    private var _calls: [String] = []
    /// A clinic's server unless the test says it is a file that stopped answering.
    let isRemote: Bool
    init(_ inner: SQLiteStore, remote: Bool = true) {
        self.inner = inner
        isRemote = remote
    }

    var failing: Bool {
        get { lock.withLock { _failing } }
        set { lock.withLock { _failing = newValue } }
    }
    /// A clinic server that went away and is being reached for again (the seam's `isReconnecting`).
    var isReconnecting: Bool {
        get { lock.withLock { _reconnecting } }
        set { lock.withLock { _reconnecting = newValue } }
    }
    private var _reconnecting = false
    /// The writes that went through the gate, in the order the store received them.
    var calls: [String] { lock.withLock { _calls } }
    /// How many calls reached the gate, whether let through or not.
    var arrived: Int { lock.withLock { _arrived } }
    private var _arrived = 0

    /// Waits until a write has reached the gate (fails the test after 10 s, which means a bug).
    func waitForWrite(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(entered.wait(timeout: .now() + 10), .success, "no write reached the store", file: file, line: line)
    }

    /// Lets one waiting (or the next) write through.
    func open() { gate.signal() }

    private func pass<T>(_ name: String, _ write: () throws -> T) throws -> T {
        lock.withLock { _arrived += 1 }
        entered.signal()
        gate.wait()
        lock.withLock { _calls.append(name) }
        if failing { throw PortalError.storage("The clinic server closed the connection.") }
        return try write()
    }

    var location: String { "clinic" }
    var files: [String] { [] }
    /// With `gatingReads` set, snapshot reads wait at the gate too (a server that stopped answering).
    var gatingReads: Bool {
        get { lock.withLock { _gatingReads } }
        set { lock.withLock { _gatingReads = newValue } }
    }
    private var _gatingReads = false
    func snapshot(clock: PortalClock) throws -> PortalSnapshot {
        if gatingReads { return try pass("snapshot") { try inner.snapshot(clock: clock) } }
        return try inner.snapshot(clock: clock)
    }
    /// Home's own read is never gated: the first paint is drawn from it, and the whole read is the slow one.
    func homeSnapshot(clock: PortalClock) throws -> PortalSnapshot { try inner.homeSnapshot(clock: clock) }
    func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws {
        try pass("setUp") { try inner.setUp(patient: patient, plan: plan, weeks: weeks, readingList: readingList) }
    }
    func savePatient(_ patient: Patient) throws { try pass("savePatient") { try inner.savePatient(patient) } }
    func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], askingTherapist request: String?,
                       library: ExerciseLibrary, today: CalendarDate) throws {
        try pass("updateProfile") {
            try inner.updateProfile(patient, readingList: readingList, upcomingWeeks: upcomingWeeks, askingTherapist: request,
                                    library: library, today: today)
        }
    }
    func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws {
        try pass("replaceUpcomingWeeks") { try inner.replaceUpcomingWeeks(weeks, library: library, today: today) }
    }
    func setUpCarePlan(_ plan: CarePlan) throws { try pass("setUpCarePlan") { try inner.setUpCarePlan(plan) } }
    func saveVisit(_ visit: Visit) throws -> Visit { try pass("saveVisit") { try inner.saveVisit(visit) } }
    func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try pass("addPainEntry \(entry.score)") { try inner.addPainEntry(entry, now: now) }
    }
    func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try pass("updatePainEntry") { try inner.updatePainEntry(entry, now: now) }
    }
    func deletePainEntry(id: Int64) throws { try pass("deletePainEntry") { try inner.deletePainEntry(id: id) } }
    func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        try pass("addProgramWeek") { try inner.addProgramWeek(week, library: library, today: today) }
    }
    func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession {
        try pass("markDone \(exerciseID)") { try inner.markDone(exerciseID: exerciseID, on: date, today: today, sets: sets, pain: pain) }
    }
    func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool {
        try pass("undoDone \(exerciseID)") { try inner.undoDone(exerciseID: exerciseID, on: date) }
    }
    func setReadingList(_ ids: [String]) throws { try pass("setReadingList") { try inner.setReadingList(ids) } }
    func markArticleRead(_ id: String, on day: CalendarDate) throws { try pass("markArticleRead") { try inner.markArticleRead(id, on: day) } }
    func saveQuizResult(_ result: QuizResult) throws -> QuizResult { try pass("saveQuizResult") { try inner.saveQuizResult(result) } }
    func add<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry {
        try pass("add \(Entry.self)") { try inner.add(entry, rules: rules) }
    }
    func replace<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry {
        try pass("replace \(Entry.self)") { try inner.replace(entry, rules: rules) }
    }
    func remove<Entry: DiaryEntry>(_ type: Entry.Type, id: Int64) throws {
        try pass("remove \(Entry.self)") { try inner.remove(type, id: id) }
    }
    func saveReminderSettings(_ settings: ReminderSettings) throws {
        try pass("saveReminderSettings") { try inner.saveReminderSettings(settings) }
    }
    func logReminder(_ delivery: ReminderDelivery) throws -> ReminderDelivery { try pass("logReminder") { try inner.logReminder(delivery) } }
    func markRemindersSaid(ids: [Int64]) throws { try pass("markRemindersSaid") { try inner.markRemindersSaid(ids: ids) } }
    func reviewSigns(_ review: SignReview) throws -> SignReview { try pass("reviewSigns") { try inner.reviewSigns(review) } }
    func ask(_ question: String, at: LocalDateTime) throws -> VisitQuestion { try pass("ask") { try inner.ask(question, at: at) } }
    func withdrawQuestion(id: Int64) throws { try pass("withdrawQuestion") { try inner.withdrawQuestion(id: id) } }
    func answerQuestion(id: Int64, answer: String, at: LocalDateTime) throws -> VisitQuestion {
        try pass("answerQuestion") { try inner.answerQuestion(id: id, answer: answer, at: at) }
    }
    func markAnswersRead(_ shown: [ShownAnswer], at: LocalDateTime) throws { try pass("markAnswersRead") { try inner.markAnswersRead(shown, at: at) } }
    func eraseAll() throws { try pass("eraseAll") { try inner.eraseAll() } }
}
