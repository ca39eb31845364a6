import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// `portal-bench failover` made short, on the tests' own pair of private clusters: patients log pain through
/// the real `portal log` at once, each as her own role and given both servers; the primary is killed mid-load
/// and the standby promoted; every entry acknowledged is then on the new primary exactly once, every one
/// reported not saved is not there, and the patients went on logging after the promotion.
final class FailoverLoadTests: XCTestCase {
    struct Attempt {
        let note: String
        let started: Double
        var ended = 0.0
        var status: Int32 = 0
        var output = ""
        var acknowledged: Bool { status == 0 && output.hasPrefix("Saved: pain") }
        var inDoubt: Bool { status != 0 && output.contains("may or may not have been saved") }
    }

    func testPatientsLoggingThroughAKilledPrimaryLoseNothingAcknowledged() throws {
        let pair = try ReplicatedPair.start()
        addTeardownBlock { pair.stop() }
        let therapist = try pair.a.newTherapist()
        let roles = try (1...4).map { _ in try pair.a.newPatient(therapist: therapist) }
        for role in roles { try ClinicWorld.seed(try PostgresStore.open(pair.a.conninfo(role)), pair.a) }
        let folder = try makeTempFolder(self)
        let t0 = ContinuousClock.now
        func now() -> Double {
            let (s, atto) = (ContinuousClock.now - t0).components
            return Double(s) + Double(atto) / 1e18
        }
        let (killAt, endAt) = (2.5, 8.0)
        var running: [pid_t: (Attempt, String, Int)] = [:]
        var attempts: [Attempt] = []
        var count = 0
        func launch(_ k: Int) throws {
            count += 1
            let note = "load p\(k) #\(count)"
            let out = folder.appendingPathComponent("\(count).out").path
            let pid = try spawn(["/usr/bin/env", "PORTAL_TODAY=2026-11-27", PortalExecutable.path, "log", "\(count % 11)", "--note", note,
                                 "--db", pair.conninfo(roles[k])], output: out)
            running[pid] = (Attempt(note: note, started: now()), out, k)
        }
        for k in roles.indices { try launch(k) }
        var killed: Double?
        var promotion: (() -> Error?)?
        while !running.isEmpty {
            if killed == nil, now() >= killAt {
                killed = now()
                pair.a.killServer()
                let done = DispatchSemaphore(value: 0)
                let box = ErrorBox()
                Thread.detachNewThread {
                    do { try pair.promoteStandby() } catch { box.error = error }
                    done.signal()
                }
                promotion = { done.wait(); return box.error }
            }
            var reaped = false
            for (pid, (attempt, out, k)) in running {
                var status: Int32 = 0
                guard waitpid(pid, &status, WNOHANG) == pid else { continue }
                reaped = true
                running.removeValue(forKey: pid)
                var a = attempt
                a.ended = now()
                a.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                a.output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                attempts.append(a)
                if now() < endAt { try launch(k) }
            }
            if !reaped { usleep(5_000) }
        }
        if let error = promotion?() { throw error }
        let kill = try XCTUnwrap(killed)

        let admin = try PGConnection(pair.b.conninfo("postgres"))
        var stored: [String: Int] = [:]
        for row in try admin.query("SELECT note, count(*) AS n FROM pain_entry WHERE note LIKE 'load %' GROUP BY note").rows {
            stored[try row.text("note")] = try row.int("n")
        }
        let acknowledged = attempts.filter(\.acknowledged)
        for a in attempts {
            let n = stored[a.note] ?? 0
            if a.acknowledged {
                XCTAssertEqual(n, 1, "acknowledged, so on the new primary exactly once: \(a.note)")
            } else if a.inDoubt {
                XCTAssertLessThanOrEqual(n, 1, "in doubt, never doubled: \(a.note)")
            } else {
                XCTAssertEqual(n, 0, "reported not saved, so not stored: \(a.note): \(a.output)")
            }
        }
        XCTAssertGreaterThan(acknowledged.filter { $0.ended < kill }.count, 0, "patients logged before the kill")
        XCTAssertGreaterThan(acknowledged.filter { $0.started > kill }.count, 0, "and went on logging after the promotion")
        XCTAssertEqual(stored.values.reduce(0, +), acknowledged.count + attempts.filter { $0.inDoubt && stored[$0.note] == 1 }.count,
                       "nothing stored that no one wrote")
    }

    private func spawn(_ argv: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw ClusterError("cannot start \(argv[0])") }
        return pid
    }
}

private final class ErrorBox: @unchecked Sendable {
    var error: Error?
}
