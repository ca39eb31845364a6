import PortalCore

/// The six visits of the care plan in a table: what each one is, where it stands, when, and whether it is in
/// the clinic or by video. The next visit is named above the table and marked in its row; the focus of the
/// selected visit shows below it, and Enter opens the visit.
public struct VisitsScreen: PortalScreen {
    /// The selected row (0-based). Nil until the patient moves, which selects the next visit.
    public internal(set) var selected: Int?

    public init() {}

    public var title: String { "Visits" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<VisitsScreen> {
        let visits = ctx.snapshot.plan?.visits ?? []
        let row = current(ctx), last = visits.count - 1
        let any = !visits.isEmpty
        return KeyTable([
            KeyBinding([.up, .character("k")], .move(ctx.glyphs), active: any) { $0.selected = max(0, row - 1) },
            KeyBinding([.down, .character("j")], nil, active: any) { $0.selected = min(last, row + 1) },
            KeyBinding([.enter], .open, active: any) { _, _, _ in .push(.visitDetail(VisitDetailScreen(number: visits[row].number))) },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false, active: any) { $0.selected = 0 },
            KeyBinding([.end], nil, active: any) { $0.selected = last },
        ])
    }

    /// Selects the row of visit `number` (when the plan has it).
    public mutating func select(number: Int, _ ctx: ScreenContext) {
        if let i = ctx.snapshot.plan?.visits.firstIndex(where: { $0.number == number }) { selected = i }
    }

    /// The row that is selected: the one the patient chose, else the next visit, else the first visit
    /// not yet done, else the first.
    public func current(_ ctx: ScreenContext) -> Int {
        let visits = ctx.snapshot.plan?.visits ?? []
        guard !visits.isEmpty else { return 0 }
        if let selected { return min(max(0, selected), visits.count - 1) }
        if let next = ctx.snapshot.nextVisit, let i = visits.firstIndex(where: { $0.number == next.number }) { return i }
        return visits.firstIndex { $0.status != .completed } ?? 0
    }

    // MARK: Text

    /// "Next: visit 3 of 6 · Thu 3 Dec at 10:15 · in 6 days", or what to expect when none is booked, in
    /// fewer words when the longer ones would be cut at `width`.
    static func nextLine(_ ctx: ScreenContext, width: Int) -> String {
        let line = nextLine(ctx)
        guard DisplayWidth.of(line) > width, ctx.snapshot.nextVisit == nil, !ctx.viewer.isTherapist else { return line }
        return ctx.may(.visits) ? "Next: none booked. Enter opens a visit; b books it." : "Next: none booked yet. Your clinic will schedule it."
    }

    /// Who books her next visit, for Home's "None booked. …": she does, on her own computer (Visits, then b on the
    /// visit); in a clinic that books them, the clinic. `short`: the fewest words, for a narrow window.
    static func whoBooks(_ ctx: ScreenContext, short: Bool) -> String {
        if ctx.may(.visits) { return short ? "Book it on Visits (v)." : "Press v, open the visit and press b to book it." }
        return short ? "Your clinic will schedule it." : "Your clinic will schedule the next one."
    }

    /// "Next: visit 3 of 6 · Thu 3 Dec at 10:15 · in 6 days", or what to expect when none is booked.
    static func nextLine(_ ctx: ScreenContext) -> String {
        let snap = ctx.snapshot
        if let next = snap.nextVisit, let start = next.start {
            return "Next: visit \(next.number) of \(Visit.planSize) · \(start.date.shortText) at \(start.time) · "
                + next.countdown(from: snap.clock.now)
        }
        if let plan = snap.plan, plan.isComplete { return CarePlan.completeText }
        // Her therapist is the clinic: she is told nothing about herself.
        guard ctx.may(.visits) else {
            return ctx.viewer.words.say(you: "Next: none booked yet. Your clinic will schedule it with you.", she: "Next: none booked yet.")
        }
        return ctx.viewer.words.say(you: "Next: none booked yet. Open a visit with Enter; b books it.", she: "Next: none booked yet.")
    }

    static func completedLine(_ plan: CarePlan) -> String {
        "\(plan.completedCount) of \(Visit.planSize) visits completed"
    }

    /// The status cell: a check box (ticked when completed) and the word, and "next" on the next visit.
    static func statusText(_ visit: Visit, isNext: Bool, glyphs: Glyphs, now: LocalDateTime? = nil) -> String {
        let box = visit.status == .completed ? glyphs.checkboxOn : glyphs.checkboxOff
        if let now, visit.status == .booked, visit.hasEnded(at: now) {
            return "\(box) Booked, passed"
        }
        if let now, visit.isUnderWay(at: now) { return "\(box) Booked, now" }
        return "\(box) \(visit.status.title)" + (isNext ? ", next" : "")
    }

