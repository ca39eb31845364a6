// Stop and crash signal handling, in ONE C file so its state exists exactly once in the program. (As
// static functions in a header, each Swift object file that inlined a caller got its own copy of the flag:
// in a release build the handler set one copy and the run loop read another, so SIGTERM was ignored.)
#include "portal_signals.h"
#include <ncurses.h>
#include <signal.h>
#include <string.h>

// Stop signals (SIGINT, SIGTERM, SIGHUP). The handler only records which signal arrived, which is
// async-signal-safe; the run loop polls the flag between keys and shuts ncurses down in normal code.
static volatile sig_atomic_t portal_stop_signal_value = 0;
static struct sigaction *portal_stop_saved(void) { static struct sigaction saved[3]; return saved; }
static int portal_stop_installed = 0;
static const int portal_stop_signals[3] = { SIGINT, SIGTERM, SIGHUP };

static void portal_stop_handler(int sig) { portal_stop_signal_value = sig; }

/// Installs the flag-setting handler for SIGINT, SIGTERM and SIGHUP, saving the previous actions.
/// Installed before newterm, so ncurses leaves these signals to us (it only catches ones still at SIG_DFL).
void portal_stop_install(void) {
    if (portal_stop_installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = portal_stop_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   // no SA_RESTART: a blocking read returns early and the loop checks the flag
    for (int i = 0; i < 3; i++) sigaction(portal_stop_signals[i], &sa, &portal_stop_saved()[i]);
    portal_stop_installed = 1;
}

/// Puts back the actions that were in place before portal_stop_install.
void portal_stop_restore(void) {
    if (!portal_stop_installed) return;
    for (int i = 0; i < 3; i++) sigaction(portal_stop_signals[i], &portal_stop_saved()[i], 0);
    portal_stop_installed = 0;
}

/// The signal number that asked the program to stop, or 0.
int portal_stop_pending(void) { return (int)portal_stop_signal_value; }
void portal_stop_clear(void) { portal_stop_signal_value = 0; }

// Crashes (a Swift trap is SIGILL or SIGTRAP; also SIGSEGV, SIGBUS, SIGFPE, SIGABRT): put the terminal back
// with endwin, then hand the signal to whoever had it before (the Swift runtime's backtracer, or the
// default action). endwin is not async-signal-safe, but the process is dying and ncurses' own cleanup
// handler does the same; a user left in a raw, echo-less alternate screen is the worse outcome.
// Same one-Swift-file rule as above.
static struct sigaction *portal_crash_saved(void) { static struct sigaction saved[6]; return saved; }
static int portal_crash_installed = 0;
static const int portal_crash_signals[6] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };

static void portal_crash_handler(int sig) {
    if (!isendwin()) endwin();
    for (int i = 0; i < 6; i++) {
        if (portal_crash_signals[i] == sig) sigaction(sig, &portal_crash_saved()[i], 0);
    }
    // A faulting instruction runs again on return and reaches the previous handler with its real context.
    // A raised signal (abort, kill) does not come back by itself: raise it again; it is blocked until this
    // handler returns, then goes to the previous handler.
    if (sig == SIGABRT || sig == SIGTRAP) raise(sig);
}

void portal_crash_install(void) {
    if (portal_crash_installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = portal_crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    for (int i = 0; i < 6; i++) sigaction(portal_crash_signals[i], &sa, &portal_crash_saved()[i]);
    portal_crash_installed = 1;
}

void portal_crash_restore(void) {
    if (!portal_crash_installed) return;
    for (int i = 0; i < 6; i++) sigaction(portal_crash_signals[i], &portal_crash_saved()[i], 0);
    portal_crash_installed = 0;
}

