#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// What ended a wait for the keyboard or a wake-up descriptor.
    struct WaitResult {
        /// `wake` became readable (the store's worker answered).
        var woken = false
    }

    /// Waits up to `timeoutMilliseconds` until a key may be waiting, `wake` is readable, or a signal
    /// arrives (poll is never restarted after one, so SIGWINCH and the stop signals end the wait). The
    /// caller then reads keys without waiting: ncurses reads input a byte at a time, so once a read has come
    /// back empty nothing typed is hidden in its buffer, and the keyboard's descriptor tells the truth. A
    /// hung-up terminal reports POLLHUP, which ends the wait at once; the empty read after it says so.
    func wait(timeoutMilliseconds: Int, wake: Int32) -> WaitResult {
        var fds = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        // A stop signal ends the wait too (the loop then finds it pending).
        if let stop = StopSignals.descriptor { fds.append(pollfd(fd: stop, events: Int16(POLLIN), revents: 0)) }
        guard poll(&fds, nfds_t(fds.count), Int32(clamping: timeoutMilliseconds)) > 0 else { return WaitResult() }
        return WaitResult(woken: fds[1].revents & Int16(POLLIN) != 0)
    }
}
