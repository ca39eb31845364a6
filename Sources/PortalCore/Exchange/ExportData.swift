import Foundation

/// What the patient chose to share. Each export and the report leave out what is not in it.
public enum ExportSection: String, Sendable, CaseIterable, Hashable {
    case pain
    /// Every free text the patient wrote herself: the notes on her pain entries. (A visit's notes are the
    /// therapist's and go with `visits`; the therapist's program notes go with `exercises`.)
    case notes
    case warningSigns = "warning-signs"
    /// The pelvic-floor check-ins (quiz results).
    case checkins
    /// The bladder diary.
    case bladder
    /// The bowel log.
    case bowel
    /// The questionnaires (outcome measures) and their scores.
    case measures
    case visits
    /// The program weeks and the exercise log.
    case exercises
    /// Name, stage, conditions, therapist and clinic.
    case profile

    public var title: String {
        switch self {
        case .pain: return "Pain entries"
        case .notes: return "Your notes"
        case .warningSigns: return "Warning signs"
        case .checkins: return "Pelvic floor check-ins"
        case .bladder: return "Bladder diary"
        case .bowel: return "Bowel log"
        case .measures: return "Questionnaires and scores"
        case .visits: return "Visits"
        case .exercises: return "Exercise program and log"
        case .profile: return "About me"
        }
    }

    /// The parts of her record this choice carries, whole (`RecordPart.section`, the one list): the visits
    /// carry her questions for the visit, for one. Her notes are not a part of their own but the text she wrote
    /// on the parts' rows: no part for `notes`.
    public var parts: [RecordPart] { RecordPart.allCases.filter { $0.section == self } }

    /// "visits (with questions for the visit)": the name `--include` and `--exclude` take, with what the choice
    /// carries besides the part it is named for, so nobody has to guess where her questions go.
    public var listing: String {
        let besides = parts.dropFirst().compactMap { $0.nouns?.many }
        return rawValue + (besides.isEmpty ? "" : " (with " + besides.joined(separator: ", ") + ")")
    }

