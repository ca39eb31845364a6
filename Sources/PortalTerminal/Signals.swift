import CPortalSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stop requests that arrive as signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and the crash-time terminal restore.
///
/// The signal handlers live in C (Sources/CPortalSignals) and only set a `volatile sig_atomic_t`; the run loop polls
/// `pending` between keys (it waits at most a few hundred milliseconds) and stops cleanly, so the app can
/// finish a save before it exits.
///
/// Their state is in one C file, not in a header: static state in a header exists once per Swift object
/// file that inlines a caller, which in a release build left SIGTERM setting a flag the loop never read.
public enum StopSignals {
    /// The signal number that asked the program to stop (SIGINT, SIGTERM, SIGHUP or SIGQUIT), or nil.
    public static var pending: Int32? {
        let signal = portal_stop_pending()
        return signal == 0 ? nil : signal
    }

    /// Readable once a stop signal has arrived, until `clear()`: polled beside the keyboard, so an idle loop
    /// that waits a second at a time still stops at once. Nil before the handlers are installed.
    static var descriptor: Int32? {
        let fd = portal_stop_descriptor()
        return fd >= 0 ? fd : nil
    }

    /// Forgets a stop request (after it has been acted on).
    public static func clear() { portal_stop_clear() }

    static func install() {
        portal_stop_clear()
        portal_stop_install()
        portal_crash_install()
    }

    static func restore() {
        portal_crash_restore()
        portal_stop_restore()
    }
}

/// What the patient's terminal shows when the program itself fails: one plain line, never the machinery.
///
/// The Swift runtime answers a crash signal (a trap, SIGSEGV, SIGABRT, SIGQUIT) with its backtracer, which on a
/// terminal prints a backtrace with source paths and lines and then offers a debugger prompt; and before a
/// trap it prints the failed check with its source file (with a stack trace in a debug build), on standard
/// error. `install` replaces the backtracer's handlers for the whole process (the runtime reads
/// SWIFT_BACKTRACE only as it loads, before any of the portal's code runs; replacing its handlers needs no
/// environment and no second start) and points standard error at /dev/null, keeping a copy of it for the
/// portal's own messages (`write`).
public enum ProcessOutput {
    /// Where the portal's own messages go: the standard error it was started with.
    nonisolated(unsafe) public private(set) static var messageDescriptor: Int32 = STDERR_FILENO

    /// Call first thing in main. `crashMessage` is the one line shown if the program fails.
    public static func install(crashMessage: String) {
        messageDescriptor = portal_hide_standard_error()
        portal_quiet_install(messageDescriptor, crashMessage.hasSuffix("\n") ? crashMessage : crashMessage + "\n")
    }

    /// Writes `text` (and a newline) where the portal's messages go.
    public static func write(_ text: String) { writeAll(Array((text + "\n").utf8), to: messageDescriptor) }

    /// After the terminal went away: standard input, output, error and the messages' copy all point at
    /// /dev/null, so nothing the portal still does (a save finishing headless) reads from or writes to a
    /// terminal that is gone, or to whoever gets that terminal next.
    public static func detachFromTerminal() {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { return }
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, messageDescriptor] { _ = dup2(null, fd) }
        if null > STDERR_FILENO, null != messageDescriptor { close(null) }
    }
}

/// What the terminal says while a clinic's server is being reached, before anything is drawn (a server that is
/// down is waited for up to `PORTAL_DB_WAIT`): one line at once, "Connecting to the clinic… (Ctrl-C to stop)",
/// taken away again once connected. Meanwhile the terminal is in its ordinary mode, so Ctrl-C is SIGINT: it
/// writes `stopped` on a line of its own and ends the program (status 130); nothing was opened yet.
public enum ConnectingNotice {
    nonisolated(unsafe) private static var shown = false

    public static func show(_ text: String, stopped: String) {
        let fd = ProcessOutput.messageDescriptor
        portal_connect_interrupt_install(fd, "\r\n" + stopped + "\n")
        guard isatty(fd) == 1 else { return }
        writeAll(Array(text.utf8), to: fd)
        shown = true
    }

    /// Connected (or given up): Ctrl-C is the screen's again, and the line is wiped.
    public static func clear() {
        portal_connect_interrupt_restore()
        guard shown else { return }
        writeAll(Array("\r\u{1b}[K".utf8), to: ProcessOutput.messageDescriptor)
        shown = false
    }
}

private func writeAll(_ bytes: [UInt8], to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { return }
        offset += n
    }
}
