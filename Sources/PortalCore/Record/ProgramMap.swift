/// The program: its weeks and each week's prescriptions in order. In a clinic a therapist's new week is a draft
/// the patient does not see until it is published (`published_at`); a file has no drafts.
public enum ProgramMap {
    public static let weeks = RecordTable("program_week", columns: [
        .integer("number", 1...52),
        .date("starts"),
        .note("note"),
        RecordColumn("published_at", .publication, nullable: true),
        // Where the week came from (migration 6); weeks stored before are 'unrecorded'.
        .oneOf("origin", WeekOrigin.self, default: .unrecorded),
        // What the week was planned for (migration 30): her stage when the store wrote it; NULL for weeks
        // stored before, after the birth.
        .oneOf("planned_for", PlannedFor.self, nullable: true),
    ], key: ["number"], unique: [["starts"]], access: [
        // The program is her therapist's: she sees the published weeks and writes none (a change of her details
        // that would bring a new program asks her therapist for it).
        Access(.patient, [.select], rows: .published),
        // Her therapist reads every week, writes drafts, publishes them (when, the server says) and drops a
        // draft. A published week is the patient's record: never unpublished or deleted; until it starts (by
        // the server's day) her therapist may put it right in place (its row changed, its prescriptions written
        // again, in one transaction: `ProgramMap.replace`), and once it has started only the administrator
        // changes it (the clinic's trigger `program_week_started_stays` says so whatever the policies allow).
        Access(.therapist, [.select]),
        Access(.therapist, [.insert, .update, .delete], rows: .drafts),
        Access(.therapist, [.update], rows: .upcoming, columns: ["starts", "note", "origin", "planned_for"]),
    ])

    public static let prescriptions = RecordTable("prescription", columns: [
        .integer("week"),
        .integer("position"),
        .text("exercise_id", rule: .length(1...64)).called("exercise of a program week"),
        .integer("sets", 1...10).called("sets of an exercise in a program week"),
        .integer("reps", 1...50).called("repetitions of an exercise in a program week"),
        .integer("hold_seconds", 0...120).called("hold in seconds of an exercise in a program week"),
        .integer("rest_seconds", 0...300).called("rest in seconds of an exercise in a program week"),
        .integer("times_per_day", 1...5).called("times a day of an exercise in a program week"),
        .integer("days_per_week", 1...7).called("days a week of an exercise in a program week"),
        .oneOf("side", Side.self).called("side of an exercise in a program week"),
        .note("note").called("note on an exercise in a program week"),
        // The therapist's reason when she prescribes the exercise against one of its rules (migration 6).
        .note("therapist_decision", limit: Prescription.noteLimit).called("therapist's decision on an exercise"),
    ], key: ["week", "exercise_id"], parent: .init("program_week", ["week"]), access: [
        Access(.patient, [.select], rows: .published),
        Access(.therapist, [.select]),
        Access(.therapist, [.insert, .delete], rows: .drafts),
        Access(.therapist, [.insert, .delete], rows: .upcoming),
    ])

