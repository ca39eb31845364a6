#ifndef PORTAL_SIGNALS_H
#define PORTAL_SIGNALS_H

/// Installs a flag-setting handler for SIGINT, SIGTERM and SIGHUP, saving the previous actions (before
/// newterm, so ncurses leaves these signals to us).
void portal_stop_install(void);
/// Puts back the actions that were in place before portal_stop_install.
void portal_stop_restore(void);
/// The signal number that asked the program to stop, or 0.
int portal_stop_pending(void);
void portal_stop_clear(void);

/// On a crash signal: endwin, then the previous handler.
void portal_crash_install(void);
void portal_crash_restore(void);

#endif
