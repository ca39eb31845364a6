/// One day of the bladder diary, added up: pees by day and at night, leaks by kind, pads, fluids and caffeine.
public struct BladderDay: Sendable, Hashable {
    public var date: CalendarDate
    public var peesByDay = 0
    /// Pees that woke her (the ICS's nocturia: waking at night to pass urine).
    public var peesAtNight = 0
    public var leaks: [LeakKind: Int] = [:]
    public var pads = 0
    public var fluidsML = 0
    public var drinks = 0
    public var caffeineDrinks = 0
    /// The measured pees: how many, and their total.
    public var measuredPees = 0
    public var measuredML = 0

    public init(date: CalendarDate) { self.date = date }

    /// Adds up the entries of `date` among `events`.
    public init(date: CalendarDate, events: [BladderEvent]) {
        self.date = date
        for e in events where e.date == date { add(e) }
    }

    mutating func add(_ e: BladderEvent) {
        switch e.kind {
        case .pee:
            if e.wokeAtNight { peesAtNight += 1 } else { peesByDay += 1 }
            if let v = e.volumeML { measuredPees += 1; measuredML += v }
        case .leak:
            leaks[e.leakKind ?? .other, default: 0] += 1
        case .drink:
            drinks += 1
            fluidsML += e.volumeML ?? 0
            if e.drink?.hasCaffeine == true { caffeineDrinks += 1 }
        case .pad:
            pads += 1
        }
    }

    public var pees: Int { peesByDay + peesAtNight }
    public var leakCount: Int { leaks.values.reduce(0, +) }
    public var isEmpty: Bool { pees == 0 && leakCount == 0 && pads == 0 && drinks == 0 }

    /// "2 (1 with effort, 1 with an urge)" or "none".
    public var leaksText: String {
        guard leakCount > 0 else { return "none" }
        let parts = LeakKind.allCases.compactMap { k in leaks[k].map { "\($0) \(k.title)" } }
        return "\(leakCount) (\(parts.joined(separator: ", ")))"
    }

    /// The day as labelled rows, for the diary screen and `portal bladder`.
    public var rows: [(label: String, value: String)] {
        var pees = "\(peesByDay) by day, \(peesAtNight) at night"
        if measuredPees > 0 { pees += " · \(measuredML) mL measured in \(measuredPees)" }
        return [("Pees", pees), ("Leaks", leaksText), ("Pads changed", "\(pads)"),
                ("Drinks", "\(drinks) · \(fluidsML) mL · \(caffeineDrinks) with caffeine (coffee or tea)")]
    }

    /// The day in a few lines of words: "Pees: 2 by day, 1 at night".
    public var lines: [String] { rows.map { "\($0.label): \($0.value)" } }
}

/// The three-day diary her therapist asks for before the evaluation, the re-evaluation and the discharge (for
/// bladder leaks): a diary day is a day with at least one entry, in the week before the visit (its own day
/// counts when she kept it). The ICS notes 2–3 days (not necessarily in a row) give more useful figures than one.
///
/// One rule for every place that asks for it (Home, Diary, `portal bladder`, `portal today`, the brief line and
/// the diary reminder, QA E1): a day is asked for only while it can still be a whole diary day before the visit
/// (never on the visit's own day); when fewer days are left than the diary has, it says how many and to bring
/// what she has; once the visit's time has started its diary is over.
public struct ThreeDayDiary: Sendable, Hashable {
    public static let days = 3
    public static let windowDays = 7
    public static let visitKinds: [VisitKind] = [.evaluation, .reEvaluation, .discharge]

    public var visit: Visit
    /// Days kept so far in the window, today included when she logged today.
    public var daysKept: Int
    public var loggedToday: Bool
    /// Whole days left before the visit's day, today included (0 on the visit's own day).
    public var daysLeft: Int

    public init(visit: Visit, daysKept: Int, loggedToday: Bool, daysLeft: Int) {
        self.visit = visit
        self.daysKept = daysKept
        self.loggedToday = loggedToday
        self.daysLeft = daysLeft
    }

    /// The day she is on: the days kept counting today, or the next day when today has nothing yet.
    public var dayNumber: Int { min(Self.days, loggedToday ? daysKept : daysKept + 1) }
    public var isDone: Bool { daysKept >= Self.days }
    /// Days she can still start: the days left, less today when she already kept it.
    public var daysToStart: Int { max(0, daysLeft - (loggedToday ? 1 : 0)) }
    /// No day is left to keep before the visit (its own day), the diary not done: she brings what she has.
    public var isClosed: Bool { !isDone && daysLeft == 0 }
    /// The days left cannot make the whole diary: it says how many are left and to bring what she has.
    public var isShort: Bool { !isDone && daysKept + daysToStart < Self.days }
    /// Today is a diary day she has not kept yet: what Home, the brief line and the diary reminder ask for.
    public var isDueToday: Bool { !isDone && !loggedToday && daysLeft > 0 }

