/// The parts of a patient's record, listed once. Everything that walks the whole record goes through this list
/// with a `switch` that names every part, so a part added here does not compile until each of them has said
/// what it does with it: the snapshot and every read of the whole record (`PatientRecord.read`), a whole
/// record written at once (`clinic import-local`), the exports (JSON, FHIR, CSV, the report), the warning
/// signs she reported (`PatientRecord.reportedSigns`), and the clinic's row-level policies and grants, made
/// from `tables`. `RecordPartTests` proves every part reaches every export, the snapshot and the clinic.
public enum RecordPart: String, Sendable, CaseIterable {
    /// Her name, stage, conditions, therapist and clinic.
    case profile
    /// The six visits.
    case carePlan
    /// The program's weeks and their prescriptions.
    case program
    /// The sessions of exercises she did.
    case exerciseLog
    /// Her pain entries, with their sites, triggers and warning signs.
    case painDiary
    /// Warning signs she reported without a pain score.
    case signReports
    /// The pelvic-floor check-ins.
    case checkIns
    /// The bladder diary: each pee, leak, drink and pad change.
    case bladderDiary
    /// The bowel log: each movement by its stool type.
    case bowelLog
    /// The outcome measures (questionnaires) she filled in, with the activities she named for one that rates them.
    case measures
    /// Her reading list and the articles she has read.
    case reading
    /// The reminders she set: a time of day for pain, exercises and the bladder diary, how long before visits.
    case reminderSettings
    /// The reminders the timer gave or tried to give, and whether Home has said the ones that failed.
    case reminderLog
    /// Her therapist's reviews of the warning signs she reported (who, when, up to when): a clinic's only ever
    /// has rows; her own file keeps the table empty.
    case signReviews
    /// Her questions for the visit, with her therapist's answers.
    case questions

    /// The tables the part is kept in, each parent before the rows that belong to it.
    public var tables: [RecordTable] {
        switch self {
        case .profile: return [ProfileMap.patient, ProfileMap.conditions]
        case .carePlan: return [CarePlanMap.visits]
        case .program: return [ProgramMap.weeks, ProgramMap.prescriptions]
        case .exerciseLog: return [ExerciseLogMap.sessions]
        case .painDiary: return [PainDiaryMap.entries, PainDiaryMap.sites, PainDiaryMap.triggers]
        case .signReports: return [SignReportMap.reports]
        case .checkIns: return [CheckInMap.results]
        case .bladderDiary: return [BladderDiaryMap.events]
        case .bowelLog: return [BowelLogMap.entries]
        case .measures: return [MeasureMap.responses, MeasureMap.activities]
        case .reading: return [ReadingMap.list, ReadingMap.read]
        case .reminderSettings: return [ReminderMap.daily, ReminderMap.visits]
        case .reminderLog: return [ReminderMap.deliveries]
        case .signReviews: return [SignReviewMap.reviews]
        case .questions: return [QuestionMap.questions]
        }
    }

    /// Every table of the record, each parent before the rows that belong to it (the order to write in; the
    /// reverse is the order to delete in).
    public static let tables: [RecordTable] = allCases.flatMap(\.tables)

