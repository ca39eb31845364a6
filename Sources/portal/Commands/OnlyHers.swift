import ArgumentParser
import Foundation
import PortalClinic
import PortalCore

/// A command that is the patient's own (`portal signs ID…`, `portal log`, `portal exercises done`): what its
/// refusal says to her therapist's login (`OnlyHers`), naming what she may do instead for the patient (her user
/// name, nil without `--patient`); nil when this line only reads (`portal signs --list`), which her therapist may.
protocol PatientsOwn {
    var storeOptions: StoreOptions { get }
    var onlyHers: ((String?) -> String)? { get }
}

/// QA H11: a command that is the patient's own (her warning signs, her pain, her exercises) run by her
/// therapist's login says so first: who does it, and what her therapist may do instead, before anything else it
/// would say (a warning sign's safety text is meant for the patient, a bad score is the patient's to mend) and
/// never suggesting what the database refuses her. Without `--patient` her login has no record of its own, and the
/// refusal says that too, with the form that names a patient (`--patient LOGIN`).
enum OnlyHers {
    /// Where a refusal without `--patient` names the patient.
    static let placeholder = "LOGIN"
    /// What `placeholder` stands for.
    static let placeholderMeans = "LOGIN: her user name, as `portal clinic patients` lists it"

    static func signs(_ patient: String?) -> String {
        "Only the patient reports her warning signs, from her own login; nothing was saved. What \(she(patient)) reported is on her chart: "
            + "portal signs --list --patient \(login(patient))"
    }

    static func pain(_ patient: String?) -> String {
        "Only the patient logs her pain, from her own login; nothing was saved. \(Her(patient)) log is on her chart: portal today --patient \(login(patient))"
    }

    static func exercises(_ patient: String?) -> String {
        "Only the patient marks her exercises done, from her own login; nothing was saved. \(Her(patient)) week is on her chart: "
            + "portal exercises --patient \(login(patient))"
    }

    private static func she(_ patient: String?) -> String { patient == nil ? "a patient" : "she" }
    private static func Her(_ patient: String?) -> String { patient == nil ? "A patient's" : "Her" }
    private static func login(_ patient: String?) -> String {
        patient.map(printable) ?? "\(placeholder) (\(placeholderMeans))"
    }

    /// Her therapist's login `login` run without `--patient` on a command that opens a patient's record: the
    /// login's own words, then (`then`) the command's refusal.
    static func noRecordOfHerOwn(_ login: String) -> String {
        "\(printable(login)) is a therapist's login, which has no record of its own."
    }

    /// A caseload asked for by a patient's login.
    static let caseload = "A caseload is a therapist's: your login is a patient's, and opens your own record (portal, or portal today)."

    /// A command that is the patient's own (`PatientsOwn`), run by her therapist's login, with `--patient` or
    /// without: its refusal, said before anything else (`Portal.main`: before the safety text, and before the line's
    /// own checks). Who the login is, is asked of the server at once (`PostgresStore.therapistLogin`: a few seconds
    /// at most); when it cannot be asked so soon, nil: the safety text and the command's own answer follow (the
    /// command refuses her therapist itself, `Context.requireHerOwnLogin`).
    static func refusal(before command: ParsableCommand, environment env: [String: String] = ProcessInfo.processInfo.environment) -> PortalError? {
        guard let c = command as? PatientsOwn, let words = c.onlyHers,
              let conninfo = ClinicLocation.connectionString(option: c.storeOptions.db, environment: env),
              let login = PostgresStore.therapistLogin(conninfo) else { return nil }
        guard let patient = c.storeOptions.patient else { return .rule(noRecordOfHerOwn(login) + " " + words(nil)) }
        return .rule(words(patient))
    }
}

extension Context {
    /// Refuses, with `refusal(patient)`, a command that is the patient's own when her therapist's login runs it.
    func requireHerOwnLogin(_ refusal: (String?) -> String, patient: String?) throws {
        if store.viewer.isTherapist { throw PortalError.rule(refusal(patient)) }
    }
}