    /// The sections from `--include` (all when empty) minus `--exclude`; an unknown name is refused.
    public static func choose(include: [String], exclude: [String]) throws -> Set<ExportSection> {
        func parse(_ list: [String], option: String) throws -> [ExportSection] {
            try list.flatMap { $0.split(separator: ",").map(String.init) }.map { name in
                guard let s = ExportSection(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw PortalError.invalidInput("\(option) \(PlainText.quoted(name)) is not a part of your data. Choose from: \(allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return s
            }
        }
        let included = try parse(include, option: "--include")
        var chosen = included.isEmpty ? Set(allCases) : Set(included)
        chosen.subtract(try parse(exclude, option: "--exclude"))
        return chosen
    }
}

/// Everything an export or the report is made from: her record (every part, `RecordPart`) read from the store in
/// one place (`load`), and what the export needs besides, so the writers are pure functions of these values.
public struct ExportData: Sendable {
    /// The day the export was made (the portal's today, which `PORTAL_TODAY` may pin).
    public var today: CalendarDate
    /// The instant it was made: DTSTAMP in the calendar.
    public var generatedAt: Date
    /// The zone in which the stored local dates and times are read (the machine's).
    public var timeZone: TimeZone
    public var since: CalendarDate?
    /// Her record, every part of it (entries, sessions, reports and check-ins from `since` on).
    public var record: PatientRecord
    /// Her notes and warning signs from pain entries whose pain she left out (`limited(to:)`): each part of her
    /// data is its own choice, so leaving out the scores does not take her notes or signs with them. Each is
    /// the entry's day and time with whichever of the two she kept; empty unless pain is left out.
    public var unscoredEntries: [SignReport] = []
    /// A stable seed for identifiers (calendar UIDs, FHIR ids), so a second export names things the same.
    public var identity: String
    public var sections: Set<ExportSection>
    public var exercises: ExerciseLibrary
    public var quiz: Quiz
    public var safety: SafetyGuide
    /// The questionnaires of the content: how each response is scored and its change judged.
    public var measures: [Measure]
    /// How long before a visit she wants reminding: the calendar gives each booked visit an alarm at each. Her
    /// reminder settings, read with the rest of her record (`load`): the command line's export and the Share
    /// screen both make their data there, so neither can leave the alarms out (QA E5: this was a stored value
    /// nothing ever set).
    public var visitReminders: [VisitReminderOffset] {
        get { record.reminderSettings.visitOffsets }
        set { record.reminderSettings.setVisits(newValue) }
    }

    public var patient: Patient? { get { record.patient } set { record.patient = newValue } }
    public var plan: CarePlan? { get { record.plan } set { record.plan = newValue } }
    public var program: Program { get { record.program } set { record.program = newValue } }
    public var sessions: [ExerciseSession] { get { record.sessions } set { record.sessions = newValue } }
    public var painEntries: [PainEntry] { get { record.painEntries } set { record.painEntries = newValue } }
    public var signReports: [SignReport] { get { record.signReports } set { record.signReports = newValue } }
    public var quizResults: [QuizResult] { get { record.quizResults } set { record.quizResults = newValue } }
    public var bladderEvents: [BladderEvent] { get { record.bladderEvents } set { record.bladderEvents = newValue } }
    public var bowelEntries: [BowelEntry] { get { record.bowelEntries } set { record.bowelEntries = newValue } }
    public var measureResponses: [MeasureResponse] { get { record.measureResponses } set { record.measureResponses = newValue } }

    public func measure(_ id: String) -> Measure? { measures.first { $0.id == id } }

    public init(today: CalendarDate, generatedAt: Date = Date(), timeZone: TimeZone = .current, since: CalendarDate? = nil,
                record: PatientRecord, identity: String, sections: Set<ExportSection> = Set(ExportSection.allCases),
                content: ContentLibrary) {
        self.today = today
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.since = since
        self.record = record
        self.identity = identity
        self.sections = sections
        self.exercises = content.exercises
        self.quiz = content.quiz
        self.safety = content.safety
        self.measures = content.measures
    }

    /// Reads what the exports need from the store, in one read: every part of her record (`RecordStore.record`),
    /// the dated ones from `since` on when it is given.
    /// Refused when `since` is after `today` (`checkSince`).
    public static func load(from store: any RecordStore, content: ContentLibrary, today: CalendarDate,
                            since: CalendarDate? = nil, timeZone: TimeZone = .current) throws -> ExportData {
        if let since { try checkSince(since, today: today) }
        let record = try store.record(.since(since))
        return ExportData(today: today, timeZone: timeZone, since: since, record: record,
                          identity: "portal-patient:" + (record.patient?.name ?? ""), content: content)
    }

    /// The first day of a period ("--since") is today or before: a later one holds nothing yet, and a file or a
    /// report of nothing would read as a record with nothing in it. The export and the report both check here.
    public static func checkSince(_ since: CalendarDate, today: CalendarDate) throws {
        guard since <= today else {
            throw PortalError.invalidInput("--since \(since) is in the future; choose a day up to today (\(today)).")
        }
    }

    /// The same data with only `chosen` in it: what is left out is removed here, before any writer sees it.
    public func limited(to chosen: Set<ExportSection>) -> ExportData {
        var d = self
        d.sections = chosen
        if !chosen.contains(.profile) {
            d.patient = nil
            // "About me" is her therapist and her clinic too (QA M7): her visits keep their day, time, kind and
            // status, and a video visit its link (how she joins), without who sees her or the clinic's address.
            d.plan = d.plan.flatMap { plan in
                try? CarePlan(visits: plan.visits.map { v in
                    var v = v
                    v.therapist = ""
                    if v.mode != .virtual { v.location = "" }
                    return v
                })
            }
        }
        if !chosen.contains(.visits) { d.plan = nil }
        if !chosen.contains(.exercises) { d.program = Program(weeks: []); d.sessions = [] }
        if !chosen.contains(.checkins) { d.quizResults = [] }
        // Pain felt during an exercise is pain: it goes with the pain entries. Her notes and warning signs on
        // those entries are parts of their own, kept (without the score) when she kept them.
        if !chosen.contains(.pain) {
            d.unscoredEntries = d.painEntries.compactMap { e in
                let note = chosen.contains(.notes) ? e.note : ""
                let signs = chosen.contains(.warningSigns) ? e.warningSigns : []
                guard !note.isEmpty || !signs.isEmpty else { return nil }
                return SignReport(id: e.id, date: e.date, time: e.time, signs: signs, note: note, utcOffset: e.utcOffset)
            }
            d.painEntries = []
            d.sessions = d.sessions.map { var s = $0; s.pain = nil; return s }
        }
        if !chosen.contains(.notes) { d.painEntries = d.painEntries.map { var e = $0; e.note = ""; return e } }
        if !chosen.contains(.warningSigns) {
            d.painEntries = d.painEntries.map { var e = $0; e.warningSigns = []; return e }
            d.signReports = []
        }
        // A report's note is hers, like a pain entry's.
        if !chosen.contains(.notes) { d.signReports = d.signReports.map { var r = $0; r.note = ""; return r } }
        // The diaries and the questionnaires go or stay whole with their section; their notes go with hers.
        for part in [RecordPart.bladderDiary, .bowelLog, .measures, .questions] where !chosen.contains(part.section) { d.record.clear(part) }
        if !chosen.contains(.notes) {
            d.bladderEvents = d.bladderEvents.map { var e = $0; e.note = ""; return e }
            d.bowelEntries = d.bowelEntries.map { var e = $0; e.note = ""; return e }
        }
        return d
    }

    public func includes(_ s: ExportSection) -> Bool { sections.contains(s) }

    /// The instant a stored local date and time names, in `timeZone`, by the portal's rule for the hours a
    /// change of clocks repeats or skips (`LocalZone.instant`): for what keeps no offset of its own (visits).
    public func instant(_ local: LocalDateTime) -> Date {
        LocalZone(timeZone).instant(local)
    }

    /// A deterministic UUID for one thing in this patient's data (`visit/3`, `pain/12`).
    public func uuid(_ name: String) -> String { NameUUID.make(identity + "/" + name) }
}
