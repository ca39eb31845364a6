import Foundation
import GRDB

extension SQLiteStore {
    public func program() throws -> Program {
        try read { db in try Self.program(db) }
    }

    static func program(_ db: Database) throws -> Program {
        var byWeek: [Int: [Prescription]] = [:]
        let rx = try Row.fetchCursor(db, sql: """
            SELECT week, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side, note,
                   therapist_decision
            FROM prescription ORDER BY week, position
            """)
        while let r = try rx.next() {
            byWeek[r[0], default: []].append(Prescription(
                exerciseID: r[1],
                dose: Dose(sets: r[2], reps: r[3], holdSeconds: r[4], restSeconds: r[5], timesPerDay: r[6],
                           daysPerWeek: r[7], side: Side(rawValue: r[8]) ?? .none),
                note: r[9], therapistDecision: r[10]))
        }
        var weeks: [ProgramWeek] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT number, starts, note, origin FROM program_week ORDER BY number")
        while let w = try rows.next() {
            let number: Int = w[0]
            weeks.append(ProgramWeek(number: number, starts: CalendarDate(w[1] as String)!, note: w[2],
                                     prescriptions: byWeek[number] ?? [], origin: WeekOrigin(rawValue: w[3]) ?? .unrecorded))
        }
        return Program(weeks: weeks)
    }

    /// Checked against the program as stored inside one transaction, so two imports at once cannot both
    /// take the same week.
    public func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary) throws {
        try write { db in
            try StoreRules.checkNewWeek(week, library: library, stored: try Self.program(db), patient: try Self.patient(db))
            try Self.insert(week, db)
        }
    }

    public func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws {
        try write { db in try Self.replaceUpcomingWeeks(weeks, library: library, today: today, db) }
    }

    /// Inside a write: checked against the program and the patient as stored in it.
    static func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate, _ db: Database) throws {
        guard let first = weeks.first else { return }
        _ = try StoreRules.checkUpcomingWeeks(weeks, library: library, stored: try Self.program(db), today: today,
                                              patient: try Self.patient(db))
        try db.execute(sql: "DELETE FROM program_week WHERE number >= ?", arguments: [first.number])
        for w in weeks { try Self.insert(w, db) }
    }

    static func insert(_ week: ProgramWeek, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO program_week (number, starts, note, origin) VALUES (?, ?, ?, ?)",
                       arguments: [week.number, week.starts.description, week.note, week.origin.rawValue])
        for (i, p) in week.prescriptions.enumerated() {
            let d = p.dose
            try db.execute(sql: """
                INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds,
                                          times_per_day, days_per_week, side, note, therapist_decision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [week.number, i, p.exerciseID, d.sets, d.reps, d.holdSeconds, d.restSeconds,
                                 d.timesPerDay, d.daysPerWeek, d.side.rawValue, p.note, p.therapistDecision])
        }
    }

    public func sessions(from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        try read { db in try Self.sessions(db, from: from, to: to) }
    }

    static func sessions(_ db: Database, from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        var sessions: [ExerciseSession] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, date, exercise_id, week, sets_done, pain FROM exercise_session WHERE date >= ? AND date <= ? ORDER BY date, id
            """, arguments: [from?.description ?? "0000-01-01", to?.description ?? "9999-12-31"])
        while let r = try rows.next() {
            sessions.append(ExerciseSession(id: r[0], date: CalendarDate(r[1] as String)!, exerciseID: r[2],
                                            week: r[3], setsDone: r[4], pain: r[5]))
        }
        return sessions
    }

    /// The week current on `date` and the sessions already done are read inside the transaction, and
    /// `StoreRules.session` decides.
    @discardableResult
    public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession {
        try write { db in
            let thatDay = try Self.sessions(db, from: date, to: date).filter { $0.exerciseID == exerciseID }
            var session = try StoreRules.session(exerciseID: exerciseID, on: date, today: today,
                                                 program: try Self.program(db), sessionsThatDay: thatDay, sets: sets, pain: pain)
            try db.execute(sql: "INSERT INTO exercise_session (date, week, exercise_id, sets_done, pain) VALUES (?, ?, ?, ?, ?)",
                           arguments: [date.description, session.week, exerciseID, session.setsDone, session.pain])
            session.id = db.lastInsertedRowID
            return session
        }
    }

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
