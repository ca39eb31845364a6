/// One patient's record, wherever it is kept: the seam between the portal and its storage.
///
/// Everything the screens, the commands, onboarding, the demo and the exports need from storage goes through
/// this protocol. Both stores keep the record through the record map (`MappedRecordStore`, `RecordPart`), which
/// writes every read and write below once: `SQLiteStore` in one SQLite file, `PostgresStore` on a clinic's server.
/// Both pass the contract suite (`StoreContract`).
///
/// What every implementation promises:
/// - Each write is one transaction: when it returns, the change is committed; when it throws, nothing changed.
/// - Every rule in `StoreRules` is checked in Swift inside that transaction, against the data as stored then,
///   so two portals writing at once cannot together break a rule. Database constraints are a second line.
/// - Every error it throws is a `PortalError` written for the patient.
/// - `snapshot(clock:)` reads everything a screen shows in one read transaction, so it never mixes two moments.
public protocol RecordStore: Sendable {
    /// Where the record is kept, for messages ("/home/jo/.local/share/portal/portal.sqlite").
    var location: String { get }
    /// Files the store keeps on this machine (none for a server), which an export must never overwrite.
    var files: [String] { get }
    /// The zone her dates and times are in: the store refuses a time its clock skips and keeps each timed
    /// entry with its offset from UTC there (`StoreRules`, `LocalZone`).
    var zone: LocalZone { get }
    /// True when the record is on a server (a clinic's) rather than on this machine: when it does not answer,
    /// the portal names the clinic's server, not a file.
    var isRemote: Bool { get }
    /// True when program weeks added through this store wait to be published before the patient sees them
    /// (her therapist's drafts on a clinic's server); false when they are hers at once.
    var addsDraftWeeks: Bool { get }
    /// True when her program is her therapist's (a clinic's): a change of her details that would bring a new
    /// program asks her therapist for one (`askForProgram`) rather than rewriting any week.
    var programIsTherapists: Bool { get }
    /// True when this login records how a visit went (completed or missed, with its notes): her own portal, or
    /// in a clinic her care team's login. False for a patient's own clinic login, whose database refuses it:
    /// her screens and commands then offer only booking, moving and cancelling (`Visit.recordedByCareTeam`).
    var recordsVisits: Bool { get }
    /// Who this store's session is, and so what its screens offer to change (`Viewer.may`, from the record
    /// map): the patient on her own file, the patient on her clinic login, or her therapist.
    var viewer: Viewer { get }
    /// True when a warning sign she reports stays for her therapist to see (her own clinic login): she deletes
    /// no sign report and changes or deletes no pain entry with signs, which the clinic's database refuses her;
    /// her screens do not offer it and say why (`PainEntry.keptForTherapist`). False on her own portal.
    var keepsWarningSigns: Bool { get }
    /// True when Share sends to her therapist (a clinic's server): `send` keeps the report in her record for
    /// her therapist, who reads it with `sharedReports`. False on her own portal, where Share writes a file.
    var sendsToTherapist: Bool { get }
    /// Keeps `report` in her record for her therapist (refused where `sendsToTherapist` is false).
    @discardableResult
    func send(_ report: SharedReport) throws -> SharedReport
    /// What she sent her therapist, newest first: `limit` of them, or all (none where nothing is sent).
    func sharedReports(limit: Int?) throws -> [SharedReport]
    /// Tells her therapist that a change of her details calls for a new program, in `request`'s words
    /// ("Ana added bladder leaks: new program suggested"), shown on the therapist's caseload until she
    /// publishes a week. A store whose program is the patient's own refuses.
    func askForProgram(_ request: String) throws

    // MARK: What differs between places

    /// Checks everything the store keeps on this machine (SQLite's `quick_check` of every page) and throws
    /// `corruptDatabase` naming the first problem. A server checks its own storage: nothing to do here.
    func checkIntegrity() throws
    /// Writes a whole copy of the record to the file `path` (`portal backup`), private (0600), replacing an
    /// existing file only when `overwrite`. A store that is not a file on this machine refuses, saying who
    /// backs it up.
    func backUp(to path: String, overwrite: Bool) throws
    /// True while the store has lost its server and is reaching for one again (a clinic's failover): the
    /// full-screen portal then says "Reconnecting to the clinic…". Never for a file.
    var isReconnecting: Bool { get }
    /// True from the moment a change's commit went unanswered (the server went away as it committed) until a
    /// later commit settled it: that change may or may not be stored. Never for a file.
    var hasChangeInDoubt: Bool { get }
    /// From now on a lost server is waited for as long as it takes, not for a command's time limit: the
    /// full-screen portal, which says so on screen and keeps what she typed. Nothing to do for a file.
    func waitForServerWhileOpen()

