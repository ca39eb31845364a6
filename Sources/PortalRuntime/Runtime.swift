import Foundation
import PortalCore
import PortalUI

/// The portal's message loop, without a terminal: it holds the app, sends it messages one at a time, has
/// the effects it asks for carried out (`EffectRunner`), and re-reads the store now and then. A front end
/// (the ncurses terminal today) only draws `view(size:)` and feeds in what happens: `key`, `resized`, `tick`.
public final class Runtime {
    public private(set) var app: PortalApp
    public let runner: EffectRunner
    /// Set once the app asked to quit; the front end stops its loop.
    public private(set) var quitRequested = false
    /// How often a store that cannot say whether others wrote (`changeToken()` is nil) is read again.
    public static let reloadSeconds = 5.0
    /// How often the runtime asks the store whether someone else wrote (one cheap query).
    public static let changeCheckSeconds = 1.0
    private var sinceReload = 0.0
    private var sinceChangeCheck = 0.0
    /// The store's change token at the last snapshot; nil when it cannot tell.
    private var lastToken: Int64?
    /// Rings the terminal bell (the exercise timer's phase changes).
    private let bell: () -> Void

    /// Reads the first snapshot from `store`; `clock` is asked for the time before every read and write.
    /// `demo`: the store is the demo's own file, and the title bar says so.
    public init(store: any PortalStoring, content: ContentLibrary, glyphs: Glyphs = .unicode, shareFolder: URL? = nil,
                demo: Bool = false, clock: @escaping @Sendable () -> PortalClock, bell: @escaping () -> Void = {}) throws {
        runner = EffectRunner(store: store, content: content, shareFolder: shareFolder, clock: clock)
        lastToken = try? store.changeToken()
        app = PortalApp(snapshot: try store.snapshot(clock: clock()), content: content, glyphs: glyphs)
        app.isDemo = demo
        self.bell = bell
    }

    /// Sends `message` and every message its effects answer with, in order, before returning.
    public func send(_ message: Message) {
        var queue = [message]
        while !queue.isEmpty {
            for effect in app.update(queue.removeFirst()) {
                switch effect {
                case .quit: quitRequested = true
                case .bell: bell()
                default: queue += runner.perform(effect)
                }
            }
        }
    }

    /// The seam where the terminal's keys enter: one decoded key. Returns false once the portal should stop.
    @discardableResult
    public func key(_ key: Key) -> Bool {
        send(.key(key))
        return !quitRequested
    }

    /// The terminal's size, at start and before the key that reports a resize.
    public func resized(_ size: Size) { send(.resized(size)) }

    /// Time passed: drives the exercise timer, and keeps the snapshot current without re-reading it for
    /// nothing: once a second the store is asked whether anyone else wrote (`changeToken()`), and only then
    /// read again; a new minute or day also reads it again (the countdowns and the day's windows move).
    /// A store that cannot tell is read again every `reloadSeconds`.
    public func tick(_ seconds: Double) {
        send(.tick(seconds))
        sinceReload += seconds
        sinceChangeCheck += seconds
        guard sinceChangeCheck >= Self.changeCheckSeconds || sinceReload >= Self.reloadSeconds else { return }
        sinceChangeCheck = 0
        let clock = runner.clock()
        let shown = app.context.snapshot.clock
        let token = try? runner.store.changeToken()
        if let token, token == lastToken {
            if clock.today != shown.today {
                reload()  // the 120-day windows move with the day
            } else if clock.time != shown.time {
                var snapshot = app.context.snapshot  // nothing was written: only the time moved on
                snapshot.clock = clock
                send(.loaded(snapshot))
            }
            return
        }
        guard token != nil || sinceReload >= Self.reloadSeconds else { return }
        reload()
    }

    /// Reads a fresh snapshot; a failed read keeps the last one on screen (the next tick tries again).
    public func reload() {
        sinceReload = 0
        // The token first: a write landing between the two reads is then seen again next time, not missed.
        let token = try? runner.store.changeToken()
        if let snapshot = try? runner.store.snapshot(clock: runner.clock()) {
            lastToken = token
            send(.loaded(snapshot))
        }
    }

    public func view(size: Size) -> Buffer { app.view(size: size) }
}
