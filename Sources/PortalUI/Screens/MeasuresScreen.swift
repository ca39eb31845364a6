import PortalCore

/// Her questionnaires: each measure of the content with her last score, the change since the first in words
/// and whether it is due before a visit; Enter opens one (`MeasureScreen`) to fill in or to read earlier results.
public struct MeasuresScreen: PortalScreen {
    public internal(set) var selected = 0

    public init() {}

    public var title: String { "Questionnaires" }
    public var isReading: Bool { true }

    /// The measures in the order shown: those due first, then those for her conditions, then the rest.
    static func measures(_ ctx: ScreenContext) -> [Measure] {
        let conditions = ctx.patient?.conditions ?? []
        let due = Set(dueMeasures(ctx)?.measures.map(\.id) ?? [])
        let all = ctx.content.measures
        return all.filter { due.contains($0.id) } + all.filter { !due.contains($0.id) && $0.fits(conditions) }
            + all.filter { !due.contains($0.id) && !$0.fits(conditions) }
    }

    /// Every response she has made, the check-ins with the rest.
    static func responses(_ ctx: ScreenContext) -> [MeasureResponse] {
        ctx.snapshot.record.allMeasureResponses
    }

    static func dueMeasures(_ ctx: ScreenContext) -> DueMeasures? {
        MeasureSchedule.due(measures: ctx.content.measureTimings, record: ctx.snapshot.record, today: ctx.today)
    }

    /// One measure's line: its last score and the change since the first, in words.
    static func status(_ m: Measure, _ ctx: ScreenContext) -> String {
        let mine = responses(ctx).filter { $0.measureID == m.id }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        guard let last = mine.last else { return "not filled in yet" }
        var text = "last \(m.scoreText(m.score(last).total)), \(last.date.dayMonthText)"
        if let change = m.change(mine) { text += "; \(change.short)" }
        return text
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<MeasuresScreen> {
        let count = Self.measures(ctx).count
        return KeyTable([
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(ctx.glyphs), active: count > 1) { s, key, _ in
                s.selected = key == .up || key == .character("k") ? max(0, s.selected - 1) : min(count - 1, s.selected + 1)
                return .stay
            },
            KeyBinding([.enter], KeyHint("Enter", "open"), active: count > 0) { s, _, ctx in
                let list = Self.measures(ctx)
                guard list.indices.contains(s.selected) else { return .stay }
                return .push(.measure(MeasureScreen(list[s.selected])))
            },
        ])
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let list = Self.measures(ctx)
        var row = 0
        if let due = Self.dueMeasures(ctx) {
            for line in Paragraph.lines(due.headline + ".", width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .warning)
                row += 1
            }
            row += 1
        }
        guard !list.isEmpty else {
            buffer.line("No questionnaires could be read.", area: area, row: row, style: .muted)
            return
        }
        let due = Set(Self.dueMeasures(ctx)?.measures.map(\.id) ?? [])
        // What a score is for, whole on as many rows as it needs at the bottom (never cut short).
        let note = Paragraph.lines(ctx.viewer.words.say(you: Self.scoresNote, she: Self.herScoresNote), width: area.width)
        // Two rows a measure: its title, then its status in words under it.
        let rows = max(1, (area.height - row - note.count - 1) / 2)
        let first = max(0, min(selected - rows + 1, list.count - rows))
        for (i, m) in list.enumerated().dropFirst(first).prefix(rows) {
            let marker = i == selected ? ctx.glyphs.selectionMarker : ""
            let titleStyle: Style = i == selected ? .selected : .plain
            let title = DisplayWidth.pad(marker, to: 2) + m.shortTitle + (due.contains(m.id) ? " (due)" : "")
            buffer.line(DisplayWidth.truncate(title, to: area.width, ellipsis: ctx.glyphs.ellipsis), area: area, row: row, style: titleStyle)
            buffer.line(DisplayWidth.truncate("  " + Self.status(m, ctx), to: area.width, ellipsis: ctx.glyphs.ellipsis), area: area, row: row + 1, style: .dim)
            row += 2
        }
        if area.height - note.count > row {
            for (i, line) in note.enumerated() {
                buffer.line(line, area: area, row: area.height - note.count + i, style: .muted)
            }
        }
    }

    static let scoresNote = "Scores are to talk over with your therapist, not a diagnosis."
    /// The same on her chart: her therapist talks them over with her.
    static let herScoresNote = "Scores are to talk over with her, not a diagnosis."
}
