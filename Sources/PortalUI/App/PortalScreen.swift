import PortalCore

/// One screen: its state, how it reacts to keys and to finished effects, and how it draws. Every method is
/// pure: effects leave through `Reaction`, the runtime does them, results come back as calls to `completed`.
public protocol PortalScreen: Sendable, Equatable {
    /// Shown in the title bar.
    var title: String { get }
    /// Key hints for the status bar, most important first (narrow terminals drop the last ones).
    func hints(_ ctx: ScreenContext) -> [KeyHint]
    mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction
    /// Time passed; only timers care.
    mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect]
    /// An effect this screen asked for was committed.
    mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction
    func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect)
    /// True while the patient is typing, so letters such as `q` and `?` are text, not commands.
    var capturesText: Bool { get }
    /// True when leaving would lose something typed but not saved.
    var hasUnsavedChanges: Bool { get }
}

extension PortalScreen {
    public mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect] { [] }
    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction { .stay }
    public var capturesText: Bool { false }
    public var hasUnsavedChanges: Bool { false }
}

/// The screens the app can show. An enum of value types, so the whole app state is Equatable and tests can
/// compare it.
public enum ScreenState: Sendable, Equatable {
    case welcome(WelcomeScreen)
    case setup(SetupScreen)
    case home(HomeScreen)
    case logPain(LogPainScreen)
    case warningSigns(WarningSignsScreen)
    case exercises(ExercisesScreen)
    case exerciseDetail(ExerciseDetailScreen)
    case timer(TimerScreen)
    case visits(VisitsScreen)
    case visitDetail(VisitDetailScreen)
    case visitBooking(VisitBookingScreen)
    case progress(ProgressScreen)
    case learn(LearnScreen)
    case reader(ReaderScreen)
    case quiz(QuizScreen)
    case profile(ProfileScreen)

    public var screen: any PortalScreen {
        switch self {
        case .welcome(let s): return s
        case .setup(let s): return s
        case .home(let s): return s
        case .logPain(let s): return s
        case .warningSigns(let s): return s
        case .exercises(let s): return s
        case .exerciseDetail(let s): return s
        case .timer(let s): return s
        case .visits(let s): return s
        case .visitDetail(let s): return s
        case .visitBooking(let s): return s
        case .progress(let s): return s
        case .learn(let s): return s
        case .reader(let s): return s
        case .quiz(let s): return s
        case .profile(let s): return s
        }
    }

    init(_ screen: any PortalScreen) {
        switch screen {
        case let s as WelcomeScreen: self = .welcome(s)
        case let s as SetupScreen: self = .setup(s)
        case let s as HomeScreen: self = .home(s)
        case let s as LogPainScreen: self = .logPain(s)
        case let s as WarningSignsScreen: self = .warningSigns(s)
        case let s as ExercisesScreen: self = .exercises(s)
        case let s as ExerciseDetailScreen: self = .exerciseDetail(s)
        case let s as TimerScreen: self = .timer(s)
        case let s as VisitsScreen: self = .visits(s)
        case let s as VisitDetailScreen: self = .visitDetail(s)
        case let s as VisitBookingScreen: self = .visitBooking(s)
        case let s as ProgressScreen: self = .progress(s)
        case let s as LearnScreen: self = .learn(s)
        case let s as ReaderScreen: self = .reader(s)
        case let s as QuizScreen: self = .quiz(s)
        case let s as ProfileScreen: self = .profile(s)
        default: preconditionFailure("\(type(of: screen)) is not listed in ScreenState")
        }
    }

    /// Runs `body` on the wrapped screen and stores the changed screen back.
    mutating func update<R>(_ body: (inout any PortalScreen) -> R) -> R {
        var s = screen
        let result = body(&s)
        self = ScreenState(s)
        return result
    }
}
