import Foundation
import PortalContent

/// Everything in `Resources/`: exercises, the care-plan and program templates, articles, the quiz and the
/// safety guide. The safety guide and the exercise names are read when the library is made; the rest is
/// decoded the first time a screen or command asks for it, so the first Home does not pay for articles,
/// programs and the quiz (they were most of the start-up). `check()` decodes everything: tests and
/// `init(folder:)` use it, so a broken file is still found, and named, before anyone reads it.
public struct ContentLibrary: Sendable {
    private let folder: ContentFolder
    private let lazyExercises: OnFirstUse<ExerciseLibrary>
    private let lazyCarePlan: OnFirstUse<CarePlanTemplate>
    private let lazyPrograms: OnFirstUse<[ProgramTemplate]>
    private let lazyArticles: OnFirstUse<[Article]>
    private let lazyQuiz: OnFirstUse<Quiz>
    private let lazyMeasures: OnFirstUse<[Measure]>
    private let lazyTimings: OnFirstUse<[MeasureTiming]>
    /// Read at once: Home and the pain log show its warnings, and a broken guide must stop the start.
    public let safety: SafetyGuide

    public var exercises: ExerciseLibrary { lazyExercises.value }
    public var carePlan: [VisitTemplate] { lazyCarePlan.value.visits }
    /// What comes after the six visits, in the care plan's words (`afterPlan` in `care-plan.json`): Home says it
    /// once every visit is done. The one place these words live.
    public var afterCarePlan: String { lazyCarePlan.value.afterPlan }
    public var programs: [ProgramTemplate] { lazyPrograms.value }
    public var articles: [Article] { lazyArticles.value }
    /// The pelvic-floor check-in in the shape the older code reads it: made from its measure file.
    public var quiz: Quiz { lazyQuiz.value }
    /// The outcome measures and check-ins (`measures/*.json`), in file-name order.
    public var measures: [Measure] { lazyMeasures.value }
    public func measure(_ id: String) -> Measure? { measures.first { $0.id == id } }
    /// When each questionnaire is due and how long it takes (`MeasureSchedule.due`), in file-name order: taken
    /// from the measures once they are decoded, so every screen then agrees with them; before that, read from
    /// the same files for these keys alone, so Home's "To do" line decodes no whole questionnaire.
    public var measureTimings: [MeasureTiming] { lazyMeasures.ifMade?.map(\.timing) ?? lazyTimings.value }

    /// The content files found broken so far, each error naming its file. A piece decoded on first use
    /// cannot throw where it is read: a broken one is left out (an article, a program) or replaced by a
    /// short text saying it could not be read (the quiz), and its error is kept here for the caller to report.
    public var problems: [PortalError] { folder.problems }

    /// Loads the content bundled with the portal, every piece checked. (The executable may load another
    /// folder with `init(folder:)`, for trying out edits.)
    public static func bundled() throws -> ContentLibrary {
        try ContentLibrary(folder: try bundledFolder(), remedy: bundledRemedy)
    }

    /// The bundled content, each piece decoded on first use (the full-screen portal's start).
    public static func bundledOnDemand() throws -> ContentLibrary {
        try ContentLibrary(onDemand: try bundledFolder(), remedy: bundledRemedy)
    }

    /// The bundled safety guide alone: for text made at every start (`portal signs --help`'s list, which the
    /// argument parser builds whatever the command), never the whole content decoded and checked for it.
    public static func bundledSafety() throws -> SafetyGuide {
        let folder = ContentFolder(try bundledFolder(), remedy: bundledRemedy)
        try folder.checkFolder()
        guard let safety = folder.decode(SafetyGuide.self, "safety.json") else { throw folder.problems[0] }
        return safety
    }

    private static func bundledFolder() throws -> URL {
        guard let url = PortalContent.resourcesURL else {
            throw PortalError.storage("The portal's content folder (\(PortalContent.bundleName), beside the portal's program) is missing; reinstall the portal.")
        }
        return url
    }

    /// What she is told to do when the portal's own content cannot be read.
    public static let bundledRemedy = "This folder is the portal's own content: reinstall the portal, or ask whoever installed it to make the folder readable."
    /// What she is told to do when a content folder other than the portal's own cannot be read.
    public static let folderRemedy = "Give a readable copy of the portal's Resources folder."

