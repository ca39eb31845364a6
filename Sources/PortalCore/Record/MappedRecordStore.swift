/// A store that keeps the record through the record map: it opens transactions and hands the map its dialect
/// (`RecordDatabase`); every read and write of `RecordStore` is then written once, here and in the maps, for
/// both stores. Each write checks `StoreRules` inside its transaction, against the rows as stored then.
public protocol MappedRecordStore: RecordStore {
    /// Runs `body` in one read transaction: everything read inside it is of one moment.
    func reading<T>(_ body: (any RecordDatabase) throws -> T) throws -> T
    /// Runs `body` in one write transaction: committed when it returns, nothing written when it throws (with a
    /// `PortalError`); two writers to one record take turns.
    func writing<T>(_ body: (any RecordDatabase) throws -> T) throws -> T
    /// Who answers her questions in this session: a clinic's therapist's login; nil where nobody does (her own
    /// portal, her own session).
    var questionAnswerer: String? { get }
    /// Keeps her request for a new program for her therapist, inside the write transaction `db`
    /// (`RecordStore.askForProgram`); a store whose program is her own refuses.
    func askForProgram(_ request: String, in db: any RecordDatabase) throws
    /// Why this session may not erase the whole record (`eraseAll`), in the words of whoever asked; nil where it
    /// may: her own file, and a clinic's administrator. A clinic keeps her record: her own login may take back
    /// only some of what she wrote, and erasing part of it while saying it was erased would be untrue.
    var erasureRefusal: String? { get }
}

extension MappedRecordStore {
    // MARK: The whole record

    /// Only what the screens show, each part bounded whatever the length of her history (`RecordWindow.screens`),
    /// with how many check-ins are older and her first week of logging, in one read transaction.
    public func snapshot(clock: PortalClock) throws -> PortalSnapshot {
        try snapshot(clock: clock, window: .screens(today: clock.today))
    }

    /// Only what Home shows (`RecordWindow.home`): the first paint's read, flat in the length of her history.
    public func homeSnapshot(clock: PortalClock) throws -> PortalSnapshot {
        var snapshot = try snapshot(clock: clock, window: .home(today: clock.today))
        snapshot.isHomeOnly = true
        return snapshot
    }

    private func snapshot(clock: PortalClock, window: RecordWindow) throws -> PortalSnapshot {
        try reading { db in
            var snapshot = try PortalSnapshot.read(db, clock: clock, window: window)
            snapshot.programIsTherapists = programIsTherapists
            snapshot.recordsVisits = recordsVisits
            snapshot.keepsWarningSigns = keepsWarningSigns
            snapshot.sendsToTherapist = sendsToTherapist
            snapshot.therapistIsClinics = db.therapistIsClinics
            return snapshot
        }
    }

    public func therapistName() throws -> String? {
        try reading { db in try db.therapistName() }
    }

    public func record(_ window: RecordWindow) throws -> PatientRecord {
        try reading { db in try PatientRecord.read(db, window) }
    }

    public func isEmpty() throws -> Bool {
        try reading { db in try ProfileMap.isEmpty(db) }
    }

    public var erasureRefusal: String? { nil }

    /// Deletes every row of every table of the record, rows that belong to others first. Refused, before
    /// anything is deleted, to a session that may not erase the whole record (`erasureRefusal`: in a clinic, any
    /// login but the administrator's), so what it says is what it did.
    public func eraseAll() throws {
        if let erasureRefusal { throw PortalError.rule(erasureRefusal) }
        try writing { db in
            for table in RecordPart.tables.reversed() { try db.delete(table, where: .all) }
        }
    }

    // MARK: Profile

    public func patient() throws -> Patient? {
        try reading { db in try ProfileMap.read(db) }
    }

    /// Writes a whole new record in one transaction: all of it or none of it.
    public func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws {
        try writing { db in
            try StoreRules.checkNewRecord(patient: patient, plan: plan, weeks: weeks, storeIsEmpty: try ProfileMap.isEmpty(db), zone: zone)
            try ProfileMap.save(patient, over: nil, db)
            for v in plan.visits { try CarePlanMap.insert(v, db) }
            for w in weeks { try ProgramMap.insert(w, db) }
            try ReadingMap.insertList(readingList, db)
        }
    }

    public func savePatient(_ p: Patient) throws {
        try writing { db in
            try p.validateText()
            try ProfileMap.save(p, over: nil, db)
        }
    }

