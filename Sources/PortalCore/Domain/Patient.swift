/// A condition the therapist is treating. Raw values are the identifiers used in `Resources/`.
public enum Condition: String, Sendable, Codable, CaseIterable, Hashable {
    case hipPiriformis = "hip-piriformis"
    case hipITBand = "hip-it-band"
    case roundLigament = "round-ligament"
    case lowBack = "low-back"
    case pelvicGirdle = "pelvic-girdle"
    case diastasisRecti = "diastasis-recti"
    case bladderLeaks = "bladder-leaks"
    case pelvicPain = "pelvic-pain"
    case cSectionScar = "c-section-scar"
    case perinealTear = "perineal-tear"

    public var title: String {
        switch self {
        case .hipPiriformis: return "Hip pain: piriformis (buttock)"
        case .hipITBand: return "Pain on the side of the hip (gluteal tendons)"
        case .roundLigament: return "Round ligament pain (front of hip, groin)"
        case .lowBack: return "Low back pain"
        case .pelvicGirdle: return "Pelvic girdle / SI joint pain"
        case .diastasisRecti: return "Diastasis recti (tummy gap)"
        case .bladderLeaks: return "Bladder leaks"
        case .pelvicPain: return "Pelvic pain"
        case .cSectionScar: return "C-section scar"
        case .perinealTear: return "Perineal tear"
        }
    }

    /// Why this condition cannot go with the stage, or nil when it fits: round-ligament pain belongs to
    /// pregnancy, a C-section scar to a cesarean birth, a perineal tear to the time after a birth.
    public func mismatch(with stage: Stage) -> ConditionMismatch? {
        switch (self, stage) {
        case (.roundLigament, .postpartum): return ConditionMismatch(condition: self, wants: .pregnancy)
        case (.cSectionScar, .pregnant), (.perinealTear, .pregnant): return ConditionMismatch(condition: self, wants: .birth)
        case (.cSectionScar, .postpartum(_, .vaginal)): return ConditionMismatch(condition: self, wants: .cesareanBirth)
        default: return nil
        }
    }

    /// The conditions that go with her stage by `mismatch(with:)`, the rule set-up and `portal profile` refuse
    /// the others by: what the set-up form offers. Pregnant, or after the birth by `delivery` (nil while she has
    /// not said how the baby was born: those that go with either kind of birth).
    public static func offered(pregnant: Bool, delivery: Delivery?) -> [Condition] {
        let day = CalendarDate(year: 2026, month: 1, day: 1)!  // the rule reads the stage, never its date
        let stages: [Stage] = pregnant ? [.pregnant(dueDate: day)]
            : (delivery.map { [$0] } ?? Delivery.allCases).map { .postpartum(birthDate: day, delivery: $0) }
        return allCases.filter { c in stages.contains { c.mismatch(with: $0) == nil } }
    }

    public static func parse(_ text: String) -> Condition? {
        Condition(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces))
    }
}

/// A condition that does not go with her stage, and the stage it goes with. The reason is written here once;
/// each front end adds its own remedy (the set-up form names its choices, the command line its options).
public struct ConditionMismatch: Sendable, Hashable {
    public enum Wants: Sendable, Hashable {
        /// She is pregnant.
        case pregnancy
        /// The baby is born.
        case birth
        /// The baby was born by C-section.
        case cesareanBirth
    }

    public let condition: Condition
    public let wants: Wants

    /// "Round ligament pain (front of hip, groin) happens during pregnancy."
    public var reason: String {
        switch wants {
        case .pregnancy: return "\(condition.title) happens during pregnancy."
        case .birth: return "\(condition.title) comes after a birth."
        case .cesareanBirth: return "\(condition.title) goes with a C-section birth."
        }
    }
}

public enum Delivery: String, Sendable, Codable, CaseIterable {
    case vaginal
    case cesarean
}

/// Where the patient is: pregnant with a due date, or postpartum since a birth date.
public enum Stage: Sendable, Hashable {
    case pregnant(dueDate: CalendarDate)
    case postpartum(birthDate: CalendarDate, delivery: Delivery)

    public var isPregnant: Bool {
        if case .pregnant = self { return true }
        return false
    }
}

/// The weeks a stage has reached on a given day.
public struct StageProgress: Sendable, Hashable {
    public let stage: Stage
    public let on: CalendarDate

    public init(stage: Stage, on day: CalendarDate) {
        self.stage = stage
        self.on = day
    }

    /// A pregnancy is never counted past this: by then the baby has been born, and the portal asks about it.
    public static let longestPregnancyWeeks = 42

    /// Completed weeks of pregnancy (gestational age counts 40 weeks to the due date), at most 42.
    public var pregnancyWeek: Int? {
        guard case .pregnant(let due) = stage else { return nil }
        let daysToDue = on.days(until: due)
        return min(Self.longestPregnancyWeeks, max(0, (280 - daysToDue) / 7))
    }

    /// Days since the due date while pregnant: 0 on the due date itself, nil before it (and after a birth).
    public var daysPastDue: Int? {
        guard case .pregnant(let due) = stage, due <= on else { return nil }
        return due.days(until: on)
    }

    /// True once the due date has passed (from the day after it: on the day itself the baby is due today).
    public var pastDueDate: Bool { (daysPastDue ?? 0) > 0 }

