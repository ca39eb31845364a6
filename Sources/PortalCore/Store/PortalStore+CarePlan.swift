import GRDB

extension PortalStore {
    /// The six visits, or nil before onboarding.
    public func carePlan() throws -> CarePlan? {
        let visits = try read { db in try Row.fetchAll(db, sql: "SELECT * FROM visit ORDER BY number").map(Self.visit) }
        return visits.isEmpty ? nil : try CarePlan(visits: visits)
    }

    /// Writes all six visits at once (onboarding, the demo).
    public func setUpCarePlan(_ plan: CarePlan) throws {
        try plan.validateForSaving()
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM visit") == 0 else {
                throw PortalError.rule("This care plan already has its six visits.")
            }
            for v in plan.visits { try Self.insert(v, db) }
        }
    }

    /// Updates one visit (booking, completing, notes). Visits can be changed but never added.
    /// Checked inside the transaction against the other visits as stored, so two portals booking at once
    /// cannot both take the same time.
    public func saveVisit(_ v: Visit) throws {
        try v.validate()
        try v.validateText()
        try write { db in
            guard let old = try Row.fetchOne(db, sql: "SELECT * FROM visit WHERE number = ?", arguments: [v.number]).map(Self.visit) else {
                throw PortalError.rule("A care plan has exactly six visits; visit \(v.number) does not exist.")
            }
            if old.status == .completed, v.start != old.start || v.status != .completed {
                throw PortalError.rule("Visit \(v.number) is completed; it keeps its date and status.")
            }
            let others = try Row.fetchAll(db, sql: "SELECT * FROM visit WHERE number <> ?", arguments: [v.number]).map(Self.visit)
            try CarePlan(visits: others + [v]).validateSchedule(of: v)
            try db.execute(sql: "DELETE FROM visit WHERE number = ?", arguments: [v.number])
            try Self.insert(v, db)
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
