import Foundation
import PortalClinic
import PortalCore
import PortalRuntime
import PortalTerminal
import PortalUI

/// Starts the full-screen portal: the ncurses terminal in front of the runtime (PortalRuntime), which holds
/// the app, carries out its effects against the store and reloads it. Only wiring lives here.
enum FullScreen {
    /// Returns the exit status (0 for a quit, 128 + signal for a stop request or a hung-up terminal). The
    /// caller exits with it only after the store is released, so the database is closed cleanly.
    static func run(_ ctx: Context, shareFolder: URL?, demo: Bool = false) throws -> Int32 {
        // A clinic's server that goes away (a failover) is waited for as long as the portal is open, and the
        // screen says "Reconnecting to the clinic…" meanwhile; starting still gave up after the command's limit.
        ctx.store.waitForServerWhileOpen()
        let startClock = ctx.clock
        // Read once: Foundation builds the whole dictionary at every call (about 0.5 M instructions), and the
        // clock is asked at every tick of an idle Home. Only PORTAL_TODAY is read from it.
        let env = ProcessInfo.processInfo.environment
        return try run(integrity: ctx.store) { glyphs, bell in
            // Today may move on while the portal is open (it can stay open past midnight).
            // Store calls run on the runtime's worker thread: a slow clinic server never freezes the keys.
            // Home's own read first (flat in the length of her history); the whole snapshot at the first key.
            try Runtime(store: ctx.store, content: ctx.content, glyphs: glyphs, shareFolder: shareFolder, demo: demo,
                        worker: .background, homeFirst: true, clock: { (try? PortalClock.fromEnvironment(env)) ?? startClock }, bell: bell)
        }
    }

    /// A therapist's portal: her caseload, and the charts she opens from it (`ClinicDesk`).
    static func run(therapist desk: any TherapistDesk, content: ContentLibrary, clock startClock: PortalClock) throws -> Int32 {
        let env = ProcessInfo.processInfo.environment  // once, as above
        return try run(integrity: nil) { glyphs, bell in
            try Runtime(therapist: desk, content: content, glyphs: glyphs, worker: .background,
                        clock: { (try? PortalClock.fromEnvironment(env)) ?? startClock }, bell: bell)
        }
    }

