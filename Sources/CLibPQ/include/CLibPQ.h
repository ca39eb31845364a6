#ifndef PORTAL_CLIBPQ_H
#define PORTAL_CLIBPQ_H

// libpq for clinic mode, loaded with dlopen the first time a clinic connection is opened, not linked: a
// local start then does not pay for loading libpq and its TLS, Kerberos and LDAP libraries (about 20 M
// instructions, a quarter of the start-up), and a machine without libpq still runs the local portal.
//
// The libpq functions the portal calls keep their names and signatures for Swift: libpq's own declarations
// are renamed out of the way (the types and constants stay), and each name below is an inline call through
// the table portal_pq_load() fills. Only PGConnection calls them, and only after portal_pq_load() succeeded.
//
// Debian's libpq-dev puts its headers in /usr/include/postgresql, which is not on the default search path;
// libpq-fe.h includes its neighbours with quotes, so they are found beside it.

#define PQconnectdb portal_pq_declared_PQconnectdb
#define PQstatus portal_pq_declared_PQstatus
#define PQerrorMessage portal_pq_declared_PQerrorMessage
#define PQfinish portal_pq_declared_PQfinish
#define PQexecParams portal_pq_declared_PQexecParams
#define PQexec portal_pq_declared_PQexec
#define PQclear portal_pq_declared_PQclear
#define PQresultStatus portal_pq_declared_PQresultStatus
#define PQresultErrorField portal_pq_declared_PQresultErrorField
#define PQreset portal_pq_declared_PQreset
#define PQsetNoticeProcessor portal_pq_declared_PQsetNoticeProcessor
#define PQnfields portal_pq_declared_PQnfields
#define PQfname portal_pq_declared_PQfname
#define PQntuples portal_pq_declared_PQntuples
#define PQgetisnull portal_pq_declared_PQgetisnull
#define PQgetvalue portal_pq_declared_PQgetvalue
#define PQcmdTuples portal_pq_declared_PQcmdTuples
#define PQconnectdbParams portal_pq_declared_PQconnectdbParams
#define PQsendQueryParams portal_pq_declared_PQsendQueryParams
#define PQsendQuery portal_pq_declared_PQsendQuery
#define PQgetResult portal_pq_declared_PQgetResult
#define PQconsumeInput portal_pq_declared_PQconsumeInput
#define PQisBusy portal_pq_declared_PQisBusy
#define PQsocket portal_pq_declared_PQsocket
#define PQsetNoticeReceiver portal_pq_declared_PQsetNoticeReceiver
#define PQhost portal_pq_declared_PQhost
#define PQport portal_pq_declared_PQport
#include <postgresql/libpq-fe.h>
#undef PQconnectdb
#undef PQstatus
#undef PQerrorMessage
#undef PQfinish
#undef PQexecParams
#undef PQexec
#undef PQclear
#undef PQresultStatus
#undef PQresultErrorField
#undef PQreset
#undef PQsetNoticeProcessor
#undef PQnfields
#undef PQfname
#undef PQntuples
#undef PQgetisnull
#undef PQgetvalue
#undef PQcmdTuples
#undef PQconnectdbParams
#undef PQsendQueryParams
#undef PQsendQuery
#undef PQgetResult
#undef PQconsumeInput
#undef PQisBusy
#undef PQsocket
#undef PQsetNoticeReceiver
#undef PQhost
#undef PQport

/// The libpq functions, resolved from libpq.so.5 (one table in the program, in libpq_loader.c).
struct portal_pq_functions {
    __typeof__(portal_pq_declared_PQconnectdb) *PQconnectdb;
    __typeof__(portal_pq_declared_PQstatus) *PQstatus;
    __typeof__(portal_pq_declared_PQerrorMessage) *PQerrorMessage;
    __typeof__(portal_pq_declared_PQfinish) *PQfinish;
    __typeof__(portal_pq_declared_PQexecParams) *PQexecParams;
    __typeof__(portal_pq_declared_PQexec) *PQexec;
    __typeof__(portal_pq_declared_PQclear) *PQclear;
    __typeof__(portal_pq_declared_PQresultStatus) *PQresultStatus;
    __typeof__(portal_pq_declared_PQresultErrorField) *PQresultErrorField;
    __typeof__(portal_pq_declared_PQreset) *PQreset;
    __typeof__(portal_pq_declared_PQsetNoticeProcessor) *PQsetNoticeProcessor;
    __typeof__(portal_pq_declared_PQnfields) *PQnfields;
    __typeof__(portal_pq_declared_PQfname) *PQfname;
    __typeof__(portal_pq_declared_PQntuples) *PQntuples;
    __typeof__(portal_pq_declared_PQgetisnull) *PQgetisnull;
    __typeof__(portal_pq_declared_PQgetvalue) *PQgetvalue;
    __typeof__(portal_pq_declared_PQcmdTuples) *PQcmdTuples;
    __typeof__(portal_pq_declared_PQconnectdbParams) *PQconnectdbParams;
    __typeof__(portal_pq_declared_PQsendQueryParams) *PQsendQueryParams;
    __typeof__(portal_pq_declared_PQsendQuery) *PQsendQuery;
    __typeof__(portal_pq_declared_PQgetResult) *PQgetResult;
    __typeof__(portal_pq_declared_PQconsumeInput) *PQconsumeInput;
    __typeof__(portal_pq_declared_PQisBusy) *PQisBusy;
    __typeof__(portal_pq_declared_PQsocket) *PQsocket;
    __typeof__(portal_pq_declared_PQsetNoticeReceiver) *PQsetNoticeReceiver;
    __typeof__(portal_pq_declared_PQhost) *PQhost;
    __typeof__(portal_pq_declared_PQport) *PQport;
};
extern struct portal_pq_functions portal_pq;

