import Foundation

/// The failover benchmark's two PostgreSQL 15 servers in one temporary folder, as a clinic runs them
/// (README, "A standby server"): `a` the primary, `b` its synchronous hot standby, made with the repository's
/// `deploy/postgresql-replication.conf` and `deploy/pg-standby`. Socket only, each its own port and socket
/// folder, peer authentication; root may log in as `postgres` and as the benchmark's patients (pg_ident.conf),
/// the server's own user as `postgres` and as the replication role. fsync and synchronous commit are on, as
/// a clinic runs: the standby acknowledges a commit only once it has it on disk.
/// Shared with the thread that kills and promotes: only its immutable paths are read there.
final class FailoverPair: @unchecked Sendable {
    static let folderPrefix = "portal-bench-failover-"

    struct Server {
        let name: String
        let folder: URL
        let port = Int.random(in: 20000...60000)
        var data: URL { folder.appendingPathComponent("data") }
        var socket: URL { folder.appendingPathComponent("socket") }
        var log: URL { folder.appendingPathComponent("server.log") }

        func conninfo(_ role: String, database: String = "portal") -> String {
            "host=\(socket.path) port=\(port) dbname=\(database) user=\(role)"
        }
        var replication: String { "host=\(socket.path) port=\(port) user=portal_replicator" }
    }

    let root: URL
    let a: Server
    let b: Server
    var work: URL { root.appendingPathComponent("work") }
    private let uid: uid_t, gid: gid_t

    /// Both servers' sockets in one libpq string, as the portal is given it.
    func conninfo(_ role: String) -> String {
        "host=\(a.socket.path),\(b.socket.path) port=\(a.port),\(b.port) dbname=portal user=\(role)"
    }

    /// Makes the folder and registers its removal (both servers stopped or killed first); nothing runs yet.
    init() throws {
        guard FileManager.default.isExecutableFile(atPath: ClinicCluster.binaries + "/initdb") else {
            throw ClinicProcess.Failed(description: "PostgreSQL 15's server is not installed (\(ClinicCluster.binaries)/initdb); `make bench-failover` installs it.")
        }
        guard let pw = getpwnam("postgres") else { throw ClinicProcess.Failed(description: "there is no postgres user to run the servers as") }
        (uid, gid) = (pw.pointee.pw_uid, pw.pointee.pw_gid)
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        root = URL(fileURLWithPath: base).appendingPathComponent("\(Self.folderPrefix)\(getpid())")
        a = Server(name: "portal_a", folder: root.appendingPathComponent("a"))
        b = Server(name: "portal_b", folder: root.appendingPathComponent("b"))
        let (rootPath, servers) = (root, [a, b])
        ClinicCleanup.add("servers") {
            for s in servers { FailoverPair.stop(s, root: rootPath) }
            try? FileManager.default.removeItem(at: rootPath)
        }
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        chmod(root.path, 0o755)
        try fm.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for s in servers {
            for (folder, mode) in [(s.folder, 0o755), (s.socket, 0o755), (s.data, 0o700)] {
                try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            }
            _ = fm.createFile(atPath: s.log.path, contents: nil)
            for path in [s.data.path, s.socket.path, s.log.path] where chown(path, uid, gid) != 0 {
                throw ClinicProcess.Failed(description: "cannot give \(path) to the postgres user")
            }
        }
    }

    /// The primary: initdb, the deploy file's replication settings, the replication role
    /// (`deploy/pg-standby prepare`), started. `roles`: the patients root may log in as.
    func startPrimary(roles: [String], deploy: URL) throws {
        try ClinicCluster.server(["initdb", "-D", a.data.path, "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8",
                                  "--auth-local=peer", "--auth-host=reject"], log: work.appendingPathComponent("initdb.out"))
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        var ident = "bench \(me) postgres\nbench postgres postgres\nbench postgres portal_replicator\n"
        for role in roles { ident += "bench \(me) \(role)\n" }
        try write(ident, to: a.data.appendingPathComponent("pg_ident.conf"))
        try write("local all all peer map=bench\nlocal replication all peer map=bench\n", to: a.data.appendingPathComponent("pg_hba.conf"))
        try append("""

            listen_addresses = ''
            port = \(a.port)
            unix_socket_directories = '\(a.socket.path)'
            max_connections = \(roles.count * 2 + 30)
            shared_buffers = 64MB
            \(try String(contentsOf: deploy.appendingPathComponent("postgresql-replication.conf"), encoding: .utf8))

            """, to: a.data.appendingPathComponent("postgresql.conf"))
        try start(a)
        try pgStandby(["prepare", a.conninfo("postgres", database: "postgres")], deploy: deploy)
    }

