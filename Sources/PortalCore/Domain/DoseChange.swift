/// How one exercise changed from the week before: the one vocabulary Home, Exercises, the exercise detail,
/// the commands and onboarding's merged notes all use.
public enum DoseChange: String, Sendable, Hashable, CaseIterable {
    /// Not in the week before.
    case new
    /// More work a week: a progression.
    case more
    /// Less work a week: eased off.
    case eased
    /// As much work, done differently (another side, more sets of fewer reps).
    case changed
    /// In the week before, not in this one.
    case dropped

    /// The dose change from `from` to `to`, judged by the work it asks for in a week.
    public init(from: Dose, to: Dose) {
        let before = Self.weeklyWork(from), after = Self.weeklyWork(to)
        self = after > before ? .more : (after < before ? .eased : .changed)
    }

    /// Roughly how much a dose asks for in a week: enough to tell more from less.
    static func weeklyWork(_ d: Dose) -> Int {
        d.sets * d.reps * max(1, d.holdSeconds) * d.timesPerDay * d.daysPerWeek * (d.side == .each ? 2 : 1)
    }

    /// The word in a list: "new", "more", "eased", "changed", "dropped".
    public var word: String { rawValue }

    /// The verb for a sentence: "New", "Progressed", "Eased", "Changed", "Dropped".
    public var title: String {
        switch self {
        case .new: return "New"
        case .more: return "Progressed"
        case .eased: return "Eased"
        case .changed: return "Changed"
        case .dropped: return "Dropped"
        }
    }

    /// A one-character mark beside the name: + ↑ ↓ ~ − (with `ascii`: + ^ v ~ -).
    public func mark(ascii: Bool = false) -> String {
        switch self {
        case .new: return "+"
        case .more: return ascii ? "^" : "↑"
        case .eased: return ascii ? "v" : "↓"
        case .changed: return "~"
        case .dropped: return ascii ? "-" : "−"
        }
    }
}

extension DoseChange {
    /// What changed from one dose to another, in words: only the parts that differ, each as before → after,
    /// joined by "; " ("2 × 10 → 3 × 10", "5 days a week → daily", "rest 30 s → rest 60 s"). Every field of a
    /// dose is in one of the three parts, so two different doses never read the same; empty when they are equal.
    /// The one description of a dose change: the exercise list and its details, and the import message.
    /// `arrow` is `->` where the terminal has no Unicode.
    public static func describe(from before: Dose, to after: Dose, arrow: String = "→") -> String {
        [(before.summary, after.summary), (before.frequency, after.frequency), (before.restText, after.restText)]
            .filter { $0.0 != $0.1 }
            .map { "\($0.0) \(arrow) \($0.1)" }
            .joined(separator: "; ")
    }
}

extension ProgramDiff.Progression {
    /// What changed in the dose, in words (`DoseChange.describe`).
    public func text(arrow: String = "→") -> String { DoseChange.describe(from: from, to: to, arrow: arrow) }
}

extension ProgramDiff {
    /// How `exerciseID` changed in this diff, or nil when it stayed the same.
    public func change(of exerciseID: String) -> DoseChange? {
        if added.contains(where: { $0.exerciseID == exerciseID }) { return .new }
        if removed.contains(where: { $0.exerciseID == exerciseID }) { return .dropped }
        return progressed.first { $0.exerciseID == exerciseID }?.change
    }

    /// Every change, in the order to list them: new exercises, changed doses, dropped exercises.
    public var changes: [(exerciseID: String, change: DoseChange)] {
        added.map { ($0.exerciseID, DoseChange.new) } + progressed.map { ($0.exerciseID, $0.change) }
            + removed.map { ($0.exerciseID, DoseChange.dropped) }
    }
}

extension Program {
    /// How `exerciseID` changed in `week` from the week before; nil in the first week (everything is new
    /// there, so nothing is marked) and for an exercise that stayed the same.
    public func change(of exerciseID: String, in week: ProgramWeek) -> DoseChange? {
        guard previous(to: week) != nil else { return nil }
        return diff(for: week).change(of: exerciseID)
    }
}
