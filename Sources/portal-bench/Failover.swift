import Foundation

/// `portal-bench failover [--patients N] [--seconds S]` (`make bench-failover`, as root): a clinic loses its
/// primary database server mid-load and goes on on its standby, and nothing acknowledged is lost.
///
/// It starts a primary and a synchronous standby (`FailoverPair`, from deploy/), adds N patients through the
/// real `portal clinic add-patient`, and has them log pain through the real `portal log`, all at once and
/// each as her own role, one entry after another for S seconds, every `portal log` given both servers in
/// one connection string. A third of the way in it kills the primary (SIGKILL to all its processes) and
/// promotes the standby with `deploy/pg-standby promote`; the patients carry on. Then it checks every entry:
/// each acknowledged ("Saved:", exit 0) is on the new primary exactly once; each reported not saved is not
/// there at all; each reported "may or may not have been saved" is there at most once. Last it brings the
/// old primary back as the new standby (`pg-standby rejoin`: pg_rewind) and checks it holds every
/// acknowledged entry. Prints `acknowledged A, lost L, unavailable for T s`; exits 1 when anything
/// acknowledged was lost or doubled, or any other check failed. Everything it made is removed at the end,
/// on a failure and on Ctrl-C.
enum Failover {
    struct Options {
        var patients = 20
        var seconds = 20
    }

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String, _ range: ClosedRange<Int>) throws -> Int {
            guard i + 1 < args.count, let n = Int(args[i + 1]), range.contains(n) else {
                throw BenchError("\(name) wants a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            i += 1
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--patients": o.patients = try value("--patients", 1...200)
            case "--seconds": o.seconds = try value("--seconds", 6...600)
            default: throw BenchError("unknown option \(args[i]); use --patients N, --seconds S")
            }
            i += 1
        }
        return o
    }

    /// One `portal log` run.
    struct Attempt {
        let patient: Int
        let note: String
        let started: Double
        var ended = 0.0
        var status: Int32 = -1
        var output = ""

        var acknowledged: Bool { status == 0 && output.contains("Saved: pain") }
        /// Anything before "Saved:" or the error: a message of libpq's or the server's leaking through.
        var stray: Bool { !output.hasPrefix("Saved: pain") && !output.hasPrefix("Error: ") }
        var inDoubt: Bool { status != 0 && output.contains("may or may not have been saved") }
    }

    static func run(_ args: [String]) throws {
        let o = try parse(args)
        guard geteuid() == 0 else { throw BenchError("the failover benchmark starts PostgreSQL servers as the postgres user: run it as root") }
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let portal = own.appendingPathComponent("portal").path
        guard FileManager.default.isExecutableFile(atPath: portal) else {
            throw BenchError("no portal binary beside portal-bench (\(portal)); run `make bench-failover`")
        }
        let deploy = ClinicBench.repository.appendingPathComponent("deploy")
        signal(SIGPIPE, SIG_IGN)
        ClinicCleanup.install()
        FailoverPair.removeLeftovers()
        defer { ClinicCleanup.runAll() }

        let tag = "fo\(getpid())"
        let roles = (1...o.patients).map { "\(tag)p\($0)" }
        say("portal-bench failover: a primary and a synchronous standby…")
        let pair = try FailoverPair()
        try pair.startPrimary(roles: roles, deploy: deploy)
        let admin = pair.a.conninfo("postgres")
        try pair.sql("CREATE DATABASE portal;", on: pair.a, database: "postgres")
        let env = ["/usr/bin/env", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)", portal]
        try ClinicProcess.run(env + ["clinic", "init", "--db", admin], in: pair.work)
        try ClinicProcess.run(env + ["clinic", "add-therapist", "\(tag)t", "--db", admin], in: pair.work)
        say("portal-bench failover: adding \(o.patients) patients…")
        for role in roles {
            try ClinicProcess.run(env + ["clinic", "add-patient", role, "--db", admin, "--name", "Failover Patient", "--therapist", "\(tag)t",
                                         "--born", today.adding(days: -200).description, "--delivery", "vaginal", "--condition", "low-back",
                                         "--clinic", "1 Bench Street", "--first-visit", today.adding(days: 3).description + "T09:00"], in: pair.work)
        }
        try pair.startStandby(deploy: deploy)
        let postgres = try pair.sql("SHOW server_version;", on: pair.a)

        say("portal-bench failover: \(o.patients) patients logging pain for \(o.seconds) s; the primary is killed at \(o.seconds / 3) s…")
        let clock = ClinicProcess.monotonicNs
        @Sendable func now() -> Double { Double(ClinicProcess.monotonicNs - clock) / 1e9 }
        let killAt = Double(o.seconds) / 3
        let events = FailoverEvents()
        var attempts: [Attempt] = []
        var running: [pid_t: (attempt: Attempt, out: String)] = [:]
        var next = [Int](repeating: 0, count: o.patients)
        func launch(_ k: Int) throws {
            next[k] += 1
            let note = "failover \(tag) p\(k + 1) #\(next[k])"
            let out = pair.work.appendingPathComponent("log-\(k)-\(next[k]).out").path
            let pid = try ClinicProcess.spawn(env + ["log", "\(next[k] % 11)", "--note", note, "--db", pair.conninfo(roles[k])], output: out)
            running[pid] = (Attempt(patient: k, note: note, started: now()), out)
        }
        for k in 0..<o.patients { try launch(k) }
        var killed = false
        while !running.isEmpty {
            if !killed, now() >= killAt {
                killed = true
                // The failover runs beside the load, as a clinic's would: the patients' portals are not paused.
                Thread.detachNewThread {
                    // Timed once every process of it is gone: nothing can commit on it after that.
                    pair.kill(pair.a)
                    events.set(\.killWall, Date().timeIntervalSince1970)
                    events.set(\.kill, now())
                    do {
                        try pair.pgStandby(["promote", pair.b.data.path], deploy: deploy)
                        events.set(\.promoted, now())
                    } catch {
                        events.fail("promote: \(error)")
                    }
                }
            }
            var reaped = false
            for (pid, entry) in running {
                var status: Int32 = 0
                let r = waitpid(pid, &status, WNOHANG)
                guard r == pid else { continue }
                reaped = true
                ClinicCleanup.untrack(pid)
                running.removeValue(forKey: pid)
                var a = entry.attempt
                a.ended = now()
                a.status = ClinicProcess.exitCode(status)
                a.output = (try? String(contentsOfFile: entry.out, encoding: .utf8)) ?? ""
                unlink(entry.out)
                attempts.append(a)
                if now() < Double(o.seconds) { try launch(a.patient) }
            }
            if !reaped { usleep(5_000) }
        }
        guard let kill = events.get(\.kill), let killWall = events.get(\.killWall) else { throw BenchError("the primary was never killed (the run was too short)") }
        if let problem = events.problem { throw BenchError(problem) }

        say("portal-bench failover: checking every entry on the new primary…")
        var stored: [String: Int] = [:]
        let rows = try pair.sql("SELECT note || '|' || count(*) FROM pain_entry WHERE note LIKE 'failover \(tag) %' GROUP BY note;", on: pair.b)
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let n = Int(parts[1]) { stored[String(parts[0])] = n }
        }
        var f = Figures(patients: o.patients, seconds: o.seconds, postgres: postgres)
        for a in attempts {
            let n = stored[a.note] ?? 0
            if a.acknowledged {
                f.acknowledged += 1
                if n == 0 { f.lost += 1; f.failures.append("acknowledged and lost: \(a.note)") }
                if n > 1 { f.doubled += 1; f.failures.append("acknowledged and stored \(n) times: \(a.note)") }
            } else if a.inDoubt {
                f.inDoubt += 1
                if n == 1 { f.inDoubtStored += 1 }
                if n > 1 { f.doubled += 1; f.failures.append("in doubt and stored \(n) times: \(a.note)") }
            } else {
                f.notSaved += 1
                if n > 0 { f.failures.append("reported not saved but stored: \(a.note) (\(a.output.prefix(200)))") }
                if f.notSavedSample.isEmpty { f.notSavedSample = String(a.output.prefix(300)) }
            }
            if a.stray {
                f.stray += 1
                f.failures.append("output not from the portal: \(a.output.prefix(200))")
            }
            if a.started < kill, a.ended > kill { f.inFlightAtKill += 1 }
            if a.started < kill, a.ended > kill, a.acknowledged { f.inFlightAcknowledged += 1 }
        }
        f.promoteSeconds = (events.get(\.promoted) ?? .nan) - kill
        // Writes were unavailable from the kill to the first commit on the new primary: its first write
        // receipt begun after the kill (server time, the same machine's clock).
        let first = try pair.sql("SELECT coalesce(min(extract(epoch FROM made_at)), 0) FROM write_receipt WHERE made_at > to_timestamp(\(killWall));", on: pair.b)
        f.unavailable = (Double(first) ?? 0) > 0 ? (Double(first)! - killWall) : .nan
        // A write whose COMMIT's answer was lost with the primary, found by its key on the new one when it
        // ran again (`PGConnection.transaction`): the key's row was confirmed instead of writing it twice.
        f.settledByKey = Int(try pair.sql("SELECT count(*) FROM write_receipt WHERE confirmed_at IS NOT NULL;", on: pair.b)) ?? 0
        f.firstAcknowledgedAfterKill = attempts.filter { $0.acknowledged && $0.started > kill }.map(\.ended).min().map { $0 - kill } ?? .nan
        f.longest = attempts.filter(\.acknowledged).map { $0.ended - $0.started }.max() ?? .nan
        f.typical = percentileOf(attempts.filter(\.acknowledged).map { $0.ended - $0.started }, 0.5)

        say("portal-bench failover: the old primary rejoins as the standby (pg_rewind)…")
        let t0 = now()
        try pair.pgStandby(["rejoin", pair.b.replication, pair.a.name, pair.a.data.path], deploy: deploy)
        try pair.start(pair.a)
        try pair.pgStandby(["synchronous", pair.b.conninfo("postgres", database: "postgres")], deploy: deploy)
        try pair.waitForSynchronousStandby(on: pair.b)
        f.rejoinSeconds = now() - t0
        // One more entry, now waited for by the rejoined standby, and then every acknowledged one on it.
        let last = "failover \(tag) after rejoin"
        try ClinicProcess.run(env + ["log", "1", "--note", last, "--db", pair.conninfo(roles[0])], in: pair.work)
        let lsn = try pair.sql("SELECT pg_current_wal_lsn();", on: pair.b)
        for _ in 0..<300 {
            if try pair.sql("SELECT pg_last_wal_replay_lsn() >= '\(lsn)'::pg_lsn;", on: pair.a) == "t" { break }
            usleep(100_000)
        }
        let onA = try pair.sql("SELECT count(*) FROM pain_entry WHERE note LIKE 'failover \(tag) %';", on: pair.a)
        let onB = try pair.sql("SELECT count(*) FROM pain_entry WHERE note LIKE 'failover \(tag) %';", on: pair.b)
        f.rejoinedHolds = onA == onB
        if onA != onB { f.failures.append("the rejoined old primary holds \(onA) entries, the new primary \(onB)") }

        f.print()
        if !f.failures.isEmpty {
            for line in f.failures.prefix(20) { FileHandle.standardError.write(Data("portal-bench failover: FAILED: \(line)\n".utf8)) }
            throw BenchError("\(f.failures.count) check(s) failed")
        }
    }

    struct Figures {
        let patients: Int
        let seconds: Int
        let postgres: String
        var acknowledged = 0, lost = 0, doubled = 0, inDoubt = 0, inDoubtStored = 0, notSaved = 0
        var inFlightAtKill = 0, inFlightAcknowledged = 0, stray = 0, settledByKey = 0
        var notSavedSample = ""
        var unavailable = Double.nan, firstAcknowledgedAfterKill = Double.nan, promoteSeconds = Double.nan, rejoinSeconds = Double.nan
        var longest = Double.nan, typical = Double.nan
        var rejoinedHolds = false
        var failures: [String] = []

        func print() {
            Swift.print("")
            Swift.print(String(format: "acknowledged %d, lost %d, unavailable for %.1f s", acknowledged, lost, unavailable))
            Swift.print("")
            let lines: [(String, String)] = [
                ("patients logging at once, each her own role", "\(patients), for \(seconds) s"),
                ("entries acknowledged (Saved:, exit 0)", "\(acknowledged), each on the new primary once: \(lost == 0 && doubled == 0 ? "yes" : "NO (\(lost) lost, \(doubled) doubled)")"),
                ("  in flight at the kill, of them acknowledged", "\(inFlightAtKill), \(inFlightAcknowledged)"),
                ("  COMMIT lost with the primary, found by its key", "\(settledByKey) (stored once, not written again)"),
                ("reported not saved (exit 1), none stored", "\(notSaved)"),
                ("reported may or may not have been saved", "\(inDoubt) (\(inDoubtStored) of them stored, once)"),
                ("kill → standby promoted (pg-standby promote)", String(format: "%.2f s", promoteSeconds)),
                ("kill → first commit on the new primary", String(format: "%.2f s", unavailable)),
                ("kill → first `portal log` started after it, acknowledged", String(format: "%.2f s", firstAcknowledgedAfterKill)),
                ("`portal log` start to exit, median / longest", String(format: "%.2f s / %.2f s", typical, longest)),
                ("old primary rewound, streaming, synchronous again", String(format: "%.1f s; holds every entry: %@", rejoinSeconds, rejoinedHolds ? "yes" : "NO")),
            ]
            let width = (lines.map(\.0.count).max() ?? 40) + 2
            for (figure, value) in lines {
                Swift.print(figure + String(repeating: " ", count: max(1, width - figure.count)) + value)
            }
            if notSaved > 0 { Swift.print("a not-saved message: \(notSavedSample.trimmingCharacters(in: .whitespacesAndNewlines))") }
            Swift.print("")
            Swift.print("machine: \(ClinicReport.machine(postgres: postgres))")
            Swift.print("load average after: \(Bench.loadAverage())")
        }
    }
}

/// What the failover thread saw, read by the load loop.
final class FailoverEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var values = Values()
    private(set) var problem: String?

    struct Values {
        var kill: Double?
        var killWall: Double?
        var promoted: Double?
    }

    func set(_ key: WritableKeyPath<Values, Double?>, _ value: Double) { lock.withLock { values[keyPath: key] = value } }
    func get(_ key: KeyPath<Values, Double?>) -> Double? { lock.withLock { values[keyPath: key] } }
    func fail(_ message: String) { lock.withLock { problem = message } }
}
