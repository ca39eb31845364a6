import Foundation
import PortalCore

/// What an import moved into the clinic, for the administrator's confirmation.
public struct ImportSummary: Sendable, Equatable {
    public let painEntries: Int, sessions: Int, visits: Int, weeks: Int, checkIns: Int, signReports: Int
}

extension ClinicAdmin {
    /// Moves a patient's local record into her clinic record, in one transaction: her login and account
    /// (added when `therapist` is given and she has none yet), then every part of `record`. A record that
    /// already holds anything is refused unless `replace`, which deletes it in the same transaction (drafts
    /// included), so an import never mixes two histories. Any failure leaves the clinic database as it was.
    @discardableResult
    public func importLocal(_ record: LocalRecord, patient role: String, therapist: String?, replace: Bool) throws -> ImportSummary {
        try Self.checkRoleName(role)
        return try db.transaction { db in
            let existing = try db.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [role]).rows.first
            let id: Int64
            if let therapist {
                id = try addPatient(role, therapist: therapist, db)
            } else if let existing {
                id = try existing.int64("patient_id")
            } else {
                throw PortalError.notFound("“\(role)” is not in the clinic database yet. Give her therapist with --therapist USER to add her login as her record is imported.")
            }
            if try PostgresStore.holdsData(db, id) {
                guard replace else {
                    throw PortalError.rule("\(role) already has data in the clinic database, so nothing was imported: a local portal moves in once, into an empty record. If her clinic record holds nothing she needs (for example only what add-patient set up), run the import again with --replace to put the local record in its place; otherwise keep the clinic record and leave the file as it is.")
                }
                for table in PostgresStore.recordTables {
                    try db.query("DELETE FROM \(table) WHERE patient_id = $1", [id])
                }
            }
            try PostgresStore.insert(record, db, id)
            return ImportSummary(painEntries: record.painEntries.count, sessions: record.sessions.count,
                                 visits: record.plan?.visits.count ?? 0, weeks: record.program.weeks.count,
                                 checkIns: record.quizResults.count, signReports: record.signReports.count)
        }
    }
}
