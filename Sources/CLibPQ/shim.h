#ifndef PORTAL_CLIBPQ_SHIM_H
#define PORTAL_CLIBPQ_SHIM_H

// Debian's libpq-dev puts its headers in /usr/include/postgresql, which is not on the default search path
// and which flags from pkg-config do not add to Swift's import. libpq-fe.h includes its neighbours with
// quotes, so they are found beside it.
#include <postgresql/libpq-fe.h>

// A notice processor that drops the server's notices ("relation already exists, skipping"): by default
// libpq prints them on standard error, which is the patient's screen.
static inline void portal_pq_ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }
static inline void portal_pq_silence(PGconn *conn) { PQsetNoticeProcessor(conn, portal_pq_ignore_notice, 0); }

#endif
