#ifndef PORTAL_CNCURSESW_SHIM_H
#define PORTAL_CNCURSESW_SHIM_H

// The wide-character API must be switched on here: flags from pkg-config or cSettings
// do not reach Swift's import of this module.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
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
static inline int portal_key_f(int n) { return KEY_F(n); }
static inline int portal_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int portal_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != 0 && (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

#endif