    /// "due today", "due date passed 3 days ago", "due date passed 6 weeks ago": where she is against her due
    /// date from that day on, counted truly (never capped), nil before it.
    public var dueDateText: String? {
        guard let days = daysPastDue else { return nil }
        if days == 0 { return "due today" }
        if days < 14 { return "due date passed \(days.counted("day")) ago" }
        return "due date passed \((days / 7).counted("week")) ago"
    }

    /// Home's and `portal today`'s question from the due date on, while the birth is not recorded: "Your due
    /// date is today. Has your baby arrived?" or "Your due date passed 6 weeks ago. Has your baby arrived?"
    public var birthQuestion: String? {
        guard let text = dueDateText else { return nil }
        let when = text == "due today" ? "Your due date is today." : "Your \(text)."
        return when + " Has your baby arrived?"
    }

    /// 1, 2 or 3: weeks 0–13, 14–27, 28 and later.
    public var trimester: Int? {
        guard let w = pregnancyWeek else { return nil }
        return w < 14 ? 1 : (w < 28 ? 2 : 3)
    }

    /// Whole weeks since the birth.
    public var weeksPostpartum: Int? {
        guard case .postpartum(let birth, _) = stage else { return nil }
        return max(0, birth.days(until: on) / 7)
    }

    /// The stage in a few words for a header: "24 weeks pregnant" or "6 weeks after birth" ("Less than a week
    /// after birth" in the first week). The one wording of the weeks: `summary` starts with it, so Home, About me,
    /// the report and `portal today` never say it two ways.
    public var headline: String {
        switch stage {
        case .pregnant(let due):
            // Past 42 weeks the weeks would be a count nobody is at: the time since the due date, truly.
            if (280 + due.days(until: on)) / 7 > Self.longestPregnancyWeeks, let text = dueDateText {
                return text.prefix(1).uppercased() + text.dropFirst()
            }
            let w = pregnancyWeek ?? 0
            return "\(w) week\(w == 1 ? "" : "s") pregnant"
        case .postpartum:
            let w = weeksPostpartum ?? 0
            return w == 0 ? "Less than a week after birth" : "\(w) week\(w == 1 ? "" : "s") after birth"
        }
    }

    /// "24 weeks pregnant · 2nd trimester" or "10 weeks after birth · C-section birth": `headline`, then more.
    public var summary: String {
        switch stage {
        case .pregnant:
            let t = ["1st", "2nd", "3rd"][(trimester ?? 1) - 1]
            guard let due = dueDateText else { return headline + " · \(t) trimester" }
            // The headline says it already once 42 weeks have gone by: then only that the birth is not recorded.
            return headline + " · " + (headline.lowercased() == due ? "birth not recorded yet" : due)
        case .postpartum(_, let delivery):
            return headline + " · " + (delivery == .cesarean ? "C-section birth" : "vaginal birth")
        }
    }
}

/// The person using the portal.
public struct Patient: Sendable, Hashable {
    public static let therapistLimit = 80
    public static let clinicLimit = 120

    public var name: String
    public var stage: Stage
    public var conditions: [Condition]
    public var therapist: String
    public var clinic: String

    public init(name: String, stage: Stage, conditions: [Condition], therapist: String = "", clinic: String = "") {
        self.name = name
        self.stage = stage
        self.conditions = conditions
        self.therapist = therapist
        self.clinic = clinic
    }

    public func progress(on day: CalendarDate) -> StageProgress { StageProgress(stage: stage, on: day) }

    /// The name, therapist and clinic are one line of plain text each.
    public func validateText() throws {
        try PlainText.check(name.trimmingCharacters(in: .whitespacesAndNewlines), field: "The name", as: .name, maxLength: 80, multiline: false)
        try PlainText.check(therapist, field: "The therapist's name", as: .therapist, maxLength: Self.therapistLimit, multiline: false)
        try PlainText.check(clinic, field: "The clinic", as: .clinic, maxLength: Self.clinicLimit, multiline: false)
    }

    /// Checks the rules a patient record must keep.
    public func validate(today: CalendarDate) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        // A name of only blank-looking characters (a Hangul filler, say) is no name (`PlainText.isBlank`).
        guard !PlainText.isBlank(trimmed) else { throw PortalError.invalidInput(field: .name, "Please enter a name.") }
        // Counted in Unicode scalars, as SQLite counts them: a name of emoji or accents is longer than it looks.
        guard trimmed.unicodeScalars.count <= 80 else { throw PortalError.invalidInput(field: .name, "The name is too long: at most 80 characters.") }
        try validateText()
        // The dates first: a birth date in the future is the mistake to fix, and a condition that does not fit
        // the stage is only a consequence of it.
        switch stage {
        case .pregnant(let due):
            let days = today.days(until: due)
            guard days >= -14, days <= 280 else {
                throw PortalError.invalidInput(field: .dueDate, "A due date must be within the next 40 weeks (or at most 2 weeks past).")
            }
        case .postpartum(let birth, _):
            guard birth <= today else { throw PortalError.invalidInput(field: .birthDate, "The birth date cannot be in the future.") }
            guard birth.days(until: today) <= 3 * 366 else {
                throw PortalError.invalidInput(field: .birthDate, "The birth date must be within the last three years.")
            }
        }
        if let mismatch = conditionMismatch {
            throw PortalError.invalidInput(field: .conditions, mismatch.reason)
        }
    }

    /// The first of her conditions that does not go with her stage, nil when they all do.
    public var conditionMismatch: ConditionMismatch? {
        conditions.lazy.compactMap { $0.mismatch(with: self.stage) }.first
    }
}

import Foundation
