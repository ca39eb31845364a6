import PortalCore

extension MeasureScreen {
    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard let m = measure(ctx) else {
            buffer.line("This questionnaire could not be read (its file in measures/ is damaged); reinstalling the portal brings it back.",
                        area: area, row: 0, style: .danger)
            return
        }
        switch page {
        case .start: drawStart(m, ctx, into: &buffer, area: area)
        case .question(let i): drawQuestion(i, m, ctx, into: &buffer, area: area)
        case .checklist: drawChecklist(m, ctx, into: &buffer, area: area)
        case .activities: drawActivities(m, ctx, into: &buffer, area: area)
        case .result, .past: drawScrolled(pageLines(ctx, width: area.width), ctx, into: &buffer, area: area)
        }
    }

    // MARK: Start

    /// "27 Nov: 6.3 out of 10 on average".
    static func summary(_ m: Measure, _ r: MeasureResponse) -> String {
        var text = "\(r.date.dayMonthText): \(m.scoreText(m.score(r).total))"
        let flagged = m.flagged(r)
        if m.id == Measure.checkInID {
            // The check-in says what to talk about, as it always has.
            text = flagged.isEmpty ? "\(r.date.dayMonthText): nothing to flag"
                : "\(r.date.dayMonthText): \(flagged.count) area\(flagged.count == 1 ? "" : "s") to talk about (\(flagged.map { $0.title.lowercased() }.joined(separator: ", ")))"
        }
        return text
    }

    private func drawStart(_ m: Measure, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let earlier = earlier(ctx)
        var head: [(String, Style)] = [("\(m.title) (\(m.abbreviation))", .title)]
        if m.abbreviation == m.title || m.id == Measure.checkInID { head[0].0 = m.title }
        head.append(("About \(m.recall) · about \(m.minutes) minute\(m.minutes == 1 ? "" : "s")", .muted))
        head.append(("", .plain))
        var tail: [(String, Style)] = [("", .plain)]
        if uncounted(ctx) == 0, let change = m.change(history(ctx)) { tail.append(("Since the first time: " + change.short, .plain)) }
        let mayFill = Self.mayFill(m, ctx)
        tail.append((earlier.isEmpty ? (mayFill ? "" : "She has not filled it in yet.") : mayFill ? "Your answers so far (Enter opens one)" : "Her answers so far (Enter opens one)",
                     earlier.isEmpty ? .muted : .label))
        // The list keeps at least the start row and two results; the introduction gets what is left.
        let listRows = 1 + earlier.count
        let minList = min(listRows, 3)
        var intro = Paragraph.lines(m.intro, width: area.width)
        let room = area.height - head.count - tail.count - minList
        if intro.count > max(1, room) {
            intro = Array(intro.prefix(max(1, room)))
            intro[intro.count - 1] = DisplayWidth.truncate(intro[intro.count - 1] + " " + g.ellipsis, to: area.width, ellipsis: g.ellipsis)
        }
        var lines = head + intro.map { ($0, Style.plain) } + tail
        if earlier.isEmpty, mayFill { lines.removeLast() }
        var row = 0
        for (text, style) in lines where row < area.height {
            buffer.line(text, area: area, row: row, style: style)
            row += 1
        }
        // The list: "Start" then each earlier result, latest first, scrolled to keep the cursor in view.
        // Her therapist's list has no "Start": she reads the answers (`mayFill`).
        let items = (mayFill ? [ListItem(earlier.isEmpty ? "Start" : "Start a new one")] : []) + earlier.map { ListItem(Self.summary(m, $0)) }
        let selected = mayFill ? startCursor : max(0, startCursor - 1)
        let older = uncounted(ctx)
        let listArea = Rect(x: area.x, y: area.y + row, width: area.width, height: max(0, area.height - row - (older > 0 ? 1 : 0)))
        let offset = ListView.scrollOffset(selected: selected, count: items.count, height: listArea.height)
        if !items.isEmpty { buffer.render(ListView(items: items, selected: selected, offset: offset, glyphs: g), in: listArea) }
        if older > 0 {
            buffer.line("  and \(older) earlier (in \(ctx.viewer.words.your) exports)", area: area, row: min(area.height - 1, row + items.count), style: .muted)
        }
    }

    // MARK: One question at a time

    private func drawQuestion(_ index: Int, _ m: Measure, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard m.items.indices.contains(index), let scale = m.scale(of: m.items[index]) else { return }
        var row = 0
        buffer.write("Question \(index + 1) of \(m.items.count)", x: area.x, y: area.y, style: .label, clip: area)
        row += 2
        let textRows = max(1, area.height - row - 4)
        for line in Paragraph.lines(m.items[index].text, width: area.width).prefix(textRows) {
            buffer.line(line, area: area, row: row)
            row += 1
        }
        row += 1
        guard row < area.height else { return }
        // The answers on one line when they fit, else one a line.
        let labels = scale.options.map { ($0, $0.key ?? String($0.value)) }
        let oneLine = labels.map { 2 + DisplayWidth.of($0.1) + 1 + DisplayWidth.of($0.0.label) + 3 }.reduce(0, +) <= area.width
        var x = area.x
        for (option, key) in labels where row < area.height {
            let y = area.y + row
            let start = x
            let selected = choice == option.value
            x = buffer.write(DisplayWidth.pad(selected ? ctx.glyphs.selectionMarker : "", to: 2), x: x, y: y, clip: area)
            x = buffer.write(key, x: x, y: y, style: .key, clip: area)
            x = buffer.write(" " + option.label, x: x, y: y, clip: area)
            if selected { buffer.highlight(Rect(x: start, y: y, width: x - start, height: 1), with: .selected) }
            if oneLine { x += 3 } else { x = area.x; row += 1 }
        }
        if oneLine { row += 1 }
        row += 1
        let keys = labels.map(\.1).joined(separator: " or ")
        let esc = answers.isEmpty ? "Esc: back." : "Esc: back (answers so far are not saved)."
        let help = "Press \(keys). b: \(index == 0 ? "the introduction" : "previous question"). " + esc
        for line in Paragraph.lines(help, width: area.width) where row < area.height {
            buffer.line(line, area: area, row: row, style: .muted)
            row += 1
        }
    }

    // MARK: A list to tick

    private func drawChecklist(_ m: Measure, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        var row = 0
        let ticked = m.items.filter { answers[$0.id] == 1 }.count
        // The instruction whole, on two rows at 60 columns (never cut short).
        for line in Paragraph.lines("Tick each sentence that describes you \(m.recall): Space ticks, Enter when done", width: area.width)
        where row < area.height {
            buffer.line(line, area: area, row: row, style: .bold)
            row += 1
        }
        buffer.line("\(ticked) of \(m.items.count) ticked", area: area, row: row, style: .muted)
        row += 1
        if let error {
            for line in Paragraph.lines("Problem: " + error, width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .danger)
                row += 1
            }
        }
        let items = m.items.map { ChecklistItem($0.text, checked: answers[$0.id] == 1) }
        let listArea = Rect(x: area.x, y: area.y + row, width: area.width, height: max(0, area.height - row))
        buffer.render(Checklist(items: items, cursor: listCursor, glyphs: ctx.glyphs, wraps: true), in: listArea)
    }

    // MARK: Activities

    private func drawActivities(_ m: Measure, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard let a = m.activities else { return }
        let before = baseline?.activities ?? []
        var lines: [(String, Style)] = []
        // More named before than a response holds: she rates those that still matter (the rest are left out).
        let offered = rows.filter { $0.namedBefore != nil }.count
        let which = offered > a.max ? "Rate up to \(a.max) of them again (one you leave unrated is left out this time)" : "Rate each one again"
        let ask = before.isEmpty ? m.intro
            : "These are the activities you named before, newest first (first on \(baseline!.date.dayMonthText)). \(a.prompt) \(which), so you can see how each changes; add one if you need to (a new one starts from its first rating)."
        lines += Paragraph.lines(ask, width: area.width).map { ($0, .plain) }
        lines += Paragraph.lines("\(a.from) = \(a.lowLabel) · \(a.to) = \(a.highLabel)", width: area.width).map { ($0, .muted) }
        lines.append(("", .plain))
        let keys = onRating ? "← → or a digit rates it (1 then 0 is 10); Tab: next; Ctrl-S saves."
            : "Type the activity; Tab rates it; \(ctx.glyphs.down) adds a row (up to \(a.max)); Ctrl-S saves."
        let keyLines = Paragraph.lines(keys, width: area.width)
        let problem = error.map { Paragraph.lines("Problem: " + $0, width: area.width) } ?? []
        // Keep the rows, a problem and the keys in view: the text gives way first, then the rows scroll (keeping
        // the one she is on in view, the row under them saying how many more there are).
        let below = 1 + keyLines.count + (problem.isEmpty ? 0 : problem.count + 1)
        let rowsShown = max(1, min(rows.count, area.height - below))
        let textRows = max(0, area.height - below - rowsShown)
        var row = 0
        for (text, style) in lines.prefix(textRows) {
            buffer.line(text, area: area, row: row, style: style)
            row += 1
        }
        let first = ListView.scrollOffset(selected: self.row, count: rows.count, height: rowsShown)
        let ratingWidth = 10
        let nameWidth = max(8, area.width - 4 - ratingWidth - 1)
        for (i, r) in rows.enumerated() where i >= first && i < first + rowsShown && row < area.height {
            let y = area.y + row
            let focused = i == self.row
            var x = buffer.write(DisplayWidth.pad(i == self.row ? ctx.glyphs.selectionMarker : "", to: 2), x: area.x, y: y, clip: area)
            x = buffer.write("\(i + 1) ", x: x, y: y, style: .label, clip: area)
            let nameArea = Rect(x: x, y: y, width: min(nameWidth, area.maxX - x), height: 1)
            var field = r.name
            field.glyphs = ctx.glyphs
            field.render(into: &buffer, area: nameArea, focused: focused && !onRating)
            x = nameArea.maxX + 1
            let was = before.first { RatedActivity.same($0.text, r.name.value) }
            let rating = (r.rating.map(String.init) ?? "–") + "/\(a.to)"
            let start = x
            x = buffer.write(" " + rating + " ", x: x, y: y, style: .bold, clip: area)
            if focused && onRating { buffer.highlight(Rect(x: start, y: y, width: x - start, height: 1), with: .selected) }
            if let was, x + 8 <= area.maxX { buffer.write("was \(was.score)", x: x + 1, y: y, style: .muted, clip: area) }
            row += 1
        }
        if rows.count > rowsShown, row < area.height {
            let g = ctx.glyphs
            let above = first, under = rows.count - first - rowsShown
            let more = [above > 0 ? "\(g.up) \(above) more above" : nil, under > 0 ? "\(g.down) \(under) more below" : nil].compactMap { $0 }
            buffer.line(more.joined(separator: "  "), area: area, row: row, style: .muted)
            row += 1
        }
        if !problem.isEmpty {
            row += 1
            for line in problem where row < area.height {
                buffer.line(line, area: area, row: row, style: .danger)
                row += 1
            }
        }
        let firstKeyRow = max(row, area.height - keyLines.count)
        for (i, line) in keyLines.enumerated() where firstKeyRow + i < area.height {
            buffer.line(line, area: area, row: firstKeyRow + i, style: .muted)
        }
    }

    // MARK: The result, and earlier results

    /// The lines of the result page (the response just filled in) or of an earlier result.
    func pageLines(_ ctx: ScreenContext, width: Int) -> [(text: String, style: Style)] {
        guard let m = measure(ctx), width > 0 else { return [] }
        switch page {
        case .past(let i):
            let earlier = earlier(ctx)
            guard earlier.indices.contains(i) else { return [] }
            let r = earlier[i]
            let all = history(ctx)
            let before = uncounted(ctx) == 0 ? Array(all.prefix(all.firstIndex(of: r) ?? 0)) : []
            return Self.resultLines(m, r, earlier: before, words: ctx.viewer.words, status: ("Filled in on \(r.date.dayMonthText).", .label),
                                    width: width, glyphs: ctx.glyphs, safety: ctx.content.safety, stage: ctx.patient?.stage)
        default:
            let status: (String, Style) = savedOn.map { ("\(ctx.glyphs.check) Saved on \($0.dayMonthText).", .good) } ?? ("Not saved yet.", .muted)
            let r = response(ctx)
            // Once saved, the snapshot holds it as her latest: the change is from the ones before it.
            var before = baseline == nil ? [] : history(ctx)
            if savedOn != nil, let last = before.last, last.date == r.date, last.answers == r.answers, last.activities == r.activities { before.removeLast() }
            return Self.resultLines(m, r, earlier: before, words: ctx.viewer.words, status: status, width: width, glyphs: ctx.glyphs,
                                    safety: ctx.content.safety, stage: ctx.patient?.stage)
        }
    }

    /// A result in lines, from plain values: whether it is saved, the score, the change since the first time
    /// in words, each activity (with its first rating), what to raise with the therapist (or the all-clear),
    /// that it is not a diagnosis, and the questionnaire's source.
    /// `words`: her therapist reads them on her chart, so the words point to her, not to "your therapist".
    /// `earlier`: her responses before `r`, oldest first (none: no change is claimed); for activities each is
    /// compared with its own first rating among them (`Measure.change(since:to:)`).
    /// `safety`: the check-in's area says the warning sign a leak she answered yes to may be, as the bowel log
    /// and the bladder diary say it for the same leak (`SafetyGuide.checkInPointers`, QA-m M5).
    static func resultLines(_ m: Measure, _ r: MeasureResponse, earlier: [MeasureResponse], words: ViewerWords = ViewerWords(aboutHer: false), status: (String, Style),
                            width: Int, glyphs: Glyphs, safety: SafetyGuide? = nil, stage: Stage? = nil) -> [(text: String, style: Style)] {
        var out: [(text: String, style: Style)] = []
        func add(_ text: String, _ style: Style = .plain) { out += Paragraph.lines(text, width: width).map { ($0, style) } }
        func blank() { out.append(("", .plain)) }
        add(status.0, status.1)
        blank()
        add("Score: \(m.scoreText(m.score(r).total)) (\(m.scoring.better == .higher ? "higher" : "lower") is better).", .label)
        if let change = m.change(since: earlier, to: r) {
            blank()
            add("Since the first time: " + change.sentence(for: words))
        }
        if !r.activities.isEmpty {
            blank()
            for a in r.activities {
                // Each against its own first rating; a new activity says so (it starts its own baseline).
                let was = earlier.lazy.compactMap { e in e.activities.first { RatedActivity.same($0.text, a.text) }.map { ($0.score, e.date) } }.first
                add("  \(a.text): \(a.score)" + (was.map { " (was \($0.0) on \($0.1.dayMonthText))" } ?? (earlier.isEmpty ? "" : " (new: its first rating)")))
            }
        }
        let flagged = m.flagged(r)
        if !m.subscales.filter({ $0.suggestion != nil }).isEmpty {
            blank()
            if flagged.isEmpty {
                if let clear = m.allClear { add(clear); blank() }
            } else {
                add(words.say(you: "Things to talk about with your therapist:", she: "Things to talk about with her:"), .label)
                blank()
                for s in flagged {
                    add(s.title, .title)
                    add(s.urgent == true ? "Important: " + s.suggestion! : s.suggestion!, s.urgent == true ? .danger : .plain)
                    let yes = Set(s.items.filter { (r.answers[$0] ?? 0) > 0 })
                    for pointer in safety?.checkInPointers(yes, stage: stage) ?? [] { add(pointer, .danger) }
                    blank()
                }
            }
        } else {
            blank()
        }
        let closing: String
        if words.aboutHer {
            closing = "This \(m.id == Measure.checkInID ? "check-in" : "questionnaire") is not a diagnosis: go through it with her at her next visit."
        } else if m.id == Measure.checkInID {
            closing = flagged.isEmpty ? "This check-in is not a diagnosis. If anything changes or worries you, bring it up with your therapist."
                : "This check-in is not a diagnosis. Please bring these answers up with your therapist at your next visit."
        } else {
            closing = "This questionnaire is not a diagnosis. Your therapist will go through it with you at your next visit."
        }
        add(closing, .bold)
        if let copyright = m.licence.copyright {
            blank()
            add(copyright, .muted)
        }
        return out
    }

    private func drawScrolled(_ lines: [(text: String, style: Style)], _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let height = Self.textHeight(lineCount: lines.count, areaHeight: area.height)
        let first = min(max(0, offset), WrappedText.maxOffset(lineCount: lines.count, height: height))
        for row in 0..<height where first + row < lines.count {
            buffer.write(lines[first + row].text, x: area.x, y: area.y + row, style: lines[first + row].style, clip: area)
        }
        guard height < area.height else { return }
        let last = min(lines.count, first + height)
        let more = last < lines.count ? "\(ctx.glyphs.down) more below  " : ""
        let text = "\(more)lines \(first + 1)-\(last) of \(lines.count)"
        buffer.write(text, x: max(area.x, area.maxX - DisplayWidth.of(text)), y: area.maxY - 1, style: .muted, clip: area)
    }
}
