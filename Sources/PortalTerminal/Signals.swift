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
