import Foundation

/// A response scored: the total and each subscale.
public struct MeasureScore: Sendable, Hashable {
    public var total: Double
    /// Subscale id → its score.
    public var subscales: [String: Double]
}

/// Whether a change reaches the measure's change that matters, in its better or worse direction.
public enum MeasureVerdict: Sendable, Hashable {
    case same
    case better(matters: Bool?)
    case worse(matters: Bool?)
}

/// The change from her first response to her latest, in words. The one place a measure's change is judged:
/// the screens, the command line and the exports all use it.
public struct MeasureChange: Sendable, Hashable {
    public struct DatedScore: Sendable, Hashable {
        public var date: CalendarDate
        public var score: Double
        public init(_ date: CalendarDate, _ score: Double) {
            self.date = date
            self.score = score
        }
    }

    /// For an activity-based measure (PSFS), which activities the change is made of: only those she rated
    /// before and again in the latest response, each against its own first rating (a new activity starts its
    /// own baseline). The PSFS compares the same activities over time, never the averages of different ones.
    public struct Activities: Sendable, Hashable {
        /// The activities of the latest response rated before too (the change's own).
        public var compared: Int
        /// The activities in the latest response.
        public var rated: Int
        /// The day of the first response before the latest, for the words when none can be compared.
        public var earlier: CalendarDate
    }

    public var measure: Measure
    public var first: DatedScore
    public var latest: DatedScore
    /// Nil for a measure of fixed items.
    public var activities: Activities? = nil

    /// False when no activity of the latest response was rated before: no change can be computed.
    public var isComparable: Bool { activities.map { $0.compared > 0 } ?? true }

    /// Latest minus first, as shown: worked out from the rounded scores, so the words add up on the page.
    public var shownDifference: Double {
        measure.rounded(latest.score) - measure.rounded(first.score)
    }

    /// Better or worse, and (for a measure with an agreed change that matters) whether the change reaches it.
    /// Judged on the exact scores, with a hair of tolerance so 5.0 to 3.0 is the full 2 points.
    public var verdict: MeasureVerdict {
        guard isComparable else { return .same }
        let difference = latest.score - first.score
        guard abs(difference) > 1e-9 else { return .same }
        let improved = (measure.scoring.better == .higher) == (difference > 0)
        let matters = measure.importantChange.map { abs(difference) >= $0.points - 1e-9 }
        return improved ? .better(matters: matters) : .worse(matters: matters)
    }

    /// True when the change reaches the change that matters, in either direction.
    public var matters: Bool? {
        guard isComparable else { return nil }
        switch verdict {
        case .same: return measure.importantChange == nil ? nil : false
        case .better(let m), .worse(let m): return m
        }
    }

    /// "up 2.6 since 2 Nov: better, a change that matters" — for lists and Home.
    public var short: String {
        let d = abs(shownDifference)
        let size = measure.format(d)
        if let a = activities, a.compared == 0 {
            return "no change to compute: none of these activities was rated before"
        }
        let since = "since \(first.date.dayMonthText)" + (activities.map { $0.compared < $0.rated ? " (\($0.compared.counted("activity", "activities")) rated both times)" : "" } ?? "")
        switch verdict {
        case .same: return "no change \(since)"
        case .better(let matters), .worse(let matters):
            let direction = shownDifference > 0 ? "up" : (shownDifference < 0 ? "down" : "about the same")
            let moved = shownDifference == 0 ? "\(direction) \(since)" : "\(direction) \(size) \(since)"
            let word: String
            if case .better = verdict { word = "better" } else { word = "worse" }
            switch matters {
            case true?: return "\(moved): \(word), a change that matters"
            case false?: return "\(moved): \(word), less than the change that matters"
            case nil: return "\(moved): \(word)"
            }
        }
    }

    /// One or two sentences a patient can read: both scores with their days, which way it went, and whether
    /// that reaches the change that matters. Never a diagnosis; a change for the worse points to the therapist.
    public var sentence: String { sentence(for: ViewerWords(aboutHer: false)) }

    /// The sentences in `words`: to the patient, or about her on her chart, with nothing pointing to the therapist.
    public func sentence(for words: ViewerWords) -> String {
        if let a = activities, a.compared == 0 {
            return "\(measure.shortTitle): none of the activities rated on \(latest.date.dayMonthText) was rated before (on \(a.earlier.dayMonthText) "
                + words.say(you: "you", she: "she") + " rated other ones), so no change can be computed: this questionnaire compares the same activities over time. Each new activity starts from its first rating."
        }
        let title = activities.map { $0.compared < $0.rated ? "\(measure.shortTitle) (the \($0.compared.counted("activity", "activities")) rated both times)" : measure.shortTitle } ?? measure.shortTitle
        let firstText = "\(measure.scoreText(first.score)) on \(first.date.dayMonthText)"
        let latestText = "\(measure.scoreText(latest.score)) on \(latest.date.dayMonthText)"
        let d = measure.format(abs(shownDifference))
        let unit = abs(shownDifference) == 1 ? measure.scoring.unitSingular : measure.scoring.unitPlural
        let mic = measure.importantChange.map { "the change that matters for this questionnaire is \($0.text)" }
        var text: String
        switch verdict {
        case .same:
            text = "\(title): \(latestText), the same as \(firstText)."
        case .better(let matters):
            text = "\(title): \(latestText), from \(firstText): \(d) \(unit) better."
            if matters == true { text += " That is a change that matters (\(mic!))." }
            if matters == false { text += " That is less than a change that matters (\(mic!))." }
        case .worse(let matters):
            text = "\(title): \(latestText), from \(firstText): \(d) \(unit) worse."
            if matters == true { text += " That is a change that matters (\(mic!))" + words.say(you: "; please tell your therapist.", she: ".") }
            if matters == false { text += " That is less than a change that matters (\(mic!))." }
        }
        if measure.importantChange == nil, verdict != .same {
            text += " This check-in has no agreed size of change that matters" + words.say(you: "; talk it through with your therapist.", she: ".")
        }
        return text
    }
}

