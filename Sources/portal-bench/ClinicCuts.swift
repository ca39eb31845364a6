import Foundation

/// 50 ssh sessions cut mid-use: each patient logs in with `ssh -tt` (C/ptycut.c holds the terminal), opens
/// "Log pain" and picks a score without saving; when all 50 portals are open on the server, every session is
/// cut at once, half by killing the ssh client (the connection drops without a goodbye), half by closing its
/// terminal (the client gets SIGHUP, as when a window closes). Then the server is watched: how long until
/// each patient's portal is gone, until no process of hers is left, until her database session has ended;
/// and the diary is counted, to show the half-typed entries were never written.
struct ClinicCuts {
    struct Figures {
        /// Milliseconds from the cut to each session's portal being gone.
        var portalGone: [Double] = []
        /// From the cut to the last process of all 50 users being gone, and their last database session.
        var allProcessesGone = Double.nan
        var allBackendsGone = Double.nan
        var opened = 0
        var failures: [String] = []
    }

    let cluster: ClinicCluster
    let ssh: ClinicSSH
    let ptycut: String
    let users: [String]

    func run() throws -> Figures {
        var f = Figures()
        let folder = cluster.work
        var sessions: [(pid: pid_t, input: Int32, out: String)] = []
        for (k, user) in users.enumerated() {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw BenchError("pipe failed") }
            let out = folder.appendingPathComponent("cut-\(k).out").path
            let argv = [ptycut, "120", "w:\(ClinicHome.marker)", "s:l", "w:Pain score", "s:7", "r", k % 2 == 0 ? "k" : "h", "--",
                        "/usr/bin/env", "TERM=xterm-256color"] + ssh.ssh(user)
            let pid = try ClinicProcess.spawn(argv, output: out, input: fds[0], closeInChild: fds[1])
            close(fds[0])
            sessions.append((pid, fds[1], out))
        }
        // Every session reaches "ready" (or its ptycut ends, having failed).
        let deadline = Date().addingTimeInterval(150)
        func ready(_ s: (pid: pid_t, input: Int32, out: String)) -> Bool {
            ((try? String(contentsOfFile: s.out, encoding: .utf8)) ?? "").contains("ready")
        }
        func ended(_ pid: pid_t) -> Bool { var st: Int32 = 0; return waitpid(pid, &st, WNOHANG) == pid }
        var failedEarly = Set<pid_t>()
        while Date() < deadline {
            for s in sessions where !ready(s) && !failedEarly.contains(s.pid) && ended(s.pid) {
                failedEarly.insert(s.pid)
                ClinicCleanup.untrack(s.pid)
                f.failures.append("a session did not open: \(((try? String(contentsOfFile: s.out, encoding: .utf8)) ?? "").suffix(400))")
            }
            if sessions.allSatisfy({ ready($0) || failedEarly.contains($0.pid) }) { break }
            usleep(100_000)
        }
        let uids = users.compactMap { getpwnam($0)?.pointee.pw_uid }
        let uidSet = Set(uids)
        func portals(_ snapshot: [uid_t: [(pid: pid_t, name: String)]]) -> Set<uid_t> {
            Set(snapshot.filter { $0.value.contains { $0.name == "portal" } }.keys)
        }
        let roleList = users.map { "'\($0)'" }.joined(separator: ",")
        let backendsQuery = "SELECT count(*) FROM pg_stat_activity WHERE usename IN (\(roleList))"
        f.opened = portals(ClinicProcess.processes(of: uidSet)).count
        let backends = try cluster.number(backendsQuery)
        if f.opened != users.count || backends != users.count {
            f.failures.append("before the cut \(f.opened) portals ran on the server and \(backends) database sessions were open; \(users.count) expected")
        }
        let diaryQuery = "SELECT count(*) FROM pain_entry e JOIN patient_account a USING (patient_id) WHERE a.role_name IN (\(roleList))"
        let diaryBefore = try cluster.number(diaryQuery)

        // The cut: one byte to every session at once.
        let t0 = ClinicProcess.monotonicNs
        for s in sessions { _ = write(s.input, "\n", 1) }
        var gone: [uid_t: Double] = [:]
        let watchUntil = t0 + 30_000_000_000
        func ms() -> Double { Double(ClinicProcess.monotonicNs - t0) / 1e6 }
        while ClinicProcess.monotonicNs < watchUntil {
            let snapshot = ClinicProcess.processes(of: uidSet)
            let at = ms()
            let running = portals(snapshot)
            for uid in uids where gone[uid] == nil && !running.contains(uid) { gone[uid] = at }
            if f.allProcessesGone.isNaN, snapshot.isEmpty { f.allProcessesGone = at }
            // psql takes some milliseconds: asked only once the portals are gone, so it never delays watching them.
            if f.allBackendsGone.isNaN, gone.count == uids.count, (try? cluster.number(backendsQuery)) == 0 { f.allBackendsGone = ms() }
            if gone.count == uids.count, !f.allProcessesGone.isNaN, !f.allBackendsGone.isNaN { break }
            usleep(10_000)
        }
        f.portalGone = Array(gone.values)
        for s in sessions {
            close(s.input)
            if !failedEarly.contains(s.pid) { _ = ClinicProcess.wait(s.pid) }
            unlink(s.out)
        }
        let left = ClinicProcess.processes(of: uidSet).values.flatMap { $0.map(\.name) }
        if !left.isEmpty { f.failures.append("30 s after the cut, processes of the patients still ran on the server: \(left)") }
        if f.allBackendsGone.isNaN { f.failures.append("30 s after the cut, database sessions of the patients were still open") }
        let diaryAfter = try cluster.number(diaryQuery)
        if diaryAfter != diaryBefore {
            f.failures.append("the cut sessions' diaries changed: \(diaryBefore) entries before the cut, \(diaryAfter) after")
        }
        return f
    }
}
