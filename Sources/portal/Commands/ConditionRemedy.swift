import PortalCore

/// What the command line says when a condition does not go with her stage: PortalCore's reason
/// (`ConditionMismatch.reason`), then the options that put it right here (`--condition`, `--due`, `--born`,
/// `--delivery`), which `portal setup`, `portal profile` and `portal clinic add-patient` share. The set-up
/// form adds its own words (untick it, or choose the stage).
enum ConditionRemedy {
    /// `patient.validate(today:)`, a condition that does not fit her stage answered with the options that put
    /// it right. `fromOptions`: her conditions came from --condition (else they are hers already, as stored).
    static func validate(_ patient: Patient, today: CalendarDate, fromOptions: Bool) throws {
        do {
            try patient.validate(today: today)
        } catch let error as PortalError where error.field == .conditions {
            guard let mismatch = patient.conditionMismatch else { throw error }
            throw PortalError.invalidInput(field: .conditions, text(for: mismatch, fromOptions: fromOptions))
        }
    }

    /// "Round ligament pain (front of hip, groin) happens during pregnancy. Leave out --condition
    /// round-ligament, or give the due date with --due YYYY-MM-DD instead."
    static func text(for mismatch: ConditionMismatch, fromOptions: Bool) -> String {
        let id = mismatch.condition.rawValue
        let drop = fromOptions ? "Leave out --condition \(id)"
            : "Give --condition for each condition that still applies, without \(id) (the list replaces hers)"
        let stage: String
        switch mismatch.wants {
        case .pregnancy: stage = "give the due date with --due YYYY-MM-DD instead"
        case .birth:
            let kind = mismatch.condition == .cSectionScar ? "cesarean" : "vaginal or --delivery cesarean"
            stage = "give the birth date with --born YYYY-MM-DD and --delivery \(kind) instead"
        case .cesareanBirth: stage = "give --delivery cesarean with --born YYYY-MM-DD"
        }
        return "\(mismatch.reason) \(drop), or \(stage)."
    }
}
