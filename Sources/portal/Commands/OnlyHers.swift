import ArgumentParser
import PortalCore

/// QA H11: a command that is the patient's own (her warning signs, her pain, her exercises) run by her
/// therapist's login says so first: who does it, and what her therapist may do instead, before anything else it
/// would say (a warning sign's safety text is meant for the patient) and never suggesting what the database
/// refuses her.
enum OnlyHers {
    static func signs(_ patient: String) -> String {
        "Only the patient reports her warning signs, from her own login; nothing was saved. What she reported is on her chart: portal signs --list --patient \(printable(patient))"
    }

    static func pain(_ patient: String) -> String {
        "Only the patient logs her pain, from her own login; nothing was saved. Her log is on her chart: portal today --patient \(printable(patient))"
    }

    static func exercises(_ patient: String) -> String {
        "Only the patient marks her exercises done, from her own login; nothing was saved. Her week is on her chart: portal exercises --patient \(printable(patient))"
    }

    /// A caseload asked for by a patient's login.
    static let caseload = "A caseload is a therapist's: your login is a patient's, and opens your own record (portal, or portal today)."

    /// A sign-taking command (`NamesWarningSigns`) run with `--patient` by her therapist's login: its refusal,
    /// said before the safety text (`Portal.main`). Who the login is, is asked of the server; when it cannot be
    /// asked (the server down, the line wrong), nil: the safety text and the command's own answer follow.
    static func refusal(before command: ParsableCommand) -> PortalError? {
        guard let c = command as? NamesWarningSigns, c.reports, let options = c.storeOptions, let patient = options.patient,
              let ctx = try? Context(options), ctx.store.viewer.isTherapist else { return nil }
        return .rule(c is LogCommand ? pain(patient) : signs(patient))
    }
}

extension Context {
    /// Refuses, with `refusal(patient)`, a command that is the patient's own when her therapist's login runs it.
    func requireHerOwnLogin(_ refusal: (String) -> String, patient: String?) throws {
        if store.viewer.isTherapist { throw PortalError.rule(refusal(patient ?? "USER")) }
    }
}
