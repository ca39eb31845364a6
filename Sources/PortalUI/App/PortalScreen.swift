import PortalCore

/// One screen: its state, how it reacts to keys and to finished effects, and how it draws. Every method is
/// pure: effects leave through `Reaction`, the runtime does them, results come back as calls to `completed`.
public protocol PortalScreen: Sendable, Equatable {
    /// Shown in the title bar.
    var title: String { get }
    /// Every key of the screen in its current state: what each does, and how the footer and help name it.
    func keyTable(_ ctx: ScreenContext) -> KeyTable<Self>
    /// Key hints for the status bar, most important first (narrow terminals drop the last ones). By
    /// default the key table's footer.
    func hints(_ ctx: ScreenContext) -> [KeyHint]
    /// What `?` lists for this screen: by default every key in the key table.
    func helpRows(_ ctx: ScreenContext) -> [HelpRow]
    /// By default the key table answers the key; a screen with something to do around every key (clear a
    /// notice, scroll to the focus) wraps the table's answer.
    mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction
    /// Time passed; only timers care.
    mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect]
    /// True while `tick` changes this screen faster than once a second (a running exercise timer): the front
    /// end then ticks four times a second, and otherwise once, so an idle portal wakes up less.
    var ticksQuickly: Bool { get }
    /// An effect this screen asked for was committed.
    mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction
    /// An effect this screen asked for failed and nothing was saved. The app shows the error's text in its
    /// message line, unless the screen shows it itself (`shownProblem`): a form puts it under its fields, beside
    /// `error.field`.
    mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction
    /// The problem the screen shows in its own place now ("Problem: …" under a form), nil when none. A store's
    /// refusal the screen shows is not shown again in the app's message line: one message, where it takes no
    /// rows from the form.
    var shownProblem: String? { get }
    func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect)
    /// True while the patient is typing, so letters such as `q` and `?` are text, not commands.
    var capturesText: Bool { get }
    /// True when leaving would lose something typed but not saved.
    var hasUnsavedChanges: Bool { get }
    /// True for a page of text to read: the app gives it at most `PortalApp.readingMeasure` columns,
    /// however wide the window, because lines much longer than that are hard to follow.
    var isReading: Bool { get }
}

extension PortalScreen {
    public func hints(_ ctx: ScreenContext) -> [KeyHint] { keyTable(ctx).footer }
    public func helpRows(_ ctx: ScreenContext) -> [HelpRow] { keyTable(ctx).help }
    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction { keyTable(ctx).handle(key, &self, ctx) }
    public mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect] { [] }
    public var ticksQuickly: Bool { false }
    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction { .stay }
    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction { .stay }
    public var shownProblem: String? { nil }
    public var capturesText: Bool { false }
    public var hasUnsavedChanges: Bool { false }
    public var isReading: Bool { false }
}

/// The screens the app can show. An enum of value types, so the whole app state is Equatable and tests can
/// compare it.
public enum ScreenState: Sendable, Equatable {
    case welcome(WelcomeScreen)
    case setup(SetupScreen)
    case home(HomeScreen)
    case logPain(LogPainScreen)
    case warningSigns(WarningSignsScreen)
    /// The signs she reported lately, and her therapist's review of them.
    case reportedSigns(ReportedSignsScreen)
    case exercises(ExercisesScreen)
    case exerciseDetail(ExerciseDetailScreen)
    case sessionLog(SessionLogScreen)
    case timer(TimerScreen)
    case visits(VisitsScreen)
    case visitDetail(VisitDetailScreen)
    case visitBooking(VisitBookingScreen)
    case progress(ProgressScreen)
    case learn(LearnScreen)
    case reader(ReaderScreen)
    /// Any questionnaire of the engine: an outcome measure, or the pelvic-floor check-in.
    case measure(MeasureScreen)
    case measures(MeasuresScreen)
    case bladderDiary(BladderDiaryScreen)
    case bowelLog(BowelLogScreen)
    case profile(ProfileScreen)
    /// The reminders she sets, under About me.
    case reminders(RemindersScreen)
    /// Her questions for the visit (hers to ask; her therapist's to answer in a clinic).
    case questions(QuestionsScreen)
    case share(ShareScreen)
    /// The therapist's: her caseload (the bottom of her stack), and a patient's report read on screen.
    case caseload(CaseloadScreen)
    case report(ReportScreen)
    /// The therapist's: next week's program for the patient whose chart is open, and the library to add from.
    case programEditor(ProgramEditorScreen)
    case exercisePicker(ExercisePickerScreen)