    /// The content in `folder`, every piece decoded and checked now: the first broken file is thrown.
    /// `remedy`: what she can do when the folder or a file of it cannot be read.
    public init(folder: URL, remedy: String? = nil) throws {
        try self.init(onDemand: folder, remedy: remedy)
        try check()
    }

    /// The content in `folder`: the safety guide and the exercise names now (a folder that cannot be read, or
    /// a broken safety guide, is thrown), everything else on first use.
    public init(onDemand url: URL, remedy: String? = nil) throws {
        let folder = ContentFolder(url, remedy: remedy ?? Self.folderRemedy)
        try folder.checkFolder()
        self.folder = folder
        guard let safety = folder.decode(SafetyGuide.self, "safety.json") else { throw folder.problems[0] }
        self.safety = safety
        struct Named: Decodable { var id: String; var name: String; var category: String?; var rules: [ExerciseRule]? }
        struct NamesFile: Decodable { var exercises: [Named] }
        struct ExercisesFile: Decodable { var exercises: [Exercise] }
        struct CarePlanFile: Decodable { var visits: [VisitTemplate]; var afterPlan: String }
        let names = folder.decode(NamesFile.self, "exercises.json")?.exercises ?? []
        let rules = ExerciseRules(Dictionary(names.compactMap { n in n.rules.flatMap { $0.isEmpty ? nil : (n.id, $0) } }, uniquingKeysWith: { a, _ in a }),
                                  categories: Dictionary(names.compactMap { n in n.category.flatMap(ExerciseCategory.init(rawValue:)).map { (n.id, $0) } },
                                                         uniquingKeysWith: { a, _ in a }))
        let library = ExerciseLibrary(names: Dictionary(names.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }), rules: rules) {
            folder.decode(ExercisesFile.self, "exercises.json")?.exercises ?? []
        }
        lazyExercises = OnFirstUse(value: library)
        lazyCarePlan = OnFirstUse {
            let file = folder.decode(CarePlanFile.self, "care-plan.json")
            return CarePlanTemplate(visits: (file?.visits ?? []).sorted { $0.number < $1.number }, afterPlan: file?.afterPlan ?? "")
        }
        let measures = OnFirstUse<[Measure]> {
            folder.files(in: "measures", ending: ".json").compactMap { name in
                folder.attempt {
                    guard let m = folder.decode(Measure.self, "measures/\(name)") else { return nil }
                    try m.check(file: "measures/\(name)")
                    return m
                }.flatMap { $0 }
            }
        }
        lazyMeasures = measures
        lazyTimings = OnFirstUse {
            folder.files(in: "measures", ending: ".json").compactMap { name in
                // The id is its file's name, as `Measure.check` requires of the whole measure.
                folder.decode(MeasureTiming.self, "measures/\(name)").flatMap { "\($0.id).json" == name ? $0 : nil }
            }
        }
        lazyQuiz = OnFirstUse {
            measures.value.first { $0.id == Measure.checkInID }.map(Quiz.init(measure:)) ?? Quiz(
                title: "Pelvic-floor check-in",
                intro: "The questions could not be read (the portal's file measures/\(Measure.checkInID).json is damaged). Reinstalling the portal brings them back.",
                questions: [], areas: [], allClear: "")
        }
        lazyPrograms = OnFirstUse {
            folder.files(in: "programs", ending: ".json").compactMap { name in
                folder.attempt { try Self.program(try folder.data("programs/\(name)"), file: "programs/\(name)", library: library) }
            }
        }
        lazyArticles = OnFirstUse {
            folder.files(in: "articles", ending: ".md").compactMap { name in
                folder.attempt {
                    guard let text = String(data: try folder.data("articles/\(name)"), encoding: .utf8) else {
                        throw PortalError.invalidInput("Content file articles/\(name) is not UTF-8 text.")
                    }
                    return try Article.parse(id: String(name.dropLast(3)), text: text)
                }
            }
        }
    }

    /// Decodes every piece now and throws the first broken file's error.
    public func check() throws {
        _ = (exercises.exercises, carePlan, programs, articles, quiz, measures)
        if let first = problems.first { throw first }
        if let unknown = safety.leakPointers.first(where: { safety.sign($0.sign) == nil }) {
            throw PortalError.invalidInput("Content file safety.json: leak pointer to “\(unknown.sign)”, which is not one of its signs.")
        }
        let questions = Set(measure(Measure.checkInID)?.items.map(\.id) ?? [])
        if let unknown = safety.leakPointers.flatMap({ $0.checkInAnswers ?? [] }).first(where: { !questions.contains($0) }) {
            throw PortalError.invalidInput("Content file safety.json: leak pointer for the check-in question “\(unknown)”, which is not one of its questions.")
        }
    }

    private static func program(_ data: Data, file: String, library: ExerciseLibrary) throws -> ProgramTemplate {
        guard let dict = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let family = dict["family"] as? String, let weeks = dict["weeks"] as? [[String: Any]] else {
            throw PortalError.invalidInput("Content file \(file) is not a program template.")
        }
        // Template weeks are dated from a placeholder start; onboarding moves them to the real dates.
        let origin = CalendarDate(year: 2000, month: 1, day: 3)!
        let parsed = try weeks.enumerated().map { i, w in
            try ProgramWeekFile.parse(w, library: library, requireHeader: false,
                                      defaultStart: origin.adding(days: 7 * i), location: "\(file) weeks[\(i)]")
        }
        let core = dict["core"] as? [String] ?? []
        if let unknown = core.first(where: { !library.knows($0) }) {
            throw PortalError.invalidInput("Content file \(file): core exercise “\(unknown)” is not in exercises.json.")
        }
        let leads = dict["leads"] as? [String] ?? []
        if let unknown = leads.first(where: { !library.knows($0) }) {
            throw PortalError.invalidInput("Content file \(file): led exercise “\(unknown)” is not in exercises.json.")
        }
        let forEveryone = dict["forEveryone"] as? String ?? ""
        if !forEveryone.isEmpty && core.isEmpty {
            throw PortalError.invalidInput("Content file \(file): “forEveryone” offers the family's core exercises to everyone, but it has none.")
        }
        // Template weeks are the portal's own, not a therapist's.
        let generated = parsed.map { w -> ProgramWeek in var w = w; w.origin = .generated; return w }
        return ProgramTemplate(family: family, title: dict["title"] as? String ?? family,
                               stage: SignStage(rawValue: dict["stage"] as? String ?? "any") ?? .any,
                               conditions: (dict["conditions"] as? [String] ?? []).compactMap(Condition.init(rawValue:)),
                               weeks: generated, core: core, leads: leads, principle: dict["principle"] as? String ?? "",
                               forEveryone: forEveryone)
    }

    public func article(_ id: String) -> Article? { articles.first { $0.id == id } }

    /// Articles for these conditions first, then the general ones, then the rest.
    public func readingList(for conditions: [Condition]) -> [Article] {
        let wanted = Set(conditions.map(\.rawValue))
        func rank(_ a: Article) -> Int {
            if a.tags.contains(where: wanted.contains) { return 0 }
            if a.tags.contains("safety") || a.tags.contains("general") { return 1 }
            return 2
        }
        return articles.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

/// The pelvic-floor screening questions: the check-in measure (`Resources/measures/pelvic-floor-check-in.json`)
/// seen as yes/no questions grouped in areas, as the exports and the report have always read it.
public struct Quiz: Sendable, Hashable, Codable {
    public struct Question: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var area: String
        public var text: String
    }

    public struct Area: Sendable, Hashable, Codable {
        public var area: String
        public var title: String
        public var suggestion: String
        /// True when the suggestion says to contact the provider now (burning when peeing): shown first, marked.
        public var urgent: Bool?
    }

    public var title: String
    public var intro: String
    public var questions: [Question]
    public var areas: [Area]
    public var allClear: String

    /// The check-in's questions and areas, from its measure: each question in the area (subscale) that
    /// holds it, each area with its suggestion.
    public init(measure m: Measure) {
        title = m.title
        intro = m.intro
        questions = m.items.map { item in
            Question(id: item.id, area: m.subscales.first { $0.items.contains(item.id) }?.id ?? "", text: item.text)
        }
        areas = m.subscales.map { Area(area: $0.id, title: $0.title, suggestion: $0.suggestion ?? "", urgent: $0.urgent) }
        allClear = m.allClear ?? ""
    }

    public init(title: String, intro: String, questions: [Question], areas: [Area], allClear: String) {
        self.title = title
        self.intro = intro
        self.questions = questions
        self.areas = areas
        self.allClear = allClear
    }
}
