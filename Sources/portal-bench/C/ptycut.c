/* Drives one ssh session in a pseudo-terminal of 80x24 for the clinic benchmark, then cuts it.
   Usage: ptycut TIMEOUT_SECONDS STEP... -- command args...
   Steps, in order:  w:TEXT  wait until TEXT appears in the output (after what earlier waits matched)
                     s:TEXT  type TEXT
                     r       print "ready" on stdout, then wait for a line (or EOF) on stdin
                     k       cut by killing the client with SIGKILL (its connection drops without a goodbye)
                     h       cut by closing the terminal (the client gets SIGHUP, as when a window closes)
   Exit 0 after the cut; 2 when a wait timed out (the output so far goes to stderr). */
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

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static size_t cap = 1 << 22, len = 0, matched = 0;
static char *seen;

/* Reads what the session printed (up to wait_ms), so it never blocks on a full terminal. */
static int drain(int fd, int wait_ms) {
    struct pollfd p = { fd, POLLIN, 0 };
    if (poll(&p, 1, wait_ms) <= 0) return 0;
    if (len + 4096 >= cap) { memmove(seen, seen + len / 2, len - len / 2); matched = matched > len / 2 ? matched - len / 2 : 0; len -= len / 2; }
    ssize_t n = read(fd, seen + len, cap - len - 1);
    if (n <= 0) return -1;
    len += (size_t)n;
    return 1;
}

static void finish(pid_t pid, int master, int hang_up) {
    int status;
    if (hang_up) close(master); else { kill(pid, SIGKILL); close(master); }
    for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; i++) usleep(20000);
    if (waitpid(pid, &status, WNOHANG) == 0) { kill(pid, SIGKILL); waitpid(pid, &status, 0); }
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: ptycut TIMEOUT STEP... -- cmd args...\n"); return 64; }
    int timeout = atoi(argv[1]), sep = 0;
    for (int i = 2; i < argc; i++) if (strcmp(argv[i], "--") == 0) { sep = i; break; }
    if (!sep || sep + 1 >= argc) { fprintf(stderr, "ptycut: no command after --\n"); return 64; }
    seen = malloc(cap);
    struct winsize ws = { 24, 80, 0, 0 };
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) { perror("forkpty"); return 1; }
    if (pid == 0) { execvp(argv[sep + 1], argv + sep + 1); _exit(127); }
    long long deadline = now_ms() + (long long)timeout * 1000;
    for (int i = 2; i < sep; i++) {
        const char *step = argv[i];
        if (strncmp(step, "w:", 2) == 0) {
            const char *text = step + 2;
            char *hit = NULL;
            while (!(hit = memmem(seen + matched, len - matched, text, strlen(text)))) {
                if (now_ms() > deadline || drain(master, 50) < 0) {
                    seen[len] = 0;
                    fprintf(stderr, "ptycut: \"%s\" never appeared; the session printed:\n%s\n", text, seen);
                    finish(pid, master, 0);
                    return 2;
                }
            }
            matched = (size_t)(hit - seen) + strlen(text);
        } else if (strncmp(step, "s:", 2) == 0) {
            if (write(master, step + 2, strlen(step + 2)) < 0) { finish(pid, master, 0); return 2; }
            drain(master, 100);
        } else if (strcmp(step, "r") == 0) {
            printf("ready\n");
            fflush(stdout);
            for (;;) {
                struct pollfd p[2] = { { 0, POLLIN, 0 }, { master, POLLIN, 0 } };
                if (poll(p, 2, 1000) < 0) continue;
                if (p[0].revents) break;
                if (p[1].revents && drain(master, 0) < 0) { fprintf(stderr, "ptycut: the session ended before the cut\n"); return 2; }
            }
        } else if (strcmp(step, "k") == 0 || strcmp(step, "h") == 0) {
            finish(pid, master, step[0] == 'h');
            return 0;
        }
    }
    finish(pid, master, 0);
    return 0;
}
