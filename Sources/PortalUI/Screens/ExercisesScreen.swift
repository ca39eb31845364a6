import PortalCore

/// This week's exercises: what the therapist prescribed, what is done today, what changed since last week.
/// Other weeks can be looked at (read-only) with ← and →.
///
///     Week 4 · from Tue 24 Nov · 1 of 4 done today
///     From your therapist: Halfway there. Clamshells have done their job, …
///
///     › [✓] Side-lying hip abduction                       ↑ more
///           3 × 10, each side · 5 days a week
///       [ ] Standing hip extension                            NEW
///           2 × 10, each side · 5 days a week
///
///     No longer in your program: Clamshell
public struct ExercisesScreen: PortalScreen {
    /// The program week shown; nil is the week in force today (it follows the date as days pass).
    public var weekNumber: Int?
    /// The selected row of the shown week.
    public var selected = 0
    /// A one-off answer to the last key ("Week 5 is not out yet."), cleared by the next key.
    public var notice: String?

    public init() {}

    public init(weekNumber: Int?, selected: Int = 0) {
        self.weekNumber = weekNumber
        self.selected = selected
    }

    public var title: String { "Exercises" }

    /// The week shown: the chosen one, else today's, else the first (a program that has not started).
    func week(_ ctx: ScreenContext) -> ProgramWeek? {
        let program = ctx.snapshot.program
        if let weekNumber, let w = program.week(number: weekNumber) { return w }
        return ctx.snapshot.currentWeek ?? program.weeks.first
    }

