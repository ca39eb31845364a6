import CNCursesW
import Foundation
import GRDB

/// `portal-bench floor PATH`: the least a program on the portal's stack can do to show something from the
/// database: Swift with Foundation, GRDB opening the same file, one query, ncurses painting one line. The
/// portal's first complete Home is compared with it (and with the C floor, `C/floor.c`).
enum Floor {
    static let marker = "floor ready"

    static func run(path: String) -> Never {
        let count: Int
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pain_entry") ?? 0 }
        } catch {
            FileHandle.standardError.write(Data("floor: \(error)\n".utf8))
            exit(1)
        }
        // q, or SIGTERM, ends it through exit(), so valgrind can write its totals.
        signal(SIGTERM) { _ in endwin(); exit(0) }
        setlocale(LC_ALL, "")
        initscr()
        move(0, 0)
        addstr("\(marker): \(count) pain entries")
        refresh()
        while getch() != Int32(UInt8(ascii: "q")) {}
        endwin()
        exit(0)
    }
}
