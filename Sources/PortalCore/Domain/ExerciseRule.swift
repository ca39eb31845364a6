/// When an exercise may be prescribed at all: its timing and position precautions as data
/// (`Resources/exercises.json`, each exercise's `rules`), so the planner and the import check can keep them.
/// The precautions say the same thing to the patient in words.
///
/// In the file: `{"rule": "weeks-after-birth", "weeks": 6}`, `{"rule": "weeks-after-cesarean", "weeks": 8}`,
/// `{"rule": "not-on-back-from-pregnancy-week", "weeks": 20, "instead": "seated-march"}`,
/// `{"rule": "not-in-pregnancy"}`, `{"rule": "not-with-condition", "condition": "hip-it-band"}`.
/// `instead` (optional, any rule) names the exercise a generated program uses in its place while it waits.
public struct ExerciseRule: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not before `weeks` whole weeks after any birth (and so not in pregnancy).
        case weeksAfterBirth = "weeks-after-birth"
        /// Not before `weeks` whole weeks after a C-section (a vaginal birth or pregnancy is not held back).
        case weeksAfterCesarean = "weeks-after-cesarean"
        /// Not lying on the back from week `weeks` of pregnancy on.
        case notOnBackFromPregnancyWeek = "not-on-back-from-pregnancy-week"
        /// Not in pregnancy at all: it is for after the birth.
        case notInPregnancy = "not-in-pregnancy"
        /// Not for someone with `condition`.
        case notWithCondition = "not-with-condition"
    }

    public var kind: Kind
    public var weeks: Int?
    public var condition: Condition?
    /// The exercise a generated program prescribes in its place while this rule holds it back.
    public var instead: String?

    public init(_ kind: Kind, weeks: Int? = nil, condition: Condition? = nil, instead: String? = nil) {
        self.kind = kind
        self.weeks = weeks
        self.condition = condition
        self.instead = instead
    }

    private enum CodingKeys: String, CodingKey { case rule, weeks, condition, instead }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .rule)
        guard let kind = Kind(rawValue: text) else {
            throw DecodingError.dataCorruptedError(forKey: .rule, in: c, debugDescription:
                "“\(text)” is not a rule; rules: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.init(kind, weeks: try c.decodeIfPresent(Int.self, forKey: .weeks),
                  condition: try c.decodeIfPresent(Condition.self, forKey: .condition),
                  instead: try c.decodeIfPresent(String.self, forKey: .instead))
        switch kind {
        case .weeksAfterBirth, .weeksAfterCesarean, .notOnBackFromPregnancyWeek:
            guard let w = weeks, (1...52).contains(w) else {
                throw DecodingError.dataCorruptedError(forKey: .weeks, in: c, debugDescription: "rule \(PlainText.quoted(text)) needs \"weeks\" from 1 to 52.")
            }
        case .notWithCondition:
            guard condition != nil else {
                throw DecodingError.dataCorruptedError(forKey: .condition, in: c, debugDescription: "rule \(PlainText.quoted(text)) needs a \"condition\".")
            }
        case .notInPregnancy: break
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.rawValue, forKey: .rule)
        try c.encodeIfPresent(weeks, forKey: .weeks)
        try c.encodeIfPresent(condition, forKey: .condition)
        try c.encodeIfPresent(instead, forKey: .instead)
    }

    /// True when the rule lets `patient` do the exercise every day from `first` to `last` (a program week).
    public func allows(_ patient: Patient, from first: CalendarDate, through last: CalendarDate) -> Bool {
        let n = weeks ?? 0
        switch kind {
        case .weeksAfterBirth:
            guard case .postpartum(let birth, _) = patient.stage else { return false }
            return birth.days(until: first) >= 7 * n
        case .weeksAfterCesarean:
            guard case .postpartum(let birth, .cesarean) = patient.stage else { return true }
            return birth.days(until: first) >= 7 * n
        case .notOnBackFromPregnancyWeek:
            guard let week = patient.progress(on: last).pregnancyWeek else { return true }
            return week < n
        case .notInPregnancy:
            return !patient.stage.isPregnant
        case .notWithCondition:
            return condition.map { !patient.conditions.contains($0) } ?? true
        }
    }

    /// The first day the rule allows the exercise, when waiting is what it takes (the timing rules after a
    /// birth); nil when the rule does not lift with time for her.
    public func firstAllowedDay(for patient: Patient) -> CalendarDate? {
        guard case .postpartum(let birth, let delivery) = patient.stage else { return nil }
        switch kind {
        case .weeksAfterBirth: return birth.adding(days: 7 * (weeks ?? 0))
        case .weeksAfterCesarean: return delivery == .cesarean ? birth.adding(days: 7 * (weeks ?? 0)) : nil
        default: return nil
        }
    }

    /// The rule in a few plain words, for messages: "not before 8 weeks after a C-section".
    public var text: String {
        let n = weeks ?? 0
        switch kind {
        case .weeksAfterBirth: return "not before \(n) weeks after the birth"
        case .weeksAfterCesarean: return "not before \(n) weeks after a C-section"
        case .notOnBackFromPregnancyWeek: return "not lying on the back from week \(n) of pregnancy"
        case .notInPregnancy: return "not during pregnancy"
        case .notWithCondition: return "not for \(condition.map { $0.title.lowercased() } ?? "this condition")"
        }
    }

    /// Why the exercises it holds back wait or are left out, in one sentence for the patient: "Side plank from
    /// the knees waits until 8 weeks after your C-section (Tue 19 Jan)." `names` are the exercises' names.
    public func reason(_ names: [String], for patient: Patient) -> String {
        let n = weeks ?? 0
        let list = names.listedInWords
        // Only the first name keeps its capital: "Modified dead bug and side plank from the knees wait …".
        let who = names.count > 1 ? String(list.prefix(names[0].count)) + list.dropFirst(names[0].count).lowercased() : list
        let one = names.count == 1
        let waits = one ? "waits" : "wait", isAre = one ? "is" : "are"
        switch kind {
        case .weeksAfterBirth:
            if patient.stage.isPregnant { return "\(who) \(isAre) for after the birth." }
            return "\(who) \(waits) until \(n) weeks after the birth" + (firstAllowedDay(for: patient).map { " (\($0.shortText))." } ?? ".")
        case .weeksAfterCesarean:
            return "\(who) \(waits) until \(n) weeks after your C-section" + (firstAllowedDay(for: patient).map { " (\($0.shortText))." } ?? ".")
        case .notOnBackFromPregnancyWeek:
            return "\(who) \(isAre) left out: from week \(n) of pregnancy, lying flat on your back for long can make you dizzy or faint."
        case .notInPregnancy:
            return "\(who) \(isAre) for after the birth."
        case .notWithCondition:
            return "\(who) \(isAre) left out: \(one ? "it is" : "they are") not advised for \(condition.map { $0.title.lowercased() } ?? "your condition")."
        }
    }

    /// One sentence per rule for the exercises each holds back, in the order first met.
    public static func reasons(_ held: [(rule: ExerciseRule, name: String)], for patient: Patient) -> [String] {
        var order: [ExerciseRule] = [], names: [ExerciseRule: [String]] = [:]
        for (rule, name) in held {
            var key = rule
            key.instead = nil
            if names[key] == nil { order.append(key) }
            if names[key]?.contains(name) != true { names[key, default: []].append(name) }
        }
        return order.map { $0.reason(names[$0] ?? [], for: patient) }
    }
}
