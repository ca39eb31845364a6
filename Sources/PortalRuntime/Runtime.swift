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
    /// How often the store is read again: another portal may have saved something, and the date and
    /// countdowns move on (past midnight too).
    public static let reloadSeconds = 5.0
    private var sinceReload = 0.0
    /// Rings the terminal bell (the exercise timer's phase changes).
    private let bell: () -> Void

    /// Reads the first snapshot from `store`; `clock` is asked for the time before every read and write.
    /// `demo`: the store is the demo's own file, and the title bar says so.
    public init(store: any PortalStoring, content: ContentLibrary, glyphs: Glyphs = .unicode, shareFolder: URL? = nil,
                demo: Bool = false, clock: @escaping @Sendable () -> PortalClock, bell: @escaping () -> Void = {}) throws {
        runner = EffectRunner(store: store, content: content, shareFolder: shareFolder, clock: clock)
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

    /// Time passed: drives the exercise timer, and every `reloadSeconds` reads the store again.
    public func tick(_ seconds: Double) {
        send(.tick(seconds))
        sinceReload += seconds
        if sinceReload >= Self.reloadSeconds {
            sinceReload = 0
            reload()
        }
    }

    /// Reads a fresh snapshot; a failed read keeps the last one on screen (the next tick tries again).
    public func reload() {
        if let snapshot = try? runner.store.snapshot(clock: runner.clock()) { send(.loaded(snapshot)) }
    }

    public func view(size: Size) -> Buffer { app.view(size: size) }
}
