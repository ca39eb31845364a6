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
        XCTAssertEqual(typed.split(separator: "\n").dropFirst(2).prefix(8), reconnecting.split(separator: "\n").dropFirst(2).prefix(8),
                       "what she typed is on screen as it was")
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
}
