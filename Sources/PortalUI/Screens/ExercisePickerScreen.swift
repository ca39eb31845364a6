import PortalCore

/// The exercise library, searched as the therapist types (by name, by a condition it is for, or by category:
/// `ExerciseLibrary.search`), to add one to the week she is writing. Enter takes the selected exercise back to
/// the editor (`chosen`, read by `ScreenState.returned(from:)`); Esc goes back without one. Each exercise says
/// whether it is in the week already and whether it breaks one of its precautions for her in that week.
///
///     Add to week 5: search by name, condition or category
///     Search: hip_
///     9 of 39 exercises
///
///     › Standing hip extension              Strength
///       Side-lying hip abduction            Strength   in week 5
///       Figure-4 stretch                    Stretch    ! rule
public struct ExercisePickerScreen: PortalScreen {
    /// The week the exercise is for, and its first day (the rules are judged over its days).
    public let week: Int
    public let starts: CalendarDate
    /// The exercises in the week already.
    public let inWeek: [String]
    public internal(set) var search = TextField(maxLength: 60, placeholder: "a name, condition or category")
    public internal(set) var selected = 0
    /// The exercise she chose, for the editor; nil until Enter.
    public internal(set) var chosen: String?
    public internal(set) var notice: String?

    public init(for draft: WeekDraft) {
        week = draft.week.number
        starts = draft.week.starts
        inWeek = draft.week.prescriptions.map(\.exerciseID)
    }

    public var title: String { "Add an exercise" }
    public var capturesText: Bool { true }

    func found(_ ctx: ScreenContext) -> [Exercise] { ctx.content.exercises.search(search.value) }

    private func current(_ ctx: ScreenContext) -> Exercise? {
        let list = found(ctx)
        return list.isEmpty ? nil : list[min(max(0, selected), list.count - 1)]
    }

