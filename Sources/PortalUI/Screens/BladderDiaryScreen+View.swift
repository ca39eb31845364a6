import PortalCore

extension BladderDiaryScreen {
    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if let form { drawForm(form, ctx, into: &buffer, area: area) } else { drawList(ctx, into: &buffer, area: area) }
    }

    /// "Today, Fri 27 Nov" or "Wed 25 Nov".
    static func dayTitle(_ day: CalendarDate, _ ctx: ScreenContext) -> String {
        let text = ctx.dayText(day)
        return text == day.shortText ? text : "\(text), \(day.shortText)"
    }

    /// The day's title, with how to change the day at the right when it fits (the footer may not have room).
    static func drawDayTitle(_ day: CalendarDate, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let title = dayTitle(day, ctx)
        let end = buffer.line(title, area: area, row: 0, style: .label)
        let hint = "\(ctx.glyphs.leftRightKeys) another day"
        let x = area.maxX - DisplayWidth.of(hint)
        if x >= end + 2 { buffer.write(hint, x: x, y: area.y, style: .muted, clip: area) }
    }

    private func drawList(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let entries = dayEntries(ctx)
        var row = 0
        Self.drawDayTitle(day, ctx, into: &buffer, area: area)
        row += 1
        if let diary = threeDay(ctx) {
            buffer.line(diary.headline, area: area, row: row, style: .new)
            row += 1
        }
        row += 1
        let summary = BladderDay(date: day, events: entries)
        for (label, value) in summary.rows where row < area.height {
            // A long value wraps under itself, so nothing of the day is cut off.
            let lines = LineBreaker.lines(value, width: max(1, area.width - 14))
            for (i, line) in lines.enumerated() where row < area.height {
                buffer.labelled(i == 0 ? label : "", line, area: area, row: row, labelWidth: 14)
                row += 1
            }
        }
        row += 1
        if let id = confirmingDelete, let e = entries.first(where: { $0.id == id }) {
            for line in Paragraph.lines("Delete “\(e.summary)”? y deletes it, any other key keeps it.", width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .danger)
                row += 1
            }
        } else if let notice {
            for line in Paragraph.lines(notice, width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .good)
                row += 1
            }
        }
        // The warning sign a leak of the day may be (QA-j J2), said to her only, whole, before the entries: the
        // list scrolls, the pointer is not cut.
        if !ctx.viewer.isTherapist {
            let advice = entries.flatMap { SafetyRules.advice(for: $0, stage: ctx.patient?.stage, guide: ctx.content.safety) }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for line in advice.flatMap({ Paragraph.lines($0, width: area.width) }) where row < area.height {
                buffer.line(line, area: area, row: row, style: .warning)
                row += 1
            }
            if !advice.isEmpty { row += 1 }
        }
        guard row < area.height else { return }
        if entries.isEmpty {
            // The keys are named only to whoever may log (`Viewer.may`, as the key table offers them).
            let hint = !ctx.may(.bladderDiary) ? (day == ctx.today ? "She has logged nothing today." : "She logged nothing this day.")
                : day == ctx.today ? "Nothing logged today. p logs a pee, l a leak, w a drink, a a pad."
                : "Nothing logged this day. p, l, w or a adds an entry for it."
            for line in Paragraph.lines(hint, width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .muted)
                row += 1
            }
            return
        }
        buffer.line("Entries", area: area, row: row, style: .label)
        row += 1
        let listArea = Rect(x: area.x, y: area.y + row, width: area.width, height: max(0, area.height - row))
        let offset = ListView.scrollOffset(selected: cursor, count: entries.count, height: listArea.height)
        buffer.render(ListView(items: entries.map { ListItem($0.summary) }, selected: cursor, offset: offset, glyphs: ctx.glyphs), in: listArea)
    }

    /// The value a field shows.
    func value(of field: Field, _ e: BladderEvent) -> String {
        switch field {
        case .time, .volume, .note: return ""
        case .urgency: return e.urgency.map { "\($0) (\(BladderEvent.urgencyLabels[$0]))" } ?? "not said"
        case .night: return e.wokeAtNight ? "yes, it woke me" : "no"
        case .amount: return e.amount?.title ?? "not said"
        case .activity: return e.activity?.title ?? "not said"
        case .drink: return e.drink?.title ?? "not said"
        }
    }

    private func drawForm(_ e: BladderEvent, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        var row = 0
        let heading = e.id == nil ? "New \(e.kind.title.lowercased()) · \(Self.dayTitle(e.date, ctx))"
            : "\(e.kind.title) at \(e.time) · \(Self.dayTitle(e.date, ctx))"
        buffer.line(heading, area: area, row: row, style: .label)
        row += 2
        DayLog.drawFields(Field.of(e.kind), focused: field, labelWidth: 12, label: \.label, textField: { f in
            switch f {
            case .time: return time
            case .volume:
                var t = volume
                if e.kind == .drink { t.placeholder = "how much, in mL" }
                return t
            case .note: return note
            default: return nil
            }
        }, value: { f, focused, _ in focused ? "\(g.leftRightKeys) \(value(of: f, e))" : value(of: f, e) },
        glyphs: g, into: &buffer, area: area, row: &row)
        DayLog.drawEnd(error: error, help: "Enter saves. Tab moves to the next field. Esc goes back to the day without saving.",
                       into: &buffer, area: area, row: &row)
    }
}
