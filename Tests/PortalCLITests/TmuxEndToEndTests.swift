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
    }

    override func tearDown() {
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        p.arguments = ["-L", socket, "-f", "/dev/null"] + args
        // Output goes through a file, not a pipe: the tmux server started by `new-session` inherits the
        // client's descriptors, and a pipe it holds open would never reach end-of-file.
        let file = portal.folder.appendingPathComponent("tmux-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        p.standardOutput = handle
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try handle.close()
        defer { try? FileManager.default.removeItem(at: file) }
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    private func start(width: Int = 80, height: Int = 24, env: [String: String] = [:]) throws {
        var vars = ["LC_ALL": "C.UTF-8", "TERM": "tmux-256color", "PORTAL_DB": portal.db.path, "PORTAL_TODAY": portal.today,
                    "HOME": portal.folder.path]
        vars.merge(env) { $1 }
        let command = "env " + vars.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ") + " '\(PortalRunner.binary.path)'"
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", command])
        try tmux(["set-option", "-t", "0", "remain-on-exit", "on"])
        try waitFor("Portal")
    }

    private func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    private func keys(_ k: String...) throws {
        for key in k {
            try tmux(["send-keys", "-t", "0", key])
            usleep(60_000)
        }
    }

    /// Waits up to five seconds for `text` to appear on the screen.
    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<100 {
            if try screen().contains(text) { return }
            usleep(50_000)
        }
        XCTFail("“\(text)” never appeared. The screen:\n\(try screen())", file: file, line: line)
        throw XCTSkip("stopping this test")
    }

    private func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testLogPainMarkAnExerciseDoneQuitAndFindBothInTheExport() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start()
        try waitFor("Pain today")
        // Log pain: l, score 3, Enter saves.
        try keys("l")
        try waitFor("Pain score")
        try keys("3", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
        try tmux(["send-keys", "-t", "0", "-l", "from the tmux test"])
        try keys("Enter")
        try waitFor("Saved: pain 3/10")
        try keys("Escape")
        try waitFor("Pain today  3/10")
        // Exercises: the demo has done the first one today; mark the second.
        try keys("e")
        try waitFor("Week 4")
        try keys("j", "Space")
        try waitFor("Marked done:")
        try keys("Escape")
        try waitFor("2 of 4 done today")
        try keys("q")
        for _ in 0..<50 where try paneValue("#{pane_dead}") != "1" { usleep(50_000) }
        XCTAssertEqual(try paneValue("#{pane_dead_status}"), "0")
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
        let pid = try paneValue("#{pane_pid}")
        kill(pid_t(pid)!, SIGTERM)
        for _ in 0..<50 where try paneValue("#{pane_dead}") != "1" { usleep(50_000) }
        XCTAssertEqual(try paneValue("#{pane_dead}"), "1")
        XCTAssertEqual(try paneValue("#{alternate_on}"), "0", "the terminal was restored")
        XCTAssertTrue(try portal.painCSV().contains(",7,"), "the entry shown as saved is on disk")
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
        for _ in 0..<50 where try paneValue("#{pane_dead}") != "1" { usleep(50_000) }
        XCTAssertEqual(try paneValue("#{pane_dead_status}"), "0")
    }

    func testWithoutAUTF8LocaleItDrawsInASCII() throws {
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        try start(env: ["LC_ALL": "C"])
        try waitFor("Pain today")
        let text = try screen()
        XCTAssertTrue(text.contains("Portal > Home"), text)
        XCTAssertFalse(text.contains("●"))
        try keys("q")
    }

    func testFirstRunOffersTheDemo() throws {
        try start()
        try waitFor("Try the demo")
        try keys("d")
        try waitFor("Pain today")
        try keys("q")
    }
}
