import ClinicTestSupport
import Foundation
import StoreTestSupport
import XCTest

/// A private sshd on 127.0.0.1 for one test, configured from the repository's own deploy/sshd_config (only the
/// port, host key, pid file, key folder, the two groups' names and the forced command are changed), plus the
/// Unix users and groups the test creates. Everything lives in /run/portal-sshtest-PID-*, a root-owned 0755 folder (StrictModes
/// refuses key files under world-writable /tmp). `stop()` removes the server, the users, the group, the
/// folder and /run/sshd if this run made it; an atexit handler and the start of every later run clean up after
/// a crashed one (users whose name carries a dead test's pid, folders of dead runs).
final class PrivateSSHD: @unchecked Sendable {
    static let userPrefix = "pshx"
    static let folderPrefix = "portal-sshtest-"

    let root: URL
    let port: Int
    /// The test's users and groups carry this run's pid, so a later run can tell which are left over.
    let tag: String
    /// deploy/sshd_config's portal-patients, for this run.
    var group: String { "\(tag)g" }
    /// deploy/sshd_config's portal-staff (the therapists), for this run.
    var staffGroup: String { "\(tag)s" }
    var keys: URL { root.appendingPathComponent("keys") }
    var homes: URL { root.appendingPathComponent("home") }
    var shares: URL { root.appendingPathComponent("shares") }
    var client: URL { root.appendingPathComponent("client") }
    var bin: URL { root.appendingPathComponent("bin") }
    private var pidFile: URL { root.appendingPathComponent("sshd.pid") }
    private var madeRunSSHD = false
    private(set) var users: [String] = []
    private var stopped = false

