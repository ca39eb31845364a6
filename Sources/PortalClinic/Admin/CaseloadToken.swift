import PortalCore

extension PostgresStore {
    /// A number that changes when anything a caseload row shows may have changed for any patient of the therapist
    /// logged in on `connection` (a pain entry or warning sign written or changed, a review, an exercise done, a
    /// week published, a report sent, a patient added to her caseload…): the full-screen caseload asks for it once
    /// a second and reads the caseload again only when it moved (issue 25's change check, for a therapist with no
    /// chart open). One query, through row-level security: counts of her patients' rows in each table a row is
    /// made from, and the newest place in her patients' entries (`entered`, which an update moves too).
    public static func caseloadToken(_ connection: PGConnection) throws -> Int64 {
        let text = try connection.transaction(readOnly: true) { db in
            try db.query(caseloadTokenSQL).rows.first?.text("token") ?? ""
        }
        // FNV-1a: stable from run to run (Swift's own hash is seeded per process).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// The tables a caseload row is made from: those of every part the caseload's window reads
    /// (`RecordWindow.caseload`, the one decision `CaseloadFetch` follows too), and the reports she sent.
    static var caseloadTables: [RecordTable] {
        RecordWindow.caseloadParts.flatMap(\.tables)
            + [SharedReportMap.sent]
    }

    static let caseloadTokenSQL: String = {
        let mine = "t.patient_id IN (SELECT patient_id FROM p)"
        var parts = ["(SELECT count(*) FROM p)", "(SELECT count(t.patient_id) || '.' || coalesce(max(length(t.request)), 0) FROM program_request t WHERE \(mine))"]
        for table in caseloadTables {
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
