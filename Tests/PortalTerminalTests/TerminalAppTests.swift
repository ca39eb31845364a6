import CNCursesW
import PortalUI
import Foundation
import XCTest
@testable import PortalTerminal

#if canImport(Glibc)
import Glibc
#endif

/// The run loop on a headless screen whose "keyboard" is a file of bytes.
final class TerminalAppTests: XCTestCase {
    private var files: [UnsafeMutablePointer<FILE>] = []

    override func setUp() {
        super.setUp()
        XCTAssertNotNil(setlocale(LC_ALL, "C.UTF-8"))
    }

    override func tearDown() {
        files.forEach { fclose($0) }
        files = []
        super.tearDown()
    }

    /// A terminal whose input is `typed` (UTF-8 bytes, as a terminal would send them).
    private func makeTerminal(typed: String = "", handleSignals: Bool = false) throws -> Terminal {
        var template = Array("/tmp/portal-keys-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        XCTAssertGreaterThanOrEqual(fd, 0)
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        _ = typed.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        lseek(fd, 0, SEEK_SET)
        let input = fdopen(fd, "r")!
        let output = fopen("/dev/null", "w")!
        files += [input, output]
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: input,
                                    handleSignals: handleSignals)
        terminal.resize(to: Size(width: 80, height: 24))
        return terminal
    }

    func testKeysReachHandleUntilItReturnsFalse() throws {
        let terminal = try makeTerminal(typed: "jé中\u{1B}OAq")
        var keys: [Key] = []
        var renders = 0
        let reason = runLoop(terminal: terminal,
                             render: { size in renders += 1; return Buffer(size: size) },
                             handle: { key in keys.append(key); return key != .character("q") })
        // resizeterm (in makeTerminal) queues a KEY_RESIZE, as a real resize does.
        XCTAssertEqual(keys.first, .resize)
        keys.removeFirst()
        XCTAssertEqual(reason, .quit)
        XCTAssertEqual(reason.exitCode, 0)
        XCTAssertEqual(keys, [.character("j"), .character("é"), .character("中"), .up, .character("q")])
        XCTAssertGreaterThanOrEqual(renders, 1)
        XCTAssertFalse(terminal.isActive)
    }

