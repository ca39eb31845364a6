/// One exercise in a program week, with its dosage.
public struct Prescription: Sendable, Hashable, Codable {
    public static let noteLimit = 1000

    public var exerciseID: String
    public var dose: Dose
    public var note: String
    /// Set when the therapist prescribes the exercise knowing it breaks one of its rules (`ExerciseRule`):
    /// her reason, which the patient is shown. Empty for every other prescription.
    public var therapistDecision: String

    public init(exerciseID: String, dose: Dose, note: String = "", therapistDecision: String = "") {
        self.exerciseID = exerciseID
        self.dose = dose
        self.note = note
        self.therapistDecision = therapistDecision
    }

    /// Checks a therapist's decision as `field`: plain text (`PlainText`), and when there is one, a reason she
    /// can read (`decisionProblem`). A decision of only spaces or line breaks would let the exercise past its
    /// rules with nothing to show her, so it is refused, and so is one too short to say why (QA J10: "x").
    /// `asWritten`: a week kept as it was written (a whole record moved in, `Program.validate`), which may
    /// predate the rule of a readable reason; it is held to the others.
    public static func checkDecision(_ text: String, field: String, asWritten: Bool = false) throws {
        if !text.isEmpty, PlainText.blankAsEmpty(text).isEmpty { throw blankDecision(field) }
        try PlainText.check(text, field: field, maxLength: noteLimit)
        if !asWritten, let problem = decisionProblem(text) { throw PortalError.invalidInput("\(field): \(problem)") }
    }

    /// The fewest characters a therapist's decision has, spaces at either end not counted (QA J10): a few
    /// words, enough to say why.
    public static let decisionMinimumLength = 10
    /// The fewest letters among them: a reason is words, not only punctuation or numbers.
    public static let decisionMinimumLetters = 3
    /// The rule of a decision's reason in words, for every message that refuses one (the import, the
    /// editor, the clinic's server: `ClinicSchema.decisionReasons`).
    public static let decisionRuleText = "a reason she can read: at least \(decisionMinimumLength) characters (spaces at either end not counted), \(decisionMinimumLetters) of them letters"

    /// Why `text` is no reason she can read, or nil when it is one (or empty: no decision).
    public static func decisionProblem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let letters = trimmed.unicodeScalars.filter { $0.properties.isAlphabetic }.count
        guard PlainText.length(trimmed) < decisionMinimumLength || letters < decisionMinimumLetters else { return nil }
        return "\(PlainText.quoted(trimmed)) does not say why; a therapist's decision is \(decisionRuleText), which she is shown. Give the reason in a few words, or leave the decision out."
    }

    /// The refusal of a decision given without a reason.
    public static func blankDecision(_ field: String) -> PortalError {
        PortalError.invalidInput("\(field) is empty; give the reason for your decision, which she is shown, or leave the field out.")
    }
}

/// Where a program week came from, so the portal never passes off a generated week as the therapist's words
/// and never rewrites hers.
public enum WeekOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// Made by the portal from the program templates (set-up, a change of details, the birth).
    case generated
    /// Written by the therapist: imported from her file, or published by her in a clinic.
    case therapist
    /// Stored before the portal recorded where weeks came from: treated as the therapist's (never rewritten),
    /// but not shown as her words.
    case unrecorded

    /// A change of details may replace the week (when it has not started); the therapist's never.
    public var mayBeRegenerated: Bool { self == .generated }

    /// The words before the week's note: only the therapist's own weeks say they are hers.
    public var noteLabel: String { noteLabel(for: ViewerWords(aboutHer: false)) }
    /// The label in `words`: "From her therapist: " on her chart.
    /// A generated week's note is the library's, written to her: on her chart it is labelled as what she reads.
    public func noteLabel(for words: ViewerWords) -> String {
        self == .therapist ? "From \(words.your) therapist: " : words.say(you: "About this week: ", she: "About this week, as she reads it: ")
    }
}

/// What a program week was planned for: the stage she was at when it was written (migration 30). After the
/// birth a week planned for her pregnancy is not one to follow without a word (`AfterBirthCheck`), and after a
/// C-section what it has that her program after the birth brings in only later waits until then
/// (`PrescriptionHolds`), whatever its dates say: a birth recorded late leaves such a week starting after the birth.
public enum PlannedFor: String, Sendable, Hashable, Codable, CaseIterable {
    case pregnancy
    case afterBirth = "after-birth"

    /// What a week written now, at `stage`, is planned for.
    public init(_ stage: Stage) { self = stage.isPregnant ? .pregnancy : .afterBirth }
}

