import PortalCore

extension LogPainScreen {
    static let labelWidth = 17

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        var rest = area

        // A safety message stays in view while it applies: from what was logged, or from this draft.
        if let alert = safetyAlert(ctx) {
            // The whole message when the form can still fit below it; never fewer than three rows. Past that the
            // signs are counted (they are ticked below, or listed on Home), never what to do cut (QA E7).
            let (banner, h, _) = alert.banner(g, width: rest.width, rows: max(3, rest.height - 11))
            let (top, below) = rest.splitTop(h + 1)
            buffer.render(banner, in: top.inset(top: 0, left: 0, bottom: 1, right: 0))
            rest = below
        }

        // The form takes eleven rows. When a pick list has the focus and too little room is left below the
        // form, the list takes the form's place, so nothing is ever ticked unseen.
        if isListField, rest.height - Self.formRows < Self.minimumPane {
            drawCompact(ctx, into: &buffer, rest)
            return
        }
        // The form scrolls up when its problem would fall below the window (under a banner at 60×18): the problem,
        // whole, and the field it is about stay on screen, the rows above that field giving way.
        let skip = formSkip(rows: rest.height, width: rest.width)
        guard skip > 0 else { return drawForm(ctx, into: &buffer, rest) }
        var form = Buffer(size: buffer.size)
        drawForm(ctx, into: &form, Rect(x: rest.x, y: rest.y - skip, width: rest.width, height: rest.height + skip))
        for y in rest.y..<rest.maxY { for x in rest.x..<rest.maxX { buffer[x, y] = form[x, y] } }
    }

    /// The form's rows, from the score to Save.
    static let fieldRows = 9

    /// The rows the form scrolls up by in `rows` rows `width` wide: enough to show the problem whole under Save,
    /// never past the focused field (the one with the problem, where the form puts the focus). The score's two
    /// rows (its numbers, then their words) go together: its words alone would say nothing.
    func formSkip(rows: Int, width: Int) -> Int {
        guard let error else { return 0 }
        let end = Self.fieldRows + min(Self.problemRows, Paragraph.lines("Problem: " + error, width: width).count)
        let focusRow = focus == .score ? 0 : min(focus.rawValue + 1, Self.fieldRows - 1)
        let needed = max(0, end - rows)
        return min(needed == 1 ? 2 : needed, focusRow)
    }

    /// Up to four lines: a refused time names the change of clocks and what to choose instead, which takes three
    /// at 60 columns; the list under the form gives way first.
    static let problemRows = 4

    private func drawForm(_ ctx: ScreenContext, into buffer: inout Buffer, _ rest: Rect) {
        let g = ctx.glyphs
        var row = 0
        func label(_ text: String, _ field: Field) -> Rect {
            let r = rest.row(row)
            let focused = focus == field
            let marker = focused ? g.selectionMarker + " " : "  "
            buffer.write(marker + text, x: r.x, y: r.y, style: focused ? Style(bold: true, reverse: true) : .label, clip: r)
            return Rect(x: r.x + Self.labelWidth, y: r.y, width: max(0, r.width - Self.labelWidth), height: r.height)
        }

        // Score: the scale's numbers on one row, its words on the next.
        let scaleArea = label("Pain score", .score)
        buffer.render(ScaleWidget(selected: score), in: Rect(x: scaleArea.x, y: scaleArea.y, width: min(scaleArea.width, 66), height: 2))
        row += 2
        let dayText = ctx.dayWithDate(day)
        buffer.write(dayText + (focus == .day ? "   \(g.left) \(g.right) change, t today" : ""), x: label("Day", .day).x, y: rest.y + row, clip: rest)
        row += 1
        let timeArea = label("Time", .time)
        shownTime(ctx).render(into: &buffer, area: Rect(x: timeArea.x, y: timeArea.y, width: min(8, timeArea.width), height: 1), focused: focus == .time)
        if let timeNote {
            buffer.write(DisplayWidth.truncate(timeNote, to: max(0, timeArea.width - 9), ellipsis: g.ellipsis),
                         x: timeArea.x + 9, y: timeArea.y, style: .accent, clip: rest)
        }
        row += 1
        let siteText = PainSite.allCases.compactMap { s in sites[s].map { SiteSide(s, $0).title } }.joined(separator: ", ")
        buffer.write(DisplayWidth.truncate(siteText.isEmpty ? "none chosen" : siteText, to: rest.width - Self.labelWidth),
                     x: label("Where", .sites).x, y: rest.y + row, style: siteText.isEmpty ? .muted : .plain, clip: rest)
        row += 1
        let triggerText = PainTrigger.allCases.filter(triggers.contains).map(\.title).joined(separator: ", ")
        buffer.write(DisplayWidth.truncate(triggerText.isEmpty ? "none chosen" : triggerText, to: rest.width - Self.labelWidth),
                     x: label("Worse with", .triggers).x, y: rest.y + row, style: triggerText.isEmpty ? .muted : .plain, clip: rest)
        row += 1
        let emergency = Self.signs(ctx).contains { warnings.contains($0.id) && $0.urgency == .emergency }
        let warningText = warnings.isEmpty ? "none" : "\(warnings.count) ticked: " + (emergency ? "call 911" : "contact your provider")
        buffer.write(warningText, x: label("Warning signs", .warnings).x, y: rest.y + row,
                     style: warnings.isEmpty ? .muted : .danger, clip: rest)
        row += 1
        let noteArea = label("Note", .note)
        note.render(into: &buffer, area: Rect(x: noteArea.x, y: noteArea.y, width: noteArea.width, height: 1), focused: focus == .note)
        row += 1
        let saveText = editingID == nil ? "[ Save entry ]" : "[ Save changes ]"
        let saveRow = rest.row(row)
        buffer.write(saveText, x: saveRow.x + Self.labelWidth, y: saveRow.y,
                     style: focus == .save ? Style(bold: true, reverse: true) : .bold, clip: saveRow)
        if focus == .save { buffer.write(g.selectionMarker, x: saveRow.x, y: saveRow.y, style: .bold, clip: saveRow) }
        row += 1
        if let error {
            let lines = Paragraph.lines("Problem: " + error, width: rest.width)
            for line in lines.prefix(Self.problemRows) { buffer.line(line, area: rest, row: row, style: .danger); row += 1 }
        } else if let id = confirmingDelete, let e = ctx.snapshot.painEntries.first(where: { $0.id == id }) {
            buffer.line("Delete the entry of \(e.time) (\(e.score)/10)? y = delete, any other key = keep", area: rest, row: row, style: .warning)
            row += 1
        } else if let keptNote {
            for line in Paragraph.lines(keptNote, width: rest.width).prefix(3) { buffer.line(line, area: rest, row: row, style: .warning); row += 1 }
        } else if let scoreNote {
            buffer.line(scoreNote, area: rest, row: row, style: .muted)
            row += 1
        }
        row += 1

        // The pane under the form: the list being edited, or the day's entries.
        let pane = rest.inset(top: row, left: 0, bottom: 0, right: 0)
        guard pane.height >= 2 else { return }
        drawPane(ctx, into: &buffer, pane)
    }

    static let formRows = 11
    static let minimumPane = 5

    var isListField: Bool { focus == .sites || focus == .triggers || focus == .warnings }

    /// A small window with a pick list focused: one line that sums up the entry, then the list.
    private func drawCompact(_ ctx: ScreenContext, into buffer: inout Buffer, _ area: Rect) {
        let summary = "Pain \(score.map { "\($0)/10" } ?? "not chosen") · \(ctx.dayText(day)) \(shownTime(ctx).value) · Tab: next field"
        buffer.line(summary, area: area, row: 0, style: .muted)
        drawPane(ctx, into: &buffer, area.inset(top: 1, left: 0, bottom: 0, right: 0))
    }

    private func drawPane(_ ctx: ScreenContext, into buffer: inout Buffer, _ pane: Rect) {
        let g = ctx.glyphs
        switch focus {
        case .sites:
            let items = PainSite.allCases.map { s -> ChecklistItem in
                let side = sites[s].flatMap { $0 == .unspecified ? nil : $0.rawValue }
                return ChecklistItem(s.title, checked: sites[s] != nil, detail: side)
            }
            drawList("Where does it hurt?  Space ticks, \(g.left) \(g.right) picks the side", items, cursor: siteCursor, into: &buffer, pane, g)
        case .triggers:
            let items = PainTrigger.allCases.map { ChecklistItem($0.title, checked: triggers.contains($0)) }
            drawList("What made it worse?  Space ticks", items, cursor: triggerCursor, into: &buffer, pane, g)
        case .warnings:
            let items = WarningSignsScreen.items(Self.signs(ctx), ticked: warnings)
            // Long signs wrap onto continuation lines: safety text is never cut short.
            // The signs are about now: with an entry for an earlier day they are saved for today (QA M2,
            // `PainEntry.signsHadNow`), and the question says so.
            let question = day < ctx.today ? "Any of these now? They are saved for today." : "Do you have any of these today?"
            drawList("\(question)  Space ticks", items, cursor: warningCursor, into: &buffer, pane, g, wraps: true)
        default:
            drawEntries(ctx, into: &buffer, pane)
        }
    }

    private func drawList(_ heading: String, _ items: [ChecklistItem], cursor: Int, into buffer: inout Buffer, _ pane: Rect,
                          _ g: Glyphs, wraps: Bool = false) {
        buffer.line(heading, area: pane, row: 0, style: .bold)
        let listArea = pane.inset(top: 1, left: 0, bottom: 0, right: 0)
        let offset = wraps ? 0 : ListView.scrollOffset(selected: cursor, count: items.count, height: listArea.height)
        buffer.render(Checklist(items: items, cursor: cursor, offset: offset, glyphs: g, wraps: wraps), in: listArea)
    }

    private func drawEntries(_ ctx: ScreenContext, into buffer: inout Buffer, _ pane: Rect) {
        let entries = ctx.snapshot.entries(on: day)
        let heading = "Entries for \(ctx.dayInSentence(day))" + (entries.isEmpty ? ": none yet" : " (Tab here, then Enter edits, d deletes)")
        buffer.line(heading, area: pane, row: 0, style: .bold)
        let items = entries.map { e -> ListItem in
            var text = "\(e.time)  \(e.score)/10"
            if !e.sites.isEmpty { text += "  " + e.sites.map(\.title).joined(separator: ", ") }
            if !e.note.isEmpty { text += "  “\(e.note)”" }
            return ListItem(text)
        }
        let listArea = pane.inset(top: 1, left: 0, bottom: 0, right: 0)
        let selected = focus == .entries ? min(entryCursor, max(0, items.count - 1)) : nil
        let offset = ListView.scrollOffset(selected: selected ?? 0, count: items.count, height: listArea.height)
        buffer.render(ListView(items: items, selected: items.isEmpty ? nil : selected, offset: offset, glyphs: ctx.glyphs), in: listArea)
    }

    private func safetyAlert(_ ctx: ScreenContext) -> SafetyAlert? {
        let guide = ctx.content.safety
        let signs = Self.signs(ctx).filter { warnings.contains($0.id) }
        // Every sign ticked is named, the most urgent first; the advice is the most urgent one's. The most urgent
        // message of the form's and the day's stays on top: a high score typed in does not hide the day's "call
        // 911" (QA E21); on a tie the form's own comes first, since it answers what she is typing.
        let candidates = [
            SafetyRules.alert(for: signs, guide: guide, date: day, verb: "You ticked"),
            score.flatMap { SafetyRules.highPainAlert(score: $0, date: day, guide: guide, saved: false) },
            ctx.snapshot.safetyAlerts(guide: guide).first,
        ].compactMap { $0 }
        return candidates.max { $0.level < $1.level }
    }
}
