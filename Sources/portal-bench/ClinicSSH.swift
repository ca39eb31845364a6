import Foundation

/// The benchmark's own sshd on 127.0.0.1, configured from the repository's deploy/sshd_config (the port, host
/// key, pid file, key folder and group are changed, the forced command points at a copy of the portal, and
/// MaxStartups is raised so 50 logins at once are not dropped as a flood), with one Unix user per patient it
/// logs in as. Users carry "portal-bench-clinic PID" in their comment field, so a later run can remove those
/// of a run that was killed before it could.
final class ClinicSSH {
    static let folderPrefix = "portal-bench-clinic-"
    static let comment = "portal-bench-clinic"

    let root: URL
    let port = Int.random(in: 20000...60000)
    /// A second port whose logins open the small clinic's database (`Match LocalPort`), so both sizes are
    /// measured through the same server in the same rounds.
    let smallPort = Int.random(in: 20000...60000)
    let group: String
    var keys: URL { root.appendingPathComponent("keys") }
    var homes: URL { root.appendingPathComponent("home") }
    var shares: URL { root.appendingPathComponent("shares") }
    var bin: URL { root.appendingPathComponent("bin") }
    var clientKey: URL { root.appendingPathComponent("client/id_ed25519") }
    var portal: String { bin.appendingPathComponent("portal").path }
    private var pidFile: URL { root.appendingPathComponent("sshd.pid") }
    var log: String { (try? String(contentsOf: root.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? "" }

    /// Makes the folders (root-owned, 0755: StrictModes refuses key files under world-writable /tmp), the
    /// group and the client's key, and copies the portal and its content where the users may run them.
    init(tag: String, builtPortal: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            throw ClinicProcess.Failed(description: "openssh-server is not installed (/usr/sbin/sshd); `make bench-clinic` installs it.")
        }
        root = URL(fileURLWithPath: "/run/\(Self.folderPrefix)\(getpid())")
        group = "\(tag)g"
        let fm = FileManager.default
        let (rootPath, pidPath, groupName) = (root, pidFile, group)
        var madeRunSSHD = false
        if !fm.fileExists(atPath: "/run/sshd") {
            try fm.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            madeRunSSHD = true
        }
        ClinicCleanup.add("sshd") {
            ClinicSSH.killServer(pidFile: pidPath)
            ClinicSSH.removeUsers(tagged: getpid())
            _ = try? ClinicProcess.run(["/usr/sbin/groupdel", groupName], in: URL(fileURLWithPath: "/tmp"), allowFailure: true)
            try? FileManager.default.removeItem(at: rootPath)
            if madeRunSSHD { try? FileManager.default.removeItem(atPath: "/run/sshd") }
        }
        for folder in [root, keys, homes, shares, bin] {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            chmod(folder.path, 0o755)
        }
        try fm.createDirectory(at: clientKey.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try run(["/usr/sbin/groupadd", group])
        try run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "portal-bench", "-f", clientKey.path])
        try run(["/bin/cp", builtPortal.appendingPathComponent("portal").path, portal])
        try run(["/bin/cp", "-R", builtPortal.appendingPathComponent("portal_PortalContent.resources").path, bin.path])
        try run(["/bin/chmod", "-R", "a+rX", bin.path])
    }

    @discardableResult
    func run(_ argv: [String]) throws -> String { try ClinicProcess.run(argv, in: root).output }

    /// Adds patient `user`'s Unix login as deploy/add-patient-login does (the group, /bin/sh, a home she cannot
    /// write, a root-owned `restrict,pty` key file, her own share folder), with the benchmark's client key.
    func addUser(_ user: String) throws {
        let home = homes.appendingPathComponent(user).path
        try run(["/usr/sbin/useradd", "--gid", group, "--password", "*", "--shell", "/bin/sh", "--home-dir", home, "--no-create-home",
                 "--comment", "\(Self.comment) \(getpid())", user])
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let share = shares.appendingPathComponent(user).path
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let pw = getpwnam(user) { chown(share, pw.pointee.pw_uid, pw.pointee.pw_gid) }
        let key = try String(contentsOf: clientKey.appendingPathExtension("pub"), encoding: .utf8)
        let file = keys.appendingPathComponent(user).path
        try "restrict,pty \(key.trimmingCharacters(in: .whitespacesAndNewlines))\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
    }