/// A week of the program, as the therapist set it.
public struct ProgramWeek: Sendable, Hashable, Codable {
    public static let noteLimit = 1000

    public var number: Int
    public var starts: CalendarDate
    public var note: String
    public var prescriptions: [Prescription]
    /// Written by the therapist unless said otherwise: the portal's own weeks say they are generated.
    public var origin: WeekOrigin
    public init(number: Int, starts: CalendarDate, note: String, prescriptions: [Prescription], origin: WeekOrigin = .therapist) {
        self.number = number
        self.starts = starts
        self.note = note
        self.prescriptions = prescriptions
        self.origin = origin
    }

    public func prescription(for exerciseID: String) -> Prescription? {
        prescriptions.first { $0.exerciseID == exerciseID }
    }

    /// Checks the therapist's notes (the week's and each prescription's) against the plain-text rule, and her
    /// decisions against theirs (`Prescription.checkDecision`; `asWritten`: a week kept as it was written);
    /// errors name the field as in the import file, e.g. `prescriptions[2].note`.
    public func validateText(location: String = "", asWritten: Bool = false) throws {
        let at = { (field: String) in location.isEmpty ? field : "\(location).\(field)" }
        try PlainText.check(note, field: at("note"), maxLength: Self.noteLimit)
        for (i, p) in prescriptions.enumerated() {
            try PlainText.check(p.note, field: at("prescriptions[\(i)].note"), maxLength: Prescription.noteLimit)
            try Prescription.checkDecision(p.therapistDecision, field: at("prescriptions[\(i)].therapistDecision"), asWritten: asWritten)
        }
    }
}

/// What changed from one week to the next.
public struct ProgramDiff: Sendable, Hashable {
    public struct Progression: Sendable, Hashable {
        public var exerciseID: String
        public var from: Dose
        public var to: Dose

        /// More, eased or changed (never new or dropped: the exercise is in both weeks).
        public var change: DoseChange { DoseChange(from: from, to: to) }
    }

    public var added: [Prescription]
    public var removed: [Prescription]
    public var progressed: [Progression]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && progressed.isEmpty }

    /// The difference between `previous` (nil for the first week: everything is new) and `current`.
    public init(from previous: ProgramWeek?, to current: ProgramWeek) {
        let before = previous?.prescriptions ?? []
        let beforeIDs = Set(before.map(\.exerciseID))
        let nowIDs = Set(current.prescriptions.map(\.exerciseID))
        added = current.prescriptions.filter { !beforeIDs.contains($0.exerciseID) }
        removed = before.filter { !nowIDs.contains($0.exerciseID) }
        progressed = current.prescriptions.compactMap { p in
            guard let old = before.first(where: { $0.exerciseID == p.exerciseID }), old.dose != p.dose else { return nil }
            return Progression(exerciseID: p.exerciseID, from: old.dose, to: p.dose)
        }
    }
}

/// All weeks of the program.
public struct Program: Sendable, Hashable {
    public private(set) var weeks: [ProgramWeek]
    /// The numbers of the weeks that are drafts (a clinic therapist's, not published yet: only her session reads
    /// them). A draft is never the week under way, whatever its start date says.
    public private(set) var drafts: Set<Int>
    /// What each week was planned for, by week number (`PlannedFor`, the week's `planned_for`): set by the store
    /// when it writes a week, from her stage then (`ProgramMap.insert`). A week it does not name was stored
    /// before the portal recorded it, after the birth (migration 30 names the weeks of a patient still pregnant
    /// then). Kept beside the weeks, as `drafts` is, so a week's value stays the week as the therapist set it.
    public private(set) var plannedFor: [Int: PlannedFor]

    public init(weeks: [ProgramWeek], drafts: Set<Int> = [], plannedFor: [Int: PlannedFor] = [:]) {
        self.weeks = weeks.sorted { $0.number < $1.number }
        self.drafts = drafts
        self.plannedFor = plannedFor
    }

    /// True when `week` was planned for her pregnancy, now that she has had her baby on `birth`: by what it was
    /// planned for (`plannedFor`), whatever its dates, so a birth recorded late changes nothing; for a week
    /// that does not say, by its dates (it started on or before the birth), the only fact such a week holds.
    public func plannedForPregnancy(_ week: ProgramWeek, birth: CalendarDate) -> Bool {
        switch plannedFor[week.number] {
        case .pregnancy?: return true
        case .afterBirth?: return false
        case nil: return Self.hasStarted(week, on: birth)
        }
    }

