/// A pain score she gave, in Log pain (a pain entry), during an exercise (a session's pain) or with a bowel
/// movement (a bowel entry's pain). Pain is pain wherever it was said: the safety message, Home's pain today
/// and the report's days of high pain take them from here, so no place leaves one of them out.
public struct PainScore: Sendable, Hashable {
    public var date: CalendarDate
    /// The time of a pain entry; nil for pain during an exercise (a session keeps its day only).
    public var time: TimeOfDay?
    public var score: Int
    /// The exercise it was felt during; nil for a pain entry.
    public var exerciseID: String?
    /// True for pain with a bowel movement (the bowel log's).
    public var withBowelMovement: Bool

    public init(date: CalendarDate, time: TimeOfDay? = nil, score: Int, exerciseID: String? = nil, withBowelMovement: Bool = false) {
        self.date = date
        self.time = time
        self.score = score
        self.exerciseID = exerciseID
        self.withBowelMovement = withBowelMovement
    }

    /// Every score of `entries`, `sessions` and `bowel` (those with a pain said), oldest day first; on a day,
    /// the entries and bowel movements in their time order, then the exercises.
    public static func all(entries: [PainEntry], sessions: [ExerciseSession], bowel: [BowelEntry] = []) -> [PainScore] {
        let logged = entries.map { PainScore(date: $0.date, time: $0.time, score: $0.score) }
        let during = sessions.compactMap { s in s.pain.map { PainScore(date: s.date, score: $0, exerciseID: s.exerciseID) } }
        let withBowel = bowel.compactMap { b in b.pain.map { PainScore(date: b.date, time: b.time, score: $0, withBowelMovement: true) } }
        return (logged + withBowel + during).enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            switch (a.element.time, b.element.time) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Every score `record` holds from `from` to `to` inclusive, from each part that carries one (its pain
    /// entries, exercise sessions and bowel log): what the report's days of high pain and her caseload row's
    /// high pain read, so neither leaves a part out.
    public static func all(in record: PatientRecord, from: CalendarDate, to: CalendarDate) -> [PainScore] {
        let within = { (d: CalendarDate) in d >= from && d <= to }
        return all(entries: record.painEntries.filter { within($0.date) }, sessions: record.sessions.filter { within($0.date) },
                   bowel: record.bowelEntries.filter { within($0.date) })
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

    /// The highest high score of `scores` and the last day it was given; nil when none is high.
    public static func highest(_ scores: [PainScore]) -> (score: Int, date: CalendarDate)? {
        highDays(scores).max { ($0.max, $0.date) < ($1.max, $1.date) }.map { ($0.max, $0.date) }
    }
}
