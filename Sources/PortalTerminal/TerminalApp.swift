import PortalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `runLoop` returned.
public enum StopReason: Sendable, Hashable {
    /// `handle` returned false (the user quit).
    case quit
    /// Ctrl-C arrived as a key (terminals in raw mode deliver it that way instead of as SIGINT).
    case interrupted
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case signal(Int32)
    /// The terminal went away without a signal (its pty closed): treated like SIGHUP.
    case hangUp

    /// The conventional process exit status: 0 for a quit, 128 + signal number otherwise (130 for Ctrl-C,
    /// 129 for a terminal that hung up, as if SIGHUP had said so).
    public var exitCode: Int32 {
        switch self {
        case .quit: return 0
        case .interrupted: return 130
        case .signal(let number): return 128 + number
        case .hangUp: return 128 + SIGHUP
        }
    }
}

/// The longest the loop waits for a key before it looks at the stop-signal flag again.
private let signalPollMilliseconds = 250
/// How often an idle portal (`ticksQuickly` false) ticks and looks at the stop-signal flag: once a second.
private let idleTickMilliseconds = 1000

/// Runs a full-screen app on `terminal` until `handle` returns false, Ctrl-C is pressed, SIGINT,
/// SIGTERM, SIGHUP or SIGQUIT arrives, or the terminal hangs up (its pty closes without a signal). Always stops the
/// terminal (endwin) before returning or rethrowing, so the caller can save and print after it returns.
///
/// - `render` draws the whole screen for the current size; it is called after every batch of keys, every
///   tick and every resize, and the terminal is updated only when the frame differs from the last one.
/// - `handle` gets each key, including `.resize` (the new size is what `render` receives next) and
///   `.paste`; it returns false to quit. Ctrl-C (`.ctrl("c")`) never reaches it: it stops the loop as
///   `.interrupted`. Nor does Ctrl-Z, which suspends the portal where a shell can resume it and does
///   nothing elsewhere (`Terminal.suspendIfAShellCanResume`). The terminal makes no signals of keys.
/// - `capturesText` says whether the app is taking text now. On a terminal without bracketed paste, a
///   burst of keys that starts while it is (more keys already waiting than anyone types) is a paste: the
///   keys after the first reach `handle` as one `.paste`, so a pasted line break cannot press Enter. So on a
///   terminal with bracketed paste too, for text sent to it as keys (`BurstPaste`).
///   Elsewhere a burst is key repeat and each key counts.
/// - `tick` runs about every `tickInterval` (timers, clocks) while `ticksQuickly` says something moves faster
///   than once a second, and once a second otherwise; it returns whether anything changed, and the screen is
///   drawn again only then (an idle portal does no work, and wakes once a second).
/// - `wake`: a descriptor polled beside the keyboard (the store's worker writes to it when it has answered);
///   when it becomes readable `woken` runs, and returns whether anything changed.
/// - `finished` is asked after every key, tick and wake-up: true ends the loop as `.quit` (a quit that
///   waited for a save still on its way).
@discardableResult
public func runLoop(
    terminal: Terminal,
    render: (Size) throws -> Buffer,
    handle: (Key) throws -> Bool,
    capturesText: () -> Bool = { false },
    tick: () -> Bool = { true },
    tickInterval: Duration = .milliseconds(250),
    ticksQuickly: () -> Bool = { true },
    wake: Int32? = nil,
    woken: () -> Bool = { true },
    finished: () -> Bool = { false }
) rethrows -> StopReason {
    defer { terminal.stop() }
    let clock = ContinuousClock()
    let interval = max(1, milliseconds(tickInterval))
    var nextTick = clock.now.advanced(by: .milliseconds(interval))
    var needsDraw = true
    var lastFrame: Buffer?
    var burstContinues = false
    var burst = BurstPaste()

    func pendingStop() -> StopReason? {
        guard let signal = StopSignals.pending else { return nil }
        StopSignals.clear()
        return .signal(signal)
    }

    while true {
        if let reason = pendingStop() { return reason }
        if finished() { return .quit }
        if needsDraw {
            // A tick usually changes nothing on screen: then ncurses is not asked to compare and repaint.
            let frame = try render(terminal.size)
            if frame != lastFrame {
                terminal.draw(frame)
                lastFrame = frame
            }
            needsDraw = false
        }
        // Rounded up: rounded down, the last part of a millisecond before the tick became a string of
        // zero-timeout reads, spinning about fifteen times every tick.
        let quick = ticksQuickly()
        if quick, nextTick > clock.now.advanced(by: .milliseconds(interval)) {
            nextTick = clock.now.advanced(by: .milliseconds(interval))  // a timer just started: tick at its pace
        }
        let untilTick = max(0, milliseconds(nextTick - clock.now, roundingUp: true))
        // After a full batch, keys still waiting belong to the same burst: wait for none.
        let timeout = burstContinues ? 0 : min(untilTick, quick ? signalPollMilliseconds : max(signalPollMilliseconds, idleTickMilliseconds))
        var key: Key?
        if let wake, terminal.inputDescriptor >= 0 {
            // Wait for a key and the store's answers at once, then read what was typed without waiting.
            if timeout > 0, terminal.wait(timeoutMilliseconds: timeout, wake: wake).woken, woken() { needsDraw = true }
            key = terminal.readKey(timeoutMilliseconds: 0)
        } else {
            key = terminal.readKey(timeoutMilliseconds: timeout)
        }
        // Handle everything already typed (a paste, key repeat) before drawing again.
        var handled = 0
        while let k = key {
            if let reason = pendingStop() { return reason }
            if k == .ctrl("c") { return .interrupted }
            if k == .ctrl("z") {
                // Suspended and resumed (ncurses repaints), or nothing: never a key for the app.
                if terminal.suspendIfAShellCanResume() { lastFrame = nil; needsDraw = true }
                key = terminal.readKey(timeoutMilliseconds: 0)
                continue
            }
            let inBurst = handled > 0 || burstContinues
            terminal.keyArrivedInBurst = inBurst
            // A bracketed paste is one already: what the burst gathered before it goes first.
            if case .paste = k, let text = burst.finish() {
                if try !handle(.paste(text)) { return .quit }
            }
            if !burst.take(k, inBurst: inBurst, capturesText: capturesText) {
                if try !handle(k) { return .quit }
            }
            needsDraw = true
            handled += 1
            key = handled < 64 ? terminal.readKey(timeoutMilliseconds: 0) : nil
        }
        burstContinues = handled >= 64
        if !burstContinues, let text = burst.finish() {
            if try !handle(.paste(text)) { return .quit }
        }
        // Every read now fails at once: without this the loop would spin on a terminal nobody can see.
        if terminal.hungUp { return .hangUp }
        if clock.now >= nextTick {
            if tick() { needsDraw = true }
            nextTick = clock.now.advanced(by: .milliseconds(ticksQuickly() ? interval : max(interval, idleTickMilliseconds)))
        }
        if !terminal.isActive { return .quit }
    }
}