    /// True when `week` has started on `day`: its first calendar day has come. This is the one meaning of
    /// "started" for every rule about a week: which week is under way on a day, what may be rewritten or
    /// imported in its place (never a week that has started), what a change of details replaces, which week an
    /// exercise session belongs to, what her stage holds back and on which day, which weeks are over. It goes by
    /// the day, not by a time of day, because the clinic's server keeps the same rules by its own day
    /// (`clinic_today()`, its triggers) and knows no time of her first visit; a rule that went by the time here
    /// would let a portal rewrite a week the server says has started.
    ///
    /// Her first visit's start time does not start a week: it only decides from when week 1, started that day,
    /// is shown to her as the week she follows (`currentWeek(at:firstVisit:)`, QA E2).
    public static func hasStarted(_ week: ProgramWeek, on day: CalendarDate) -> Bool { hasStarted(startingOn: week.starts, on: day) }
    /// `hasStarted` for a week known by its first day only (a read that has not loaded the weeks whole).
    public static func hasStarted(startingOn starts: CalendarDate, on day: CalendarDate) -> Bool { starts <= day }
    /// The first day on which a week not started on `day` may start: the day after it (a store's filter of
    /// the weeks not started, `ProgramMap.deleteGeneratedWeeks`, says `hasStarted` this way).
    public static func firstDayNotStarted(on day: CalendarDate) -> CalendarDate { day.adding(days: 1) }

    /// The latest published week that has started on `day` (`hasStarted`): a draft whose date has come is not her
    /// week until her therapist publishes it.
    public func currentWeek(on day: CalendarDate) -> ProgramWeek? {
        weeks.last { Self.hasStarted($0, on: day) && !drafts.contains($0.number) }
    }

    /// The week she follows at `now`: the week under way (`currentWeek(on:)`, by `hasStarted`), except that she
    /// follows no week before her first visit (QA E2): when week 1 starts on the day of that visit, booked, it
    /// has started (the day has come) but is shown as hers only from the visit's start time, as Home promises
    /// ("Your program starts after your first visit"). One rule for what Home, Exercises, `portal today`,
    /// `portal exercises` and the brief line show (`PortalSnapshot.currentWeek`); every rule about the week
    /// itself goes by `hasStarted`.
    public func currentWeek(at now: LocalDateTime, firstVisit: Visit?) -> ProgramWeek? {
        guard let week = currentWeek(on: now.date) else { return nil }
        guard week.number == weeks.first?.number, let visit = firstVisit, visit.status == .booked,
              let start = visit.start, start.date == week.starts, now < start else { return week }
        return nil
    }

    /// The last day of her program when it has run out by `day`, else nil (QA J6). It has run out when the week
    /// under way on `day` (`currentWeek(on:)`) is the last one published and its 7 days are over (the README's
    /// "the last week's 7 days are over"): her therapist has planned nothing after it. The one rule for every
    /// place that says which week is hers and what is due (Home, Exercises, `portal today`, `portal exercises`,
    /// the brief line, the reminders): such a week is not "this week" and nothing of it is due
    /// (`ExerciseLog.today`); she may still do it and mark it done, and is told so (`ranOutText`).
    public func ranOut(on day: CalendarDate) -> CalendarDate? {
        guard let week = currentWeek(on: day),
              !weeks.contains(where: { $0.number > week.number && !drafts.contains($0.number) }) else { return nil }
        let last = Self.seventhDay(of: week)
        return last < day ? last : nil
    }

    /// The last day of `week` when no published week follows it: its program runs out the day after.
    public static func seventhDay(of week: ProgramWeek) -> CalendarDate { week.starts.adding(days: minimumWeekDays - 1) }

    /// What she is told once her program has run out (`ranOut(on:)`), `last` being its last day; her therapist
    /// reading her chart is told it about her.
    public static func ranOutText(_ last: CalendarDate, words: ViewerWords = ViewerWords(aboutHer: false)) -> String {
        words.say(you: "Your program's last week ended on \(last.shortText). Keep doing it if it still feels right, and ask your therapist for the next one.",
                  she: "Her program's last week ended on \(last.shortText), with no week planned after it.")
    }

    public func week(number: Int) -> ProgramWeek? { weeks.first { $0.number == number } }

    public func previous(to week: ProgramWeek) -> ProgramWeek? {
        weeks.last { $0.number < week.number }
    }

    /// What changed in `week` compared with the week before it.
    public func diff(for week: ProgramWeek) -> ProgramDiff {
        ProgramDiff(from: previous(to: week), to: week)
    }

