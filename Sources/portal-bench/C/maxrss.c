/* Runs a command and prints its peak resident memory in KiB (ru_maxrss), its output sent to /dev/null.
   A helper of its own because a child that posix_spawn starts shares its parent's memory until it execs, and
   Linux keeps that memory's high-water mark in the child's ru_maxrss: measured from portal-bench directly, the
   figure was portal-bench's own size. Forked from this small program, the child starts from this program's.
   Usage: maxrss command args...  (exit 1: it could not be run or did not exit 0) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: maxrss command args...\n"); return 1; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) { dup2(null, 1); close(null); }
        execv(argv[1], argv + 1);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 1; }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "maxrss: %s exited with %d\n", argv[1], status); return 1; }
    printf("%ld\n", usage.ru_maxrss);
    return 0;
}
