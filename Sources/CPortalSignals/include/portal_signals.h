#ifndef PORTAL_SIGNALS_H
#define PORTAL_SIGNALS_H

/// Installs a flag-setting handler for SIGINT, SIGTERM, SIGHUP and SIGQUIT, saving the previous actions
/// (before newterm, so ncurses leaves these signals to us).
void portal_stop_install(void);
/// Puts back the actions that were in place before portal_stop_install.
void portal_stop_restore(void);
/// The signal number that asked the program to stop, or 0.
int portal_stop_pending(void);
void portal_stop_clear(void);
/// A descriptor that becomes readable when a stop signal arrives (until portal_stop_clear), or -1.
int portal_stop_descriptor(void);

/// On a crash signal: endwin, then the previous handler.
void portal_crash_install(void);
void portal_crash_restore(void);

/// Replaces the Swift runtime's crash handlers (its backtracer) for the whole process: on a crash signal the
/// terminal is put back, `message` is written to `message_fd`, and the process dies of the signal at its
/// default action. SIGQUIT goes back to its default action too. Call first thing in main.
void portal_quiet_install(int message_fd, const char *message);

/// Points standard error (descriptor 2) at /dev/null and returns a close-on-exec copy of what it was, for
/// the program's own messages; returns 2 itself when that cannot be done.
int portal_hide_standard_error(void);

/// While connecting, before anything is drawn: SIGINT writes `message` to `message_fd` and ends the program with
/// status 130 (`portal_connect_interrupt_restore` puts the previous action back once connected).
void portal_connect_interrupt_install(int message_fd, const char *message);
void portal_connect_interrupt_restore(void);

#endif
