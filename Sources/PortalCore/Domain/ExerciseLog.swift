/// One session of one prescribed exercise, done on a date.
public struct ExerciseSession: Sendable, Hashable, Codable {
    public var id: Int64?
    public var date: CalendarDate
    public var exerciseID: String
    public var week: Int
    public var setsDone: Int
    /// Pain during the exercise, 0–10, when she said.
    public var pain: Int?

    /// How far back a session can be marked done: a patient fills in the days she forgot, within a week.
    public static let maxDaysBack = 7

    public init(id: Int64? = nil, date: CalendarDate, exerciseID: String, week: Int, setsDone: Int, pain: Int? = nil) {
        self.id = id
        self.date = date
        self.exerciseID = exerciseID
        self.week = week
        self.setsDone = setsDone
        self.pain = pain
    }
}

/// What counts of one prescription's sessions, by the one rule every place uses for "done" (Home, Exercises,
/// `portal today`, the store's check before it adds a session, adherence and the report's sets):
/// - the sessions that count are the best ones, most sets first, up to the times a day prescribed (over more
///   than a day: up to the sessions prescribed in those days);
/// - a session counts at most the sets prescribed (a partial one counts its sets);
/// - the prescription is done that day when that many sessions had all their sets.
/// Until it is done another session can be recorded, so a partial session never closes the day.
public struct ExerciseTally: Sendable, Hashable {
    /// Sets prescribed in one session.
    public var sets: Int
    /// The most sessions that count: the times a day prescribed, for a day.
    public var timesPerDay: Int
    /// Every session recorded, in their order.
    public var sessions: [ExerciseSession]

    public init(sets: Int, timesPerDay: Int, sessions: [ExerciseSession]) {
        self.sets = max(1, sets)
        self.timesPerDay = max(0, timesPerDay)
        self.sessions = sessions
    }

    /// One day of `dose`.
    public init(dose: Dose, sessions: [ExerciseSession]) {
        self.init(sets: dose.sets, timesPerDay: max(1, dose.timesPerDay), sessions: sessions)
    }

    /// The sessions that count: the best ones, up to the times a day prescribed.
    public var counted: [ExerciseSession] {
        Array(sessions.sorted { $0.setsDone > $1.setsDone }.prefix(timesPerDay))
    }
    /// Counted sessions with every set done.
    public var full: Int { counted.filter { $0.setsDone >= sets }.count }
    /// Counted sessions with some but not all of their sets.
    public var partial: Int { counted.filter { $0.setsDone < sets && $0.setsDone > 0 }.count }
    public var isDone: Bool { full >= timesPerDay }
    /// Sets that count, each session's up to the sets prescribed.
    public var setsDone: Int { counted.map { min($0.setsDone, sets) }.reduce(0, +) }
    /// Sessions counted by their sets: a full one is 1, 1 of 2 sets is a half.
    public var sessionsBySets: Double { Double(setsDone) / Double(sets) }

    /// The day's state in a few words, the same everywhere: "done", "to do", "partial: 1 of 2 sets",
    /// "1 of 2 times", "1 of 2 times, 1 partial".
    public var stateText: String {
        if isDone { return "done" }
        if timesPerDay == 1 {
            guard let session = counted.first else { return "to do" }
            return "partial: \(session.setsDone) of \(sets) sets"
        }
        return "\(full) of \(timesPerDay) times" + (partial > 0 ? ", \(partial) partial" : "")
    }
}

/// Adherence of one program week: sessions done against sessions prescribed. A session with fewer sets than
/// prescribed counts in proportion to its sets (2 of 3 sets is two thirds of a session), never as done.
public struct WeekAdherence: Sendable, Hashable {
    public var week: Int
    /// Sessions done in full.
    public var done: Int
    /// Sessions done with fewer sets than prescribed.
    public var partial: Int = 0
    /// Sessions prescribed so far (the whole week once it is over; the days elapsed for the current one).
    public var expected: Int
    /// Days the week has lasted so far: a week lasts until the next one starts, so it can be longer than 7.
    public var days: Int = 7
    /// Sessions done counted by their sets: `done` plus each partial session's share.
    public var sessionsBySets: Double? = nil
    public var ratio: Double { expected == 0 ? 0 : min(1, (sessionsBySets ?? Double(done)) / Double(expected)) }
    public var percent: Int { Int((ratio * 100).rounded()) }
    /// "7 of 8, 1 partial" ("7 of 8 sessions, 1 partial" with a `noun`): the sessions done of those expected
    /// and the partial ones, which the percentage counts by their sets, in the words Progress and the report use.
    public func sessionsText(noun: String = "") -> String {
        "\(done) of \(expected)" + (noun.isEmpty ? "" : " " + noun) + (partial > 0 ? ", \(partial) partial" : "")
    }
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
    /// What her stage holds back (`PrescriptionHolds`): a prescription held back on a day is not prescribed
    /// that day, in today's count or in adherence.
    public let holds: PrescriptionHolds
    /// The sessions of each day, in their order: every question below is about one day, and scanning a
    /// year of sessions for each day of each week made adherence cost the square of the history.
    private let byDay: [CalendarDate: [ExerciseSession]]

