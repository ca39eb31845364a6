import Foundation
import PortalCore

/// `portal today --brief` as a shell prompt runs it: the release portal started, its line printed, exited.
/// Wall time from the spawn to the exit (median of interleaved rounds), beside `/bin/true` started the same way
/// (what any program a prompt runs costs at least); peak memory from its rusage, started by `C/maxrss.c` (a child
/// posix_spawn starts counts its parent's memory until it execs); and instructions
/// from callgrind when valgrind is installed. `portal-bench brief` runs this part alone.
enum Brief {
    struct Result {
        var milliseconds: [Double] = []
        var peakKiB = 0
        var instructions: Int?
        var line = ""
        var median: Double { milliseconds.sorted()[milliseconds.count / 2] }
    }

    /// What is due at 20:00 on the benchmark's day (and so what the line says).
    static let now = "\(today)T20:00"

    /// The portal on each database, with `/bin/true` as the floor; each round runs every subject once.
    /// `counted`: a copy of the portal without debug info (valgrind 3.19 cannot read Swift 6's DWARF 5) for
    /// callgrind, which is left out without one.
    static func measure(portal: String, counted: String?, maxrss: String, databases: [(String, String)], rounds: Int) throws -> [String: Result] {
        var subjects: [(String, [String])] = [("true (process floor)", ["/bin/true"])]
        for (name, path) in databases {
            subjects.append((name, ["/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(now)",
                                    "PORTAL_DB=\(path)", portal, "today", "--brief"]))
        }
        var results: [String: Result] = [:]
        for (name, command) in subjects { results[name, default: Result()].line = try once(command).output }  // warm the cache
        for _ in 0..<rounds {
            for (name, command) in subjects {
                let r = try once(command)
                results[name, default: Result()].milliseconds.append(r.ms)
            }
        }
        for _ in 0..<3 {
            for (name, command) in subjects {
                let kib = Int(try Shell.output([maxrss] + command).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                results[name]!.peakKiB = max(results[name]!.peakKiB, kib)
            }
        }
        if let valgrind = Shell.which("valgrind"), let counted {
            for (name, command) in subjects where command.last == "--brief" {
                results[name]!.instructions = try instructions(valgrind, command.map { $0 == portal ? counted : $0 })
            }
        }
        return results
    }

    /// One run: milliseconds from spawn to exit, its peak resident memory, what it printed.
    static func once(_ command: [String]) throws -> (ms: Double, output: String) {
        var pid = pid_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-brief-\(getpid()).out").path
        defer { unlink(out) }
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = InProcess.nowNs()
        guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { throw BenchError("could not start \(command[0])") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let ms = Double(InProcess.nowNs() - start) / 1e6
        guard status == 0 else { throw BenchError("\(command.joined(separator: " ")) exited with \(status)") }
        let printed = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return (ms, printed.trimmingCharacters(in: .newlines))
    }

    /// Instructions of one run under callgrind (valgrind goes after `env`, which it would not follow).
    static func instructions(_ valgrind: String, _ command: [String]) throws -> Int? {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-brief-\(getpid()).callgrind").path
        defer { unlink(log) }
        let settings = command.prefix { $0 == "/usr/bin/env" || $0 == "-i" || $0.contains("=") }
        let run = Array(settings) + [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", "--log-file=\(log)"]
            + command.dropFirst(settings.count)
        _ = try once(run)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Collected :") }) else { return nil }
        return Int(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
    }

    /// `portal-bench brief`: the demo and a 10-year database, then the figures on their own.
    static func runAlone() throws {
        let env = ProcessInfo.processInfo.environment
        let rounds = Int(env["BENCH_ROUNDS"] ?? "") ?? 21
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let portal = own.appendingPathComponent("portal").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = try ContentLibrary.bundled()
        var databases: [(String, String)] = []
        for (name, years) in [("demo", 0), ("10 years", 10)] {
            let path = folder.appendingPathComponent("\(years)y.sqlite").path
            try MakeDB.run(path: path, years: years, content: content, today: today)
            databases.append((name, path))
        }
        var counted: String?
        if Shell.which("valgrind") != nil {
            let copies = folder.appendingPathComponent("nodebug")
            try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
            let resources = own.appendingPathComponent("portal_PortalContent.resources")
            try FileManager.default.copyItem(at: resources, to: copies.appendingPathComponent(resources.lastPathComponent))
            counted = copies.appendingPathComponent("portal").path
            try Shell.run(["strip", "--strip-debug", "-o", counted!, portal])
        }
        let tools = try StartUp(tools: folder.appendingPathComponent("tools"))
        let results = try measure(portal: portal, counted: counted, maxrss: tools.maxrss, databases: databases, rounds: rounds)
        Bench.printTable(rows(results))
        print("")
        for (name, _) in databases { print("the line, \(name): \(results[name]?.line ?? "")") }
        print("machine: \(Bench.machine()); load average \(Bench.loadAverage()); median of \(rounds) interleaved rounds")
    }

    /// The table's rows for these results.
    static func rows(_ results: [String: Result]) -> [Bench.Row] {
        var rows: [Bench.Row] = []
        if let floor = results["true (process floor)"] {
            rows.append(Bench.Row(figure: "today --brief floor: /bin/true spawned and reaped", value: floor.median, unit: "ms", limit: nil, target: ""))
        }
        for name in ["demo", "10 years"] {
            guard let r = results[name] else { continue }
            rows.append(Bench.Row(figure: "today --brief, \(name)", value: r.median, unit: "ms",
                                  limit: name == "10 years" ? 50 : nil, target: name == "10 years" ? "< 50 ms (a prompt)" : ""))
            rows.append(Bench.Row(figure: "  peak memory, today --brief, \(name)", value: Double(r.peakKiB) / 1024, unit: "MiB", limit: nil, target: ""))
            if let n = r.instructions {
                rows.append(Bench.Row(figure: "  instructions, today --brief, \(name)", value: Double(n) / 1e6, unit: "M", limit: nil, target: ""))
            }
        }
        return rows
    }
}
