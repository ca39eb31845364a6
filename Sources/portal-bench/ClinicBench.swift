import Foundation
import PortalCore

/// `portal-bench clinic [--patients N] [--runs R] [--rounds K]` (`make bench-clinic`): the clinic deployment at
/// scale, on a private PostgreSQL cluster and a private sshd it starts and removes itself. It prints figures
/// and asserts nothing about time; it does check the facts that make the figures mean something (the fill is
/// whole, every concurrent entry committed once, no cut session leaves a process or a half-written entry) and
/// exits 1 when one fails.
enum ClinicBench {
    struct Options {
        var patients = 10_000
        var runs = 7
        var rounds = 3
        static let concurrent = 50
        static let smallSize = 100
        static let batch = 1000
        static let tokenCalls = 300
        static let countingTokenCalls = 30
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
            case "--patients": o.patients = try value("--patients", Options.concurrent...100_000)
            case "--runs": o.runs = try value("--runs", 1...100)
            case "--rounds": o.rounds = try value("--rounds", 1...20)
            default: throw BenchError("unknown option \(args[i]); use --patients N, --runs R, --rounds K")
            }
            i += 1
        }
        return o
    }

    static func run(_ args: [String]) throws {
        let o = try parse(args)
        guard geteuid() == 0 else { throw BenchError("the clinic benchmark adds Unix users and starts sshd: run it as root") }
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let portal = own.appendingPathComponent("portal").path
        guard FileManager.default.isExecutableFile(atPath: portal) else {
            throw BenchError("no portal binary beside portal-bench (\(portal)); run `make bench-clinic`")
        }
        signal(SIGPIPE, SIG_IGN)
        ClinicCleanup.install()
        ClinicCluster.removeLeftovers()
        ClinicSSH.removeLeftovers()
        defer { ClinicCleanup.runAll() }

        let tag = "pb\(getpid())"
        let loggers = (1...Options.concurrent).map { "\(tag)p\($0)" }
        say("portal-bench clinic: a private PostgreSQL cluster…")
        // Patient 1's therapist too: her caseload is patients 1 to 50 (`ClinicFill.patientsPerTherapist`) in either clinic.
        let therapist = "\(tag)t1"
        let cluster = try ClinicCluster(roles: loggers + [therapist])
        let tools = try compileTools(into: cluster.work)
        let questions = try ContentLibrary.bundled().quiz.questions.map(\.id)
        func answers(_ odd: Bool) -> String {
            "{" + questions.enumerated().map { "\"\($1)\": \(($0 % 2 == 0) != odd)" }.joined(separator: ", ") + "}"
        }
        // The small clinic (100 patients) in its own database beside the large one, for the Home comparison.
        let small = min(Options.smallSize, o.patients)
        let compare = o.patients > small
        if compare {
            say("portal-bench clinic: filling a \(small)-patient clinic (database portal_small)…")
            try cluster.sql("CREATE DATABASE portal_small;", database: "postgres")
            let smallFill = ClinicFill(cluster: cluster, database: "portal_small", tag: tag, today: today,
                                       quizAnswers: (answers(false), answers(true)))
            try smallFill.addTemplate(portal: portal)
            try smallFill.fill(1, small)
            try smallFill.vacuum()
            try smallFill.check(patients: small)
            try cluster.sql("DROP TABLE bench_rx;", database: "portal_small")
        }

        say("portal-bench clinic: filling \(o.patients) patients (database portal)…")
        try cluster.sql("CREATE DATABASE portal;", database: "postgres")
        let fill = ClinicFill(cluster: cluster, database: "portal", tag: tag, today: today, quizAnswers: (answers(false), answers(true)))
        var fillSeconds = try timed { try fill.addTemplate(portal: portal) }
        var next = 1
        while next <= o.patients {
            let last = min(o.patients, next + Options.batch - 1)
            fillSeconds += try timed { try fill.fill(next, last) }
            say("  \(last) of \(o.patients) patients filled (\(String(format: "%.0f", fillSeconds)) s)")
            next = last + 1
        }
        let vacuumSeconds = try timed { try fill.vacuum() }
        say("  vacuumed and analyzed (\(String(format: "%.0f", vacuumSeconds)) s)")
        try fill.check(patients: o.patients)
        try cluster.sql("DROP TABLE bench_rx;")
        try cluster.makeDurable()
        // For a look by hand at the filled clinic (`EXPLAIN (ANALYZE, BUFFERS)` as her therapist, say): the cluster
        // stays up, as it is, while the file PORTAL_BENCH_HOLD names exists (ten minutes at most).
        if let hold = ProcessInfo.processInfo.environment["PORTAL_BENCH_HOLD"], !hold.isEmpty {
            _ = FileManager.default.createFile(atPath: hold, contents: Data("\(cluster.conninfo(therapist, database: "portal"))\n".utf8))
            say("portal-bench clinic: held while \(hold) exists; her therapist: \(cluster.conninfo(therapist, database: "portal"))")
            for _ in 0..<600 where FileManager.default.fileExists(atPath: hold) { sleep(1) }
        }
        let size = Double(try cluster.number("SELECT pg_database_size('portal')")) / 1_048_576
        let rows = try cluster.number("SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables")

        say("portal-bench clinic: a private sshd and \(Options.concurrent) patients' Unix logins…")
        let ssh = try ClinicSSH(tag: tag, builtPortal: own)
        for user in loggers { try ssh.addUser(user) }
        let deploy = try String(contentsOf: repository.appendingPathComponent("deploy/sshd_config"), encoding: .utf8)
        func forced(_ database: String) -> String {
            "exec env LC_ALL=C.UTF-8 PORTAL_TODAY=\(today) \(ssh.portal) --db '\(cluster.conninfo(nil, database: database))' --share-folder \"\(ssh.shares.path)/$USER\""
        }
        try ssh.start(config: deploy, forceCommand: forced("portal"), smallCommand: forced("portal_small"))

        // Patient 1 of each clinic: the same record, in a clinic of 100 and in one of N.
        var subjects: [ClinicHome.Subject] = []
        for (n, database, port) in (compare ? [(small, "portal_small", ssh.smallPort)] : []) + [(o.patients, "portal", ssh.port)] {
            subjects.append(.init(name: "local \(n)", command: ["/usr/bin/env", "TERM=xterm-256color", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)",
                                                              portal, "--db", cluster.conninfo(loggers[0], database: database)]))
            subjects.append(.init(name: "ssh \(n)", command: ["/usr/bin/env", "TERM=xterm-256color"] + ssh.ssh(loggers[0], port: port)))
            subjects.append(.init(name: "caseload \(n)", command: ["/usr/bin/env", "TERM=xterm-256color", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)",
                                                                 portal, "--db", cluster.conninfo(therapist, database: database)],
                                  marker: ClinicHome.caseloadMarker))
        }
        say("portal-bench clinic: first Home, \(o.runs) interleaved rounds of \(subjects.map(\.name).joined(separator: ", "))…")
        try ClinicStatements.install(cluster)
        try ClinicStatements.reset(cluster)
        let times = try ClinicHome(ptyrun: tools.ptyrun).measure(subjects, runs: o.runs)
        // Her caseload's statements in each clinic, counted over those starts (the warm-up's included).
        let statements = compare ? ClinicStatements.lines(small: (small, try ClinicStatements.read(cluster, role: therapist, database: "portal_small")),
                                                          large: (o.patients, try ClinicStatements.read(cluster, role: therapist, database: "portal")),
                                                          starts: o.runs + 1) : []
        let homes = ((compare ? [small] : []) + [o.patients]).map { n in
            (n, ClinicHome.Figures(local: times["local \(n)"] ?? [], ssh: times["ssh \(n)"] ?? [], caseload: times["caseload \(n)"] ?? []))
        }
        say("portal-bench clinic: her open caseload's change check, \(Options.tokenCalls) calls in each clinic…")
        let tokens = try ((compare ? [(small, "portal_small")] : []) + [(o.patients, "portal")]).map { n, database in
            (n, try ClinicToken.measure(conninfo: cluster.conninfo(therapist, database: database), calls: Options.tokenCalls,
                                        countingCalls: Options.countingTokenCalls))
        }

        say("portal-bench clinic: \(Options.concurrent) patients logging pain at once, \(o.rounds) rounds…")
        let concurrent = try ClinicConcurrent(cluster: cluster, portal: portal, today: today.description, roles: loggers)
            .run(rounds: o.rounds, tag: tag)
        say("portal-bench clinic: \(Options.concurrent) ssh sessions cut mid-use…")
        let cuts = try ClinicCuts(cluster: cluster, ssh: ssh, ptycut: tools.ptycut, users: loggers).run()

        let report = ClinicReport(patients: o.patients, fillSeconds: fillSeconds, vacuumSeconds: vacuumSeconds, rows: rows, sizeMiB: size,
                                  homes: homes, tokens: tokens, runs: o.runs, concurrent: concurrent,
                                  cuts: cuts, postgres: try cluster.sql("SHOW server_version;"))
        report.print()
        if !statements.isEmpty {
            Swift.print("\nHer first caseload on the server, by statement (pg_stat_statements over the \(o.runs + 1) starts above, planning and execution):")
            for line in statements { Swift.print(line) }
        }
        let failures = concurrent.failures + cuts.failures
        if !failures.isEmpty {
            for f in failures { FileHandle.standardError.write(Data("portal-bench clinic: FAILED: \(f)\n".utf8)) }
            throw BenchError("\(failures.count) correctness check(s) failed")
        }
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// ptyrun (the start-up benchmark's terminal runner) and ptycut, compiled with cc.
    static func compileTools(into folder: URL) throws -> (ptyrun: String, ptycut: String) {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("C")
        var out: [String] = []
        for name in ["ptyrun", "ptycut"] {
            let binary = folder.appendingPathComponent(name).path
            try Shell.run(["cc", "-O2", "-o", binary, sources.appendingPathComponent("\(name).c").path, "-lutil"])
            out.append(binary)
        }
        return (out[0], out[1])
    }

    static func timed(_ body: () throws -> Void) rethrows -> Double {
        let t0 = ClinicProcess.monotonicNs
        try body()
        return Double(ClinicProcess.monotonicNs - t0) / 1e9
    }
}
