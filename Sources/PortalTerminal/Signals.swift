import CPortalSignals

/// Stop requests that arrive as signals (SIGINT, SIGTERM, SIGHUP) and the crash-time terminal restore.
///
/// The signal handlers live in C (Sources/CPortalSignals) and only set a `volatile sig_atomic_t`; the run loop polls
/// `pending` between keys (it waits at most a few hundred milliseconds) and stops cleanly, so the app can
/// finish a save before it exits.
///
/// Their state is in one C file, not in a header: static state in a header exists once per Swift object
/// file that inlines a caller, which in a release build left SIGTERM setting a flag the loop never read.
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
