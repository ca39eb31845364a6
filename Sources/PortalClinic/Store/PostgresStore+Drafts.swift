import PortalCore

/// A clinic's own part of the program: a therapist's new week is a draft (`published_at` unset, see
/// `ProgramMap.weeks`) that the patient does not see until it is published.
extension PostgresStore {
    /// Publishes a draft week: from now on the patient sees it, and her request for a new program, if any, is
    /// answered (it leaves the caseload: the server's trigger `program_week_answers_request`, since her
    /// therapist may not delete the request herself).
    public func publishWeek(_ number: Int) throws {
        try write { db, id in
            let n = try db.query("UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = $2 AND published_at IS NULL",
                                 [id, number]).affected
            guard n == 1 else { throw PortalError.notFound("Week \(number) is not a draft of this program.") }
        }
    }

    /// Her therapist's editor publishing (`RecordStore.publishWeek(_:library:today:)`): one transaction, in which
    /// the week is put in place of the upcoming published week of its number (`MappedRecordStore.placeWeek`; the
    /// server refuses a week that has started by its own day), or saved as a draft and published.
    public func publishWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        guard addsDraftWeeks else {
            throw PortalError.rule("Only her therapist publishes a week of her program, from the clinic's portal; nothing was changed.")
        }
        try write { db, id in
            let dialect = PostgresDialect(db: db, patientID: id, publishes: false, direct: administrator)
            if try !Self.placeWeek(week, library: library, today: today, dialect) {
                let n = try db.query("UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = $2 AND published_at IS NULL",
                                     [id, week.number]).affected
                guard n == 1 else { throw PortalError.notFound("Week \(week.number) is not a draft of this program.") }
            }
        }
    }

    /// In a clinic the program is her therapist's.
    public var programIsTherapists: Bool { true }

    /// In a clinic Share sends to her therapist: her own login sends (her therapist's reads what was sent, and
    /// its Share writes files only).
    public var sendsToTherapist: Bool { !actsAsTherapist }

    @discardableResult
    public func send(_ report: SharedReport) throws -> SharedReport {
        guard sendsToTherapist else { throw PortalError.rule("Only she sends her therapist a report from her own login.") }
        return try writing { db in try SharedReportMap.insert(report, db) }
    }

    public func sharedReports(limit: Int?) throws -> [SharedReport] {
        try reading { db in try SharedReportMap.read(db, limit: limit) }
    }

    /// Her request, kept for her therapist (the latest replaces the one before). Only her own login asks.
    public func askForProgram(_ request: String) throws {
        try writing { db in try askForProgram(request, in: db) }
    }

    /// Her request, written in the transaction `db` (with the change of her details that calls for it:
    /// `updateProfile(…askingTherapist:…)`).
    public func askForProgram(_ request: String, in db: any RecordDatabase) throws {
        try PlainText.check(request, field: "The request", maxLength: 400)
        guard let pg = db as? PostgresDialect else { throw PortalError.rule("The request goes through the clinic's own transaction.") }
        try pg.db.query("""
            INSERT INTO program_request (patient_id, request) VALUES ($1, $2)
            ON CONFLICT (patient_id) DO UPDATE SET request = excluded.request, asked_at = now()
            """, [pg.patientID, request])
    }

    /// What she asked her therapist for and has not been answered yet, nil when nothing.
    public func programRequest() throws -> String? {
        try read { db, id in
            try db.query("SELECT request FROM program_request WHERE patient_id = $1", [id]).rows.first?.text("request")
        }
    }
}
