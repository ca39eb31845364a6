/// The hold-and-rep timer: counts down holds, reps and sets, rests between sets, and says when to switch
/// sides. A pure state machine driven by elapsed seconds, so it is tested without a clock.
public struct ExerciseTimer: Sendable, Hashable {
    public enum Phase: Sendable, Hashable {
        case getReady
        /// Holding (or, without a hold, doing) rep `rep` of set `set`.
        case work
        /// The short release between reps.
        case release
        /// The rest between sets.
        case rest
        /// Change to the other side.
        case switchSides
        case finished
    }

    public static let getReadySeconds = 5
    /// Without a hold, each rep is paced at this many seconds.
    public static let repSeconds = 3
    public static let switchSeconds = 8

    public let dose: Dose
    public private(set) var phase: Phase = .getReady
    public private(set) var set = 1
    public private(set) var rep = 1
    /// 1 for the first side (or the only one), 2 for the second.
    public private(set) var sideIndex = 1
    public private(set) var remaining: Double
    /// How long the current phase lasts in all, so a screen can show how much of it has passed.
    public private(set) var phaseSeconds: Double
    public private(set) var isPaused = false

    public init(dose: Dose) {
        self.dose = dose
        remaining = Double(Self.getReadySeconds)
        phaseSeconds = remaining
    }

    /// How much of the current phase has passed, from 0 to 1 (1 once finished).
    public var phaseProgress: Double {
        guard phase != .finished, phaseSeconds > 0 else { return 1 }
        return min(1, max(0, 1 - remaining / phaseSeconds))
    }

    public var sides: Int { dose.side == .each ? 2 : 1 }
    public var sideName: String? {
        guard dose.side == .each else { return nil }
        return sideIndex == 1 ? "left side" : "right side"
    }

    private var workSeconds: Int { dose.holdSeconds > 0 ? dose.holdSeconds : Self.repSeconds }
    /// Rest between reps of a hold: as long as the hold, up to 10 seconds (a common clinical pairing).
    private var releaseSeconds: Int { dose.holdSeconds > 0 ? min(10, max(2, dose.holdSeconds)) : 0 }

    public mutating func togglePause() { if phase != .finished { isPaused.toggle() } }

    /// Moves time on by `seconds`. Returns true when the phase changed (the runtime rings the bell).
    @discardableResult
    public mutating func advance(by seconds: Double) -> Bool {
        guard !isPaused, phase != .finished, seconds > 0 else { return false }
        var left = seconds
        var changed = false
        while left > 0, phase != .finished {
            if left < remaining {
                remaining -= left
                left = 0
            } else {
                left -= remaining
                next()
                changed = true
            }
        }
        return changed
    }

    /// Skips to the next phase (the patient finished early or wants to move on).
    public mutating func skip() { if phase != .finished { next() } }

    private mutating func next() {
        switch phase {
        case .getReady, .switchSides:
            start(.work, workSeconds)
        case .work:
            if rep < dose.reps {
                if releaseSeconds > 0 { start(.release, releaseSeconds) } else { rep += 1; start(.work, workSeconds) }
            } else if set < dose.sets {
                start(.rest, max(1, dose.restSeconds))
            } else if sideIndex < sides {
                sideIndex += 1
                set = 1
                rep = 1
                start(.switchSides, Self.switchSeconds)
            } else {
                phase = .finished
                remaining = 0
                phaseSeconds = 0
                isPaused = false
            }
        case .release:
            rep += 1
            start(.work, workSeconds)
        case .rest:
            set += 1
            rep = 1
            start(.work, workSeconds)
        case .finished:
            break
        }
    }

    private mutating func start(_ p: Phase, _ seconds: Int) {
        phase = p
        remaining = Double(seconds)
        phaseSeconds = remaining
    }

    /// What to tell the patient right now.
    public var instruction: String {
        let side = sideName.map { " (\($0))" } ?? ""
        switch phase {
        case .getReady: return "Get into position\(side)"
        case .work: return dose.holdSeconds > 0 ? "Hold\(side)" : "Rep \(rep)\(side)"
        case .release: return "Relax"
        case .rest: return "Rest before set \(set + 1)"
        case .switchSides: return "Switch to the \(sideName ?? "other side")"
        case .finished: return "All done. Well done!"
        }
    }

    /// Whole seconds left in this phase, rounded up, as a countdown shows them.
    public var secondsLeft: Int { Int(remaining.rounded(.up)) }
}