    /// A week lasts at least this many days, so past weeks (and their adherence) never shrink.
    public static let minimumWeekDays = 7
    /// A week starting more than this many days after the one before it is most likely a typo; it is also the
    /// longest a week counts in her adherence (`ExerciseLog.lastDay(of:today:)`).
    public static let maximumDaysBetweenWeeks = 56
    /// A new week starts this many days after today at the earliest (1: tomorrow). A week starting today would be
    /// under way the moment it is given to her: she may have done today's exercises from the week before, and a
    /// week that has started is no longer her therapist's to put right (in a clinic only the administrator
    /// changes it: the server's day decides, `clinic_today()`). The clinic server keeps the same rule
    /// (`ClinicSchema.newWeekStarts`, made from this number).
    public static let newWeekLeadDays = 1

    /// The days a new week may start on: the one rule the template, the therapist's editor (its `[` `]`), the
    /// import, saving, publishing and the clinic server follow. `earliest` is a week after the week before it
    /// starts (its 7 days are its own), and with `today` never before `today + newWeekLeadDays`: a new week is
    /// never given to her in the past. `latest` is 8 weeks after the week before it starts, the typo guard;
    /// when her program has run out (the week before's 7 days are over by then, so the earliest day is
    /// tomorrow) the 8 weeks count from a week before that earliest day, so a week written months after the
    /// last one fits, with the same 7 weeks of room after its earliest day as a week written in time; and a
    /// week before the one after it (a therapist's week kept in place).
    public struct StartWindow: Sendable, Hashable {
        public enum Bound: Sendable, Hashable {
            /// A week after the week before it starts.
            case weekBefore(ProgramWeek)
            /// Tomorrow (`today + newWeekLeadDays`): never in the past, never today.
            case today(CalendarDate)
            /// 8 weeks after the week before it (or, when the program had run out, 7 weeks after the earliest day).
            case typoGuard(ProgramWeek, ranOut: Bool)
            /// A week before the week after it.
            case weekAfter(ProgramWeek)
            /// Nothing bounds it (a first week; a week with none after it has the typo guard only when one is before).
            case none
        }
        public let number: Int
        public let earliest: CalendarDate?
        public let earliestBound: Bound
        public let latest: CalendarDate?
        public let latestBound: Bound

        /// `day` moved into the window (the nearest day it allows).
        public func clamp(_ day: CalendarDate) -> CalendarDate {
            var d = day
            if let latest, d > latest { d = latest }
            if let earliest, d < earliest { d = earliest }
            return d
        }

        /// Why `starts` is refused, or nil when it is in the window: a message naming the rule, the day and
        /// the nearest day allowed.
        public func problem(with starts: CalendarDate) -> String? {
            let n = number
            if let earliest, starts < earliest {
                switch earliestBound {
                case .today(let today):
                    let when = starts < today ? "is in the past (today is \(today))" : "is today"
                    return "starts: \(starts) \(when); a new week starts after today, so it is hers to follow from its first day. Week \(n) can start on \(earliest) at the earliest."
                case .weekBefore(let before) where starts < before.starts:
                    return "starts: \(starts) is before week \(before.number), which starts \(before.starts); week \(n) follows it, so it can start on \(earliest) at the earliest."
                case .weekBefore(let before):
                    return "starts: \(starts) overlaps week \(before.number), which starts \(before.starts) and lasts at least \(Program.minimumWeekDays) days; week \(n) can start on \(earliest) at the earliest."
                default:
                    return "starts: \(starts) is too early; week \(n) can start on \(earliest) at the earliest."
                }
            }
            if let latest, starts > latest {
                switch latestBound {
                case .typoGuard(let before, let ranOut) where ranOut:
                    return "starts: \(starts) is more than 7 weeks after \(earliest ?? latest), the first day week \(n) may start now that week \(before.number) (from \(before.starts)) is over; please check the date. Week \(n) can start on \(latest) at the latest."
                case .typoGuard(let before, _):
                    return "starts: \(starts) is more than 8 weeks after week \(before.number), which starts \(before.starts); please check the date. Week \(n) can start on \(latest) at the latest."
                case .weekAfter(let after):
                    return "starts: \(starts) leaves week \(n) less than \(Program.minimumWeekDays) days before week \(after.number), which starts \(after.starts); week \(n) can start on \(latest) at the latest."
                default:
                    return "starts: \(starts) is too late; week \(n) can start on \(latest) at the latest."
                }
            }
            return nil
        }
    }

