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
