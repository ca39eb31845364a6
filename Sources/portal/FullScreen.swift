import Foundation
import PortalCore
import PortalRuntime
import PortalTerminal
import PortalUI

/// Starts the full-screen portal: the ncurses terminal in front of the runtime (PortalRuntime), which holds
/// the app, carries out its effects against the store and reloads it. Only wiring lives here.
enum FullScreen {
    static func run(_ ctx: Context) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PortalError.invalidInput("The full-screen portal needs a terminal. For scripts, use `portal today`, `portal log` and the other commands (see `portal --help`).")
        }
        let terminal = try Terminal()
        let glyphs = Glyphs.forTerminal(utf8: terminal.capabilities.unicode)
        let startClock = ctx.clock
        // Today may move on while the portal is open (it can stay open past midnight).
        // $HOME as the shell has it (Foundation's home directory reads the password file instead).
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let runtime = try Runtime(store: ctx.store, content: ctx.content, glyphs: glyphs, shareFolder: home,
                                  clock: { (try? PortalClock.fromEnvironment()) ?? startClock },
                                  bell: { terminal.bell() })
        var app: PortalApp { runtime.app }
        func send(_ message: Message) { runtime.send(message) }
        var burstIsText = false
        var lastTick = ContinuousClock.now

        // Screens page and scroll by the area they are drawn in, so the app hears the size before the first
        // key and again before the key that reports a resize (ncurses has the new size by then).
        runtime.resized(terminal.size)
        let reason = runLoop(terminal: terminal, render: { size in runtime.view(size: size) }, handle: { key in
            if key == .resize { runtime.resized(terminal.size) }
            // The seam: every key the terminal decodes enters the runtime through `send(.key(_))` below.
            // A paste into a text field is text, all of it: its line breaks and tabs become spaces and anything
            // else that is not a character (stray escape sequences) is dropped, so nothing in a paste can
            // save the form, move the focus or answer a question.
            if !terminal.keyArrivedInBurst {
                burstIsText = app.top.screen.capturesText
                send(.key(key))
            } else if burstIsText {
                switch key {
                case .character: send(.key(key))
                case .enter, .tab: send(.key(.character(" ")))
                default: break
                }
            } else {
                send(.key(key))
            }
            return !runtime.quitRequested
        }, tick: {
            let now = ContinuousClock.now
            let (s, atto) = (now - lastTick).components
            lastTick = now
            runtime.tick(Double(s) + Double(atto) / 1e18)
        })
        if reason.exitCode != 0 { exit(reason.exitCode) }
    }
}
