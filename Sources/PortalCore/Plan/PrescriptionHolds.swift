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
/// pregnancy (`Program.plannedFor`, whatever its dates) also holds back what her program after the birth (her
/// weeks planned after it) brings in only later, until the day it does (`programAfterBirth`, QA J1): so the two
/// never tell her opposite things, and what that program gives from its first week (breathing, deep belly
/// activation…) or never gives at all (the log roll of her pregnancy's round ligament program, how she gets out
/// of bed) is not held this way.
public struct PrescriptionHolds: Sendable {
    /// Nothing held (no patient, or no rules).
    public static let none = PrescriptionHolds(patient: nil, rules: .none)

    public let patient: Patient?
    public let rules: ExerciseRules
    /// Her program: its weeks planned for her pregnancy hold back, after a C-section, what its weeks planned
    /// after the birth bring in later (`programAfterBirth`); empty when only each exercise's own rules count.
    public let program: Program
    /// After a C-section, for each exercise of her weeks planned for her pregnancy that her program after the
    /// birth (its weeks planned after it, published) brings in after its first week: the first day of the week
    /// that brings it. An exercise that program has in its first week, or never has, is not in it; nor are the
    /// kinds the first weeks after a C-section are for (`rightAfterCesarean`). Empty without such weeks.
    public let programAfterBirth: [String: CalendarDate]
    /// After a C-section with no week of her program planned after the birth yet (in a clinic, recording the
    /// birth asks her therapist and writes no week; on her own computer she may keep her program): what each week
    /// planned for her pregnancy adds or makes harder (NEW, ↑; in week 1 every exercise), but for the kinds the
    /// first weeks after a C-section are for, waits the library's own rule for exercise after a C-section
    /// (`ExerciseRules.afterCesarean`: SNEE maternity, at least 8 weeks), as before QA J1: with no program after
    /// the birth to go by, nothing new or harder from a week planned before the surgery (review of the merge).
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
        var brings: [String: CalendarDate] = [:]
        var harder: [Int: Set<String>] = [:]
        if case .postpartum(let birth, .cesarean)? = patient?.stage {
            let published = program.weeks.filter { !program.drafts.contains($0.number) }
            let before = published.filter { program.plannedForPregnancy($0, birth: birth) }
            let after = published.filter { !program.plannedForPregnancy($0, birth: birth) }
            if let first = after.first {
                for id in Set(before.flatMap { $0.prescriptions.map(\.exerciseID) }) where first.prescription(for: id) == nil {
                    // An exercise the library does not know (no rules read: `ExerciseRules.none`) is not held.
                    guard let kind = rules.category(of: id), !Self.rightAfterCesarean.contains(kind) else { continue }
                    if let week = after.first(where: { $0.prescription(for: id) != nil }) { brings[id] = week.starts }
                }
            } else if rules.afterCesarean != nil {
                for week in before {
                    let ids = program.diff(for: week).changes.filter { $0.change == .new || $0.change == .more }.map(\.exerciseID)
                        .filter { id in rules.category(of: id).map { !Self.rightAfterCesarean.contains($0) } ?? true }
                    if !ids.isEmpty { harder[week.number] = Set(ids) }
                }
            }
        }
        programAfterBirth = brings
        harderBeforeCesarean = harder
    }

    /// The rules `p` breaks on `day` for her; none for a prescription the therapist marked as her decision.
    /// With no program after the birth, in a week planned for her pregnancy under way on `day`, an exercise that
    /// week adds or makes harder breaks `ExerciseRules.afterCesarean` too (`harderBeforeCesarean`).
    public func rules(holding p: Prescription, on day: CalendarDate) -> [ExerciseRule] {
        guard let patient, p.therapistDecision.isEmpty else { return [] }
        var broken = rules[p.exerciseID].filter { !$0.allows(patient, from: day, through: day) }
        if !harderBeforeCesarean.isEmpty, let afterCesarean = rules.afterCesarean, let week = program.currentWeek(on: day),
           harderBeforeCesarean[week.number]?.contains(p.exerciseID) == true,
           !afterCesarean.allows(patient, from: day, through: day), !broken.contains(afterCesarean) {
            broken.append(afterCesarean)
        }
        return broken
    }

    /// After a C-section, in a week planned for her pregnancy under way on `day`: the day her program after the
    /// birth brings `p`'s exercise in (`programAfterBirth`), when that is after `day`; nil otherwise, and for
    /// her therapist's decision.
    public func programWait(holding p: Prescription, on day: CalendarDate) -> CalendarDate? {
        guard patient != nil, p.therapistDecision.isEmpty, let from = programAfterBirth[p.exerciseID], day < from,
              case .postpartum(let birth, _)? = patient?.stage,
              let week = program.currentWeek(on: day), program.plannedForPregnancy(week, birth: birth),
              week.prescription(for: p.exerciseID) != nil else { return nil }
        return from
    }

    /// The exercises of `week` held back on `day` (their ids): what its note must not name.
    public func heldIDs(in week: ProgramWeek, on day: CalendarDate) -> Set<String> {
        Set(week.prescriptions.filter { isHeld($0, on: day) }.map(\.exerciseID))
    }

    /// True when her stage holds `p` back on `day`.
    public func isHeld(_ p: Prescription, on day: CalendarDate) -> Bool {
        !rules(holding: p, on: day).isEmpty || programWait(holding: p, on: day) != nil
    }

    /// True when `p` may be held back on some day (its exercise has rules and it is not the therapist's
    /// decision): the counts look day by day only at these.
    public func mayHold(_ p: Prescription) -> Bool {
        patient != nil && p.therapistDecision.isEmpty
            && (!rules[p.exerciseID].isEmpty || programAfterBirth[p.exerciseID] != nil
                || harderBeforeCesarean.values.contains { $0.contains(p.exerciseID) })
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
        let causes = rules(holding: p, on: day).map { (cause: Hold.Cause.rule($0), until: $0.firstAllowedDay(for: patient)) }
            + (programWait(holding: p, on: day).map { [(cause: Hold.Cause.programAfterBirth, until: Optional($0))] } ?? [])
        // What holds it back longest is the one to name (a C-section's 8 weeks over any birth's 6, a later week
        // of her program after the birth over a rule); a rule that does not lift with time outranks them all.
        guard let longest = causes.max(by: { ($0.until ?? .distantFuture) < ($1.until ?? .distantFuture) }) else { return nil }
        return Hold(cause: longest.cause, until: longest.until, origin: week.origin)
    }

    /// Why a prescription is held back, in words for her.
    public struct Hold: Sendable, Hashable {
        /// What holds it back.
        public enum Cause: Sendable, Hashable {
            /// One of the exercise's own rules (`ExerciseRule`).
            case rule(ExerciseRule)
            /// After a C-section, in a week planned for her pregnancy: her program after the birth brings it in
            /// only on `until` (`PrescriptionHolds.programAfterBirth`).
            case programAfterBirth
        }

        public var cause: Cause
        /// The day it is right for her again, when waiting is what it takes.
        public var until: CalendarDate?
        /// Who wrote the week it is in: a therapist's week sends her to her therapist.
        public var origin: WeekOrigin

        public init(cause: Cause, until: CalendarDate?, origin: WeekOrigin) {
            self.cause = cause
            self.until = until
            self.origin = origin
        }

        /// The exercise's rule that holds it back; nil when her program after the birth does.
        public var rule: ExerciseRule? {
            if case .rule(let r) = cause { return r }
            return nil
        }

        /// What holds it back in a few plain words, for her therapist: "not before 8 weeks after a C-section",
        /// "not before her program after the C-section brings it in".
        public var ruleText: String { rule?.text ?? "not before her program after the C-section brings it in" }

        /// Beside the exercise in a list: "Wait: not yet right for you (from Tue 15 Dec)", or "Not right for
        /// you now: ask your therapist" when waiting will not change it.
        public var label: String {
            guard let until else { return "Not right for you now: ask your therapist" }
            return "Wait: not yet right for you (from \(until.shortText))"
        }

        /// "Wait: not yet right for you", or "Not right for you now", before the whole reason.
        public var shortLabel: String { until == nil ? "Not right for you now" : "Wait: not yet right for you" }

        /// The whole reason, with what to do: "Modified dead bug waits until 8 weeks after your C-section
        /// (Tue 15 Dec). Skip it until then.", "Sit to stand waits until your program after the C-section
        /// brings it in (Thu 31 Dec). Skip it until then." In her therapist's week: "… Your therapist wrote
        /// this week; ask her before you do it."
        public func text(_ name: String, for patient: Patient) -> String {
            let why: String
            switch cause {
            case .rule(let rule): why = rule.reason([name], for: patient)
            case .programAfterBirth:
                why = "\(name) waits until your program after the C-section brings it in" + (until.map { " (\($0.shortText))." } ?? ".")
            }
            switch origin {
            case .generated: return why + (until == nil ? " Skip it." : " Skip it until then.")
            case .therapist: return why + " Your therapist wrote this week; ask her before you do it."
            case .unrecorded: return why + " Ask your therapist before you do it."
            }
        }
    }

    /// Why `exerciseID` cannot be marked done on `day`, in her words (`Hold.text`), when her stage holds it
    /// back in the week under way that day; nil when it may be. The one rule the screens that mark an
    /// exercise done and `portal exercises done` follow (QA J4). `name` is the exercise's name.
    public func refusal(markingDone exerciseID: String, on day: CalendarDate, name: String) -> String? {
        guard let patient, let week = program.currentWeek(on: day), let p = week.prescription(for: exerciseID),
              let hold = hold(p, in: week, on: day) else { return nil }
        return hold.text(name, for: patient)
    }
}

extension CalendarDate {
    /// A day after every real one: for sorting "never" last.
    static let distantFuture = CalendarDate(year: 9999, month: 12, day: 31)!
}