    /// Which screen this is, without its state. `Kind.allCases` is the list of the portal's screens, which the
    /// tests walk (every screen at every size); a case added to `ScreenState` does not compile until it has
    /// its kind here.
    public enum Kind: String, CaseIterable, Sendable {
        case welcome, setup, home, logPain, warningSigns, reportedSigns, exercises, exerciseDetail, sessionLog, timer, visits, visitDetail,
             visitBooking, progress, learn, reader, measure, measures, bladderDiary, bowelLog, profile, reminders, questions, share, caseload,
             report, programEditor, exercisePicker
    }

    public var kind: Kind {
        switch self {
        case .welcome: return .welcome
        case .setup: return .setup
        case .home: return .home
        case .logPain: return .logPain
        case .warningSigns: return .warningSigns
        case .reportedSigns: return .reportedSigns
        case .exercises: return .exercises
        case .exerciseDetail: return .exerciseDetail
        case .sessionLog: return .sessionLog
        case .timer: return .timer
        case .visits: return .visits
        case .visitDetail: return .visitDetail
        case .visitBooking: return .visitBooking
        case .progress: return .progress
        case .learn: return .learn
        case .reader: return .reader
        case .measure: return .measure
        case .measures: return .measures
        case .bladderDiary: return .bladderDiary
        case .bowelLog: return .bowelLog
        case .profile: return .profile
        case .reminders: return .reminders
        case .questions: return .questions
        case .share: return .share
        case .caseload: return .caseload
        case .report: return .report
        case .programEditor: return .programEditor
        case .exercisePicker: return .exercisePicker
        }
    }

    public var screen: any PortalScreen {
        switch self {
        case .welcome(let s): return s
        case .setup(let s): return s
        case .home(let s): return s
        case .logPain(let s): return s
        case .warningSigns(let s): return s
        case .reportedSigns(let s): return s
        case .exercises(let s): return s
        case .exerciseDetail(let s): return s
        case .sessionLog(let s): return s
        case .timer(let s): return s
        case .visits(let s): return s
        case .visitDetail(let s): return s
        case .visitBooking(let s): return s
        case .progress(let s): return s
        case .learn(let s): return s
        case .reader(let s): return s
        case .measure(let s): return s
        case .measures(let s): return s
        case .bladderDiary(let s): return s
        case .bowelLog(let s): return s
        case .profile(let s): return s
        case .reminders(let s): return s
        case .questions(let s): return s
        case .share(let s): return s
        case .caseload(let s): return s
        case .report(let s): return s
        case .programEditor(let s): return s
        case .exercisePicker(let s): return s
        }
    }

    /// Called on the screen that comes back on top when `closed` is closed over it, so a list can follow
    /// what the patient moved to on the screen above (the visit shown last in Visit detail).
    mutating func returned(from closed: ScreenState, _ ctx: ScreenContext) {
        if case .visits(var list) = self, case .visitDetail(let detail) = closed {
            list.select(number: detail.number, ctx)
            self = .visits(list)
        }
        // The exercise chosen from the library goes into the week being written.
        if case .programEditor(var editor) = self, case .exercisePicker(let picker) = closed, let id = picker.chosen {
            editor.add(id, ctx)
            self = .programEditor(editor)
        }
    }

