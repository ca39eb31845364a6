import Foundation

/// Everything the screens show, read from the store in one read transaction. Screens draw from a snapshot and never
/// touch the store; after every write the runtime loads a new one.
///
/// The figures worked out from it (the pain trend, the exercise log, adherence, the streak) are worked out once
/// per snapshot, on first use, and kept with it: a key press redraws from them instead of going through the
/// history again. Changing any part of the snapshot (the runtime updates it in place after a save) starts the
/// figures afresh, and a copy that is changed never shares them with the original, so they never outlive
/// the data they came from.
public struct PortalSnapshot: Sendable {
    public var clock: PortalClock { didSet { figures = Figures() } }
    /// Her record as the screens see it (`RecordWindow.screens`): every part, the dated ones bounded to what a
    /// screen shows. The parts are also at hand one by one (`painEntries`, `plan`, …).
    public var record: PatientRecord { didSet { figures = Figures() } }
    /// How many check-ins are older than those in `quizResults`: counted, never decoded.
    public var olderQuizResults: Int { didSet { figures = Figures() } }
    /// Pain entries of the first 7 days of logging (from the first entry ever), however long ago: the baseline
    /// of "change since your first week".
    public var firstWeekPain: [PainEntry] { didSet { figures = Figures() } }
    /// Her program is her therapist's (a clinic's store): a change of her details asks her therapist rather
    /// than offering a new program (`RecordStore.programIsTherapists`).
    public var programIsTherapists = false { didSet { figures = Figures() } }
    /// She records how her visits went herself (`RecordStore.recordsVisits`); false on her clinic login, where
    /// her care team does and the screens offer no completed or missed.
    public var recordsVisits = true { didSet { figures = Figures() } }
    /// A warning sign she reported stays for her therapist (`RecordStore.keepsWarningSigns`): her clinic login.
    public var keepsWarningSigns = false { didSet { figures = Figures() } }
    /// Share sends to her therapist (`RecordStore.sendsToTherapist`): a clinic's server.
    public var sendsToTherapist = false { didSet { figures = Figures() } }
    /// Her therapist's name is the clinic's (`RecordDatabase.therapistIsClinics`): a clinic's server, which keeps her
    /// details' therapist itself (clinic change 32).
    public var therapistIsClinics = false { didSet { figures = Figures() } }
    /// Her therapist in a clinic, which About me shows and does not offer to change: her details' therapist, which the
    /// clinic's server keeps from the name the clinic keeps for her therapist (changes 26 and 32), so it is read
    /// once, with her details (review point 10); nil outside a clinic, or with no therapist.
    public var therapistName: String? {
        guard therapistIsClinics, let name = patient?.therapist, !name.isEmpty else { return nil }
        return name
    }
    /// The program's weeks saved as drafts and not published (`RecordStore.draftWeeks`): only her therapist's
    /// snapshot has any, and the program editor goes on with the latest.
    public var draftWeeks: [Int] = [] { didSet { figures = Figures() } }
    /// The exercises' rules (content, not the record: `RecordStore.snapshot(clock:rules:)` adds them), so the
    /// figures leave out what her stage holds back (`PrescriptionHolds`). `.none` holds nothing back.
    public var exerciseRules: ExerciseRules { didSet { figures = Figures() } }

    public var patient: Patient? { get { record.patient } set { record.patient = newValue } }
    public var plan: CarePlan? { get { record.plan } set { record.plan = newValue } }
    public var program: Program { get { record.program } set { record.program = newValue } }
    /// Exercise sessions of the last 120 days, and from the start of the program's first week when that is
    /// earlier, so adherence covers every week of the program.
    public var sessions: [ExerciseSession] { get { record.sessions } set { record.sessions = newValue } }
    /// Pain entries of the last 120 days.
    public var painEntries: [PainEntry] { get { record.painEntries } set { record.painEntries = newValue } }
    public var readingList: [String] { get { record.readingList } set { record.readingList = newValue } }
    public var articlesRead: [String: CalendarDate] { get { record.articlesRead } set { record.articlesRead = newValue } }
    /// The latest check-ins (at most `latestQuizResults`), oldest first.
    public var quizResults: [QuizResult] { get { record.quizResults } set { record.quizResults = newValue } }
    /// Warning signs reported without a pain score, in the last 120 days.
    public var signReports: [SignReport] { get { record.signReports } set { record.signReports = newValue } }

