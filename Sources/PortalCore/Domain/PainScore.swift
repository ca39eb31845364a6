/// A pain score she gave, in Log pain (a pain entry) or during an exercise (a session's pain). Pain is pain
/// wherever it was said: the safety message, Home's pain today and the report's days of high pain take both
/// from here, so no place leaves one of them out.
public struct PainScore: Sendable, Hashable {
    public var date: CalendarDate
    /// The time of a pain entry; nil for pain during an exercise (a session keeps its day only).
    public var time: TimeOfDay?
    public var score: Int
    /// The exercise it was felt during; nil for a pain entry.
    public var exerciseID: String?

    public init(date: CalendarDate, time: TimeOfDay? = nil, score: Int, exerciseID: String? = nil) {
        self.date = date
        self.time = time
        self.score = score
        self.exerciseID = exerciseID
    }

    /// Every score of `entries` and `sessions` (those with a pain said), oldest day first; on a day, the
    /// entries in their time order, then the exercises.
    public static func all(entries: [PainEntry], sessions: [ExerciseSession]) -> [PainScore] {
        let logged = entries.map { PainScore(date: $0.date, time: $0.time, score: $0.score) }
        let during = sessions.compactMap { s in s.pain.map { PainScore(date: s.date, score: $0, exerciseID: s.exerciseID) } }
        return (logged + during).enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            switch (a.element.time, b.element.time) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// True for a score that raises the "contact your provider" message (`SafetyRules.highPainScore`).
    public var isHigh: Bool { score >= SafetyRules.highPainScore }

    /// The days with a high score, oldest first, each with its highest score.
    public static func highDays(_ scores: [PainScore]) -> [(date: CalendarDate, max: Int)] {
        var days: [(date: CalendarDate, max: Int)] = []
        for s in scores where s.isHigh {
            if let i = days.firstIndex(where: { $0.date == s.date }) { days[i].max = max(days[i].max, s.score) } else { days.append((s.date, s.score)) }
        }
        return days.sorted { $0.date < $1.date }
    }
}
