import Foundation
import PortalCore
import PortalUI

/// The portal's message loop, without a terminal: it holds the app, sends it messages one at a time, has
/// the effects it asks for carried out (`EffectRunner`), and keeps the snapshot current. A front end (the
/// ncurses terminal today) only draws `view(size:)` and feeds in what happens: `key`, `resized`, `tick`, and
/// `deliverResults` when the store's worker has answered.
///
/// Every store call it makes (saves, snapshot reads, change checks) goes through one `StoreWorker`: with
/// `.background` they run on one serial queue off the key loop, so a slow or lost database never freezes
/// the keys, and their answers come back as messages; with `.inline` they run at once (scripts, tests).
public final class Runtime {
    public private(set) var app: PortalApp
    public let runner: EffectRunner
    /// Set once the app asked to quit; the front end stops its loop once `isFinished`.
    public private(set) var quitRequested = false
    /// How often a store that cannot say whether others wrote (`changeToken()` is nil) is read again.
    public static let reloadSeconds = 5.0
    /// How often the runtime asks the store whether someone else wrote (one cheap query).
    public static let changeCheckSeconds = 1.0
    /// How long quitting waits for a save still on its way before it stops anyway (and says so).
    public static let quitWaitSeconds = 10.0
    private var sinceReload = 0.0
    private var sinceChangeCheck = 0.0
    private var quitWaited = 0.0
    /// Snapshot reads and change checks submitted and not answered: while one is out, no other is asked
    /// for (a store that does not answer must not pile them up).
    private var readsInFlight = 0
    /// How long the read in flight has waited (from the ticks): past `PortalApp.notAnsweringSeconds` the
    /// screen says what it shows may not be the latest.
    private var readWaited = 0.0
    private let worker: StoreWorker<StoreAnswer>
    /// The store's change token at the last snapshot; touched only by the worker's calls.
    private let token = TokenBox()
    /// Rings the terminal bell (the exercise timer's phase changes).
    private let bell: () -> Void

    /// What a store call answered, collected on the key loop's thread.
    enum StoreAnswer: Sendable {
        /// An effect's messages. `settled`: the snapshot is already current (read again, or the effect
        /// failed); otherwise the saved value is applied to the snapshot in place.
        case effect(Effect, [Message], settled: Bool)
        /// A change check or a reload: the new snapshot, or nil (nothing new, or the read failed).
        case read(PortalSnapshot?)
        /// The whole record, read while Home's read was all there was: the snapshot, or why it failed.
        case whole(Result<PortalSnapshot, PortalError>)
        /// A therapist's chart read refused because the patient is no longer in her caseload.
        case chartGone
        /// A therapist's change check on her caseload: the caseload read again and the clock it was read at, or nil
        /// (nothing new, or the read failed: then `problem` says why, and the screen says so: qa-h H2).
        case caseload([CaseloadRow]?, PortalClock, problem: String? = nil)
    }

    /// How long a key waits for the whole record while Home's read is all there is (`readWholeSnapshot`); past
    /// it the key is handled on Home (one that would open another screen waits, and Home says why).
    public static let wholeReadWaitSeconds = 2.0
    /// True while the whole record's read is on its way (one at a time, however many keys come).
    private var wholeReadInFlight = false

    /// Reads the first snapshot from `store` (before the first paint, on this thread); `clock` is asked for
    /// the time before every read and write. `demo`: the store is the demo's own file, and the title bar
    /// says so. `worker`: where later store calls run (`.background` for a terminal). A store on a server
    /// (`RecordStore.isRemote`) is named as the clinic's server when it does not answer. `homeFirst`: the
    /// first read is Home's own (`RecordStore.homeSnapshot`), and the whole snapshot is read at the first key,
    /// before the key is handled, so no other screen is ever drawn from Home's read.
    public init(store: any RecordStore, content: ContentLibrary, glyphs: Glyphs = .unicode, shareFolder: URL? = nil,
                demo: Bool = false, worker: StoreCalls = .inline, homeFirst: Bool = false,
                clock: @escaping @Sendable () -> PortalClock, bell: @escaping () -> Void = {}) throws {
        runner = EffectRunner(store: store, content: content, shareFolder: shareFolder, clock: clock)
        token.value = try? store.changeToken()
        app = PortalApp(snapshot: homeFirst ? try store.homeSnapshot(clock: clock()) : try store.snapshot(clock: clock()),
                        content: content, glyphs: glyphs, viewer: store.viewer)
        app.isDemo = demo
        app.storeIsRemote = store.isRemote
        app.shareFolder = shareFolder?.path
        self.worker = StoreWorker(worker)
        self.bell = bell
        // What the first read asks of the app (Home saying once a reminder the timer could not show).
        send(.loaded(app.context.snapshot))
    }