    /// True for Home's own read (`RecordStore.homeSnapshot`, `RecordWindow.home`): it holds only what Home
    /// shows, and the runtime reads the whole snapshot before any other screen is drawn from it.
    public var isHomeOnly = false { didSet { figures = Figures() } }
    /// Home's read only: the days with an exercise session before its `sessions` begin, as far back as the
    /// streak reaches (read by date alone, `PatientRecord.homeEarlierExerciseDays`); empty in the whole snapshot,
    /// whose sessions reach back to the program's start.
    public var earlierExerciseDays: Set<CalendarDate> = [] { didSet { figures = Figures() } }

    public static let historyDays = 120
    /// The days of pain entries, reports and the bladder diary Home's read takes: its widest pain chart (28
    /// days) with the 6 days before its first 7-day average, and a day to spare; more than the bladder diary's
    /// days before a visit and the alerts' two days.
    public static let homeDays = 35
    /// The first day of the bladder diary Home's read takes: Home says today's counts and the three-day diary's
    /// days before a visit, whose window holds today and starts at most `ThreeDayDiary.windowDays` before it.
    public static func homeBladderFrom(_ today: CalendarDate) -> CalendarDate { today.adding(days: -ThreeDayDiary.windowDays) }
    /// The first day of the questionnaires' responses Home's read takes: a response counts for a visit only inside
    /// its window (`MeasureSchedule.window`), and a window that holds today starts at most
    /// `daysBefore + daysAfter` days before it.
    public static func homeMeasuresFrom(_ today: CalendarDate) -> CalendarDate {
        today.adding(days: -(MeasureSchedule.daysBefore + MeasureSchedule.daysAfter))
    }
    /// The latest pain entries Home lists (of the last `historyDays`).
    public static let homeLatestEntries = 14
    /// Check-ins the snapshot decodes: more than a screen lists.
    public static let latestQuizResults = 30

    /// A snapshot of `record` on `clock`'s day; `firstWeekPain` is worked out from its entries when not given.
    public init(clock: PortalClock, record: PatientRecord, olderQuizResults: Int = 0, firstWeekPain: [PainEntry]? = nil,
                exerciseRules: ExerciseRules = .none) {
        self.clock = clock
        self.record = record
        self.olderQuizResults = olderQuizResults
        self.firstWeekPain = firstWeekPain ?? Self.firstWeek(of: record.painEntries)
        self.exerciseRules = exerciseRules
    }

    /// The entries of her first week, the baseline (`PainTrend.baselineWeek`), or of her first 7 days of
    /// entries while she has no such week.
    public static func firstWeek(of entries: [PainEntry]) -> [PainEntry] {
        guard let start = PainTrend.baselineWeek(of: PainTrend.daily(entries)).first?.date ?? entries.map(\.date).min() else { return [] }
        return entries.filter { $0.date >= start && $0.date < start.adding(days: 7) }
    }

    /// The first day the sessions must reach back to: 120 days ago, or the start of the program when earlier.
    public static func sessionsFrom(program: Program, today: CalendarDate) -> CalendarDate {
        let window = today.adding(days: -historyDays)
        guard let start = program.weeks.map(\.starts).min() else { return window }
        return min(window, start)
    }

    /// Reads a snapshot from `store` in one read transaction (`RecordStore.snapshot(clock:)`).
    public static func load(from store: any RecordStore, clock: PortalClock) throws -> PortalSnapshot {
        try store.snapshot(clock: clock)
    }

    /// Figures of this snapshot as it is now; replaced whenever any part of it changes.
    private var figures = Figures()