    /// The weeks this session may see (in a clinic, a patient's published ones; her therapist's drafts too), with
    /// the prescriptions of every week, or (`prescriptionsFrom`, given the weeks' numbers and first days) of the
    /// weeks from the one it names on (nil: every week's).
    static func read(_ db: any RecordDatabase,
                     prescriptionsFrom first: ((_ weeks: [(number: Int, starts: CalendarDate)]) -> Int?)? = nil) throws -> Program {
        let read = try db.rows(weeks, ["number", "starts", "note", "origin", "planned_for"], orderBy: [.ascending("number")]) { r in
            (number: try r.int(0), starts: try r.date(1), note: try r.text(2), origin: WeekOrigin(rawValue: try r.text(3)) ?? .unrecorded,
             plannedFor: try r.optionalText(4).flatMap(PlannedFor.init(rawValue:)))
        }
        let from = first?(read.map { ($0.number, $0.starts) })
        var byWeek: [Int: [Prescription]] = [:]
        try db.select(prescriptions, ["week", "exercise_id", "sets", "reps", "hold_seconds", "rest_seconds", "times_per_day",
                                      "days_per_week", "side", "note", "therapist_decision"],
                      where: from.map { .atLeast("week", .int($0)) } ?? .all, orderBy: [.ascending("week"), .ascending("position")], limit: nil) { r in
            byWeek[try r.int(0), default: []].append(Prescription(
                exerciseID: try r.text(1),
                dose: Dose(sets: try r.int(2), reps: try r.int(3), holdSeconds: try r.int(4), restSeconds: try r.int(5),
                           timesPerDay: try r.int(6), daysPerWeek: try r.int(7), side: Side(rawValue: try r.text(8)) ?? .none),
                note: try r.text(9), therapistDecision: try r.text(10)))
        }
        return Program(weeks: read.map { w in
            ProgramWeek(number: w.number, starts: w.starts, note: w.note, prescriptions: byWeek[w.number] ?? [], origin: w.origin)
        }, drafts: Set(try draftNumbers(db)),
        plannedFor: Dictionary(read.compactMap { w in w.plannedFor.map { (w.number, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// Writes a new week and its prescriptions (published at once, or a draft, as the store's dialect says),
    /// planned for her stage as stored now (`plannedNow`): the one place the fact is set.
    static func insert(_ week: ProgramWeek, _ db: any RecordDatabase) throws {
        try insert(week, plannedFor: try plannedNow(db), db)
    }

    /// Writes a week of `program` as it was kept, what it was planned for included (a whole record moved in as
    /// it reads).
    static func insertAsKept(_ week: ProgramWeek, of program: Program, _ db: any RecordDatabase) throws {
        try insert(week, plannedFor: program.plannedFor[week.number], db)
    }

    /// Writes a new week planned for `plannedFor` (what it was planned for when first written: a draft
    /// published, `MappedRecordStore.placeWeek`; a week kept as it was).
    static func insert(_ week: ProgramWeek, plannedFor: PlannedFor?, _ db: any RecordDatabase) throws {
        try db.insert(weeks, [("number", .int(week.number)), ("starts", .date(week.starts)), ("note", .text(week.note)),
                                ("origin", .text(week.origin.rawValue)), ("planned_for", .optional(plannedFor?.rawValue))])
        try insertPrescriptions(of: week, db)
    }

    /// What stored week `number` was planned for when it was written (nil: it does not say, or there is none).
    static func plannedFor(_ number: Int, _ db: any RecordDatabase) throws -> PlannedFor? {
        try db.rows(weeks, ["planned_for"], where: .equal("number", .int(number)), orderBy: [], limit: 1) {
            try $0.optionalText(0).flatMap(PlannedFor.init(rawValue:))
        }.first ?? nil
    }

    /// What a week written now is planned for: her stage as stored (the profile is written before the weeks
    /// it brings, in the same transaction); nil when there is no one yet.
    static func plannedNow(_ db: any RecordDatabase) throws -> PlannedFor? {
        try ProfileMap.read(db).map { PlannedFor($0.stage) }
    }

    /// Writes `week` in place of the stored week of its number, published or not: its row is kept (published
    /// as it was, so she never sees the week missing) and changed (planned for her stage now, as `insert`
    /// says), its prescriptions written again, all in the
    /// caller's one transaction. In a clinic her therapist's rights reach only a week not started by the
    /// server's day (`Access.Rows.upcoming`; a trigger refuses any other). Callers check the week first
    /// (`StoreRules.checkUpcomingWeeks`).
    static func replace(_ week: ProgramWeek, _ db: any RecordDatabase) throws {
        let number = RowFilter.equal("number", .int(week.number))
        guard try db.update(weeks, set: [("starts", .date(week.starts)), ("note", .text(week.note)), ("origin", .text(week.origin.rawValue)),
                                         ("planned_for", .optional(try plannedNow(db)?.rawValue))],
                            where: number) == 1 else {
            throw PortalError.notFound("Week \(week.number) is not in this program (or is no longer open to change), so nothing was changed.")
        }
        try db.delete(prescriptions, where: .equal("week", .int(week.number)))
        try insertPrescriptions(of: week, db)
    }

    private static func insertPrescriptions(of week: ProgramWeek, _ db: any RecordDatabase) throws {
        for (i, p) in week.prescriptions.enumerated() {
            let d = p.dose
            try db.insert(prescriptions, [
                ("week", .int(week.number)), ("position", .int(i)), ("exercise_id", .text(p.exerciseID)), ("sets", .int(d.sets)),
                ("reps", .int(d.reps)), ("hold_seconds", .int(d.holdSeconds)), ("rest_seconds", .int(d.restSeconds)),
                ("times_per_day", .int(d.timesPerDay)), ("days_per_week", .int(d.daysPerWeek)), ("side", .text(d.side.rawValue)),
                ("note", .text(p.note)), ("therapist_decision", .text(p.therapistDecision)),
            ])
        }
    }

    /// The numbers of the weeks not published yet (a clinic's drafts, which only her therapist reads), in order.
    static func draftNumbers(_ db: any RecordDatabase) throws -> [Int] {
        try db.rows(weeks, ["number"], where: .unpublished, orderBy: [.ascending("number")]) { try $0.int(0) }
    }

    /// Deletes draft week `number` with its prescriptions (a published week is never touched: in a clinic her
    /// therapist's DELETE policy reaches drafts only, and the filter says the same).
    static func deleteDraft(_ number: Int, _ db: any RecordDatabase) throws {
        try db.delete(weeks, where: .and([.equal("number", .int(number)), .unpublished]))
    }

    /// Deletes the generated weeks not started by `today` from week `number` on, with their prescriptions and
    /// sessions: the therapist's weeks stay where they are (`StoreRules.checkUpcomingWeeks`), and so does the
    /// week under way.
    static func deleteGeneratedWeeks(from number: Int, notStartedBy today: CalendarDate, _ db: any RecordDatabase) throws {
        try db.delete(weeks, where: .and([.atLeast("number", .int(number)),
                                          .equal("origin", .text(WeekOrigin.generated.rawValue)),
                                          .atLeast("starts", .date(Program.firstDayNotStarted(on: today)))]))
    }
}

/// The exercise log: each session of a prescribed exercise, with the sets done and any pain during it.
public enum ExerciseLogMap {
    public static let sessions = RecordTable("exercise_session", columns: [
        .id(),
        .date("date"),
        .integer("week"),
        .text("exercise_id"),
        .integer("sets_done", 1...10).called("sets done in an exercise session"),
        .integer("pain", 0...10, nullable: true).called("pain during an exercise"),
    ], key: ["id"], parent: .init("prescription", ["week", "exercise_id"]),
    indexes: [.init("exercise_session_by_date", ["date", "exercise_id"]), .init("exercise_session_by_prescription", ["week", "exercise_id"])])

    /// Sessions from `from` to `to` inclusive (nil: no bound), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        try db.rows(sessions, ["id", "date", "exercise_id", "week", "sets_done", "pain"], where: .between("date", from, to),
                    orderBy: [.ascending("date"), .ascending("id")]) { r in
            ExerciseSession(id: try r.int64(0), date: try r.date(1), exerciseID: try r.text(2), week: try r.int(3),
                            setsDone: try r.int(4), pain: try r.optionalInt(5))
        }
    }

    /// The days from `from` to `to` inclusive with at least one session, oldest first: the streak's days,
    /// read by date alone (the index `exercise_session_by_date` holds them), never the sessions.
    static func days(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [CalendarDate] {
        try db.days(sessions, "date", where: .between("date", from, to))
    }

    /// Writes a session and returns it with its id.
    @discardableResult
    static func insert(_ s: ExerciseSession, _ db: any RecordDatabase) throws -> ExerciseSession {
        var saved = s
        saved.id = try db.insert(sessions, [("date", .date(s.date)), ("week", .int(s.week)), ("exercise_id", .text(s.exerciseID)),
                                            ("sets_done", .int(s.setsDone)), ("pain", .optional(s.pain))])
        return saved
    }

    /// Removes the latest session of `exerciseID` on `date`; false when there was none.
    static func removeLatest(_ exerciseID: String, on date: CalendarDate, _ db: any RecordDatabase) throws -> Bool {
        let same = RowFilter.and([.equal("date", .date(date)), .equal("exercise_id", .text(exerciseID))])
        guard let id = try db.rows(sessions, ["id"], where: same, orderBy: [.descending("id")], limit: 1, { try $0.int64(0) }).first else {
            return false
        }
        return try db.delete(sessions, where: .equal("id", .int(id))) > 0
    }
}
