import Foundation

/// An outcome measure or check-in as the content file `Resources/measures/ID.json` describes it: its items
/// and answer scales (or the activities she names), how it is scored, its subscales, the recall period, the
/// change that matters, when it is due and for which conditions, each with its source and licence. Code
/// reads it; nothing about a particular measure is written in Swift, so one screen and one scoring function
/// serve them all. A measure never diagnoses: its words say what changed and point to the therapist.
public struct Measure: Sendable, Hashable, Codable, Identifiable {
    /// How she answers: a fixed list of items, or 3–5 activities of her own, each rated.
    public enum Kind: String, Sendable, Hashable, Codable {
        case items
        case activities
    }

    /// How the screen asks: one question at a time, a list of sentences to tick, or activities to name and rate.
    public enum Presentation: String, Sendable, Hashable, Codable {
        case questions
        case checklist
        case activities
    }

    /// Which way a score gets better.
    public enum Better: String, Sendable, Hashable, Codable {
        case higher
        case lower
    }

    /// The answers an item can take: a list of options, each a score and its words.
    public struct Scale: Sendable, Hashable, Codable {
        public struct Option: Sendable, Hashable, Codable {
            public var value: Int
            public var label: String
            /// The key that picks it on screen ("y", "n"); the digits pick options on any scale.
            public var key: String?
        }
        public var options: [Option]

        public var values: [Int] { options.map(\.value) }
        public func option(_ value: Int) -> Option? { options.first { $0.value == value } }

        /// "0 (Does not describe me today) or 1 (Describes me today)": the accepted answers, for messages.
        public var acceptedText: String { accepted(withKeys: false) }

        /// The accepted answers as typed on the command line, where an option's key picks it too:
        /// "1 or y (Ticked: describes me today); 0 or n (Not ticked)".
        public var acceptedTyped: String { accepted(withKeys: true) }

        private func accepted(withKeys: Bool) -> String {
            let parts = options.map { o in
                "\(o.value)" + (withKeys ? o.key.map { " or \($0)" } ?? "" : "") + " (\(o.label))"
            }
            guard parts.count > 1 else { return parts.joined() }
            if withKeys { return parts.joined(separator: "; ") }
            return parts.dropLast().joined(separator: ", ") + " or " + parts.last!
        }
    }

