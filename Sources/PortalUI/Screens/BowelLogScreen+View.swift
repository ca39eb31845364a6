import PortalCore

extension BowelLogScreen {
    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if let form { drawForm(form, ctx, into: &buffer, area: area) } else { drawList(ctx, into: &buffer, area: area) }
    }

    private func drawList(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let entries = dayEntries(ctx)
        BladderDiaryScreen.drawDayTitle(day, ctx, into: &buffer, area: area)
        var lines: [(String, Style)] = []
        let week = BowelWeek.weeks(self.entries(ctx), endingOn: day, count: 1)[0]
        lines += Paragraph.lines("Last 7 days: " + week.text, width: area.width).map { ($0, .plain) }
        var confirm: [(String, Style)] = []
        if let id = confirmingDelete, let e = entries.first(where: { $0.id == id }) {
            confirm = Paragraph.lines("Delete “\(e.summary)”? y deletes it, any other key keeps it.", width: area.width).map { ($0, .danger) }
        }
        // The article's line stays on the last row; the legend takes what the entries leave.
        let article = ctx.content.article(Self.articleID).map { "r reads “\($0.title)”." }
        let bottom = article == nil ? 0 : 1
        // What the day's entries are worth telling her therapist (high pain, leaked stool), said to her only, in
        // the rows the entries leave (their heading and up to three of them keep theirs): whole, or else named in
        // one line. The warning sign a leak may be (a new loss of bowel control: 911) is never shortened: it is
        // said whole after them, and the legend gives way first.
        if !ctx.viewer.isTherapist {
            let all = entries.flatMap { SafetyRules.advice(for: $0, stage: ctx.patient?.stage, guide: ctx.content.safety) }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let sign = ctx.content.safety.pointer(.stool, stage: ctx.patient?.stage).flatMap { all.contains($0) ? $0 : nil }
            let advice = all.filter { $0 != sign }
            let signLines = sign.map { Paragraph.lines($0, width: area.width) } ?? []
            let whole = advice.flatMap { Paragraph.lines($0, width: area.width) }
            let room = area.height - 1 - lines.count - 1 - confirm.count - bottom - 1 - min(max(entries.count, 1), 3) - signLines.count
            let shown = whole.count <= room ? whole
                : advice.isEmpty ? [] : Paragraph.lines(Self.adviceInShort(entries), width: area.width)
            lines += (shown + signLines).map { ($0, .warning) }
        }
        lines.append(("", .plain))
        lines += confirm
        var row = 1
        for (text, style) in lines where row < area.height {
            buffer.line(text, area: area, row: row, style: style)
            row += 1
        }
        if entries.isEmpty {
            // The keys are named only to whoever may log (`Viewer.may`, as the key table offers them).
            let hint = !ctx.may(.bowelLog) ? (day == ctx.today ? "She has logged nothing today." : "She logged nothing this day.")
                : day == ctx.today ? "Nothing logged today. Press 1 to 7 for the stool type." : "Nothing logged this day. 1 to 7 adds one for it."
            buffer.line(hint,
                        area: area, row: row, style: .muted)
            row += 1
        } else {
            buffer.line("Entries", area: area, row: row, style: .label)
            row += 1
            let room = max(1, min(entries.count, area.height - row - bottom - 9))
            let listArea = Rect(x: area.x, y: area.y + row, width: area.width, height: max(0, min(room, area.height - row - bottom)))
            let offset = ListView.scrollOffset(selected: cursor, count: entries.count, height: listArea.height)
            buffer.render(ListView(items: entries.map { ListItem($0.summary) }, selected: cursor, offset: offset, glyphs: ctx.glyphs), in: listArea)
            row += listArea.height
        }
        // The legend is whole or not drawn, never cut part-way: a type per line when there is room, else the
        // seven in one wrapped paragraph, else the three groups (the article line below says where more is).
        let legendRows = area.height - row - bottom - 1
        if let legend = Self.legend(width: area.width, rows: legendRows) {
            row += 1
            for (text, style) in legend {
                buffer.line(text, area: area, row: row, style: style)
                row += 1
            }
        }
        if let article { buffer.line(article, area: area, row: area.height - 1, style: .muted) }
    }

    /// The day's advice named in one line, for a window too small for its words (`SafetyRules.advice`): what
    /// raised it, and whom to tell.
    static func adviceInShort(_ entries: [BowelEntry]) -> String {
        var what: [String] = []
        if let high = entries.compactMap(\.pain).filter({ $0 >= SafetyRules.highPainScore }).max() { what.append("pain of \(high)") }
        if entries.contains(where: { $0.leaks.contains { $0 != .gas } }) { what.append("leaked stool") }
        return "Worth telling your therapist or provider today: " + what.joined(separator: " and ") + " (a taller window shows why)."
    }

    /// The Bristol legend in the first form that fits `rows` rows of `width` whole, or nil when none does.
    static func legend(width: Int, rows: Int) -> [(String, Style)]? {
        let heading = "Stool types (the Bristol scale)"
        let types = BristolType.allCases.map { "\($0.rawValue) \($0.words)" }
        let forms: [[(String, Style)]] = [
            [(heading, .label)] + types.map { ($0, .plain) },
            Paragraph.lines(heading + ": " + types.joined(separator: " · "), width: width).map { ($0, .plain) },
            Paragraph.lines("Stool types: " + BristolType.Group.allCases.map(\.title).joined(separator: ", ") + ".", width: width).map { ($0, .plain) },
        ]
        return forms.first { $0.count <= rows }
    }

    func value(of field: Field, _ e: BowelEntry) -> String {
        switch field {
        case .type: return e.type.title
        case .time, .note: return ""
        case .straining: return e.straining ? "yes" : "no"
        case .urgency: return e.urgency ? "yes" : "no"
        case .gas, .liquid, .solid: return e.leaks.contains(field.leak!) ? "yes" : "no"
        case .pain: return e.pain.map(String.init) ?? "not said"
        }
    }

    private func drawForm(_ e: BowelEntry, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        var row = 0
        buffer.line("New entry · \(BladderDiaryScreen.dayTitle(e.date, ctx))", area: area, row: row, style: .label)
        row += 2
        DayLog.drawFields(Field.allCases, focused: field, labelWidth: 15, label: \.label,
                          textField: { f in f.takesText ? (f == .time ? time : note) : nil },
                          value: { f, focused, width in
                              DisplayWidth.truncate(focused && (f == .type || f == .pain) ? "\(g.leftRightKeys) \(value(of: f, e))" : value(of: f, e),
                                                    to: width, ellipsis: g.ellipsis)
                          }, glyphs: g, into: &buffer, area: area, row: &row)
        DayLog.drawEnd(error: error, help: "Enter saves. Tab moves to the next field; Space says yes or no. Esc goes back without saving.",
                       into: &buffer, area: area, row: &row)
    }
}
