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

    /// Publishes a draft week: from now on the patient sees it, and her request for a new program, if any, is
    /// answered (it leaves the caseload).
    public func publishWeek(_ number: Int) throws {
        try write { db, id in
            let n = try db.query("UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = $2 AND published_at IS NULL",
                                 [id, number]).affected
            guard n == 1 else { throw PortalError.notFound("Week \(number) is not a draft of this program.") }
            try db.query("DELETE FROM program_request WHERE patient_id = $1", [id])
        }
    }

    /// In a clinic the program is her therapist's.
    public var programIsTherapists: Bool { true }

    /// Her request, kept for her therapist (the latest replaces the one before). Only her own login asks.
    public func askForProgram(_ request: String) throws {
        try PlainText.check(request, field: "The request", maxLength: 400)
        try write { db, id in
            try db.query("""
                INSERT INTO program_request (patient_id, request) VALUES ($1, $2)
                ON CONFLICT (patient_id) DO UPDATE SET request = excluded.request, asked_at = now()
                """, [id, request])
        }
    }

    /// What she asked her therapist for and has not been answered yet, nil when nothing.
    public func programRequest() throws -> String? {
        try read { db, id in
            try db.query("SELECT request FROM program_request WHERE patient_id = $1", [id]).rows.first?.text("request")
        }
    }
}
