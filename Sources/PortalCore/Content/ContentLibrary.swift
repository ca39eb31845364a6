import Foundation
import PortalContent

/// Everything in `Resources/`: exercises, the care-plan and program templates, articles, the quiz and the
/// safety guide. Loaded once at start-up; a broken file is reported with its name.
public struct ContentLibrary: Sendable {
    public let exercises: ExerciseLibrary
    public let carePlan: [VisitTemplate]
    public let programs: [ProgramTemplate]
    public let articles: [Article]
    public let quiz: Quiz
    public let safety: SafetyGuide

    /// Loads the content bundled with the portal. (The executable may load another folder with
    /// `init(folder:)`, for trying out edits.)
    public static func bundled() throws -> ContentLibrary {
        guard let url = PortalContent.resourcesURL else {
            throw PortalError.storage("The portal's content folder is missing; reinstall the portal.")
        }
        return try ContentLibrary(folder: url)
    }

    public init(folder: URL) throws {
        let decoder = JSONDecoder()
        func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            let url = folder.appendingPathComponent(name)
            do {
                return try decoder.decode(T.self, from: Data(contentsOf: url))
            } catch let error as DecodingError {
                throw PortalError.invalidInput("Content file \(name) is broken: \(Self.describe(error)).")
            } catch {
                throw PortalError.storage("Cannot read content file \(url.path): \(error.localizedDescription)")
            }
        }
        struct ExercisesFile: Decodable { var exercises: [Exercise] }
        struct CarePlanFile: Decodable { var visits: [VisitTemplate] }
        exercises = ExerciseLibrary(exercises: try load(ExercisesFile.self, "exercises.json").exercises)
        carePlan = try load(CarePlanFile.self, "care-plan.json").visits.sorted { $0.number < $1.number }
        quiz = try load(Quiz.self, "quiz.json")
        safety = try load(SafetyGuide.self, "safety.json")

        let fm = FileManager.default
        let programsDir = folder.appendingPathComponent("programs")
        var programs: [ProgramTemplate] = []
        for name in (try? fm.contentsOfDirectory(atPath: programsDir.path))?.sorted() ?? [] where name.hasSuffix(".json") {
            let data = try Data(contentsOf: programsDir.appendingPathComponent(name))
            programs.append(try Self.program(data, file: "programs/\(name)", library: exercises))
        }
        self.programs = programs

        let articlesDir = folder.appendingPathComponent("articles")
        articles = try ((try? fm.contentsOfDirectory(atPath: articlesDir.path)) ?? []).sorted()
            .filter { $0.hasSuffix(".md") }
            .map { name in
                let text = try String(contentsOf: articlesDir.appendingPathComponent(name), encoding: .utf8)
                return try Article.parse(id: String(name.dropLast(3)), text: text)
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
        if let unknown = core.first(where: { library.exercise($0) == nil }) {
            throw PortalError.invalidInput("Content file \(file): core exercise “\(unknown)” is not in exercises.json.")
        }
        return ProgramTemplate(family: family, title: dict["title"] as? String ?? family,
                               stage: SignStage(rawValue: dict["stage"] as? String ?? "any") ?? .any,
                               conditions: (dict["conditions"] as? [String] ?? []).compactMap(Condition.init(rawValue:)),
                               weeks: parsed, core: core)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c)).\(key.stringValue) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
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

/// The pelvic-floor screening questions (`Resources/quiz.json`).
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
}
