import GRDB

extension PortalStore {
    public func program() throws -> Program {
        try read { db in
            let weeks = try Row.fetchAll(db, sql: "SELECT * FROM program_week ORDER BY number")
            let rx = try Row.fetchAll(db, sql: "SELECT * FROM prescription ORDER BY week, position")
            let byWeek = Dictionary(grouping: rx) { $0["week"] as Int }
            return Program(weeks: weeks.map { w in
                ProgramWeek(number: w["number"], starts: CalendarDate(w["starts"] as String)!, note: w["note"],
                            prescriptions: (byWeek[w["number"]] ?? []).map { r in
                                Prescription(exerciseID: r["exercise_id"],
                                             dose: Dose(sets: r["sets"], reps: r["reps"], holdSeconds: r["hold_seconds"],
                                                        restSeconds: r["rest_seconds"], timesPerDay: r["times_per_day"],
                                                        daysPerWeek: r["days_per_week"],
                                                        side: Side(rawValue: r["side"]) ?? .none),
                                             note: r["note"])
                            })
            })
        }
    }

    /// Adds a program week after checking it against the program already stored, inside one transaction,
    /// so two imports at once cannot both take the same week.
    public func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary) throws {
        try ProgramWeekFile.validate(week, library: library)
        try write { db in
            let existing = try Row.fetchAll(db, sql: "SELECT number, starts FROM program_week").map {
                ProgramWeek(number: $0["number"], starts: CalendarDate($0["starts"] as String)!, note: "", prescriptions: [])
            }
            try Program(weeks: existing).validateNewWeek(week)
            try Self.insert(week, db)
        }
    }

    static func insert(_ week: ProgramWeek, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO program_week (number, starts, note) VALUES (?, ?, ?)",
                       arguments: [week.number, week.starts.description, week.note])
        for (i, p) in week.prescriptions.enumerated() {
            let d = p.dose
            try db.execute(sql: """
                INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds,
                                          times_per_day, days_per_week, side, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [week.number, i, p.exerciseID, d.sets, d.reps, d.holdSeconds, d.restSeconds,
                                 d.timesPerDay, d.daysPerWeek, d.side.rawValue, p.note])
        }
    }

    /// Exercise sessions from `from` to `to` inclusive (all of them when both are nil).
    public func sessions(from: CalendarDate? = nil, to: CalendarDate? = nil) throws -> [ExerciseSession] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM exercise_session WHERE date >= ? AND date <= ? ORDER BY date, id
                """, arguments: [from?.description ?? "0000-01-01", to?.description ?? "9999-12-31"]).map {
                ExerciseSession(id: $0["id"], date: CalendarDate($0["date"] as String)!, exerciseID: $0["exercise_id"],
                                week: $0["week"], setsDone: $0["sets_done"])
            }
        }
    }

    /// Records one session of a prescribed exercise on `date`. Refuses an exercise that is not in the
    /// program that day, a session beyond the prescribed times per day, and a future date.
    @discardableResult
    public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate) throws -> ExerciseSession {
        guard date <= today else {
            throw PortalError.invalidInput("\(date) is in the future; exercises can be marked done for today or earlier.")
        }
        return try write { db in
            guard let week = try Row.fetchOne(db, sql: """
                SELECT p.week, p.sets, p.times_per_day FROM prescription p JOIN program_week w ON w.number = p.week
                WHERE p.exercise_id = ? AND w.starts <= ? ORDER BY w.starts DESC LIMIT 1
                """, arguments: [exerciseID, date.description]),
                  try Int.fetchOne(db, sql: "SELECT number FROM program_week WHERE starts <= ? ORDER BY starts DESC LIMIT 1",
                                   arguments: [date.description]) == week["week"] as Int else {
                throw PortalError.notFound("“\(exerciseID)” is not in your program for \(date).")
            }
            let done = try Int.fetchOne(db, sql: "SELECT count(*) FROM exercise_session WHERE date = ? AND exercise_id = ?",
                                        arguments: [date.description, exerciseID]) ?? 0
            guard done < week["times_per_day"] as Int else {
                throw PortalError.rule("All of today's sessions of this exercise are already marked done.")
            }
            try db.execute(sql: "INSERT INTO exercise_session (date, week, exercise_id, sets_done) VALUES (?, ?, ?, ?)",
                           arguments: [date.description, week["week"] as Int, exerciseID, week["sets"] as Int])
            return ExerciseSession(id: db.lastInsertedRowID, date: date, exerciseID: exerciseID,
                                   week: week["week"], setsDone: week["sets"])
        }
    }

    /// Removes the latest session of `exerciseID` on `date`; returns false when there was none.
    @discardableResult
    public func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                DELETE FROM exercise_session WHERE id = (
                    SELECT id FROM exercise_session WHERE date = ? AND exercise_id = ? ORDER BY id DESC LIMIT 1)
                """, arguments: [date.description, exerciseID])
            return db.changesCount > 0
        }
    }
}
