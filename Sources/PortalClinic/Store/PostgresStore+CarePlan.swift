import PortalCore

extension PostgresStore {
    public func carePlan() throws -> CarePlan? {
        try read { db, id in try Self.carePlan(db, id) }
    }

    static func carePlan(_ db: PGConnection, _ id: Int64) throws -> CarePlan? {
        let visits = try visits(db, id)
        return visits.isEmpty ? nil : try CarePlan(visits: visits)
    }

    static func visits(_ db: PGConnection, _ id: Int64) throws -> [Visit] {
        try db.query("""
            SELECT number, kind, status, to_char(starts_at, 'YYYY-MM-DD"T"HH24:MI') AS starts_at, duration_minutes, mode,
                   location, therapist, focus, notes
            FROM visit WHERE patient_id = $1 ORDER BY number
            """, [id]).rows.map { r in
            Visit(number: try r.int("number"), kind: VisitKind(rawValue: try r.text("kind")) ?? .followUp,
                  status: VisitStatus(rawValue: try r.text("status")) ?? .toSchedule,
                  start: try r.optional("starts_at").flatMap(LocalDateTime.init),
                  durationMinutes: try r.int("duration_minutes"), mode: VisitMode(rawValue: try r.text("mode")) ?? .inPerson,
                  location: try r.text("location"), therapist: try r.text("therapist"), focus: try r.text("focus"),
                  notes: try r.text("notes"))
        }
    }

    public func setUpCarePlan(_ plan: CarePlan) throws {
        try write { db, id in
            let stored = try db.query("SELECT count(*) AS n FROM visit WHERE patient_id = $1", [id]).rows.first?.int("n") ?? 0
            try StoreRules.checkCarePlan(plan, storedVisits: stored)
            for v in plan.visits { try Self.insert(v, db, id) }
        }
    }

    /// Checked inside the transaction, with the record locked, against the other visits as stored, so two
    /// sessions booking at once cannot both take the same time. The completed-visit trigger guards the row too.
    @discardableResult
    public func saveVisit(_ v: Visit) throws -> Visit {
        try write { db, id in
            try StoreRules.checkVisitChange(v, stored: try Self.visits(db, id), zone: zone)
            let changed = try db.query("""
                UPDATE visit SET kind = $3, status = $4, starts_at = $5::timestamp, duration_minutes = $6, mode = $7,
                                 location = $8, therapist = $9, focus = $10, notes = $11
                WHERE patient_id = $1 AND number = $2
                """, [id, v.number, v.kind.rawValue, v.status.rawValue, v.start?.description, v.durationMinutes,
                      v.mode.rawValue, v.location, v.therapist, v.focus, v.notes]).affected
            guard changed == 1 else { throw PortalError.notFound("Visit \(v.number) is not in this care plan.") }
            return v
        }
    }

    static func insert(_ v: Visit, _ db: PGConnection, _ id: Int64) throws {
        try db.query("""
            INSERT INTO visit (patient_id, number, kind, status, starts_at, duration_minutes, mode, location, therapist, focus, notes)
            VALUES ($1, $2, $3, $4, $5::timestamp, $6, $7, $8, $9, $10, $11)
            """, [id, v.number, v.kind.rawValue, v.status.rawValue, v.start?.description, v.durationMinutes,
                  v.mode.rawValue, v.location, v.therapist, v.focus, v.notes])
    }
}