    public struct Item: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var text: String
        /// The key of its scale in `scales`.
        public var scale: String
    }

    /// The activities of an activity-based measure (PSFS): how many, how long a name, and the rating scale.
    public struct Activities: Sendable, Hashable, Codable {
        public var min: Int
        public var max: Int
        /// Longest name, in Unicode scalars (as every text limit of the portal counts).
        public var textLimit: Int
        /// The rating: whole numbers `from`...`to`, with words for the ends.
        public var from: Int
        public var to: Int
        public var lowLabel: String
        public var highLabel: String
        /// What she is asked about each activity.
        public var prompt: String
    }

    public struct Scoring: Sendable, Hashable, Codable {
        public enum Method: String, Sendable, Hashable, Codable {
            /// The answers added up.
            case sum
            /// The mean of the answers (of the activities, for an activity-based measure).
            case mean
        }
        public var method: Method
        /// The score's lowest and highest possible values.
        public var min: Double
        public var max: Double
        public var better: Better
        /// Decimals shown (PSFS's average: 1; a count: 0).
        public var decimals: Int
        /// What follows a score in a sentence: "out of 10 on average", "of 24 statements".
        public var unit: String
        /// A difference of one, and of more: "point" and "points", "yes answer" and "yes answers".
        public var unitSingular: String
        public var unitPlural: String
    }

    /// A group of items scored on its own (the check-in's areas). With a suggestion, it is something to
    /// talk about with the therapist when its score reaches `flagAt`.
    public struct Subscale: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var title: String
        public var items: [String]
        public var method: Scoring.Method
        public var suggestion: String?
        /// The score from which the suggestion is shown (1: any "yes").
        public var flagAt: Int?
        /// True when the suggestion says to contact the provider now: shown first, and marked in words.
        public var urgent: Bool?
    }

    /// The change that matters for this measure, with where that figure comes from.
    public struct ImportantChange: Sendable, Hashable, Codable {
        public var points: Double
        /// How the figure is described to her: "2 points on the average".
        public var text: String
        public var source: String
    }

    /// A fact about the measure and where it comes from (its development paper, its scoring, its licence).
    public struct Source: Sendable, Hashable, Codable {
        public var fact: String
        public var url: String
    }

    public struct Licence: Sendable, Hashable, Codable {
        /// The terms, in a sentence.
        public var text: String
        public var source: String
        /// The copyright line shown with the questionnaire and put in its FHIR Questionnaire.
        public var copyright: String?
    }

    /// LOINC codes for the panel and the score, where they exist; a local code is used where they do not.
    public struct Codes: Sendable, Hashable, Codable {
        public var loincPanel: String?
        public var loincScore: String?
    }

    public var id: String
    public var title: String
    /// A few words for lists and Home: "Activities you find hard".
    public var shortTitle: String
    /// An acronym or short name for tables: "PSFS".
    public var abbreviation: String
    public var kind: Kind
    public var presentation: Presentation
    /// False for the portal's own check-in: no agreed change that matters, so none is claimed.
    public var validated: Bool
    /// About how long it takes, for "about 5 minutes".
    public var minutes: Int
    /// The conditions it is due for at the evaluation, re-evaluation and discharge; empty: everyone.
    public var conditions: [Condition]
    /// The visit kinds at which it is due.
    public var dueAt: [VisitKind]
    /// "today", "the last month": the period her answers are about.
    public var recall: String
    /// Shown before the first item.
    public var intro: String
    /// Shown with the result when nothing is flagged (the check-in's "all clear").
    public var allClear: String?
    public var scales: [String: Scale]
    public var items: [Item]
    public var activities: Activities?
    public var scoring: Scoring
    public var subscales: [Subscale]
    public var importantChange: ImportantChange?
    public var sources: [Source]
    public var licence: Licence
    public var codes: Codes

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
    public func scale(of item: Item) -> Scale? { scales[item.scale] }

    /// When it is due and how long it takes: what the measure schedule reads (`MeasureSchedule.due`).
    public var timing: MeasureTiming { MeasureTiming(id: id, minutes: minutes, conditions: conditions, dueAt: dueAt) }

    /// True when it is due for a patient with these conditions.
    public func fits(_ conditions: [Condition]) -> Bool { timing.fits(conditions) }

    /// Checks that the file is consistent: every item's scale exists, subscales name real items, the
    /// activity settings make sense. A broken measure is refused by name when the content is loaded.
    public func check(file: String) throws {
        func fail(_ text: String) -> PortalError { .invalidInput("Content file \(file): \(text).") }
        guard !id.isEmpty, file.hasSuffix("/\(id).json") || file == "\(id).json" else { throw fail("its id “\(id)” is not its file name") }
        switch kind {
        case .items:
            guard !items.isEmpty else { throw fail("a measure of kind items needs items") }
            guard activities == nil else { throw fail("a measure of kind items has no activities") }
        case .activities:
            guard let a = activities else { throw fail("a measure of kind activities needs activities") }
            guard items.isEmpty else { throw fail("a measure of kind activities has no items") }
            guard 1 <= a.min, a.min <= a.max, a.from < a.to, a.textLimit > 0 else { throw fail("activities are out of order") }
        }
        guard (presentation == .activities) == (kind == .activities) else { throw fail("presentation activities goes with kind activities, and only with it") }
        var seen = Set<String>()
        for item in items {
            guard seen.insert(item.id).inserted else { throw fail("item “\(item.id)” appears twice") }
            guard let scale = scales[item.scale], !scale.options.isEmpty else { throw fail("item “\(item.id)” has no scale “\(item.scale)”") }
            guard Set(scale.values).count == scale.values.count else { throw fail("scale “\(item.scale)” repeats a value") }
            if presentation == .checklist, Set(scale.values) != [0, 1] {
                throw fail("a checklist's items are ticked (1) or not (0); scale “\(item.scale)” has other values")
            }
        }
        for sub in subscales {
            if let unknown = sub.items.first(where: { !seen.contains($0) }) { throw fail("subscale “\(sub.id)” names no item “\(unknown)”") }
        }
        guard scoring.min < scoring.max else { throw fail("scoring.min must be below scoring.max") }
        guard !dueAt.isEmpty else { throw fail("dueAt names no visit") }
        guard !licence.text.isEmpty, !licence.source.isEmpty, !sources.isEmpty else { throw fail("every measure states its licence and sources") }
    }
}
