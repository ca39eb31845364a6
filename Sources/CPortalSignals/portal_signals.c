// Stop and crash signal handling, in ONE C file so its state exists exactly once in the program. (As
// static functions in a header, each Swift object file that inlined a caller got its own copy of the flag:
// in a release build the handler set one copy and the run loop read another, so SIGTERM was ignored.)
#define _GNU_SOURCE
#include "portal_signals.h"
#include <errno.h>
#include <fcntl.h>
#include <ncurses.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// Stop signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT). The handler only records which signal arrived, which is
// async-signal-safe; the run loop polls the flag between keys and shuts ncurses down in normal code.
#define PORTAL_STOP_COUNT 4
static volatile sig_atomic_t portal_stop_signal_value = 0;
static struct sigaction *portal_stop_saved(void) { static struct sigaction saved[PORTAL_STOP_COUNT]; return saved; }
static int portal_stop_installed = 0;
static const int portal_stop_signals[PORTAL_STOP_COUNT] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

// The read end becomes readable when a stop signal arrives (a byte the handler writes; write is async-signal-safe),
// so a loop polling it wakes at once, whichever thread the signal was delivered to.
static int portal_stop_pipe[2] = { -1, -1 };

static void portal_stop_handler(int sig) {
    portal_stop_signal_value = sig;
    if (portal_stop_pipe[1] >= 0) {
        int saved = errno;
        ssize_t unused = write(portal_stop_pipe[1], "", 1);
        (void)unused;
        errno = saved;
    }
}

/// Installs the flag-setting handler for SIGINT, SIGTERM, SIGHUP and SIGQUIT, saving the previous actions.
/// Installed before newterm, so ncurses leaves these signals to us (it only catches ones still at SIG_DFL).
void portal_stop_install(void) {
    if (portal_stop_installed) return;
    if (portal_stop_pipe[0] < 0 && pipe2(portal_stop_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        portal_stop_pipe[0] = portal_stop_pipe[1] = -1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = portal_stop_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   // no SA_RESTART: a blocking read returns early and the loop checks the flag
    for (int i = 0; i < PORTAL_STOP_COUNT; i++) sigaction(portal_stop_signals[i], &sa, &portal_stop_saved()[i]);
    portal_stop_installed = 1;
}

/// Puts back the actions that were in place before portal_stop_install.
void portal_stop_restore(void) {
    if (!portal_stop_installed) return;
    for (int i = 0; i < PORTAL_STOP_COUNT; i++) sigaction(portal_stop_signals[i], &portal_stop_saved()[i], 0);
    portal_stop_installed = 0;
}

/// The signal number that asked the program to stop, or 0.
int portal_stop_pending(void) { return (int)portal_stop_signal_value; }
void portal_stop_clear(void) {
    portal_stop_signal_value = 0;
    char bytes[16];
    if (portal_stop_pipe[0] >= 0) while (read(portal_stop_pipe[0], bytes, sizeof bytes) > 0) {}
}
int portal_stop_descriptor(void) { return portal_stop_pipe[0]; }

// Crashes (a Swift trap is SIGILL or SIGTRAP; also SIGSEGV, SIGBUS, SIGFPE, SIGABRT): put the terminal back
// with endwin, then hand the signal to whoever had it before (portal_quiet_install's handler, or the
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
    // Raised again, whatever sent it: a signal from kill() or abort() would not come back by itself, and
    // the process must not go on without its screen. Blocked until this handler returns, it then goes to
    // the previous handler (which ends the process).
    raise(sig);
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


// The process-wide crash handler that takes the place of the Swift runtime's backtracer (which would print
// a backtrace with source paths and then offer a debugger prompt on the patient's terminal): the terminal
// is put back if a full screen was running, one fixed line goes to the portal's own message descriptor, and
// the signal is delivered again at its default action, so the process still dies of it (exit status 128 +
// signal, a core dump where the system keeps them). Only async-signal-safe calls, but for endwin as above.
static const int portal_fatal_signals[6] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
static char portal_quiet_message[512];
static size_t portal_quiet_length = 0;
static int portal_quiet_fd = -1;

static void portal_quiet_handler(int sig) {
    if (!isendwin()) endwin();
    if (portal_quiet_fd >= 0 && portal_quiet_length > 0) {
        ssize_t unused = write(portal_quiet_fd, portal_quiet_message, portal_quiet_length);
        (void)unused;
    }
    signal(sig, SIG_DFL);
    // Raised again at the default action, whatever sent it (a fault, abort(), or kill from outside, which
    // would not come back by itself): blocked until this handler returns, it then ends the process.
    raise(sig);
}

void portal_quiet_install(int message_fd, const char *message) {
    size_t n = strlen(message);
    if (n >= sizeof portal_quiet_message) n = sizeof portal_quiet_message - 1;
    memcpy(portal_quiet_message, message, n);
    portal_quiet_length = n;
    portal_quiet_fd = message_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = portal_quiet_handler;
    sigemptyset(&sa.sa_mask);
    // On the runtime's alternate stack where there is one, so a stack overflow still reaches the handler.
    sa.sa_flags = SA_ONSTACK;
    for (int i = 0; i < 6; i++) sigaction(portal_fatal_signals[i], &sa, 0);
    // SIGQUIT (Ctrl-\ where the terminal still makes signals of keys) at its default: no backtracer.
    signal(SIGQUIT, SIG_DFL);
}

int portal_hide_standard_error(void) {
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (saved < 0) return STDERR_FILENO;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null < 0 || dup2(null, STDERR_FILENO) < 0) {
        if (null >= 0) close(null);
        close(saved);
        return STDERR_FILENO;
    }
    close(null);
    return saved;
}

// While the portal connects, before the screen is drawn: Ctrl-C (SIGINT from a terminal still in its ordinary
// mode) writes one line and ends the program with status 130. Nothing has been opened or drawn yet, so there is
// nothing to put back; a libpq call in progress cannot be interrupted any other way.
static char portal_connect_message[512];
static size_t portal_connect_length = 0;
static int portal_connect_fd = -1;
static struct sigaction portal_connect_saved;
static int portal_connect_installed = 0;

static void portal_connect_handler(int sig) {
    (void)sig;
    if (portal_connect_fd >= 0 && portal_connect_length > 0) {
        ssize_t ignored = write(portal_connect_fd, portal_connect_message, portal_connect_length);
        (void)ignored;
    }
    _exit(130);
}

void portal_connect_interrupt_install(int message_fd, const char *message) {
    size_t n = strlen(message);
    if (n >= sizeof portal_connect_message) n = sizeof portal_connect_message - 1;
    memcpy(portal_connect_message, message, n);
    portal_connect_message[n] = 0;
    portal_connect_length = n;
    portal_connect_fd = message_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = portal_connect_handler;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, &action, &portal_connect_saved) == 0) portal_connect_installed = 1;
}

void portal_connect_interrupt_restore(void) {
    if (!portal_connect_installed) return;
    sigaction(SIGINT, &portal_connect_saved, NULL);
    portal_connect_installed = 0;
}