    public init(program: Program, sessions: [ExerciseSession], holds: PrescriptionHolds = .none) {
        self.program = program
        self.sessions = sessions
        self.holds = holds
        self.byDay = Dictionary(grouping: sessions, by: \.date)
    }

    /// True when her stage holds `p` back on `day` (`PrescriptionHolds`): it is not prescribed that day.
    public func isHeld(_ p: Prescription, on day: CalendarDate) -> Bool { holds.isHeld(p, on: day) }

    /// The sessions of `exerciseID` on `day`.
    func sessionsOf(_ exerciseID: String, on day: CalendarDate) -> [ExerciseSession] {
        (byDay[day] ?? []).filter { $0.exerciseID == exerciseID }
    }

    /// Sessions of `exerciseID` recorded on `day`, full or partial.
    public func sessions(on day: CalendarDate, exerciseID: String) -> Int {
        sessionsOf(exerciseID, on: day).count
    }

    /// How `p` went on `day`: the one rule for "done" (`ExerciseTally`).
    public func day(_ p: Prescription, on day: CalendarDate) -> ExerciseTally {
        ExerciseTally(dose: p.dose, sessions: sessionsOf(p.exerciseID, on: day))
    }

    /// True when every session of the prescription was done that day with all its sets (a partial session
    /// is partial, not done).
    public func isDone(_ p: Prescription, on day: CalendarDate) -> Bool {
        self.day(p, on: day).isDone
    }

    /// (exercises completed, exercises prescribed) for a day; an exercise her stage holds back that day is
    /// neither, and nothing is due once her program has run out (`Program.ranOut(on:)`, QA J6).
    public func today(_ day: CalendarDate) -> (done: Int, prescribed: Int) {
        guard let week = program.currentWeek(on: day), program.ranOut(on: day) == nil else { return (0, 0) }
        let due = holds.due(week, on: day)
        return (due.filter { isDone($0, on: day) }.count, due.count)
    }

    /// The planned last day of a week: the day before the next published week starts (a therapist's draft is
    /// not hers, `Program.drafts`), or its seventh day for the latest week (after which her program has run
    /// out: see `lastDay(of:today:)`).
    public func lastDay(of week: ProgramWeek) -> CalendarDate {
        if let next = program.weeks.first(where: { $0.number > week.number && !program.drafts.contains($0.number) }) {
            return next.starts.adding(days: -1)
        }
        return Program.seventhDay(of: week)
    }

    /// The last day of a week as lived by `today`, the one rule for the days adherence counts (Progress, the
    /// report, the caseload): a week lasts until the next one starts, but never more than
    /// `Program.maximumDaysBetweenWeeks` days (the longest a week may run before the next while her program
    /// runs). Once her program has run out (`Program.ranOut(on:)`, QA J6) nothing of it is due
    /// (`today(_:)`), so the week under way then ends on the program's last day: the days after it are no
    /// week's and never count as missed, however long she waits for her next week.
    public func lastDay(of week: ProgramWeek, today: CalendarDate) -> CalendarDate {
        let lived = min(lastDay(of: week), week.starts.adding(days: Program.maximumDaysBetweenWeeks - 1))
        if let end = program.ranOut(on: today), program.currentWeek(on: today)?.number == week.number { return min(lived, end) }
        return lived
    }