    /// A therapist's portal (clinic mode): her caseload, read before the first paint, then the charts she
    /// opens from it, each through `desk` (the database decides what her login may read).
    public init(therapist desk: any TherapistDesk, content: ContentLibrary, glyphs: Glyphs = .unicode,
                worker: StoreCalls = .inline, clock: @escaping @Sendable () -> PortalClock, bell: @escaping () -> Void = {}) throws {
        runner = EffectRunner(desk: desk, content: content, clock: clock)
        let now = clock()
        // The token first: a write landing between the two reads is then seen at the next check, not missed.
        token.value = try? desk.changeToken()
        app = PortalApp(therapist: desk.login, caseload: try desk.caseload(clock: now), clock: now, content: content, glyphs: glyphs)
        app.storeIsRemote = true
        self.worker = StoreWorker(worker)
        self.bell = bell
    }

    /// Readable when the worker has answered: the front end polls it beside the keyboard and then calls
    /// `deliverResults`. Nil when store calls run inline.
    public var wakeDescriptor: Int32? { worker.wakeDescriptor }

    /// True once the portal should stop: she asked to quit and no save is still on its way, or she chose to
    /// quit without it when quitting had waited `quitWaitSeconds` for it (QA M4: it then ended by itself, and
    /// the entry was lost without her knowing).
    public var isFinished: Bool {
        quitRequested && (app.pendingSaves.isEmpty || app.quitsWithoutWaiting)
    }

    /// Sends `message` and every message its effects answer with (inline), in order, before returning. A key is
    /// handled on the whole record (`readWholeSnapshot`), whichever way it comes in.
    public func send(_ message: Message) {
        // Quitting from Home's read draws nothing more: it does not wait for the whole record.
        if case .key(let key) = message, !app.quitsOnHomeRead(key) { readWholeSnapshot() }
        run([message], answers: [])
    }

    /// Takes what the worker answered and sends it to the app, in the order the calls were made. Returns
    /// whether the screen may have changed: an effect's answer or a new snapshot. The once-a-second check
    /// that found nothing new changes nothing, so an idle portal does not redraw for it.
    @discardableResult
    public func deliverResults() -> Bool {
        let answers = worker.takeResults()
        run([], answers: answers)
        return answers.contains {
            switch $0 {
            case .effect, .whole, .chartGone: return true
            case .read(let snapshot): return snapshot != nil
            case .caseload(let rows, _, let problem): return rows != nil || problem != nil
            }
        }
    }

    /// The seam where the terminal's keys enter: one decoded key. Returns false once the portal should stop.
    @discardableResult
    public func key(_ key: Key) -> Bool {
        send(.key(key))
        return !isFinished
    }

    /// While the app holds Home's read (`PortalSnapshot.isHomeOnly`): reads the whole snapshot through the
    /// worker and waits for it up to `wholeReadWaitSeconds` (the first key on ten years of history waits a few
    /// milliseconds once), so the key, and any screen it opens, see all of it. A read still on its way is not
    /// asked for again; one that failed is said on Home (`PortalApp.wholeReadProblem`) and tried at the next key.
    /// Until it is there the app keeps her on Home and says why (`PortalApp.recordLoadingText`).
    private func readWholeSnapshot() {
        guard app.context.snapshot.isHomeOnly else { return }
        // A read already on its way is not waited for again: each key would freeze the keyboard for as long.
        if startWholeRead() { worker.waitForAll(until: .now() + Self.wholeReadWaitSeconds) }
        deliverResults()
    }

    /// Asks the worker for the whole record unless a read of it is on its way; true when it asked.
    private func startWholeRead() -> Bool {
        guard !wholeReadInFlight, let store = runner.store else { return false }
        let clock = runner.clock
        readsInFlight += 1
        wholeReadInFlight = true
        worker.submit {
            do { return .whole(.success(try store.snapshot(clock: clock()))) } catch { return .whole(.failure(EffectRunner.portalError(error))) }
        }
        return true
    }

    /// The terminal's size, at start and before the key that reports a resize.
    public func resized(_ size: Size) { send(.resized(size)) }

