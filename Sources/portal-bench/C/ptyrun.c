/* Runs a command in a pseudo-terminal of 80x24 and reports, on one line:
   nanoseconds from fork to the first time MARKER appears in its output, its VmHWM in KiB at that moment,
   and (when IDLE > 0) the CPU nanoseconds all its threads used over the next IDLE seconds; IDLE written
   SETTLE+IDLE (5+10) lets SETTLE seconds pass first, so what a start does once after its first frame is left out.
   Usage: ptyrun MARKER IDLE_SECONDS TIMEOUT_SECONDS command args...  (exit 2: the marker never came) */
#define _GNU_SOURCE
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long hwm_kib(pid_t pid) {
    char path[64], line[256];
    long kib = -1;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kib = atol(line + 6);
    fclose(f);
    return kib;
}

/* CPU time of the whole process, every thread it ran since it started included (a thread that has ended
   too: the portal's integrity check runs on a thread of its own after the first paint and ends; summing
   /proc/PID/task/<tid>/schedstat, as this did before, lost such a thread's time once it ended), in nanoseconds
   from the kernel's process CPU clock. */
static long long cpu_ns(pid_t pid) {
    clockid_t id;
    struct timespec t;
    if (clock_getcpuclockid(pid, &id) != 0 || clock_gettime(id, &t) != 0) return -1;
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Reads what is waiting (up to wait_ms), so the child never blocks writing to a full pty. */
static ssize_t drain(int fd, char *buf, size_t cap, int wait_ms) {
    struct pollfd p = { fd, POLLIN, 0 };
    if (poll(&p, 1, wait_ms) <= 0) return 0;
    return read(fd, buf, cap);
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: ptyrun MARKER IDLE TIMEOUT cmd args...\n"); return 64; }
    const char *marker = argv[1];
    int idle = atoi(argv[2]), timeout = atoi(argv[3]), settle = 0;
    const char *plus = strchr(argv[2], '+');
    if (plus) { settle = idle; idle = atoi(plus + 1); }
    struct winsize ws = { 24, 80, 0, 0 };
    int master;
    long long start = now_ns();
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) { perror("forkpty"); return 1; }
    if (pid == 0) { execvp(argv[4], argv + 4); _exit(127); }

    size_t cap = 1 << 22, len = 0, mlen = strlen(marker);
    char *seen = malloc(cap);
    long long found = -1;
    while (found < 0 && now_ns() - start < (long long)timeout * 1000000000LL) {
        ssize_t n = drain(master, seen + len, cap - len - 1, 50);
        if (n < 0) break;                      /* the child closed the pty */
        len += (size_t)n;
        if (len + 1 >= cap) len = 0;
        size_t from = len > (size_t)n + mlen ? len - (size_t)n - mlen : 0;
        if (memmem(seen + from, len - from, marker, mlen)) found = now_ns() - start;
    }
    long hwm = hwm_kib(pid);
    long long used = -1;
    if (found >= 0 && idle > 0) {
        char sink[4096];
        long long s0 = now_ns();
        while (now_ns() - s0 < (long long)settle * 1000000000LL) drain(master, sink, sizeof sink, 100);
        long long t0 = now_ns(), c0 = cpu_ns(pid);
        while (now_ns() - t0 < (long long)idle * 1000000000LL) drain(master, sink, sizeof sink, 100);
        used = cpu_ns(pid) - c0;
    }
    /* q quits the portal's Home (and the floors); SIGTERM only if it did not. */
    char sink[4096];
    int status = 0;
    if (write(master, "q", 1) != 1) kill(pid, SIGTERM);
    for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; i++) drain(master, sink, sizeof sink, 100);
    if (waitpid(pid, &status, WNOHANG) == 0) kill(pid, SIGTERM);
    for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG) == 0; i++) drain(master, sink, sizeof sink, 100);
    if (waitpid(pid, &status, WNOHANG) == 0) { kill(pid, SIGKILL); waitpid(pid, &status, 0); }
    close(master);
    if (found < 0) {
        seen[len] = 0;
        fprintf(stderr, "ptyrun: \"%s\" never appeared\n", marker);
        return 2;
    }
    printf("%lld %ld %lld\n", found, hwm, used);
    return 0;
}