    /// Adherence of each published week that has started by `today`, oldest first (a draft is not hers). A week longer than 7 days (the next
    /// visit came late) prescribes its days a week in proportion to its length, and what was done on every one
    /// of its days counts. Days her stage holds a prescription back (`PrescriptionHolds`) neither prescribe it
    /// nor count what was done of it.
    public func adherenceByWeek(today: CalendarDate) -> [WeekAdherence] {
        program.weeks.filter { Program.hasStarted($0, on: today) && !program.drafts.contains($0.number) }.map { week in
            let last = lastDay(of: week, today: today)
            let end = min(last, today)
            let length = week.starts.days(until: last) + 1
            let elapsed = week.starts.days(until: end) + 1
            var done = 0, partial = 0, bySets = 0.0
            var expected = 0
            for p in week.prescriptions {
                let perWeek = p.dose.daysPerWeek * p.dose.timesPerDay
                // The days it is prescribed: all of them, unless her stage holds it back on some.
                let open = { (from: CalendarDate, to: CalendarDate) -> Int in
                    guard from <= to else { return 0 }
                    let days = from.days(until: to) + 1
                    guard holds.mayHold(p) else { return days }
                    return (0..<days).filter { !holds.isHeld(p, on: from.adding(days: $0)) }.count
                }
                let whole = perWeek * open(week.starts, last) / 7
                // Prorate the prescribed sessions to the days that have passed, rounding down,
                // so the current week is not judged before it ends.
                expected += elapsed >= length ? whole : perWeek * open(week.starts, end) / 7
                let tally = self.tally(p, from: week.starts, through: end, sessionsAtMost: max(whole, perWeek))
                done += tally.full
                partial += tally.partial
                bySets += tally.sessionsBySets
            }
            return WeekAdherence(week: week.number, done: done, partial: partial, expected: max(expected, done),
                                 days: elapsed, sessionsBySets: bySets)
        }
    }

    /// What counts of `p` over the days `from` to `end`: each day's sessions by the rule of `ExerciseTally`,
    /// then the best of them up to `sessionsAtMost` (a week's prescription; extra days add nothing).
    public func tally(_ p: Prescription, from: CalendarDate, through end: CalendarDate, sessionsAtMost: Int) -> ExerciseTally {
        var counted: [ExerciseSession] = []
        var d = from
        while d <= end {
            // A day her stage holds it back, what was done of it does not count (`PrescriptionHolds`).
            if !holds.mayHold(p) || !holds.isHeld(p, on: d) { counted += day(p, on: d).counted }
            d = d.adding(days: 1)
        }
        return ExerciseTally(sets: p.dose.sets, timesPerDay: sessionsAtMost, sessions: counted)
    }

    /// The sessions and sets of `p` over the days `from` to `end` of one of its weeks, worked out as adherence
    /// is: `prescribed` sessions are its days a week and times a day in proportion to the days (rounded
    /// down), and what was done counts by `ExerciseTally`'s rule up to that many sessions, so it is never more
    /// than prescribed.
    public func sets(of p: Prescription, from: CalendarDate, through end: CalendarDate) -> (done: Int, prescribed: Int) {
        guard from <= end else { return (0, 0) }
        let days = from.days(until: end) + 1
        let sessions = p.dose.daysPerWeek * p.dose.timesPerDay * days / 7
        return (tally(p, from: from, through: end, sessionsAtMost: sessions).setsDone, sessions * max(1, p.dose.sets))
    }

    /// The current streak. Today counts once something is done; until then the streak runs to yesterday.
    /// `earlierDays`: days with a session before the log's own sessions begin (Home's read takes them by date
    /// alone: `PortalSnapshot.earlierExerciseDays`); a day counts when either has it.
    public func streak(today: CalendarDate, earlierDays: Set<CalendarDate> = []) -> Streak {
        streakWalk(today: today, earlierDays: earlierDays).streak
    }

    /// The streak, and the earliest day whose sessions it looked at: a log that holds every session from that
    /// day on gives the same streak as the whole log. Only which days have a session matters to it.
    func streakWalk(today: CalendarDate, earlierDays: Set<CalendarDate> = []) -> (streak: Streak, earliest: CalendarDate) {
        let isActive = { (day: CalendarDate) in byDay[day] != nil || earlierDays.contains(day) }
        var day = isActive(today) ? today : today.adding(days: -1)
        var active = 0
        var rest = 0
        // Rest days count only once an exercise day before them shows they are inside the run.
        var pendingRest = 0
        var restUsed: [Int: Int] = [:]
        while let week = program.currentWeek(on: day) {
            if isActive(day) {
                active += 1
                rest += pendingRest
                pendingRest = 0
            } else {
                let allowance = 7 - (week.prescriptions.map(\.dose.daysPerWeek).max() ?? 7)
                guard restUsed[week.number, default: 0] < allowance else { break }
                restUsed[week.number, default: 0] += 1
                pendingRest += 1
            }
            day = day.adding(days: -1)
        }
        // The walk looked at `day` last (it broke there, or no program week holds it).
        return (Streak(activeDays: active, restDays: rest), day)
    }
}
