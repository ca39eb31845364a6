import Foundation
import PortalCore
import PortalUI

/// Carries out the effects screens ask for against the store, and says how each went: `.completed(effect,
/// saved)` with what the store returned (after a fresh snapshot when the save changed more than the
/// snapshot can take in place), or `.failed(effect, error)` with nothing saved. The store and the clock are handed in, so any `RecordStore` backend works and tests can pin the
/// time.
public struct EffectRunner: Sendable {
    /// The record effects change: the patient's own, or the chart her therapist has open (none on her caseload).
    private let record: RecordHolder
    /// In a therapist's portal, her caseload and the charts she opens; nil in a patient's.
    public let desk: (any TherapistDesk)?
    public let content: ContentLibrary
    /// Read before every effect: the portal can stay open past midnight.
    public let clock: @Sendable () -> PortalClock
    /// Where the Share screen writes its files (the patient's home folder); nil when there is none.
    public let shareFolder: URL?

    public init(store: any RecordStore, content: ContentLibrary, shareFolder: URL? = nil,
                clock: @escaping @Sendable () -> PortalClock) {
        record = RecordHolder(store)
        desk = nil
        self.content = content
        self.shareFolder = shareFolder
        self.clock = clock
    }

    /// A therapist's: no record until she opens a patient's chart (`Effect.openChart`); sharing to a file is
    /// not hers (she reads the report on screen).
    public init(desk: any TherapistDesk, content: ContentLibrary, clock: @escaping @Sendable () -> PortalClock) {
        record = RecordHolder(nil)
        self.desk = desk
        self.content = content
        shareFolder = nil
        self.clock = clock
    }

    /// The record effects change now; nil for a therapist on her caseload.
    public var store: (any RecordStore)? { record.store }

    /// The messages that answer `effect`. "Saved" is only ever said after the store's write returned.
    public func perform(_ effect: Effect) -> [Message] {
        let clock = clock()
        let saved: Saved
        do {
            // Opening and closing a chart answer with more than one message: the record, then the chart.
            if let messages = try therapist(effect, clock: clock) { return messages }
            saved = try save(effect, clock: clock)
        } catch {
            return [.failed(effect, Self.portalError(error))]
        }
        if case .nothing = saved, !effect.goesToStore { return [] }
        // The everyday saves change the snapshot in place (`Runtime`, `PortalSnapshot.applying`): reading it
        // all again was most of a save's time. The rest read it here, before saying it is done.
        guard !saved.appliesInPlace, let snapshot = try? store?.snapshot(clock: clock) else { return [.completed(effect, saved)] }
        return [.loaded(snapshot), .completed(effect, saved)]
    }

    /// The therapist's chart opened (her record, then `Saved.chart`) or closed (the caseload read again); nil
    /// for every other effect.
    private func therapist(_ effect: Effect, clock: PortalClock) throws -> [Message]? {
        switch effect {
        case .openChart(let login):
            guard let desk else { throw PortalError.rule("Only a therapist's login opens a patient's chart.") }
            let chart = try desk.chart(login)
            let snapshot = try chart.snapshot(clock: clock)
            record.store = chart
            return [.loaded(snapshot), .completed(effect, .chart(OpenChart(login: login, name: snapshot.patient?.name ?? login)))]
        case .closeChart:
            guard let desk else { return [] }
            record.store = nil
            return [.caseload(try desk.caseload(clock: clock)), .completed(effect, .nothing)]
        default:
            return nil
        }
    }

    /// A pain entry as saved, with the signs she has now when they went to a report of their own (QA M2).
    private static func pain(_ saved: (entry: PainEntry, signsNow: SignReport?)) -> Saved {
        saved.signsNow.map { .painEntryAndSignsNow(saved.entry, $0) } ?? .painEntry(saved.entry)
    }