    /// Runs `change` on the wrapped screen and stores the changed screen back in its own case. The switch
    /// is exhaustive, so a screen added to the enum but not here is a compile error, not a crash.
    mutating func update<C: ScreenChange>(_ change: C) -> C.Result {
        switch self {
        case .welcome(var s): defer { self = .welcome(s) }; return change.apply(to: &s)
        case .setup(var s): defer { self = .setup(s) }; return change.apply(to: &s)
        case .home(var s): defer { self = .home(s) }; return change.apply(to: &s)
        case .logPain(var s): defer { self = .logPain(s) }; return change.apply(to: &s)
        case .warningSigns(var s): defer { self = .warningSigns(s) }; return change.apply(to: &s)
        case .reportedSigns(var s): defer { self = .reportedSigns(s) }; return change.apply(to: &s)
        case .exercises(var s): defer { self = .exercises(s) }; return change.apply(to: &s)
        case .exerciseDetail(var s): defer { self = .exerciseDetail(s) }; return change.apply(to: &s)
        case .sessionLog(var s): defer { self = .sessionLog(s) }; return change.apply(to: &s)
        case .timer(var s): defer { self = .timer(s) }; return change.apply(to: &s)
        case .visits(var s): defer { self = .visits(s) }; return change.apply(to: &s)
        case .visitDetail(var s): defer { self = .visitDetail(s) }; return change.apply(to: &s)
        case .visitBooking(var s): defer { self = .visitBooking(s) }; return change.apply(to: &s)
        case .progress(var s): defer { self = .progress(s) }; return change.apply(to: &s)
        case .learn(var s): defer { self = .learn(s) }; return change.apply(to: &s)
        case .reader(var s): defer { self = .reader(s) }; return change.apply(to: &s)
        case .measure(var s): defer { self = .measure(s) }; return change.apply(to: &s)
        case .measures(var s): defer { self = .measures(s) }; return change.apply(to: &s)
        case .bladderDiary(var s): defer { self = .bladderDiary(s) }; return change.apply(to: &s)
        case .bowelLog(var s): defer { self = .bowelLog(s) }; return change.apply(to: &s)
        case .profile(var s): defer { self = .profile(s) }; return change.apply(to: &s)
        case .reminders(var s): defer { self = .reminders(s) }; return change.apply(to: &s)
        case .questions(var s): defer { self = .questions(s) }; return change.apply(to: &s)
        case .share(var s): defer { self = .share(s) }; return change.apply(to: &s)
        case .caseload(var s): defer { self = .caseload(s) }; return change.apply(to: &s)
        case .report(var s): defer { self = .report(s) }; return change.apply(to: &s)
        case .programEditor(var s): defer { self = .programEditor(s) }; return change.apply(to: &s)
        case .exercisePicker(var s): defer { self = .exercisePicker(s) }; return change.apply(to: &s)
        }
    }
}

/// Something done to whichever screen is on top, written once for every screen type (a closure cannot be
/// generic, so each change is a small value with a generic method).
protocol ScreenChange {
    associatedtype Result
    func apply<S: PortalScreen>(to screen: inout S) -> Result
}

/// A key for the screen.
struct HandleKey: ScreenChange {
    let key: Key
    let context: ScreenContext
    func apply<S: PortalScreen>(to screen: inout S) -> Reaction { screen.handle(key, context) }
}

/// Time passed.
struct Tick: ScreenChange {
    let seconds: Double
    let context: ScreenContext
    func apply<S: PortalScreen>(to screen: inout S) -> [Effect] { screen.tick(seconds, context) }
}

/// An effect the screen asked for was committed.
struct Completed: ScreenChange {
    let effect: Effect
    let context: ScreenContext
    func apply<S: PortalScreen>(to screen: inout S) -> Reaction { screen.completed(effect, context) }
}

/// An effect the screen asked for failed; nothing was saved.
struct Failed: ScreenChange {
    let effect: Effect
    let error: PortalError
    let context: ScreenContext
    func apply<S: PortalScreen>(to screen: inout S) -> Reaction { screen.failed(effect, error, context) }
}
