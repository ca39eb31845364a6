import Foundation
import PortalClinic
import PortalCore

/// What her open caseload costs the clinic while she only looks at it: once a second the portal asks whether any
/// of her patients' records changed (`PostgresStore.caseloadToken`: her patients' counts of changes, clinic change
/// 23), measured as the portal asks it (its own function, a read-only transaction on the local socket, as her
/// therapist's login), `calls` times in a row after one warm-up. Beside it, for the comparison, the token it
/// replaced (safety-e's, issue 25's change check for the caseload): her patients' rows counted in every table the
/// caseload reads, without a date bound, which also missed every change in place.
enum ClinicToken {
    struct Figures {
        /// Milliseconds for each call of the token.
        var token: [Double]
        /// Milliseconds for each run of the row-counting token it replaced.
        var counting: [Double]
    }

    static func measure(conninfo: String, calls: Int, countingCalls: Int) throws -> Figures {
        let connection = try PGConnection(conninfo)
        func timed(_ calls: Int, _ body: () throws -> Void) rethrows -> [Double] {
            try body()
            return try (0..<calls).map { _ in
                let t0 = ClinicProcess.monotonicNs
                try body()
                return Double(ClinicProcess.monotonicNs - t0) / 1e6
            }
        }
        return Figures(token: try timed(calls) { _ = try PostgresStore.caseloadToken(connection) },
                       counting: try timed(countingCalls) { try connection.execute(countingSQL) })
    }

    /// The row-counting token as it was before change 23 (its SQL, made the same way from the record map).
    static let countingSQL: String = {
        let tables = RecordWindow.caseloadParts.flatMap(\.tables) + [SharedReportMap.sent]
        let mine = "t.patient_id IN (SELECT patient_id FROM p)"
        var parts = ["(SELECT count(*) FROM p)", "(SELECT count(t.patient_id) || '.' || coalesce(max(length(t.request)), 0) FROM program_request t WHERE \(mine))"]
        for table in tables {
            let names = Set(table.columns.map(\.name))
            var value = "count(t.patient_id)"
            if names.contains("entered") { value += " || '.' || coalesce(max(t.entered), 0)" }
            if names.contains("published_at") { value += " || '.' || count(t.published_at)" }
            parts.append("(SELECT \(value) FROM \(table.name) t WHERE \(mine))")
        }
        return "WITH p AS (SELECT patient_id FROM patient_account WHERE therapist_role = current_user::text)\n"
            + "SELECT concat_ws(' ', \(parts.joined(separator: ",\n  "))) AS token"
    }()
}
