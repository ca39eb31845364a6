import PortalCore

/// How the editor draws: the week's header (whose week, from when, saved or not, the note to her), then each
/// exercise with its change from last week as she will see it, its dose in her words, the selected one's numbers
/// to change, and any precaution it breaks with the ways out; or, with `v` (and before publishing), the week as
/// her own Home and Exercises screens will show it.
///
///     Week 5 for Jordan Lee · from Tue 1 Dec · 25 weeks pregnant then
///     From this week (4): replaces week 5 when you publish (p)
///     Note to her: none yet (n to write one)
///
///     › Seated piriformis stretch                                   ↑ more
///         3 × 1, hold 30 s, each side · daily
///         [Sets 3]  Reps 1  Hold (s) 30  Side each side  Days a week 7  …
///       Figure-4 stretch                                         NEW  ! rule
///         1 × 3, hold 30 s, each side · daily
///         ! Not lying on the back from week 20 of pregnancy: she is 25 weeks pregnant then.
extension ProgramEditorScreen {
    /// One row of the editor as drawn: styled pieces from the left, tags at the right, or the text field.
    struct Line {
        var left: [(String, Style)] = []
        var right: [(String, Style)] = []
        var indent = 0
        /// The exercise (index into the week) it belongs to, for scrolling and the selection.
        var owner: Int?
        var isField = false
    }

    /// The header's rows: the week, whether it is saved, the note.
    func headerLines(_ ctx: ScreenContext, width: Int) -> [Line] {
        let g = ctx.glyphs
        let week = draft.week
        var head = "Week \(week.number)"
        if let name = ctx.patient?.name { head += " for \(name)" }
        head += " · from \(week.starts.text(near: ctx.today))"
        if let stage = ctx.patient?.progress(on: week.starts).headline { head += " · \(stage.prefix(1).lowercased() + stage.dropFirst()) then" }
        var lines = [Line(left: [(head, .bold)])]
        let status: (String, Style)
        if let replaced = draft.replaces {
            // Her week to come, replaced when published: until then she keeps it as it is (short enough for 60 columns).
            let unchanged = replaced.origin == .therapist ? "Your week \(week.number) as she has it: changes when you publish (p)"
                : "From this week (\(draft.previous?.number ?? week.number)): replaces week \(week.number) when you publish (p)"
            status = draft.week != baseline ? ("Changed: replaces week \(week.number) when you publish (p)", .warning) : (unchanged, .muted)
        } else if draft.week != baseline {
            status = (isStoredDraft(ctx) ? "Changed since it was saved (s saves it)" : "Not saved yet: she sees nothing until you publish", .warning)
        } else if isStoredDraft(ctx) {
            status = ("Saved, not published: she does not see it until you publish it (p)", .muted)
        } else {
            status = ("A copy of week \(draft.previous?.number ?? week.number) to change: not saved yet", .muted)
        }
        lines.append(Line(left: [status]))
        if typing == .note {
            lines.append(Line(left: [("Note to her (Enter when done):", .label)]))
            lines.append(Line(isField: true))
        } else if week.note.isEmpty {
            lines.append(Line(left: [("Note to her: ", .label), ("none yet (n to write one)", .muted)]))
        } else {
            for (i, row) in wrappedRows("Note to her: " + week.note, width: width, maxRows: 2, glyphs: g).enumerated() {
                lines.append(Line(left: i == 0 && row.hasPrefix("Note to her: ")
                                  ? [("Note to her: ", .label), (String(row.dropFirst("Note to her: ".count)), .plain)] : [(row, .plain)]))
            }
        }
        return lines
    }

