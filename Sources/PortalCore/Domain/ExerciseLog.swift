/// One session of one prescribed exercise, done on a date.
public struct ExerciseSession: Sendable, Hashable, Codable {
    public var id: Int64?
    public var date: CalendarDate
    public var exerciseID: String
    public var week: Int
    public var setsDone: Int

    public init(id: Int64? = nil, date: CalendarDate, exerciseID: String, week: Int, setsDone: Int) {
        self.id = id
        self.date = date
        self.exerciseID = exerciseID
        self.week = week
        self.setsDone = setsDone
    }
}

/// Adherence of one program week: sessions done against sessions prescribed.
public struct WeekAdherence: Sendable, Hashable {
    public var week: Int
    public var done: Int
    /// Sessions prescribed so far (the whole week once it is over; the days elapsed for the current one).
    public var expected: Int
    public var ratio: Double { expected == 0 ? 0 : min(1, Double(done) / Double(expected)) }
    public var percent: Int { Int((ratio * 100).rounded()) }
}

/// A run of exercise days. Planned rest days (a program of 5 days a week allows 2) keep it alive.
public struct Streak: Sendable, Hashable {
    public var activeDays: Int
    public var restDays: Int
}

/// The rules that turn an exercise log into progress a patient can see.
public struct ExerciseLog: Sendable {
    public let program: Program
    public let sessions: [ExerciseSession]

    public init(program: Program, sessions: [ExerciseSession]) {
        self.program = program
        self.sessions = sessions
    }

    public func sessions(on day: CalendarDate, exerciseID: String) -> Int {
        sessions.filter { $0.date == day && $0.exerciseID == exerciseID }.count
    }

    /// True when every session of the prescription was done that day.
    public func isDone(_ p: Prescription, on day: CalendarDate) -> Bool {
        sessions(on: day, exerciseID: p.exerciseID) >= p.dose.timesPerDay
    }

    /// (exercises completed, exercises prescribed) for a day.
    public func today(_ day: CalendarDate) -> (done: Int, prescribed: Int) {
        guard let week = program.currentWeek(on: day) else { return (0, 0) }
        return (week.prescriptions.filter { isDone($0, on: day) }.count, week.prescriptions.count)
    }

    /// The last day of a week: the day before the next week starts, at most six days after its start.
    public func lastDay(of week: ProgramWeek) -> CalendarDate {
        let sixth = week.starts.adding(days: 6)
        if let next = program.weeks.first(where: { $0.number > week.number }), next.starts.adding(days: -1) < sixth {
            return next.starts.adding(days: -1)
        }
        return sixth
    }

    /// Adherence of each week that has started by `today`, oldest first.
    public func adherenceByWeek(today: CalendarDate) -> [WeekAdherence] {
        program.weeks.filter { $0.starts <= today }.map { week in
            let last = lastDay(of: week)
            let end = min(last, today)
            let length = week.starts.days(until: last) + 1
            let elapsed = week.starts.days(until: end) + 1
            var done = 0
            var expected = 0
            for p in week.prescriptions {
                let perWeek = p.dose.daysPerWeek * p.dose.timesPerDay
                // Prorate the prescribed sessions to the days that have passed, rounding down,
                // so the current week is not judged before it ends.
                expected += elapsed >= length ? perWeek : perWeek * elapsed / 7
                var count = 0
                var day = week.starts
                while day <= end {
                    count += min(p.dose.timesPerDay, sessions(on: day, exerciseID: p.exerciseID))
                    day = day.adding(days: 1)
                }
                done += min(count, perWeek)
            }
            return WeekAdherence(week: week.number, done: done, expected: max(expected, done))
        }
    }

    /// The current streak. Today counts once something is done; until then the streak runs to yesterday.
    public func streak(today: CalendarDate) -> Streak {
        let activeDays = Set(sessions.map(\.date))
        var day = activeDays.contains(today) ? today : today.adding(days: -1)
        var active = 0
        var rest = 0
        var restUsed: [Int: Int] = [:]
        while let week = program.currentWeek(on: day) {
            if activeDays.contains(day) {
                active += 1
            } else {
                let allowance = 7 - (week.prescriptions.map(\.dose.daysPerWeek).max() ?? 7)
                guard restUsed[week.number, default: 0] < allowance else { break }
                restUsed[week.number, default: 0] += 1
                rest += 1
            }
            day = day.adding(days: -1)
        }
        // Rest days at the very start of the run are not part of it.
        return Streak(activeDays: active, restDays: active == 0 ? 0 : rest)
    }
}