    /// Her details, reading list, the upcoming weeks they bring and her request to her therapist, in one
    /// transaction: a portal killed between the details and the weeks (`WritePoint.profileBeforeWeeks`) or the
    /// request (`WritePoint.profileBeforeRequest`) saves none of them.
    public func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], askingTherapist request: String?,
                              library: ExerciseLibrary, today: CalendarDate) throws {
        try updateProfile(patient, over: nil, readingList: readingList, upcomingWeeks: upcomingWeeks, askingTherapist: request,
                          library: library, today: today)
    }

    /// QA H6: checked against her details as stored inside the write, which her own sessions take in turns (a
    /// file's one writer; a clinic's `record_turn`), so a second session's stale form never writes over the
    /// first's change; only what the form changed is written (`ProfileMap.save`).
    public func updateProfile(_ patient: Patient, over expected: Patient?, readingList: [String], upcomingWeeks: [ProgramWeek],
                              askingTherapist request: String?, library: ExerciseLibrary, today: CalendarDate) throws {
        try writing { db in
            guard let stored = try ProfileMap.read(db) else { throw PortalError.notFound("No one is set up in this portal yet.") }
            try StoreRules.checkProfileUnchanged(stored: stored, expected: expected, therapistIsClinics: db.therapistIsClinics)
            // In a clinic her therapist's name is the clinic's, not hers to change (QA H10; her login may not).
            if db.therapistIsClinics, patient.therapist != (expected ?? stored).therapist {
                throw PortalError.invalidInput(field: .therapist, Patient.therapistIsTheClinics(stored.therapist))
            }
            try patient.validate(today: today)
            try ProfileMap.save(patient, over: expected ?? stored, db)
            try ReadingMap.replaceList(readingList, db)
            try WritePoint.profileBeforeWeeks.reach()
            try Self.replaceUpcomingWeeks(upcomingWeeks, library: library, today: today, db)
            if let request {
                try WritePoint.profileBeforeRequest.reach()
                try askForProgram(request, in: db)
            }
        }
    }

    /// Her own portal: the program is hers, there is no one to ask (`RecordStore.askForProgram`'s refusal).
    public func askForProgram(_ request: String, in db: any RecordDatabase) throws {
        try askForProgram(request)
    }

    // MARK: Care plan

    public func carePlan() throws -> CarePlan? {
        try reading { db in try CarePlanMap.read(db) }
    }

    public func setUpCarePlan(_ plan: CarePlan) throws {
        try writing { db in
            try StoreRules.checkCarePlan(plan, storedVisits: try CarePlanMap.count(db))
            for v in plan.visits { try CarePlanMap.insert(v, db) }
        }
    }

    /// Checked inside the transaction against the visits as stored and held (`CarePlanMap.readForChange`), so two
    /// portals booking at once cannot both take the same time, and a change made meanwhile is never written over:
    /// in a clinic her sessions and her therapist's do not take turns (change 28), and a plain read at READ
    /// COMMITTED would compare with the row before the other's commit and then write over it. The row is updated
    /// in place, so the completed-visit trigger guards this very write.
    @discardableResult
    public func saveVisit(_ v: Visit) throws -> Visit { try saveVisit(v, over: nil) }

    @discardableResult
    public func saveVisit(_ v: Visit, over expected: Visit?) throws -> Visit {
        try writing { db in
            let stored = try CarePlanMap.readForChange(db)
            try StoreRules.checkVisitUnchanged(v.number, stored: stored, expected: expected)
            try StoreRules.checkVisitChange(v, stored: stored, zone: zone)
            guard try CarePlanMap.update(v, stored: stored.first { $0.number == v.number }, db) else { throw PortalError.notFound("Visit \(v.number) is not in this care plan.") }
            return v
        }
    }

    // MARK: Program and exercise log

    public func program() throws -> Program {
        try reading { db in try ProgramMap.read(db) }
    }

    /// Checked against the program as stored inside one transaction, so two imports at once cannot both
    /// take the same week.
    /// A week of a number the program has (published, not a draft) takes its place when it has not started by
    /// `today`, by the rule her therapist's editor publishes by (`StoreRules.checkUpcomingWeeks`, `.therapists`):
    /// in a file, where weeks are hers at once, her therapist's update for next week replaces the week the
    /// portal made for it. A week that has started is refused, naming the weeks that may be imported; in a clinic,
    /// where an import is a draft, a published week is replaced from the program editor instead.
    public func addProgramWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        try writing { db in
            let stored = try ProgramMap.read(db)
            let patient = try ProfileMap.read(db)
            if let old = stored.week(number: week.number), !stored.drafts.contains(week.number) {
                if Program.hasStarted(old, on: today) {
                    throw PortalError.invalidInput(field: .programWeek, "week: week \(old.number) started on \(old.starts.text(near: today)), and a week under way is never rewritten. " + stored.importChoicesText(today: today))
                }
                if addsDraftWeeks {
                    throw PortalError.invalidInput(field: .programWeek, "week: week \(old.number) is published and starts \(old.starts.text(near: today)); an import is a draft, so change that week in her program editor (n on her chart), which replaces it when you publish, or import week \(stored.numbersOpenToImport(today: today).next), a new week.")
                }
                _ = try StoreRules.checkUpcomingWeeks([week], library: library, stored: stored, today: today, patient: patient, replacing: .therapists)
                try ProgramMap.replace(week, db)
                return
            }
            try StoreRules.checkNewWeek(week, library: library, stored: stored, patient: patient, today: today)
            try ProgramMap.insert(week, db)
        }
    }

    public func draftWeeks() throws -> [Int] {
        try reading { db in try ProgramMap.draftNumbers(db) }
    }

    /// The draft of the same number saved before, if any, is replaced in the same transaction; the new draft
    /// is checked as a new week is (`StoreRules.checkNewWeek`) against the program without it.
    public func saveDraftWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        guard addsDraftWeeks else {
            throw PortalError.rule("A week added here is the patient's at once, so there are no drafts: add it with portal program import.")
        }
        try writing { db in
            if try ProgramMap.draftNumbers(db).contains(week.number) { try ProgramMap.deleteDraft(week.number, db) }
            try StoreRules.checkNewWeek(week, library: library, stored: try ProgramMap.read(db), patient: try ProfileMap.read(db), today: today)
            try ProgramMap.insert(week, db)
        }
    }

    /// Inside a write (her therapist's, publishing): `week` in place of the published week of its number, which
    /// must not have started by `today` (true), or as a new week after the latest, the draft of its number
    /// replaced (false: the caller publishes it). A draft published keeps what it was planned for when it was
    /// written (its own `planned_for`), whatever her stage when it is published: a week written before the birth
    /// and published after it is still named as planned for her pregnancy (`AfterBirthCheck`).
    public static func placeWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate, _ db: any RecordDatabase) throws -> Bool {
        var draftPlannedFor: PlannedFor??
        if try ProgramMap.draftNumbers(db).contains(week.number) {
            draftPlannedFor = .some(try ProgramMap.plannedFor(week.number, db))
            try ProgramMap.deleteDraft(week.number, db)
        }
        let stored = try ProgramMap.read(db)
        let patient = try ProfileMap.read(db)
        guard stored.week(number: week.number) != nil else {
            try StoreRules.checkNewWeek(week, library: library, stored: stored, patient: patient, today: today)
            if let draftPlannedFor { try ProgramMap.insert(week, plannedFor: draftPlannedFor, db) } else { try ProgramMap.insert(week, db) }
            return false
        }
        _ = try StoreRules.checkUpcomingWeeks([week], library: library, stored: stored, today: today, patient: patient, replacing: .therapists)
        try ProgramMap.replace(week, db)
        return true
    }

    public func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate) throws {
        try writing { db in try Self.replaceUpcomingWeeks(weeks, library: library, today: today, db) }
    }

    /// Inside a write: checked against the program and the patient as stored in it; only generated weeks not
    /// started are replaced (her therapist's stay where they are).
    static func replaceUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, today: CalendarDate, _ db: any RecordDatabase) throws {
        guard let first = weeks.first else { return }
        _ = try StoreRules.checkUpcomingWeeks(weeks, library: library, stored: try ProgramMap.read(db), today: today,
                                              patient: try ProfileMap.read(db))
        try ProgramMap.deleteGeneratedWeeks(from: first.number, notStartedBy: today, db)
        for w in weeks { try ProgramMap.insert(w, db) }
    }

    public func sessions(from: CalendarDate?, to: CalendarDate?) throws -> [ExerciseSession] {
        try reading { db in try ExerciseLogMap.read(db, from: from, to: to) }
    }

    @discardableResult
    public func markDone(exerciseID: String, on date: CalendarDate, today: CalendarDate, sets: Int?, pain: Int?) throws -> ExerciseSession {
        try writing { db in
            let thatDay = try ExerciseLogMap.read(db, from: date, to: date).filter { $0.exerciseID == exerciseID }
            let session = try StoreRules.session(exerciseID: exerciseID, on: date, today: today, program: try ProgramMap.read(db),
                                                 sessionsThatDay: thatDay, sets: sets, pain: pain)
            return try ExerciseLogMap.insert(session, db)
        }
    }

    @discardableResult
    public func undoDone(exerciseID: String, on date: CalendarDate) throws -> Bool {
        try writing { db in try ExerciseLogMap.removeLatest(exerciseID, on: date, db) }
    }

    // MARK: Pain diary

    public func painEntries(from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        try reading { db in try PainDiaryMap.read(db, from: from, to: to) }
    }

    @discardableResult
    public func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try writing { db in
            var e = try StoreRules.checkPain(entry, now: now, zone: zone)
            e.id = nil
            return try PainDiaryMap.insert(e, db)
        }
    }

    /// Replaces an existing entry: its row is updated in place, its sites and triggers written again; its offset
    /// from UTC stays while its time does.
    @discardableResult
    public func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try updatePainEntry(entry, over: nil, now: now)
    }

    /// QA H6: checked against the entry as stored inside the write (her sessions take turns at writing), so a
    /// second session's stale form never writes over the first's change.
    @discardableResult
    public func updatePainEntry(_ entry: PainEntry, over expected: PainEntry?, now: LocalDateTime) throws -> PainEntry {
        guard let id = entry.id else { throw PortalError.notFound("That pain entry has not been saved yet.") }
        return try writing { db in
            if let expected {
                try StoreRules.checkPainUnchanged(stored: try PainDiaryMap.find(id: expected.id ?? id, db), expected: expected)
            }
            var e = try StoreRules.checkPain(entry, now: now, zone: zone, stored: try PainDiaryMap.stored(id: id, db))
            guard try PainDiaryMap.update(&e, db) else { throw try missing(id, db) }
            return e
        }
    }

    public func deletePainEntry(id: Int64) throws {
        try writing { db in
            guard try PainDiaryMap.delete(id: id, db) else { throw try missing(id, db) }
        }
    }

    /// Why pain entry `id` was not changed: it reported warning signs her clinic keeps for her therapist
    /// (`keepsWarningSigns`: the server refused it), or it is gone.
    private func missing(_ id: Int64, _ db: any RecordDatabase) throws -> PortalError {
        guard keepsWarningSigns, try PainDiaryMap.signs(id: id, db)?.isEmpty == false else {
            return PortalError.notFound("That pain entry no longer exists.")
        }
        return PortalError.rule(PainEntry.keptForTherapist)
    }

    // MARK: Diaries

    public func entries<Entry: DiaryEntry>(_ type: Entry.Type, from: CalendarDate?, to: CalendarDate?) throws -> [Entry] {
        try reading { db in try Entry.read(db, from: from, to: to) }
    }

    /// Checked inside the transaction by the entry's own rules; nothing is written when they fail.
    @discardableResult
    public func add<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry {
        try writing { db in
            var rules = rules
            rules.zone = zone
            var checked = try entry.checked(rules)
            checked.id = nil
            return try Entry.insert(checked, db)
        }
    }

    @discardableResult
    public func replace<Entry: DiaryEntry>(_ entry: Entry, rules: EntryRules) throws -> Entry {
        try writing { db in
            let checked = try entry.checked(rules)
            guard checked.id != nil, try Entry.update(checked, db) else {
                throw PortalError.notFound("That entry is no longer in the record (or cannot be changed), so nothing was changed.")
            }
            return checked
        }
    }

    public func remove<Entry: DiaryEntry>(_ type: Entry.Type, id: Int64) throws {
        if type == SignReport.self, keepsWarningSigns { throw PortalError.rule(SignReport.keptForTherapist) }
        try writing { db in
            guard try Entry.delete(id: id, db) else { throw PortalError.notFound("That entry is no longer in the record.") }
        }
    }

    // MARK: Check-ins and reading

    public func quizResults() throws -> [QuizResult] {
        try reading { db in try CheckInMap.read(db, from: nil) }
    }

    @discardableResult
    public func saveQuizResult(_ result: QuizResult) throws -> QuizResult {
        try writing { db in try CheckInMap.insert(result, db) }
    }

    public func readingList() throws -> [String] {
        try reading { db in try ReadingMap.readList(db) }
    }

    public func setReadingList(_ ids: [String]) throws {
        try writing { db in try ReadingMap.replaceList(ids, db) }
    }

    public func articlesRead() throws -> [String: CalendarDate] {
        try reading { db in try ReadingMap.readArticles(db) }
    }

    public func markArticleRead(_ id: String, on day: CalendarDate) throws {
        try writing { db in try ReadingMap.markRead(id, on: day, db) }
    }

    // MARK: Warning-sign reviews

    @discardableResult
    public func reviewSigns(_ review: SignReview) throws -> SignReview {
        try writing { db in
            guard db.role == .therapist else {
                throw PortalError.rule("Only her therapist reviews her warning signs, from the clinic's portal; nothing was saved.")
            }
            try PlainText.check(review.reviewer, field: "The reviewer", maxLength: 63)
            // What she reviews is what her screen showed: the signs written up to the newest on it (its place),
            // never one written since, whatever day it is dated. The place must be one her record has reached.
            guard review.enteredThrough >= 1, review.enteredThrough <= (try SignReviewMap.newestPlace(db)) else {
                throw PortalError.rule("These warning signs are not in her record as shown; nothing was saved. Open her signs again to review them.")
            }
            var reported = PatientRecord.empty
            reported.signReviews = try SignReviewMap.read(db)
            reported.painEntries = try PainDiaryMap.read(db, from: review.through.date.adding(days: -PortalSnapshot.historyDays), to: nil)
            reported.signReports = try SignReportMap.read(db, from: review.through.date.adding(days: -PortalSnapshot.historyDays), to: nil)
            reported.signsEntered = try SignReviewMap.readOrder(db, painEntries: reported.painEntries, signReports: reported.signReports)
            let signs = reported.unreviewedSigns().filter { s in s.entered.map { $0 <= review.enteredThrough } ?? false }
            guard !signs.isEmpty else { throw PortalError.rule("There are no warning signs to review: every one reported is reviewed.") }
            var r = review
            r.id = nil
            return try SignReviewMap.insert(r, db)
        }
    }

    // MARK: Reminders

    public func reminderSettings() throws -> ReminderSettings {
        try reading { db in try ReminderMap.readSettings(db) }
    }

    public func reminderLog(from: CalendarDate?) throws -> [ReminderDelivery] {
        try reading { db in try ReminderMap.readLog(db, from: from) }
    }

    public func saveReminderSettings(_ settings: ReminderSettings) throws {
        try writing { db in
            guard !(try ProfileMap.isEmpty(db)) else {
                throw PortalError.notFound("No one is set up in this portal yet, so there is nothing to remind of.")
            }
            try ReminderMap.saveSettings(settings, db)
        }
    }

    @discardableResult
    public func logReminder(_ delivery: ReminderDelivery) throws -> ReminderDelivery {
        try writing { db in
            var d = delivery
            d.id = nil
            return try ReminderMap.insert(d, db)
        }
    }

    public func markRemindersSaid(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try writing { db in try ReminderMap.markSaid(ids, db) }
    }

    // MARK: Questions for the visit

    public var questionAnswerer: String? { nil }

    public func questions() throws -> [VisitQuestion] {
        try reading { db in try QuestionMap.read(db) }
    }

    @discardableResult
    public func ask(_ question: String, at: LocalDateTime) throws -> VisitQuestion {
        let text = try VisitQuestion.checkedText(question)
        return try writing { db in
            guard db.role == .patient else {
                throw PortalError.rule("Her questions are hers to ask: answer one with portal questions answer N TEXT --patient USER.")
            }
            guard !(try ProfileMap.isEmpty(db)) else {
                throw PortalError.notFound("No one is set up in this portal yet, so there is no visit to ask about.")
            }
            return try QuestionMap.insert(VisitQuestion(askedAt: at, text: text), db)
        }
    }

    public func withdrawQuestion(id: Int64) throws {
        try writing { db in
            guard let q = try QuestionMap.find(id, db) else { throw Self.noQuestion(id) }
            guard !q.isAnswered else {
                throw PortalError.rule("Question \(id) has an answer already, so it stays with its answer; only a question still waiting can be removed.")
            }
            guard db.role == .patient else { throw PortalError.rule("Only she removes her questions.") }
            guard try db.delete(QuestionMap.questions, where: .equal("id", .int(id))) == 1 else { throw Self.noQuestion(id) }
        }
    }

    @discardableResult
    public func answerQuestion(id: Int64, answer: String, at: LocalDateTime) throws -> VisitQuestion {
        guard let by = questionAnswerer else {
            throw PortalError.rule(isRemote
                ? "Only her therapist answers her questions, from the therapist's own login (portal questions answer N TEXT --patient USER); nothing was changed."
                : "Only her therapist answers her questions, in a clinic: in your own portal they are your list to take to the next visit (the report carries them).")
        }
        let text = try VisitQuestion.checkedAnswer(answer)
        return try writing { db in
            guard var q = try QuestionMap.find(id, db) else { throw Self.noQuestion(id) }
            q.answer = text
            q.answeredAt = at
            q.answeredBy = by
            try db.update(QuestionMap.questions, set: [("answer", .text(text)), ("answered_at", .text(at.description)), ("answered_by", .text(by))],
                          where: .equal("id", .int(id)))
            // As it now reads: in a clinic the server sets when it was answered, and that it is new to her.
            return try QuestionMap.find(id, db) ?? q
        }
    }

    /// Each answer is marked in one UPDATE that names the answer she was shown, so a change of it by her
    /// therapist, committed before or while this write waits on her row, is not marked (QA H9: a read, then an
    /// UPDATE by number alone, marked the new answer she never saw).
    public func markAnswersRead(_ shown: [ShownAnswer], at: LocalDateTime) throws {
        guard !shown.isEmpty else { return }
        try writing { db in
            // Her therapist looking at her Home reads her answers for her: nothing is marked.
            guard db.role == .patient else { return }
            // Only answers (a question waiting has nothing to read) not read yet: the answer's time is the
            // clinic's clock and `at` hers, so the two are never compared (`VisitQuestion.hasUnreadAnswer`).
            let unread = Set(try QuestionMap.read(db).filter(\.hasUnreadAnswer).compactMap(\.id))
            for s in shown where unread.contains(s.id) {
                try db.update(QuestionMap.questions, set: [("read_at", .text(at.description))],
                              where: .and([.equal("id", .int(s.id)), .equal("answer", .text(s.answer))]))
            }
        }
    }

    static func noQuestion(_ id: Int64) -> PortalError {
        PortalError.notFound("There is no question \(id); portal questions lists them with their numbers.")
    }
}

