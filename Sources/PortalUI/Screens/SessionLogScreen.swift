import PortalCore

/// Records one session of an exercise as it was done: on which of the last 7 days, how many of the
/// prescribed sets (fewer is a partial session), and, if she wants, how much it hurt during it (0–10).
///
///     Sit to stand
///     › Day        ← Wed 25 Nov →
///       Sets done  ← 1 of 2 →  partial
///       Pain       ← not said →
public struct SessionLogScreen: PortalScreen {
    public enum Row: Int, Sendable, CaseIterable { case day, sets, pain }

    public var exerciseID: String
    /// 0 is today, up to `ExerciseSession.maxDaysBack`.
    public internal(set) var daysBack = 0
    /// Sets done; nil means every set prescribed that day.
    public internal(set) var sets: Int?
    /// Pain during the exercise, nil while not said.
    public internal(set) var pain: Int?
    public internal(set) var row = Row.day

    public init(exerciseID: String) { self.exerciseID = exerciseID }

    public var title: String { "Log a session" }
    public var hasUnsavedChanges: Bool { daysBack != 0 || sets != nil || pain != nil }

    func date(_ ctx: ScreenContext) -> CalendarDate { ctx.today.adding(days: -daysBack) }

    /// The sets prescribed on the chosen day (its week's dose), nil when the exercise was not in the program then.
    func prescribedSets(_ ctx: ScreenContext) -> Int? {
        ctx.snapshot.program.currentWeek(on: date(ctx))?.prescription(for: exerciseID)?.dose.sets
    }

    func setsDone(_ ctx: ScreenContext) -> Int? {
        guard let full = prescribedSets(ctx) else { return nil }
        return min(sets ?? full, full)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<SessionLogScreen> {
        let g = ctx.glyphs
        return KeyTable([
            KeyBinding([.up, .character("k")], KeyHint.move(g)) { s in s.row = Row(rawValue: max(0, s.row.rawValue - 1))! },
            KeyBinding([.down, .character("j"), .tab], nil) { s in s.row = Row(rawValue: min(2, s.row.rawValue + 1))! },
            KeyBinding([.left, .character("h"), .character("-")], KeyHint(g.left + g.right, "change")) { s, _, ctx in s.step(-1, ctx) },
            KeyBinding([.right, .character("l"), .character("+")], nil) { s, _, ctx in s.step(1, ctx) },
            KeyBinding([.enter], KeyHint("Enter", "save")) { s, _, ctx in s.save(ctx) },
        ])
    }

    /// Left goes back in time, to fewer sets, to less pain; right the other way.
    private mutating func step(_ by: Int, _ ctx: ScreenContext) -> Reaction {
        switch row {
        case .day:
            // Left is an earlier day.
            daysBack = min(ExerciseSession.maxDaysBack, max(0, daysBack - by))
        case .sets:
            guard let full = prescribedSets(ctx) else { return .stay }
            let now = setsDone(ctx) ?? full
            let next = min(full, max(1, now + by))
            sets = next == full ? nil : next
        case .pain:
            // "Not said" sits before 0.
            let now = pain ?? -1
            let next = min(10, max(-1, now + by))
            pain = next < 0 ? nil : next
        }
        return .stay
    }

    private func save(_ ctx: ScreenContext) -> Reaction {
        // The store checks the day and the program again; its message is shown if it refuses.
        .effects(.markDone(exerciseID: exerciseID, date: date(ctx), sets: setsDone(ctx), pain: pain))
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .markDone = effect { return Reaction(.pop) }
        return .stay
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        let day = date(ctx)
        var area = area
        // Pain during an exercise is pain: a high score shows Log pain's message as soon as it is chosen.
        if let pain, let alert = SafetyRules.highPainAlert(score: pain, date: day, guide: ctx.content.safety, saved: false) {
            let banner = alert.banner(g)
            let h = min(banner.height(width: area.width), max(3, area.height - 8))
            let (top, below) = area.splitTop(h + 1)
            buffer.render(banner, in: top.inset(top: 0, left: 0, bottom: 1, right: 0))
            area = below
        }
        buffer.line(ctx.exerciseName(exerciseID), area: area, row: 0, style: .bold)
        let dayText = ctx.dayWithDate(day)
        let setsText: String
        if let full = prescribedSets(ctx), let done = setsDone(ctx) {
            setsText = "\(g.left) \(done) of \(full) \(g.right)" + (done < full ? "  partial (fewer sets than prescribed)" : "  all of them")
        } else {
            setsText = "Not in your program on \(day.shortText)"
        }
        let rows: [(Row, String, String)] = [
            (.day, "Day", "\(g.left) \(dayText) \(g.right)"),
            (.sets, "Sets done", setsText),
            (.pain, "Pain", "\(g.left) \(pain.map { "\($0)/10 during it" } ?? "not said") \(g.right)"),
        ]
        for (i, r) in rows.enumerated() {
            let mark = r.0 == row ? "\(g.selectionMarker) " : "  "
            buffer.labelled(mark + r.1, r.2, area: area, row: 2 + i, labelWidth: 14, style: r.0 == row ? .bold : .plain)
        }
        buffer.line("Sessions can be logged for today and the \(ExerciseSession.maxDaysBack) days before.", area: area, row: 6, style: .muted)
    }
}
