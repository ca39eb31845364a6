/// Who is looking at a record, and so what the screens may offer to change: the patient on her own file, the
/// patient on her own clinic login, or her therapist reading her chart. The database decides in the end
/// (row-level rules in a clinic); `may` says the same thing ahead of time, read from the record map's `Access`
/// (the rules the clinic's database is made from, `ClinicSecurity`), so the screens and the database cannot
/// disagree and nothing she may not change looks changeable. Which viewer a portal has is the store's to say
/// (`RecordStore.viewer`): the wiring never asks what kind of store it opened.
public enum Viewer: Sendable, Hashable {
    /// The patient, in her own portal on her own file: the whole record is hers.
    case patient
    /// The patient on her own login to a clinic's server: what the map gives the patient's role.
    case clinicPatient
    /// A therapist (her database login), looking at the patients of her caseload: what the map gives the
    /// therapist's role.
    case therapist(login: String)

    public var isTherapist: Bool { if case .therapist = self { return true } else { return false } }

    /// The clinic's role whose rights this viewer has; nil for the patient on her own file, who has no role.
    public var role: Access.Role? {
        switch self {
        case .patient: return nil
        case .clinicPatient: return .patient
        case .therapist: return .therapist
        }
    }

    /// Her therapist's database login; nil for the patient.
    public var login: String? { if case .therapist(let login) = self { return login } else { return nil } }

    /// What this viewer may change in a record: in a clinic, whether the map's `Access` for the viewer's role
    /// grants every command (and column) the write needs (`RecordWrite.needs`). On her own file everything is
    /// hers but what only a clinic has: a draft to publish (a clinic-only column) and a therapist's review.
    public func may(_ write: RecordWrite) -> Bool {
        guard let role else {
            return !write.needsTherapist && !write.needs.contains { need in
                (need.columns ?? []).contains { need.table.column($0)?.kind.isClinicOnly == true }
            }
        }
        return write.needs.allSatisfy { $0.isGranted(to: role) }
    }
}

/// What a write does to one table of the map: a command, and for an UPDATE the columns it sets (nil: any).
public struct RecordNeed: Sendable, Hashable {
    public let table: RecordTable
    public let command: Access.Command
    public let columns: [String]?

    public init(_ table: RecordTable, _ command: Access.Command, columns: [String]? = nil) {
        self.table = table
        self.command = command
        self.columns = columns
    }

    /// True when some `Access` of `role` on the table grants the command (an UPDATE: on every column named).
    public func isGranted(to role: Access.Role) -> Bool {
        table.access.contains { a in
            guard a.role == role, a.commands.contains(command) else { return false }
            guard command == .update, let columns, let allowed = a.columns else { return true }
            return Set(columns).isSubset(of: allowed)
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
    /// Booking, moving and cancelling visits.
    case visits
    /// Recording how a visit went: completed or missed, and its notes.
    case visitRecords
    /// Program weeks (a therapist's are drafts until published).
    case programWeeks
    /// Making a therapist's draft week the patient's.
    case publishing
    /// The reminders she sets, and which failed ones Home has said (hers alone: her therapist has no right to them).
    case reminders
    /// Her therapist's review of the warning signs she reported.
    case signReviews
    /// Her questions for the visit: asking, taking one back, marking an answer read.
    case questions
    /// Her therapist's answers to her questions.
    case answers

    /// What the write does to the map's tables: the rights it needs, which `Viewer.may` looks up in each
    /// table's `Access`.
    public var needs: [RecordNeed] {
        switch self {
        case .painDiary: return [.init(PainDiaryMap.entries, .insert), .init(PainDiaryMap.entries, .update), .init(PainDiaryMap.entries, .delete)]
        case .signReports: return [.init(SignReportMap.reports, .insert)]
        case .exerciseLog: return [.init(ExerciseLogMap.sessions, .insert), .init(ExerciseLogMap.sessions, .delete)]
        case .checkIns: return [.init(CheckInMap.results, .insert)]
        case .bladderDiary:
            return [.init(BladderDiaryMap.events, .insert), .init(BladderDiaryMap.events, .update), .init(BladderDiaryMap.events, .delete)]
        case .bowelLog: return [.init(BowelLogMap.entries, .insert), .init(BowelLogMap.entries, .delete)]
        case .measures: return [.init(MeasureMap.responses, .insert)]
        case .articlesRead: return [.init(ReadingMap.read, .insert)]
        case .readingList: return [.init(ReadingMap.list, .insert), .init(ReadingMap.list, .delete)]
        case .profile: return [.init(ProfileMap.patient, .update)]
        case .visits: return [.init(CarePlanMap.visits, .update, columns: CarePlanMap.bookingColumns)]
        case .visitRecords: return [.init(CarePlanMap.visits, .update, columns: ["status", "notes"])]
        case .programWeeks: return [.init(ProgramMap.weeks, .insert), .init(ProgramMap.prescriptions, .insert)]
        case .publishing: return [.init(ProgramMap.weeks, .update, columns: ["published_at"])]
        case .reminders: return [.init(ReminderMap.daily, .insert), .init(ReminderMap.daily, .delete)]
        case .signReviews: return [.init(SignReviewMap.reviews, .insert)]
        case .questions:
            return [.init(QuestionMap.questions, .insert), .init(QuestionMap.questions, .delete),
                    .init(QuestionMap.questions, .update, columns: ["read_at"])]
        case .answers: return [.init(QuestionMap.questions, .update, columns: QuestionMap.answerColumns)]
        }
    }

    /// A therapist's act, which her own file (no therapist) never offers.
    public var needsTherapist: Bool { self == .signReviews || self == .answers }

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
        case .visitRecords: return "how her visits went"
        case .programWeeks: return "her program"
        case .publishing: return "publishing her program"
        case .reminders: return "her reminders"
        case .signReviews: return "the review of her warning signs"
        case .questions: return "her questions"
        case .answers: return "the answers to her questions"
        }
    }
}

/// How the screens speak of the record's patient to whoever reads them: to her ("you", "your") in her own portal,
/// about her ("she", "her") on her therapist's chart, where nothing is said to the patient. Every screen takes
/// its pronouns and its two-way sentences from here (`Viewer.words`), never from a test of who is looking, so a
/// new screen cannot speak to the patient on her chart (TherapistChartWordsTests walks every chart screen).
public struct ViewerWords: Sendable, Hashable {
    /// True on her therapist's chart: the words are about her.
    public let aboutHer: Bool

    public init(aboutHer: Bool) { self.aboutHer = aboutHer }

    /// "your" to the patient, "her" on her chart.
    public var your: String { aboutHer ? "her" : "your" }
    /// "Your" to the patient, "Her" on her chart, at the start of a sentence.
    public var Your: String { aboutHer ? "Her" : "Your" }
    /// "you" to the patient, "her" on her chart, as the object of a sentence ("Prescribed for you").
    public var you: String { aboutHer ? "her" : "you" }

    /// The sentence said to the patient (`you`) or, on her chart, about her to her therapist (`she`).
    public func say(you: String, she: String) -> String { aboutHer ? she : you }
}

extension Viewer {
    /// The words the screens use for the record's patient to this viewer (`ViewerWords`).
    public var words: ViewerWords { ViewerWords(aboutHer: isTherapist) }
}
