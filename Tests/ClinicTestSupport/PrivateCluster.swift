import Foundation
import PortalClinic

/// A private PostgreSQL 15 cluster in a folder of its own under /tmp, for one test class: socket only (no TCP),
/// its own port and socket folder, fsync off, peer authentication only. It never touches the system's cluster.
///
/// The test process's Unix user logs in over peer authentication as real roles (`postgres` to administer,
/// `pt_N` patients, `th_N` therapists) through a `pg_ident.conf` map written before the server starts:
/// every session is a real login as that role, so row-level security sees exactly what a patient's login sees.
///
/// Clean-up happens whatever the tests do: `stop()` from the class's tearDown, an atexit handler for a run
/// that ends early, and at every start the folders of earlier runs whose test process is gone are stopped
/// (by the pid in their postmaster.pid) and removed. A run killed by a signal (a timeout's SIGTERM, kill -9) runs
/// no handler at all, so each cluster also has a watchdog (`watch()`): a shell that stops the server and removes the
/// folder within two seconds of the test process's end, and ends itself once the folder is gone.
public final class PrivateCluster: @unchecked Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    static let folderPrefix = "portal-pgtest-"
    /// How many patient and therapist roles the ident map lets the test user log in as.
    public static let patientSlots = 400, therapistSlots = 40

    public let root: URL
    public let port: Int
    public let database = "portal"
    var data: URL { root.appendingPathComponent("data") }
    public var socketFolder: URL { root.appendingPathComponent("socket") }
    private var logFile: URL { root.appendingPathComponent("server.log") }
    private let lock = NSLock()
    private var nextPatient = 0, nextTherapist = 0
    private var stopped = false

    /// The libpq connection string for logging in as `role`.
    public func conninfo(_ role: String, database: String? = nil) -> String {
        "host=\(socketFolder.path) port=\(port) dbname=\(database ?? self.database) user=\(role)"
    }

    /// Starts a new cluster with the portal's schema in database `portal`. Throws a message naming what is
    /// missing when the server is not installed. `replication`: set up as the primary of a pair
    /// (`ReplicatedPair`): `deploy/postgresql-replication.conf` included, synchronous commit on, the
    /// replication role `portal_replicator` (`deploy/pg-standby prepare`).
    public static func start(replication: Bool = false) throws -> PrivateCluster {
        guard FileManager.default.isExecutableFile(atPath: binaries + "/initdb") else {
            throw ClusterError("PostgreSQL 15's server is not installed (\(binaries)/initdb is missing), so the clinic store cannot be tested. `make test` installs it (apt-get install postgresql-15).")
        }
        removeStaleClusters()
        let root = URL(fileURLWithPath: "/tmp/\(folderPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        let cluster = PrivateCluster(root: root, port: Int.random(in: 20000...60000))
        register(cluster)
        do {
            try cluster.create(replication: replication)
            try cluster.watch()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private init(root: URL, port: Int) {
        self.root = root
        self.port = port
    }

    /// The repository's deploy/ folder (the replication settings and scripts the pair uses).
    public static var deploy: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy")
    }

    private func makeFolders() throws {
        let fm = FileManager.default
        // The socket folder and every folder above it must be searchable by other users (0755).
        try fm.createDirectory(at: socketFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        chmod(root.path, 0o755)
        try fm.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = fm.createFile(atPath: logFile.path, contents: nil)
        if Self.asRoot {
            for path in [data.path, socketFolder.path, logFile.path] {
                guard chown(path, Self.postgresUser.uid, Self.postgresUser.gid) == 0 else {
                    throw ClusterError("Cannot give \(path) to the postgres user.")
                }
            }
        }
    }

    private func create(replication: Bool) throws {
        try makeFolders()
        try server(["initdb", "-D", data.path, "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8",
                    "--auth-local=peer", "--auth-host=reject"])
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        var ident = "portal \(me) postgres\n"
        for n in 1...Self.patientSlots { ident += "portal \(me) pt_\(n)\n" }
        for n in 1...Self.therapistSlots { ident += "portal \(me) th_\(n)\n" }
        // The standby's walreceiver and pg_rewind log in as portal_replicator from the server's own user.
        // deploy/pg-standby runs as the server's user, as the administrator.
        ident += "portal \(me) portal_replicator\nportal postgres portal_replicator\nportal postgres postgres\n"
        try ident.write(to: data.appendingPathComponent("pg_ident.conf"), atomically: false, encoding: .utf8)
        try Self.hba(map: "portal").write(to: data.appendingPathComponent("pg_hba.conf"), atomically: false, encoding: .utf8)
        // fsync off: a test needs no crash safety of the machine, only of the server's processes (a SIGKILL).
        // A pair keeps the deploy file's settings (synchronous commit, full-page writes for pg_rewind), copied in
        // rather than included by path: the server's user may not reach a clone in a private (0700) folder.
        let conf = """

            listen_addresses = ''
            port = \(port)
            unix_socket_directories = '\(socketFolder.path)'
            fsync = off
            shared_buffers = 16MB
            max_connections = 40

            """ + (replication ? try String(contentsOf: Self.deploy.appendingPathComponent("postgresql-replication.conf"), encoding: .utf8)
                                : "synchronous_commit = off\nfull_page_writes = off\n")
        try append(conf, to: "postgresql.conf")
        try startServer()
        if replication { try deployScript(["prepare", conninfo("postgres", database: "postgres")]) }

        let admin = try PGConnection(conninfo("postgres", database: "postgres"))
        try admin.executeAlone("CREATE DATABASE portal")
        try ClinicAdmin(connection: try PGConnection(conninfo("postgres"))).initialise()
    }

    /// The clinic's own lines of deploy/pg_hba.conf (the portal's logins reach the portal database and no other),
    /// each peer line through the ident map `map`, then every other login as the test's user maps it.
    public static func hba(map: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let deploy = try String(contentsOf: repository.appendingPathComponent("deploy/pg_hba.conf"), encoding: .utf8)
        let clinic = deploy.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.hasSuffix("peer") ? "\($0) map=\(map)" : $0 }
        return (clinic + ["local all all peer map=\(map)", "local replication all peer map=\(map)"]).joined(separator: "\n") + "\n"
    }

    private func append(_ text: String, to name: String) throws {
        let handle = try FileHandle(forWritingTo: data.appendingPathComponent(name))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    public func startServer() throws {
        try server(["pg_ctl", "-D", data.path, "-l", logFile.path, "-w", "-t", "30", "start"])
    }

    public func stopServer() throws {
        try server(["pg_ctl", "-D", data.path, "-m", "fast", "-w", "-t", "30", "stop"])
    }

    /// The end of the server's log, for a failure's message.
    public var logTail: String { String(((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").suffix(3000)) }

    /// The replication connection to this server, as its standby (or pg_rewind) uses it.
    var replicationConninfo: String { "host=\(socketFolder.path) port=\(port) user=portal_replicator" }

    /// A hot standby of `primary`, made by `deploy/pg-standby clone` (a base backup and a replication slot),
    /// on its own port and socket folder, streaming as `name` (which the primary's settings wait for).
    static func standby(of primary: PrivateCluster, name: String) throws -> PrivateCluster {
        let root = URL(fileURLWithPath: "/tmp/\(folderPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        let cluster = PrivateCluster(root: root, port: Int.random(in: 20000...60000))
        register(cluster)
        do {
            try cluster.makeFolders()
            try cluster.deployScript(["clone", primary.replicationConninfo, name, cluster.data.path])
            // The base backup copied the primary's settings: its own port and socket folder win (read later).
            try cluster.append("\nport = \(cluster.port)\nunix_socket_directories = '\(cluster.socketFolder.path)'\n", to: "postgresql.conf")
            try cluster.startServer()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    /// Runs `deploy/pg-standby` with `args`, as the server's user (postgres when the tests run as root).
    /// It runs from a copy in this cluster's own folder (0755): the server's user may not reach the script in a
    /// clone in a private (0700) folder.
    func deployScript(_ args: [String]) throws {
        let script = root.appendingPathComponent("pg-standby").path
        if !FileManager.default.fileExists(atPath: script) {
            try FileManager.default.copyItem(atPath: Self.deploy.appendingPathComponent("pg-standby").path, toPath: script)
            chmod(script, 0o755)
        }
        let env = ["/usr/bin/env", "-C", "/", "PGBIN=\(Self.binaries)"]
        let argv = Self.asRoot ? ["/usr/bin/env", "-C", "/", "/usr/sbin/runuser", "-u", "postgres", "--", "/usr/bin/env", "PGBIN=\(Self.binaries)", script] + args
                               : env + [script] + args
        let out = root.appendingPathComponent("command.out").path
        let status = try Self.spawn(argv, output: out)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw ClusterError("pg-standby \(args[0]) failed (\(status)): \(text)\n\(log.suffix(2000))")
        }
    }

    /// The postmaster's pid and every process it started, from /proc: what a machine's death takes away.
    func serverProcesses() -> [pid_t] {
        guard let text = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
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

    /// Kills the server as a machine's death would: SIGKILL to the postmaster and all its processes at
    /// once, no shutdown, nothing flushed or said to the clients. Its folder stays (pg_rewind needs it).
    public func killServer() {
        let pids = serverProcesses()
        for pid in pids { Foundation.kill(pid, SIGKILL) }
        for _ in 0..<100 where pids.contains(where: { Foundation.kill($0, 0) == 0 }) { usleep(20_000) }
    }

    /// An administrator's session on the portal database (a superuser: for setting up, never for checks).
    /// Pins the clinic's day (`clinic_now()`'s date; its time of day stays the clock's) to `day` (YYYY-MM-DD), for
    /// tests whose portal clock is pinned (PORTAL_TODAY, a `PortalClock` of a fixed day): the server's rules on
    /// the clinic's day (a week is published to start after it) then agree with the portal's. `unpinClinicDay`
    /// gives the clock back. As the administrator; only on a test's own cluster.
    public func pinClinicDay(_ day: String) throws {
        guard day.count == 10, day.allSatisfy({ $0.isNumber || $0 == "-" }) else { throw ClusterError("not a day: \(day)") }
        try clinicNow("date '\(day)' + (\(ClinicSchema.clinicClockSQL))::time")
    }

    /// Pins the clinic's clock to `moment` (YYYY-MM-DDTHH:MM, as `PORTAL_TODAY` pins a time of day): from now on it
    /// reads that moment plus the time gone since, so the server's rules on the time of day (a visit recorded
    /// once its time has come) agree with a portal whose time is pinned, whatever the hour the tests run.
    public func pinClinicMoment(_ moment: String) throws {
        guard moment.count == 16, moment.allSatisfy({ $0.isNumber || "-T:".contains($0) }) else { throw ClusterError("not a moment: \(moment)") }
        let since = Date().timeIntervalSince1970
        try clinicNow("timestamp '\(moment.replacingOccurrences(of: "T", with: " "))' + (clock_timestamp() - to_timestamp(\(since)))")
    }

    /// The clinic's clock as `ClinicSchema` makes it (change 20), after `pinClinicDay`.
    public func unpinClinicDay() throws {
        try clinicNow(ClinicSchema.clinicClockSQL)
    }

    private func clinicNow(_ body: String) throws {
        try PGConnection(conninfo("postgres")).execute("""
            CREATE OR REPLACE FUNCTION public.clinic_now() RETURNS timestamp without time zone LANGUAGE sql VOLATILE SECURITY DEFINER
            SET search_path = pg_catalog AS $$ SELECT \(body) $$;
            """)
    }

    public func admin() throws -> ClinicAdmin { ClinicAdmin(connection: try PGConnection(conninfo("postgres"))) }

    /// Lets each Unix user log in as the role of her own name (a real clinic's plain peer login), for tests that
    /// log in as real users created for them, and the test's own user as each of them; the server re-reads its
    /// ident map.
    public func allowOwnLogins(_ users: [String]) throws {
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        let map = data.appendingPathComponent("pg_ident.conf")
        let handle = try FileHandle(forWritingTo: map)
        handle.seekToEndOfFile()
        handle.write(Data(users.map { "portal \($0) \($0)\nportal \(me) \($0)\n" }.joined().utf8))
        try handle.close()
        let admin = try PGConnection(conninfo("postgres"))
        try admin.executeAlone("SELECT pg_reload_conf()")
        usleep(300_000)  // the postmaster reloads on the signal, a moment later
    }

    /// Replaces pg_hba.conf and has the server read it again (tests of what the clinic's lines change).
    public func replaceHBA(_ text: String) throws {
        try text.write(to: data.appendingPathComponent("pg_hba.conf"), atomically: false, encoding: .utf8)
        try PGConnection(conninfo("postgres")).executeAlone("SELECT pg_reload_conf()")
        usleep(300_000)  // the postmaster reloads on the signal, a moment later
    }

    /// A new therapist's role.
    public func newTherapist() throws -> String {
        let role = try lock.withLock { () throws -> String in
            nextTherapist += 1
            guard nextTherapist <= Self.therapistSlots else { throw ClusterError("out of therapist roles") }
            return "th_\(nextTherapist)"
        }
        try admin().addTherapist(role)
        return role
    }

    /// A new patient's role, with `therapist` as her therapist.
    public func newPatient(therapist: String? = nil) throws -> String {
        let role = try lock.withLock { () throws -> String in
            nextPatient += 1
            guard nextPatient <= Self.patientSlots else { throw ClusterError("out of patient roles") }
            return "pt_\(nextPatient)"
        }
        try admin().addPatient(role, therapist: therapist)
        return role
    }

    /// Starts the watchdog: a shell, detached from the test process (its subshell outlives the `sh -c` that
    /// spawn() waits for), that polls the test process and the folder every two seconds; when the process is gone
    /// and the folder is still there, it ends the postmaster (SIGQUIT, an immediate shutdown, then SIGKILL) only
    /// while the process of the pid file's number is this cluster's (its command line names the folder: a stale
    /// file or a reused pid ends no one else's process), and removes the folder.
    private func watch() throws {
        let script = #"(while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done; "#
            + #"if [ -d "$2" ]; then p=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null); "#
            + #"if [ -n "$p" ] && grep -aqF "$2" "/proc/$p/cmdline" 2>/dev/null; then kill -QUIT "$p" 2>/dev/null; sleep 3; "#
            + #"grep -aqF "$2" "/proc/$p/cmdline" 2>/dev/null && kill -KILL "$p" 2>/dev/null; fi; rm -rf "$2"; fi) &"#
        _ = try Self.spawn(["/bin/sh", "-c", script, "portal-pgtest-watchdog", "\(getpid())", root.path], output: "/dev/null")
    }

    /// Stops the server (fast, then immediate, then by signal) and removes the folder. Safe to call twice.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        if FileManager.default.fileExists(atPath: data.appendingPathComponent("postmaster.pid").path), !serverProcesses().isEmpty {
            if (try? server(["pg_ctl", "-D", data.path, "-m", "fast", "-w", "-t", "20", "stop"])) == nil {
                Self.kill(postmasterIn: data)
            }
        }
        try? FileManager.default.removeItem(at: root)
        Self.unregister(self)
    }

    // MARK: Running the server's programs

    private static var asRoot: Bool { geteuid() == 0 }
    private static var postgresUser: (uid: uid_t, gid: gid_t) {
        guard let pw = getpwnam("postgres") else { return (0, 0) }
        return (pw.pointee.pw_uid, pw.pointee.pw_gid)
    }

    /// Runs one of the server's programs, as `postgres` when the tests run as root (initdb refuses root).
    private func server(_ args: [String]) throws {
        let program = Self.binaries + "/" + args[0]
        // In / (`env -C`): postgres may not enter the worktree the tests run in.
        let inRoot = ["/usr/bin/env", "-C", "/"]
        let argv = inRoot + (Self.asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] : [program]) + args.dropFirst()
        let out = root.appendingPathComponent("command.out").path
        let status = try Self.spawn(argv, output: out)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw ClusterError("\(args[0]) failed (\(status)): \(text)\n\(log.suffix(2000))")
        }
    }

    /// posix_spawn and waitpid, output to a file: pg_ctl leaves
    /// a server running, which must not hold a pipe the tests wait on.
    public static func spawn(_ argv: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process's is inherited: a server left running must not hold its pipes or its
        // locks (a build lock's descriptor kept by an orphaned postmaster held every later build). Every descriptor
        // open now without close-on-exec is closed in the child (glibc's spawn ignores one closed meanwhile).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            guard let fd = Int32(name), fd > 2, fcntl(fd, F_GETFD) >= 0, fcntl(fd, F_GETFD) & FD_CLOEXEC == 0 else { continue }
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw ClusterError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    // MARK: Clean-up of this run and of earlier ones

    nonisolated(unsafe) private static var live: [ObjectIdentifier: PrivateCluster] = [:]
    nonisolated(unsafe) private static var atexitInstalled = false
    private static let registry = NSLock()

    private static func register(_ c: PrivateCluster) {
        registry.withLock {
            live[ObjectIdentifier(c)] = c
            if !atexitInstalled {
                atexitInstalled = true
                atexit {
                    let clusters = PrivateCluster.registry.withLock { Array(PrivateCluster.live.values) }
                    clusters.forEach { $0.stop() }
                }
            }
        }
    }

    private static func unregister(_ c: PrivateCluster) {
        _ = registry.withLock { live.removeValue(forKey: ObjectIdentifier(c)) }
    }

    /// Stops and removes clusters left by test runs whose process is gone (a crash, a kill -9).
    static func removeStaleClusters() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in entries where name.hasPrefix(folderPrefix) {
            let owner = name.dropFirst(folderPrefix.count).split(separator: "-").first.flatMap { pid_t($0) } ?? 0
            if owner == getpid() { continue }
            if owner > 0, Foundation.kill(owner, 0) == 0 || errno == EPERM { continue } // still running
            let folder = URL(fileURLWithPath: "/tmp/" + name)
            kill(postmasterIn: folder.appendingPathComponent("data"))
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Ends the postmaster named in `data`/postmaster.pid: an immediate shutdown, then SIGKILL.
    static func kill(postmasterIn data: URL) {
        guard let text = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }), pid > 1
        else { return }
        // Only a postgres process: the pid may have been reused since.
        guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("postgres") else { return }
        Foundation.kill(pid, SIGQUIT)
        for _ in 0..<50 where Foundation.kill(pid, 0) == 0 { usleep(100_000) }
        if Foundation.kill(pid, 0) == 0 { Foundation.kill(pid, SIGKILL) }
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
