import PortalCore

/// QA J10: a therapist's decision to prescribe an exercise against one of its rules is shown to the patient
/// as the reason for it, so it must be one she can read (`Prescription.decisionProblem`: at least
/// `decisionMinimumLength` characters with spaces at either end not counted, `decisionMinimumLetters` of them
/// letters), on the server as in the portal: a therapist writing her draft with psql is held to it too. Made
/// from the portal's own numbers after every migration, like `textBounds` (not a numbered change: the rule
/// may grow), for every login but the administrator's, who moves records in as they were written
/// (`Program.validate`'s `asWritten`); rows already kept are not checked.
///
/// The server trims only spaces, tabs and line ends, and counts as letters whatever is not punctuation, a
/// space, a digit or a control character: it may keep a few reasons the portal refuses, never refuse one the
/// portal accepts.
extension ClinicSchema {
    static var decisionReasons: String {
        let trimmed = "length(btrim(NEW.therapist_decision, E' \\t\\n\\r'))"
        let letters = "length(regexp_replace(NEW.therapist_decision, '[[:punct:][:space:][:digit:][:cntrl:]]', '', 'g'))"
        return refusing("prescription_decision_reason", on: "prescription", when: """
            NEW.therapist_decision <> '' AND (\(trimmed) < \(Prescription.decisionMinimumLength) OR \(letters) < \(Prescription.decisionMinimumLetters))
            """, raise: "'a therapist''s decision is \(Prescription.decisionRuleText.replacingOccurrences(of: "'", with: "''")), which she is shown'")
    }
}