    /// Where a new week `number` may start (`StartWindow`), among the weeks of this program other than its own
    /// number, on `today` (nil: a whole program set up at once, or moved in as it was, where no day is past).
    public func startWindow(forWeek number: Int, today: CalendarDate?) -> StartWindow {
        let before = weeks.last { $0.number < number }
        let after = weeks.first { $0.number > number }
        var earliest: CalendarDate? = nil, earliestBound = StartWindow.Bound.none
        if let before {
            earliest = before.starts.adding(days: Self.minimumWeekDays)
            earliestBound = .weekBefore(before)
        }
        if let today {
            let first = today.adding(days: Self.newWeekLeadDays)
            if earliest.map({ first > $0 }) ?? true {
                earliest = first
                earliestBound = .today(today)
            }
        }
        var latest: CalendarDate? = nil, latestBound = StartWindow.Bound.none
        if let before, let earliest {
            // Counted from a week before the earliest day: the week before's start, unless the program ran out.
            let from = max(before.starts, earliest.adding(days: -Self.minimumWeekDays))
            latest = from.adding(days: Self.maximumDaysBetweenWeeks)
            latestBound = .typoGuard(before, ranOut: from > before.starts)
        }
        if let after {
            let last = after.starts.adding(days: -Self.minimumWeekDays)
            if latest.map({ last < $0 }) ?? true {
                latest = last
                latestBound = .weekAfter(after)
            }
        }
        return StartWindow(number: number, earliest: earliest, earliestBound: earliestBound, latest: latest, latestBound: latestBound)
    }

    /// Checks that a new week fits: the next number (no gaps), and a start date in its `startWindow` on
    /// `today` (nil: a program set up whole, whose first weeks may lie in the past).
    public func validateNewWeek(_ week: ProgramWeek, today: CalendarDate?) throws {
        let n = week.number
        if weeks.contains(where: { $0.number == n }) {
            throw PortalError.invalidInput(field: .programWeek, "week: the program already has a week \(n).")
        }
        let last = weeks.last?.number ?? 0
        if n > last + 1 {
            throw PortalError.invalidInput(field: .programWeek, weeks.isEmpty
                ? "week: a program starts with week 1, not week \(n)."
                : "week: the program has weeks \(numbersText), so the next week is \(last + 1), not \(n).")
        }
        if let problem = startWindow(forWeek: n, today: today).problem(with: week.starts) {
            throw PortalError.invalidInput(field: .programStart, problem)
        }
    }

    /// The numbers a therapist's week may be imported as on `today` (`RecordStore.addProgramWeek`): each published
    /// week not started yet, which it then replaces, and the next new week.
    public func numbersOpenToImport(today: CalendarDate) -> (upcoming: [Int], next: Int) {
        (weeks.filter { !Self.hasStarted($0, on: today) && !drafts.contains($0.number) }.map(\.number), (weeks.last?.number ?? 0) + 1)
    }

    /// `numbersOpenToImport` in words, for a refusal: "You can import weeks 3 to 6 (not started yet: an import
    /// takes the place of the week of its number) or week 7 (a new week after the last)."
    public func importChoicesText(today: CalendarDate) -> String {
        let (upcoming, next) = numbersOpenToImport(today: today)
        let new = "week \(next) (a new week after the last)"
        guard let first = upcoming.first, let last = upcoming.last else { return "You can import \(new)." }
        let open = first == last ? "week \(first)" : upcoming.count == 2 ? "weeks \(first) and \(last)" : "weeks \(first) to \(last)"
        return "You can import \(open) (not started yet: an import takes the place of the week of its number) or \(new)."
    }

    /// "1–4", or "1, 2 and 4" when numbers are missing.
    private var numbersText: String {
        let numbers = weeks.map(\.number)
        if let first = numbers.first, let last = numbers.last, numbers == Array(first...last), numbers.count > 2 {
            return "\(first)–\(last)"
        }
        let text = numbers.map(String.init)
        return text.count < 2 ? text.joined() : text.dropLast().joined(separator: ", ") + " and " + text.last!
    }

    /// Checks a whole program being saved at once (a new patient's weeks, or a record moved in as it was
    /// written, whose decisions may predate the rule of a readable reason): each week fits the ones before it.
    public static func validate(_ weeks: [ProgramWeek]) throws {
        var program = Program(weeks: [])
        for week in weeks.sorted(by: { $0.number < $1.number }) {
            try program.validateNewWeek(week, today: nil)
            try week.validateText(location: "week \(week.number)", asWritten: true)
            program.weeks.append(week)
        }
    }
}
