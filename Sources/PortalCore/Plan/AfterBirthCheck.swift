/// What she reads beside her exercises once the birth is recorded, while she has weeks planned for her
/// pregnancy (`Program.plannedFor`: what a week was planned for, not its dates, so a birth recorded late
/// changes nothing): while the week under way is one, to check with her provider or therapist before
/// exercising again (QA G2); and her therapist's weeks planned before the birth, under way or to come, which
/// the program after the birth never replaces, are named with the word to check with her therapist before
/// doing them (review of G2). Home, the Exercises screen, the timer, `portal today` and `portal exercises` say
/// it; after a C-section what such a week has that her program after the birth brings in only later waits until
/// then (`PrescriptionHolds.programAfterBirth`).
public struct AfterBirthCheck: Sendable, Hashable {
    /// The line itself, short enough for a two-row banner at 60 columns. Neutral words, true for every birth
    /// (a stillbirth, a baby in intensive care: QA-i I10).
    public static let text = "After the birth, " + advice
    /// The advice alone, for a sentence that already says the birth ("Birth saved: check with …").
    public static let advice = "check with your provider or therapist before you exercise again."
    /// Said after it where there is room, for a week the portal planned.
    public static let detail = "This week's exercises were planned for your pregnancy."

    /// The week under way, when it was planned for her pregnancy.
    public let week: ProgramWeek?
    /// Her therapist's weeks planned for her pregnancy, the week under way and those not started (published:
    /// hers to read), in order.
    public let therapistWeeks: [Int]

    /// The check for her on `today`, with `current` the week under way; nil before the birth, and when no week
    /// under way or to come was planned for her pregnancy.
    public init?(patient: Patient?, program: Program, current: ProgramWeek?, today: CalendarDate) {
        guard case .postpartum(let birth, _)? = patient?.stage else { return nil }
        week = current.flatMap { program.plannedForPregnancy($0, birth: birth) ? $0 : nil }
        therapistWeeks = program.weeks.filter {
            $0.origin == .therapist && !program.drafts.contains($0.number) && program.plannedForPregnancy($0, birth: birth)
                && ($0.number == current?.number || !Program.hasStarted($0, on: today))
        }.map(\.number)
        guard week != nil || !therapistWeeks.isEmpty else { return nil }
    }

    /// True when she has had her baby and `week` (the week under way) of `program` was planned for her pregnancy.
    public static func applies(to patient: Patient?, week: ProgramWeek?, of program: Program) -> Bool {
        guard case .postpartum(let birth, _)? = patient?.stage, let week else { return false }
        return program.plannedForPregnancy(week, birth: birth)
    }

    /// The one line for a banner: `text` while the week under way was planned for her pregnancy, otherwise
    /// what her therapist planned before the birth.
    public var line: String { week != nil ? Self.text : therapistText }

    /// What a banner says after its label `label` ("After the birth:"), longest first, for the screen to take
    /// the first that fits: `line` without saying the birth twice (QA J8: "After the birth: After the birth,
    /// check …"), with the week's `detail` when the portal planned the week under way, then without it.
    public var bannerLines: [String] {
        guard week != nil else { return [therapistText] }
        let advice = Self.advice.prefix(1).uppercased() + Self.advice.dropFirst()
        return (week?.origin == .therapist ? [] : [advice + " " + Self.detail]) + [advice]
    }

    /// The label before `bannerLines` on a banner.
    public static let label = "After the birth:"

    /// All of it, for Home's "After birth" line, `portal today` and `portal exercises`, the checks first (a
    /// narrow window cuts the end): "After the birth, check with your provider or therapist before you
    /// exercise again. Your therapist planned week 4 before the birth: check with your therapist before you do it. This
    /// week's exercises were planned for your pregnancy."
    public var whole: String {
        guard let week else { return therapistText }
        let planned = week.origin == .therapist ? [] : [Self.detail]
        return ([Self.text] + (therapistWeeks.isEmpty ? [] : [therapistText]) + planned).joined(separator: " ")
    }

    /// "Your therapist planned this week and week 4 before the birth: check with your therapist before you do them."
    var therapistText: String {
        Self.therapistPlanned(therapistWeeks.filter { $0 != week?.number },
                              thisWeek: week.map { w in therapistWeeks.contains(w.number) } ?? false)
    }

    /// "Your therapist planned weeks 4 to 6 before the birth: check with your therapist before you do them." (with
    /// `thisWeek`, "this week and …"): what she is told of her therapist's weeks planned for her pregnancy.
    public static func therapistPlanned(_ numbers: [Int], thisWeek: Bool = false) -> String {
        let named = thisWeek ? (numbers.isEmpty ? "this week" : "this week and \(ProfileChange.numbers(numbers))") : ProfileChange.numbers(numbers)
        let them = numbers.count + (thisWeek ? 1 : 0) == 1 ? "it" : "them"
        return "Your therapist planned \(named) before the birth: check with your therapist before you do \(them)."
    }

    /// What `portal exercises --week N` says above a week of hers planned before the birth that is not under way.
    public static let therapistWeekText = therapistPlanned([], thisWeek: true)
}

extension PortalSnapshot {
    /// The whole check for her today (`AfterBirthCheck`), her therapist's weeks planned before the birth included.
    public var afterBirth: AfterBirthCheck? {
        AfterBirthCheck(patient: patient, program: program, current: currentWeek, today: today)
    }
}
