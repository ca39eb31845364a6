import CNCursesW

/// Stop requests that arrive as signals (SIGINT, SIGTERM, SIGHUP) and the crash-time terminal restore.
///
/// The signal handlers live in C (shim.h) and only set a `volatile sig_atomic_t`; the run loop polls
/// `pending` between keys (it waits at most a few hundred milliseconds) and stops cleanly, so the app can
/// finish a save before it exits.
///
/// This is the ONLY Swift file that may call the `portal_stop_*` / `portal_crash_*` shims: their state is
/// `static` in a header, so each Swift file that called them would get its own copy.
public enum StopSignals {
    /// The signal number that asked the program to stop (SIGINT, SIGTERM or SIGHUP), or nil.
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
