import PortalCore

/// One exercise of a program week: the dose, the therapist's note, the steps, cues and precautions (the ones
/// that apply to this patient first), and whether it is done today.
///
///     Side-lying hip abduction                      [ ] Not done yet today
///     Your dose: 3 × 10, each side, 5 days a week
///
///     Strength · Lying on your side · Pillow under your head
///     Steps
///     1. Lie on your side with your bottom knee bent …
///
/// The body scrolls a paragraph (a step, a cue) at a time, so the keys never depend on the window's width:
/// ↑↓ move one paragraph, PgUp/PgDn jump between sections, Home/End go to the top and the precautions.
public struct ExerciseDetailScreen: PortalScreen {
    public var exerciseID: String
    /// The program week whose dose is shown.
    public var week: Int
    /// The first paragraph of the body shown.
    public var offset = 0
    /// A one-off answer to the last key, cleared by the next key.
    public var notice: String?

    public init(exerciseID: String, week: Int) {
        self.exerciseID = exerciseID
        self.week = week
    }

    public var title: String { "Exercise" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    // MARK: - What the screen knows

    private func programWeek(_ ctx: ScreenContext) -> ProgramWeek? { ctx.snapshot.program.week(number: week) }

    func dose(_ ctx: ScreenContext) -> Dose? {
        programWeek(ctx)?.prescription(for: exerciseID)?.dose ?? ctx.content.exercises.exercise(exerciseID)?.dose
    }

    /// True when the shown week is today's and has this exercise, so it can be marked done.
    private func canMark(_ ctx: ScreenContext) -> Bool {
        guard ctx.may(.exerciseLog), let w = programWeek(ctx), ctx.isCurrent(w) else { return false }
        return w.prescription(for: exerciseID) != nil
    }

    /// Why her stage holds this exercise back in the shown week, in her words; nil when it does not.
    private func holdText(_ ctx: ScreenContext) -> String? {
        guard let w = programWeek(ctx), let p = w.prescription(for: exerciseID) else { return nil }
        return ctx.holdText(p, in: w)
    }

    private func isFullyDone(_ ctx: ScreenContext) -> Bool {
        guard let p = ctx.currentPrescription(exerciseID) else { return false }
        return ctx.snapshot.log.isDone(p, on: ctx.today)
    }

    /// "[✓] Done today", "[ ] 1 of 2 done today", "[ ] Not done yet today", or the week's place in time.
    func todayText(_ ctx: ScreenContext) -> (String, Style) {
        let g = ctx.glyphs
        guard let w = programWeek(ctx) else { return ("", .plain) }
        if !ctx.isCurrent(w) {
            return !Program.hasStarted(w, on: ctx.today) ? ("Week \(w.number), starts \(w.starts.shortText)", .warning)
                                        : ("Week \(w.number) (past)", .warning)
        }
        guard let p = w.prescription(for: exerciseID) else { return ("", .plain) }
        if let hold = ctx.hold(p, in: w) { return (hold.shortLabel, .warning) }
        // Done by the one rule (`ExerciseTally`): a partial session is shown as partial, never as done.
        let today = ctx.snapshot.log.day(p, on: ctx.today)
        if today.isDone { return ("\(g.checkboxOn) Done today", .good) }
        if p.dose.timesPerDay > 1, !today.sessions.isEmpty {
            return ("\(g.checkboxOff) \(today.full) of \(p.dose.timesPerDay) done today" + (today.partial > 0 ? ", \(today.partial) partial" : ""), .plain)
        }
        if today.partial > 0 { return ("\(g.checkboxOff) Today: \(today.stateText)", .plain) }
        return ("\(g.checkboxOff) Not done yet today", .plain)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ExerciseDetailScreen> {
        let markable = canMark(ctx) && holdText(ctx) == nil, done = isFullyDone(ctx)
        // Under a sign that means stopping exercise the footer invites neither "mark done" nor the timer: the
        // banner above says to stop (QA I3). The keys still work: what she did is hers to log.
        let stopped = ctx.exerciseStopped
        let move: (inout ExerciseDetailScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in s.move(key, ctx) }
        return KeyTable([
            // The footer offers one of the two: what the patient would do next.
            // Her log is hers: her therapist reading her chart gets no keys that would change it.
            KeyBinding([.character("u")], KeyHint("u", "undo"), footer: markable && done, active: ctx.may(.exerciseLog)) { s, _, ctx in s.undo(ctx) },
            KeyBinding([.character(" "), .character("x")], KeyHint("Space", "mark done"), footer: markable && !done && !stopped,
                       active: ctx.may(.exerciseLog)) { s, key, ctx in
                s.mark(key, ctx)
            },
            // Another day, fewer sets, or pain during it: the session form (any exercise of the current week).
            KeyBinding([.character("l")], KeyHint("l", "log a session (other day, sets, pain)"), footer: false, active: ctx.may(.exerciseLog) && ctx.currentPrescription(exerciseID) != nil) { s, _, _ in
                .push(.sessionLog(SessionLogScreen(exerciseID: s.exerciseID)))
            },
            // The timer is for doing the exercise: only whoever logs it gets it (her therapist reads the chart).
            KeyBinding([.character("t")], KeyHint("t", "timer"), footer: !stopped, active: ctx.may(.exerciseLog)) { s, _, ctx in
                guard let dose = s.dose(ctx) else { return .stay }
                return .push(.timer(TimerScreen(exerciseID: s.exerciseID, dose: dose)))
            },
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(ctx.glyphs), action: move),
            KeyBinding([.pageDown], KeyHint("PgDn", "next section"), action: move),
            KeyBinding([.pageUp], KeyHint("PgUp", "previous section"), footer: false, action: move),
            KeyBinding([.home, .end], KeyHint("Home/End", "top/last section"), footer: false, action: move),
        ])
    }

    // MARK: - Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        notice = nil
        return keyTable(ctx).handle(key, &self, ctx)
    }