/// Loads libpq.so.5 and resolves every function, once (safe from any thread). NULL when loaded; otherwise
/// the loader's message (which names the library or the missing function), the same on every call.
const char *portal_pq_load(void);

/// Whether `soname` would load with every function (then closed again, the table untouched): NULL, or the
/// reason written into `why`. For tests of the message a missing library gives.
const char *portal_pq_probe(const char *soname, char *why, size_t n);

static inline PGconn * PQconnectdb(const char *conninfo) { return portal_pq.PQconnectdb(conninfo); }
static inline ConnStatusType PQstatus(const PGconn *conn) { return portal_pq.PQstatus(conn); }
static inline char * PQerrorMessage(const PGconn *conn) { return portal_pq.PQerrorMessage(conn); }
static inline void PQfinish(PGconn *conn) { portal_pq.PQfinish(conn); }
static inline PGresult * PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat) { return portal_pq.PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat); }
static inline PGresult * PQexec(PGconn *conn, const char *query) { return portal_pq.PQexec(conn, query); }
static inline void PQclear(PGresult *res) { portal_pq.PQclear(res); }
static inline ExecStatusType PQresultStatus(const PGresult *res) { return portal_pq.PQresultStatus(res); }
static inline char * PQresultErrorField(const PGresult *res, int fieldcode) { return portal_pq.PQresultErrorField(res, fieldcode); }
static inline void PQreset(PGconn *conn) { portal_pq.PQreset(conn); }
static inline PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg) { return portal_pq.PQsetNoticeProcessor(conn, proc, arg); }
static inline int PQnfields(const PGresult *res) { return portal_pq.PQnfields(res); }
static inline char * PQfname(const PGresult *res, int field_num) { return portal_pq.PQfname(res, field_num); }
static inline int PQntuples(const PGresult *res) { return portal_pq.PQntuples(res); }
static inline int PQgetisnull(const PGresult *res, int tup_num, int field_num) { return portal_pq.PQgetisnull(res, tup_num, field_num); }
static inline char * PQgetvalue(const PGresult *res, int tup_num, int field_num) { return portal_pq.PQgetvalue(res, tup_num, field_num); }
static inline char * PQcmdTuples(PGresult *res) { return portal_pq.PQcmdTuples(res); }

static inline PGconn * PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname) { return portal_pq.PQconnectdbParams(keywords, values, expand_dbname); }
static inline int PQsendQueryParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat) { return portal_pq.PQsendQueryParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat); }
static inline int PQsendQuery(PGconn *conn, const char *query) { return portal_pq.PQsendQuery(conn, query); }
static inline PGresult * PQgetResult(PGconn *conn) { return portal_pq.PQgetResult(conn); }
static inline int PQconsumeInput(PGconn *conn) { return portal_pq.PQconsumeInput(conn); }
static inline int PQisBusy(PGconn *conn) { return portal_pq.PQisBusy(conn); }
static inline int PQsocket(const PGconn *conn) { return portal_pq.PQsocket(conn); }
static inline PQnoticeReceiver PQsetNoticeReceiver(PGconn *conn, PQnoticeReceiver proc, void *arg) { return portal_pq.PQsetNoticeReceiver(conn, proc, arg); }
static inline char * PQhost(const PGconn *conn) { return portal_pq.PQhost(conn); }
static inline char * PQport(const PGconn *conn) { return portal_pq.PQport(conn); }

// A notice processor that drops the server's notices ("relation already exists, skipping"): by default
// libpq prints them on standard error, which is the patient's screen.
static inline void portal_pq_ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }
static inline void portal_pq_silence(PGconn *conn) { PQsetNoticeProcessor(conn, portal_pq_ignore_notice, 0); }

// A notice receiver that prints nothing either, and counts the server's WARNINGs in `*warnings`. A COMMIT
// that waited for a synchronous standby and was cut short (statement_timeout, a cancel) still commits on the
// primary alone and answers "COMMIT" with a WARNING: the connection counts warnings around each COMMIT and
// treats one as "not acknowledged by the standby" (PGConnection.commit). The severity is read untranslated.
static inline void portal_pq_count_warning(void *arg, const PGresult *res) {
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity && severity[0] == 'W' && severity[1] == 'A') __atomic_add_fetch((int *)arg, 1, __ATOMIC_SEQ_CST);
}
static inline void portal_pq_watch(PGconn *conn, int *warnings) { PQsetNoticeReceiver(conn, portal_pq_count_warning, warnings); }

#endif
