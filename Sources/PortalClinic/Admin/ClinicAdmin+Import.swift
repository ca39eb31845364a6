import Foundation
import PortalCore

extension ClinicAdmin {
    /// Moves a patient's local record into her clinic record, in one transaction: her login and account
    /// (added when `therapist` is given and she has none yet), then every part of `record`. A record that
    /// already holds anything is refused unless `replace`, which deletes it in the same transaction (drafts
    /// included), so an import never mixes two histories. Any failure leaves the clinic database as it was.
    /// Every part goes in (`PatientRecord.write`), its weeks published: they are the program she was following,
    /// as far as it is hers to say (`LocalRecord.herOwnWord`: no review of her signs, no answer to her questions,
    /// no visit recorded as completed or missed comes from her own file); returns what was left out or changed.
    @discardableResult
    public func importLocal(_ file: PatientRecord, patient role: String, therapist: String?, replace: Bool) throws -> [String] {
        try Self.checkRoleName(role)
        let (record, changed) = try LocalRecord.herOwnWord(file)
        try db.transaction { db in
            let existing = try db.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [role]).rows.first
            let id: Int64
            if let therapist {
                id = try addPatient(role, therapist: therapist, db)
            } else if let existing {
                id = try existing.int64("patient_id")
            } else {
                throw PortalError.notFound("\(PlainText.quoted(role)) is not in the clinic database yet. Give her therapist with --therapist USER to add her login as her record is imported.")
            }
            // The administrator's session skips row-level security: every row of the record is hers to see.
            let dialect = PostgresDialect(db: db, patientID: id, publishes: true, direct: true)
            if try RecordPart.tables.contains(where: { try dialect.count($0, where: .all) > 0 }) {
                guard replace else {
                    throw PortalError.rule("\(role) already has data in the clinic database, so nothing was imported: a local portal moves in once, into an empty record. If her clinic record holds nothing she needs (for example only what add-patient set up), run the import again with --replace to put the local record in its place; otherwise keep the clinic record and leave the file as it is.")
                }
                for table in RecordPart.tables.reversed() { try dialect.delete(table, where: .all) }
            }
            try record.write(into: dialect)
        }
        return changed
    }
}
