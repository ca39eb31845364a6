import Foundation
import XCTest

/// Drives the real binary in a real terminal (tmux), the way a patient uses it.
final class TmuxEndToEndTests: XCTestCase {
    private var socket = ""
    private var portal: PortalRunner!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            XCTFail("tmux is needed for the end-to-end tests; `make test` installs it.")
            throw XCTSkip("no tmux")
        }
        portal = try PortalRunner(self)
        socket = "portal-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        // Registered after the runner's own block, so it runs first (teardown blocks run last-in first-out,
        // and before tearDown()): the server must die whatever happened, and before its folder is removed.
        let name = socket
        addTeardownBlock { killTmuxServer(name) }
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        try spawnAndWait(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + args, outputTo: portal.folder)
    }

    /// How the shells in the pane take a hang-up; both let a shell survive to write the exit status, and
    /// both start the portal with SIGHUP at its default action (a trap, not an ignore, is inherited as that).
    enum Hangup {
        /// The pane's shell runs the portal; nothing special.
        case plain
        /// The session leader dies of the hang-up, as a login shell does, and the kernel then sends SIGHUP to
        /// the portal's process group, possibly after the portal has already seen its terminal go. A second
        /// shell between them catches SIGHUP and writes the exit status.
        case loginShellDies
        /// The session leader catches SIGHUP and lives: no signal reaches the portal at all.
        case noSignalToThePortal
        /// The pane's shell lives through a Ctrl-C sent to the whole foreground group while the terminal is in
        /// its ordinary mode (before the portal's screen), so it writes the portal's exit status.
        case shellSurvivesCtrlC
    }

    private func start(width: Int = 80, height: Int = 24, env: [String: String] = [:], hangup: Hangup = .plain,
                       arguments: [String] = [], waitingFor first: String = "Portal") throws {
        var vars = ["LC_ALL": "C.UTF-8", "TERM": "tmux-256color", "PORTAL_DB": portal.db.path, "PORTAL_TODAY": portal.today,
                    "HOME": portal.folder.path]
        vars.merge(env) { $1 }
        // The shell writes the portal's exit status to a file: tmux does not always record it for a dead pane.
        var command = "env " + vars.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ") + " '\(PortalRunner.binary.path)'"
            + arguments.map { " '\($0)'" }.joined() + "; echo $? > '\(statusFile.path)'"
        switch hangup {
        case .plain: break
        case .loginShellDies:
            command = "sh -c \"trap true HUP; " + command.replacingOccurrences(of: "$", with: "\\$") + "\"; true"
        case .noSignalToThePortal:
            command = "trap true HUP; " + command
        case .shellSurvivesCtrlC:
            command = "trap true INT; " + command
        }
        // remain-on-exit is set in the same tmux command, so the pane outlives the portal even if it quits at once;
        // the test then reads its exit status and whether the terminal left the alternate screen.
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", command, ";",
                  "set-option", "-w", "remain-on-exit", "on"])
        try waitFor(first)
    }

    private func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    private func keys(_ k: String...) throws {
        for key in k {
            try tmux(["send-keys", "-t", "0", key])
            usleep(60_000)
        }
    }

    /// Waits up to fifteen seconds for `text` to appear on the screen: a wait, not a timing (a debug build
    /// on a loaded machine took over five seconds to paint once; the text appears or the test fails).
    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<300 {
            if try screen().contains(text) { return }
            usleep(50_000)
        }
        XCTFail("“\(text)” never appeared. The screen:\n\(try screen())", file: file, line: line)
        throw XCTSkip("stopping this test")
    }

    private var statusFile: URL { portal.folder.appendingPathComponent("exit-status") }

    /// The portal's own process: the pane runs a shell (or two) that runs the portal.
    private func portalPID() throws -> pid_t {
        var pid = try XCTUnwrap(pid_t(try paneValue("#{pane_pid}")))
        for _ in 0..<4 {
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if name.hasPrefix("portal") { return pid }
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            guard let child = children.split(separator: " ").first.flatMap({ pid_t(String($0)) }) else { break }
            pid = child
        }
        XCTFail("no portal process under the pane")
        throw XCTSkip("stopping this test")
    }

    /// Waits up to `seconds` for `pid` to be gone (a zombie waiting for its parent counts as gone: it runs
    /// nothing any more).
    private func processEnds(_ pid: pid_t, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            // The state is the field after the parenthesised command name.
            if let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].hasPrefix(" Z") { return true }
            usleep(50_000)
        }
        return false
    }

    private var walFile: String { portal.db.path + "-wal" }

    /// Waits for the portal to exit and returns "exit N".
    private func exitOfPortal() throws -> String {
        for _ in 0..<100 {
            if let text = try? String(contentsOf: statusFile, encoding: .utf8), text.hasSuffix("\n") {
                return "exit " + text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(50_000)
        }
        return "still running"
    }

    private func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `portal today --brief` printed straight to a 60-column terminal keeps to its width instead of wrapping
    /// (the same line is 65 columns through a pipe).
    func testTheBriefLineKeepsToANarrowTerminal() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        XCTAssertEqual(try portal.run(["visits", "book", "4", "2026-11-29", "06:30"]).status, 0)
        // The re-evaluation's questionnaire filled in, so the line is the one this test was written for.
        XCTAssertEqual(try portal.run(["measure", "psfs", "--activity", "Lifting=3", "--activity", "Walking=4", "--activity", "Sitting=5"]).status, 0)
        let env = ["PORTAL_TODAY": "2026-11-28T07:00"]
        XCTAssertEqual(try portal.run(["today", "--brief"], env: env).stdout, "Log today's pain · 6 of 6 exercises left · visit 4 tomorrow 06:30\n")
        let command = "env LC_ALL=C.UTF-8 TERM=tmux-256color PORTAL_DB='\(portal.db.path)' PORTAL_TODAY=2026-11-28T07:00 '\(PortalRunner.binary.path)'"
            + " today --brief; echo \"status $?\"; sleep 60"  // the server is killed at the end of the test
        try tmux(["new-session", "-d", "-x", "60", "-y", "18", command])
        try waitFor("status 0")
        XCTAssertEqual(try screen().split(separator: "\n").first.map(String.init), "log pain · 6/6 exercises · visit tmrw 06:30")
    }

    func testLogPainMarkAnExerciseDoneQuitAndFindBothInTheExport() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        try waitFor("Pain today")
        // Log pain: l, score 3, Enter saves.
        try keys("l")
        try waitFor("Pain score")
        try keys("3", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab") // to the note
        try tmux(["send-keys", "-t", "0", "-l", "from the tmux test"])
        try keys("Enter")
        try waitFor("Saved: pain 3/10")
        try keys("Escape")
        try waitFor("2 entries today")
        // Exercises: the demo has done the first one today; mark the second.
        try keys("e")
        try waitFor("Week 4")
        try keys("j", "Space")
        try waitFor("Marked done:")
        try keys("Escape")
        try waitFor("2 of 6 done today")
        try keys("q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")

        let export = try portal.run(["export", "--format", "json"])
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let pain = try XCTUnwrap(doc["painEntries"] as? [[String: Any]])
        XCTAssertTrue(pain.contains { $0["score"] as? Int == 3 && $0["note"] as? String == "from the tmux test" && $0["date"] as? String == portal.today })
        let log = try XCTUnwrap(doc["exerciseLog"] as? [[String: Any]])
        XCTAssertEqual(log.filter { $0["date"] as? String == portal.today }.count, 2)
    }

    func testSigtermRestoresTheTerminalAndKeepsWhatWasSaved() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        try keys("l", "7", "Enter")
        try waitFor("Saved: pain 7/10")
        kill(try portalPID(), SIGTERM)
        XCTAssertEqual(try exitOfPortal(), "exit 143", "128 + SIGTERM, after restoring the terminal")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
        XCTAssertFalse(FileManager.default.fileExists(atPath: walFile), "the database was closed: portal.sqlite holds everything")
        XCTAssertTrue(try portal.painCSV().contains(",7,"), "the entry shown as saved is on disk")
    }

    func testSighupLikeClosingTheWindowRestoresTheTerminalAndClosesTheDatabase() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        try keys("l", "6", "Enter")
        try waitFor("Saved: pain 6/10")
        kill(try portalPID(), SIGHUP)
        XCTAssertEqual(try exitOfPortal(), "exit 129", "128 + SIGHUP, after restoring the terminal")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
        XCTAssertFalse(FileManager.default.fileExists(atPath: walFile), "the database was closed: portal.sqlite holds everything")
        XCTAssertTrue(try portal.painCSV().contains(",6,"), "the entry shown as saved is on disk")
    }

    func testATerminalThatGoesAwayWithoutASignalEndsThePortal() throws {
        // Killing the tmux server closes the pty under the portal, as a dropped ssh connection does. The
        // portal must notice and end, not spin on reads that fail at once.
        try assertKillingTheServerEndsThePortal(.noSignalToThePortal)
    }

    func testALateSighupAfterTheTerminalWentAwayDoesNotCutTheClose() throws {
        try assertKillingTheServerEndsThePortal(.loginShellDies)
    }

    private func assertKillingTheServerEndsThePortal(_ hangup: Hangup, line: UInt = #line) throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(hangup: hangup)
        try keys("l", "5", "Enter")
        try waitFor("Saved: pain 5/10")
        let pid = try portalPID()
        try tmux(["kill-server"])
        XCTAssertTrue(processEnds(pid, within: 5), "the portal is still running after its terminal went away", line: line)
        XCTAssertEqual(try exitOfPortal(), "exit 129", "ends as if SIGHUP had said so", line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: walFile), "the database was closed: portal.sqlite holds everything", line: line)
        XCTAssertTrue(try portal.painCSV().contains(",5,"), "the entry shown as saved is on disk", line: line)
    }

    /// What the Swift runtime's crash reporter and failed checks print: a backtrace with source files and
    /// lines, registers, and a debugger prompt. None of it may reach the patient's terminal.
    static let machinery = ["Backtrace", "backtrace", "stack trace", "Crashed", "crashed", ".swift", "lldb", "to debug", "interact",
                            "Fatal error", "Thread 0", "Registers", "0x0"]

    /// The screen with what scrolled above it: everything the terminal was sent after the portal's screen.
    private func screenAndHistory() throws -> String { try tmux(["capture-pane", "-p", "-S", "-100", "-t", "0"]) }

    private func assertNoMachinery(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for word in Self.machinery { XCTAssertFalse(text.contains(word), "“\(word)” on the terminal:\n\(text)", file: file, line: line) }
    }

    func testCtrlBackslashIsAKeyAndSIGQUITStopsCleanlyWithoutABacktrace() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        try keys("l", "7", "Enter")
        try waitFor("Saved: pain 7/10")
        let pid = try portalPID()
        // The full screen makes no signal of a key: Ctrl-\ is not SIGQUIT, which the runtime would answer with
        // its crash reporter. The portal goes on as if nothing was pressed.
        try keys("C-\\", "C-\\")
        usleep(500_000)
        XCTAssertFalse(processEnds(pid, within: 0.2), "the portal is still running")
        try keys("Escape")
        try waitFor("Pain today")
        assertNoMachinery(try screen())
        // SIGQUIT sent from outside is a request to stop, like SIGTERM.
        kill(pid, SIGQUIT)
        XCTAssertEqual(try exitOfPortal(), "exit 131", "128 + SIGQUIT, after restoring the terminal")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
        assertNoMachinery(try screenAndHistory())
        XCTAssertFalse(FileManager.default.fileExists(atPath: walFile), "the database was closed: portal.sqlite holds everything")
        XCTAssertTrue(try portal.painCSV().contains(",7,"), "the entry shown as saved is on disk")
    }

    func testAFailureInsideThePortalShowsOneLineAndNoMachinery() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(env: ["PORTAL_TEST_CRASH": "1"])   // a debug build fails its own check at the first key
        try keys("j")
        let status = try exitOfPortal()
        XCTAssertTrue(["exit 132", "exit 133"].contains(status), "died of the trap (SIGILL or SIGTRAP): \(status)")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
        let shown = try screenAndHistory()
        XCTAssertTrue(shown.contains("the portal stopped because of an error of its own"), shown)
        assertNoMachinery(shown)
    }

    func testAFaultShowsOneLineAndNoMachinery() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        kill(try portalPID(), SIGSEGV)   // as the kernel sends it for a bad memory access
        XCTAssertEqual(try exitOfPortal(), "exit 139")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0")
        let shown = try screenAndHistory()
        XCTAssertTrue(shown.contains("the portal stopped because of an error of its own"), shown)
        assertNoMachinery(shown)
    }

    /// D12: a clinic whose server does not answer. The terminal says at once that the portal is connecting and
    /// how to stop; Ctrl-C stops it cleanly (one line, status 130); and when the wait runs out, the last line is
    /// for someone who only opened the portal.
    func testConnectingToAClinicThatIsDownSaysSoAndCtrlCStopsIt() throws {
        let nowhere = "host=\(portal.folder.path)/no-server port=5 dbname=portal user=ana"
        try start(env: ["PORTAL_DB": nowhere, "PORTAL_DB_WAIT": "30"], hangup: .shellSurvivesCtrlC,
                  waitingFor: "Connecting to the clinic… (Ctrl-C to stop)")
        try keys("C-c")
        XCTAssertEqual(try exitOfPortal(), "exit 130")
        let stopped = try screen()
        XCTAssertTrue(stopped.contains("Stopped: the portal did not open, and nothing was changed."), stopped)
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0")
    }

    func testConnectingToAClinicThatStaysDownEndsWithALineForSomeoneWhoOnlyOpenedThePortal() throws {
        let nowhere = "host=\(portal.folder.path)/no-server port=5 dbname=portal user=ana"
        // The line wraps at 80 columns, and tmux's "Pane is dead" line can scroll its first row into the pane's
        // history once the portal has ended: wait for the end of the line, and read the history with the screen.
        try start(env: ["PORTAL_DB": nowhere, "PORTAL_DB_WAIT": "1"], waitingFor: "tell your clinic")
        XCTAssertEqual(try exitOfPortal(), "exit 1")
        let end = try tmux(["capture-pane", "-p", "-t", "0", "-S", "-10"]).replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(end.contains("The portal could not reach the clinic: its server did not answer within 1 second."), end)
        XCTAssertFalse(end.contains("nothing was changed") || end.contains("nothing was saved"), end)
        XCTAssertFalse(end.contains("Connecting to the clinic"), "the line is taken away once it is over:\n\(end)")
    }

    func testCtrlCQuitsAtOnceAndCtrlZDoesNothingWhereNoShellCanResumeIt() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        // The pane's shell runs the portal without job control: a stopped portal could never be resumed.
        try keys("C-z")
        usleep(300_000)
        try keys("l")
        try waitFor("Pain score")
        try keys("C-c")
        XCTAssertEqual(try exitOfPortal(), "exit 130", "Ctrl-C quits at once, as SIGINT did")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
    }

    func testCtrlZSuspendsWhereAnInteractiveShellCanResumeIt() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        // An interactive shell with job control, as in a terminal window; the portal is a job of its own.
        try tmux(["new-session", "-d", "-x", "80", "-y", "24",
                  "env -i PATH=/usr/bin:/bin HOME='\(portal.folder.path)' TERM=tmux-256color LC_ALL=C.UTF-8 PS1='$ ' bash --norc --noprofile -i"])
        try tmux(["send-keys", "-t", "0", "-l", "PORTAL_DB='\(portal.db.path)' PORTAL_TODAY=\(portal.today) '\(PortalRunner.binary.path)'"])
        try keys("Enter")
        try waitFor("Pain today")
        try keys("C-z")
        try waitFor("Stopped")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the shell has its terminal back")
        try tmux(["send-keys", "-t", "0", "-l", "fg"])
        try keys("Enter")
        try waitFor("Pain today")
        try keys("l")
        try waitFor("Pain score")
    }

    func testAPasteIntoThePainNoteLandsAsTextAndSavesNothing() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let before = try portal.painCSV()
        try start()
        try keys("l")
        try waitFor("Pain score")
        try keys("3", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab") // to the note
        // It starts with a line break: sent as keys (no bracketed paste), that would be Enter and save.
        try tmux(["set-buffer", "-b", "note", "\nSore after stairs\nbetter when sitting"])
        try tmux(["paste-buffer", "-p", "-b", "note", "-t", "0"])
        try waitFor("Sore after stairs better when sitting")
        let pasted = try screen()
        XCTAssertFalse(pasted.contains("Saved:"), pasted)
        XCTAssertEqual(try portal.painCSV(), before, "nothing was saved by the paste")
        try keys("Enter")
        try waitFor("Saved: pain 3/10")
        XCTAssertTrue(try portal.painCSV().contains("Sore after stairs better when sitting"))
        try keys("Escape", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    // Issue 19, point 15: tmux 3.3a pastes the text's own `ESC [201~` as it is, so the CR after it reached the
    // form as Enter and saved the entry. Whatever a paste holds is text.
    func testAPasteHoldingTheEndMarkerAndACarriageReturnSavesNothing() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let before = try portal.painCSV()
        try start()
        try keys("l")
        try waitFor("Pain score")
        try keys("3", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab") // to the note
        try tmux(["set-buffer", "-b", "note", "hello\u{1B}[201~\rworld"])
        try tmux(["paste-buffer", "-p", "-b", "note", "-t", "0"])
        try waitFor("hello world")
        let pasted = try screen()
        XCTAssertFalse(pasted.contains("Saved:"), pasted)
        XCTAssertEqual(try portal.painCSV(), before, "nothing was saved by the paste")
        try keys("Escape", "y", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    func testResizingDownToTheMinimumAndBelowKeepsWorking() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(width: 100, height: 30, env: ["NO_COLOR": "1"])
        try waitFor("Pain today")
        try tmux(["resize-window", "-t", "0", "-x", "50", "-y", "12"])
        try waitFor("too small")
        try tmux(["resize-window", "-t", "0", "-x", "60", "-y", "18"])
        try waitFor("Pain today")
        try keys("v")
        try waitFor("Visits")
        try tmux(["resize-window", "-t", "0", "-x", "80", "-y", "24"])
        try keys("Escape")
        try waitFor("Pain today")
        try keys("q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    func testWithoutAUTF8LocaleItDrawsInASCII() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(env: ["LC_ALL": "C"])
        try waitFor("Pain today")
        let text = try screen()
        XCTAssertTrue(text.contains("Portal DEMO > Home"), text)
        XCTAssertFalse(text.contains("●"))
        try keys("q")
    }

    func testTheAsciiFallbackChartAndHintsReadInWords() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(env: ["LC_ALL": "C", "NO_COLOR": "1"])
        try waitFor("Pain today")
        let home = try screen()
        XCTAssertTrue(home.contains("Up/Down move"), home)
        try keys("p")
        try waitFor("day's average")
        let text = try screen()
        XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "every cell is ASCII:\n\(text)")
        XCTAssertTrue(text.contains("0-9 day's average (X = 10)  + 7-day average"), text)
        // The page fits at 80x24: the footer offers no scrolling (the hints in words are Home's "Up/Down move" above).
        XCTAssertTrue(text.contains("t show 90 days  Esc back  ? help"), text)
        XCTAssertFalse(text.contains("scroll"), text)
        // Each day is its score as a digit, on the axis rows ticked with '-'.
        XCTAssertTrue(text.contains(" 5-") && text.contains("10-"), text)
        try keys("q", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    func testAWideWindowShowsHomeInTwoColumnsAndKeepsTheReaderNarrow() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(width: 200, height: 50)
        try waitFor("Today's exercises")
        let home = try screen().components(separatedBy: "\n")
        let first = try XCTUnwrap(home.first { $0.contains("Stage") })
        XCTAssertTrue(first.contains("Pain, last 28 days"), "the chart beside the summary: \(first)")
        XCTAssertTrue(home.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the chart is drawn in braille")
        try keys("r", "Enter")
        try waitFor("min read")
        let reader = try screen().components(separatedBy: "\n").dropFirst().dropLast(2)
        XCTAssertTrue(reader.allSatisfy { $0.trimmingCharacters(in: .whitespaces).count <= 80 }, reader.joined(separator: "\n"))
        try keys("Escape", "Escape", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    /// "Try the demo" on the Welcome screen opens the demo in a file of its own: a newcomer who looked around
    /// first finds her own file empty and the Welcome screen ready for her set-up when she comes back.
    func testFirstRunOffersTheDemoInAFileOfItsOwn() throws {
        try start()
        try waitFor("Try the demo")
        try keys("d")
        try waitFor("Pain today")
        let drawn = try screen()
        XCTAssertTrue(drawn.contains("Portal DEMO → Home"), "the demo says what it is")
        XCTAssertTrue(drawn.contains("Visit 3 was Tue 24 Nov — did it take place? Press a."), "the demo's late visit asks: \(drawn)")
        try keys("a")
        try waitFor("Portal DEMO → Visit 3")
        try keys("Escape", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
        let own = try portal.run(["today"])
        XCTAssertNotEqual(own.status, 0, "her own file holds no one: \(own.stdout)")
        XCTAssertTrue(own.stderr.contains("No patient is set up"), own.stderr)
        let demo = portal.folder.appendingPathComponent("demo.sqlite")
        XCTAssertTrue(try portal.run(["today", "--db", demo.path]).stdout.contains("Jordan Lee"))

        try tmux(["kill-server"])
        try start()
        try waitFor("Try the demo")
        let welcome = try screen()
        XCTAssertTrue(welcome.contains("Portal → Welcome"), welcome)
        try keys("s")
        try waitFor("Portal → Set up")
        try keys("Escape", "q")
        XCTAssertEqual(try exitOfPortal(), "exit 0")
    }

    /// "Start my own portal" (About me, n, then y) in the demo of `make run` and in a demo loaded into her own
    /// file with `portal demo`: the demo's data goes, and her own file opens on the Welcome screen.
    func testStartMyOwnPortalRemovesTheDemoAndOpensHerOwnFileOnWelcome() throws {
        let demoFile = portal.folder.appendingPathComponent("demo.sqlite")
        for inOwnFile in [false, true] {
            if inOwnFile { XCTAssertEqual(try portal.run(["demo"]).status, 0) }
            try start(arguments: inOwnFile ? [] : ["--demo-if-empty"])
            try waitFor("Pain today")
            try keys("i")
            try waitFor("This is the demo: Jordan Lee is made up. Press n to start your own portal.")
            try keys("n")
            try waitFor("Remove the demo and start your own portal? y = yes, any other key = no")
            try keys("x")
            try waitFor("This is the demo")
            XCTAssertTrue(try portal.run(["today", "--db", inOwnFile ? portal.db.path : demoFile.path]).stdout.contains("Jordan Lee"),
                          "any other key keeps the demo")
            try keys("n", "y")
            try waitFor("Portal → Welcome")
            let own = try portal.run(["today"])
            XCTAssertTrue(own.stderr.contains("No patient is set up"), "\(inOwnFile): her own file is empty: \(own.stdout)")
            if !inOwnFile { XCTAssertTrue(try portal.run(["today", "--db", demoFile.path]).stderr.contains("No patient is set up")) }
            try keys("s")
            try waitFor("Portal → Set up")
            try keys("Escape", "q")
            XCTAssertEqual(try exitOfPortal(), "exit 0")
            try tmux(["kill-server"])
            try? FileManager.default.removeItem(at: statusFile)
        }
    }

    /// `make run`: the demo opens in a file of its own, so her own stays empty for her set-up.
    func testDemoIfEmptyOpensTheDemoInAFileOfItsOwn() throws {
        try start(arguments: ["--demo-if-empty"])
        try waitFor("Pain today")
        let drawn = try screen()
        XCTAssertTrue(drawn.contains("Portal DEMO → Home"), drawn)
        let pid = try portalPID()
        try keys("q")
        XCTAssertTrue(processEnds(pid, within: 5))
        let demo = portal.folder.appendingPathComponent("demo.sqlite")
        XCTAssertTrue(FileManager.default.fileExists(atPath: demo.path))
        XCTAssertTrue(try portal.run(["today", "--db", demo.path]).stdout.contains("Jordan Lee"))
        let own = try portal.run(["today"])
        XCTAssertNotEqual(own.status, 0)
        XCTAssertTrue(own.stderr.contains("No patient is set up"), own.stderr)
    }
}

/// Stops a tmux server (and with it every pane and the programs in them). Writes nothing anywhere, so it
/// works after the test's folder is gone.
func killTmuxServer(_ socket: String) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv = ["/usr/bin/tmux", "-L", socket, "kill-server"]
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // The server ends, but tmux leaves its socket file behind in its folder (TMUX_TMPDIR, else /tmp, then
    // tmux-UID); a test leaves nothing it made, so the file goes too.
    let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    unlink("\(base)/tmux-\(getuid())/\(socket)")
}

/// Runs a program and waits for it with waitpid, its output going to a file. Foundation's Process is not
/// used here: the tmux client that starts a server leaves a child that Process never reaps, and the
/// test would hang.
func spawnAndWait(_ argv: [String], outputTo folder: URL) throws -> String {
    let file = folder.appendingPathComponent("spawn-\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: file) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
}
