import PortalCore
import PortalUI

/// Carries out the effects screens ask for against the store, and says how each went: the fresh snapshot,
/// then `.completed(effect, saved)` with what the store returned, or `.failed(effect, error)` with nothing
/// saved. The store and the clock are handed in, so any `PortalStoring` backend works and tests can pin the
/// time.
public struct EffectRunner: Sendable {
    public let store: any PortalStoring
    public let content: ContentLibrary
    /// Read before every effect: the portal can stay open past midnight.
    public let clock: @Sendable () -> PortalClock

    public init(store: any PortalStoring, content: ContentLibrary, clock: @escaping @Sendable () -> PortalClock) {
        self.store = store
        self.content = content
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
        if case .nothing = saved, !effect.savesSomething { return [] }
        var messages: [Message] = [.completed(effect, saved)]
        if let snapshot = try? store.snapshot(clock: clock) { messages.insert(.loaded(snapshot), at: 0) }
        return messages
    }

    private func save(_ effect: Effect, clock: PortalClock) throws -> Saved {
        let now = clock.latestEntry
        switch effect {
        case .savePain(let e): return .painEntry(try store.addPainEntry(e, now: now))
        case .updatePain(let e): return .painEntry(try store.updatePainEntry(e, now: now))
        case .deletePain(let id):
            try store.deletePainEntry(id: id)
            return .deletedPainEntry(id: id)
        case .markDone(let id, let date): return .session(try store.markDone(exerciseID: id, on: date, today: clock.today))
        case .undoDone(let id, let date):
            guard try store.undoDone(exerciseID: id, on: date) else { throw PortalError.notFound("It was not marked done.") }
            return .removedSession(exerciseID: id, date: date)
        case .markArticleRead(let id):
            try store.markArticleRead(id, on: clock.today)
            return .articleRead(id, on: clock.today)
        case .saveQuiz(let result): return .quizResult(try store.saveQuizResult(result))
        case .saveVisit(let visit): return .visit(try store.saveVisit(visit))
        case .setUp(let patient, let firstVisit):
            try Onboarding(content: content).setUp(patient, firstVisit: firstVisit, store: store, today: clock.today)
            return .patient((try? store.patient()) ?? patient)  // saved already: a failed read-back is no failure
        case .loadDemo:
            let demo = DemoPatient(content: content, today: clock.today, time: clock.time)
            try demo.load(into: store)
            return .patient((try? store.patient()) ?? demo.patient)
        case .bell, .quit: return .nothing
        }
    }

    /// Every backend throws `PortalError`; anything else (a bug) still reaches the patient as words.
    static func portalError(_ error: Error) -> PortalError {
        error as? PortalError ?? .storage("Something went wrong, so nothing was saved (\(error)).")
    }
}

extension Effect {
    /// False for the effects the terminal carries out (the bell, quitting), which touch no store.
    var savesSomething: Bool {
        switch self {
        case .bell, .quit: return false
        default: return true
        }
    }
}
