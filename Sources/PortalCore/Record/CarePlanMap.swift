/// The care plan: the six visits, each changed in place (never deleted and added again, so the rule that a
/// completed visit keeps its date, a trigger in both stores, watches the very write).
public enum CarePlanMap {
    public static let visits = RecordTable("visit", columns: [
        .integer("number", 1...Visit.planSize),
        .oneOf("kind", VisitKind.self),
        .oneOf("status", VisitStatus.self),
        RecordColumn("starts_at", .dateTime, nullable: true).called("date and time of a visit"),
        .integer("duration_minutes", 15...240).called("length of a visit in minutes"),
        .oneOf("mode", VisitMode.self),
        .note("location"), .note("therapist"), .note("focus"), .note("notes"),
    ], key: ["number"], checks: [
        .init("status IN ('to-schedule', 'cancelled') OR starts_at IS NOT NULL", columns: ["status", "starts_at"]),
    ], indexes: [.init("visit_by_start", ["starts_at"])], access: [
        Access(.patient, [.select]),
        // She books, moves and cancels a visit (when, how long, in person or not, where): never its kind,
        // focus or notes, and never its outcome (completed, missed), which are her therapist's to record; nor
        // a visit once recorded, which stays as her therapist recorded it (`Visit.isRecorded`).
        Access(.patient, [.update], only: [.init("status", oneOf: patientStatuses)], columns: bookingColumns,
               check: "status IN (" + patientStatuses.map { "'\($0)'" }.joined(separator: ", ") + ")"),
        // Her therapist plans the visits and books, moves and records them. Nobody deletes one: a care plan
        // has six visits, a rule of the clinic's schema (`ClinicHistory`).
        Access(.therapist, [.select, .insert, .update]),
    ])

    /// The statuses a patient's own clinic login gives a visit, and the only ones of a visit she may change.
    public static let patientStatuses = VisitStatus.allCases.filter { !$0.isRecorded }.map(\.rawValue)

    /// The columns booking, moving or cancelling a visit changes.
    public static let bookingColumns = ["status", "starts_at", "duration_minutes", "mode", "location"]

    static let columns = ["number", "kind", "status", "starts_at", "duration_minutes", "mode", "location", "therapist", "focus", "notes"]

    static func read(_ db: any RecordDatabase) throws -> CarePlan? {
        let all = try db.rows(visits, columns, orderBy: [.ascending("number")]) { r in
            Visit(number: try r.int(0), kind: VisitKind(rawValue: try r.text(1)) ?? .followUp,
                  status: VisitStatus(rawValue: try r.text(2)) ?? .toSchedule, start: try r.optionalDateTime(3),
                  durationMinutes: try r.int(4), mode: VisitMode(rawValue: try r.text(5)) ?? .inPerson,
                  location: try r.text(6), therapist: try r.text(7), focus: try r.text(8), notes: try r.text(9))
        }
        guard !all.isEmpty else { return nil }
        // Rows each read, that together break a rule of the plan (a booked visit whose time the server reads as
        // none: `infinity`, written outside the portal): the plan is what could not be read (qa-h H2), so the
        // caseload gives her her own line, never fails whole.
        do {
            return try CarePlan(visits: all)
        } catch let error as PortalError where error.unreadableWhat == nil {
            if case .storage = error { throw error }
            throw PortalError.unreadableRow(what: "the care plan (\(String(error.description.dropLast(error.description.hasSuffix(".") ? 1 : 0))))")
        }
    }

    /// The care plan as a change of one of its visits reads it, inside the write: its rows held first
    /// (`RecordDatabase.holdForWrite`), so the visit compared with what the form read and the others its new time
    /// is checked against are the rows as the write changes them, whoever else writes the plan at that moment.
    static func readForChange(_ db: any RecordDatabase) throws -> [Visit] {
        try db.holdForWrite(visits, where: .all)
        return try read(db)?.visits ?? []
    }

    static func count(_ db: any RecordDatabase) throws -> Int { try db.count(visits, where: .all) }

    static func values(_ v: Visit) -> [(String, StoredValue)] {
        [("number", .int(v.number)), ("kind", .text(v.kind.rawValue)), ("status", .text(v.status.rawValue)),
         ("starts_at", .optional(v.start?.description)), ("duration_minutes", .int(v.durationMinutes)), ("mode", .text(v.mode.rawValue)),
         ("location", .text(v.location)), ("therapist", .text(v.therapist)), ("focus", .text(v.focus)), ("notes", .text(v.notes))]
    }

    static func insert(_ v: Visit, _ db: any RecordDatabase) throws { try db.insert(visits, values(v)) }

    /// Changes the visit with its number in place, setting only the columns whose values differ from `stored`
    /// (so a patient moving a visit sets none of the columns that are her therapist's, which the clinic refuses
    /// her even unchanged); false when the plan has no such visit.
    static func update(_ v: Visit, stored: Visit?, _ db: any RecordDatabase) throws -> Bool {
        guard let stored, stored.number == v.number else { return false }
        let old = Dictionary(uniqueKeysWithValues: values(stored).map { ($0.0, $0.1) })
        let changed = values(v).dropFirst().filter { old[$0.0] != $0.1 }
        guard !changed.isEmpty else { return true }
        return try db.update(visits, set: Array(changed), where: .equal("number", .int(v.number))) == 1
    }
}
