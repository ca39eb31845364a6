import Foundation
import PortalCore
import PortalUI

/// Carries out the effects screens ask for against the store, and says how each went: `.completed(effect,
/// saved)` with what the store returned (after a fresh snapshot when the save changed more than the
/// snapshot can take in place), or `.failed(effect, error)` with nothing saved. The store and the clock are handed in, so any `RecordStore` backend works and tests can pin the
/// time.
public struct EffectRunner: Sendable {
    public let store: any RecordStore
    public let content: ContentLibrary
    /// Read before every effect: the portal can stay open past midnight.
    public let clock: @Sendable () -> PortalClock
    /// Where the Share screen writes its files (the patient's home folder); nil when there is none.
    public let shareFolder: URL?

    public init(store: any RecordStore, content: ContentLibrary, shareFolder: URL? = nil,
                clock: @escaping @Sendable () -> PortalClock) {
        self.store = store
        self.content = content
        self.shareFolder = shareFolder
        self.clock = clock
    }

    /// The messages that answer `effect`. "Saved" is only ever said after the store's write returned.
    public func perform(_ effect: Effect) -> [Message] {
        let clock = clock()
        let saved: Saved
        do {
            saved = try save(effect, clock: clock)
        } catch {
            return [.failed(effect, Self.portalError(error))]
        }
        if case .nothing = saved, !effect.goesToStore { return [] }
        // The everyday saves change the snapshot in place (`Runtime`, `PortalSnapshot.applying`): reading it
        // all again was most of a save's time. The rest read it here, before saying it is done.
        guard !saved.appliesInPlace, let snapshot = try? store.snapshot(clock: clock) else { return [.completed(effect, saved)] }
        return [.loaded(snapshot), .completed(effect, saved)]
    }

    private func save(_ effect: Effect, clock: PortalClock) throws -> Saved {
        let now = clock.latestEntry
        switch effect {
        case .savePain(let e): return .painEntry(try store.addPainEntry(e, now: now))
        case .updatePain(let e): return .painEntry(try store.updatePainEntry(e, now: now))
        case .deletePain(let id):
            try store.deletePainEntry(id: id)
            return .deletedPainEntry(id: id)
        case .saveSigns(let report): return .signReport(try store.addSignReport(report, guide: content.safety, now: now))
        case .markDone(let id, let date, let sets, let pain):
            return .session(try store.markDone(exerciseID: id, on: date, today: clock.today, sets: sets, pain: pain))
        case .undoDone(let id, let date):
            guard try store.undoDone(exerciseID: id, on: date) else { throw PortalError.notFound("It was not marked done.") }
            return .removedSession(exerciseID: id, date: date)
        case .markArticleRead(let id):
            try store.markArticleRead(id, on: clock.today)
            return .articleRead(id, on: clock.today)
        case .saveQuiz(let result): return .quizResult(try store.saveQuizResult(result))
        case .saveVisit(let visit): return .visit(try store.saveVisit(visit))
        case .setUp(let patient, let firstVisit):
            try Onboarding(content: content).setUp(patient, firstVisit: firstVisit, store: store, clock: clock)
            return .patient((try? store.patient()) ?? patient)  // saved already: a failed read-back is no failure
        case .updateProfile(let patient):
            guard let old = try store.patient() else { throw PortalError.notFound("No one is set up in this portal yet.") }
            let change = try Onboarding(content: content).change(from: old, to: patient, program: try store.program(),
                                                                 readingList: try store.readingList(), today: clock.today)
            try store.updateProfile(change.patient, readingList: change.readingList, today: clock.today)
            if change.replacesWithoutAsking {
                try store.replaceUpcomingWeeks(change.offeredWeeks, library: content.exercises, today: clock.today)
            }
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
        case .share(let request): return .file(path: try share(request, today: clock.today))
        case .bell, .quit: return .nothing
        }
    }

    /// Writes the Share screen's file into `shareFolder`: the same bytes as `portal export` and `portal report`,
    /// private (0600), never over the database or its companion files, replacing a file only when asked.
    private func share(_ request: ShareRequest, today: CalendarDate) throws -> String {
        guard let folder = shareFolder else {
            throw PortalError.storage("There is no home folder to write the file into.")
        }
        let path = folder.appendingPathComponent(request.fileName).path
        if !request.overwrite, FileManager.default.fileExists(atPath: path) {
            throw PortalError.invalidInput(field: .exportFile, "~/\(request.fileName) already exists; press o to replace it.")
        }
        let data = try ExportData.load(from: store, content: content, today: today).limited(to: request.sections)
        try Exporter.write(try request.format.render(data), to: path, overwrite: request.overwrite, protected: store.files)
        return path
    }

    /// Every backend throws `PortalError`; anything else (a bug) still reaches the patient as words.
    static func portalError(_ error: Error) -> PortalError {
        error as? PortalError ?? .storage("Something went wrong, so nothing was saved (\(error)).")
    }
}