    // MARK: Reads

    /// Everything a screen shows, read in one transaction.
    func snapshot(clock: PortalClock) throws -> PortalSnapshot
    /// Only what Home shows (`RecordWindow.home`), in one transaction, marked `isHomeOnly`: Home drawn from it
    /// is line for line Home drawn from `snapshot(clock:)`, and it reads the same rows on ten years of history as
    /// on a month. A store that has no such read gives the whole snapshot.
    func homeSnapshot(clock: PortalClock) throws -> PortalSnapshot
    /// Every part of her record (`RecordPart`), the dated ones in `window`, read in one transaction: what the
    /// exports, `clinic import-local` and the tests' "nothing changed" read.
    func record(_ window: RecordWindow) throws -> PatientRecord
    /// A number that changes whenever someone else (another portal on the same file, the clinic) has
    /// committed a change, so a portal can tell cheaply whether its snapshot is still current; nil when the
    /// store cannot tell, and the runtime then reads a fresh snapshot every few seconds. Writes through this
    /// same store need not change it: the runtime reads a new snapshot after each of those anyway.
    func changeToken() throws -> Int64?
    /// True when no patient has been set up yet.
    func isEmpty() throws -> Bool
    func patient() throws -> Patient?
    /// The visits of the care plan, or nil before onboarding.
    func carePlan() throws -> CarePlan?
    func program() throws -> Program
    /// Pain entries from `from` to `to` inclusive, oldest first (nil: no bound).
    func painEntries(from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry]
    /// Exercise sessions from `from` to `to` inclusive, oldest first (nil: no bound).
    func sessions(from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession]
    /// Article ids the therapist prescribed, in order.
    func readingList() throws -> [String]
    /// Article id → the day it was first read.
    func articlesRead() throws -> [String: CalendarDate]
    func quizResults() throws -> [QuizResult]
    /// The entries of a diary (`DiaryEntry`: warning signs reported on their own, …) from `from` to `to`
    /// inclusive (nil: no bound), oldest first.
    func entries<Entry: DiaryEntry>(_ type: Entry.Type, from: CalendarDate?, to: CalendarDate?) throws -> [Entry]
    /// The reminders she set (all off when she set none).
    func reminderSettings() throws -> ReminderSettings
    /// The reminders given or tried from `from` on (nil: all), oldest first.
    func reminderLog(from: CalendarDate?) throws -> [ReminderDelivery]
    /// Her questions for the visit, oldest first, with their answers.
    func questions() throws -> [VisitQuestion]
    /// The name her clinic keeps for her therapist (clinic change 26, `RecordDatabase.therapistName`): what
    /// About me, her chart and the report her therapist makes say; nil on a file of her own, or with no therapist.
    func therapistName() throws -> String?

    // MARK: Writes