    /// "Thu 3 Dec 10:15", or "3 Dec 10:15" when `short`; "not scheduled" without a date.
    static func whenText(_ visit: Visit, short: Bool) -> String {
        guard let start = visit.start else { return "not scheduled" }
        return "\(short ? start.date.dayMonthText : start.date.shortText) \(start.time)"
    }

    /// "In person" / "Virtual", or the shorter "Clinic" / "Video" in a narrow window.
    static func modeText(_ mode: VisitMode, short: Bool) -> String {
        guard short else { return mode.title }
        return mode == .inPerson ? "Clinic" : "Video"
    }

    /// The table's columns and rows for `width` cells (including the selection gutter): the full words
    /// when they fit, else the date without its weekday and one-word modes, else (a "Booked, passed" status
    /// at the minimum width) without the Where column, which the line under the table then names for the
    /// selected visit. `width` is what the table takes: its rule stops where its columns do.
    static func table(_ plan: CarePlan, next: Int?, width: Int, glyphs: Glyphs,
                      now: LocalDateTime? = nil) -> (columns: [TableColumn], rows: [[String]], width: Int, showsMode: Bool) {
        func build(short: Bool, mode: Bool = true) -> (columns: [TableColumn], rows: [[String]], width: Int, showsMode: Bool) {
            let headers = ["Visit", "Status", "When"] + (mode ? [short ? "Where" : "How"] : [])
            let rows = plan.visits.map { v in
                ["\(v.number) \(v.kind.title)", statusText(v, isNext: v.number == next, glyphs: glyphs, now: now),
                 whenText(v, short: short)] + (mode ? [modeText(v.mode, short: short)] : [])
            }
            let widths = headers.indices.map { c in
                max(DisplayWidth.of(headers[c]), rows.map { DisplayWidth.of($0[c]) }.max() ?? 0)
            }
            var columns = headers.indices.dropLast().map { TableColumn(headers[$0], width: .fixed(widths[$0])) }
            columns.append(TableColumn(headers[headers.count - 1], width: .flexible(min: widths[widths.count - 1])))
            return (columns, rows, 2 + widths.reduce(0, +) + 2 * (widths.count - 1), mode)
        }
        let full = build(short: false)
        if full.width <= width { return full }
        let short = build(short: true)
        if short.width <= width { return short }
        return build(short: true, mode: false)
    }

    /// The line under the table: the selected visit's focus, and how it is held when the table has no
    /// Where column to say so.
    static func focusLine(_ visit: Visit, showsMode: Bool) -> String? {
        let how = visit.mode == .inPerson ? "in person" : "by video"
        if showsMode { return visit.focus.isEmpty ? nil : "Visit \(visit.number): \(visit.focus)" }
        return "Visit \(visit.number), \(how)" + (visit.focus.isEmpty ? "" : ": \(visit.focus)")
    }

    // MARK: View

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard let plan = ctx.snapshot.plan else {
            let text = ctx.viewer.words.say(you: "Your care plan is not set up yet. Your clinic adds your six visits after you sign up.",
                                            she: "Her care plan is not set up yet.")
            for (i, line) in Paragraph.lines(text, width: area.width).enumerated() {
                buffer.line(line, area: area, row: i)
            }
            return
        }
        let next = ctx.snapshot.nextVisit
        buffer.line(Self.nextLine(ctx, width: area.width), area: area, row: 0, style: next == nil ? .muted : .bold)
        buffer.line(Self.completedLine(plan), area: area, row: 1)

        let row = current(ctx)
        let table = Self.table(plan, next: next?.number, width: area.width, glyphs: ctx.glyphs, now: ctx.snapshot.clock.now)
        // Header, rule and the six rows; the table scrolls itself when the window is shorter. It is only as
        // wide as its columns, so in a wide window the rule and the highlight do not run on past them.
        let tableHeight = min(table.rows.count + 2, max(0, area.height - 3))
        let tableArea = Rect(x: area.x, y: area.y + 3, width: min(area.width, table.width), height: tableHeight)
        buffer.render(Table(columns: table.columns, rows: table.rows, selected: row, glyphs: ctx.glyphs), in: tableArea)

        // What the selected visit is for, in the rows left under the table.
        let visit = plan.visits[row]
        let below = Rect(x: area.x, y: tableArea.maxY + 1, width: area.width, height: area.maxY - tableArea.maxY - 1)
        guard below.height > 0, let text = Self.focusLine(visit, showsMode: table.showsMode) else { return }
        var lines = Paragraph.lines(text, width: below.width)
        if lines.count > below.height {
            lines = Array(lines.prefix(below.height))
            lines[lines.count - 1] = DisplayWidth.truncate(lines[lines.count - 1] + " " + ctx.glyphs.ellipsis,
                                                           to: below.width, ellipsis: ctx.glyphs.ellipsis)
        }
        for (i, line) in lines.enumerated() { buffer.line(line, area: below, row: i, style: .muted) }
    }
}