extension PortalSnapshot {
    /// The snapshot of `window` on `clock`'s day, read from `db` inside the caller's transaction: the record
    /// (`PatientRecord.read`), how many check-ins are older, her first week of logging, her therapist's drafts and
    /// (for Home) the streak's earlier days. The one read of a snapshot, whether from a store (the screens, Home)
    /// or from the rows a caseload fetched for all her patients at once (`CaseloadRead`); the caller says what
    /// only it knows (the store's traits, the exercise rules).
    public static func read(_ db: any RecordDatabase, clock: PortalClock, window: RecordWindow) throws -> PortalSnapshot {
        var record = try PatientRecord.read(db, window)
        // For Home, the streak's days before its sessions, and the whole program when the streak needs it.
        var earlierDays: Set<CalendarDate> = []
        if case .home(let today) = window { earlierDays = try PatientRecord.homeStreakDays(db, record: &record, today: today) }
        // Her first week (the baseline of "change since your first week"), however long ago: its entries only,
        // not the whole history. Home shows no change since it: its read takes none.
        var isHome = false
        if case .home = window { isHome = true }
        let firstWeek: [PainEntry] = try isHome ? [] : PainDiaryMap.firstWeek(db, before: clock.today.adding(days: -Self.historyDays))
        var snapshot = PortalSnapshot(clock: clock, record: record,
                                      olderQuizResults: max(0, try CheckInMap.count(db) - record.quizResults.count), firstWeekPain: firstWeek)
        snapshot.draftWeeks = try ProgramMap.draftNumbers(db)
        if isHome { snapshot.earlierExerciseDays = earlierDays }
        return snapshot
    }
}
