import Foundation
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
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PortalError.invalidInput("The full-screen portal needs a terminal. For scripts, use `portal today`, `portal log` and the other commands (see `portal --help`).")
        }
        let terminal = try Terminal()
        let glyphs = Glyphs.forTerminal(utf8: terminal.capabilities.unicode)
        let startClock = ctx.clock
        // Today may move on while the portal is open (it can stay open past midnight).
        let runtime = try Runtime(store: ctx.store, content: ctx.content, glyphs: glyphs, shareFolder: shareFolder, demo: demo,
                                  clock: { (try? PortalClock.fromEnvironment()) ?? startClock },
                                  bell: { terminal.bell() })
        var app: PortalApp { runtime.app }
        var lastTick = ContinuousClock.now

        // Screens page and scroll by the area they are drawn in, so the app hears the size before the first
        // key and again before the key that reports a resize (ncurses has the new size by then).
        runtime.resized(terminal.size)
        let reason = runLoop(terminal: terminal, render: { size in runtime.view(size: size) }, handle: { key in
            // The seam: every key the terminal decodes (a paste arrives as one `.paste` key) enters the runtime.
            if key == .resize { runtime.resized(terminal.size) }
            runtime.send(.key(key))
            return !runtime.quitRequested
        }, capturesText: { app.top.screen.capturesText }, tick: {
            let now = ContinuousClock.now
            let (s, atto) = (now - lastTick).components
            lastTick = now
            runtime.tick(Double(s) + Double(atto) / 1e18)
        })
        return reason.exitCode
    }
}