    /// The exercises' rows, top to bottom.
    func listLines(_ ctx: ScreenContext, width: Int) -> [Line] {
        let g = ctx.glyphs
        let measure = Paragraph.width(width)
        let breaks = ruleBreaks(ctx)
        let sel = min(max(0, selected), max(0, prescriptions.count - 1))
        var lines: [Line] = []
        func wrapped(_ text: String, _ style: Style, owner: Int, maxRows: Int = 2) {
            for row in wrappedRows(text, width: max(1, measure - 4), maxRows: maxRows, glyphs: g) {
                lines.append(Line(left: [(row, style)], indent: 4, owner: owner))
            }
        }
        for (i, p) in prescriptions.enumerated() {
            let broken = breaks[p.exerciseID] ?? []
            let decided = !p.therapistDecision.isEmpty
            var right: [(String, Style)] = []
            // The change from last week in the patient's own words and marks (the Exercises screen's).
            if let change = draft.change(of: p.exerciseID) { right.append((change.label(g), change == .new ? .new : .accent)) }
            if !broken.isEmpty { right.append((decided ? "your decision" : "! rule", decided ? .accent : .warning)) }
            lines.append(Line(left: [(ctx.exerciseName(p.exerciseID), .bold)], right: right, owner: i))
            lines.append(Line(left: [("\(p.dose.summary) · \(p.dose.frequency)", .plain)], indent: 4, owner: i))
            if i == sel, !previewing {
                for row in doseRows(p.dose, width: measure - 4, glyphs: g) { lines.append(Line(left: row, indent: 4, owner: i)) }
            }
            for b in broken where !decided { wrapped("! " + b.short, .warning, owner: i) }
            if i == sel, !broken.isEmpty, !decided, typing == nil {
                wrapped("Change it or remove it (x), or record it as your decision (d) with the reason she is shown.", .muted, owner: i)
            }
            if case .decision(let id)? = typing, id == p.exerciseID {
                for b in broken where decided { wrapped("Breaks: " + b.short, .muted, owner: i) }
                lines.append(Line(left: [("Your reason, which she is shown (Enter when done):", .label)], indent: 4, owner: i))
                lines.append(Line(indent: 4, owner: i, isField: true))
            } else if decided {
                if i == sel { for b in broken { wrapped("Breaks: " + b.short, .muted, owner: i) } }
                wrapped((broken.isEmpty ? "Your decision (no precaution is broken now): " : "Your decision, which she is shown: ") + p.therapistDecision,
                        broken.isEmpty ? .muted : .accent, owner: i)
            }
        }
        return lines
    }

    /// The selected exercise's numbers as "Label value" pieces, the one being changed in brackets (and reversed),
    /// flowed over as many rows as the width needs.
    func doseRows(_ dose: Dose, width: Int, glyphs g: Glyphs) -> [[(String, Style)]] {
        var rows: [[(String, Style)]] = [[]]
        var used = 0
        for d in DoseItem.allCases {
            let focused = d == item
            let value = focused && !typed.isEmpty ? typed : d.value(dose)
            let piece = focused ? "[\(d.label) \(value)]" : " \(d.label) \(value) "
            let w = DisplayWidth.of(piece) + 1
            if used > 0, used + w > width { rows.append([]); used = 0 }
            rows[rows.count - 1].append((piece, focused ? Style(bold: true, reverse: true) : .plain))
            rows[rows.count - 1].append((" ", .plain))
            used += w
        }
        return rows
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        var rest = area
        // The question or the message at the bottom, so the rows above keep their places.
        if confirmingPublish || notice != nil {
            let name = ctx.patient?.name ?? "her"
            let text = confirmingPublish
                ? "Publish week \(draft.week.number) to \(name)\(draft.replaces == nil ? "" : " in place of the week she has")? She sees it from \(draft.week.starts.text(near: ctx.today)). y = publish, any other key = not now"
                : notice ?? ""
            let rows = wrappedRows(text, width: rest.width, maxRows: 3, glyphs: g)
            let (top, bottom) = rest.splitBottom(min(rows.count, max(0, rest.height - 2)))
            for (i, row) in rows.enumerated() {
                buffer.line(row, area: bottom, row: i, style: confirmingPublish || noticeIsProblem ? .warning : .muted)
            }
            rest = top.inset(top: 0, left: 0, bottom: min(1, top.height), right: 0)
        }
        if previewing {
            drawPatientView(ctx, into: &buffer, area: rest)
            return
        }
        let header = headerLines(ctx, width: rest.width)
        drawLines(header, into: &buffer, area: rest, glyphs: g, selected: nil)
        var list = rest.inset(top: header.count + 1, left: 0, bottom: 0, right: 0)
        guard !list.isEmpty else { return }
        guard !prescriptions.isEmpty else {
            buffer.clipped("No exercises yet: press a to add one from the library.", x: list.x, y: list.y, area: list, style: .muted, glyphs: g)
            return
        }
        // What she no longer does, under the list when there is room.
        let dropped = draft.changes.removed.map { ctx.exerciseName($0.exerciseID) }
        if draft.previous != nil, !dropped.isEmpty {
            let rows = wrappedRows("No longer in her program: " + dropped.joined(separator: ", "), width: list.width,
                                   maxRows: 2, glyphs: g)
            if list.height - rows.count - 1 >= 4 {
                let (top, bottom) = list.splitBottom(rows.count)
                for (i, row) in rows.enumerated() { buffer.line(row, area: bottom, row: i, style: .muted) }
                list = top.inset(top: 0, left: 0, bottom: 1, right: 0)
            }
        }
        let lines = listLines(ctx, width: list.width)
        let sel = min(max(0, selected), prescriptions.count - 1)
        drawScrolled(lines, selected: sel, into: &buffer, area: list, glyphs: g)
    }