    public var today: CalendarDate { clock.today }
    /// Every check-in she has made, the older ones included.
    public var quizResultCount: Int { quizResults.count + olderQuizResults }
    /// What her stage, as it is now, holds back of her program (`PrescriptionHolds`).
    public var holds: PrescriptionHolds { PrescriptionHolds(patient: patient, rules: exerciseRules, program: program) }
    public var log: ExerciseLog { figures.log { ExerciseLog(program: program, sessions: sessions, holds: holds) } }
    public var trend: PainTrend { figures.trend { PainTrend(entries: painEntries, firstWeek: firstWeekPain) } }
    /// `log.adherenceByWeek(today:)` for this snapshot's today.
    public var adherenceByWeek: [WeekAdherence] { figures.adherence { log.adherenceByWeek(today: today) } }
    /// `log.streak(today:)` for this snapshot's today.
    public var streak: Streak { figures.streak { log.streak(today: today, earlierDays: earlierExerciseDays) } }

    /// Anything worked out from this snapshot alone and `key` (a screen's page laid out at one size, say),
    /// made on first use and kept until the snapshot changes. `key` must name everything else `make` uses.
    public func memo<Key: Hashable & Sendable, Value: Sendable>(_ key: Key, _ make: () -> Value) -> Value {
        figures.memo(key, make)
    }
    /// The week she follows now: week 1 from her first visit's start on its day (`Program.currentWeek(at:firstVisit:)`).
    public var currentWeek: ProgramWeek? { program.currentWeek(at: clock.now, firstVisit: plan?.visits.first) }
    /// (exercises done, exercises prescribed) today, as Home, `portal today` and the brief line count them:
    /// none before the program has started (`currentWeek`).
    public var exercisesToday: (done: Int, prescribed: Int) { currentWeek == nil ? (0, 0) : log.today(today) }
    /// The last day of her program when it has run out (`Program.ranOut(on:)`): her latest week is still the one
    /// shown, but not as this week's, and nothing of it is due.
    public var programRanOut: CalendarDate? { currentWeek == nil ? nil : program.ranOut(on: today) }
    public var nextVisit: Visit? { plan?.nextVisit(after: clock.now) }
    public func entries(on day: CalendarDate) -> [PainEntry] { painEntries.filter { $0.date == day } }

    /// On a day she reported a sign that means stopping exercise (today or yesterday), the message that says so;
    /// nil otherwise. Worked out once per snapshot and kept with its figures (the Exercises screen and the timer
    /// ask on every frame): `guide` is the content's one safety guide, read only the first time and only when a
    /// sign was reported in those days.
    public func exerciseStop(guide: @autoclosure () -> SafetyGuide) -> SafetyAlert? {
        figures.exerciseStop {
            guard SafetyRules.anySignReported(entries: painEntries, reports: signReports, checkIns: quizResults, today: today) else { return nil }
            return SafetyRules.exerciseStop(entries: painEntries, reports: signReports, checkIns: quizResults, guide: guide(), today: today)
        }
    }

    /// Her check-ins' answers that report a sign (`SafetyGuide.signs(in:)`: burning when peeing) in the days her
    /// warning signs are listed (`historyDays` up to `today`), newest first: she is told them as a reported sign, so
    /// the Warning signs list (`w`, `r`) and `portal signs --list` list them with the signs she reported, each on
    /// its day (a check-in keeps no time), said as a check-in's.
    public func checkInSigns(guide: SafetyGuide, today: CalendarDate? = nil) -> [(date: CalendarDate, signs: [WarningSign])] {
        let today = today ?? self.today
        let from = today.adding(days: -Self.historyDays)
        return quizResults.filter { $0.date >= from && $0.date <= today }.sorted { $0.date > $1.date }.compactMap { c in
            let signs = guide.signs(in: c)
            return signs.isEmpty ? nil : (c.date, signs)
        }
    }

