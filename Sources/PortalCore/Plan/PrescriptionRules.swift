/// A rule that a prescription breaks: which exercise, in which week, which rule, and a message for the
/// therapist that names all three.
public struct RuleBreak: Sendable, Hashable {
    public var exerciseID: String
    public var week: Int
    public var rule: ExerciseRule
    /// Where she is then, which the rule is judged by: "she is 25 weeks pregnant then", "that is 5 weeks
    /// after her C-section".
    public var circumstance: String
    /// "Week 7: “Side plank from the knees” (side-plank-knees) is not allowed …", for the therapist.
    public var message: String

    /// The rule and her circumstance, for beside the exercise in the therapist's editor: "Not before 8 weeks
    /// after a C-section: that is 5 weeks after her C-section."
    public var short: String {
        let text = rule.text
        return text.prefix(1).uppercased() + text.dropFirst() + ": " + circumstance + "."
    }
}

/// Checks prescriptions against the rules of each exercise (`ExerciseRule`, read from `exercises.json`) for one
/// patient at her stage: the planner keeps them when it builds weeks, the import refuses a week that breaks one,
/// and a therapist's editor can ask the same while she edits. Pure: it reads nothing but its arguments.
public struct PrescriptionRules: Sendable {
    public let library: ExerciseLibrary

    public init(library: ExerciseLibrary) { self.library = library }

    /// The rules of `exerciseID` that `patient` would break doing it every day from `first` to `last`
    /// (an exercise the library does not know breaks none here: the import refuses it for that).
    public func broken(_ exerciseID: String, for patient: Patient, from first: CalendarDate, through last: CalendarDate) -> [ExerciseRule] {
        library.rules[exerciseID].filter { !$0.allows(patient, from: first, through: last) }
    }

    /// True when the exercise breaks none of its rules over those days.
    public func allows(_ exerciseID: String, for patient: Patient, from first: CalendarDate, through last: CalendarDate) -> Bool {
        broken(exerciseID, for: patient, from: first, through: last).isEmpty
    }

    /// The last day a week is followed: the day before the next week starts, or six days after its start
    /// when it is the last week (it stays current after that, but a program is planned a week at a time).
    public static func lastDay(of week: ProgramWeek, next: ProgramWeek?) -> CalendarDate {
        max(week.starts, (next?.starts.adding(days: -1)) ?? week.starts.adding(days: Program.minimumWeekDays - 1))
    }

    /// Every rule a week breaks for `patient`. A prescription the therapist marked as her decision (with a
    /// reason) is hers to make: it is left out unless `includingDecisions`.
    public func check(_ week: ProgramWeek, next: ProgramWeek? = nil, for patient: Patient,
                      includingDecisions: Bool = false) -> [RuleBreak] {
        let last = Self.lastDay(of: week, next: next)
        return week.prescriptions.flatMap { p -> [RuleBreak] in
            guard includingDecisions || p.therapistDecision.isEmpty else { return [] }
            return broken(p.exerciseID, for: patient, from: week.starts, through: last).map { rule in
                let when = circumstance(week, rule: rule, patient: patient)
                return RuleBreak(exerciseID: p.exerciseID, week: week.number, rule: rule, circumstance: when,
                                 message: message(p.exerciseID, week: week, rule: rule, when: when))
            }
        }
    }

    /// Every rule broken in a whole program (each week runs until the next starts).
    public func check(_ weeks: [ProgramWeek], for patient: Patient, includingDecisions: Bool = false) -> [RuleBreak] {
        let sorted = weeks.sorted { $0.number < $1.number }
        return sorted.enumerated().flatMap { i, w in
            check(w, next: sorted[safe: i + 1], for: patient, includingDecisions: includingDecisions)
        }
    }

    /// Throws the first rule broken, as a message that says how the therapist can make it her decision.
    public func enforce(_ week: ProgramWeek, next: ProgramWeek? = nil, for patient: Patient) throws {
        if let first = check(week, next: next, for: patient).first {
            throw PortalError.rule(first.message + " If this is the therapist's decision, give the prescription a \"therapistDecision\" with the reason (the patient is shown it); otherwise choose another exercise.")
        }
    }

    /// Where she is when the week starts, in the words of a rule's message: her stage, or for a condition's
    /// rule, that she is treated for it.
    private func circumstance(_ week: ProgramWeek, rule: ExerciseRule, patient: Patient) -> String {
        if rule.kind == .notWithCondition, let c = rule.condition {
            return "she is treated for \(c.title.lowercased())"
        }
        let stage = patient.progress(on: week.starts)
        switch patient.stage {
        case .pregnant:
            return "she is \((stage.pregnancyWeek ?? 0).counted("week")) pregnant then"
        case .postpartum(_, let delivery):
            let w = stage.weeksPostpartum ?? 0
            return "that is \(w) week\(w == 1 ? "" : "s") after her \(delivery == .cesarean ? "C-section" : "birth")"
        }
    }

    private func message(_ id: String, week: ProgramWeek, rule: ExerciseRule, when: String) -> String {
        "Week \(week.number): “\(library.name(id))” (\(id)) breaks its rule “\(rule.text)”; week \(week.number) starts on \(week.starts.shortText) \(week.starts.year), and \(when)."
    }
}
