/// Everything the screens show, read from the store in one read transaction. Screens draw from a snapshot and never
/// touch the store; after every write the runtime loads a new one.
public struct PortalSnapshot: Sendable {
    public var clock: PortalClock
    public var patient: Patient?
    public var plan: CarePlan?
    public var program: Program
    /// Exercise sessions of the last 120 days, and from the start of the program's first week when that is
    /// earlier, so adherence covers every week of the program.
    public var sessions: [ExerciseSession]
    /// Pain entries of the last 120 days.
    public var painEntries: [PainEntry]
    public var readingList: [String]
    public var articlesRead: [String: CalendarDate]
    /// The latest check-ins (at most `latestQuizResults`), oldest first.
    public var quizResults: [QuizResult]
    /// How many check-ins are older than those in `quizResults`: counted, never decoded.
    public var olderQuizResults: Int
    /// Warning signs reported without a pain score, in the last 120 days.
    public var signReports: [SignReport]
    /// Pain entries of the first 7 days of logging (from the first entry ever), however long ago: the baseline
    /// of "change since your first week".
    public var firstWeekPain: [PainEntry]

    public static let historyDays = 120
    /// Check-ins the snapshot decodes: more than a screen lists.
    public static let latestQuizResults = 30

    public init(clock: PortalClock, patient: Patient?, plan: CarePlan?, program: Program, sessions: [ExerciseSession],
                painEntries: [PainEntry], readingList: [String], articlesRead: [String: CalendarDate], quizResults: [QuizResult],
                olderQuizResults: Int = 0, signReports: [SignReport] = [], firstWeekPain: [PainEntry]? = nil) {
        self.clock = clock
        self.patient = patient
        self.plan = plan
        self.program = program
        self.sessions = sessions
        self.painEntries = painEntries
        self.readingList = readingList
        self.articlesRead = articlesRead
        self.quizResults = quizResults
        self.olderQuizResults = olderQuizResults
        self.signReports = signReports
        self.firstWeekPain = firstWeekPain ?? Self.firstWeek(of: painEntries)
    }

    /// The entries of the first 7 days of `entries`.
    public static func firstWeek(of entries: [PainEntry]) -> [PainEntry] {
        guard let start = entries.map(\.date).min() else { return [] }
        return entries.filter { $0.date < start.adding(days: 7) }
    }

    /// The first day the sessions must reach back to: 120 days ago, or the start of the program when earlier.
    public static func sessionsFrom(program: Program, today: CalendarDate) -> CalendarDate {
        let window = today.adding(days: -historyDays)
        guard let start = program.weeks.map(\.starts).min() else { return window }
        return min(window, start)
    }

    /// Reads a snapshot from `store` in one read transaction (`PortalStoring.snapshot(clock:)`).
    public static func load(from store: any PortalStoring, clock: PortalClock) throws -> PortalSnapshot {
        try store.snapshot(clock: clock)
    }

    public var today: CalendarDate { clock.today }
    /// Every check-in she has made, the older ones included.
    public var quizResultCount: Int { quizResults.count + olderQuizResults }
    public var log: ExerciseLog { ExerciseLog(program: program, sessions: sessions) }
    public var trend: PainTrend { PainTrend(entries: painEntries, firstWeek: firstWeekPain) }
    public var currentWeek: ProgramWeek? { program.currentWeek(on: today) }
    public var nextVisit: Visit? { plan?.nextVisit(after: clock.now) }
    public func entries(on day: CalendarDate) -> [PainEntry] { painEntries.filter { $0.date == day } }

    public func safetyAlerts(guide: SafetyGuide) -> [SafetyAlert] {
        SafetyRules.alerts(for: painEntries, reports: signReports, guide: guide, today: today)
    }
}
