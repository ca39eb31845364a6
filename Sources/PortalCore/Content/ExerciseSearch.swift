import Foundation

extension ExerciseLibrary {
    /// The exercises that match `query` by name, by a condition they are for, or by category: every word of the
    /// query is found in one of those (case and accents aside), so "hip strength" finds the strength exercises
    /// for hip pain. Those whose name holds the query come first, then the rest, each in the library's order.
    /// An empty query gives the whole library.
    public func search(_ query: String) -> [Exercise] {
        let words = query.split(whereSeparator: { $0.isWhitespace }).map { Self.folded(String($0)) }
        guard !words.isEmpty else { return exercises }
        let phrase = words.joined(separator: " ")
        var byName: [Exercise] = [], others: [Exercise] = []
        for e in exercises {
            let name = Self.folded(e.name)
            let about = ([name, e.id, e.category.title, e.category.rawValue]
                         + e.conditions.flatMap { [$0.title, $0.rawValue] }).map(Self.folded).joined(separator: " | ")
            guard words.allSatisfy({ about.contains($0) }) else { continue }
            if name.contains(phrase) { byName.append(e) } else { others.append(e) }
        }
        return byName + others
    }

    /// Text as the search compares it: lower case, without accents.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
