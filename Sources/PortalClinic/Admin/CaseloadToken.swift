import PortalCore

extension PostgresStore {
    /// A number that changes when anything a caseload row shows may have changed for any patient of the therapist
    /// logged in on `connection`: a row of a patient's record written, changed in place or deleted, by anyone
    /// (her record's count of changes, `record_change`, which the history's trigger keeps: clinic change 23); a
    /// patient added to her caseload or taken out of it; the clinic's day (the rows are worked out on it). The
    /// full-screen caseload asks for it once a second and reads the caseload again only when it moved (issue 25's
    /// change check, for a therapist with no chart open). One query through row-level security, one index probe
    /// a patient of hers: the same cost in a clinic of 100 patients as in one of 10,000, whatever their history.
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

    /// Her patients (how many, and which: the exclusive or of their record ids), the sum of their records' counts
    /// of changes (each only grows, so any write moves the sum; a record's count is a row per writer, change 28),
    /// and the clinic's day. Each count is looked up by
    /// its record's key (a join would read every record's count in the clinic and filter them).
    static let caseloadTokenSQL = """
        SELECT concat_ws(' ', count(*), coalesce(bit_xor(a.patient_id), 0),
                         coalesce(sum((SELECT sum(c.changes) FROM \(ClinicHistory.changes) c WHERE c.patient_id = a.patient_id)), 0),
                         \(ClinicSchema.today)) AS token
        FROM patient_account a WHERE a.therapist_role = current_user
        """
}