    private static let tablesByName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })

    /// The record's table called `name` (a parent, by the name a child gives it).
    public static func table(named name: String) -> RecordTable? { tablesByName[name] }

    /// "6 visits", "1 warning-sign report": `n` rows of the part, for messages; nil for the profile (one patient).
    public func countText(_ n: Int) -> String? {
        nouns.map { "\(n) \(n == 1 ? $0.one : $0.many)" }
    }

    /// What one row of the part is called, and many ("visit", "visits"); nil for the profile (one patient).
    public var nouns: (one: String, many: String)? {
        func plural(_ one: String, _ many: String) -> (one: String, many: String) { (one, many) }
        switch self {
        case .profile: return nil
        case .carePlan: return plural("visit", "visits")
        case .program: return plural("program week", "program weeks")
        case .exerciseLog: return plural("exercise session", "exercise sessions")
        case .painDiary: return plural("pain entry", "pain entries")
        case .signReports: return plural("warning-sign report", "warning-sign reports")
        case .checkIns: return plural("check-in", "check-ins")
        case .bladderDiary: return plural("bladder diary entry", "bladder diary entries")
        case .bowelLog: return plural("bowel log entry", "bowel log entries")
        case .measures: return plural("questionnaire", "questionnaires")
        case .reading: return plural("article on her reading", "articles on her reading")
        case .reminderSettings: return plural("reminder", "reminders")
        case .reminderLog: return plural("reminder given", "reminders given")
        case .signReviews: return plural("review of her warning signs", "reviews of her warning signs")
        case .questions: return plural("question for the visit", "questions for the visit")
        }
    }

    /// The part of her data she chooses to share or leave out with it (`--include`, `--exclude`, Share).
    public var section: ExportSection {
        switch self {
        case .profile: return .profile
        // The reading her therapist chose for her conditions says what they are: it goes with the profile.
        case .reading: return .profile
        // Her reminders are how she uses the portal, not her health: they go with her details.
        case .reminderSettings, .reminderLog: return .profile
        // Her questions are for the visit: they go with the visits.
        case .carePlan, .questions: return .visits
        case .program, .exerciseLog: return .exercises
        case .painDiary: return .pain
        case .signReports, .signReviews: return .warningSigns
        case .checkIns: return .checkins
        case .bladderDiary: return .bladder
        case .bowelLog: return .bowel
        case .measures: return .measures
        }
    }
}

/// Everything in one patient's record, part by part (`RecordPart`): what a whole read gives (`RecordStore.record`),
/// what the snapshot holds of it, what the exports are made from and what `clinic import-local` moves.
public struct PatientRecord: Sendable, Equatable {
    public var patient: Patient?
    public var plan: CarePlan?
    public var program: Program
    public var sessions: [ExerciseSession]
    public var painEntries: [PainEntry]
    public var signReports: [SignReport]
    public var quizResults: [QuizResult]
    public var bladderEvents: [BladderEvent]
    public var bowelEntries: [BowelEntry]
    /// The measures she filled in (not the check-ins, kept in `quizResults`), oldest first.
    public var measureResponses: [MeasureResponse]
    public var readingList: [String]
    /// Article id → the day it was first read.
    public var articlesRead: [String: CalendarDate]
    /// The reminders she set (all off until she sets one).
    public var reminderSettings: ReminderSettings = .allOff
    /// The reminders given or tried, oldest first.
    public var reminderLog: [ReminderDelivery] = []
    /// Her therapist's reviews of her warning signs, oldest first (none on her own file).
    public var signReviews: [SignReview] = []
    /// Where each row of `painEntries` and `signReports` that carries signs stands in the order they were
    /// written (read with the reviews; not part of what she reported: `SignEntryOrder`).
    public var signsEntered = SignEntryOrder()
    /// Her questions for the visit, oldest first, answered or not.
    public var questions: [VisitQuestion] = []

    /// A record with nothing in it yet.
    public static let empty = PatientRecord(patient: nil, plan: nil, program: Program(weeks: []), sessions: [], painEntries: [],
                                            signReports: [], quizResults: [], readingList: [], articlesRead: [:])

    public init(patient: Patient?, plan: CarePlan?, program: Program, sessions: [ExerciseSession], painEntries: [PainEntry],
                signReports: [SignReport], quizResults: [QuizResult], bladderEvents: [BladderEvent] = [], bowelEntries: [BowelEntry] = [],
                measureResponses: [MeasureResponse] = [], readingList: [String], articlesRead: [String: CalendarDate]) {
        self.patient = patient
        self.plan = plan
        self.program = program
        self.sessions = sessions
        self.painEntries = painEntries
        self.signReports = signReports
        self.quizResults = quizResults
        self.bladderEvents = bladderEvents
        self.bowelEntries = bowelEntries
        self.measureResponses = measureResponses
        self.readingList = readingList
        self.articlesRead = articlesRead
    }
}