    /// Writes a whole new patient record at once (onboarding, the demo): all of it or none of it.
    func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws
    /// Saves the patient, replacing the one before.
    func savePatient(_ patient: Patient) throws
    /// Changes "About me" (`ProfileChange`): the patient, checked by set-up's rules on `today`, her reading
    /// list, unless `upcomingWeeks` is empty the program weeks not started (replaced as by
    /// `replaceUpcomingWeeks`, their rules checked for her as she is now), and with `request` her ask for a new
    /// program (as by `askForProgram`, where her program is her therapist's), in one transaction: a failure or
    /// a killed portal part-way leaves all of it as it was. Refused when there is no patient yet.
    func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], askingTherapist request: String?,
                       library: ExerciseLibrary, today: CalendarDate) throws
    /// `updateProfile`, refused with `Patient.changedMeanwhile` (nothing written) unless her details as stored
    /// are still `expected`, what the form that changed them was opened on (nil: whatever they are now), checked
    /// in the same transaction; only the details `patient` changes from them are written (QA H6: a second
    /// session's stale form wrote every column over a change saved in the first).
    func updateProfile(_ patient: Patient, over expected: Patient?, readingList: [String], upcomingWeeks: [ProgramWeek],
                       askingTherapist request: String?, library: ExerciseLibrary, today: CalendarDate) throws
    /// Replaces the generated program weeks that have not started by `today` with `weeks`
    /// (`StoreRules.checkUpcomingWeeks`): a week already under way is never rewritten, and a therapist's week
    /// stays where it is, the new weeks around it.
    func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws
    /// Writes the whole care plan into a record that has none yet.
    func setUpCarePlan(_ plan: CarePlan) throws
    /// Changes one visit (booking, moving, completing, cancelling) and returns it as stored.
    /// Refused when it breaks `StoreRules.checkVisitChange`.
    @discardableResult func saveVisit(_ visit: Visit) throws -> Visit
    /// `saveVisit`, refused with `Visit.changedMeanwhile` (nothing written) unless the stored visit is still
    /// `expected`, the visit as the form that changed it read it (nil: whatever it is now), checked in the same
    /// transaction: a booking made elsewhere in the meantime is never written over without her say (QA G4).
    @discardableResult func saveVisit(_ visit: Visit, over expected: Visit?) throws -> Visit
    /// Saves a new pain entry and returns it with its id.
    @discardableResult func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry
    /// Replaces a saved pain entry (same id) and returns it as stored.
    @discardableResult func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry
    /// `updatePainEntry`, refused with `PainEntry.changedMeanwhile` (nothing written) unless the stored entry is
    /// still `expected`, the entry as the form that changed it read it (nil: whatever it is now), checked in the
    /// same transaction (QA H6).
    @discardableResult func updatePainEntry(_ entry: PainEntry, over expected: PainEntry?, now: LocalDateTime) throws -> PainEntry
    func deletePainEntry(id: Int64) throws
    /// Adds the next week of the program (`StoreRules.checkNewWeek`), starting after `today` (`Program.startWindow`);
    /// where weeks are hers at once (a file), a week of a number the program has and not started by `today` takes
    /// its place instead (`StoreRules.checkUpcomingWeeks`, `.therapists`: the rule her therapist's editor
    /// publishes by). A week that has started is refused naming the numbers open to import
    /// (`Program.importChoicesText`); where an import is a draft (a clinic), a published week is refused too.
    func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws
    /// The numbers of the program's weeks saved as drafts and not published, in order: only her therapist
    /// reads any (none in a file, whose weeks are hers as they are added).
    func draftWeeks() throws -> [Int]
    /// Saves `week` as a draft the patient does not see (her therapist's program editor): a new week after the
    /// latest, or the draft of that number saved before, replaced. Checked as `addProgramWeek` checks a week.
    /// Refused where weeks are not drafts (`addsDraftWeeks` false).
    func saveDraftWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws
    /// Publishes draft week `number`: from now on the patient sees it, and her request for a new program, if
    /// any, is answered. Refused where there are no drafts, and for a week that is not one.
    func publishWeek(_ number: Int) throws
    /// Publishes `week` as her therapist's editor shows it, in one transaction: a new week after the latest (the
    /// draft of that number saved before, if any, replaced), or in place of the published week of that number
    /// that has not started by `today`, the portal's or her own (`StoreRules.checkUpcomingWeeks`, the rule a
    /// change of her details follows, `.therapists`): she never sees the week half replaced, and a week under way
    /// is never rewritten. Her request for a new program, if any, is answered. Refused where there are no drafts
    /// (a file, her own login).
    func publishWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws
    /// Records one session of a prescribed exercise with the sets done (nil: all of them) and the pain during
    /// it (nil: not said), checked by `StoreRules.session`, and returns it.
    @discardableResult func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession
    /// Removes the latest session of `exerciseID` on `date`; false when there was none.
    @discardableResult func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool
    func setReadingList(_ ids: [String]) throws
    /// Marks an article read on `day`; the first day it was read is kept.
    func markArticleRead(_ id: String, on day: CalendarDate) throws
    @discardableResult func saveQuizResult(_ result: QuizResult) throws -> QuizResult
    /// Adds an entry to its diary, checked by its rules (`DiaryEntry.checked`), and returns it as stored (with
    /// its id).
    @discardableResult func add<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry
    /// Replaces a saved diary entry (the one with `entry.id`), checked by its rules, and returns it as stored; a
    /// `notFound` error, and nothing written, when it is no longer there or its diary keeps entries as written.
    @discardableResult func replace<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry
    /// Deletes a diary entry; a `notFound` error when it is no longer there.
    func remove<Entry: DiaryEntry>(_ type: Entry.Type, id: Int64) throws
    /// Replaces the reminders she set with `settings`; refused when no one is set up yet.
    func saveReminderSettings(_ settings: ReminderSettings) throws
    /// Keeps a reminder given or tried (`portal remind now`) and returns it with its id.
    @discardableResult func logReminder(_ delivery: ReminderDelivery) throws -> ReminderDelivery
    /// Notes that Home has said these reminders could not be shown, so each is said once.
    func markRemindersSaid(ids: [Int64]) throws
    /// Keeps her therapist's review of the warning signs she reported up to `review.through` and returns it
    /// with its id. Only her therapist's session reviews (a file has no therapist: refused there), in her own
    /// name; refused when no sign reported after the last review reaches `through`.
    @discardableResult func reviewSigns(_ review: SignReview) throws -> SignReview
    /// Adds her question for the visit, asked at `at` (checked by `VisitQuestion.checkedText`), and returns it
    /// with its number; refused when no one is set up yet, and to her therapist (the questions are hers to ask).
    @discardableResult func ask(_ question: String, at: LocalDateTime) throws -> VisitQuestion
    /// Takes back her question `id` while it has no answer: `notFound` when it is not there, refused once answered.
    func withdrawQuestion(id: Int64) throws
    /// Her therapist's answer to question `id`, given at `at` as her own login: a clinic's therapist alone
    /// answers (her own portal refuses it); an answer given already is replaced.
    @discardableResult func answerQuestion(id: Int64, answer: String, at: LocalDateTime) throws -> VisitQuestion
    /// Notes that she has seen the answers to these questions (Home, `portal questions`); a session of her
    /// therapist's writes nothing.
    /// Only each answer as she was shown it is marked (`ShownAnswer`): one changed since stays new (QA H9).
    func markAnswersRead(_ shown: [ShownAnswer], at: LocalDateTime) throws
    /// Deletes everything in the record (`demo --force`).
    func eraseAll() throws
}

