import Foundation

/// Start-up in a pseudo-terminal of 80×24, measured from outside by `C/ptyrun.c`: from the fork to the
/// first time the screen's last line (the footer, ending in "quit") has been written. Every start-up of a
/// round runs once per round, so the floors and the portal share the same moments of machine load.
struct StartUp {
    struct Subject {
        var name: String
        var marker: String
        var command: [String]
    }

    struct Result {
        var milliseconds: [Double] = []
        var peakKiB = 0
        var median: Double { milliseconds.sorted()[milliseconds.count / 2] }
    }

    let tools: URL
    var ptyrun: String { tools.appendingPathComponent("ptyrun").path }
    var cFloor: String { tools.appendingPathComponent("floor").path }
    var maxrss: String { tools.appendingPathComponent("maxrss").path }

    /// Compiles the C helpers with cc into `tools`.
    init(tools: URL) throws {
        self.tools = tools
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("C")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        for (name, libs) in [("ptyrun", ["-lutil"]), ("floor", ["-lncursesw"]), ("maxrss", [])] {
            try Shell.run(["cc", "-O2", "-o", tools.appendingPathComponent(name).path,
                           sources.appendingPathComponent("\(name).c").path] + libs)
        }
    }

    /// One start-up: milliseconds to the marker, VmHWM there, CPU nanoseconds over `idleSeconds` after it
    /// (after `settleSeconds` more, when given: what the start does once after its first frame left out).
    func once(_ subject: Subject, idleSeconds: Int = 0, settleSeconds: Int = 0, timeout: Int = 30) throws -> (ms: Double, peakKiB: Int, idleNs: Int) {
        let idle = settleSeconds > 0 ? "\(settleSeconds)+\(idleSeconds)" : String(idleSeconds)
        let out = try Shell.output([ptyrun, subject.marker, idle, String(timeout)] + subject.command)
        let parts = out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 3 else { throw BenchError("ptyrun said “\(out)” for \(subject.name)") }
        return (Double(parts[0]) / 1e6, parts[1], parts[2])
    }

    /// `rounds` interleaved rounds over all subjects.
    func interleaved(_ subjects: [Subject], rounds: Int) throws -> [String: Result] {
        var results: [String: Result] = [:]
        for subject in subjects { _ = try once(subject) }  // warm the page cache once
        for _ in 0..<rounds {
            for subject in subjects {
                let r = try once(subject)
                results[subject.name, default: Result()].milliseconds.append(r.ms)
                results[subject.name]!.peakKiB = max(results[subject.name]!.peakKiB, r.peakKiB)
            }
        }
        return results
    }

    /// Copies of `binaries` without debug info (strip --strip-debug) in `tools/nodebug`, with `resources`
    /// copied beside them: original path → copy.
    func withoutDebugInfo(_ binaries: [String], resources: URL) throws -> [String: String] {
        let dir = tools.appendingPathComponent("nodebug")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: resources, to: dir.appendingPathComponent(resources.lastPathComponent))
        var copies: [String: String] = [:]
        for binary in binaries {
            let copy = dir.appendingPathComponent(URL(fileURLWithPath: binary).lastPathComponent).path
            try Shell.run(["strip", "--strip-debug", "-o", copy, binary])
            copies[binary] = copy
        }
        return copies
    }

    /// Instructions to the first screen and a clean exit (SIGTERM), from callgrind; nil without valgrind.
    func instructions(_ subject: Subject) throws -> Int? {
        guard let valgrind = Shell.which("valgrind") else { return nil }
        let log = tools.appendingPathComponent("callgrind-\(subject.name).log")
        try? FileManager.default.removeItem(at: log)
        // valgrind goes after `env VAR=value…`: it follows no exec, so it must start the program itself.
        let settings = subject.command.prefix { $0 == "/usr/bin/env" || $0.contains("=") }
        let command = Array(settings) + [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", "--log-file=\(log.path)"]
            + subject.command.dropFirst(settings.count)
        _ = try once(Subject(name: subject.name, marker: subject.marker, command: command), timeout: 300)
        // The totals are written at exit, just after the run ended.
        for _ in 0..<50 {
            if let text = try? String(contentsOf: log, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.contains("Collected :") }),
               let n = Int(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) {
                return n
            }
            usleep(100_000)
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum Shell {
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ args: [String]) throws { _ = try output(args) }

    static func output(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0].hasPrefix("/") ? args[0] : (which(args[0]) ?? args[0]))
        p.arguments = Array(args.dropFirst())
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("\(args.joined(separator: " ")) failed (\(p.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}