/// How much of the dated parts a read takes: all of it, from a day on (an export), or what the screens show.
public enum RecordWindow: Sendable, Hashable {
    /// Everything (`clinic import-local`, the JSON of everything, the tests' `contents()`).
    case whole
    /// Entries, sessions, reports and check-ins from `day` on (an export `--since`); nil is all of them.
    case since(CalendarDate?)
    /// What a screen shows on `today` (`PortalSnapshot`): the last `PortalSnapshot.historyDays` days of entries and
    /// reports, the program's sessions, the latest check-ins.
    case screens(today: CalendarDate)
    /// What Home shows on `today` and no more (`RecordStore.homeSnapshot`): the last `PortalSnapshot.homeDays`
    /// days of pain entries and reports, with the latest `PortalSnapshot.homeLatestEntries`
    /// pain entries of the screens' `historyDays`; the sessions of those days and of the current program week, reaching
    /// back further only as far as the streak does; of the bowel log only the days its high pain is said on Home
    /// (`SafetyRules.recentFrom`; Home does not show the log); of the bladder diary the days its line counts
    /// (`PortalSnapshot.homeBladderFrom`); of the questionnaires' responses those the schedule can count as done
    /// (`PortalSnapshot.homeMeasuresFrom`); no first week of pain (Home shows no change since it); the rest as `screens`.
    case home(today: CalendarDate)
    /// What a row of her therapist's caseload needs on `today` (`CaseloadRow`, issue 26) and no more; a clinic
    /// fetches it for all her patients at once (`CaseloadRead`, which says each part's bounds) and reads it back
    /// here, through the same reads as every other window. Of the screens' `historyDays`: two weeks of pain
    /// (`CaseloadRead.recentDays`, from her latest entry when older), every pain entry and report that carried a
    /// warning sign; the sessions from `CaseloadRead.sessionsFrom` (or her latest day of exercise, when older); a
    /// week of the diaries and the check-ins (or their latest day); the program's weeks with the
    /// prescriptions from the week before the one under way (`CaseloadRead.prescriptionsFrom`); the profile, care
    /// plan, measures, sign reviews and questions whole; nothing of her reading and reminders (`reads`).
    case caseload(today: CalendarDate)

    /// The days of entries and reports the window holds (nil: no bound).
    public var days: (from: CalendarDate?, to: CalendarDate?) {
        switch self {
        case .whole: return (nil, nil)
        case .since(let d): return (d, nil)
        case .screens(let today), .caseload(let today): return (today.adding(days: -PortalSnapshot.historyDays), today)
        case .home(let today): return (today.adding(days: -PortalSnapshot.homeDays), today)
        }
    }

    /// Whether a read in this window takes anything of `part`: a caseload row none of her reading or reminders
    /// (hers alone); Home takes every part, of the bowel log only its last days (`read`). Every part is decided here for every window, and the
    /// caseload's fetch takes exactly the tables of the parts its window reads (`CaseloadNarrowReadTests`).
    public func reads(_ part: RecordPart) -> Bool {
        switch (self, part) {
        case (.caseload, .reading), (.caseload, .reminderSettings), (.caseload, .reminderLog): return false
        case (.caseload, .profile), (.caseload, .carePlan), (.caseload, .program), (.caseload, .exerciseLog), (.caseload, .painDiary),
             (.caseload, .signReports), (.caseload, .checkIns), (.caseload, .bladderDiary), (.caseload, .bowelLog), (.caseload, .measures),
             (.caseload, .signReviews), (.caseload, .questions):
            return true
        case (.whole, _), (.since, _), (.screens, _), (.home, _): return true
        }
    }

    /// The parts a caseload's window reads (whatever its day): what its change check watches too.
    public static let caseloadParts = RecordPart.allCases.filter { RecordWindow.caseload(today: CalendarDate(dayNumber: 0)).reads($0) }

    /// True for the windows a screen reads (`screens`, `home`): the latest check-ins, every measure.
    var isForScreens: Bool { screensToday != nil }
    var isCaseload: Bool { if case .caseload = self { return true } else { return false } }
    /// The day of a screens' window (`screens`, `home`), nil for the others.
    var screensToday: CalendarDate? {
        switch self {
        case .screens(let today), .home(let today): return today
        case .whole, .since, .caseload: return nil
        }
    }
}