    /// Starts sshd from deploy/sshd_config with `forceCommand` for the benchmark's patient group, and
    /// `smallCommand` for logins on `smallPort` (a Match block placed first: sshd keeps a keyword's first value).
    func start(config deploy: String, forceCommand: String, smallCommand: String) throws {
        let hostKey = root.appendingPathComponent("host_ed25519")
        try run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.path])
        var lines = ["ListenAddress 127.0.0.1", "HostKey \(hostKey.path)", "PidFile \(pidFile.path)", "MaxStartups 200", "MaxSessions 10"]
        for line in deploy.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("Port ") { lines += ["Port \(port)", "Port \(smallPort)"] }
            else if t.hasPrefix("AuthorizedKeysFile ") { lines.append("AuthorizedKeysFile \(keys.path)/%u") }
            else if t.hasPrefix("AllowGroups ") { lines.append("AllowGroups \(group)") }
            else if t.hasPrefix("Match Group ") {
                lines += ["Match Group \(group) LocalPort \(smallPort)", "    ForceCommand \(smallCommand)", "Match Group \(group)"]
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

    /// The ssh client's command for `user`'s login in a terminal (`ssh -tt`).
    func ssh(_ user: String, port: Int? = nil) -> [String] {
        ["/usr/bin/ssh", "-tt", "-F", "/dev/null", "-i", clientKey.path, "-p", "\(port ?? self.port)",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
         "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "\(user)@127.0.0.1"]
    }

    static func killServer(pidFile: URL) {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
              let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("sshd") else { return }
        kill(pid, SIGTERM)
        for _ in 0..<30 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    /// The users whose comment names benchmark run `pid`, read from /etc/passwd.
    static func users(tagged pid: pid_t?) -> [(name: String, pid: pid_t)] {
        let text = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 5, fields[4].hasPrefix(comment + " "), let owner = pid_t(fields[4].dropFirst(comment.count + 1)) else { return nil }
            return pid == nil || owner == pid ? (String(fields[0]), owner) : nil
        }
    }

    /// Kills every process of the run's users (a cut session's leftovers), then removes the accounts.
    static func removeUsers(tagged pid: pid_t) {
        let names = users(tagged: pid).map(\.name)
        for name in names {
            guard let pw = getpwnam(name) else { continue }
            for p in ClinicProcess.processes(uid: pw.pointee.pw_uid) { kill(p.pid, SIGKILL) }
        }
        if !names.isEmpty { usleep(100_000) }
        for name in names {
            _ = try? ClinicProcess.run(["/usr/sbin/userdel", "-f", name], in: URL(fileURLWithPath: "/tmp"), allowFailure: true)
        }
    }

    /// Servers, folders, users and groups of earlier runs whose benchmark process is gone.
    static func removeLeftovers() {
        func gone(_ pid: pid_t) -> Bool { pid != getpid() && kill(pid, 0) != 0 && errno != EPERM }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/run")) ?? [] where name.hasPrefix(folderPrefix) {
            guard let owner = pid_t(name.dropFirst(folderPrefix.count)), gone(owner) else { continue }
            killServer(pidFile: URL(fileURLWithPath: "/run/\(name)/sshd.pid"))
            try? FileManager.default.removeItem(atPath: "/run/\(name)")
        }
        for owner in Set(users(tagged: nil).map(\.pid)) where gone(owner) {
            removeUsers(tagged: owner)
            _ = try? ClinicProcess.run(["/usr/sbin/groupdel", "pb\(owner)g"], in: URL(fileURLWithPath: "/tmp"), allowFailure: true)
        }
    }
}