    func testKeysAlreadyWaitingAreMarkedAsABurst() throws {
        // Everything in the file is waiting at once, like a paste: the first key of the batch is not part
        // of a burst, the ones read straight after it are.
        let terminal = try makeTerminal(typed: "ab\rq")
        var marks: [(Key, Bool)] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { key in
            marks.append((key, terminal.keyArrivedInBurst))
            return key != .character("q")
        })
        XCTAssertEqual(marks.map(\.0), [.resize, .character("a"), .character("b"), .enter, .character("q")])
        XCTAssertEqual(marks.map(\.1), [false, true, true, true, true])
    }

    func testCtrlCAsAKeyInterrupts() throws {
        let terminal = try makeTerminal(typed: "a\u{03}b")
        var keys: [Key] = []
        let reason = runLoop(terminal: terminal, render: { Buffer(size: $0) },
                             handle: { keys.append($0); return true })
        keys.removeAll { $0 == .resize }
        XCTAssertEqual(reason, .interrupted)
        XCTAssertEqual(reason.exitCode, 130)
        XCTAssertEqual(keys, [.character("a")])
        XCTAssertFalse(terminal.isActive)
    }

    func testSIGTERMStopsTheLoopAndPutsTheOldHandlerBack() throws {
        var before = sigaction()
        sigaction(SIGTERM, nil, &before)
        let terminal = try makeTerminal(handleSignals: true)
        var sizes: [Size] = []
        var ticks = 0
        let reason = runLoop(
            terminal: terminal,
            render: { size in sizes.append(size); return Buffer(size: size) },
            handle: { _ in true },
            tick: {
                ticks += 1
                if ticks == 2 { raise(SIGTERM) }    // only sets the flag: the handler is ours
                return true
            },
            tickInterval: .milliseconds(20))
        XCTAssertEqual(reason, .signal(SIGTERM))
        XCTAssertEqual(reason.exitCode, 143)
        XCTAssertEqual(ticks, 2)
        XCTAssertEqual(sizes.first, Size(width: 80, height: 24))
        XCTAssertFalse(terminal.isActive)
        XCTAssertNil(StopSignals.pending)
        var after = sigaction()
        sigaction(SIGTERM, nil, &after)
        XCTAssertEqual(unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self),
                       unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
    }

    func testAStopSignalEndsAnIdleWaitAtOnce() throws {
        // An idle loop waits up to a second for a key; a stop signal must end the wait then and there, not at the
        // next second, also when another thread than the loop's takes it (the handler makes
        // `StopSignals.descriptor` readable): here a thread of its own (Dispatch's threads block these signals).
        var keyboard: [Int32] = [0, 0], wake: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&keyboard), 0)
        XCTAssertEqual(pipe(&wake), 0)
        defer { close(keyboard[1]); close(wake[0]); close(wake[1]) }
        let input = fdopen(keyboard[0], "r")!
        let output = fopen("/dev/null", "w")!
        files += [input, output]
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: input, handleSignals: true)
        terminal.resize(to: Size(width: 80, height: 24))
        final class Moment: @unchecked Sendable {
            private let lock = NSLock()
            private var value: ContinuousClock.Instant?
            func set() { lock.withLock { value = .now } }
            var instant: ContinuousClock.Instant? { lock.withLock { value } }
        }
        let sent = Moment()
        var ticks = 0
        let reason = runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { _ in true },
                             tick: {
                                 ticks += 1
                                 if ticks > 5 { raise(SIGTERM) }  // never wait long: the assertions below say what went wrong
                                 if ticks == 1 {
                                     // In the middle of the next one-second wait, from another thread.
                                     Thread.detachNewThread {
                                         usleep(300_000)
                                         sent.set()
                                         pthread_kill(pthread_self(), SIGTERM)  // this thread, not the loop's
                                     }
                                 }
                                 return false
                             },
                             ticksQuickly: { false }, wake: wake[0])
        let stopped = ContinuousClock.now
        XCTAssertEqual(reason, .signal(SIGTERM))
        XCTAssertEqual(ticks, 1, "no tick came between the signal and the stop")
        let waited = try XCTUnwrap(sent.instant).duration(to: stopped)
        XCTAssertLessThan(waited, .milliseconds(500), "the wait ended at the signal, not at the next second")
    }

    func testAClosedInputEndsTheLoopAsAHangUp() throws {
        // A pipe whose writer has gone reports POLLHUP, as a pty does when its terminal closes: every read
        // then fails at once, and the loop must end instead of spinning.
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        _ = "ab".utf8CString.withUnsafeBufferPointer { write(ends[1], $0.baseAddress, 2) }
        close(ends[1])
        let input = fdopen(ends[0], "r")!
        let output = fopen("/dev/null", "w")!
        files += [input, output]
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: input)
        var keys: [Key] = []
        let started = ContinuousClock.now
        let reason = runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true })
        XCTAssertEqual(reason, .hangUp)
        XCTAssertEqual(reason.exitCode, 129, "the SIGHUP convention")
        XCTAssertEqual(keys.filter { $0 != .resize }, [.character("a"), .character("b")], "keys typed before it went are handled")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
        XCTAssertFalse(terminal.isActive)
    }

    func testAnOpenInputThatIsQuietIsNotAHangUp() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[1]) }
        let input = fdopen(ends[0], "r")!
        let output = fopen("/dev/null", "w")!
        files += [input, output]
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: input)
        var ticks = 0
        let reason = runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { $0 != .character("q") },
                             tick: { ticks += 1; if ticks == 3 { _ = write(ends[1], "q", 1) }; return false },
                             tickInterval: .milliseconds(20))
        XCTAssertEqual(reason, .quit, "ends only when handle says so")
        XCTAssertFalse(terminal.hungUp)
    }

    /// The store's worker wakes the loop through a descriptor polled beside the keyboard: `woken` runs and
    /// the screen is drawn again; ticks that changed nothing draw nothing; `finished` ends the loop.
    func testAWakeUpIsHandledAndOnlyChangesAreDrawn() throws {
        var input: [Int32] = [0, 0], wake: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&input), 0)
        XCTAssertEqual(pipe(&wake), 0)
        defer { [input[1], wake[0], wake[1]].forEach { close($0) } }
        let (keyboard, output) = (fdopen(input[0], "r")!, fopen("/dev/null", "w")!)
        files += [keyboard, output]
        let terminal = try Terminal(terminalType: "xterm-256color", output: output, input: keyboard)
        var renders = 0, ticks = 0, wakes = 0, rendersAtWake = 0
        let reason = runLoop(
            terminal: terminal, render: { renders += 1; return Buffer(size: $0) }, handle: { _ in true },
            tick: {
                ticks += 1
                if ticks == 3 { _ = write(wake[1], "x", 1) }
                return false
            },
            tickInterval: .milliseconds(10), wake: wake[0],
            woken: {
                var byte: UInt8 = 0
                _ = read(wake[0], &byte, 1)
                wakes += 1
                rendersAtWake = renders
                return true
            },
            finished: { ticks >= 8 })
        XCTAssertEqual(reason, .quit)
        XCTAssertEqual(wakes, 1)
        XCTAssertEqual(rendersAtWake, 1, "ticks that changed nothing drew nothing")
        XCTAssertEqual(renders, 2, "the wake-up was drawn, and nothing after it")
    }

    /// A terminal of `type` reading from a pipe that holds `typed` and is then closed (the loop ends as
    /// a hang-up once everything is read).
    private func pipedTerminal(_ typed: String, type: String) throws -> Terminal {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let bytes = Array(typed.utf8)
        _ = bytes.withUnsafeBufferPointer { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        let input = fdopen(ends[0], "r")!
        let output = fopen("/dev/null", "w")!
        files += [input, output]
        return try Terminal(terminalType: type, output: output, input: input)
    }

    func testABracketedPasteArrivesAsOneKeyWithItsText() throws {
        let terminal = try pipedTerminal("a\u{1B}[200~line one\r\nline\ttwo\u{1B}OAx\u{1B}[201~b", type: "xterm-256color")
        XCTAssertTrue(terminal.bracketedPaste, "xterm's terminfo has BE/BD")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        XCTAssertEqual(keys.filter { $0 != .resize },
                       [.character("a"), .paste("line one\nline\ttwox"), .character("b")],
                       "one message, line breaks as \\n, an arrow's escape sequence inside it dropped")
    }

    // Issue 19, point 15: tmux 3.3a passes a pasted `ESC [201~` on as it is, so the text's own end marker came
    // first and the CR after it pressed Enter (the entry was saved). The paste ends at the last end marker.
    func testAnEndMarkerInsideThePastedTextDoesNotEndThePaste() throws {
        let terminal = try pipedTerminal("\u{1B}[200~hello\u{1B}[201~\rworld\u{1B}[201~b", type: "xterm-256color")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        XCTAssertEqual(keys.filter { $0 != .resize }, [.paste("hello\nworld"), .character("b")],
                       "the pasted CR is a line break of the text, never Enter; the key typed after the paste is a key")
    }

    func testBothMarkersInsideThePastedTextStayText() throws {
        let terminal = try pipedTerminal("\u{1B}[200~a\u{1B}[201~\r\u{1B}[200~\rx\u{1B}[201~\u{1B}[201~", type: "xterm-256color")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        XCTAssertEqual(keys.filter { $0 != .resize }, [.paste("a\n\nx")])
    }

    func testWithoutBracketedPasteABurstIntoATextFieldIsOnePaste() throws {
        let terminal = try pipedTerminal("xy\rz\tw\u{1B}OA", type: "vt100")
        XCTAssertFalse(terminal.bracketedPaste, "vt100 has no bracketed paste")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        // The first key is typed; the burst after it is the paste; the arrow in it is dropped.
        XCTAssertEqual(keys.filter { $0 != .resize }, [.character("x"), .paste("y\nz\tw")])
    }

    /// QA M12: on a terminal with bracketed paste, text sent without its markers (`tmux send-keys -l`, an ssh
    /// client that does not pass them on) pressed Enter at its line break: Log pain saved "note a" and kept the
    /// form filled, so the next Enter saved a second entry. A burst into a text field is one paste there too.
    func testWithBracketedPasteAnUnbracketedBurstIntoATextFieldIsOnePaste() throws {
        let terminal = try pipedTerminal("note a\rnote b", type: "xterm-256color")
        XCTAssertTrue(terminal.bracketedPaste, "xterm's terminfo has BE/BD")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        XCTAssertEqual(keys.filter { $0 != .resize }, [.character("n"), .paste("ote a\nnote b")], "no Enter")
    }

    /// A bracketed paste in a burst stays one paste, after what the burst gathered before it; keys after it are keys.
    func testABracketedPasteInsideABurstEndsIt() throws {
        let terminal = try pipedTerminal("abc\u{1B}[200~x\ry\u{1B}[201~\r", type: "xterm-256color")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { true })
        XCTAssertEqual(keys.filter { $0 != .resize }, [.character("a"), .paste("bc"), .paste("x\ny"), .enter])
    }

    func testWithoutBracketedPasteABurstElsewhereIsKeyRepeat() throws {
        let terminal = try pipedTerminal("jjj\u{1B}OBk", type: "vt100")
        var keys: [Key] = []
        runLoop(terminal: terminal, render: { Buffer(size: $0) }, handle: { keys.append($0); return true },
                capturesText: { false })
        XCTAssertEqual(keys.filter { $0 != .resize },
                       [.character("j"), .character("j"), .character("j"), .down, .character("k")])
    }

    func testRunLoopRethrowsAndStillStops() throws {
        struct Boom: Error {}
        let terminal = try makeTerminal()
        XCTAssertThrowsError(try runLoop(terminal: terminal, render: { _ in throw Boom() }, handle: { _ in true }))
        XCTAssertFalse(terminal.isActive)
    }

    func testTrailingClosureCallCompiles() throws {
        let terminal = try makeTerminal(typed: "q")
        let reason = runLoop(terminal: terminal) { size in
            Buffer(size: size)
        } handle: { key in
            key != .character("q")
        }
        XCTAssertEqual(reason, .quit)
    }
}