    /// Time passed: drives the exercise timer and the "not answering" wait, and keeps the snapshot current
    /// without re-reading it for nothing: once a second the worker asks the store whether anyone else wrote
    /// (`changeToken()`), and reads it only then; a new day reads it too (the 120-day windows move), a new
    /// minute only moves the snapshot's clock. A store that cannot tell is read every `reloadSeconds`.
    /// Returns whether anything on screen may have changed, so an idle portal does not redraw.
    @discardableResult
    public func tick(_ seconds: Double) -> Bool {
        let before = (app.top, app.storeStatus, app.context.snapshot.clock.time, app.readsNotAnswering, app.storeReconnecting)
        readsDelivered = false
        send(.tick(seconds))
        // After the first paint the whole record is read in the background, so the first key rarely waits for it
        // (one that failed is tried again at the next key, not every second).
        if app.context.snapshot.isHomeOnly, app.wholeReadProblem == nil, startWholeRead(), worker.mode == .inline { run([], answers: []) }
        app.storeReconnecting = runner.store?.isReconnecting ?? false
        if readsInFlight > 0 { readWaited += seconds }
        app.readsNotAnswering = readsInFlight > 0 && readWaited >= PortalApp.notAnsweringSeconds
        if quitRequested { quitWaited += seconds }
        // Quitting has waited its limit for a save still on its way: she is asked whether to go without it.
        if quitRequested, !app.pendingSaves.isEmpty, !app.quitsWithoutWaiting, quitWaited >= Self.quitWaitSeconds {
            quitRequested = false
            quitWaited = 0
            app.askBeforeQuittingWhileSaving()
        }
        sinceReload += seconds
        sinceChangeCheck += seconds
        if sinceChangeCheck >= Self.changeCheckSeconds || sinceReload >= Self.reloadSeconds {
            sinceChangeCheck = 0
            let clock = runner.clock()
            let shown = app.context.snapshot.clock
            if clock.today != shown.today {
                readAgain(force: true)
            } else {
                if clock.time != shown.time {
                    var snapshot = app.context.snapshot  // only the time moved on: nothing to read
                    snapshot.clock = clock
                    send(.loaded(snapshot))
                }
                readAgain(force: false)
            }
        }
        return app.top != before.0 || app.storeStatus != before.1 || app.context.snapshot.clock.time != before.2
            || app.readsNotAnswering != before.3 || app.storeReconnecting != before.4 || readsDelivered
    }

    /// Whether time must be told more often than once a second: the screen on top says so (a running exercise
    /// timer), or a save is on its way, or quitting waits for one. Otherwise the front end ticks once a second,
    /// which still checks for others' changes every `changeCheckSeconds` and moves the clock each minute.
    public var ticksQuickly: Bool { app.top.screen.ticksQuickly || !app.pendingSaves.isEmpty || quitRequested }

    /// Reads a fresh snapshot; a failed read keeps the last one on screen (the next check tries again).
    public func reload() { readAgain(force: true) }

    public func view(size: Size) -> Buffer { app.view(size: size) }

    /// Waits up to `seconds` until every store call made so far has answered; the answers wait for
    /// `deliverResults`. True when they all answered.
    @discardableResult
    public func waitForStore(seconds: Double = 10) -> Bool { worker.waitForAll(until: .now() + seconds) }

    /// After the front end's loop: waits up to `seconds` for saves still on their way and sends their
    /// answers to the app. Returns the effects that still have no answer (never dropped silently: the
    /// caller says they were not saved).
    public func finish(waitingUpTo seconds: Double) -> [Effect] {
        if !app.pendingSaves.isEmpty {
            worker.waitForAll(until: .now() + seconds)
            deliverResults()
        }
        return app.pendingSaves.map(\.effect)
    }

    // MARK: The message queue

    /// Set when a read's snapshot reached the app since the last tick asked.
    private var readsDelivered = false

    /// Sends `queue`, then each answer in turn: an answer's messages (and what they lead to) go before the
    /// next answer is looked at, so each save applies to the snapshot the one before it left.
    private func run(_ messages: [Message], answers: [StoreAnswer]) {
        var queue = messages
        var answers = answers
        while true {
            if queue.isEmpty {
                if answers.isEmpty, worker.mode == .inline { answers = worker.takeResults() }
                guard !answers.isEmpty else { return }
                queue = self.messages(for: answers.removeFirst())
                continue
            }
            for effect in app.update(queue.removeFirst()) {
                switch effect {
                case .quit: quitRequested = true
                case .bell: bell()
                default: submit(effect)
                }
            }
        }
    }

