import GRDB

extension SQLiteStore {
    public func carePlan() throws -> CarePlan? {
        try read { db in try Self.carePlan(db) }
    }

    static func carePlan(_ db: Database) throws -> CarePlan? {
        let visits = try visits(db)
        return visits.isEmpty ? nil : try CarePlan(visits: visits)
    }

    static func visits(_ db: Database) throws -> [Visit] {
        try Row.fetchAll(db, sql: "SELECT * FROM visit ORDER BY number").map(visit)
    }

    public func setUpCarePlan(_ plan: CarePlan) throws {
        try write { db in
            try StoreRules.checkCarePlan(plan, storedVisits: try Int.fetchOne(db, sql: "SELECT count(*) FROM visit") ?? 0)
            for v in plan.visits { try Self.insert(v, db) }
        }
    }

    /// Checked inside the transaction against the other visits as stored, so two portals booking at once
    /// cannot both take the same time. The row is updated in place, so the completed-visit trigger guards
    /// this very write.
    @discardableResult
    public func saveVisit(_ v: Visit) throws -> Visit {
        try write { db in
            try StoreRules.checkVisitChange(v, stored: try Self.visits(db), zone: zone)
            try db.execute(sql: """
                UPDATE visit SET kind = ?, status = ?, starts_at = ?, duration_minutes = ?, mode = ?, location = ?,
                                 therapist = ?, focus = ?, notes = ?
                WHERE number = ?
                """, arguments: [v.kind.rawValue, v.status.rawValue, v.start?.description, v.durationMinutes,
                                 v.mode.rawValue, v.location, v.therapist, v.focus, v.notes, v.number])
            return v
        }
    }

    static func insert(_ v: Visit, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO visit (number, kind, status, starts_at, duration_minutes, mode, location, therapist, focus, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [v.number, v.kind.rawValue, v.status.rawValue, v.start?.description, v.durationMinutes,
                             v.mode.rawValue, v.location, v.therapist, v.focus, v.notes])
    }

    static func visit(_ row: Row) -> Visit {
        Visit(number: row["number"], kind: VisitKind(rawValue: row["kind"]) ?? .followUp,
              status: VisitStatus(rawValue: row["status"]) ?? .toSchedule,
              start: (row["starts_at"] as String?).flatMap(LocalDateTime.init),
              durationMinutes: row["duration_minutes"], mode: VisitMode(rawValue: row["mode"]) ?? .inPerson,
              location: row["location"], therapist: row["therapist"], focus: row["focus"], notes: row["notes"])
    }
}