extension PatientRecord {
    /// Reads every part in `window` inside the caller's transaction, so the parts are of one moment.
    public static func read(_ db: any RecordDatabase, _ window: RecordWindow) throws -> PatientRecord {
        var r = PatientRecord.empty
        let (from, to) = window.days
        for part in RecordPart.allCases where window.reads(part) {
            switch part {
            case .profile: r.patient = try ProfileMap.read(db)
            case .carePlan: r.plan = try CarePlanMap.read(db)
            case .program:
                if case .caseload(let today) = window {
                    // Every week (their days say which is under way, what comes and what is judged), and the
                    // prescriptions from the week before the one under way on (`CaseloadRead.prescriptionsFrom`).
                    r.program = try ProgramMap.read(db, prescriptionsFrom: { CaseloadRead.prescriptionsFrom($0, today: today) })
                } else if case .home(let today) = window {
                    // Every week, with the prescriptions of the week under way and the one before it (what Home
                    // counts and what changed this week), as a caseload row reads them; the streak's older weeks
                    // are read when it needs them (`homeStreakDays`).
                    r.program = try ProgramMap.read(db, prescriptionsFrom: { CaseloadRead.prescriptionsFrom($0, today: today) })
                } else {
                    r.program = try ProgramMap.read(db)
                }
            case .exerciseLog:
                // The screens' sessions reach back to the program's first week, so adherence covers all of it.
                // (The program is read before the log: `allCases` lists it first.)
                if case .screens(let today) = window {
                    r.sessions = try ExerciseLogMap.read(db, from: PortalSnapshot.sessionsFrom(program: r.program, today: today), to: today)
                } else if case .home(let today) = window {
                    r.sessions = try homeSessions(db, program: r.program, today: today, from: from!)
                } else if case .caseload(let today) = window {
                    // The weeks adherence is judged on, and her latest day of exercise in the screens' sessions.
                    let latest = try db.latestDay(ExerciseLogMap.sessions, from: min(from!, r.program.weeks.map(\.starts).min() ?? from!), to: today)
                    let start = CaseloadRead.sessionsFrom(program: r.program, today: today)
                    r.sessions = try ExerciseLogMap.read(db, from: min(start, latest ?? start), to: today)
                } else {
                    r.sessions = try ExerciseLogMap.read(db, from: from, to: to)
                }
            case .painDiary:
                if case .home(let today) = window, let from {
                    // Home lists the latest entries of the screens' window (`historyDays`): back to the day of the
                    // oldest of them when that is before Home's own days, never further than the window.
                    let latest = try PainDiaryMap.latestDays(db, count: PortalSnapshot.homeLatestEntries)
                    let start = max(today.adding(days: -PortalSnapshot.historyDays), min(from, latest.last ?? from))
                    r.painEntries = try PainDiaryMap.read(db, from: start, to: to)
                } else if case .caseload(let today) = window, let from {
                    // Two weeks (from her latest entry of the window, when older), and before them only the
                    // entries that carried a warning sign.
                    let recent = today.adding(days: -(CaseloadRead.recentDays - 1))
                    let start = min(recent, try db.latestDay(PainDiaryMap.entries, from: from, to: today) ?? recent)
                    r.painEntries = try PainDiaryMap.read(db, from: from, to: start.adding(days: -1)).filter { !$0.warningSigns.isEmpty }
                        + PainDiaryMap.read(db, from: start, to: today)
                } else {
                    r.painEntries = try PainDiaryMap.read(db, from: from, to: to)
                }
            case .signReports: r.signReports = try SignReportMap.read(db, from: from, to: to)
            case .checkIns:
                if window.isForScreens {
                    r.quizResults = try CheckInMap.latest(db, limit: PortalSnapshot.latestQuizResults)
                } else if case .caseload(let today) = window {
                    // A week's (the signs her answers report: `CaseloadRow`), and those of her latest day when older
                    // (whether, and when, she last logged).
                    r.quizResults = try CheckInMap.read(db, from: CaseloadRead.diaryFrom(today, latest: try db.latestDay(CheckInMap.results, "taken_on", from: nil, to: today)))
                } else {
                    r.quizResults = try CheckInMap.read(db, from: from)
                }
            case .bladderDiary:
                if case .caseload(let today) = window, let from {
                    r.bladderEvents = try BladderDiaryMap.read(db, from: CaseloadRead.diaryFrom(today, latest: try db.latestDay(BladderDiaryMap.events, from: from, to: today)),
                                                           to: today)
                } else if case .home(let today) = window {
                    // Home says today's counts and, before a visit, the three-day diary's days, which start no
                    // earlier than a week before today (`ThreeDayDiary.windowDays`): those days and no more.
                    r.bladderEvents = try BladderDiaryMap.read(db, from: PortalSnapshot.homeBladderFrom(today), to: today)
                } else {
                    r.bladderEvents = try BladderDiaryMap.read(db, from: from, to: to)
                }
            case .bowelLog:
                if case .home(let today) = window {
                    // Home shows no bowel log, only what it says of a high pain logged with a bowel movement
                    // while that is said (QA I13): those days and no more.
                    r.bowelEntries = try BowelLogMap.read(db, from: SafetyRules.recentFrom(today), to: today)
                } else if case .caseload(let today) = window, let from {
                    r.bowelEntries = try BowelLogMap.read(db, from: CaseloadRead.diaryFrom(today, latest: try db.latestDay(BowelLogMap.entries, from: from, to: today)),
                                                          to: today)
                } else {
                    r.bowelEntries = try BowelLogMap.read(db, from: from, to: to)
                }
            case .measures:
                // A few a visit: the screens (and a caseload row) take them all, for the change since the first.
                // Home says only which are due (`MeasureSchedule.due`), which counts a response inside an open
                // visit's window: none starts before `homeMeasuresFrom`.
                if case .home(let today) = window {
                    r.measureResponses = try MeasureMap.read(db, from: PortalSnapshot.homeMeasuresFrom(today), to: nil)
                } else if window.isForScreens || window.isCaseload {
                    r.measureResponses = try MeasureMap.read(db, from: nil, to: nil)
                } else {
                    r.measureResponses = try MeasureMap.read(db, from: from, to: to)
                }
            case .reading:
                r.readingList = try ReadingMap.readList(db)
                r.articlesRead = try ReadingMap.readArticles(db)
            case .reminderSettings:
                // Hers alone: her therapist's session leaves them out rather than be refused.
                if db.mayRead(ReminderMap.daily) { r.reminderSettings = try ReminderMap.readSettings(db) }
            case .reminderLog:
                guard db.mayRead(ReminderMap.deliveries) else { break }
                // The screens take what `remind now` needs: the days a visit reminder reaches back.
                if let today = window.screensToday {
                    r.reminderLog = try ReminderMap.readLog(db, from: today.adding(days: -ReminderPlan.historyDays))
                } else {
                    r.reminderLog = try ReminderMap.readLog(db, from: from)
                }
            case .signReviews:
                // A few a month, each covering every sign written before it: the screens take them all, with the
                // place of each sign read (pain entries and reports come before the reviews in `allCases`).
                try SignReviewMap.read(db, into: &r)
            case .questions:
                // A short list, read whole: a question waits for its visit however long ago it was asked.
                r.questions = try QuestionMap.read(db)
            }
        }
        return r
    }

