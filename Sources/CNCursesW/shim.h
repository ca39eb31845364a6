#ifndef PORTAL_CNCURSESW_SHIM_H
#define PORTAL_CNCURSESW_SHIM_H

// The wide-character API must be switched on here: flags from pkg-config or cSettings
// do not reach Swift's import of this module.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

// Swift cannot import function-like macros or (in Swift 6) mutable C globals,
// so the few the terminal layer needs are wrapped here.
static inline WINDOW *portal_stdscr(void) { return stdscr; }
static inline int portal_lines(void) { return LINES; }
static inline int portal_cols(void) { return COLS; }
static inline int portal_colors(void) { return COLORS; }
static inline attr_t portal_a_normal(void) { return A_NORMAL; }
static inline attr_t portal_a_bold(void) { return A_BOLD; }
static inline attr_t portal_a_dim(void) { return A_DIM; }
static inline attr_t portal_a_underline(void) { return A_UNDERLINE; }
static inline attr_t portal_a_reverse(void) { return A_REVERSE; }
static inline attr_t portal_a_color(void) { return A_COLOR; }
static inline int portal_key_f(int n) { return KEY_F(n); }
static inline int portal_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int portal_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != 0 && (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

static inline int portal_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *portal_stdin(void) { return stdin; }
static inline FILE *portal_stdout(void) { return stdout; }

// Stop signals (SIGINT, SIGTERM, SIGHUP). The handler only records which signal arrived, which is
// async-signal-safe; the run loop polls the flag between keys and shuts ncurses down in normal code.
//
// These statics are per translation unit. Swift emits the bodies of the inline functions it calls into
// each Swift file's object, so exactly ONE Swift file (PortalTerminal/StopSignals.swift) may call the
// portal_stop_* functions; any other caller would see its own copy of the flag.
static volatile sig_atomic_t portal_stop_signal_value = 0;
// Arrays of struct sigaction at file scope are not emitted by Swift's importer (undefined at link time),
// so the saved actions are function-local statics behind an accessor.
static inline struct sigaction *portal_stop_saved(void) { static struct sigaction saved[3]; return saved; }
static int portal_stop_installed = 0;
static const int portal_stop_signals[3] = { SIGINT, SIGTERM, SIGHUP };

static inline void portal_stop_handler(int sig) { portal_stop_signal_value = sig; }

/// Installs the flag-setting handler for SIGINT, SIGTERM and SIGHUP, saving the previous actions.
/// Installed before newterm, so ncurses leaves these signals to us (it only catches ones still at SIG_DFL).
static inline void portal_stop_install(void) {
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
static inline void portal_stop_restore(void) {
    if (!portal_stop_installed) return;
    for (int i = 0; i < 3; i++) sigaction(portal_stop_signals[i], &portal_stop_saved()[i], 0);
    portal_stop_installed = 0;
}

/// The signal number that asked the program to stop, or 0.
static inline int portal_stop_pending(void) { return (int)portal_stop_signal_value; }
static inline void portal_stop_clear(void) { portal_stop_signal_value = 0; }

// Crashes (a Swift trap is SIGILL or SIGTRAP; also SIGSEGV, SIGBUS, SIGFPE, SIGABRT): put the terminal back
// with endwin, then hand the signal to whoever had it before (the Swift runtime's backtracer, or the
// default action). endwin is not async-signal-safe, but the process is dying and ncurses' own cleanup
// handler does the same; a user left in a raw, echo-less alternate screen is the worse outcome.
// Same one-Swift-file rule as above.
static inline struct sigaction *portal_crash_saved(void) { static struct sigaction saved[6]; return saved; }
static int portal_crash_installed = 0;
static const int portal_crash_signals[6] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };

static inline void portal_crash_handler(int sig) {
    if (!isendwin()) endwin();
    for (int i = 0; i < 6; i++) {
        if (portal_crash_signals[i] == sig) sigaction(sig, &portal_crash_saved()[i], 0);
    }
    // A faulting instruction runs again on return and reaches the previous handler with its real context.
    // A raised signal (abort, kill) does not come back by itself: raise it again; it is blocked until this
    // handler returns, then goes to the previous handler.
    if (sig == SIGABRT || sig == SIGTRAP) raise(sig);
}

static inline void portal_crash_install(void) {
    if (portal_crash_installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = portal_crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    for (int i = 0; i < 6; i++) sigaction(portal_crash_signals[i], &sa, &portal_crash_saved()[i]);
    portal_crash_installed = 1;
}

static inline void portal_crash_restore(void) {
    if (!portal_crash_installed) return;
    for (int i = 0; i < 6; i++) sigaction(portal_crash_signals[i], &portal_crash_saved()[i], 0);
    portal_crash_installed = 0;
}

// Whether the portal can draw on a terminal type, asked before anything is drawn. term.h comes last: its
// macros (lines, columns, bell, ...) would clash with code after it.
#include <term.h>

/// Looks `term` up in terminfo without starting ncurses (setupterm with an error pointer never prints or
/// exits). Returns 1 when found (and sets *has_cursor_addressing), 0 for an unknown type, -1 when there is
/// no terminfo database. The terminal entry it loaded is freed again.
static inline int portal_terminfo_check(const char *term, int fd, int *has_cursor_addressing) {
    int err = 0;
    TERMINAL *previous = cur_term;
    if (setupterm((char *)term, fd, &err) != OK) return err == 0 ? 0 : -1;
    const char *cup = tigetstr((char *)"cup");
    *has_cursor_addressing = cup != 0 && cup != (char *)-1;
    TERMINAL *loaded = set_curterm(previous);
    if (loaded != 0 && loaded != previous) del_curterm(loaded);
    return 1;
}

/// A string capability of the current terminal (extended names such as "BE" included), or NULL when the
/// terminal does not have it.
static inline const char *portal_terminfo_string(const char *name) {
    const char *value = tigetstr((char *)name);
    return value == (char *)-1 ? 0 : value;
}

#endif
