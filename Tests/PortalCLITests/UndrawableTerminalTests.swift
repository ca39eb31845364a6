import Foundation
import XCTest

/// The full-screen portal on terminals it cannot draw on, started in a real pty (tmux): a message naming the
/// problem on stderr, exit status 1, nothing drawn and no database made; the commands still work there.
final class UndrawableTerminalTests: XCTestCase {
    private var socket = ""
    private var portal: PortalRunner!
    private var runs = 0

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            XCTFail("tmux is needed for the end-to-end tests; `make test` installs it.")
            throw XCTSkip("no tmux")
        }
        portal = try PortalRunner(self)
        socket = "portal-term-\(getpid())-\(UUID().uuidString.prefix(8))"
        let name = socket
        addTeardownBlock { killTmuxServer(name) }   // runs before the runner removes its folder
    }

    private struct Outcome {
        var status: String
        var stderr: String
        var stdout: String
        var screen: String
    }

    /// Runs `args` in a `width`×`height` pane with `TERM=term` (nil: unset), stdout to the pane, stderr
    /// (and, with `captureStdout`, stdout) to files, and waits for it to end.
    private func runInPane(_ args: [String] = [], term: String?, width: Int = 80, height: Int = 24,
                           extraEnv: [String: String] = [:], captureStdout: Bool = false) throws -> Outcome {
        // A server of its own for each run: a new session on a server still shutting down can fail.
        runs += 1
        let socket = "\(self.socket)-\(runs)"
        addTeardownBlock { killTmuxServer(socket) }
        let folder = portal.folder
        let status = folder.appendingPathComponent("status"), err = folder.appendingPathComponent("stderr")
        let out = folder.appendingPathComponent("stdout")
        for file in [status, err, out] { try? FileManager.default.removeItem(at: file) }
        var vars = ["LC_ALL": "C.UTF-8", "PORTAL_DB": portal.db.path, "PORTAL_TODAY": portal.today, "HOME": folder.path]
        vars.merge(extraEnv) { $1 }
        if let term { vars["TERM"] = term }
        let assignments = vars.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let command = "env \(term == nil ? "-u TERM " : "")\(assignments) '\(PortalRunner.binary.path)' "
            + args.map { "'\($0)'" }.joined(separator: " ")
            + (captureStdout ? " > '\(out.path)'" : "") + " 2> '\(err.path)'; echo $? > '\(status.path)'"
        _ = try spawnAndWait(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
                              "-x", "\(width)", "-y", "\(height)", command, ";", "set-option", "-w", "remain-on-exit", "on"],
                             outputTo: folder)
        var code = "still running"
        for _ in 0..<100 {
            if let text = try? String(contentsOf: status, encoding: .utf8), text.hasSuffix("\n") {
                code = "exit " + text.trimmingCharacters(in: .whitespacesAndNewlines)
                break
            }
            usleep(50_000)
        }
        let screen = try spawnAndWait(["/usr/bin/tmux", "-L", socket, "capture-pane", "-p", "-t", "0"], outputTo: folder)
        killTmuxServer(socket)
        return Outcome(status: code, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "", screen: screen)
    }

    private func assertRefused(_ outcome: Outcome, naming words: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.status, "exit 1", outcome.stderr, file: file, line: line)
        for word in words {
            XCTAssertTrue(outcome.stderr.contains(word), "“\(word)” not in: \(outcome.stderr)", file: file, line: line)
        }
        XCTAssertTrue(outcome.stderr.contains("`portal today`"), "says the commands still work: \(outcome.stderr)", file: file, line: line)
        // remain-on-exit leaves tmux's own "Pane is dead" line; nothing else may be on the screen.
        let drawn = outcome.screen.split(separator: "\n").filter { !$0.hasPrefix("Pane is dead") && !$0.allSatisfy(\.isWhitespace) }
        XCTAssertEqual(drawn, [], "nothing was drawn", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: portal.db.path), "no database was made", file: file, line: line)
    }

    func testDumbTerminalIsRefusedWithAMessage() throws {
        assertRefused(try runInPane(term: "dumb"), naming: ["TERM=dumb", "cannot draw a full screen"])
    }

    func testUnsetTermIsRefused() throws {
        assertRefused(try runInPane(term: nil), naming: ["TERM is not set"])
        assertRefused(try runInPane(term: ""), naming: ["TERM is not set"])
    }

    func testTerminalTypeUnknownToTerminfoIsRefused() throws {
        assertRefused(try runInPane(term: "no-such-terminal"), naming: ["'no-such-terminal'", "not known"])
    }

    func testTerminalWithoutCursorAddressingIsRefused() throws {
        // A terminal type of our own that can ring and return but not move the cursor.
        let source = portal.folder.appendingPathComponent("nocup.src")
        try "nocup|a terminal that cannot move the cursor,\n\tcols#80, lines#24,\n\tbel=^G, cr=\\r, cud1=\\n,\n"
            .write(to: source, atomically: true, encoding: .utf8)
        let database = portal.folder.appendingPathComponent("terminfo")
        _ = try spawnAndWait(["/usr/bin/tic", "-o", database.path, source.path], outputTo: portal.folder)
        assertRefused(try runInPane(term: "nocup", extraEnv: ["TERMINFO": database.path]),
                      naming: ["'nocup'", "cannot move the cursor"])
    }

    func testAWindowBelowTheMinimumAtStartIsRefused() throws {
        assertRefused(try runInPane(term: "tmux-256color", width: 50, height: 12), naming: ["50×12", "at least 60×18"])
        assertRefused(try runInPane(term: "tmux-256color", width: 80, height: 17), naming: ["80×17", "at least 60×18"])
    }

    func testTheMinimumWindowItselfIsAccepted() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        // The portal starts and keeps running; q quits it.
        let folder = portal.folder
        let status = folder.appendingPathComponent("status")
        let command = "env LC_ALL=C.UTF-8 TERM=tmux-256color PORTAL_DB='\(portal.db.path)' PORTAL_TODAY=\(portal.today) HOME='\(folder.path)' '\(PortalRunner.binary.path)'; echo $? > '\(status.path)'"
        _ = try spawnAndWait(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "60", "-y", "18", command],
                             outputTo: folder)
        var screen = ""
        for _ in 0..<100 where !screen.contains("Pain today") {
            usleep(50_000)
            screen = try spawnAndWait(["/usr/bin/tmux", "-L", socket, "capture-pane", "-p", "-t", "0"], outputTo: folder)
        }
        XCTAssertTrue(screen.contains("Pain today"), screen)
        _ = try spawnAndWait(["/usr/bin/tmux", "-L", socket, "send-keys", "-t", "0", "q"], outputTo: folder)
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: status.path) { usleep(50_000) }
        XCTAssertEqual(try String(contentsOf: status, encoding: .utf8), "0\n")
    }

    func testATerminalTypeHoldingControlCharactersIsNeverEchoedRaw() throws {
        // A TERM that would retitle the window and ring the bell if printed as it is.
        let outcome = try runInPane(term: "xterm\u{1B}]0;pwned\u{07}\u{1B}[2J")
        XCTAssertEqual(outcome.status, "exit 1", outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("'xterm?]0;pwned??[2J'"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character: \(outcome.stderr.debugDescription)")
        // The same over ssh, where the client sets TERM.
        let ssh = try runInPane(term: "xterm\u{1B}]0;pwned\u{07}", extraEnv: ["SSH_CONNECTION": "127.0.0.1 50000 127.0.0.1 22"])
        XCTAssertEqual(ssh.status, "exit 1", ssh.stderr)
        XCTAssertTrue(ssh.stderr.contains("(xterm?]0;pwned?)"), ssh.stderr)
        XCTAssertFalse(ssh.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, ssh.stderr.debugDescription)
    }

    func testOverSSHTheAdviceIsWhatSheCanDoOnHerOwnComputer() throws {
        let ssh = ["SSH_CONNECTION": "127.0.0.1 50000 127.0.0.1 22", "SSH_CLIENT": "127.0.0.1 50000 22"]
        for (term, problem) in [("dumb", "TERM=dumb"), (nil, "TERM is not set"), ("no-such-terminal", "(no-such-terminal)")] {
            let outcome = try runInPane(term: term, extraEnv: ssh)
            XCTAssertEqual(outcome.status, "exit 1", outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains(problem), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("On your own computer, connect again"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("TERM=xterm-256color ssh -t"), outcome.stderr)
            // Nothing she cannot do from an ssh login: no command of the portal's, no running it in a window here.
            for word in ["`portal", "portal --help", "Run the portal", "Set TERM to"] {
                XCTAssertFalse(outcome.stderr.contains(word), "“\(word)” in: \(outcome.stderr)")
            }
        }
        let small = try runInPane(term: "tmux-256color", width: 50, height: 12, extraEnv: ssh)
        XCTAssertEqual(small.status, "exit 1", small.stderr)
        XCTAssertTrue(small.stderr.contains("Your window is 50×12; the portal needs at least 60×18. Make the window larger and connect again."),
                      small.stderr)
        XCTAssertFalse(small.stderr.contains("`portal"), small.stderr)
    }

    func testTheCommandsStillWorkOnADumbTerminal() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let today = try runInPane(["today"], term: "dumb", captureStdout: true)
        XCTAssertEqual(today.status, "exit 0", today.stderr)
        XCTAssertTrue(today.stdout.contains("Jordan Lee"), today.stdout)
        let log = try runInPane(["log", "4"], term: nil, captureStdout: true)
        XCTAssertEqual(log.status, "exit 0", log.stderr)
        XCTAssertTrue(try portal.painCSV().contains(",4,"))
    }
}
