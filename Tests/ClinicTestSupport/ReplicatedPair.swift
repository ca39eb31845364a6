import Foundation
@testable import PortalClinic

/// Two private clusters as a clinic runs them with a standby (README, "A standby server"): a primary and a
/// synchronous hot standby streaming from it, made and promoted by `deploy/pg-standby` with the settings of
/// `deploy/postgresql-replication.conf`, each on its own port and socket folder under /tmp. Server `a`
/// (portal_a) starts as the primary, `b` (portal_b) as its standby.
///
/// The portal reaches them through one connection string naming both (`conninfo`), as a clinic's would, and
/// lands on whichever accepts changes. Clean-up is each cluster's own (`stop`, atexit, stale folders).
public final class ReplicatedPair: @unchecked Sendable {
    public let a: PrivateCluster
    public let b: PrivateCluster

    /// Starts the primary, clones the standby from it and waits until the primary counts it as synchronous.
    public static func start() throws -> ReplicatedPair {
        let a = try PrivateCluster.start(replication: true)
        do {
            let b = try PrivateCluster.standby(of: a, name: "portal_b")
            let pair = ReplicatedPair(a: a, b: b)
            do {
                try a.deployScript(["synchronous", a.conninfo("postgres", database: "postgres")])
                try pair.waitForSynchronousStandby(on: a)
            } catch {
                pair.stop()
                throw error
            }
            return pair
        } catch {
            a.stop()
            throw error
        }
    }

    private init(a: PrivateCluster, b: PrivateCluster) {
        self.a = a
        self.b = b
    }

    /// One libpq connection string naming both servers (the portal adds target_session_attrs=read-write).
    public func conninfo(_ role: String) -> String {
        "host=\(a.socketFolder.path),\(b.socketFolder.path) port=\(a.port),\(b.port) dbname=portal user=\(role)"
    }

    /// Waits (up to 30 s) until `server` has a standby it waits for at commit.
    public func waitForSynchronousStandby(on server: PrivateCluster) throws {
        let admin = try PGConnection(server.conninfo("postgres", database: "postgres"))
        for _ in 0..<300 {
            let n = try admin.query("SELECT count(*) AS n FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum') AND state = 'streaming'")
                .rows.first?.int("n") ?? 0
            if n > 0 { return }
            usleep(100_000)
        }
        throw ClusterError("no synchronous standby is streaming from the server on port \(server.port)")
    }

    /// The standby (`b`) becomes the primary: `deploy/pg-standby promote`.
    public func promoteStandby() throws {
        try b.deployScript(["promote", b.data.path])
    }

    /// The old primary (`a`, killed or stopped) comes back as the standby of `b`: `deploy/pg-standby rejoin`
    /// (pg_rewind), started, and then `synchronous` on `b`, so commits on `b` wait for it again.
    public func rejoinOldPrimary() throws {
        do {
            try a.deployScript(["rejoin", b.replicationConninfo, "portal_a", a.data.path])
            try a.startServer()
            try b.deployScript(["synchronous", b.conninfo("postgres", database: "postgres")])
            try waitForSynchronousStandby(on: b)
        } catch {
            throw ClusterError("\(error)\nthe old primary's log:\n\(a.logTail)")
        }
    }

    public func stop() {
        b.stop()
        a.stop()
    }
}
