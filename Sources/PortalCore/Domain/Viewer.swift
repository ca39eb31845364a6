/// Who is looking at a record, and so what the screens may offer to change: the patient herself, or her
/// therapist reading her chart. The database decides in the end (row-level rules in a clinic); this says the
/// same thing ahead of time, so nothing she may not change looks changeable.
public enum Viewer: Sendable, Hashable {
    /// The patient, in her own portal.
    case patient
    /// A therapist (her database login), looking at the patients of her caseload.
    case therapist(login: String)

    public var isTherapist: Bool { if case .therapist = self { return true } else { return false } }

    /// What this viewer may change in a record.
    ///
    /// For now one table of the two roles, which mirrors the clinic's row-level rules
    /// (`ClinicSchema+Security.swift`: a therapist books and changes visits, writes program weeks and publishes
    /// them, and sets the reading list; the record's other parts are the patient's). Once the record map says
    /// which role writes each part, this is read from it, so the screens and the database cannot disagree.
    public func may(_ write: RecordWrite) -> Bool {
        switch self {
        case .patient:
            // Answers are her therapist's, in a clinic: in her own portal nobody answers.
            return write != .publishing && write != .answers
        case .therapist:
            switch write {
            case .visits, .programWeeks, .publishing, .readingList, .answers: return true
            case .painDiary, .signReports, .exerciseLog, .checkIns, .bladderDiary, .bowelLog, .measures, .articlesRead, .profile,
                 .reminders, .questions: return false
            }
        }
    }
}

/// A part of the record a screen can change, as the rights speak of it.
public enum RecordWrite: String, Sendable, Hashable, CaseIterable {
    /// Pain entries (with their sites, triggers, signs and notes).
    case painDiary
    /// Warning signs reported without a pain score.
    case signReports
    /// Exercises marked done.
    case exerciseLog
    /// The pelvic-floor check-ins.
    case checkIns
    /// Her bladder diary.
    case bladderDiary
    /// Her bowel log.
    case bowelLog
    /// The questionnaires she fills in (outcome measures).
    case measures
    /// The articles she has read.
    case articlesRead
    /// What her therapist prescribed to read.
    case readingList
    /// Her details ("About me"), the birth.
    case profile
    /// Booking, moving, completing and cancelling visits.
    case visits
    /// Program weeks (a therapist's are drafts until published).
    case programWeeks
    /// Making a therapist's draft week the patient's.
    case publishing
    /// The reminders she sets, and which failed ones Home has said (hers alone: her therapist has no right to them).
    case reminders
    /// Her questions for the visit: asking, taking one back, marking an answer read.
    case questions
    /// Her therapist's answers to her questions.
    case answers

    /// What a refusal names: "her pain diary", "her details".
    public var words: String {
        switch self {
        case .painDiary: return "her pain diary"
        case .signReports: return "her warning-sign reports"
        case .exerciseLog: return "her exercise log"
        case .checkIns: return "her check-ins"
        case .bladderDiary: return "her bladder diary"
        case .bowelLog: return "her bowel log"
        case .measures: return "her questionnaires"
        case .articlesRead: return "what she has read"
        case .readingList: return "her reading list"
        case .profile: return "her details"
        case .visits: return "her visits"
        case .programWeeks: return "her program"
        case .publishing: return "publishing her program"
        case .reminders: return "her reminders"
        case .questions: return "her questions"
        case .answers: return "the answers to her questions"
        }
    }
}