    /// The line Home shows: "Bladder diary: day 2 of 3".
    public var headline: String {
        let n = visit.number
        if isDone { return "Bladder diary: \(Self.days) days kept for visit \(n)" }
        if isClosed { return "Bladder diary: \(daysKept.counted("day")) kept for visit \(n); bring what you have" }
        let left = "\(daysLeft.counted("day")) left before visit \(n)"
        if daysKept == 0 && !loggedToday {
            return isShort ? "Bladder diary: \(left): start today; bring what you have"
                           : "Bladder diary: \(Self.days) days before visit \(n); start today"
        }
        return isShort ? "Bladder diary: day \(dayNumber), \(left); bring what you have"
                       : "Bladder diary: day \(dayNumber) of \(Self.days)"
    }

    /// What the brief line, `portal today` and the reminder say of a day due: "bladder diary day 2 of 3", or with
    /// the days left when they cannot make the whole diary.
    public var dueText: (text: String, shorter: [String]) {
        let day = isShort ? "bladder diary day \(dayNumber) (\(daysLeft.counted("day")) left before visit \(visit.number))"
                          : "bladder diary day \(dayNumber) of \(Self.days)"
        return (day, ["diary day \(dayNumber)"])
    }

    /// The diary due at `now` for a patient with these conditions, or nil: the earliest evaluation, re-evaluation
    /// or discharge visit, booked and not started yet, whose week (the visit day and the 7 days before) holds
    /// today. Each visit's days are its own: its week starts after the day of the diary visit before it (the
    /// re-evaluation and the discharge may be a week apart), so the days kept for one visit never count for the
    /// next. A visit done (completed, that day) or whose time has started has had its diary. On the visit's own
    /// day with nothing kept there is nothing to ask for (a diary is never started then): nil.
    public static func status(conditions: [Condition], visits: [Visit], loggedDays: Set<CalendarDate>,
                              now: LocalDateTime) -> ThreeDayDiary? {
        guard conditions.contains(.bladderLeaks) else { return nil }
        let today = now.date
        var previous: CalendarDate?
        for v in visits.sorted(by: { $0.number < $1.number }) where visitKinds.contains(v.kind) {
            guard v.status == .booked || v.status == .completed, let start = v.start else { continue }
            let day = start.date
            let after = previous
            previous = max(previous ?? day, day)
            guard v.status == .booked, now < start else { continue }
            var from = day.adding(days: -windowDays)
            if let after, after >= from { from = after.adding(days: 1) }
            guard from <= day, (from...day).contains(today) else { continue }
            let window = from...day
            let kept = loggedDays.filter { window.contains($0) && $0 <= today }.count
            let diary = ThreeDayDiary(visit: v, daysKept: kept, loggedToday: loggedDays.contains(today),
                                      daysLeft: today.days(until: day))
            return diary.isClosed && kept == 0 ? nil : diary
        }
        return nil
    }
}

/// A week of the diary for Progress: leaks per day kept (a day without entries says nothing, so it is not
/// counted as a dry day).
public struct BladderWeek: Sendable, Hashable {
    public var start: CalendarDate
    public var end: CalendarDate
    public var daysKept: Int
    public var leaks: Int
    public var peesByDay: Int
    public var peesAtNight: Int

    /// Leaks per day kept; nil when no day was kept.
    public var leaksPerDay: Double? { daysKept == 0 ? nil : Double(leaks) / Double(daysKept) }

    /// The `count` weeks ending on `today` (oldest first): week 0 is the 7 days ending today.
    public static func weeks(_ events: [BladderEvent], endingOn today: CalendarDate, count: Int) -> [BladderWeek] {
        let byDay = Dictionary(grouping: events, by: \.date)
        return (0..<count).reversed().map { i in
            let end = today.adding(days: -7 * i), start = end.adding(days: -6)
            var w = BladderWeek(start: start, end: end, daysKept: 0, leaks: 0, peesByDay: 0, peesAtNight: 0)
            for offset in 0..<7 {
                let d = start.adding(days: offset)
                guard let list = byDay[d], !list.isEmpty else { continue }
                let day = BladderDay(date: d, events: list)
                w.daysKept += 1
                w.leaks += day.leakCount
                w.peesByDay += day.peesByDay
                w.peesAtNight += day.peesAtNight
            }
            return w
        }
    }
}
