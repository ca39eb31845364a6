import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the runtime's store calls run (`StoreWorker`).
public enum StoreCalls: Sendable {
    /// At once, on the caller's thread: for scripts and tests that want each call done before the next line.
    case inline
    /// On one worker thread, off the key loop: for a terminal.
    case background
}

/// Runs the runtime's store calls. Over the network a save or a read can take seconds, and the key
/// loop must not wait for it: `.background` runs every call on ONE serial queue (so writes keep their order
/// and never overlap), keeps what each call answered in an inbox, and makes `wakeDescriptor` readable so the
/// terminal's loop, polling it beside the keyboard, wakes up and collects the answers (`takeResults`).
/// `.inline` runs each call at once on the caller's thread: the same code path, for scripted use (the
/// benchmark, screen tests) where waiting is what is wanted.
final class StoreWorker<Result: Sendable>: @unchecked Sendable {
    typealias Mode = StoreCalls

    let mode: Mode
    private let queue: DispatchQueue?
    private let lock = NSLock()
    private var inbox: [Result] = []
    /// Calls submitted and not yet collected (running, queued, or answered and waiting in the inbox).
    private var outstanding = 0
    /// The pipe the worker writes a byte into after each answer: [read end, write end]. Both non-blocking.
    private var wake: [Int32] = [-1, -1]

    init(_ mode: Mode) {
        self.mode = mode
        if mode == .background {
            queue = DispatchQueue(label: "portal.store", qos: .userInitiated)
            if pipe(&wake) == 0 {
                for fd in wake {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // never inherited by a program the portal starts
                }
            } else {
                wake = [-1, -1]
            }
        } else {
            queue = nil
        }
    }

    deinit {
        for fd in wake where fd >= 0 { close(fd) }
    }

    /// Readable whenever an answer waits in the inbox; nil for `.inline` (answers are there at once).
    var wakeDescriptor: Int32? { wake[0] >= 0 ? wake[0] : nil }

    /// Calls submitted whose answers have not been collected yet.
    var pending: Int { lock.withLock { outstanding } }

    /// Runs `call` after every call submitted before it; its answer goes to the inbox.
    func submit(_ call: @escaping @Sendable () -> Result) {
        lock.withLock { outstanding += 1 }
        guard let queue else { return deliver(call()) }
        queue.async { [self] in deliver(call()) }
    }

    private func deliver(_ result: Result) {
        lock.withLock { inbox.append(result) }
        if wake[1] >= 0 {
            var byte: UInt8 = 1
            _ = write(wake[1], &byte, 1)  // a full pipe already means "wake up": a lost byte is fine
        }
    }

    /// The answers that arrived, oldest first, and empties the wake-up pipe.
    func takeResults() -> [Result] {
        if wake[0] >= 0 {
            var bytes = [UInt8](repeating: 0, count: 64)
            while read(wake[0], &bytes, bytes.count) > 0 {}
        }
        return lock.withLock {
            let taken = inbox
            inbox = []
            outstanding -= taken.count
            return taken
        }
    }

    /// Waits until every call submitted so far has answered (they stay in the inbox for `takeResults`), at
    /// most until `deadline`. True when they all answered.
    @discardableResult
    func waitForAll(until deadline: DispatchTime = .distantFuture) -> Bool {
        guard let queue else { return true }
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        return done.wait(timeout: deadline) == .success
    }
}