    private func selectedPrescription(_ ctx: ScreenContext) -> Prescription? {
        guard let week = week(ctx), !week.prescriptions.isEmpty else { return nil }
        return week.prescriptions[min(max(0, selected), week.prescriptions.count - 1)]
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ExercisesScreen> {
        let g = ctx.glyphs
        guard let week = week(ctx) else { return KeyTable([]) }
        let last = max(0, week.prescriptions.count - 1)
        let chosen = selectedPrescription(ctx)
        let doneNow = chosen.map { ctx.snapshot.log.isDone($0, on: ctx.today) } ?? false
        let mayMark = ctx.may(.exerciseLog)
        let markable = mayMark && ctx.isCurrent(week) && chosen.map { ctx.hold($0, in: week) == nil } == true
        return KeyTable([
            KeyBinding([.up, .character("k")], .move(g)) { $0.selected = max(0, $0.selected - 1) },
            KeyBinding([.down, .character("j")], nil) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.enter], KeyHint("Enter", "details")) { s, _, ctx in
                guard let p = s.selectedPrescription(ctx) else { return .stay }
                return .push(.exerciseDetail(ExerciseDetailScreen(exerciseID: p.exerciseID, week: week.number)))
            },
            // Her log is hers: her therapist reading her chart gets no keys that would change it.
            KeyBinding([.character(" "), .character("x")], KeyHint("Space", doneNow ? "undo" : "done"), footer: markable && !ctx.exerciseStopped, active: mayMark) { s, key, ctx in
                s.mark(key, week, ctx)
            },
            KeyBinding([.character("u")], KeyHint("u", "undo"), footer: false, active: mayMark) { s, _, ctx in s.undo(week, ctx) },
            // The timer is for doing the exercise: only whoever logs it gets it (her therapist reads the chart).
            KeyBinding([.character("t")], KeyHint("t", "timer"), footer: !ctx.exerciseStopped, active: mayMark) { s, _, ctx in
                guard let p = s.selectedPrescription(ctx) else { return .stay }
                return .push(.timer(TimerScreen(exerciseID: p.exerciseID, dose: p.dose)))
            },
            KeyBinding([.left, .character("[")], KeyHint(g.leftRightKeys, "week")) { s, _, ctx in
                s.show(offset: -1, from: week, ctx); return .stay
            },
            KeyBinding([.right, .character("]")], nil) { s, _, ctx in s.show(offset: 1, from: week, ctx); return .stay },
            KeyBinding([.pageUp, .pageDown], KeyHint("PgUp/PgDn", "five at a time"), footer: false) { s, key, _ in
                s.selected = key == .pageUp ? max(0, s.selected - 5) : min(last, s.selected + 5)
                return .stay
            },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false) { $0.selected = 0 },
            KeyBinding([.end], nil) { $0.selected = last },
        ])
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        notice = nil
        return keyTable(ctx).handle(key, &self, ctx)
    }

    /// Space or x: marks the selected exercise done today; Space again undoes it. One her stage holds back
    /// today is not marked: the notice says why.
    private mutating func mark(_ key: Key, _ week: ProgramWeek, _ ctx: ScreenContext) -> Reaction {
        guard let p = selectedPrescription(ctx) else { return .stay }
        guard ctx.isCurrent(week) else { notice = Self.readOnlyNotice(week, ctx); return .stay }
        if let text = ctx.holdText(p, in: week) { notice = text; return .stay }
        if !ctx.snapshot.log.isDone(p, on: ctx.today) {
            return .effects(.markDone(exerciseID: p.exerciseID, date: ctx.today))
        }
        if key == .character(" ") { return .effects(.undoDone(exerciseID: p.exerciseID, date: ctx.today)) }
        notice = "\(ctx.exerciseName(p.exerciseID)) is already done today. Press u to undo."
        return .stay
    }

    private mutating func undo(_ week: ProgramWeek, _ ctx: ScreenContext) -> Reaction {
        guard let p = selectedPrescription(ctx) else { return .stay }
        guard ctx.isCurrent(week) else { notice = Self.readOnlyNotice(week, ctx); return .stay }
        guard !ctx.snapshot.log.day(p, on: ctx.today).sessions.isEmpty else {
            notice = "\(ctx.exerciseName(p.exerciseID)) is not marked done today, so there is nothing to undo."
            return .stay
        }
        return .effects(.undoDone(exerciseID: p.exerciseID, date: ctx.today))
    }

    /// Moves to the week before or after, keeping the same exercise selected when that week has it too.
    private mutating func show(offset: Int, from week: ProgramWeek, _ ctx: ScreenContext) {
        let weeks = ctx.snapshot.program.weeks
        guard let index = weeks.firstIndex(where: { $0.number == week.number }) else { return }
        let target = index + offset
        guard weeks.indices.contains(target) else {
            if offset < 0 {
                notice = "Week \(week.number) is the first week of \(ctx.viewer.words.your) program."
            } else if ctx.viewer.isTherapist {
                notice = "Week \(week.number + 1) is not published yet." + (ctx.may(.programWeeks) ? " n on her Home writes the next week." : "")
            } else {
                notice = "Week \(week.number + 1) is not out yet. Your therapist adds each week after looking at how it went."
            }
            return
        }
        let id = selectedPrescription(ctx)?.exerciseID
        let next = weeks[target]
        weekNumber = ctx.isCurrent(next) ? nil : next.number
        selected = next.prescriptions.firstIndex { $0.exerciseID == id } ?? 0
    }

    static func readOnlyNotice(_ week: ProgramWeek, _ ctx: ScreenContext) -> String {
        let current = ctx.snapshot.currentWeek.map { " (week \($0.number))" } ?? ""
        return "You are looking at week \(week.number). Exercises can be marked done in this week's program\(current)."
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .markDone(let id, _, _, _), .undoDone(let id, _):
            // Keep the selection on the exercise just marked, wherever the new snapshot puts it.
            if let week = week(ctx), let i = week.prescriptions.firstIndex(where: { $0.exerciseID == id }) {
                selected = i
            }
        default:
            break
        }
        return .stay
    }

    // MARK: - View

    /// The header line: which week, from when, and how today is going (or why it is read-only). Under a sign
    /// that means stopping exercise, no count to keep up: none for now, in Home's words (`SafetyRules`).
    func headline(_ week: ProgramWeek, _ ctx: ScreenContext) -> String {
        if ctx.isCurrent(week), ctx.exerciseStopped {
            return "Week \(week.number) · from \(week.starts.shortText) · \(SafetyRules.noExercisesNow)"
        }
        if ctx.isCurrent(week), let last = ctx.snapshot.programRanOut {
            return "Week \(week.number) · from \(week.starts.shortText) · ended \(last.shortText)"
        }
        if ctx.isCurrent(week) {
            // What her stage holds back today is not counted (`ExerciseLog.today`).
            let (done, due) = ctx.snapshot.log.today(ctx.today)
            return "Week \(week.number) · from \(week.starts.shortText) · \(done) of \(due) done today"
        }
        if !Program.hasStarted(week, on: ctx.today) { return "Viewing week \(week.number) (starts \(week.starts.shortText))" }
        let last = ctx.snapshot.log.lastDay(of: week)
        return "Viewing week \(week.number) (past) · \(week.starts.shortText) to \(last.shortText)"
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        guard !area.isEmpty else { return }
        let area = ctx.drawExerciseStop(into: &buffer, area: area)
        guard let week = week(ctx) else {
            let words = ctx.viewer.words
            buffer.clipped("\(words.Your) exercise program starts after \(words.your) first visit.",
                           x: area.x, y: area.y, area: area, style: .bold, glyphs: g)
            let rows = wrappedRows(words.say(you: "Your therapist sets it up for you, and it shows here week by week.", she: "Once a week is published, it shows here week by week."),
                                   width: area.width, maxRows: 3, glyphs: g)
            for (i, row) in rows.enumerated() { buffer.line(row, area: area, row: 2 + i, style: .muted) }
            if let notice { drawNotice(notice, area: area, into: &buffer, glyphs: g) }
            return
        }
        let current = ctx.isCurrent(week)
        var rest = area
        if let notice { rest = drawNotice(notice, area: rest, into: &buffer, glyphs: g) }

        // Header: the week, then the therapist's note: whole when the window leaves room under the whole list
        // (and a few rows for what follows it), else three rows, fewer on a short screen.
        // Under a stop sign the header is its sentence, said whole over the rows it needs (two at 60 columns).
        let stopped = current && ctx.exerciseStopped
        let ranOut = current ? ctx.snapshot.programRanOut : nil
        let allDone = current && !stopped && ranOut == nil && { let t = ctx.snapshot.log.today(ctx.today); return t.done == t.prescribed }()
        let headRows = stopped ? wrappedRows(headline(week, ctx), width: rest.width, maxRows: max(1, min(3, rest.height - 1)), glyphs: g)
            : [headline(week, ctx)]
        let headStyle = stopped ? Style.warning : current ? (allDone ? Style.good.with(bold: true) : .bold) : .warning
        for (i, line) in headRows.enumerated() { buffer.clipped(line, x: rest.x, y: rest.y + i, area: rest, style: headStyle, glyphs: g) }
        var row = headRows.count
        let itemsNeeded = min(2, week.prescriptions.count) * 2
        let roomUnderWholeList = rest.height - 1 - headRows.count - week.prescriptions.count * 2 - 1 - 3
        let noteRoom = max(min(3, max(0, rest.height - 1 - headRows.count - itemsNeeded - 1)), min(8, roomUnderWholeList))
        // The notes keep to the reading measure the list's tags end at, however wide the window.
        let measure = Paragraph.width(rest.width)
        // Her program has run out (QA J6): when it ended and what to do, first.
        if let ranOut, noteRoom > 0 {
            for line in wrappedRows(Program.ranOutText(ranOut, words: ctx.viewer.words), width: measure, maxRows: noteRoom, glyphs: g) {
                buffer.line(line, area: rest, row: row, style: .warning)
                row += 1
            }
        }
        // A week her therapist planned before the birth says so (`AfterBirthCheck`, review of G2).
        let planned = !ctx.viewer.isTherapist && ctx.snapshot.afterBirth?.therapistWeeks.contains(week.number) == true
        if planned, noteRoom - (row - headRows.count) > 0 {
            for line in wrappedRows(AfterBirthCheck.therapistWeekText, width: measure, maxRows: noteRoom - (row - headRows.count), glyphs: g) {
                buffer.line(line, area: rest, row: row, style: .warning)
                row += 1
            }
        }
        // Never naming an exercise her stage holds back (`Onboarding.note(of:)`).
        let note = Onboarding(content: ctx.content).note(of: week, in: ctx.snapshot.program, holds: ctx.snapshot.holds, today: ctx.today)
        if !note.isEmpty, noteRoom - (row - headRows.count) > 0 {
            for line in wrappedRows(week.origin.noteLabel(for: ctx.viewer.words) + note, width: measure, maxRows: noteRoom - (row - headRows.count), glyphs: g) {
                buffer.line(line, area: rest, row: row, style: .muted)
                row += 1
            }
        }
        row += 1
        var list = rest.inset(top: row, left: 0, bottom: 0, right: 0)

        // Under the list, when there is room: what was dropped this week, then the therapist's note on the
        // selected exercise. Each says whether it is the selected exercise's own words (`mine`): why it waits,
        // its note and her therapist's decision, for which the list gives up rows and scrolls
        // (`Self.minimumShown` exercises stay in view), so the note is read at 80×24 under a week of six.
        var extras: [(lines: [String], style: Style, mine: Bool)] = []
        // Why the selected exercise waits, first: it matters more than anything else said under the list; said
        // once, so not again here while the notice above says it (Space on it: QA J8).
        if let p = selectedPrescription(ctx), let text = ctx.holdText(p, in: week), text != notice {
            extras.append((wrappedRows(text, width: measure, maxRows: 3, glyphs: g), .warning, true))
        }
        let diff = ctx.snapshot.program.diff(for: week)
        if ctx.snapshot.program.previous(to: week) != nil, !diff.removed.isEmpty {
            let names = diff.removed.map { ctx.exerciseName($0.exerciseID) }.joined(separator: ", ")
            let text = (current ? "No longer in \(ctx.viewer.words.your) program: " : "Dropped in week \(week.number): ") + names
            extras.append((wrappedRows(text, width: measure, maxRows: 2, glyphs: g), .muted, false))
        }
        // What changed in the selected exercise's dose, since the tag beside it says only how.
        if let p = selectedPrescription(ctx), let before = ctx.snapshot.program.previous(to: week),
           let change = diff.progressed.first(where: { $0.exerciseID == p.exerciseID }) {
            let text = "\(ctx.exerciseName(p.exerciseID)), \(change.change.title.lowercased()) from week \(before.number): \(change.text(arrow: g.becomes))"
            // "8 s" and "1 × 10" stay whole on a row: no-break spaces while wrapping, drawn as spaces.
            let whole = text.replacingOccurrences(of: #"(\d) (s\b|×)"#, with: "$1\u{00A0}$2", options: .regularExpression)
                .replacingOccurrences(of: #"× (\d)"#, with: "×\u{00A0}$1", options: .regularExpression)
            extras.append((wrappedRows(whole, width: measure, maxRows: 2, glyphs: g).map { $0.replacingOccurrences(of: "\u{00A0}", with: " ") }, .accent, false))
        }
        if let p = selectedPrescription(ctx), !p.note.isEmpty {
            let text = "Note on \(ctx.exerciseName(p.exerciseID)): \(p.note)"
            extras.append((wrappedRows(text, width: measure, maxRows: 3, glyphs: g), .plain, true))
        }
        if let p = selectedPrescription(ctx), !p.therapistDecision.isEmpty {
            let text = "\(ctx.viewer.words.Your) therapist's decision on \(ctx.exerciseName(p.exerciseID)): \(p.therapistDecision)"
            extras.append((wrappedRows(text, width: measure, maxRows: 3, glyphs: g), .accent, true))
        }
        let chosen = Self.extrasShown(extras.map { (1 + $0.lines.count, $0.mine) }, exercises: week.prescriptions.count, height: list.height)
        var y = list.y + chosen.listRows
        for (i, extra) in extras.enumerated() where chosen.shown.contains(i) {
            for (i, line) in extra.lines.enumerated() { buffer.write(line, x: list.x, y: y + 1 + i, style: extra.style, clip: list) }
            y += 1 + extra.lines.count
        }
        if !chosen.shown.isEmpty { list = Rect(x: list.x, y: list.y, width: list.width, height: chosen.listRows) }
        drawList(week, current: current, ctx, into: &buffer, area: list)
    }

    /// What she did of an exercise today, when nothing of it is due: "2 done today", "1 partial today",
    /// "1 done, 1 partial today"; nil when she did nothing, or did it once as prescribed (its box says so).
    static func doneText(_ today: ExerciseTally) -> String? {
        var parts: [String] = []
        if today.full > 0, today.timesPerDay > 1 || today.partial > 0 { parts.append("\(today.full) done") }
        if today.partial > 0 { parts.append("\(today.partial) partial") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + " today"
    }

    /// The fewest exercises the list keeps in view when it gives up rows to the selected exercise's own words.
    static let minimumShown = 4

    /// Which of the blocks under the list are shown (each `rows` high, a blank row before it included), and the
    /// rows the list keeps, in `height` rows for the list and the blocks. The whole list (two rows an exercise)
    /// and every block that fits under it, in order; when the selected exercise's own words (`mine`: why it
    /// waits, its note, her therapist's decision) do not fit under the whole list, the list scrolls in fewer
    /// rows, down to `minimumShown` exercises and the line saying how many more, and the other blocks wait.
    static func extrasShown(_ blocks: [(rows: Int, mine: Bool)], exercises: Int, height: Int) -> (shown: Set<Int>, listRows: Int) {
        let whole = exercises * 2
        // In order under the whole list, up to the first that does not fit.
        var underWhole = Set<Int>(), used = 0
        for (i, b) in blocks.enumerated() {
            guard whole + used + b.rows <= height else { break }
            underWhole.insert(i)
            used += b.rows
        }
        let missing = blocks.indices.contains { blocks[$0].mine && !underWhole.contains($0) }
        guard missing, exercises > minimumShown else { return (underWhole, whole) }
        // The list scrolls: the selected exercise's words, in order, in what the shortest list leaves.
        let floor = minimumShown * 2 + 1
        var mine = Set<Int>()
        used = 0
        for (i, b) in blocks.enumerated() where b.mine && floor + used + b.rows <= height {
            mine.insert(i)
            used += b.rows
        }
        // Nothing of hers fits even so: the whole list, and what fits under it.
        guard !mine.isEmpty else { return (underWhole, whole) }
        return (mine, min(whole, height - used))
    }

    /// Draws the notice on the bottom rows of `area` and returns what is left above it.
    @discardableResult
    private func drawNotice(_ text: String, area: Rect, into buffer: inout Buffer, glyphs: Glyphs) -> Rect {
        let lines = wrappedRows(text, width: area.width, maxRows: 2, glyphs: glyphs)
        let (top, bottom) = area.splitBottom(lines.count)
        for (i, line) in lines.enumerated() { buffer.line(line, area: bottom, row: i, style: .warning) }
        return top.inset(top: 0, left: 0, bottom: 1, right: 0)
    }

    /// Two rows per exercise: the done box, name and what changed; then the dose and how often.
    private func drawList(_ week: ProgramWeek, current: Bool, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let items = week.prescriptions
        guard !area.isEmpty else { return }
        guard !items.isEmpty else {
            buffer.clipped("No exercises this week.", x: area.x, y: area.y, area: area, style: .muted, glyphs: g)
            return
        }
        let sel = min(max(0, selected), items.count - 1)
        let fits = max(1, area.height / 2)
        let hidden = items.count > fits
        // When some exercises are out of view, the last row says so.
        let shownCount = hidden ? max(1, (area.height - 1) / 2) : items.count
        let first = ListView.scrollOffset(selected: sel, count: items.count, height: shownCount)
        let log = ctx.snapshot.log
        let nothingDue = current && (ctx.exerciseStopped || ctx.snapshot.programRanOut != nil)
        for (slot, index) in (first..<min(items.count, first + shownCount)).enumerated() {
            let p = items[index]
            let hold = ctx.hold(p, in: week)
            let y = area.y + slot * 2
            let rowArea = Rect(x: area.x, y: y, width: area.width, height: min(2, area.maxY - y))
            let isSelected = index == sel
            var x = buffer.write(isSelected ? g.selectionMarker + " " : "  ", x: area.x, y: y, clip: rowArea)
            // Done by the one rule (`ExerciseTally`): a partial session is shown as partial, never ticked.
            let today = log.day(p, on: ctx.today)
            let done = today.isDone
            if current, hold != nil {
                // Not to do: no box to tick.
                x = buffer.write(String(repeating: " ", count: DisplayWidth.of(g.checkboxOff) + 1), x: x, y: y, clip: rowArea)
            } else if current {
                x = buffer.write((done ? g.checkboxOn : g.checkboxOff) + " ", x: x, y: y, style: done ? .good : .plain, clip: rowArea)
            } else {
                x = buffer.write(g.bullet + " ", x: x, y: y, clip: rowArea)
            }
            // Right side: "1 of 2 today" for exercises done more than once a day, and what changed. Nothing is
            // due under a stop sign or once her program has run out (as the header says): only what she did.
            var right: [(String, Style)] = []
            if hold != nil {
                right.append(("WAIT", .warning))
            } else if current, nothingDue {
                if let did = Self.doneText(today) { right.append((did, .muted)) }
            } else if current, p.dose.timesPerDay > 1 {
                right.append(("\(today.full) of \(p.dose.timesPerDay) today" + (today.partial > 0 ? ", \(today.partial) partial" : ""), .muted))
            } else if current, !done, today.partial > 0 {
                right.append((today.stateText, .muted))
            }
            if let change = ctx.snapshot.program.change(of: p.exerciseID, in: week) {
                right.append((change.label(g), change == .new ? .new : .accent))
            }
            let rightText = right.map(\.0).joined(separator: "  ")
            // Tags stay next to what they tag: the right side ends at a reading measure, not the window's edge.
            let rightEdge = min(area.maxX, area.x + PortalApp.readingMeasure)
            let nameRoom = rightEdge - x - (rightText.isEmpty ? 0 : DisplayWidth.of(rightText) + 1)
            let name = ctx.exerciseName(p.exerciseID)
            if nameRoom >= min(DisplayWidth.of(name), 8) {
                buffer.write(DisplayWidth.truncate(name, to: nameRoom, ellipsis: g.ellipsis), x: x, y: y, style: .bold, clip: rowArea)
                var rx = rightEdge - DisplayWidth.of(rightText)
                for (i, part) in right.enumerated() {
                    if i > 0 { rx += 2 }
                    rx = buffer.write(part.0, x: rx, y: y, style: part.1, clip: rowArea)
                }
            } else {
                buffer.clipped(name, x: x, y: y, area: rowArea, style: .bold, glyphs: g)
            }
            let indent = area.x + 2 + DisplayWidth.of(g.checkboxOff) + 1
            if let hold {
                buffer.clipped(hold.label, x: indent, y: y + 1, area: rowArea, style: .warning, glyphs: g)
            } else {
                buffer.clipped("\(p.dose.summary) · \(p.dose.frequency)", x: indent, y: y + 1, area: rowArea, glyphs: g)
            }
            if isSelected { buffer.highlight(rowArea, with: .selected) }
        }
        if hidden {
            var parts: [String] = []
            if first > 0 { parts.append("\(g.up) \(first) more above") }
            let below = items.count - first - shownCount
            if below > 0 { parts.append("\(g.down) \(below) more below") }
            buffer.clipped(parts.joined(separator: "  "), x: area.x, y: area.maxY - 1, area: area, style: .muted, glyphs: g)
        }
    }
}