    /// The terminal in front of the runtime `makeRuntime` builds, until she quits. `integrity`: the store whose
    /// full check runs after the first paint.
    private static func run(integrity store: (any RecordStore)?,
                            makeRuntime: (Glyphs, @escaping () -> Void) throws -> Runtime) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PortalError.invalidInput("The full-screen portal needs a terminal. For scripts, use `portal today`, `portal log` and the other commands (see `portal --help`).")
        }
        let terminal = try Terminal()
        let glyphs = Glyphs.forTerminal(utf8: terminal.capabilities.unicode)
        let runtime = try makeRuntime(glyphs, { terminal.bell() })
        var app: PortalApp { runtime.app }
        var lastTick = ContinuousClock.now
        let integrity = store.map { BackgroundIntegrityCheck(store: $0) }

        // Screens page and scroll by the area they are drawn in, so the app hears the size before the first
        // key and again before the key that reports a resize (ncurses has the new size by then).
        runtime.resized(terminal.size)
        #if DEBUG
        // Tests only, compiled out of release builds: a real failure of the Swift runtime (a failed check, with
        // its message and source file) at the first key, to prove the patient sees none of it.
        let failsAtFirstKey = ProcessInfo.processInfo.environment["PORTAL_TEST_CRASH"] == "1"
        #endif
        let reason = runLoop(terminal: terminal, render: { size in runtime.view(size: size) }, handle: { key in
            #if DEBUG
            if failsAtFirstKey { fatalError("PORTAL_TEST_CRASH") }
            #endif
            // The seam: every key the terminal decodes (a paste arrives as one `.paste` key) enters the runtime.
            if key == .resize { runtime.resized(terminal.size) }
            runtime.send(.key(key))
            return !runtime.isFinished
        }, capturesText: { app.top.screen.capturesText }, tick: {
            integrity?.startOnce()  // the first tick comes after the first paint
            let now = ContinuousClock.now
            let (s, atto) = (now - lastTick).components
            lastTick = now
            return runtime.tick(Double(s) + Double(atto) / 1e18)
        }, ticksQuickly: { runtime.ticksQuickly }, wake: runtime.wakeDescriptor, woken: { runtime.deliverResults() }, finished: { runtime.isFinished })
        // The terminal went away (ssh dropped, the window closed) with a save still on its way: the screen
        // promised "your entry is kept and will be saved when it answers", so it is kept trying headless (nothing
        // read from or written to the terminal) for as long as a command waits for the clinic (PORTAL_DB_WAIT),
        // and the portal ends as soon as it is saved, or when that wait is over. The write's receipt makes it
        // land once whichever attempt commits.
        if reason == .hangUp || reason == .signal(SIGHUP), !runtime.app.pendingSaves.isEmpty {
            ProcessOutput.detachFromTerminal()
            _ = runtime.finish(waitingUpTo: hangUpSaveSeconds())
            _ = integrity?.finish()
            return reason.exitCode
        }
        // A save still on its way (Ctrl-C, a signal or a dropped connection came first, or quitting waited its
        // limit) gets a last few seconds; one that never answered is said, never dropped in silence. Its
        // transaction did not commit, so nothing of it is half written.
        if !runtime.app.pendingSaves.isEmpty, !runtime.isFinished {
            printError("portal: saving your last change…")
        }
        let unsaved = runtime.finish(waitingUpTo: runtime.isFinished && runtime.quitRequested ? 0 : Self.lastSaveSeconds)
        // The store must be closed cleanly when this returns: the check's read has finished by then.
        if let damage = integrity?.finish() { throw damage }
        if !unsaved.isEmpty, runtime.runner.store?.hasChangeInDoubt == true {
            // The worker may be holding a commit whose answer was lost: it may have been stored.
            printError("portal: The clinic server stopped answering while your last change was being saved, so it may or may not have been saved. Look at your record when the portal opens again before entering it again.")
            return reason == .quit ? 1 : reason.exitCode
        }
        if !unsaved.isEmpty {
            let what = unsaved.count == 1 ? "Your last change was" : "Your last \(unsaved.count) changes were"
            printError("portal: \(what) not saved: the \(runtime.app.storeIsRemote ? "clinic server" : "database") did not answer in time. Open the portal again to enter it.")
            return reason == .quit ? 1 : reason.exitCode
        }
        return reason.exitCode
    }

    /// How long a save still on its way when the loop stops (not by a quit that already waited) may take.
    static let lastSaveSeconds = 3.0

    /// How long a save still on its way when the terminal hung up is tried headless: the commands' wait for the
    /// clinic (`PORTAL_DB_WAIT`, 30 s by default); a file's save answers long before.
    static func hangUpSaveSeconds() -> Double {
        (try? ClinicLocation.limits())?.waitSeconds ?? PGConnection.Limits.command.waitSeconds ?? 30
    }
}

/// The store's full integrity check (`RecordStore.checkIntegrity()`: SQLite's quick_check of a file), run off
/// the main thread after the first paint instead of before it (it grows with the history). A damaged file
/// stops the portal as a stop signal would, and the error names the problem once the screen is put back.
final class BackgroundIntegrityCheck: @unchecked Sendable {
    private let store: any RecordStore
    private let lock = NSLock()
    private var damage: Error?
    private var done: DispatchSemaphore?

    init(store: any RecordStore) { self.store = store }

    func startOnce() {
        guard done == nil else { return }
        let done = DispatchSemaphore(value: 0)
        self.done = done
        Thread.detachNewThread { [self] in
            do {
                try store.checkIntegrity()
            } catch {
                lock.withLock { damage = error }
                kill(getpid(), SIGTERM)
            }
            done.signal()
        }
    }

    /// Waits for a check that is still running; the damage it found, if any.
    func finish() -> Error? {
        done?.wait()
        return lock.withLock { damage }
    }
}
