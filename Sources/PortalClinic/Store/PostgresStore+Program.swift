import PortalCore

extension PostgresStore {
    public func program() throws -> Program {
        try read { db, id in try Self.program(db, id) }
    }

    /// The weeks this session may see: for the patient the published ones, for her therapist drafts too.
    static func program(_ db: PGConnection, _ id: Int64) throws -> Program {
        let weeks = try db.query("SELECT number, starts::text AS starts, note, origin FROM program_week WHERE patient_id = $1 ORDER BY number", [id]).rows
        let rx = try db.query("""
            SELECT week, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side, note,
                   therapist_decision
            FROM prescription WHERE patient_id = $1 ORDER BY week, position
            """, [id]).rows
        var byWeek: [Int: [Prescription]] = [:]
        for r in rx {
            let dose = Dose(sets: try r.int("sets"), reps: try r.int("reps"), holdSeconds: try r.int("hold_seconds"),
                            restSeconds: try r.int("rest_seconds"), timesPerDay: try r.int("times_per_day"),
                            daysPerWeek: try r.int("days_per_week"), side: Side(rawValue: try r.text("side")) ?? .none)
            byWeek[try r.int("week"), default: []].append(Prescription(exerciseID: try r.text("exercise_id"), dose: dose, note: try r.text("note"),
                                                                      therapistDecision: try r.text("therapist_decision")))
        }
        return Program(weeks: try weeks.map { w in
            let number = try w.int("number")
            return ProgramWeek(number: number, starts: try w.parsed("starts", CalendarDate.init), note: try w.text("note"),
                               prescriptions: byWeek[number] ?? [], origin: WeekOrigin(rawValue: try w.text("origin")) ?? .unrecorded)
        })
    }

    /// Checked against the program as stored, with the record locked, so two imports at once cannot both
    /// take the same week. A patient's own week is published as it is added; a therapist's is a draft
    /// until `publishWeek`.
    public func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary) throws {
        try write { db, id in
            try StoreRules.checkNewWeek(week, library: library, stored: try Self.program(db, id), patient: try Self.patient(db, id))
            try insert(week, db, id)
        }
    }

    public func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws {
        try write { db, id in try replaceUpcomingWeeks(weeks, library: library, today: today, db, id) }
    }

    /// Inside a write: checked against the program and the patient as stored in it.
    func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate, _ db: PGConnection, _ id: Int64) throws {
        guard let first = weeks.first else { return }
        _ = try StoreRules.checkUpcomingWeeks(weeks, library: library, stored: try Self.program(db, id), today: today,
                                              patient: try Self.patient(db, id))
        try db.query("DELETE FROM program_week WHERE patient_id = $1 AND number >= $2", [id, first.number])
        for w in weeks { try insert(w, db, id) }
    }

    func insert(_ week: ProgramWeek, _ db: PGConnection, _ id: Int64) throws {
        try Self.insert(week, published: !actsAsTherapist, db, id)
    }

    /// Writes a week and its prescriptions, published now or left a draft.
    static func insert(_ week: ProgramWeek, published: Bool, _ db: PGConnection, _ id: Int64) throws {
        try db.query("""
            INSERT INTO program_week (patient_id, number, starts, note, published_at, origin)
            VALUES ($1, $2, $3::date, $4, CASE WHEN $5::boolean THEN now() END, $6)
            """, [id, week.number, week.starts.description, week.note, published, week.origin.rawValue])
        for (i, p) in week.prescriptions.enumerated() {
            let d = p.dose
            try db.query("""
                INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds,
                                          times_per_day, days_per_week, side, note, therapist_decision)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """, [id, week.number, i, p.exerciseID, d.sets, d.reps, d.holdSeconds, d.restSeconds, d.timesPerDay,
                      d.daysPerWeek, d.side.rawValue, p.note, p.therapistDecision])
        }
    }

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

    public func sessions(from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        try read { db, id in try Self.sessions(db, id, from: from, to: to) }
    }

    static func sessions(_ db: PGConnection, _ id: Int64, from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        try db.query("""
            SELECT id, date::text AS date, exercise_id, week, sets_done, pain::text AS pain FROM exercise_session
            WHERE patient_id = $1 AND date >= $2::date AND date <= $3::date ORDER BY date, id
            """, [id, lowerBound(from), upperBound(to)]).rows.map {
            ExerciseSession(id: try $0.int64("id"), date: try $0.parsed("date", CalendarDate.init),
                            exerciseID: try $0.text("exercise_id"), week: try $0.int("week"), setsDone: try $0.int("sets_done"),
                            pain: try $0.optional("pain").flatMap { Int($0) })
        }
    }

    @discardableResult
    public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession {
        try write { db, id in
            let thatDay = try Self.sessions(db, id, from: date, to: date).filter { $0.exerciseID == exerciseID }
            var session = try StoreRules.session(exerciseID: exerciseID, on: date, today: today,
                                                 program: try Self.program(db, id), sessionsThatDay: thatDay, sets: sets, pain: pain)
            let row = try db.query("""
                INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done, pain) VALUES ($1, $2::date, $3, $4, $5, $6)
                RETURNING id
                """, [id, date.description, session.week, exerciseID, session.setsDone, session.pain]).rows.first
            session.id = try row?.int64("id")
            return session
        }
    }

    @discardableResult
    public func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool {
        try write { db, id in
            try db.query("""
                DELETE FROM exercise_session WHERE patient_id = $1 AND id = (
                    SELECT id FROM exercise_session WHERE patient_id = $1 AND date = $2::date AND exercise_id = $3
                    ORDER BY id DESC LIMIT 1)
                """, [id, date.description, exerciseID]).affected > 0
        }
    }
}