    /// The alerts of the last two days, said to `viewer`: to the patient herself, or to her therapist reading
    /// her chart ("She reported: …", with what the portal told her). Her therapist is alerted to every sign of
    /// her chart's days and only to the signs no review of hers covers yet (`PatientRecord.review(of:)`), as her caseload flags them: once she reviews
    /// them the alert goes (the signs stay listed under w, with who reviewed them); a high pain score stays.
    ///
    /// Her own check-ins' answers that report a sign (`WarningSign.checkInAnswers`, QA I8) and a high pain with a
    /// bowel movement (QA I13) are said to her as a reported sign and a high score are, and to her therapist too:
    /// a check-in has no place a review covers, so its signs are said to her therapist for as long as to her (two
    /// days), as a high score is (her caseload row says them for a week: `CaseloadReason.checkInSigns`).
    public func safetyAlerts(guide: SafetyGuide, viewer: Viewer = .patient) -> [SafetyAlert] {
        guard viewer.isTherapist else {
            return SafetyRules.alerts(for: painEntries, sessions: sessions, reports: signReports, checkIns: quizResults, bowel: record.bowelEntries,
                                      guide: guide, today: today, viewer: viewer)
        }
        let entered = record.signsEntered
        // A row's signs are reviewed when the review of a sign at its place would be found (one rule, the record's).
        func reviewed(_ date: CalendarDate, _ time: TimeOfDay, _ place: Int64?) -> Bool {
            record.review(of: ReportedSign(date: date, time: time, sign: "", painScore: nil, entered: place)) != nil
        }
        let entries = painEntries.map { e -> PainEntry in
            var e = e
            if reviewed(e.date, e.time, e.id.flatMap { entered.painEntries[$0] }) { e.warningSigns = [] }
            return e
        }
        let reports = signReports.filter { r in !reviewed(r.date, r.time, r.id.flatMap { entered.signReports[$0] }) }
        // Every sign no review covers, whatever its day in her chart's days (QA M3: eleven signs she had just
        // reported for earlier days were left out, as the caseload and w listed them); no longer two days only.
        return SafetyRules.alerts(for: entries, sessions: sessions, reports: reports, checkIns: quizResults, bowel: record.bowelEntries,
                                  guide: guide, today: today, viewer: viewer, signsSince: today.adding(days: -Self.historyDays))
    }
}

extension PortalSnapshot {
    /// The figures of one snapshot, each worked out on first use. A class, so a snapshot passed by value
    /// still shares what was worked out; locked, because a snapshot may be read on more than one thread.
    final class Figures: @unchecked Sendable {
        private let lock = NSLock()
        private var cachedLog: ExerciseLog?
        private var cachedTrend: PainTrend?
        private var cachedAdherence: [WeekAdherence]?
        private var cachedStreak: Streak?
        private var cachedExerciseStop: SafetyAlert??

        /// The value in `slot`, made by `make` the first time. `make` runs outside the lock (it may ask for
        /// another figure); two threads racing may both make it, and both get the same value.
        private func value<T>(_ slot: ReferenceWritableKeyPath<Figures, T?>, _ make: () -> T) -> T {
            lock.lock()
            let kept = self[keyPath: slot]
            lock.unlock()
            if let kept { return kept }
            let made = make()
            lock.lock()
            defer { lock.unlock() }
            if let kept = self[keyPath: slot] { return kept }
            self[keyPath: slot] = made
            return made
        }

        /// Values of `memo(_:_:)`, by key; a few sizes of a few screens, cleared if a long run of resizes
        /// ever fills it.
        private var memos: [AnyHashable: any Sendable] = [:]
        private static let memoLimit = 64

        func memo<Key: Hashable & Sendable, Value: Sendable>(_ key: Key, _ make: () -> Value) -> Value {
            let k = AnyHashable(key)
            lock.lock()
            let kept = memos[k] as? Value
            lock.unlock()
            if let kept { return kept }
            let made = make()
            lock.lock()
            defer { lock.unlock() }
            if memos.count >= Self.memoLimit { memos.removeAll() }
            memos[k] = made
            return made
        }

        func log(_ make: () -> ExerciseLog) -> ExerciseLog { value(\.cachedLog, make) }
        func trend(_ make: () -> PainTrend) -> PainTrend { value(\.cachedTrend, make) }
        func adherence(_ make: () -> [WeekAdherence]) -> [WeekAdherence] { value(\.cachedAdherence, make) }
        func streak(_ make: () -> Streak) -> Streak { value(\.cachedStreak, make) }
        func exerciseStop(_ make: () -> SafetyAlert?) -> SafetyAlert? { value(\.cachedExerciseStop, make) }
    }
}
