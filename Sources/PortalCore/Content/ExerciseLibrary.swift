import Foundation

/// The exercises the portal knows, from `Resources/exercises.json`. Names and rules (what Home, its counts
/// and the program checks need) are read at once; the whole exercises (steps, cues, precautions) on first use.
public struct ExerciseLibrary: Sendable {
    private struct Whole: Sendable {
        var list: [Exercise]
        var byID: [String: Exercise]
    }
    private let names: [String: String]
    /// Each exercise's rules (`ExerciseRule`), by id: only the exercises that have any.
    public let rules: ExerciseRules
    private let whole: OnFirstUse<Whole>

    public init(exercises: [Exercise]) {
        names = Dictionary(exercises.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        rules = ExerciseRules(Dictionary(exercises.filter { !$0.rules.isEmpty }.map { ($0.id, $0.rules) }, uniquingKeysWith: { a, _ in a }),
                              categories: Dictionary(exercises.map { ($0.id, $0.category) }, uniquingKeysWith: { a, _ in a }))
        whole = OnFirstUse(value: Self.whole(exercises))
    }

    /// The names and rules now, the rest when first asked for.
    init(names: [String: String], rules: ExerciseRules, exercises: @escaping @Sendable () -> [Exercise]) {
        self.names = names
        self.rules = rules
        whole = OnFirstUse { Self.whole(exercises()) }
    }

    private static func whole(_ exercises: [Exercise]) -> Whole {
        Whole(list: exercises, byID: Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    public var exercises: [Exercise] { whole.value.list }

    public func exercise(_ id: String) -> Exercise? { whole.value.byID[id] }

    /// True when the library has an exercise with this id (without decoding the exercises).
    public func knows(_ id: String) -> Bool { names[id] != nil }

    /// The exercise's name, or its id when the library does not know it.
    public func name(_ id: String) -> String { names[id] ?? id }
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

/// The care plan's template: its six visits and what comes after them (`Resources/care-plan.json`).
struct CarePlanTemplate: Sendable, Hashable {
    var visits: [VisitTemplate]
    var afterPlan: String
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
    /// Exercises this family leads: in a merged program they enter only when this family prescribes them, at
    /// its dose (pelvic pain leads the squeezes, so relaxation comes first whatever else she has).
    public var leads: [String] = []
    /// Why, in a sentence for the week's note when a lead holds another family's exercise back.
    public var principle: String = ""
    /// Set on the family whose core exercises every program carries (the pelvic floor: NICE NG210 encourages
    /// pelvic floor muscle training for everyone during pregnancy and after birth): the sentence said in the
    /// first week, when her own families have none of those exercises. Empty for the others.
    public var forEveryone: String = ""
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
    /// Works on the UTF-8 bytes: the header is ASCII by design, and splitting and trimming whole articles with
    /// Foundation's string calls made up almost half of the portal's start-up.
    public static func parse(id: String, text: String) throws -> Article {
        let source = text.utf8.contains(13) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        let bytes = Array(source.utf8)
        var header: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let line = bytes[i..<end]
            if String.trimmed(line, newlines: false).isEmpty { break }
            guard let colon = line.firstIndex(of: 58) else {
                throw PortalError.invalidInput("Article \(id): header line “\(String(decoding: line, as: UTF8.self))” has no “name:”.")
            }
            header[String.trimmed(bytes[i..<colon], newlines: false).lowercased()] = String.trimmed(bytes[(colon + 1)..<end], newlines: false)
            i = end + 1
        }
        guard let title = header["title"], !title.isEmpty else { throw PortalError.invalidInput("Article \(id) has no title.") }
        return Article(id: id, title: title,
                       tags: (header["tags"] ?? "").split(separator: ",").map { String.trimmed(ArraySlice($0.utf8), newlines: false) }.filter { !$0.isEmpty },
                       minutes: Int(header["minutes"] ?? "") ?? 3, summary: header["summary"] ?? "",
                       body: String.trimmed(bytes[min(i, bytes.count)...], newlines: true))
    }
}

extension String {
    /// `bytes` as text without leading and trailing white space (and line breaks, with `newlines`), the same
    /// as `trimmingCharacters(in:)` with `.whitespaces` or `.whitespacesAndNewlines`: ASCII white space is
    /// cut from the bytes, and Foundation is asked only when a non-ASCII character is left at either end.
    static func trimmed(_ bytes: ArraySlice<UInt8>, newlines: Bool) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || (newlines && (10...13).contains(b)) }
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        let text = String(decoding: bytes[lo..<hi], as: UTF8.self)
        guard lo < hi, bytes[lo] >= 0x80 || bytes[hi - 1] >= 0x80 else { return text }
        return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
