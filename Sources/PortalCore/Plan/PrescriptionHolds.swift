/// Each exercise's rules (`ExerciseRule`), by exercise id: what `ExerciseLibrary.rules` reads with the names,
/// so the counts on Home need no more of the library than its names. With them, each exercise's kind
/// (`ExerciseCategory`), which the hold on a week planned for her pregnancy reads after a C-section.
public struct ExerciseRules: Sendable, Hashable {
    /// No rules at all: nothing is ever held back (a snapshot made without the content).
    public static let none = ExerciseRules([:])

    private let byID: [String: [ExerciseRule]]
    private let categories: [String: ExerciseCategory]

    public init(_ byID: [String: [ExerciseRule]], categories: [String: ExerciseCategory] = [:]) {
        self.byID = byID
        self.categories = categories
    }

    /// The rules of `exerciseID`; none for an exercise without rules, or one the library does not know.
    public subscript(exerciseID: String) -> [ExerciseRule] { byID[exerciseID] ?? [] }

    /// The kind of exercise `exerciseID` is; nil for one the library does not know.
    public func category(of exerciseID: String) -> ExerciseCategory? { categories[exerciseID] }

    public var isEmpty: Bool { byID.isEmpty }

    /// The library's wait after a C-section before exercise (`weeks-after-cesarean` in exercises.json; the
    /// longest when exercises differ); nil when no exercise carries one.
    public var afterCesarean: ExerciseRule? {
        byID.values.joined().filter { $0.kind == .weeksAfterCesarean }.max { ($0.weeks ?? 0) < ($1.weeks ?? 0) }
    }
}

/// What her stage, as it is now, holds back of the weeks she keeps: a prescription whose exercise's rules
/// (`ExerciseRule`) it breaks on a day. A week already under way is never rewritten, nor is a week her therapist
/// wrote, so when her details change (a birth date put right, a C-section recorded, a condition added) such a
/// week can hold an exercise that is not yet right for her. She is then told so beside it ("wait — not yet
/// right for you"), it is not counted as prescribed (Home, `portal today`, adherence, reminders), and it cannot
/// be marked done until its rules allow it. A prescription the therapist marked as her decision, with her
/// reason, is hers to make and is never held.
///
/// Judged day by day, from her details as they are now: an exercise that waits for 8 weeks after a C-section
/// counts again from that day, even in the middle of a week. After a C-section, a week planned for her
/// pregnancy (`Program.plannedFor`, whatever its dates) holds back what it adds or makes harder too.
public struct PrescriptionHolds: Sendable {
    /// Nothing held (no patient, or no rules).
    public static let none = PrescriptionHolds(patient: nil, rules: .none)

    public let patient: Patient?
    public let rules: ExerciseRules
    /// Her program, to find the weeks planned for her pregnancy after a C-section (`afterCesarean`); empty when
    /// only each exercise's own rules count.
    public let program: Program
    /// After a C-section, the wait before what a week planned for her pregnancy adds or makes harder: the
    /// library's own rule for strong exercise after a C-section (`ExerciseRules.afterCesarean`: SNEE maternity,
    /// wait at least 8 weeks after a caesarean before exercise), so the two never differ; nil without one.
    public let afterCesarean: ExerciseRule?
    /// For each week planned for her pregnancy, after a C-section, the exercises that week adds or makes harder
    /// (NEW, ↑; in week 1, with no week before it, every exercise is new to her): those wait `afterCesarean`
    /// (QA G2), but for the kinds the first weeks after a C-section are for (`rightAfterCesarean`).
    private let harderBeforeCesarean: [Int: Set<String>]

    /// The kinds of exercise the first weeks after a C-section are for, which the hold on a week planned for her
    /// pregnancy never holds: pelvic floor exercises (NICE NG210: for everyone after every birth, C-section
    /// included) and breathing (the first weeks are for walks, pelvic floor and breathing). Their own rules
    /// still apply.
    public static let rightAfterCesarean: Set<ExerciseCategory> = [.pelvicFloor, .breathing]

    public init(patient: Patient?, rules: ExerciseRules, program: Program = Program(weeks: [])) {
        self.patient = patient
        self.rules = rules
        self.program = program
        afterCesarean = rules.afterCesarean
        var harder: [Int: Set<String>] = [:]
        if case .postpartum(let birth, .cesarean)? = patient?.stage, afterCesarean != nil {
            for week in program.weeks where program.plannedForPregnancy(week, birth: birth) {
                let ids = program.diff(for: week).changes.filter { $0.change == .new || $0.change == .more }.map(\.exerciseID)
                    .filter { id in rules.category(of: id).map { !Self.rightAfterCesarean.contains($0) } ?? true }
                if !ids.isEmpty { harder[week.number] = Set(ids) }
            }
        }
        harderBeforeCesarean = harder
    }

