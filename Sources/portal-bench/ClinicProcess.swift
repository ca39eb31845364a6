import Foundation

/// Running the programs the clinic benchmark drives (initdb, pg_ctl, psql, sshd, useradd, the portal): posix_spawn
/// with output to a file, never a pipe, since pg_ctl and sshd leave servers running that would hold a pipe open.
enum ClinicProcess {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `argv` (an absolute path first) with stdin from /dev/null and stdout+stderr to `output`.
    /// With `input`, that descriptor becomes its stdin (and `closeInChild`, the pipe's other end, is closed there).
    static func spawn(_ argv: [String], output: String, environment: [String]? = nil,
                      input: Int32? = nil, closeInChild: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
            posix_spawn_file_actions_addclose(&actions, input)
            if let closeInChild { posix_spawn_file_actions_addclose(&actions, closeInChild) }
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc: Int32
        if let environment {
            let cEnv = environment.map { strdup($0) } + [nil]
            defer { cEnv.forEach { free($0) } }
            rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        } else {
            rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        }
        guard rc == 0 else { throw Failed(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        ClinicCleanup.track(pid)
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal when a signal ended it).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        ClinicCleanup.untrack(pid)
        return exitCode(status)
    }

    static func exitCode(_ status: Int32) -> Int32 { (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }

    /// Runs `argv` to its end; returns its output, or throws with it when the exit status is not 0.
    @discardableResult
    static func run(_ argv: [String], in folder: URL, allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let out = folder.appendingPathComponent("cmd-\(UUID().uuidString.prefix(8)).out").path
        defer { unlink(out) }
        let status = wait(try spawn(argv, output: out))
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        if status != 0, !allowFailure {
            throw Failed(description: "\(argv.prefix(6).joined(separator: " ")) failed (\(status)): \(text.suffix(3000))")
        }
        return (status, text)
    }

    static var monotonicNs: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Processes owned by `uid` that are not zombies, with their command names.
    static func processes(uid: uid_t) -> [(pid: pid_t, name: String)] {
        processes(of: [uid])[uid] ?? []
    }

    /// The live (not zombie) processes of each of `uids`, from one pass over /proc, so one moment's picture.
    static func processes(of uids: Set<uid_t>) -> [uid_t: [(pid: pid_t, name: String)]] {
        var out: [uid_t: [(pid: pid_t, name: String)]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            var st = stat()
            guard let pid = pid_t(entry), stat("/proc/\(entry)", &st) == 0, uids.contains(st.st_uid),
                  let text = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
                  !text[text.index(after: close)...].hasPrefix(" Z") else { continue }
            out[st.st_uid, default: []].append((pid, String(text[text.index(after: open)..<close])))
        }
        return out
    }
}
