import Foundation

/// Everything the clinic benchmark creates (servers, Unix users and group, folders) is undone here, whatever
/// happens: at the normal end, at exit(1) from a failed check (atexit), and on SIGINT, SIGTERM or SIGHUP (a
/// dispatch source, so the undoing runs on an ordinary thread rather than inside a signal handler). Undo steps
/// run last-in first-out, once; the child processes still running are killed before them.
enum ClinicCleanup {
    private static let lock = NSLock()
    /// Held while the undo steps run (they spawn programs, which take `lock`).
    private static let running = NSLock()
    nonisolated(unsafe) private static var steps: [(String, () -> Void)] = []
    nonisolated(unsafe) private static var children: Set<pid_t> = []
    nonisolated(unsafe) private static var done = false
    nonisolated(unsafe) static var signalPipe: Int32 = -1

    /// Installs the exit and signal hooks; call once, before creating anything. The signal handler only writes
    /// the signal's number to a pipe; a thread of its own reads it and does the undoing, outside the handler.
    static func install() {
        atexit { ClinicCleanup.runAll() }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipe = fds[1]
        let reader = fds[0]
        Thread.detachNewThread {
            var sig: UInt8 = 0
            while read(reader, &sig, 1) != 1 {}
            FileHandle.standardError.write(Data("\nportal-bench: stopped by signal \(sig); removing what the benchmark made…\n".utf8))
            runAll()
            _exit(128 + Int32(sig))
        }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                var byte = UInt8(truncatingIfNeeded: s)
                _ = write(ClinicCleanup.signalPipe, &byte, 1)
            }
        }
    }

    /// Adds an undo step (named for the message when it is slow).
    static func add(_ name: String, _ step: @escaping () -> Void) {
        lock.withLock { steps.append((name, step)) }
    }

    static func track(_ pid: pid_t) { _ = lock.withLock { children.insert(pid) } }
    static func untrack(_ pid: pid_t) { _ = lock.withLock { children.remove(pid) } }

    /// Kills the children still running, then runs every undo step, newest first. Safe to call twice and
    /// from two threads: the second caller waits for the first.
    static func runAll() {
        running.lock()
        defer { running.unlock() }
        let (pids, undo) = lock.withLock { () -> ([pid_t], [(String, () -> Void)]) in
            defer { done = true; steps.removeAll() }
            return done ? ([], []) : (Array(children), steps)
        }
        for pid in pids { kill(pid, SIGKILL) }
        for pid in pids { var s: Int32 = 0; waitpid(pid, &s, 0); untrack(pid) }
        for (_, step) in undo.reversed() { step() }
    }
}
