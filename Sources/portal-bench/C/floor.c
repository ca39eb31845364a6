/* The C floor: what a terminal program costs at the least. ncurses starts, paints one line and waits;
   q (or SIGTERM) ends it through exit() so valgrind can write its totals. */
#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <locale.h>

static void stop(int sig) { (void)sig; endwin(); exit(0); }

int main(void) {
    setlocale(LC_ALL, "");
    signal(SIGTERM, stop);
    initscr();
    mvaddstr(0, 0, "floor ready");
    refresh();
    while (getch() != 'q') {}
    endwin();
    return 0;
}