    /// The list scrolled so the selected exercise is in view (its name at least), with "more above/below".
    private func drawScrolled(_ lines: [Line], selected sel: Int, into buffer: inout Buffer, area: Rect, glyphs g: Glyphs) {
        let mine = lines.indices.filter { lines[$0].owner == sel }
        let top = mine.first ?? 0, bottom = mine.last ?? 0
        let hidden = lines.count > area.height
        let height = hidden ? max(1, area.height - 1) : area.height
        var first = 0
        if hidden {
            // Her field in view when she is typing, else the whole exercise, else its name.
            let focus = lines.lastIndex { $0.isField } ?? bottom
            first = max(0, min(lines.count - height, focus - height + 1))
            if typing == nil { first = min(first, top) }
        }
        drawLines(Array(lines[first..<min(lines.count, first + height)]), into: &buffer,
                  area: Rect(x: area.x, y: area.y, width: area.width, height: height), glyphs: g, selected: sel)
        if hidden {
            var parts: [String] = []
            if first > 0 { parts.append("\(g.up) more above") }
            if first + height < lines.count { parts.append("\(g.down) more below") }
            buffer.clipped(parts.joined(separator: "  "), x: area.x, y: area.maxY - 1, area: area, style: .muted, glyphs: g)
        }
    }

    private func drawLines(_ lines: [Line], into buffer: inout Buffer, area: Rect, glyphs g: Glyphs, selected sel: Int?) {
        let rightEdge = min(area.maxX, area.x + PortalApp.readingMeasure)
        for (i, line) in lines.enumerated() where i < area.height {
            let row = area.row(i)
            var x = row.x
            if line.owner != nil {
                let isName = line.indent == 0
                x = buffer.write(isName && line.owner == sel ? g.selectionMarker + " " : "  ", x: x, y: row.y, clip: row)
            }
            x += line.indent
            if line.isField {
                var field = text
                field.glyphs = g
                field.render(into: &buffer, area: Rect(x: x, y: row.y, width: max(0, min(rightEdge, row.maxX) - x), height: 1), focused: true)
                continue
            }
            let rightText = line.right.map(\.0).joined(separator: "  ")
            let limit = line.right.isEmpty ? row.maxX : rightEdge - DisplayWidth.of(rightText) - 1
            for (j, piece) in line.left.enumerated() where limit - x > 0 {
                x = buffer.write(DisplayWidth.truncate(piece.0, to: limit - x, ellipsis: j == line.left.count - 1 ? g.ellipsis : ""),
                                 x: x, y: row.y, style: piece.1, clip: row)
            }
            if !line.right.isEmpty, rightEdge - DisplayWidth.of(rightText) > x {
                var rx = rightEdge - DisplayWidth.of(rightText)
                for (j, tag) in line.right.enumerated() {
                    if j > 0 { rx += 2 }
                    rx = buffer.write(tag.0, x: rx, y: row.y, style: tag.1, clip: row)
                }
            }
            if line.owner == sel, line.indent == 0 { buffer.highlight(Rect(x: row.x, y: row.y, width: row.width, height: 1), with: .selected) }
        }
    }

    // MARK: Her view

    /// The context of the patient's own screens on the week's first day once it is published: her program with
    /// this week in it, seen by her.
    func patientContext(_ ctx: ScreenContext) -> ScreenContext {
        var c = ctx
        c.viewer = .patient
        c.chart = nil
        var s = ctx.snapshot
        s.program = Program(weeks: s.program.weeks.filter { $0.number < draft.week.number } + [draft.week])
        s.clock = PortalClock(today: draft.week.starts, time: ctx.snapshot.clock.time)
        c.snapshot = s
        return c
    }

    /// The week as she will see it: Home's line of what is new (`HomeScreen.exerciseLines`) and her Exercises
    /// screen itself, drawn from her program with this week in it, on its first day.
    private func drawPatientView(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let her = patientContext(ctx)
        let name = ctx.patient?.name.split(separator: " ").first.map(String.init) ?? "She"
        buffer.clipped("What \(name) will see from \(draft.week.starts.text(near: ctx.today)), once you publish it (v to go back):",
                       x: area.x, y: area.y, area: area, style: .bold, glyphs: g)
        var rest = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        // Home's own line, or what its absence means: nothing announced (no change, or only what her stage holds back).
        let new = HomeScreen.exerciseLines(her, sparkline: false).first(where: { $0.label == "New" })
        let text = new.map { "On Home: " + $0.text.replacingOccurrences(of: "\u{00A0}", with: " ") }
            ?? "On Home: nothing new is announced this week."
        let rows = wrappedRows(text, width: rest.width, maxRows: 2, glyphs: g)
        for (i, row) in rows.enumerated() { buffer.line(row, area: rest, row: i, style: new == nil ? .muted : .new) }
        rest = rest.inset(top: rows.count, left: 0, bottom: 0, right: 0)
        rest = rest.inset(top: 1, left: 0, bottom: 0, right: 0)
        ExercisesScreen(weekNumber: nil, selected: selected).view(her, into: &buffer, area: rest)
    }
}