    init() throws {
        Self.removeLeftovers()
        tag = "\(Self.userPrefix)\(getpid())"
        root = URL(fileURLWithPath: "/run/\(Self.folderPrefix)\(getpid())-\(UUID().uuidString.prefix(6))")
        port = Int.random(in: 20000...60000)
        Self.register(self)
        let fm = FileManager.default
        for folder in [root, keys, homes, shares, bin] {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            chmod(folder.path, 0o755)
        }
        try fm.createDirectory(at: client, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try run(["/usr/sbin/groupadd", group])
        try run(["/usr/sbin/groupadd", staffGroup])
    }

    /// A user name of this run (at most 32 characters, letters and digits).
    func userName(_ suffix: String) -> String { tag + suffix }

    /// Adds a user by hand (the therapist; patients go through deploy/add-patient-login).
    func addUser(_ name: String) throws {
        users.append(name)
        try run(["/usr/sbin/useradd", "--password", "*", "--shell", "/bin/sh", "--home-dir", homes.appendingPathComponent(name).path,
                 "--no-create-home", name])
    }

    /// Notes a user made by someone else (the deploy script), so `stop()` removes it.
    func adopt(_ name: String) { users.append(name) }

    /// A new key pair for `name`: the private half stays with the client (root, 0600).
    func newKey(_ name: String) throws -> URL {
        let key = client.appendingPathComponent(name)
        try run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.path])
        return key
    }

    /// Starts sshd from deploy/sshd_config with `forceCommand` where the file forces the portal, and this run's
    /// two groups where it names portal-patients and portal-staff (so a `Match Group` that left the staff out
    /// would leave the test's therapist out too).
    func start(config deploy: String, forceCommand: String) throws {
        if !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            madeRunSSHD = true
        }
        let hostKey = root.appendingPathComponent("host_ed25519")
        try run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.path])
        var lines = ["ListenAddress 127.0.0.1", "HostKey \(hostKey.path)", "PidFile \(pidFile.path)"]
        for line in deploy.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("Port ") { lines.append("Port \(port)") }
            else if t.hasPrefix("AuthorizedKeysFile ") { lines.append("AuthorizedKeysFile \(keys.path)/%u") }
            else if t.hasPrefix("AllowGroups ") || t.hasPrefix("Match Group ") {
                lines.append(line.replacingOccurrences(of: "portal-patients", with: group).replacingOccurrences(of: "portal-staff", with: staffGroup))
            }
            else if t.hasPrefix("ForceCommand ") { lines.append("    ForceCommand \(forceCommand)") }
            else { lines.append(line) }
        }
        let config = root.appendingPathComponent("sshd_config")
        try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        try run(["/usr/sbin/sshd", "-t", "-f", config.path])
        try run(["/usr/sbin/sshd", "-f", config.path, "-E", root.appendingPathComponent("sshd.log").path])
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: pidFile.path) { usleep(100_000) }
    }

    var log: String { (try? String(contentsOf: root.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? "" }

    /// The ssh client's arguments for logging in as `user` with her key.
    func ssh(_ user: String, _ extra: [String] = []) -> [String] {
        ["/usr/bin/ssh", "-F", "/dev/null", "-i", client.appendingPathComponent(user).path, "-p", "\(port)",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
         "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"] + extra + ["\(user)@127.0.0.1"]
    }

    /// Runs a program and returns its output; throws when it fails unless `allowFailure`.
    @discardableResult
    func run(_ argv: [String], allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let out = root.appendingPathComponent("cmd-\(UUID().uuidString.prefix(6)).out").path
        let status = try PrivateCluster.spawn(argv, output: out)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        unlink(out)
        if status != 0, !allowFailure { throw ClusterError("\(argv.joined(separator: " ")) failed (\(status)): \(text)") }
        return (status, text)
    }

    /// Stops sshd and every session it runs, removes the users, the group and the folders. Safe to call twice.
    func stop() {
        guard !stopped else { return }
        stopped = true
        Self.killServer(pidFile: pidFile)
        for user in users { Self.removeUser(user) }
        for g in [group, staffGroup] { _ = try? PrivateCluster.spawn(["/usr/sbin/groupdel", g], output: "/dev/null") }
        try? FileManager.default.removeItem(at: root)
        if madeRunSSHD { try? FileManager.default.removeItem(atPath: "/run/sshd") }
        Self.registry.withLock { _ = Self.live.removeValue(forKey: ObjectIdentifier(self)) }
    }

    private static func removeUser(_ user: String) {
        // Her processes first (a session the test cut), then the account.
        if let pw = getpwnam(user) {
            let uid = pw.pointee.pw_uid
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = pid_t(entry), let attrs = try? FileManager.default.attributesOfItem(atPath: "/proc/\(entry)"),
                      (attrs[.ownerAccountID] as? NSNumber)?.uint32Value == uid else { continue }
                kill(pid, SIGKILL)
            }
            usleep(100_000)
        }
        _ = try? PrivateCluster.spawn(["/usr/sbin/userdel", "-r", "-f", user], output: "/dev/null")
    }

    private static func killServer(pidFile: URL) {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
              let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("sshd") else { return }
        kill(pid, SIGTERM)
        for _ in 0..<30 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    // MARK: Clean-up after this run and after crashed ones

    nonisolated(unsafe) private static var live: [ObjectIdentifier: PrivateSSHD] = [:]
    nonisolated(unsafe) private static var atexitInstalled = false
    private static let registry = NSLock()

    private static func register(_ s: PrivateSSHD) {
        registry.withLock {
            live[ObjectIdentifier(s)] = s
            if !atexitInstalled {
                atexitInstalled = true
                atexit { PrivateSSHD.registry.withLock { Array(PrivateSSHD.live.values) }.forEach { $0.stop() } }
            }
        }
    }

    private static func alive(_ pid: pid_t) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) }

    /// Servers, folders, users and groups of earlier runs whose test process is gone.
    static func removeLeftovers() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/run")) ?? [] where name.hasPrefix(folderPrefix) {
            let owner = name.dropFirst(folderPrefix.count).split(separator: "-").first.flatMap { pid_t($0) } ?? 0
            if owner == getpid() || alive(owner) { continue }
            killServer(pidFile: URL(fileURLWithPath: "/run/\(name)/sshd.pid"))
            try? FileManager.default.removeItem(atPath: "/run/\(name)")
        }
        func leftovers(_ file: String) -> [String] {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                let name = String(line.split(separator: ":").first ?? "")
                guard name.hasPrefix(userPrefix) else { return nil }
                let pid = pid_t(name.dropFirst(userPrefix.count).prefix { $0.isNumber }) ?? 0
                return pid == getpid() || alive(pid) ? nil : name
            }
        }
        leftovers("/etc/passwd").forEach(removeUser)
        for g in leftovers("/etc/group") { _ = try? PrivateCluster.spawn(["/usr/sbin/groupdel", g], output: "/dev/null") }
    }
}
