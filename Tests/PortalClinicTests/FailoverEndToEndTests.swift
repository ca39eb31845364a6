import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The real full-screen `portal` in clinic mode, in tmux, given both servers of a pair, rides through a
/// promotion: the primary dies while she is typing an entry, the screen says "Reconnecting to the clinic…",
/// her entry stays on screen and goes in once the standby is promoted, exactly once.
final class FailoverEndToEndTests: XCTestCase {
    private var socket = ""
    private var folder: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            XCTFail("tmux is needed for the end-to-end tests; `make test` installs it.")
            throw XCTSkip("no tmux")
        }
        folder = try makeTempFolder(self)
        socket = "portal-failover-\(getpid())-\(UUID().uuidString.prefix(6))"
        let name = socket
        addTeardownBlock {
            _ = try? PrivateCluster.spawn(["/usr/bin/tmux", "-L", name, "kill-server"], output: "/dev/null")
            unlink("/tmp/tmux-\(getuid())/\(name)")
        }
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let out = folder.appendingPathComponent("tmux.out").path
        let status = try PrivateCluster.spawn(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + args, output: out)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        guard status == 0 else { throw ClusterError("tmux \(args.first ?? "") failed: \(text)") }
        return text
    }

    private func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    private func key(_ k: String) throws {
        try tmux(["send-keys", "-t", "0", k])
        usleep(80_000)
    }

    /// Waits up to `seconds` for `text` on the screen: a wait, not a timing.
    private func waitFor(_ text: String, seconds: Int = 20, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<(seconds * 20) {
            if try screen().contains(text) { return }
            usleep(50_000)
        }
        XCTFail("“\(text)” never appeared. The screen:\n\(try screen())", file: file, line: line)
        throw XCTSkip("stopping this test")
    }

    func testTheFullScreenPortalRidesThroughAPromotionKeepingHerEntry() throws {
        let pair = try ReplicatedPair.start()
        addTeardownBlock { pair.stop() }
        let role = try pair.a.newPatient(therapist: try pair.a.newTherapist())
        try ClinicWorld.seed(try PostgresStore.open(pair.a.conninfo(role)), pair.a)
        let status = folder.appendingPathComponent("status").path
        let command = "env LC_ALL=C.UTF-8 TERM=tmux-256color PORTAL_TODAY=2026-11-27 PORTAL_DB='\(pair.conninfo(role))' "
            + "'\(PortalExecutable.path)'; echo $? > '\(status)'"
        try tmux(["new-session", "-d", "-x", "80", "-y", "24", command, ";", "set-option", "-w", "remain-on-exit", "on"])
        try waitFor("Home")
        try key("l")
        try key("7")
        try waitFor("Log pain")
        let typed = try screen()

        pair.a.killServer()
        // The once-a-second check finds the server gone: the screen says so, and her score is still there.
        try waitFor("Reconnecting to the clinic")
        let reconnecting = try screen()
        XCTAssertTrue(reconnecting.contains("Log pain"), reconnecting)
        // (The form's time follows the clock while it is untouched: a minute may turn between the two screens.)
        let form = { (s: String) in s.split(separator: "\n").dropFirst(2).prefix(8).filter { !$0.hasPrefix("   Time ") } }
        XCTAssertEqual(form(typed), form(reconnecting), "what she typed is on screen as it was")
        try key("Enter")
        try waitFor("Saving")
        XCTAssertFalse(try screen().contains("Saved: pain"), "not saved while no primary answers")

        try pair.promoteStandby()
        try waitFor("Saved: pain 7/10")
        let saved = try screen()
        XCTAssertFalse(saved.contains("Reconnecting"), saved)
        let rows = try PGConnection(pair.b.conninfo("postgres")).query(
            "SELECT count(*) AS n FROM pain_entry e JOIN patient_account a USING (patient_id) WHERE a.role_name = $1 AND e.score = 7", [role])
        XCTAssertEqual(try rows.rows.first?.int("n"), 1, "her entry, once, on the new primary")

        try key("Escape")
        try key("q")
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: status) { usleep(50_000) }
        XCTAssertEqual(try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "0")
    }

    /// D8: the screen says "your entry is kept and will be saved when it answers"; the window then closes (SIGHUP,
    /// as when ssh drops) while the server is away, and the server comes back after the old last-save wait (3 s)
    /// but within the commands' wait (PORTAL_DB_WAIT). The portal kept trying headless: her entry is in her
    /// record exactly once, and the process ended once it was saved.
    func testAnEntryPendingWhenTheTerminalHangsUpIsSavedOnceWhenTheServerComesBack() throws {
        let cluster = try PrivateCluster.start()
        addTeardownBlock { cluster.stop() }
        let role = try cluster.newPatient(therapist: try cluster.newTherapist())
        try ClinicWorld.seed(try PostgresStore.open(cluster.conninfo(role)), cluster)
        let count = {
            try PGConnection(cluster.conninfo("postgres")).query(
                "SELECT count(*) AS n FROM pain_entry e JOIN patient_account a USING (patient_id) WHERE a.role_name = $1 AND e.score = 3", [role])
                .rows.first?.int("n") ?? -1
        }
        let before = try count()
        let pidFile = folder.appendingPathComponent("pid").path
        let command = "echo $$ > '\(pidFile)'; exec env LC_ALL=C.UTF-8 TERM=tmux-256color PORTAL_TODAY=2026-11-27 PORTAL_DB_WAIT=25 "
            + "PORTAL_DB='\(cluster.conninfo(role))' '\(PortalExecutable.path)'"
        try tmux(["new-session", "-d", "-x", "80", "-y", "24", command])
        try waitFor("Home")
        let pid = pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(pid, 0)
        try key("l")
        try key("3")
        try waitFor("Log pain")
        try cluster.stopServer()
        try waitFor("Reconnecting to the clinic")
        try key("Enter")
        try waitFor("Saving")

        // The window closes: tmux hangs up the terminal (SIGHUP), as a dropped ssh connection does.
        try tmux(["kill-server"])
        sleep(5)
        XCTAssertTrue(isRunning(pid), "the portal still tries to save her entry after the terminal went away")
        try cluster.startServer()
        var gone = false
        for _ in 0..<(25 * 20) {
            if !isRunning(pid) { gone = true; break }
            usleep(50_000)
        }
        XCTAssertTrue(gone, "the portal ends once her entry is saved")
        XCTAssertEqual(try count(), before + 1, "her entry, once")
    }

    /// Whether `pid` is still a live process (a zombie waiting for its parent counts as ended).
    private func isRunning(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}
