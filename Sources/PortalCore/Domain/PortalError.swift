/// Everything that can go wrong, in words written for the patient who will read them. Messages say what is
/// wrong and what would be accepted; they name no command or option (the command line adds its own hints).
public enum PortalError: Error, Equatable, CustomStringConvertible {
    /// Input the portal cannot accept; the message names the field and the accepted values, and `field` says
    /// which field it is, so a screen can put the message beside it without reading the text.
    case invalidInput(field: Field? = nil, String)
    /// The file exists but is not a portal database (another program's SQLite file, or not SQLite at all).
    case notAPortalDatabase(path: String)
    /// The file is damaged. `detail` is SQLite's report (pages and error codes), for tests and logs: never said
    /// to her (QA-i I4: seven lines of it sat in the middle of her message).
    case corruptDatabase(path: String, detail: String)
    /// The file was written by a newer version of the portal.
    case newerDatabase(path: String)
    /// There is no database at this path yet, and the command may not create one.
    case noDatabase(path: String)
    /// The file was written by an older version of the portal, and the reader may not bring it up to date (a
    /// read that must never write: `portal today --brief`).
    case olderDatabase(path: String)
    /// The database could not be opened or written.
    case storage(String)
    /// A file the portal was asked to write already exists, and replacing it was not asked for.
    case fileExists(path: String)
    /// A rule of the care plan or program would be broken.
    case rule(String)
    /// Something asked for does not exist.
    case notFound(String)
    /// A saved row of a record that the portal cannot decode (a value written outside the portal, in a shape the
    /// map does not read): `what` names it in words ("a questionnaire dated Mon 7 Dec 2026"). The caseload shows
    /// such a patient on her own line rather than fail whole (`CaseloadReason.unreadable`).
    case unreadableRow(what: String)

    /// The fields an `invalidInput` can name.
    public enum Field: String, Sendable, Equatable, CaseIterable {
        case painScore, painDate, painTime, painNote
        case visitStart, visitDuration, visitLocation, visitNotes, visitTherapist, visitFocus
        case name, dueDate, birthDate, conditions, therapist, clinic
        case programWeek, programStart, programNote, programExercise
        case exerciseDate, exerciseSets, exercisePain
        case databasePath, pinnedDay, exportFile
        case reminderKind, reminderTime, reminderDays, reminderOffset
        case question, answer
    }

    /// The field an `invalidInput` names, if any.
    public var field: Field? {
        if case .invalidInput(let field, _) = self { return field }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidInput(_, let m), .rule(let m), .notFound(let m), .storage(let m):
            return m
        case .notAPortalDatabase(let path):
            return "\(path) is not a portal database. It was left unchanged."
        case .corruptDatabase(let path, _):
            // What happened, that nothing was changed, what to do, and where a backup may be.
            let kept = Backup.keptCopies(beside: path).last.map { "; the portal kept one beside it: \($0)" } ?? ""
            return "\(path) is damaged and cannot be read. Nothing was changed in it. Put back a backup of your record (one you made\(kept)), and keep this file as it is."
        case .noDatabase(let path):
            return "There is no portal database at \(path) yet."
        case .olderDatabase(let path):
            return "\(path) was written by an older version of the portal. It was left unchanged; open the portal once to bring it up to date."
        case .fileExists(let path):
            return "\(path) already exists; choose another name."
        case .unreadableRow(let what):
            return "Part of the record could not be read: \(what) holds a value the portal cannot read (written outside the portal, or damaged). Nothing was changed. On your own computer, put back a backup of your record; in a clinic, its administrator can look at that row."
        case .newerDatabase(let path):
            return "\(path) was written by a newer version of the portal. It was left unchanged; please update the portal to open it."
        }
    }
}
