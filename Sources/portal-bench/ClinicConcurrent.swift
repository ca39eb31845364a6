import Foundation

/// 50 patients logging pain at the same moment through the real `portal log`, each as her own database role:
/// the 50 processes start together; each one's latency runs from its start to its exit (process start, the
/// content, the connection, the locked write and its commit). Afterwards the rows are counted: every entry
/// committed exactly once, and nothing else written.
struct ClinicConcurrent {
    struct Figures {
        var latencies: [Double] = []
        /// Entries per second of each round: 50 ÷ the round's wall time.
        var throughputs: [Double] = []
        var failures: [String] = []
        /// One `portal log` with nothing else running, for comparison: milliseconds, several runs.
        var alone: [Double] = []
    }

    let cluster: ClinicCluster
    let portal: String
    let today: String
    let roles: [String]

    func run(rounds: Int, tag: String) throws -> Figures {
        var f = Figures()
        for k in 0..<5 {
            let t0 = ClinicProcess.monotonicNs
            let r = try ClinicProcess.run(["/usr/bin/env", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)", portal, "log", "\(k)",
                                           "--note", "alone \(tag)", "--db", cluster.conninfo(roles[k])], in: cluster.work, allowFailure: true)
            f.alone.append(Double(ClinicProcess.monotonicNs - t0) / 1e6)
            if r.status != 0 { f.failures.append("portal log alone: exit \(r.status): \(r.output.prefix(300))") }
        }
        for round in 1...rounds {
            let note = "concurrent \(tag) round \(round)"
            let before = try cluster.number("SELECT count(*) FROM pain_entry")
            var started: [pid_t: (index: Int, at: UInt64, out: String)] = [:]
            let t0 = ClinicProcess.monotonicNs
            for (k, role) in roles.enumerated() {
                let out = cluster.work.appendingPathComponent("log-\(round)-\(k).out").path
                let argv = ["/usr/bin/env", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)", portal, "log", "\(k % 11)",
                            "--site", "low-back", "--note", note, "--db", cluster.conninfo(role)]
                let pid = try ClinicProcess.spawn(argv, output: out)
                started[pid] = (k, ClinicProcess.monotonicNs, out)
            }
            var last = t0
            while !started.isEmpty {
                var status: Int32 = 0
                let pid = waitpid(-1, &status, 0)
                if pid < 0 { if errno == EINTR { continue } else { break } }
                guard let s = started.removeValue(forKey: pid) else { continue }
                ClinicCleanup.untrack(pid)
                let end = ClinicProcess.monotonicNs
                last = max(last, end)
                f.latencies.append(Double(end - s.at) / 1e6)
                let text = (try? String(contentsOfFile: s.out, encoding: .utf8)) ?? ""
                unlink(s.out)
                let code = ClinicProcess.exitCode(status)
                if code != 0 || !text.hasPrefix("Saved: pain \(s.index % 11)/10") {
                    f.failures.append("round \(round), \(roles[s.index]): exit \(code): \(text.prefix(300))")
                }
            }
            f.throughputs.append(Double(roles.count) / (Double(last - t0) / 1e9))
            let counts = try cluster.sql("SELECT count(*) || ' ' || count(DISTINCT patient_id) FROM pain_entry WHERE note = '\(note)'")
            let after = try cluster.number("SELECT count(*) FROM pain_entry")
            if counts != "\(roles.count) \(roles.count)" || after - before != roles.count {
                f.failures.append("round \(round): \(counts) entries / patients with its note, \(after - before) rows added; \(roles.count) each expected")
            }
        }
        return f
    }
}
