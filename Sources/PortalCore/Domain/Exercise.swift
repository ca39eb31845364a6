public enum ExerciseCategory: String, Sendable, Codable, CaseIterable {
    case strength, mobility, stretch
    case pelvicFloor = "pelvic-floor"
    case breathing, core

    public var title: String {
        switch self {
        case .strength: return "Strength"
        case .mobility: return "Mobility"
        case .stretch: return "Stretch"
        case .pelvicFloor: return "Pelvic floor"
        case .breathing: return "Breathing"
        case .core: return "Core"
        }
    }

    /// Another exercise of this kind, in a sentence ("You still have other strength exercises this week").
    public var otherOfKind: String {
        switch self {
        case .strength: return "other strength exercises"
        case .mobility: return "other gentle movement"
        case .stretch: return "another stretch"
        case .pelvicFloor: return "other pelvic floor exercises"
        case .breathing: return "breathing practice"
        case .core: return "other tummy and back exercises"
        }
    }
}

/// When a precaution matters for this patient.
public enum PrecautionScope: String, Sendable, Codable, CaseIterable {
    case always
    case pregnant
    case pregnantAfter20Weeks = "pregnant-after-20-weeks"
    case diastasisRecti = "diastasis-recti"
    case pelvicGirdle = "pelvic-girdle"
    case cesareanUnder8Weeks = "cesarean-under-8-weeks"
    case postpartumUnder6Weeks = "postpartum-under-6-weeks"
    case sideOfHipPain = "side-of-hip-pain"

    /// True when the precaution applies to this patient on this day.
    public func applies(to patient: Patient, on day: CalendarDate) -> Bool {
        let p = patient.progress(on: day)
        switch self {
        case .always: return true
        case .pregnant: return patient.stage.isPregnant
        case .pregnantAfter20Weeks: return (p.pregnancyWeek ?? 0) >= 20
        case .diastasisRecti: return patient.conditions.contains(.diastasisRecti)
        case .pelvicGirdle: return patient.conditions.contains(.pelvicGirdle)
        case .cesareanUnder8Weeks:
            if case .postpartum(_, .cesarean) = patient.stage { return (p.weeksPostpartum ?? 0) < 8 }
            return false
        case .postpartumUnder6Weeks:
            return (p.weeksPostpartum ?? 99) < 6
        case .sideOfHipPain:
            return patient.conditions.contains(.hipITBand)
        }
    }
}

public struct Precaution: Sendable, Hashable, Codable {
    public var applies: PrecautionScope
    public var text: String
}

/// How much of an exercise to do.
public struct Dose: Sendable, Hashable, Codable {
    public var sets: Int
    public var reps: Int
    public var holdSeconds: Int
    public var restSeconds: Int
    public var timesPerDay: Int
    public var daysPerWeek: Int
    public var side: Side