    /// The messages an answer becomes. A save the snapshot can take in place is applied to it here (no
    /// read); one it cannot goes back to the worker for a read, and is reported done after that.
    private func messages(for answer: StoreAnswer) -> [Message] {
        switch answer {
        case .whole(let result):
            readsInFlight -= 1
            readWaited = 0
            wholeReadInFlight = false
            app.readsNotAnswering = false
            switch result {
            case .success(let snapshot):
                app.wholeReadProblem = nil
                readsDelivered = true
                return [.loaded(snapshot)]
            case .failure(let error):
                app.wholeReadProblem = error.description
                return []
            }
        case .caseload(let rows, let clock, let problem):
            readsInFlight -= 1
            readWaited = 0
            app.readsNotAnswering = false
            if let problem {
                app.caseloadProblem = problem
                readsDelivered = true  // the screen changed: it says so
            }
            guard let rows else { return [] }
            app.caseloadProblem = nil
            readsDelivered = true
            // With no chart open, the caseload's day is the one the app's clock shows: a new day is then read
            // once (`tick`), not at every tick after it.
            guard runner.store == nil, clock.today != app.context.snapshot.clock.today else { return [.caseload(rows)] }
            var snapshot = app.context.snapshot
            snapshot.clock = clock
            return [.caseload(rows), .loaded(snapshot)]
        case .chartGone:
            readsInFlight -= 1
            readWaited = 0
            app.readsNotAnswering = false
            return [.chartGone]
        case .read(let snapshot):
            readsInFlight -= 1
            readWaited = 0
            app.readsNotAnswering = false
            app.storeReconnecting = runner.store?.isReconnecting ?? false
            guard let snapshot else { return [] }
            readsDelivered = true
            return [.loaded(snapshot)]
        case .effect(let effect, let messages, let settled):
            guard !settled, let done = messages.last, case .completed(_, let saved) = done else { return messages }
            // Past midnight the snapshot's windows move: then it is read again, not changed in place.
            if app.context.snapshot.today == runner.clock().today, let snapshot = app.context.snapshot.applying(saved) {
                return [.loaded(snapshot), done]
            }
            let runner = runner
            worker.submit {
                let snapshot = try? runner.store?.snapshot(clock: runner.clock())
                return .effect(effect, (snapshot.map { [Message.loaded($0)] } ?? []) + [done], settled: true)
            }
            return []
        }
    }

    private func submit(_ effect: Effect) {
        let runner = runner
        worker.submit {
            let messages = runner.perform(effect)
            let inPlace = messages.count == 1 && { if case .completed = messages[0] { return true } else { return false } }()
            return .effect(effect, messages, settled: !inPlace)
        }
    }

    /// Asks the worker to read the snapshot again: always (`force`), or only when the change token says
    /// someone else wrote, or (for a store without a token) when `reloadSeconds` have passed.
    private func readAgain(force: Bool) {
        guard readsInFlight == 0 else { return }
        readsInFlight += 1
        let due = force || sinceReload >= Self.reloadSeconds
        if due { sinceReload = 0 }
        let (runner, token) = (runner, token)
        worker.submit {
            let clock = runner.clock
            // A therapist on her caseload has no record open: her caseload is read again when someone wrote to
            // a record of it (a new warning sign must reach her screen without her opening a chart).
            guard let store = runner.store else {
                guard let desk = runner.desk else { return .read(nil) }
                let now = try? desk.changeToken()
                let changed = now.map { $0 != token.value } ?? due
                let time = clock()
                guard force || changed else { return .caseload(nil, time) }
                do {
                    let rows = try desk.caseload(clock: time)
                    token.value = now
                    return .caseload(rows, time)
                } catch {
                    // Not silently kept as it was (qa-h H2: the screen froze with no word); the token stays, so
                    // the next check reads it again.
                    return .caseload(nil, time, problem: (error as? PortalError)?.description ?? "\(error)")
                }
            }
            // The token first: a write landing between the two reads is then seen again next time, not missed.
            let now = try? store.changeToken()
            let changed = now.map { $0 != token.value } ?? due
            guard force || changed else { return .read(nil) }
            let snapshot: PortalSnapshot
            do {
                snapshot = try store.snapshot(clock: clock())
            } catch PortalError.notFound where runner.desk != nil {
                return .chartGone
            } catch {
                return .read(nil)
            }
            token.value = now
            return .read(snapshot)
        }
        if worker.mode == .inline { run([], answers: []) }
    }
}

/// The change token the last snapshot was read at. Only the worker's calls touch it (one at a time, on its
/// queue), after `Runtime.init` set it.
final class TokenBox: @unchecked Sendable {
    var value: Int64?
}
