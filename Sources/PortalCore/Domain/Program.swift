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
    /// can read. A decision of only spaces or line breaks would let the exercise past its rules with nothing
    /// to show her, so it is refused.
    public static func checkDecision(_ text: String, field: String) throws {
        if !text.isEmpty, PlainText.blankAsEmpty(text).isEmpty { throw blankDecision(field) }
        try PlainText.check(text, field: field, maxLength: noteLimit)
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
    public func noteLabel(for words: ViewerWords) -> String { self == .therapist ? "From \(words.your) therapist: " : "About this week: " }
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

    /// Checks the therapist's notes (the week's and each prescription's) against the plain-text rule;
    /// errors name the field as in the import file, e.g. `prescriptions[2].note`.
    public func validateText(location: String = "") throws {
        let at = { (field: String) in location.isEmpty ? field : "\(location).\(field)" }
        try PlainText.check(note, field: at("note"), maxLength: Self.noteLimit)
        for (i, p) in prescriptions.enumerated() {
            try PlainText.check(p.note, field: at("prescriptions[\(i)].note"), maxLength: Prescription.noteLimit)
            try Prescription.checkDecision(p.therapistDecision, field: at("prescriptions[\(i)].therapistDecision"))
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

    public init(weeks: [ProgramWeek], drafts: Set<Int> = []) {
        self.weeks = weeks.sorted { $0.number < $1.number }
        self.drafts = drafts
    }

    /// The latest published week that has started on `day`: a draft whose date has come is not her week until
    /// her therapist publishes it.
    public func currentWeek(on day: CalendarDate) -> ProgramWeek? {
        weeks.last { $0.starts <= day && !drafts.contains($0.number) }
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
    /// A week starting more than this many days after the one before it is most likely a typo.
    public static let maximumDaysBetweenWeeks = 56

    /// Checks that a new week fits: the next number (no gaps), and a start date that gives the week before
    /// it and this week at least 7 days each, no more than 8 weeks after the week before.
    public func validateNewWeek(_ week: ProgramWeek) throws {
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
        if let before = weeks.last(where: { $0.number < n }) {
            let earliest = before.starts.adding(days: Self.minimumWeekDays)
            if week.starts < earliest {
                throw PortalError.invalidInput(field: .programStart, "starts: \(week.starts) overlaps week \(before.number), which starts \(before.starts) and lasts at least \(Self.minimumWeekDays) days; week \(n) can start on \(earliest) at the earliest.")
            }
            let latest = before.starts.adding(days: Self.maximumDaysBetweenWeeks)
            if week.starts > latest {
                throw PortalError.invalidInput(field: .programStart, "starts: \(week.starts) is more than 8 weeks after week \(before.number), which starts \(before.starts); please check the date. Week \(n) can start on \(latest) at the latest.")
            }
        }
        if let after = weeks.first(where: { $0.number > n }) {
            let latest = after.starts.adding(days: -Self.minimumWeekDays)
            if week.starts > latest {
                throw PortalError.invalidInput(field: .programStart, "starts: \(week.starts) leaves week \(n) less than \(Self.minimumWeekDays) days before week \(after.number), which starts \(after.starts); week \(n) can start on \(latest) at the latest.")
            }
        }
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

    /// Checks a whole program being saved at once (a new patient's weeks): each week fits the ones before it.
    public static func validate(_ weeks: [ProgramWeek]) throws {
        var program = Program(weeks: [])
        for week in weeks.sorted(by: { $0.number < $1.number }) {
            try program.validateNewWeek(week)
            try week.validateText(location: "week \(week.number)")
            program.weeks.append(week)
        }
    }
}