    private func save(_ effect: Effect, clock: PortalClock) throws -> Saved {
        guard let store else { throw PortalError.notFound("No patient's chart is open, so nothing was saved.") }
        let now = clock.latestEntry
        switch effect {
        case .savePain(let e):
            return Self.pain(try store.savePain(e, changing: false, signsAt: clock.now, now: now, content: content))
        case .updatePain(let e, let expected):
            return Self.pain(try store.savePain(e, changing: true, over: expected, signsAt: clock.now, now: now, content: content))
        case .deletePain(let id):
            try store.deletePainEntry(id: id)
            return .deletedPainEntry(id: id)
        case .saveSigns(let report): return .signReport(try store.add(report, rules: EntryRules(now: now, content: content)))
        case .markDone(let id, let date, let sets, let pain):
            return .session(try store.markDone(exerciseID: id, on: date, today: clock.today, sets: sets, pain: pain, library: content.exercises))
        case .undoDone(let id, let date):
            guard try store.undoDone(exerciseID: id, on: date) else { throw PortalError.notFound("It was not marked done.") }
            return .removedSession(exerciseID: id, date: date)
        case .markArticleRead(let id):
            try store.markArticleRead(id, on: clock.today)
            return .articleRead(id, on: clock.today)
        case .saveQuiz(let result): return .quizResult(try store.saveQuizResult(result))
        case .saveMeasure(let response):
            // The check-in is kept where check-ins always were; every other measure in the measures' diary.
            if let checkIn = response.quizResult { return .measureResponse(try store.saveQuizResult(checkIn).measureResponse) }
            return .measureResponse(try store.add(response, rules: EntryRules(now: now, content: content)))
        case .saveBladder(let event): return .bladderEvent(try store.add(event, rules: EntryRules(now: now, content: content)))
        case .updateBladder(let event): return .bladderEvent(try store.replace(event, rules: EntryRules(now: now, content: content)))
        case .deleteBladder(let id):
            try store.remove(BladderEvent.self, id: id)
            return .deletedBladderEvent(id: id)
        case .saveBowel(let entry): return .bowelEntry(try store.add(entry, rules: EntryRules(now: now, content: content)))
        case .deleteBowel(let id):
            try store.remove(BowelEntry.self, id: id)
            return .deletedBowelEntry(id: id)
        case .saveVisit(let visit, let expected): return .visit(try store.saveVisit(visit, over: expected))
        case .saveVisitNotes(let visit): return .visit(try store.saveVisit(visit))
        case .setUp(let patient, let firstVisit):
            try Onboarding(content: content).setUp(patient, firstVisit: firstVisit, store: store, clock: clock)
            return .patient((try? store.patient()) ?? patient)  // saved already: a failed read-back is no failure
        case .updateProfile(let patient, let expected):
            // The change is from what her form was opened on: the store refuses it when her details are no
            // longer that (QA H6).
            guard let old = try expected ?? store.patient() else { throw PortalError.notFound("No one is set up in this portal yet.") }
            let change = try Onboarding(content: content).change(from: old, to: patient, program: try store.program(),
                                                                 readingList: try store.readingList(), today: clock.today)
            // In a clinic her therapist decides: her details are saved, she asks, and no week is offered or
            // rewritten (not even weeks that now break an exercise's rules: those are her therapist's to change).
            if store.programIsTherapists, !change.offeredWeeks.isEmpty {
                var asked = change
                asked.askedTherapist = ProfileChange.request(from: old, to: change.patient)
                asked.offeredWeeks = []
                asked.replacesWithoutAsking = false
                // Her details and her request in one transaction: never one without the other.
                try store.updateProfile(change.patient, over: expected, readingList: change.readingList, upcomingWeeks: [],
                                        askingTherapist: asked.askedTherapist, library: content.exercises, today: clock.today)
                return .profile(asked)
            }
            // Weeks that would break a rule at her new stage go with the change, in the same transaction.
            try store.updateProfile(change.patient, over: expected, readingList: change.readingList,
                                    upcomingWeeks: change.replacesWithoutAsking ? change.offeredWeeks : [],
                                    askingTherapist: nil, library: content.exercises, today: clock.today)
            return .profile(change)
        case .useProgram(let weeks):
            try store.replaceUpcomingWeeks(weeks, library: content.exercises, today: clock.today)
            return .program(weeks)
        case .loadDemo:
            let demo = DemoPatient(content: content, today: clock.today, time: clock.time)
            try demo.load(into: store)
            return .patient((try? store.patient()) ?? demo.patient)
        case .startOwnPortal:
            // Only the demo's invented data is ever erased this way.
            guard DemoPatient.isDemo(try store.patient()) else {
                throw PortalError.rule("This portal holds your own record, not the demo, so nothing was removed.")
            }
            try store.eraseAll()
            return .nothing
        case .share(let request) where request.toTherapist:
            let data = try ExportData.load(from: store, content: content, today: clock.today).limited(to: request.sections)
            let body = String(decoding: try request.format.render(data, madeBy: store.viewer), as: UTF8.self)
            do {
                return .sent(try store.send(SharedReport(date: clock.today, time: clock.time, format: request.format,
                                                         sections: ExportSection.allCases.filter(request.sections.contains), body: body)))
            } catch PortalError.rule(let message) where shareFolder != nil && SharedReport.isDailyLimit(message) {
                // Share writes a file too here (its w): the way on names it (QA H15).
                throw PortalError.rule(String(message.dropLast(SharedReport.sendTomorrow.count + 1)) + SharedReport.sendTomorrowOrWrite + ".")
            }
        case .share(let request): return .file(path: try share(request, store: store, today: clock.today))
        case .saveReminders(let settings):
            try store.saveReminderSettings(settings)
            return .reminders(settings)
        case .markRemindersSaid(let ids):
            try store.markRemindersSaid(ids: ids)
            return .remindersSaid(ids)
        case .askQuestion(let text): return .question(try store.ask(text, at: clock.now))
        case .withdrawQuestion(let id):
            try store.withdrawQuestion(id: id)
            return .withdrewQuestion(id: id)
        case .answerQuestion(let id, let answer): return .question(try store.answerQuestion(id: id, answer: answer, at: clock.now))
        case .markAnswersRead(let shown):
            try store.markAnswersRead(shown, at: clock.now)
            return .answersRead(shown.map(\.id))
        case .makeReport(let width):
            // As `portal clinic report` makes it (the last 28 days, every part), its header naming her.
            guard let desk else { throw PortalError.rule("The report on screen is the therapist's; use Share with your therapist.") }
            let data = try ExportData.load(from: store, content: content, today: clock.today)
            // Made at her desk: her therapist's, whatever store the chart reads.
            let report = try TherapistReport(data: data, period: .lastDays(28), madeBy: .therapist(login: desk.login),
                                             therapistName: try store.therapistName())
            return .report(text: ReportText.text(report, width: width))
        case .saveDraftWeek(let week):
            try store.saveDraftWeek(week, library: content.exercises, today: clock.today)
            return .program([week])
        case .publishWeek(let week):
            // What she sees on screen is what is published, in one transaction: a new week, or the upcoming
            // week of its number replaced (never one that has started).
            try store.publishWeek(week, library: content.exercises, today: clock.today)
            return .program([week])
        case .reviewSigns(let through, let entered):
            // In her therapist's name (the database checks it is the login writing), now.
            guard let reviewer = store.viewer.login else {
                throw PortalError.rule("Only her therapist reviews her warning signs, from the clinic's portal; nothing was saved.")
            }
            return .signReview(try store.reviewSigns(SignReview(reviewedAt: clock.now, through: through, enteredThrough: entered, reviewer: reviewer)))
        case .bell, .quit, .openChart, .closeChart: return .nothing
        }
    }