    /// Scrolls for one of the moving keys: a line, a section, the top or the last section.
    private mutating func move(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let body = blocks(ctx)
        let sections = body.indices.filter { body[$0].section != nil }
        let last = max(0, body.count - 1)
        switch key {
        case .down, .character("j"): offset = min(last, offset + 1)
        case .up, .character("k"): offset = max(0, min(last, offset) - 1)
        case .pageDown: offset = sections.first { $0 > offset } ?? last
        case .pageUp: offset = sections.last { $0 < offset } ?? 0
        case .home: offset = 0
        case .end: offset = sections.last ?? last
        default: return .unhandled
        }
        return .stay
    }

    private mutating func mark(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        guard canMark(ctx) else { notice = readOnlyNotice(ctx); return .stay }
        if let text = holdText(ctx) { notice = text; return .stay }
        if !isFullyDone(ctx) { return .effects(.markDone(exerciseID: exerciseID, date: ctx.today)) }
        if key == .character(" ") { return .effects(.undoDone(exerciseID: exerciseID, date: ctx.today)) }
        notice = "Already done today. Press u to undo."
        return .stay
    }

    private mutating func undo(_ ctx: ScreenContext) -> Reaction {
        guard canMark(ctx) else { notice = readOnlyNotice(ctx); return .stay }
        guard ctx.sessionsToday(exerciseID) > 0 else {
            notice = "Not marked done today, so there is nothing to undo."
            return .stay
        }
        return .effects(.undoDone(exerciseID: exerciseID, date: ctx.today))
    }

    private func readOnlyNotice(_ ctx: ScreenContext) -> String {
        let current = ctx.snapshot.currentWeek.map { " (week \($0.number))" } ?? ""
        return "This is week \(week). Exercises can be marked done in this week's program\(current)."
    }

    // MARK: - The body, as paragraphs

    /// A paragraph of the body. `section` names the section it starts ("Steps"), for paging and for the
    /// "More below" line; `spaced` puts a blank row before it unless it is the first row shown.
    struct Block: Equatable {
        enum Kind: Equatable { case text, numbered(Int), bullet, heading }
        var kind: Kind
        var text: String
        var style: Style = .plain
        var section: String?
        var spaced = false
    }