    /// The rules `exercise` would break for her in the week, in the editor's words (`RuleBreak.short`).
    func broken(_ exercise: Exercise, _ ctx: ScreenContext) -> [RuleBreak] {
        guard let patient = ctx.patient else { return [] }
        let alone = ProgramWeek(number: week, starts: starts, note: "", prescriptions: [Prescription(exerciseID: exercise.id, dose: exercise.dose)])
        return PrescriptionRules(library: ctx.content.exercises).check(alone, for: patient, includingDecisions: true)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ExercisePickerScreen> {
        let last = max(0, found(ctx).count - 1)
        let page = max(1, ctx.area.height - 8)
        return KeyTable([
            KeyBinding([.up], .move(ctx.glyphs)) { $0.selected = max(0, min($0.selected, last) - 1) },
            KeyBinding([.down], nil) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.enter], KeyHint("Enter", "add to week \(week)"), active: !found(ctx).isEmpty) { s, _, ctx in s.choose(ctx) },
            KeyBinding([.pageUp, .pageDown], KeyHint("PgUp/PgDn", "page"), footer: false) { s, key, _ in
                s.selected = key == .pageUp ? max(0, s.selected - page) : min(last, s.selected + page)
                return .stay
            },
            // Every other key is the search field's: letters (j, k and q too), Backspace, ← →, a paste.
            KeyBinding([], KeyHint("typing", "searches by name, condition or category"), footer: false,
                       matching: { _ in true }) { s, key, _ in s.type(key) },
        ])
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        notice = nil
        return keyTable(ctx).handle(key, &self, ctx)
    }

    private mutating func type(_ key: Key) -> Reaction { search.searchEdit(key, selected: &selected, notice: &notice) }

    private mutating func choose(_ ctx: ScreenContext) -> Reaction {
        guard let e = current(ctx) else { return .stay }
        guard !inWeek.contains(e.id) else {
            notice = "\(e.name) is in week \(week) already; choose another, or Esc to go back."
            return .stay
        }
        chosen = e.id
        return .pop
    }

    // MARK: - View

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        buffer.clipped("Add to week \(week): search by name, condition or category", x: area.x, y: area.y, area: area, style: .bold, glyphs: g)
        var rest = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        guard !rest.isEmpty else { return }
        let x = buffer.write("Search: ", x: rest.x, y: rest.y, style: .label, clip: rest)
        var field = search
        field.glyphs = g
        field.render(into: &buffer, area: Rect(x: x, y: rest.y, width: max(0, min(rest.maxX - x, 40)), height: 1), focused: true)
        rest = rest.inset(top: 1, left: 0, bottom: 0, right: 0)
        let list = found(ctx)
        let total = ctx.content.exercises.exercises.count
        buffer.clipped(list.count == total ? "All \(total) exercises" : "\(list.count) of \(total) exercises", x: rest.x, y: rest.y,
                       area: rest, style: .muted, glyphs: g)
        rest = rest.inset(top: 2, left: 0, bottom: 0, right: 0)
        if let notice {
            let rows = wrappedRows(notice, width: rest.width, maxRows: 2, glyphs: g)
            let (top, bottom) = rest.splitBottom(rows.count)
            for (i, r) in rows.enumerated() { buffer.line(r, area: bottom, row: i, style: .warning) }
            rest = top.inset(top: 0, left: 0, bottom: 1, right: 0)
        }
        guard !list.isEmpty else {
            buffer.clipped("No exercise matches “\(search.value)”.", x: rest.x, y: rest.y, area: rest, style: .muted, glyphs: g)
            return
        }
        let sel = min(max(0, selected), list.count - 1)
        // Under the list, the selected exercise: what it is for, the dose it starts at, and any rule it breaks.
        let measure = Paragraph.width(rest.width)
        var about: [(String, Style)] = []
        let e = list[sel]
        let conditions = e.conditions.map(\.title).joined(separator: ", ")
        about.append(("\(e.category.title) · \(e.position)" + (conditions.isEmpty ? "" : " · for \(conditions)"), .muted))
        about.append(("Starts at \(e.dose.summary) · \(e.dose.frequency)", .plain))
        for rule in broken(e, ctx) { about.append(("! " + rule.short, .warning)) }
        var aboutRows: [(String, Style)] = []
        for (text, style) in about { aboutRows += wrappedRows(text, width: measure, maxRows: 2, glyphs: g).map { ($0, style) } }
        if rest.height - aboutRows.count - 1 >= min(list.count, 3) {
            let (top, bottom) = rest.splitBottom(aboutRows.count)
            for (i, r) in aboutRows.enumerated() { buffer.line(r.0, area: bottom, row: i, style: r.1) }
            rest = top.inset(top: 0, left: 0, bottom: 1, right: 0)
        }
        let first = ListView.scrollOffset(selected: sel, count: list.count, height: rest.height)
        let rightEdge = min(rest.maxX, rest.x + PortalApp.readingMeasure)
        for i in 0..<rest.height where first + i < list.count {
            let ex = list[first + i]
            let row = rest.row(i)
            let isSelected = first + i == sel
            var x = buffer.write(isSelected ? g.selectionMarker + " " : "  ", x: row.x, y: row.y, clip: row)
            var tags: [(String, Style)] = [(ex.category.title, .muted)]
            if inWeek.contains(ex.id) { tags.append(("in week \(week)", .muted)) }
            if !broken(ex, ctx).isEmpty { tags.append(("! rule", .warning)) }
            let tagText = tags.map(\.0).joined(separator: "  ")
            let room = rightEdge - x - DisplayWidth.of(tagText) - 1
            if room >= min(8, DisplayWidth.of(ex.name)) {
                x = buffer.write(DisplayWidth.truncate(ex.name, to: room, ellipsis: g.ellipsis), x: x, y: row.y, style: .bold, clip: row)
                var tx = rightEdge - DisplayWidth.of(tagText)
                for (j, tag) in tags.enumerated() {
                    if j > 0 { tx += 2 }
                    tx = buffer.write(tag.0, x: tx, y: row.y, style: tag.1, clip: row)
                }
            } else {
                buffer.clipped(ex.name, x: x, y: row.y, area: row, style: .bold, glyphs: g)
            }
            if isSelected { buffer.highlight(row, with: .selected) }
        }
    }
}