extension Measure {
    /// The score of a response (checked with `validate` first): the sum or mean of its answers, or of its
    /// activities' ratings, and the same for each subscale over its items.
    public func score(_ r: MeasureResponse) -> MeasureScore {
        func combine(_ values: [Int], _ method: Scoring.Method) -> Double {
            guard !values.isEmpty else { return 0 }
            let sum = Double(values.reduce(0, +))
            return method == .sum ? sum : sum / Double(values.count)
        }
        switch kind {
        case .activities:
            return MeasureScore(total: combine(r.activities.map(\.score), scoring.method), subscales: [:])
        case .items:
            let total = combine(items.compactMap { r.answers[$0.id] }, scoring.method)
            var subs: [String: Double] = [:]
            for s in subscales { subs[s.id] = combine(s.items.compactMap { r.answers[$0] }, s.method) }
            return MeasureScore(total: total, subscales: subs)
        }
    }

    /// The subscales whose suggestion applies to this response: urgent ones first, then in the file's order.
    public func flagged(_ r: MeasureResponse) -> [Subscale] {
        let s = score(r)
        let hits = subscales.filter { sub in
            guard sub.suggestion != nil, let at = sub.flagAt else { return false }
            return (s.subscales[sub.id] ?? 0) >= Double(at)
        }
        return hits.filter { $0.urgent == true } + hits.filter { $0.urgent != true }
    }

    /// The change from `first` to `latest`, whatever their days and ids (a new response not saved yet has no id,
    /// and may be dated the same day as the first).
    public func change(from first: MeasureResponse, to latest: MeasureResponse) -> MeasureChange {
        if kind == .activities { return activityChange(earlier: [first], latest: latest) }
        return MeasureChange(measure: self, first: .init(first.date, score(first).total), latest: .init(latest.date, score(latest).total))
    }

    /// The change from the first of `responses` (to this measure) to the latest; nil with fewer than two days.
    /// For activities (PSFS), each activity of the latest response against its own first rating, when it has one.
    public func change(_ responses: [MeasureResponse]) -> MeasureChange? {
        let mine = responses.filter { $0.measureID == id }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        guard let first = mine.first, let latest = mine.last, mine.count >= 2 else { return nil }
        if kind == .activities { return activityChange(earlier: Array(mine.dropLast()), latest: latest) }
        return MeasureChange(measure: self, first: .init(first.date, score(first).total), latest: .init(latest.date, score(latest).total))
    }

    /// The change from `earlier` (her responses before `latest`, oldest first) to `latest`, which may not be
    /// saved yet; nil when there is none before it.
    public func change(since earlier: [MeasureResponse], to latest: MeasureResponse) -> MeasureChange? {
        guard let first = earlier.first else { return nil }
        return kind == .activities ? activityChange(earlier: earlier, latest: latest) : change(from: first, to: latest)
    }

    /// The activities to offer her again: every one she named before, each once, newest first (those of her
    /// latest response first, in its order, then those rated only before it), in the words she rated it with
    /// last. All of them, even more than a response holds (she rates those that still matter): cut to the most
    /// a response holds, an activity she added later dropped off the list.
    public func activitiesToRateAgain(_ responses: [MeasureResponse]) -> [String] {
        var names: [String] = []
        for r in responses.filter({ $0.measureID == id }).sorted(by: { ($0.date, $0.id ?? 0) > ($1.date, $1.id ?? 0) }) {
            for a in r.activities where !names.contains(where: { RatedActivity.same($0, a.text) }) { names.append(a.text) }
        }
        return names
    }

    /// The PSFS compares the same activities over time: the mean of the activities of `latest` that were rated
    /// in one of `earlier` (oldest first), now and at their own first rating, dated by the earliest of those.
    private func activityChange(earlier: [MeasureResponse], latest: MeasureResponse) -> MeasureChange {
        var then: [(date: CalendarDate, score: Int)] = [], now: [Int] = []
        for a in latest.activities {
            for r in earlier {
                if let was = r.activities.first(where: { RatedActivity.same($0.text, a.text) }) {
                    then.append((r.date, was.score))
                    now.append(a.score)
                    break
                }
            }
        }
        let mean = { (v: [Int]) in v.isEmpty ? 0 : Double(v.reduce(0, +)) / Double(v.count) }
        let firstDay = then.map(\.date).min() ?? earlier.first?.date ?? latest.date
        return MeasureChange(measure: self, first: .init(firstDay, mean(then.map(\.score))), latest: .init(latest.date, mean(now)),
                             activities: .init(compared: now.count, rated: latest.activities.count, earlier: earlier.last?.date ?? latest.date))
    }

    /// A score rounded as it is shown.
    public func rounded(_ value: Double) -> Double {
        let f = pow(10, Double(scoring.decimals))
        return (value * f).rounded() / f
    }

    /// "6.3" or "7": a score or a difference with the measure's decimals.
    public func format(_ value: Double) -> String {
        String(format: "%.\(scoring.decimals)f", rounded(value))
    }

    /// "6.3 out of 10 on average", "7 of 24 statements": a score in words.
    public func scoreText(_ value: Double) -> String { "\(format(value)) \(scoring.unit)" }
}
