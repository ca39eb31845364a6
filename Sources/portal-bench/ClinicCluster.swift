import Foundation

/// The benchmark's own PostgreSQL 15 cluster in a temporary folder: socket only, its own port, peer
/// authentication. Unix users log in as the role of their own name (as on a clinic's server); the benchmark's
/// own user (root) may log in as `postgres` and as the few patient roles it drives directly (`portal log`,
/// the local Home), listed in pg_ident.conf before the server starts. The fill runs with fsync off; every
/// figure after it is taken with fsync and synchronous commit on, as a clinic runs.
final class ClinicCluster {
    static let binaries = "/usr/lib/postgresql/15/bin"
    static let folderPrefix = "portal-bench-clinic-"

    let root: URL
    let port = Int.random(in: 20000...60000)
    var data: URL { root.appendingPathComponent("data") }
    var socketFolder: URL { root.appendingPathComponent("socket") }
    var logFile: URL { root.appendingPathComponent("server.log") }
    var work: URL { root.appendingPathComponent("work") }

    /// The libpq connection string for `role` (nil: the login's own name, as over ssh).
    func conninfo(_ role: String?, database: String = "portal") -> String {
        "host=\(socketFolder.path) port=\(port) dbname=\(database)" + (role.map { " user=\($0)" } ?? "")
    }