    /// Home's sessions (`RecordWindow.home`): from `from` or the current program week's start, whichever is
    /// earlier (`homeSessionsStart`); the streak's days before them are read by date alone
    /// (`homeEarlierExerciseDays`), so Home's read is flat in the length of her history.
    static func homeSessions(_ db: any RecordDatabase, program: Program, today: CalendarDate, from: CalendarDate) throws -> [ExerciseSession] {
        try ExerciseLogMap.read(db, from: homeSessionsStart(program: program, today: today, from: from), to: today)
    }

    static func homeSessionsStart(program: Program, today: CalendarDate, from: CalendarDate) -> CalendarDate {
        min(from, program.currentWeek(on: today)?.starts ?? from)
    }

    /// The streak's days before Home's sessions (`homeEarlierExerciseDays`), with the whole program read into
    /// `record` when the streak needs it. Home's read takes only the prescriptions of the week under way and the
    /// one before it; the streak's walk reads a week's prescriptions only for its rest days (`streakWalk`), so
    /// only a walk that stopped on a day without exercise in an older week can differ from the whole program's:
    /// then the program is read whole and the days again. A streak of exercise every day never reads them.
    static func homeStreakDays(_ db: any RecordDatabase, record: inout PatientRecord, today: CalendarDate) throws -> Set<CalendarDate> {
        let earlier = try homeEarlierExerciseDays(db, record: record, today: today)
        guard let first = CaseloadRead.prescriptionsFrom(record.program.weeks.map { ($0.number, $0.starts) }, today: today) else { return earlier }
        let stop = ExerciseLog(program: record.program, sessions: record.sessions).streakWalk(today: today, earlierDays: earlier).earliest
        guard let week = record.program.currentWeek(on: stop), week.number < first else { return earlier }
        record.program = try ProgramMap.read(db)
        return try homeEarlierExerciseDays(db, record: record, today: today)
    }