    /// Writes the Share screen's file into `shareFolder`: the same bytes as `portal export` and `portal report`,
    /// private (0600), never over the database or its companion files, replacing a file only when asked.
    private func share(_ request: ShareRequest, store: any RecordStore, today: CalendarDate) throws -> String {
        guard let folder = shareFolder else {
            throw PortalError.storage("There is no home folder to write the file into.")
        }
        let path = folder.appendingPathComponent(request.fileName).path
        // Checked before the data is read: a pipe or device there is refused at once, never offered to replace.
        do {
            _ = try OutputFile.destination(path, protected: store.files, overwrite: request.overwrite, what: "the file",
                                           example: request.fileName, field: .exportFile)
        } catch PortalError.fileExists {
            // Her home folder is ~ on her own portal; a clinic's share folder is named by its real path.
            let shown = store.sendsToTherapist ? path : "~/\(request.fileName)"
            throw PortalError.invalidInput(field: .exportFile, "\(shown) already exists; press o to replace it.")
        }
        let data = try ExportData.load(from: store, content: content, today: today).limited(to: request.sections)
        try Exporter.write(try request.format.render(data, madeBy: store.viewer), to: path, overwrite: request.overwrite, protected: store.files)
        return path
    }

    /// Every backend throws `PortalError`; anything else (a bug) still reaches the patient as words.
    static func portalError(_ error: Error) -> PortalError {
        error as? PortalError ?? .storage("Something went wrong, so nothing was saved (\(error)).")
    }
}

/// The record an `EffectRunner` works on. Changed only by the runner's effects, which run one at a time
/// (`StoreWorker`); the lock keeps a read from another thread whole.
final class RecordHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (any RecordStore)?

    init(_ store: (any RecordStore)?) { value = store }

    var store: (any RecordStore)? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
