import Foundation

/// The clinic benchmark's figures, one table, then the machine they were taken on.
struct ClinicReport {
    let patients: Int
    let fillSeconds: Double
    let vacuumSeconds: Double
    let rows: Int
    let sizeMiB: Double
    let homes: [(Int, ClinicHome.Figures)]
    let tokens: [(Int, ClinicToken.Figures)]
    let runs: Int
    let concurrent: ClinicConcurrent.Figures
    let cuts: ClinicCuts.Figures
    let postgres: String

    func print() {
        var lines: [(String, String)] = []
        func add(_ figure: String, _ value: String) { lines.append((figure, value)) }
        func ms(_ v: Double) -> String { String(format: "%.0f ms", v) }
        add("patients (each with her own login role)", "\(patients)")
        add("fill: a year of history each, set-based SQL", String(format: "%.0f s (%.0f patients/s)", fillSeconds, Double(patients) / fillSeconds))
        add("VACUUM (ANALYZE) after the fill", String(format: "%.0f s", vacuumSeconds))
        add("rows in the database", String(format: "%.1f M", Double(rows) / 1e6))
        add("database size", String(format: "%.0f MiB (%.1f MiB per 100 patients)", sizeMiB, sizeMiB / Double(patients) * 100))
        for (n, f) in homes {
            add("first complete Home, local socket, \(n) patients", "\(ms(median(f.local))) median (\(ms(f.local.min() ?? .nan))–\(ms(f.local.max() ?? .nan)))")
            add("first complete Home, ssh -tt, \(n) patients", "\(ms(median(f.ssh))) median (\(ms(f.ssh.min() ?? .nan))–\(ms(f.ssh.max() ?? .nan)))")
            add("first complete caseload of \(ClinicFill.patientsPerTherapist), local socket, \(n) patients",
                "\(ms(median(f.caseload))) median (\(ms(f.caseload.min() ?? .nan))–\(ms(f.caseload.max() ?? .nan)))")
            add("  caseload ÷ a patient's first Home, local, \(n) patients (target ≤ 2×)", String(format: "%.2f×", median(f.caseload) / median(f.local)))
        }
        if homes.count == 2 {
            let (a, b) = (homes[0].1, homes[1].1)
            add("  Home at \(homes[1].0) ÷ at \(homes[0].0) patients, local / ssh",
                String(format: "%.2f× / %.2f×", median(b.local) / median(a.local), median(b.ssh) / median(a.ssh)))
            add("  caseload at \(homes[1].0) ÷ at \(homes[0].0) patients (target: flat)", String(format: "%.2f×", median(b.caseload) / median(a.caseload)))
        }
        for (n, t) in tokens {
            let p50 = median(t.token)
            add("open caseload's change check (once a second), \(n) patients",
                String(format: "%.2f ms median, %.2f ms p99 of %d calls: %.3f %% of each second", p50, percentileOf(t.token, 0.99), t.token.count, p50 / 10))
            add("  the row-counting token it replaced, \(n) patients", String(format: "%.1f ms median of %d: %.1f %% of each second", median(t.counting), t.counting.count, median(t.counting) / 10))
        }
        if tokens.count == 2 {
            add("  change check at \(tokens[1].0) ÷ at \(tokens[0].0) patients (target: flat)", String(format: "%.2f×", median(tokens[1].1.token) / median(tokens[0].1.token)))
        }
        let c = concurrent
        add("\(ClinicBench.Options.concurrent) concurrent `portal log`, entries committed", "\(c.latencies.count - c.failures.count) of \(c.latencies.count), \(c.failures.isEmpty ? "each once, no errors" : "\(c.failures.count) FAILED")")
        add("  one `portal log` alone, for comparison", "\(ms(median(c.alone))) median of \(c.alone.count)")
        add("  throughput (median of rounds)", String(format: "%.1f entries/s", median(c.throughputs)))
        add("  latency p50 / p99 (start to exit)", "\(ms(percentileOf(c.latencies, 0.5))) / \(ms(percentileOf(c.latencies, 0.99)))")
        let u = cuts
        add("\(ClinicBench.Options.concurrent) ssh sessions cut mid-entry, portals open", "\(u.opened)")
        add("  portal gone after the cut, p50 / max", "\(ms(percentileOf(u.portalGone, 0.5))) / \(ms(u.portalGone.max() ?? .nan))")
        add("  every process of the 50 users gone", ms(u.allProcessesGone))
        add("  every database session of the 50 gone", ms(u.allBackendsGone))
        add("  processes left / half-written entries", u.failures.isEmpty ? "none / none" : "FAILED (see below)")
        let width = (lines.map(\.0.count).max() ?? 40) + 2
        Swift.print("")
        for (figure, value) in lines {
            Swift.print(figure + String(repeating: " ", count: max(1, width - figure.count)) + value)
        }
        Swift.print("")
        Swift.print("Home: patient 1 (the same record in each clinic), median of \(runs) interleaved rounds, to the first frame showing her 14-day pain line")
        Swift.print("machine: \(Self.machine(postgres: postgres))")
        Swift.print("load average after: \(Bench.loadAverage())")
    }

    static func machine(postgres: String) -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let ram = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        let debian = ((try? String(contentsOfFile: "/etc/debian_version", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
        let ssh = (try? ClinicProcess.run(["/usr/bin/ssh", "-V"], in: URL(fileURLWithPath: "/tmp"), allowFailure: true).output)?
            .split(separator: ",").first.map(String.init) ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (nproc), \(model), \(String(format: "%.0f", ram)) GiB RAM, Debian \(debian), PostgreSQL \(postgres), \(ssh)"
    }
}