/// The fallback for text that comes without bracketed paste's markers (a terminal without it, or one with it
/// that is sent text as keys: `tmux send-keys -l`, an ssh client that does not pass the markers on, QA M12):
/// the keys of a burst that began while the app was taking text are gathered into one paste (characters as
/// they are, Enter as a line break, Tab as a tab; other keys, such as stray escape sequences, dropped), so a
/// line break in it never presses Enter to save half of it. A bracketed paste ends the burst: it is one paste
/// already, and the keys after it are keys. Pure, so its policy is testable on its own.
struct BurstPaste {
    private var burstIsText = false
    private var text = ""

    /// Whether `key` was taken into the paste (then it must not reach the app as a key).
    mutating func take(_ key: Key, inBurst: Bool, capturesText: () -> Bool) -> Bool {
        if case .paste = key {
            burstIsText = false
            return false
        }
        guard inBurst else {
            // The first key of a batch goes to the app as typed; it decides what the burst after it is.
            burstIsText = capturesText()
            return false
        }
        guard burstIsText else { return false }
        switch key {
        case .character(let c): text.append(c)
        case .enter: text.append("\n")
        case .tab: text.append("\t")
        default: break
        }
        return true
    }

    /// The gathered paste, once the burst is over.
    mutating func finish() -> String? {
        defer { text = "" }
        return text.isEmpty ? nil : text
    }
}

private func milliseconds(_ duration: Duration, roundingUp: Bool = false) -> Int {
    let (seconds, attoseconds) = duration.components
    let perMillisecond: Int64 = 1_000_000_000_000_000
    let part = attoseconds / perMillisecond + (roundingUp && attoseconds % perMillisecond > 0 ? 1 : 0)
    return Int(seconds) * 1000 + Int(part)
}
