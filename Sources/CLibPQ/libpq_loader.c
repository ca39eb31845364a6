// Loads libpq.so.5 on first use (see include/CLibPQ.h for why it is not linked).
#include "CLibPQ.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

struct portal_pq_functions portal_pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char problem[512];
static int loaded;

/* Opens `soname` and resolves every function into `f`; 0 on success, else the reason in `why`. `keep`:
   leave the library loaded (the real load), or close it again (a probe). */
static int open_libpq(const char *soname, struct portal_pq_functions *out, char *why, size_t n, int keep) {
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(why, n, "%s", e ? e : "cannot open shared object file");
        return -1;
    }
    struct portal_pq_functions f;
#define RESOLVE(name)                                                                                     \
    if (!(*(void **)&f.name = dlsym(lib, #name))) {                                                      \
        snprintf(why, n, "%s has no function %s (too old a libpq)", soname, #name);                      \
        dlclose(lib);                                                                                    \
        return -1;                                                                                       \
    }
    RESOLVE(PQconnectdb)
    RESOLVE(PQstatus)
    RESOLVE(PQerrorMessage)
    RESOLVE(PQfinish)
    RESOLVE(PQexecParams)
    RESOLVE(PQexec)
    RESOLVE(PQclear)
    RESOLVE(PQresultStatus)
    RESOLVE(PQresultErrorField)
    RESOLVE(PQreset)
    RESOLVE(PQsetNoticeProcessor)
    RESOLVE(PQnfields)
    RESOLVE(PQfname)
    RESOLVE(PQntuples)
    RESOLVE(PQgetisnull)
    RESOLVE(PQgetvalue)
    RESOLVE(PQcmdTuples)
    RESOLVE(PQconnectdbParams)
    RESOLVE(PQsendQueryParams)
    RESOLVE(PQsendQuery)
    RESOLVE(PQgetResult)
    RESOLVE(PQconsumeInput)
    RESOLVE(PQisBusy)
    RESOLVE(PQsocket)
    RESOLVE(PQsetNoticeReceiver)
    RESOLVE(PQhost)
    RESOLVE(PQport)
#undef RESOLVE
    if (keep) *out = f;
    else dlclose(lib);
    return 0;
}

static void load(void) {
    // The soname, as the package installs it (libpq5); libpq.so without the number comes only with libpq-dev.
    loaded = open_libpq("libpq.so.5", &portal_pq, problem, sizeof problem, 1) == 0;
}

const char *portal_pq_probe(const char *soname, char *why, size_t n) {
    struct portal_pq_functions f;
    return open_libpq(soname, &f, why, n, 0) == 0 ? NULL : why;
}

const char *portal_pq_load(void) {
    pthread_once(&once, load);
    return loaded ? NULL : problem;
}