    /// The days with a session before Home's sessions (`record.sessions`) begin, back to the program's first week,
    /// when the streak reaches past them (it walks back day by day until a day without exercise breaks it): by
    /// date alone, so its count is the one the whole log gives without reading a year of sessions. Empty when
    /// the walk stays inside Home's days.
    static func homeEarlierExerciseDays(_ db: any RecordDatabase, record: PatientRecord, today: CalendarDate) throws -> Set<CalendarDate> {
        let start = homeSessionsStart(program: record.program, today: today, from: RecordWindow.home(today: today).days.from!)
        // The streak counts days with a session, whatever her holds: only when its walk leaves Home's days is more read.
        guard ExerciseLog(program: record.program, sessions: record.sessions).streakWalk(today: today).earliest < start else { return [] }
        return Set(try ExerciseLogMap.days(db, from: PortalSnapshot.sessionsFrom(program: record.program, today: today), to: start.adding(days: -1)))
    }

    /// Writes this whole record into an empty one, inside the caller's transaction, exactly as it reads (ids
    /// aside: the store numbers the rows it is given). No rule is checked: the record was kept by a portal that
    /// checked each change as it was made (`clinic import-local`).
    public func write(into db: any RecordDatabase) throws {
        for part in RecordPart.allCases {
            switch part {
            case .profile: if let patient { try ProfileMap.save(patient, over: nil, db) }
            case .carePlan: for v in plan?.visits ?? [] { try CarePlanMap.insert(v, db) }
            case .program: for w in program.weeks { try ProgramMap.insertAsKept(w, of: program, db) }
            case .exerciseLog: for s in sessions { try ExerciseLogMap.insert(s, db) }
            case .painDiary: for e in painEntries { try PainDiaryMap.insert(e, db) }
            case .signReports: for s in signReports { try SignReportMap.insert(s, db) }
            case .checkIns: for q in quizResults { try CheckInMap.insert(q, db) }
            case .bladderDiary: for e in bladderEvents { _ = try BladderEvent.insert(e, db) }
            case .bowelLog: for e in bowelEntries { _ = try BowelEntry.insert(e, db) }
            case .measures: for m in measureResponses { try MeasureMap.insert(m, db) }
            case .reading:
                try ReadingMap.insertList(readingList, db)
                for (id, day) in articlesRead.sorted(by: { $0.key < $1.key }) { try ReadingMap.markRead(id, on: day, db) }
            case .reminderSettings: if !reminderSettings.isEmpty { try ReminderMap.saveSettings(reminderSettings, db) }
            case .reminderLog: for d in reminderLog { try ReminderMap.insert(d, db) }
            case .signReviews: for r in signReviews { try SignReviewMap.insert(r, db) }
            case .questions: for q in questions { try QuestionMap.insert(q, db) }
            }
        }
    }