    /// Creates and starts the cluster; `roles` are the patient roles root may log in as.
    init(roles: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binaries + "/initdb") else {
            throw ClinicProcess.Failed(description: "PostgreSQL 15's server is not installed (\(Self.binaries)/initdb); `make bench-clinic` installs it.")
        }
        guard let pw = getpwnam("postgres") else { throw ClinicProcess.Failed(description: "there is no postgres user to run the server as") }
        let (uid, gid) = (pw.pointee.pw_uid, pw.pointee.pw_gid)
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        root = URL(fileURLWithPath: base).appendingPathComponent("\(Self.folderPrefix)\(getpid())")
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let dataPath = data, rootPath = root
        ClinicCleanup.add("cluster") {
            if FileManager.default.fileExists(atPath: dataPath.appendingPathComponent("postmaster.pid").path) {
                let stopped = (try? ClinicCluster.server(["pg_ctl", "-D", dataPath.path, "-m", "fast", "-w", "-t", "30", "stop"],
                                                         log: rootPath.appendingPathComponent("stop.out"))) != nil
                if !stopped { ClinicCluster.kill(postmasterIn: dataPath) }
            }
            try? FileManager.default.removeItem(at: rootPath)
        }
        chmod(root.path, 0o755)
        try fm.createDirectory(at: socketFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try fm.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        _ = fm.createFile(atPath: logFile.path, contents: nil)
        for path in [data.path, socketFolder.path, logFile.path] where chown(path, uid, gid) != 0 {
            throw ClinicProcess.Failed(description: "cannot give \(path) to the postgres user")
        }
        try Self.server(["initdb", "-D", data.path, "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8",
                         "--auth-local=peer", "--auth-host=reject"], log: work.appendingPathComponent("initdb.out"))
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        // Every Unix user as the role of her own name; root as the administrator and the listed patients.
        var ident = "bench /^(.*)$ \\1\nbench \(me) postgres\n"
        for role in roles { ident += "bench \(me) \(role)\n" }
        try write(ident, to: "pg_ident.conf", uid: uid, gid: gid)
        // The clinic's lines of deploy/pg_hba.conf first (its logins reach the portal database only), as on a server.
        let deploy = try String(contentsOf: ClinicBench.repository.appendingPathComponent("deploy/pg_hba.conf"), encoding: .utf8)
        let clinic = deploy.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { $0.hasSuffix("peer") ? "\($0) map=bench" : $0 }
        // The benchmark's second clinic (the 100-patient one, `portal_small`) is reached as `portal` is: the deploy's
        // lines reject every other database to the clinic's logins, so without this line her Home there never opened.
        let small = clinic.filter { $0.contains(" portal ") }.map { $0.replacingOccurrences(of: " portal ", with: " portal_small ") }
        try write((small + clinic + ["local all all peer map=bench"]).joined(separator: "\n") + "\n", to: "pg_hba.conf", uid: uid, gid: gid)
        let conf = """

            listen_addresses = ''
            port = \(port)
            unix_socket_directories = '\(socketFolder.path)'
            max_connections = 200
            shared_buffers = 256MB
            max_wal_size = 8GB
            checkpoint_timeout = 30min
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            shared_preload_libraries = 'pg_stat_statements'
            pg_stat_statements.track_planning = on

            """
        let handle = try FileHandle(forWritingTo: data.appendingPathComponent("postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(conf.utf8))
        try handle.close()
        try Self.server(["pg_ctl", "-D", data.path, "-l", logFile.path, "-w", "-t", "60", "start"], log: work.appendingPathComponent("start.out"))
    }

    private func write(_ text: String, to name: String, uid: uid_t, gid: gid_t) throws {
        let path = data.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chown(path, uid, gid)
    }

    /// Durable from now on: fsync, full-page writes and synchronous commit back on, and a checkpoint that
    /// writes out everything the fill left in memory, so no later figure pays for the fill.
    func makeDurable() throws {
        try setFsync(true)
        try sql("CHECKPOINT;", database: "postgres")
    }

    /// fsync, full-page writes and synchronous commit on or off (off only while filling); the server re-reads
    /// them without a restart.
    func setFsync(_ on: Bool) throws {
        let v = on ? "on" : "off"
        try sql("""
            ALTER SYSTEM SET fsync = \(v);
            ALTER SYSTEM SET full_page_writes = \(v);
            ALTER SYSTEM SET synchronous_commit = \(v);
            SELECT pg_reload_conf();
            """, database: "postgres")
        usleep(300_000)
    }

    /// Runs SQL as `postgres` through psql (stopping at the first error) and returns what it printed:
    /// unaligned, tuples only, so a query's value reads back as plain text.
    @discardableResult
    func sql(_ text: String, database: String = "portal") throws -> String {
        let file = work.appendingPathComponent("q-\(UUID().uuidString.prefix(8)).sql")
        try text.write(to: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let conn = "host=\(socketFolder.path) port=\(port) dbname=\(database) user=postgres"
        return try ClinicProcess.run([Self.binaries + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conn, "-f", file.path],
                                     in: work).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func sql(database: String, _ text: String) throws -> String { try sql(text, database: database) }

    /// One number from a query.
    func number(_ query: String, database: String = "portal") throws -> Int {
        let text = try sql(query, database: database)
        guard let n = Int(text) else { throw ClinicProcess.Failed(description: "expected a number from “\(query)”, got “\(text)”") }
        return n
    }

    /// Runs one of the server's programs as `postgres` (initdb refuses root), in / (postgres may not enter
    /// the folder the benchmark was started from).
    static func server(_ args: [String], log: URL) throws {
        let argv = ["/usr/bin/env", "-C", "/", "/usr/sbin/runuser", "-u", "postgres", "--", binaries + "/" + args[0]] + args.dropFirst()
        let status = ClinicProcess.wait(try ClinicProcess.spawn(argv, output: log.path))
        guard status == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ClinicProcess.Failed(description: "\(args[0]) failed (\(status)): \(text.suffix(2000))")
        }
    }

    /// Ends the postmaster named in `data`/postmaster.pid: an immediate shutdown, then SIGKILL.
    static func kill(postmasterIn data: URL) {
        guard let text = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }), pid > 1,
              let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("postgres") else { return }
        Foundation.kill(pid, SIGQUIT)
        for _ in 0..<50 where Foundation.kill(pid, 0) == 0 { usleep(100_000) }
        if Foundation.kill(pid, 0) == 0 { Foundation.kill(pid, SIGKILL) }
    }

    /// Clusters of earlier benchmark runs whose process is gone (a kill -9): stopped and removed.
    static func removeLeftovers() {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(folderPrefix) {
            guard let owner = pid_t(name.dropFirst(folderPrefix.count)), owner != getpid(),
                  Foundation.kill(owner, 0) != 0, errno != EPERM else { continue }
            let folder = URL(fileURLWithPath: base).appendingPathComponent(name)
            kill(postmasterIn: folder.appendingPathComponent("data"))
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
