/// What she reads beside her exercises once the birth is recorded, while the week under way is one planned for
/// her pregnancy (it started on or before the birth): to check with her provider or therapist before exercising
/// again (QA G2). Home, the Exercises screen, the timer, `portal today` and `portal exercises` say it; after a
/// C-section what that week adds or makes harder also waits (`PrescriptionHolds.afterCesarean`).
public enum AfterBirthCheck {
    /// The line itself, short enough for a two-row banner at 60 columns. Neutral words, true for every birth
    /// (a stillbirth, a baby in intensive care: QA-i I10).
    public static let text = "After the birth, " + advice
    /// The advice alone, for a sentence that already says the birth ("Birth saved: check with …").
    public static let advice = "check with your provider or therapist before you exercise again."
    /// Said after it where there is room.
    public static let detail = "This week's exercises were planned for your pregnancy."

    /// True when she has had her baby and `week` (the week under way) started on or before the birth.
    public static func applies(to patient: Patient?, week: ProgramWeek?) -> Bool {
        guard case .postpartum(let birth, _)? = patient?.stage, let week else { return false }
        return week.starts <= birth
    }
}

extension PortalSnapshot {
    /// `AfterBirthCheck.text` while it applies to the week under way; nil otherwise.
    public var afterBirthCheck: String? {
        AfterBirthCheck.applies(to: patient, week: currentWeek) ? AfterBirthCheck.text : nil
    }
}