    /// The standby: `deploy/pg-standby clone` from the primary, its own port and socket, started; returns
    /// once the primary counts it as its synchronous standby.
    func startStandby(deploy: URL) throws {
        try pgStandby(["clone", a.replication, b.name, b.data.path], deploy: deploy)
        try append("\nport = \(b.port)\nunix_socket_directories = '\(b.socket.path)'\n", to: b.data.appendingPathComponent("postgresql.conf"))
        try start(b)
        try pgStandby(["synchronous", a.conninfo("postgres", database: "postgres")], deploy: deploy)
        try waitForSynchronousStandby(on: a)
    }

    func start(_ s: Server) throws {
        try ClinicCluster.server(["pg_ctl", "-D", s.data.path, "-l", s.log.path, "-w", "-t", "60", "start"],
                                 log: work.appendingPathComponent("start-\(s.name).out"))
    }

    /// Runs `deploy/pg-standby` as postgres, as a clinic's administrator would, from a copy in the work folder
    /// (0755): postgres may not reach the script in a clone in a private (0700) folder.
    func pgStandby(_ args: [String], deploy: URL) throws {
        let script = work.appendingPathComponent("pg-standby").path
        if !FileManager.default.fileExists(atPath: script) {
            try FileManager.default.copyItem(atPath: deploy.appendingPathComponent("pg-standby").path, toPath: script)
            chmod(script, 0o755)
        }
        let argv = ["/usr/bin/env", "-C", "/", "/usr/sbin/runuser", "-u", "postgres", "--", "/usr/bin/env", "PGBIN=\(ClinicCluster.binaries)",
                    script] + args
        try ClinicProcess.run(argv, in: work)
    }

    func waitForSynchronousStandby(on s: Server) throws {
        for _ in 0..<600 {
            let n = try sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum');",
                            on: s, database: "postgres")
            if Int(n) ?? 0 > 0 { return }
            usleep(100_000)
        }
        throw ClinicProcess.Failed(description: "no synchronous standby streams from \(s.name)")
    }

    /// SQL as `postgres` on `s` through psql; what it printed (unaligned, tuples only).
    @discardableResult
    func sql(_ text: String, on s: Server, database: String = "portal") throws -> String {
        try ClinicProcess.run([ClinicCluster.binaries + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                               "-d", s.conninfo("postgres", database: database), "-c", text], in: work)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The postmaster of `s` and every process it started (from /proc).
    static func processes(_ s: Server) -> [pid_t] {
        guard let text = try? String(contentsOf: s.data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }), pid > 1,
              let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("postgres") else { return [] }
        var pids = [pid]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, pid_t(fields[1]) == pid { pids.append(child) }
        }
        return pids
    }

    /// A machine's death: SIGKILL to the postmaster and all its processes at once, nothing flushed or said.
    func kill(_ s: Server) {
        let pids = Self.processes(s)
        for pid in pids { Foundation.kill(pid, SIGKILL) }
        for _ in 0..<100 where pids.contains(where: { Foundation.kill($0, 0) == 0 }) { usleep(20_000) }
    }

    /// Stops `s` if it runs (fast, then by signal); a killed one needs nothing.
    static func stop(_ s: Server, root: URL) {
        guard !processes(s).isEmpty else { return }
        let stopped = (try? ClinicCluster.server(["pg_ctl", "-D", s.data.path, "-m", "fast", "-w", "-t", "30", "stop"],
                                                 log: root.appendingPathComponent("stop.out"))) != nil
        if !stopped { ClinicCluster.kill(postmasterIn: s.data) }
    }

    private func write(_ text: String, to file: URL) throws {
        try text.write(to: file, atomically: false, encoding: .utf8)
        chown(file.path, uid, gid)
    }

    private func append(_ text: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// Folders of earlier runs whose process is gone (a kill -9): their servers stopped, the folders removed.
    static func removeLeftovers() {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(folderPrefix) {
            guard let owner = pid_t(name.dropFirst(folderPrefix.count)), owner != getpid(),
                  Foundation.kill(owner, 0) != 0, errno != EPERM else { continue }
            let folder = URL(fileURLWithPath: base).appendingPathComponent(name)
            for s in ["a", "b"] { ClinicCluster.kill(postmasterIn: folder.appendingPathComponent(s).appendingPathComponent("data")) }
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
