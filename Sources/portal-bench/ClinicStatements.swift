import Foundation

/// Where the server's time goes in her first caseload, in each clinic: `pg_stat_statements` (loaded by the
/// benchmark's own cluster, never by the clinic's deploy) counts every statement her therapist's login ran while
/// `ClinicHome` started her caseload, each statement's planning and execution time and the buffers it touched.
/// Side by side for the 100-patient clinic and the large one, per caseload, it says what grows with the
/// clinic's size (the "flat" target) and what does not: a statement whose buffers grow with the clinic scans.
enum ClinicStatements {
    struct Row {
        /// The table a statement reads (the caseload's fetch is one statement a table), else its first words.
        var label: String
        var calls: Int
        /// Planning and execution, milliseconds, summed over the calls.
        var ms: Double
        /// Shared buffers hit or read, summed over the calls.
        var blocks: Int
        /// Of them, read from outside PostgreSQL's shared buffers (the kernel's page cache or the disk).
        var read = 0
        /// Of `ms`, compiling the plan's expressions with LLVM (JIT: a plan whose estimated cost passes
        /// `jit_above_cost`, which a larger clinic's larger tables can make it do), milliseconds.
        var jit = 0.0
    }

    /// Loads `pg_stat_statements` in the `postgres` database (the view reports every database's statements).
    static func install(_ cluster: ClinicCluster) throws {
        try cluster.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;", database: "postgres")
    }

    static func reset(_ cluster: ClinicCluster) throws {
        try cluster.sql("SELECT pg_stat_statements_reset();", database: "postgres")
    }

    /// `role`'s statements in `database`, grouped by label, most time first.
    static func read(_ cluster: ClinicCluster, role: String, database: String) throws -> [Row] {
        let out = try cluster.sql("""
            SELECT s.calls, s.total_plan_time + s.total_exec_time, s.shared_blks_hit + s.shared_blks_read, s.shared_blks_read,
                   s.jit_generation_time + s.jit_inlining_time + s.jit_optimization_time + s.jit_emission_time,
                   coalesce(substring(s.query from 'FROM ([a-z_]+) t\\M'), left(regexp_replace(s.query, '\\s+', ' ', 'g'), 48))
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid JOIN pg_roles r ON r.oid = s.userid
            WHERE d.datname = '\(database)' AND r.rolname = '\(role)';
            """, database: "postgres")
        var rows: [String: Row] = [:]
        for line in out.split(separator: "\n") {
            let f = line.split(separator: "|", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let calls = Int(f[0]), let ms = Double(f[1]), let blocks = Int(f[2]), let read = Int(f[3]),
                  let jit = Double(f[4]) else { continue }
            rows[f[5], default: Row(label: f[5], calls: 0, ms: 0, blocks: 0)].calls += calls
            rows[f[5]]!.ms += ms
            rows[f[5]]!.blocks += blocks
            rows[f[5]]!.read += read
            rows[f[5]]!.jit += jit
        }
        return rows.values.sorted { $0.ms > $1.ms }
    }

    /// The two clinics' statements side by side, per caseload (`starts`: how many times each clinic's caseload
    /// was started while counting), the statements of the large clinic's most time first.
    static func lines(small: (Int, [Row]), large: (Int, [Row]), starts: Int) -> [String] {
        let n = Double(max(1, starts))
        let bySmall = Dictionary(small.1.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ r: Row?) -> String {
            guard let r else { return String(repeating: " ", count: 52) }
            return String(format: "%7.2f ms %7.0f buffers (%5.0f read) jit %5.2f", r.ms / n, Double(r.blocks) / n, Double(r.read) / n, r.jit / n)
                .padding(toLength: 52, withPad: " ", startingAt: 0)
        }
        var out = ["statement (per caseload)".padding(toLength: 50, withPad: " ", startingAt: 0)
                   + "\(small.0) patients".padding(toLength: 54, withPad: " ", startingAt: 0) + "\(large.0) patients"]
        let labels = large.1.map(\.label) + small.1.map(\.label).filter { l in !large.1.contains { $0.label == l } }
        let byLarge = Dictionary(large.1.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        for l in labels {
            out.append("  " + l.padding(toLength: 48, withPad: " ", startingAt: 0) + cell(bySmall[l]) + "  " + cell(byLarge[l]))
        }
        func total(_ rows: [Row]) -> Row {
            Row(label: "", calls: rows.map(\.calls).reduce(0, +), ms: rows.map(\.ms).reduce(0, +), blocks: rows.map(\.blocks).reduce(0, +),
                read: rows.map(\.read).reduce(0, +), jit: rows.map(\.jit).reduce(0, +))
        }
        out.append("  " + "all statements".padding(toLength: 48, withPad: " ", startingAt: 0) + cell(total(small.1)) + "  " + cell(total(large.1)))
        return out
    }
}