    func blocks(_ ctx: ScreenContext) -> [Block] {
        // Her therapist reads it on her chart: the words are about her, not to her. The steps, cues and precautions
        // are the library's, written to whoever does the exercise: on her chart each heading says they are what
        // she reads ("Steps, as she reads them").
        let words = ctx.viewer.words
        func heading(_ name: String) -> String { words.say(you: name, she: "\(name), as she reads them") }
        let forHer = "Important for \(words.you) now"
        guard let ex = ctx.content.exercises.exercise(exerciseID) else {
            return [Block(kind: .text, text: "This exercise is not in the library any more." + words.say(you: " Ask your therapist about it.", she: ""), style: .muted)]
        }
        var out: [Block] = []
        // Why it waits comes first: she should read it before anything that tells her how to do it.
        if let text = holdText(ctx) { out.append(Block(kind: .text, text: text, style: .warning)) }
        let meta = [ex.category.title, ex.position] + ex.equipment
        out.append(Block(kind: .text, text: meta.filter { !$0.isEmpty }.joined(separator: " · "), style: .muted))
        if !ex.targets.isEmpty { out.append(Block(kind: .text, text: "Works on: " + ex.targets, style: .muted)) }

        // What changed since last week.
        let program = ctx.snapshot.program
        if let w = programWeek(ctx), let change = program.change(of: exerciseID, in: w) {
            if change == .new {
                out.append(Block(kind: .text, text: "New in week \(w.number).", style: .new))
            } else if let before = program.previous(to: w)?.prescription(for: exerciseID), let now = w.prescription(for: exerciseID) {
                out.append(Block(kind: .text, text: "\(change.title) in week \(w.number): \(DoseChange.describe(from: before.dose, to: now.dose, arrow: ctx.glyphs.becomes)).", style: .accent))
            }
        }

        let (mine, others) = precautions(ex, ctx)
        if mine.contains(where: { $0.applies != .always }) {
            out.append(Block(kind: .text, text: words.say(you: "Please read \"\(forHer)\" under Precautions before you start (End).",
                                                                  she: "Some precautions apply to her now: \"\(forHer)\" under Precautions (End)."), style: .warning))
        }
        if let week = programWeek(ctx), let p = week.prescription(for: exerciseID) {
            if !p.note.isEmpty {
                out.append(Block(kind: .text, text: (week.origin == .therapist ? week.origin.noteLabel(for: words) : words.say(you: "Note: ", she: "Note, as she reads it: ")) + p.note, spaced: true))
            }
            if !p.therapistDecision.isEmpty {
                out.append(Block(kind: .text, text: "\(words.Your) therapist's decision: " + p.therapistDecision, style: .accent, spaced: true))
            }
        }

        out.append(Block(kind: .heading, text: heading("Steps"), style: .bold, section: "Steps", spaced: true))
        out += ex.steps.enumerated().map { Block(kind: .numbered($0.offset + 1), text: $0.element) }
        if !ex.cues.isEmpty {
            out.append(Block(kind: .heading, text: heading("Cues"), style: .bold, section: "Cues", spaced: true))
            out += ex.cues.map { Block(kind: .bullet, text: $0) }
        }
        if !mine.isEmpty || !others.isEmpty {
            out.append(Block(kind: .heading, text: heading("Precautions"), style: .bold, section: "Precautions", spaced: true))
            if !mine.isEmpty {
                out.append(Block(kind: .heading, text: forHer, style: .warning))
                out += mine.map { Block(kind: .bullet, text: $0.text) }
            }
            if !others.isEmpty {
                out.append(Block(kind: .heading, text: ctx.patient == nil ? "In some situations" : "Good to know", style: .bold, spaced: !mine.isEmpty))
                out += others.map { Block(kind: .bullet, text: $0.text) }
            }
        }
        return out
    }

    /// The precautions that apply to this patient today, and the rest.
    func precautions(_ ex: Exercise, _ ctx: ScreenContext) -> (mine: [Precaution], others: [Precaution]) {
        guard let patient = ctx.patient else { return ([], ex.precautions) }
        let mine = ex.precautions(for: patient, on: ctx.today)
        return (mine, ex.precautions.filter { !mine.contains($0) })
    }

    /// A block wrapped to `width`: numbered steps and bullets hang their wrapped lines under their text.
    static func lines(_ block: Block, width: Int, glyphs: Glyphs) -> [String] {
        let marker: String
        switch block.kind {
        case .text, .heading: return LineBreaker.lines(block.text, width: max(1, width))
        case .numbered(let n): marker = "\(n). "
        case .bullet: marker = glyphs.bullet + " "
        }
        let indent = DisplayWidth.of(marker)
        guard width > indent + 4 else { return LineBreaker.lines(marker + block.text, width: max(1, width)) }
        let hang = String(repeating: " ", count: indent)
        return LineBreaker.lines(block.text, width: width - indent).enumerated().map { ($0.offset == 0 ? marker : hang) + $0.element }
    }

