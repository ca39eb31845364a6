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
    public func mismatch(with stage: Stage) -> String? {
        switch (self, stage) {
        case (.roundLigament, .postpartum):
            return "\(title) happens during pregnancy; untick it, or choose Pregnant."
        case (.cSectionScar, .pregnant), (.perinealTear, .pregnant):
            return "\(title) comes after a birth; untick it, or choose Postpartum."
        case (.cSectionScar, .postpartum(_, .vaginal)):
            return "\(title) goes with a C-section birth; untick it, or choose C-section."
        default:
            return nil
        }
    }

    public static func parse(_ text: String) -> Condition? {
        Condition(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces))
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

    /// True once the due date has come.
    public var pastDueDate: Bool {
        guard case .pregnant(let due) = stage else { return false }
        return due <= on
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
        case .pregnant:
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
            return headline + " · " + (pastDueDate ? "due date passed" : "\(t) trimester")
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
        guard !trimmed.isEmpty else { throw PortalError.invalidInput(field: .name, "Please enter a name.") }
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
        if let problem = conditions.lazy.compactMap({ $0.mismatch(with: self.stage) }).first {
            throw PortalError.invalidInput(field: .conditions, problem)
        }
    }
}

import Foundation
