import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The clinic store on a primary and its synchronous standby (`ReplicatedPair`, made and promoted by
/// deploy/pg-standby): it follows the primary through a promotion, and a commit whose answer was lost is
/// never stored twice and never reported saved unless it is on both servers. Each test has its own pair.
final class FailoverTests: XCTestCase {
    private let now = at("2026-11-27T12:00")

    private func pair() throws -> ReplicatedPair {
        let p = try ReplicatedPair.start()
        addTeardownBlock { p.stop() }
        return p
    }

    private func entry(_ score: Int, note: String) -> PainEntry { Self.entry(score, note: note) }

    private static func entry(_ score: Int, note: String) -> PainEntry {
        PainEntry(date: day("2026-11-27"), time: time("09:00"), score: score, note: note)
    }

    /// The rows with `note` on `server`, as the administrator counts them.
    private func count(_ note: String, on server: PrivateCluster) throws -> Int {
        try PGConnection(server.conninfo("postgres")).query("SELECT count(*) AS n FROM pain_entry WHERE note = $1", [note])
            .rows.first?.int("n") ?? -1
    }

    /// Runs `body` on a thread of its own; the returned closure waits for it and gives its result.
    private func inBackground<T>(_ body: @escaping @Sendable () throws -> T) -> () -> Result<T, Error> {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Thread.detachNewThread {
            box.result = Result { try body() }
            done.signal()
        }
        return {
            done.wait()
            return box.result!
        }
    }

    func testTheStoreFollowsThePrimaryThroughAPromotionAndSaysItIsReconnecting() throws {
        let p = try pair()
        let store = try PostgresStore.open(p.conninfo(try p.a.newPatient()))
        XCTAssertEqual(store.location, "the clinic database “portal”")
        try store.addPainEntry(entry(3, note: "before"), now: now)

        p.a.killServer()
        // She saves while there is no primary: the call waits, reconnecting, and lands on the promoted standby.
        let saving = inBackground { [now] in try store.addPainEntry(Self.entry(5, note: "during"), now: now) }
        var sawReconnecting = false
        for _ in 0..<100 where !sawReconnecting {
            sawReconnecting = store.isReconnecting
            usleep(20_000)
        }
        XCTAssertTrue(sawReconnecting, "the store says it is reconnecting while no primary answers")
        try p.promoteStandby()
        let saved = try saving().get()
        XCTAssertFalse(store.isReconnecting)
        XCTAssertFalse(store.hasChangeInDoubt)
        XCTAssertEqual(try store.painEntries().map(\.note), ["before", "during"])
        XCTAssertEqual(try store.painEntries().last?.id, saved.id)
        XCTAssertEqual(try count("before", on: p.b), 1, "acknowledged before the kill: on the standby, now the primary")

        // The old primary comes back as the new standby (pg_rewind), and the new primary waits for it again.
        try p.rejoinOldPrimary()
        try store.addPainEntry(entry(2, note: "after"), now: now)
        XCTAssertEqual(try store.painEntries().map(\.note), ["before", "during", "after"])
    }

    func testNoPrimaryWithinTheLimitIsAClearErrorAndNothingIsWritten() throws {
        let p = try pair()
        let role = try p.a.newPatient()
        let store = try PostgresStore.open(p.conninfo(role), limits: .init(waitSeconds: 2))
        try store.addPainEntry(entry(3, note: "before"), now: now)
        p.a.killServer()  // the standby is never promoted: it stays read-only, and libpq refuses it
        let started = ContinuousClock.now
        XCTAssertThrowsError(try store.addPainEntry(entry(4, note: "lost"), now: now)) {
            XCTAssertEqual("\($0)", "The clinic server did not answer within 2 seconds, so nothing was changed. Please try again in a moment.")
        }
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .seconds(2), "it kept trying for its whole limit")
        XCTAssertFalse(store.hasChangeInDoubt, "it never sent a COMMIT")
        XCTAssertThrowsError(try PostgresStore.open(p.conninfo(role), limits: .init(waitSeconds: 1))) {
            XCTAssertEqual("\($0)", "The clinic server did not answer within 1 second, so nothing was changed. Please try again in a moment.")
        }
        try p.promoteStandby()
        XCTAssertEqual(try count("lost", on: p.b), 0)
        XCTAssertEqual(try count("before", on: p.b), 1)
    }

    /// `portal log`, the real command, given both servers while neither accepts changes: it exits 1 within its
    /// limit (PORTAL_DB_WAIT) with the message, and writes nothing; a limit that is not a number is refused.
    func testACommandExitsNonZeroWhenNoPrimaryAnswersWithinItsLimit() throws {
        let p = try pair()
        let role = try p.a.newPatient()
        try ClinicWorld.seed(try PostgresStore.open(p.a.conninfo(role)), p.a)
        p.a.killServer()
        let out = try makeTempFolder(self).appendingPathComponent("out").path
        func portalLog(wait: String) throws -> (Int32, String) {
            let status = try PrivateCluster.spawn(["/usr/bin/env", "PORTAL_TODAY=2026-11-27", "PORTAL_DB_WAIT=\(wait)", PortalExecutable.path,
                                                   "log", "4", "--note", "no primary", "--db", p.conninfo(role)], output: out)
            return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        }
        let started = ContinuousClock.now
        let (status, output) = try portalLog(wait: "2")
        XCTAssertEqual(status, 1, output)
        XCTAssertTrue(output.contains("The clinic server did not answer within 2 seconds, so nothing was changed. Please try again in a moment."), output)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .seconds(2), "it waited for its limit")
        let (bad, message) = try portalLog(wait: "soon")
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(message.contains("PORTAL_DB_WAIT is “soon”; it must be a whole number of seconds from 1 to 3600."), message)
        try p.promoteStandby()
        XCTAssertEqual(try count("no primary", on: p.b), 0)
    }

    /// The standby stops: the primary's COMMIT waits for it and its answer never comes in time. The write is
    /// reported "may or may not have been saved", never saved; once the standby is back the entry is there
    /// exactly once (the retries found its key waiting and wrote nothing of their own).
    func testACommitTheStandbyNeverAcknowledgedIsInDoubtNotSaved() throws {
        let p = try pair()
        let store = try PostgresStore.open(p.conninfo(try p.a.newPatient()), limits: .init(statementSeconds: 1, waitSeconds: 3))
        try p.b.stopServer()
        XCTAssertThrowsError(try store.addPainEntry(entry(6, note: "unacknowledged"), now: now)) {
            XCTAssertEqual("\($0)", PGError.inDoubtText)
        }
        XCTAssertTrue(store.hasChangeInDoubt)
        XCTAssertEqual(try count("unacknowledged", on: p.a), 0, "not visible before the standby has it")
        try p.b.startServer()
        try p.waitForSynchronousStandby(on: p.a)
        for _ in 0..<100 where try count("unacknowledged", on: p.a) == 0 { usleep(50_000) }
        XCTAssertEqual(try count("unacknowledged", on: p.a), 1, "committed once the standby wrote it, and once only")
        try store.addPainEntry(entry(1, note: "next"), now: now)
        XCTAssertFalse(store.hasChangeInDoubt, "an acknowledged commit settles it")
    }

    /// The same, the wait cut short on the server (a cancel, as an administrator's pg_cancel_backend or a
    /// pooler's timeout does): PostgreSQL then commits on the primary alone and answers COMMIT with a
    /// WARNING. That answer is not taken as saved; nor is the retry, whose own commit waits for the standby.
    func testACommitAnsweredWithTheStandbyWarningIsNotReportedSaved() throws {
        let p = try pair()
        let role = try p.a.newPatient()
        let store = try PostgresStore.open(p.conninfo(role), limits: .init(statementSeconds: 2, waitSeconds: 5))
        try p.b.stopServer()
        let saving = inBackground { [now] in try store.addPainEntry(Self.entry(6, note: "primary only"), now: now) }
        let admin = try PGConnection(p.a.conninfo("postgres"))
        var cancelled = 0
        for _ in 0..<100 where cancelled == 0 {
            usleep(50_000)
            cancelled = try admin.query("""
                SELECT count(pg_cancel_backend(pid)) AS n FROM pg_stat_activity WHERE usename = $1 AND wait_event = 'SyncRep'
                """, [role]).rows.first?.int("n") ?? 0
        }
        XCTAssertEqual(cancelled, 1, "its COMMIT was waiting for the standby")
        XCTAssertThrowsError(try saving().get()) {
            XCTAssertEqual("\($0)", PGError.inDoubtText)
        }
        XCTAssertTrue(store.hasChangeInDoubt)
        XCTAssertEqual(try count("primary only", on: p.a), 1, "committed on the primary alone, and only once, retries and all")
    }

    /// The commit waits for the stopped standby when the primary dies: it never reached the standby. After
    /// the promotion the write runs again under the same key, which the new primary has never seen, and is
    /// stored once; the value returned is what is stored.
    func testACommitLostWithThePrimaryIsWrittenOnceOnTheNewPrimary() throws {
        let p = try pair()
        let store = try PostgresStore.open(p.conninfo(try p.a.newPatient()), limits: .init(statementSeconds: 1, waitSeconds: 60))
        try store.addPainEntry(entry(3, note: "before"), now: now)
        // The standby has everything so far; it is stopped (cleanly) so the next commit waits for it.
        try p.b.stopServer()
        let saving = inBackground { [now] in try store.addPainEntry(Self.entry(7, note: "in doubt"), now: now) }
        for _ in 0..<200 where !store.hasChangeInDoubt { usleep(20_000) }
        XCTAssertTrue(store.hasChangeInDoubt, "its COMMIT was sent and not answered")
        p.a.killServer()
        try p.b.startServer()
        try p.promoteStandby()
        let saved = try saving().get()
        XCTAssertFalse(store.hasChangeInDoubt)
        XCTAssertEqual(try count("in doubt", on: p.b), 1)
        XCTAssertEqual(try store.painEntries().map(\.note), ["before", "in doubt"])
        XCTAssertEqual(try store.painEntries().last?.id, saved.id)
    }

    /// The commit waits for the stopped standby, which comes back while the store waits: the first attempt
    /// commits, the retry finds its key and returns that attempt's entry, and nothing is written twice.
    func testACommitThatLandsLateIsFoundByItsKeyNotWrittenAgain() throws {
        let p = try pair()
        let store = try PostgresStore.open(p.conninfo(try p.a.newPatient()), limits: .init(statementSeconds: 1, waitSeconds: 60))
        try p.b.stopServer()
        let saving = inBackground { [now] in try store.addPainEntry(Self.entry(8, note: "late"), now: now) }
        for _ in 0..<200 where !store.hasChangeInDoubt { usleep(20_000) }
        XCTAssertTrue(store.hasChangeInDoubt)
        try p.b.startServer()
        let saved = try saving().get()
        XCTAssertEqual(try count("late", on: p.a), 1, "once, not twice")
        XCTAssertEqual(try store.painEntries().map(\.id), [saved.id], "the id returned is the one stored")
        let confirmed = try PGConnection(p.a.conninfo("postgres"))
            .query("SELECT count(*) AS n FROM write_receipt WHERE confirmed_at IS NOT NULL").rows.first?.int("n")
        XCTAssertEqual(confirmed, 1, "the retry found the first attempt's key and confirmed it")
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