extension RecordStore {
    /// Records one whole session of a prescribed exercise, pain not said.
    /// Changes "About me" and leaves the program as it is.
    public func updateProfile(_ patient: Patient, readingList: [String], today: CalendarDate) throws {
        try updateProfile(patient, readingList: readingList, upcomingWeeks: [], askingTherapist: nil, library: ExerciseLibrary(exercises: []), today: today)
    }

    /// Changes "About me" with the upcoming weeks it brings and no request to her therapist.
    public func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], library: ExerciseLibrary,
                              today: CalendarDate) throws {
        try updateProfile(patient, readingList: readingList, upcomingWeeks: upcomingWeeks, askingTherapist: nil, library: library, today: today)
    }

    @discardableResult public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate) throws -> ExerciseSession {
        try markDone(exerciseID: exerciseID, on: date, today: today, sets: nil, pain: nil)
    }
    /// `markDone`, unless her stage holds the exercise back on `date` in the week under way then
    /// (`PrescriptionHolds.refusal`): then it is refused with the sentence the Exercises screen shows beside it,
    /// and nothing is written. Every way of marking an exercise done goes through it, the screens (by their
    /// effect) and `portal exercises done` alike, so one rule decides (QA J4).
    @discardableResult
    public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?,
                         library: ExerciseLibrary) throws -> ExerciseSession {
        let holds = PrescriptionHolds(patient: try patient(), rules: library.rules, program: try program())
        if let why = holds.refusal(markingDone: exerciseID, on: date, name: library.name(exerciseID)) {
            throw PortalError.rule(why)
        }
        return try markDone(exerciseID: exerciseID, on: date, today: today, sets: sets, pain: pain)
    }
    /// Every pain entry, oldest first.
    public func painEntries() throws -> [PainEntry] { try painEntries(from: nil, to: nil) }
    /// Pain entries from `from` on (all when nil).
    public func painEntries(from: CalendarDate?) throws -> [PainEntry] { try painEntries(from: from, to: nil) }
    /// Every exercise session, oldest first.
    public func sessions() throws -> [ExerciseSession] { try sessions(from: nil, to: nil) }
    /// Exercise sessions from `from` on (all when nil).
    public func sessions(from: CalendarDate?) throws -> [ExerciseSession] { try sessions(from: from, to: nil) }
    /// Reports of warning signs made without a pain score, from `from` to `to` inclusive (nil: no bound).
    public func signReports(from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try entries(SignReport.self, from: from, to: to)
    }
    /// Every report of warning signs, oldest first.
    public func signReports() throws -> [SignReport] { try signReports(from: nil, to: nil) }
}

