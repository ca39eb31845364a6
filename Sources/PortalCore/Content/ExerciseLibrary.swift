import Foundation

/// The exercises the portal knows, from `Resources/exercises.json`.
public struct ExerciseLibrary: Sendable {
    public let exercises: [Exercise]
    private let byID: [String: Exercise]

    public init(exercises: [Exercise]) {
        self.exercises = exercises
        byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func exercise(_ id: String) -> Exercise? { byID[id] }

    /// The exercise's name, or its id when the library does not know it.
    public func name(_ id: String) -> String { byID[id]?.name ?? id }
}

/// One of the six visits in the care-plan template (`Resources/care-plan.json`).
public struct VisitTemplate: Sendable, Codable, Hashable {
    public var number: Int
    public var kind: VisitKind
    public var durationMinutes: Int
    public var mode: VisitMode
    public var weekOffset: Int
    public var focus: String
}

/// A six-week program for one condition family (`Resources/programs/*.json`).
public struct ProgramTemplate: Sendable, Hashable {
    public var family: String
    public var title: String
    public var stage: SignStage
    public var conditions: [Condition]
    public var weeks: [ProgramWeek]
    /// The exercises that treat this family's conditions (for bladder leaks: the pelvic-floor holds and
    /// squeezes). A merged program keeps every one of them that the family's week prescribes.
    public var core: [String] = []
}

/// An education article (`Resources/articles/*.md`).
public struct Article: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var tags: [String]
    public var minutes: Int
    public var summary: String
    /// The body: `## ` headings, `- ` bullets and paragraphs separated by blank lines.
    public var body: String

    public var conditions: [Condition] { tags.compactMap(Condition.init(rawValue:)) }

    /// Parses the header lines (`title:`, `tags:`, `minutes:`, `summary:`), a blank line, then the body.
    public static func parse(id: String, text: String) throws -> Article {
        var header: [String: String] = [:]
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")[...]
        while let line = lines.first, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            lines = lines.dropFirst()
            guard let colon = line.firstIndex(of: ":") else {
                throw PortalError.invalidInput("Article \(id): header line “\(line)” has no “name:”.")
            }
            header[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let title = header["title"], !title.isEmpty else { throw PortalError.invalidInput("Article \(id) has no title.") }
        return Article(id: id, title: title,
                       tags: (header["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                       minutes: Int(header["minutes"] ?? "") ?? 3, summary: header["summary"] ?? "",
                       body: lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
