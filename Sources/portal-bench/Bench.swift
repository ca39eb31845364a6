import Foundation
import PortalCore

/// The whole benchmark: databases, start-ups interleaved with the floors, instructions, the in-process
/// figures, then one table.
/// Prints at once, also through a pipe (print's stdout is block-buffered there).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

enum Bench {
    struct Row {
        var figure: String
        var value: Double
        var unit: String
        /// The largest value that meets the target, and how the target reads; nil for figures without one.
        var limit: Double?
        var target: String
    }

    static func run() throws {
        let env = ProcessInfo.processInfo.environment
        let rounds = Int(env["BENCH_ROUNDS"] ?? "") ?? 11
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let portal = own.appendingPathComponent("portal").path
        guard FileManager.default.isExecutableFile(atPath: portal) else {
            fail("no portal binary beside portal-bench (\(portal)); run `make bench`")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = try ContentLibrary.bundled()
        let loadBefore = loadAverage()

        say("portal-bench: making the databases (demo, 2 and 10 years of history)…")
        var db: [String: String] = ["empty": folder.appendingPathComponent("empty.sqlite").path]
        for (name, years) in [("demo", 0), ("2 years", 2), ("10 years", 10)] {
            let path = folder.appendingPathComponent("\(years)y.sqlite").path
            try MakeDB.run(path: path, years: years, content: content, today: today)
            db[name] = path
        }

        let startUp = try StartUp(tools: folder.appendingPathComponent("tools"))
        let envPrefix = ["/usr/bin/env", "TERM=xterm-256color", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today)"]
        func portalSubject(_ name: String) -> StartUp.Subject {
            .init(name: name, marker: "quit", command: envPrefix + ["PORTAL_DB=\(db[name]!)", portal])
        }
        let cFloor = StartUp.Subject(name: "C floor", marker: Floor.marker, command: envPrefix + [startUp.cFloor])
        // The floor reads its own copy of the 10-year file: its read-only connection exits without closing and leaves an
        // empty -wal beside the file it opened, which the portal's next start would take for another portal's (and so
        // check every page before GRDB's pool writes), a state a closed record is never in.
        let floorCopy = folder.appendingPathComponent("floor.sqlite").path
        try FileManager.default.copyItem(atPath: db["10 years"]!, toPath: floorCopy)
        let stackFloor = StartUp.Subject(name: "stack floor", marker: Floor.marker,
                                         command: envPrefix + [CommandLine.arguments[0], "floor", floorCopy])
        let portals = ["empty", "demo", "2 years", "10 years"].map(portalSubject)
        let subjects = [cFloor, stackFloor] + portals

        say("portal-bench: \(rounds) interleaved rounds of start-ups in an 80×24 pseudo-terminal…")
        let starts = try startUp.interleaved(subjects, rounds: rounds)
        var instructions: [String: Int] = [:]
        var counted: [String: String] = [:]
        if Shell.which("valgrind") != nil {
            say("portal-bench: counting instructions with callgrind…")
            // valgrind 3.19 gives up on the DWARF 5 debug info Swift 6 writes: callgrind runs copies without it
            // (the portal's content folder copied beside its copy, as an install has it).
            counted = try startUp.withoutDebugInfo([portal, CommandLine.arguments[0]],
                                                       resources: own.appendingPathComponent("portal_PortalContent.resources"))
            for s in subjects {
                let command = s.command.map { counted[$0] ?? $0 }
                instructions[s.name] = try startUp.instructions(StartUp.Subject(name: s.name, marker: s.marker, command: command))
            }
        }
        say("portal-bench: idle CPU on Home for 10 s…")
        let idle = try startUp.once(portalSubject("10 years"), idleSeconds: 10)
        // The same, from 5 s after the first frame: the whole record's read and the integrity check, made once
        // after the first paint, are done by then, and what is left is what an open, untouched Home costs.
        let settled = try startUp.once(portalSubject("10 years"), idleSeconds: 10, settleSeconds: 5)

        say("portal-bench: in-process figures on a copy of the 10-year database…")
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: db["10 years"]!, toPath: copy)
        let store = try SQLiteStore.open(url: URL(fileURLWithPath: copy))
        let clock = PortalClock(today: today, time: TimeOfDay(hour: 20, minute: 0)!)
        let keys = try InProcess.keyToFrame(store: store, content: content, clock: clock, rounds: 20)
        let firstKey = try InProcess.firstKey(store: store, content: content, clock: clock, rounds: 20)
        let saves = InProcess.saves(store: store, content: content, clock: clock, count: 50)
        let fsyncMs = InProcess.fsyncMilliseconds(folder: folder)
        let exports = try InProcess.exports(store: store, content: content, today: today)
        say("portal-bench: portal today --brief, \(rounds) interleaved rounds…")
        let briefs = try Brief.measure(portal: portal, counted: counted[portal], maxrss: startUp.maxrss, databases: [("demo", db["demo"]!), ("10 years", db["10 years"]!)],
                                       rounds: rounds)

        let c = starts["C floor"]!.median, stack = starts["stack floor"]!.median
        let home10 = starts["10 years"]!.median, demo = starts["demo"]!.median
        var rows: [Row] = []
        rows.append(Row(figure: "first screen, C floor (ncurses, one line)", value: c, unit: "ms", limit: nil, target: ""))
        rows.append(Row(figure: "first screen, stack floor (Swift+GRDB+ncurses)", value: stack, unit: "ms", limit: nil, target: ""))
        for name in ["empty", "demo", "2 years"] {
            rows.append(Row(figure: "first \(name == "empty" ? "Set up" : "Home"), \(name)", value: starts[name]!.median,
                            unit: "ms", limit: nil, target: ""))
        }
        rows.append(Row(figure: "first Home, 10 years ÷ stack floor", value: home10 / stack, unit: "×", limit: 1.5, target: "≤ 1.5×"))
        rows.append(Row(figure: "first Home, 10 years ÷ C floor", value: home10 / c, unit: "×", limit: 4, target: "≤ 4×"))
        rows.append(Row(figure: "first Home, 10 years ÷ demo", value: home10 / demo, unit: "×", limit: 1.1, target: "≤ 1.1×"))
        rows.append(Row(figure: "first Home, 10 years", value: home10, unit: "ms", limit: nil, target: ""))
        for s in subjects {
            if let n = instructions[s.name] {
                rows.append(Row(figure: "instructions to first screen + exit, \(s.name)", value: Double(n) / 1e6, unit: "M", limit: nil, target: ""))
            }
        }
        if let i10 = instructions["10 years"], let iStack = instructions["stack floor"], let iDemo = instructions["demo"] {
            rows.append(Row(figure: "instructions, 10 years ÷ stack floor", value: Double(i10) / Double(iStack), unit: "×", limit: 1.5, target: "≤ 1.5×"))
            rows.append(Row(figure: "instructions, 10 years ÷ demo", value: Double(i10) / Double(iDemo), unit: "×", limit: 1.1, target: "≤ 1.1×"))
        }
        let allKeys = keys.values.flatMap { $0 }
        rows.append(Row(figure: "key to frame p50 (every screen, 10 years)", value: InProcess.percentile(allKeys, 0.5), unit: "ms", limit: nil, target: ""))
        rows.append(Row(figure: "key to frame p99 (every screen, 10 years)", value: InProcess.percentile(allKeys, 0.99), unit: "ms", limit: 2, target: "< 2 ms"))
        for (screen, times) in keys.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(figure: "  key to frame p99, screen opened with \(screen)", value: InProcess.percentile(times, 0.99), unit: "ms", limit: 2, target: "< 2 ms"))
        }
        rows.append(Row(figure: "first key from Home's read: p, incl. whole read", value: InProcess.percentile(firstKey.homeFirst, 0.5), unit: "ms",
                        limit: nil, target: ""))
        rows.append(Row(figure: "  the same key after a whole read at start", value: InProcess.percentile(firstKey.whole, 0.5), unit: "ms",
                        limit: nil, target: ""))
        rows.append(Row(figure: "fsync of one page (this disk)", value: fsyncMs, unit: "ms", limit: nil, target: ""))
        rows.append(Row(figure: "save a pain entry p50 (incl. commit, 10 years)", value: InProcess.percentile(saves, 0.5), unit: "ms",
                        limit: 2 + fsyncMs, target: String(format: "< 2 ms + fsync = %.2f", 2 + fsyncMs)))
        for (format, ms) in exports {
            rows.append(Row(figure: "export \(format.rawValue), 10 years", value: ms, unit: "ms", limit: 1000, target: "< 1000 ms"))
        }
        rows.append(Row(figure: "peak memory at first Home, 10 years (VmHWM)", value: Double(starts["10 years"]!.peakKiB) / 1024, unit: "MiB", limit: 20, target: "≤ 20 MiB"))
        rows.append(Row(figure: "peak memory at first Home, demo (VmHWM)", value: Double(starts["demo"]!.peakKiB) / 1024, unit: "MiB", limit: nil, target: ""))
        rows.append(Row(figure: "peak memory, stack floor (VmHWM)", value: Double(starts["stack floor"]!.peakKiB) / 1024, unit: "MiB", limit: nil, target: ""))
        rows += Brief.rows(briefs)
        rows.append(Row(figure: "idle CPU on Home over 10 s", value: Double(idle.idleNs) / 1e9 / 10 * 100, unit: "% core", limit: 0.05, target: "< 0.05 %"))
        rows.append(Row(figure: "  the same 10 s from 5 s after the first frame", value: Double(settled.idleNs) / 1e9 / 10 * 100, unit: "% core", limit: 0.05, target: "< 0.05 %"))
        for name in ["demo", "2 years", "10 years"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: db[name]!)[.size] as? NSNumber)?.doubleValue ?? 0
            rows.append(Row(figure: "database size, \(name)", value: size / 1_048_576, unit: "MiB", limit: nil, target: ""))
        }
        printTable(rows)
        print("")
        print("machine: \(machine()); load average before \(loadBefore), after \(loadAverage())")
        print("start-ups: median of \(rounds) interleaved rounds; instructions: callgrind (\(instructions.isEmpty ? "valgrind not found" : "one run each"))")
    }

    static func printTable(_ rows: [Row]) {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        print("")
        print(pad("figure", 50) + lpad("value", 10) + " " + pad("unit", 7) + pad("target", 24) + lpad("of target", 10) + "  met")
        print(String(repeating: "-", count: 106))
        for r in rows {
            var line = pad(r.figure, 50) + lpad(String(format: r.value < 10 ? "%.3f" : "%.1f", r.value), 10) + " " + pad(r.unit, 7) + pad(r.target, 24)
            if let limit = r.limit {
                line += lpad(String(format: "%.0f %%", r.value / limit * 100), 10) + "  " + (r.value <= limit ? "yes" : "NO")
            }
            print(line)
        }
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}