extension RecordStore {
    /// Her own portal: the program is hers, and a new one is hers to take.
    public var programIsTherapists: Bool { false }
    /// Her own portal: she records her visits herself.
    public var recordsVisits: Bool { true }
    /// Her own portal, on her own file.
    public var viewer: Viewer { .patient }
    /// Her own portal: her file is hers to change.
    public var keepsWarningSigns: Bool { false }
    /// Her own portal has no therapist to send to.
    public var sendsToTherapist: Bool { false }
    @discardableResult
    public func send(_ report: SharedReport) throws -> SharedReport {
        throw PortalError.rule("There is no therapist to send to here: Share writes a file for you to give her.")
    }
    public func sharedReports(limit: Int?) throws -> [SharedReport] { [] }
    public func askForProgram(_ request: String) throws {
        throw PortalError.rule("Your program is your own here: take the new one in About me, or keep yours.")
    }

    /// `snapshot(clock:)` with the exercises' rules from the content (`ExerciseLibrary.rules`), so its counts
    /// leave out what her stage holds back: what every screen and command that counts exercises reads.
    public func snapshot(clock: PortalClock, rules: ExerciseRules) throws -> PortalSnapshot {
        var s = try snapshot(clock: clock)
        s.exerciseRules = rules
        return s
    }
}

extension RecordStore {
    /// The whole snapshot, for a store without a read of its own for Home.
    public func homeSnapshot(clock: PortalClock) throws -> PortalSnapshot { try snapshot(clock: clock) }
    /// `homeSnapshot(clock:)` with the exercises' rules, as `snapshot(clock:rules:)`.
    public func homeSnapshot(clock: PortalClock, rules: ExerciseRules) throws -> PortalSnapshot {
        var s = try homeSnapshot(clock: clock)
        s.exerciseRules = rules
        return s
    }
    /// Stores that cannot tell when others wrote: the runtime reads them again every few seconds.
    public func changeToken() throws -> Int64? { nil }
    /// The computer's zone, for a store that keeps no zone of its own.
    public var zone: LocalZone { .current }
    /// A store on this machine has no server to lose.
    public var isReconnecting: Bool { false }
    public var hasChangeInDoubt: Bool { false }
    public func waitForServerWhileOpen() {}
}

extension RecordStore {
    /// For a store without its own transaction for them (test doubles): the check, then the save.
    @discardableResult
    public func saveVisit(_ visit: Visit, over expected: Visit?) throws -> Visit {
        try StoreRules.checkVisitUnchanged(visit.number, stored: try carePlan()?.visits ?? [], expected: expected)
        return try saveVisit(visit)
    }

    public func updateProfile(_ patient: Patient, over expected: Patient?, readingList: [String], upcomingWeeks: [ProgramWeek],
                              askingTherapist request: String?, library: ExerciseLibrary, today: CalendarDate) throws {
        try StoreRules.checkProfileUnchanged(stored: try self.patient(), expected: expected, therapistIsClinics: false)
        try updateProfile(patient, readingList: readingList, upcomingWeeks: upcomingWeeks, askingTherapist: request, library: library, today: today)
    }

    @discardableResult
    public func updatePainEntry(_ entry: PainEntry, over expected: PainEntry?, now: LocalDateTime) throws -> PainEntry {
        let stored = try expected.flatMap { e in try painEntries(from: nil, to: nil).first { $0.id == e.id } }
        try StoreRules.checkPainUnchanged(stored: stored, expected: expected)
        return try updatePainEntry(entry, now: now)
    }
}

extension RecordStore {
    /// A pain entry added, or changed (`changing`, from `expected` as her form opened it), with the warning signs
    /// she has now reported for now, first, when the entry is for an earlier day (`PainEntry.signsHadNow`, QA M2):
    /// the one order the form and `portal log` write in. `moment`: now, the time the signs are reported at.
    @discardableResult
    public func savePain(_ entry: PainEntry, changing: Bool, over expected: PainEntry? = nil, signsAt moment: LocalDateTime,
                         now: LocalDateTime, content: ContentLibrary) throws -> (entry: PainEntry, signsNow: SignReport?) {
        let (dated, signsNow) = entry.signsHadNow(at: moment, stored: expected)
        var report: SignReport?
        if let signsNow {
            try dated.validate(now: now)  // nothing is written for an entry that would be refused
            report = try add(signsNow, rules: EntryRules(now: now, content: content))
        }
        let saved = changing ? try updatePainEntry(dated, over: expected, now: now) : try addPainEntry(dated, now: now)
        return (saved, report)
    }
}