    public init(sets: Int, reps: Int, holdSeconds: Int = 0, restSeconds: Int = 30,
                timesPerDay: Int = 1, daysPerWeek: Int = 7, side: Side = .none) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.restSeconds = restSeconds
        self.timesPerDay = timesPerDay
        self.daysPerWeek = daysPerWeek
        self.side = side
    }

    /// "3 × 10, hold 5 s, each side" — the dosage as a patient reads it.
    public var summary: String {
        var s = "\(sets) × \(reps)"
        if holdSeconds > 0 { s += ", hold \(holdSeconds) s" }
        switch side {
        case .none: break
        case .each: s += ", each side"
        case .left: s += ", left"
        case .right: s += ", right"
        case .alternating: s += ", alternating"
        }
        return s
    }

    /// "rest 30 s" between sets, or "no rest".
    public var restText: String { restSeconds > 0 ? "rest \(restSeconds) s" : "no rest" }

    /// "daily", "5 days a week", "1 day a week", "2× a day, daily".
    public var frequency: String {
        let days = daysPerWeek == 7 ? "daily" : "\(daysPerWeek.counted("day")) a week"
        return timesPerDay > 1 ? "\(timesPerDay)× a day, \(days)" : days
    }

    private enum CodingKeys: String, CodingKey {
        case sets, reps, holdSeconds, restSeconds, timesPerDay, daysPerWeek, side
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sets = try c.decode(Int.self, forKey: .sets)
        reps = try c.decode(Int.self, forKey: .reps)
        holdSeconds = try c.decodeIfPresent(Int.self, forKey: .holdSeconds) ?? 0
        restSeconds = try c.decodeIfPresent(Int.self, forKey: .restSeconds) ?? 30
        timesPerDay = try c.decodeIfPresent(Int.self, forKey: .timesPerDay) ?? 1
        daysPerWeek = try c.decodeIfPresent(Int.self, forKey: .daysPerWeek) ?? 7
        side = try c.decodeIfPresent(Side.self, forKey: .side) ?? .none
    }

    /// The limits a prescription must respect (`Field.range`); the message names the field and the allowed range.
    public func validate(at location: String) throws {
        for field in Field.allCases {
            let value = self[keyPath: field.keyPath], range = field.range
            guard range.contains(value) else {
                throw PortalError.invalidInput("\(location).\(field.rawValue) is \(value); it must be \(range.lowerBound) to \(range.upperBound).")
            }
        }
    }

    /// The numbers of a dose, each with its limits: the one list the import's check and the therapist's
    /// editor both go by. Raw values are the names in the program-week file.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case sets, reps, holdSeconds, restSeconds, timesPerDay, daysPerWeek

        public var range: ClosedRange<Int> {
            switch self {
            case .sets: return 1...10
            case .reps: return 1...50
            case .holdSeconds: return 0...120
            case .restSeconds: return 0...300
            case .timesPerDay: return 1...5
            case .daysPerWeek: return 1...7
            }
        }

        public var keyPath: WritableKeyPath<Dose, Int> {
            switch self {
            case .sets: return \.sets
            case .reps: return \.reps
            case .holdSeconds: return \.holdSeconds
            case .restSeconds: return \.restSeconds
            case .timesPerDay: return \.timesPerDay
            case .daysPerWeek: return \.daysPerWeek
            }
        }

        /// What a form calls it: "Sets", "Hold (s)", "Days a week".
        public var label: String {
            switch self {
            case .sets: return "Sets"
            case .reps: return "Reps"
            case .holdSeconds: return "Hold (s)"
            case .restSeconds: return "Rest (s)"
            case .timesPerDay: return "Times a day"
            case .daysPerWeek: return "Days a week"
            }
        }

        /// How far one step up or down goes in a form: seconds of rest move by 5.
        public var step: Int { self == .restSeconds ? 5 : 1 }
    }
}

/// Which side a prescription is done on.
public enum Side: String, Sendable, Codable, CaseIterable {
    case none, left, right, each, alternating

    /// The side in a form's words: "each side", "left", "not sided".
    public var text: String {
        switch self {
        case .none: return "not sided"
        case .each: return "each side"
        case .left, .right, .alternating: return rawValue
        }
    }
}

/// An exercise in the library.
public struct Exercise: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var category: ExerciseCategory
    public var position: String
    public var equipment: [String]
    public var targets: String
    public var conditions: [Condition]
    public var steps: [String]
    public var cues: [String]
    public var precautions: [Precaution]
    public var dose: Dose
    /// When the exercise may be prescribed at all (`ExerciseRule`); the precautions say it in words.
    public var rules: [ExerciseRule] = []

    private enum CodingKeys: String, CodingKey {
        case id, name, category, position, equipment, targets, conditions, steps, cues, precautions, dose, rules
    }

    public init(id: String, name: String, category: ExerciseCategory, position: String, equipment: [String],
                targets: String, conditions: [Condition], steps: [String], cues: [String], precautions: [Precaution],
                dose: Dose, rules: [ExerciseRule] = []) {
        self.id = id; self.name = name; self.category = category; self.position = position
        self.equipment = equipment; self.targets = targets; self.conditions = conditions; self.steps = steps
        self.cues = cues; self.precautions = precautions; self.dose = dose; self.rules = rules
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  category: try c.decode(ExerciseCategory.self, forKey: .category),
                  position: try c.decode(String.self, forKey: .position),
                  equipment: try c.decode([String].self, forKey: .equipment),
                  targets: try c.decode(String.self, forKey: .targets),
                  conditions: try c.decode([Condition].self, forKey: .conditions),
                  steps: try c.decode([String].self, forKey: .steps), cues: try c.decode([String].self, forKey: .cues),
                  precautions: try c.decode([Precaution].self, forKey: .precautions),
                  dose: try c.decode(Dose.self, forKey: .dose),
                  rules: try c.decodeIfPresent([ExerciseRule].self, forKey: .rules) ?? [])
    }

    /// The precautions that matter for this patient today, most specific first.
    public func precautions(for patient: Patient, on day: CalendarDate) -> [Precaution] {
        precautions.filter { $0.applies.applies(to: patient, on: day) }
            .sorted { ($0.applies == .always ? 1 : 0) < ($1.applies == .always ? 1 : 0) }
    }
}
