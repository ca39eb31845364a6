import PortalCore

/// A clinic's own part of the program: a therapist's new week is a draft (`published_at` unset, see
/// `ProgramMap.weeks`) that the patient does not see until it is published.
extension PostgresStore {
    /// The numbers of the weeks not yet published (only a therapist sees any).
    public func draftWeeks() throws -> [Int] {
        try read { db, id in
            try db.query("SELECT number FROM program_week WHERE patient_id = $1 AND published_at IS NULL ORDER BY number", [id])
                .rows.map { try $0.int("number") }
        }
    }

    /// Publishes a draft week: from now on the patient sees it.
    public func publishWeek(_ number: Int) throws {
        try write { db, id in
            let n = try db.query("UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = $2 AND published_at IS NULL",
                                 [id, number]).affected
            guard n == 1 else { throw PortalError.notFound("Week \(number) is not a draft of this program.") }
        }
    }
}