    /// The record with `part` left out (emptied).
    public mutating func clear(_ part: RecordPart) {
        switch part {
        case .profile: patient = nil
        case .carePlan: plan = nil
        case .program: program = Program(weeks: [])
        case .exerciseLog: sessions = []
        case .painDiary: painEntries = []
        case .signReports: signReports = []
        case .checkIns: quizResults = []
        case .bladderDiary: bladderEvents = []
        case .bowelLog: bowelEntries = []
        case .measures: measureResponses = []
        case .reading: readingList = []; articlesRead = [:]
        case .reminderSettings: reminderSettings = .allOff
        case .reminderLog: reminderLog = []
        case .signReviews: signReviews = []; signsEntered = SignEntryOrder()
        case .questions: questions = []
        }
    }

    /// Every warning sign she reported from `from` to `to` inclusive (nil: no bound), oldest first: those ticked
    /// with a pain score and those reported on their own, from every part that carries them. The report, the
    /// caseload and the exports all read them here, so a sign reported either way reaches all of them.
    public func reportedSigns(from: CalendarDate? = nil, to: CalendarDate? = nil) -> [ReportedSign] {
        var signs: [ReportedSign] = []
        for part in RecordPart.allCases {
            switch part {
            case .painDiary:
                signs += painEntries.flatMap { e in
                    e.warningSigns.map { ReportedSign(date: e.date, time: e.time, sign: $0, painScore: e.score,
                                                      entered: e.id.flatMap { signsEntered.painEntries[$0] }) }
                }
            case .signReports:
                signs += signReports.flatMap { r in
                    r.signs.map { ReportedSign(date: r.date, time: r.time, sign: $0, painScore: nil, entered: r.id.flatMap { signsEntered.signReports[$0] },
                                               note: r.note) }
                }
            case .profile, .carePlan, .program, .exerciseLog, .checkIns, .bladderDiary, .bowelLog, .measures, .reading, .reminderSettings,
                 .reminderLog, .signReviews, .questions:
                break  // these carry no warning signs
            }
        }
        return signs.filter { s in from.map { s.date >= $0 } ?? true }.filter { s in to.map { s.date <= $0 } ?? true }
            .sorted { ($0.date, $0.time) < ($1.date, $1.time) }
    }

    /// How many of each part the record holds, for messages (`RecordPart.countText`): visits, weeks, entries, …;
    /// for her reading, the articles prescribed or read.
    public func count(_ part: RecordPart) -> Int {
        switch part {
        case .profile: return patient == nil ? 0 : 1
        case .carePlan: return plan?.visits.count ?? 0
        case .program: return program.weeks.count
        case .exerciseLog: return sessions.count
        case .painDiary: return painEntries.count
        case .signReports: return signReports.count
        case .checkIns: return quizResults.count
        case .bladderDiary: return bladderEvents.count
        case .bowelLog: return bowelEntries.count
        case .measures: return measureResponses.count
        case .reading: return Set(readingList).union(articlesRead.keys).count
        case .reminderSettings: return ReminderKind.allCases.filter(reminderSettings.isSet).count
        case .reminderLog: return reminderLog.count
        case .signReviews: return signReviews.count
        case .questions: return questions.count
        }
    }
}

/// A warning sign she reported: when, which, and the pain score logged with it (nil for a sign reported on its
/// own, from `portal signs` or the Warning signs check).
public struct ReportedSign: Sendable, Hashable {
    public var date: CalendarDate
    public var time: TimeOfDay
    /// The sign's id in safety.json.
    public var sign: String
    public var painScore: Int?
    /// Where its row stands in the order her signs were written (`SignEntryOrder`); nil when not known (a sign
    /// written in this session, before the record is read again): no review covers it.
    public var entered: Int64?
    /// What she wrote with the sign when she reported it on its own (`SignReport.note`: which leg, how much
    /// bleeding); a pain entry's note stays with the entry (the pain diary and the report's notes show it).
    public var note: String

    public init(date: CalendarDate, time: TimeOfDay, sign: String, painScore: Int?, entered: Int64? = nil, note: String = "") {
        self.note = note
        self.date = date
        self.time = time
        self.sign = sign
        self.painScore = painScore
        self.entered = entered
    }
}