    // MARK: - View

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        guard !area.isEmpty else { return }
        // The stop banner above everything, as on the Exercises screen and the timer (QA I3).
        var rest = ctx.drawExerciseStop(into: &buffer, area: area)
        if let notice {
            let lines = wrappedRows(notice, width: rest.width, maxRows: 2, glyphs: g)
            let (top, bottom) = rest.splitBottom(lines.count)
            for (i, line) in lines.enumerated() { buffer.clipped(line, x: bottom.x, y: bottom.y + i, area: bottom, style: .warning, glyphs: g) }
            rest = top.inset(top: 0, left: 0, bottom: 1, right: 0)
        }

        // The header stays put: the name, today's state, and the dose.
        let name = ctx.exerciseName(exerciseID)
        let (state, stateStyle) = todayText(ctx)
        let stateWidth = DisplayWidth.of(state)
        var row = 0
        if !state.isEmpty, DisplayWidth.of(name) + 2 + stateWidth <= rest.width {
            buffer.clipped(name, x: rest.x, y: rest.y, area: rest, style: .title, glyphs: g)
            buffer.write(state, x: rest.maxX - stateWidth, y: rest.y, style: stateStyle, clip: rest)
            row = 1
        } else {
            buffer.clipped(name, x: rest.x, y: rest.y, area: rest, style: .title, glyphs: g)
            if !state.isEmpty { buffer.clipped(state, x: rest.x, y: rest.y + 1, area: rest, style: stateStyle, glyphs: g) }
            row = state.isEmpty ? 1 : 2
        }
        if let dose = dose(ctx) {
            let text = "\(ctx.viewer.words.Your) dose: " + "\(dose.summary), \(dose.frequency)"
            for line in wrappedRows(text, width: rest.width, maxRows: 2, glyphs: g) {
                buffer.clipped(line, x: rest.x, y: rest.y + row, area: rest, style: .bold, glyphs: g)
                row += 1
            }
        }
        let body = rest.inset(top: row + 1, left: 0, bottom: 0, right: 0)
        drawBody(ctx, into: &buffer, area: body)
    }

    private func drawBody(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        guard !area.isEmpty else { return }
        let all = blocks(ctx)
        // When everything fits there is nothing to scroll: show it all, whatever the offset says.
        let total = all.enumerated().reduce(0) { sum, item in
            sum + (item.element.spaced && item.offset > 0 ? 1 : 0) + Self.lines(item.element, width: area.width, glyphs: g).count
        }
        let first = total <= area.height ? 0 : min(max(0, offset), max(0, all.count - 1))
        // Lay out from the first block shown; stop once the area is full.
        var rows: [(String, Style)] = []
        var index = first
        while index < all.count, rows.count <= area.height {
            let b = all[index]
            if b.spaced, index > first { rows.append(("", .plain)) }
            rows += Self.lines(b, width: area.width, glyphs: g).map { ($0, b.style) }
            index += 1
        }
        var room = area.height
        let more = rows.count > area.height || index < all.count
        if more {
            // The last row says there is more, and which sections are still to come.
            room = max(0, area.height - 1)
            let shownRows = rows.prefix(room)
            var consumed = 0, lastVisible = first
            for i in first..<all.count {
                consumed += (all[i].spaced && i > first ? 1 : 0) + Self.lines(all[i], width: area.width, glyphs: g).count
                if consumed > shownRows.count { break }
                lastVisible = i
            }
            let later = all[(lastVisible + 1)...].compactMap(\.section)
            let text = later.isEmpty ? "\(g.down) More below" : "\(g.down) More below: " + later.joined(separator: ", ") + " (PgDn)"
            buffer.clipped(text, x: area.x, y: area.maxY - 1, area: area, style: .muted, glyphs: g)
        }
        for (i, line) in rows.prefix(room).enumerated() {
            buffer.clipped(line.0, x: area.x, y: area.y + i, area: area, style: line.1, glyphs: g)
        }
    }
}