    /// The rules `p` breaks on `day` for her; none for a prescription the therapist marked as her decision.
    /// After a C-section, in a week planned for her pregnancy that is under way on `day`, an exercise that week
    /// adds or makes harder breaks `afterCesarean` too: nothing new or harder from a week planned before the
    /// surgery.
    public func rules(holding p: Prescription, on day: CalendarDate) -> [ExerciseRule] {
        guard let patient, p.therapistDecision.isEmpty else { return [] }
        var broken = rules[p.exerciseID].filter { !$0.allows(patient, from: day, through: day) }
        if let afterCesarean, !harderBeforeCesarean.isEmpty, let week = program.currentWeek(on: day),
           harderBeforeCesarean[week.number]?.contains(p.exerciseID) == true,
           !afterCesarean.allows(patient, from: day, through: day), !broken.contains(afterCesarean) {
            broken.append(afterCesarean)
        }
        return broken
    }

    /// The exercises of `week` held back on `day` (their ids): what its note must not name.
    public func heldIDs(in week: ProgramWeek, on day: CalendarDate) -> Set<String> {
        Set(week.prescriptions.filter { isHeld($0, on: day) }.map(\.exerciseID))
    }

    /// True when her stage holds `p` back on `day`.
    public func isHeld(_ p: Prescription, on day: CalendarDate) -> Bool {
        !rules(holding: p, on: day).isEmpty
    }

    /// True when `p` may be held back on some day (its exercise has rules and it is not the therapist's
    /// decision): the counts look day by day only at these.
    public func mayHold(_ p: Prescription) -> Bool {
        patient != nil && p.therapistDecision.isEmpty
            && (!rules[p.exerciseID].isEmpty || harderBeforeCesarean.values.contains { $0.contains(p.exerciseID) })
    }

    /// The prescriptions of `week` that count as prescribed on `day`.
    public func due(_ week: ProgramWeek, on day: CalendarDate) -> [Prescription] {
        week.prescriptions.filter { !isHeld($0, on: day) }
    }

    /// The day a week's holds are shown for on `today`: today in the week under way, the first day of a week to
    /// come; nil for a week that is over (what was held then is in its figures, not flagged again).
    public static func shownDay(for week: ProgramWeek, in program: Program, today: CalendarDate) -> CalendarDate? {
        if !Program.hasStarted(week, on: today) { return week.starts }
        return program.currentWeek(on: today)?.number == week.number ? today : nil
    }

    /// One prescription held back: in which week, and why.
    public struct Held: Sendable, Hashable {
        public var week: ProgramWeek
        public var prescription: Prescription
        public var hold: Hold
        public var day: CalendarDate
    }

    /// Every prescription held back in the week under way on `today` (judged on `today`) and in the weeks to
    /// come (each judged on its first day), in program order: what a change of details tells her, and what her
    /// therapist's caseload shows.
    public func held(in program: Program, today: CalendarDate) -> [Held] {
        program.weeks.flatMap { week -> [Held] in
            guard let day = Self.shownDay(for: week, in: program, today: today) else { return [] }
            return week.prescriptions.compactMap { p in hold(p, in: week, on: day).map { Held(week: week, prescription: p, hold: $0, day: day) } }
        }
    }

    /// What `p` is held back by in `week` on `day`, for her, or nil when it is not.
    public func hold(_ p: Prescription, in week: ProgramWeek, on day: CalendarDate) -> Hold? {
        guard let patient else { return nil }
        let broken = rules(holding: p, on: day)
        guard !broken.isEmpty else { return nil }
        // The rule that holds it back longest is the one to name (a C-section's 8 weeks over any birth's 6);
        // a rule that does not lift with time outranks them all.
        let rule = broken.max { ($0.firstAllowedDay(for: patient) ?? .distantFuture) < ($1.firstAllowedDay(for: patient) ?? .distantFuture) }!
        return Hold(rule: rule, until: rule.firstAllowedDay(for: patient), origin: week.origin)
    }

    /// Why a prescription is held back, in words for her.
    public struct Hold: Sendable, Hashable {
        public var rule: ExerciseRule
        /// The day it is right for her again, when waiting is what it takes.
        public var until: CalendarDate?
        /// Who wrote the week it is in: a therapist's week sends her to her therapist.
        public var origin: WeekOrigin

        /// Beside the exercise in a list: "Wait: not yet right for you (from Tue 15 Dec)", or "Not right for
        /// you now: ask your therapist" when waiting will not change it.
        public var label: String {
            guard let until else { return "Not right for you now: ask your therapist" }
            return "Wait: not yet right for you (from \(until.shortText))"
        }

        /// "Wait: not yet right for you", or "Not right for you now", before the whole reason.
        public var shortLabel: String { until == nil ? "Not right for you now" : "Wait: not yet right for you" }

        /// The whole reason, with what to do: "Modified dead bug waits until 8 weeks after your C-section
        /// (Tue 15 Dec). Skip it until then." In her therapist's week: "… Your therapist wrote this week; ask
        /// her before you do it."
        public func text(_ name: String, for patient: Patient) -> String {
            let why = rule.reason([name], for: patient)
            switch origin {
            case .generated: return why + (until == nil ? " Skip it." : " Skip it until then.")
            case .therapist: return why + " Your therapist wrote this week; ask her before you do it."
            case .unrecorded: return why + " Ask your therapist before you do it."
            }
        }
    }
}

extension CalendarDate {
    /// A day after every real one: for sorting "never" last.
    static let distantFuture = CalendarDate(year: 9999, month: 12, day: 31)!
}
