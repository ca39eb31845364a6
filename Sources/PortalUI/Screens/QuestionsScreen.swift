import PortalCore

/// "Questions for your visit" (Home's `t`): what she wants to ask at her next visit, oldest first, each with her
/// therapist's answer once given. She adds one (`a`) and takes back one not answered yet (`x`, then `y`); on her
/// own portal they are her list to take along, and the report carries them. In a clinic her therapist opens
/// the same screen from her chart and answers the one chosen (Enter); nothing else on it is his to change
/// (`Viewer.may`), as the database says too (`QuestionMap`).
public struct QuestionsScreen: PortalScreen {
    /// The question chosen, an index into the record's questions (oldest first).
    public internal(set) var selected = 0
    /// True while the line to write a question (hers) or an answer (her therapist's) is open.
    public internal(set) var writing = false
    /// The line being written, held to the limit of what it is (`limit`): a question or an answer.
    public internal(set) var field = TextField("", maxLength: VisitQuestion.textLimit)
    public internal(set) var problem: String?
    /// True while `x` waits for `y` to remove the chosen question.
    public internal(set) var confirmingRemoval = false

    public init() {}

    public var title: String { "Questions for the visit" }
    public var capturesText: Bool { writing }
    public var hasUnsavedChanges: Bool { writing && !field.value.trimmingCharacters(in: .whitespaces).isEmpty }
    public var shownProblem: String? { problem }

    static func questions(_ ctx: ScreenContext) -> [VisitQuestion] { ctx.snapshot.record.questions }

    func chosen(_ ctx: ScreenContext) -> VisitQuestion? {
        let all = Self.questions(ctx)
        return all.isEmpty ? nil : all[min(max(0, selected), all.count - 1)]
    }

    /// Whether this viewer writes questions (she does) or answers (her therapist in a clinic).
    static func asks(_ ctx: ScreenContext) -> Bool { ctx.may(.questions) }
    static func answers(_ ctx: ScreenContext) -> Bool { ctx.may(.answers) }
    /// The longest line this viewer writes here: an answer (her therapist) or a question (she), as
    /// `VisitQuestion` checks it.
    static func limit(_ ctx: ScreenContext) -> Int { answers(ctx) ? VisitQuestion.answerLimit : VisitQuestion.textLimit }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<QuestionsScreen> {
        let chosen = chosen(ctx)
        let asks = Self.asks(ctx), answers = Self.answers(ctx)
        return KeyTable([
            // The line being written.
            KeyBinding([.enter], KeyHint("Enter", "save"), active: writing) { s, _, ctx in s.save(ctx) },
            KeyBinding([.escape], KeyHint("Esc", "cancel"), active: writing) { s in s.close() },
            KeyBinding([], KeyHint("typing", "writes the line (paste too)"), footer: false, active: writing,
                       matching: { _ in true }) { s, key, _ in s.edit(key) },
            // Removing, once asked.
            KeyBinding([.character("y"), .character("Y")], KeyHint("y", "remove it"), active: confirmingRemoval) { s, _, ctx in
                s.confirmingRemoval = false
                guard let id = s.chosen(ctx)?.id else { return .stay }
                return .effects(.withdrawQuestion(id: id))
            },
            // Esc answers the question here (the question itself says n): the footer names it, in place of the
            // app's "Esc back", which it does not do while she is asked.
            KeyBinding([.escape, .character("n")], KeyHint("Esc", "keep it"), active: confirmingRemoval) { $0.confirmingRemoval = false },
            // The list.
            KeyBinding([.up, .character("k")], KeyHint(ctx.glyphs.upDownKeys, "choose"), active: !writing && !confirmingRemoval) { s, _, ctx in
                s.choose(-1, ctx)
                return .stay
            },
            KeyBinding([.down, .character("j")], nil, active: !writing && !confirmingRemoval) { s, _, ctx in
                s.choose(1, ctx)
                return .stay
            },
            KeyBinding([.character("a")], KeyHint("a", "add a question"), active: asks && !writing && !confirmingRemoval) { s, _, ctx in
                s.open("", ctx)
                return .stay
            },
            KeyBinding([.character("x"), .delete], KeyHint("x", "remove"),
                       active: asks && !writing && !confirmingRemoval && chosen.map { !$0.isAnswered } == true) { $0.confirmingRemoval = true },
            KeyBinding([.enter, .character("a")], KeyHint("Enter", chosen?.isAnswered == true ? "change the answer" : "answer"),
                       active: answers && !writing && chosen != nil) { s, _, ctx in
                s.open(s.chosen(ctx)?.answer ?? "", ctx)
                return .stay
            },
        ])
    }

    // MARK: Keys

    private mutating func choose(_ step: Int, _ ctx: ScreenContext) {
        let n = Self.questions(ctx).count
        guard n > 0 else { return }
        selected = min(max(0, min(max(0, selected), n - 1) + step), n - 1)
    }

    private mutating func open(_ text: String, _ ctx: ScreenContext) {
        field = TextField(text, maxLength: Self.limit(ctx))
        problem = nil
        writing = true
    }

    private mutating func close() {
        writing = false
        problem = nil
        field.set("")
    }

    private mutating func edit(_ key: Key) -> Reaction {
        switch field.edit(key) {
        case .changed: problem = nil
        case .unchanged: break
        case .refused(let reason): problem = reason
        case .notEditing: return .unhandled
        }
        return .stay
    }

    /// The question or answer written, checked by the rule `portal questions` uses (`VisitQuestion`).
    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        do {
            if Self.answers(ctx) {
                guard let id = chosen(ctx)?.id else { return .stay }
                return .effects(.answerQuestion(id: id, answer: try VisitQuestion.checkedAnswer(field.value)))
            }
            return .effects(.askQuestion(try VisitQuestion.checkedText(field.value)))
        } catch let error as PortalError {
            problem = error.description
        } catch {
            problem = "\(error)"
        }
        return .stay
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .askQuestion:
            close()
            // The new one is the newest: choose it.
            selected = Int.max
        case .answerQuestion: close()
        default: break
        }
        return .stay
    }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .askQuestion, .answerQuestion: if writing { problem = error.description }
        default: break
        }
        return .stay
    }

    // MARK: View

    /// What the screen says first, in the viewer's words.
    static func intro(_ ctx: ScreenContext) -> String {
        if ctx.viewer.isTherapist {
            return "Her questions for the visit. Enter answers the one chosen; she sees the answer on her Home."
        }
        if ctx.isClinic {
            return "Write down what you want to ask at your next visit. Your therapist reads them and may answer before the visit; "
                + "only you and your therapist can read them."
        }
        return "Write down what you want to ask at your next visit: take the list along (the report carries it)."
    }

    /// "Asked Thu 3 Dec 20:15 · waiting for an answer".
    static func askedText(_ q: VisitQuestion) -> String {
        "Asked \(q.askedAt.date.shortText) \(q.askedAt.time)" + (q.isAnswered ? "" : " · waiting for an answer")
    }

    /// "Answer from your therapist, Fri 4 Dec 10:05: …" (her therapist reads her own login there).
    static func answerText(_ q: VisitQuestion, viewer: Viewer) -> String? {
        guard let at = q.answeredAt else { return nil }
        let who = q.answeredByText(for: viewer)
        return "Answer from \(who), \(at.date.shortText) \(at.time): \(PlainText.removingControls(q.answer))"
    }

    /// The rows of each question at `width`: its text, when it was asked, and its answer.
    static func blocks(_ questions: [VisitQuestion], width: Int, viewer: Viewer) -> [[(String, Style)]] {
        questions.map { q in
            let number = q.id.map { "\($0). " } ?? ""
            var rows = Paragraph.lines(number + PlainText.removingControls(q.text), width: max(1, width - 2)).map { ("  " + $0, Style.bold) }
            rows.append(("    " + askedText(q), .muted))
            if let answer = answerText(q, viewer: viewer) {
                rows += Paragraph.lines(answer, width: max(1, width - 4)).map { ("    " + $0, q.hasUnreadAnswer ? Style.good : .plain) }
            }
            return rows
        }
    }

    /// Where the list goes in `area`: whether the intro is drawn above it, the list's first row and height, and the
    /// rows of the questions (each row: its question's index, whether it is the question's first, its text and
    /// style) from `offset` on, as many as `height`.
    struct ListPlacement {
        var intro: [String]
        var top: Int
        var height: Int
        var offset: Int
        var lines: [(question: Int, first: Bool, text: String, style: Style)]
        var drawn: ArraySlice<(question: Int, first: Bool, text: String, style: Style)> { lines.dropFirst(offset).prefix(height) }
    }

    func placement(_ ctx: ScreenContext, area: Rect) -> ListPlacement {
        let questions = Self.questions(ctx)
        let formRows = writing ? 3 + (problem == nil ? 0 : 2) : (confirmingRemoval ? 2 : 0)
        // The explanation, whole or not at all, when the list keeps room for a question.
        let all = Paragraph.lines(Self.intro(ctx), width: area.width)
        let intro = all.count + 1 + 3 + formRows <= area.height ? all : []
        let top = intro.isEmpty ? 0 : intro.count + 1
        let height = max(1, area.height - top - formRows)
        guard !questions.isEmpty else { return ListPlacement(intro: intro, top: top, height: height, offset: 0, lines: []) }
        let chosen = min(max(0, selected), questions.count - 1)
        let blocks = Self.blocks(questions, width: area.width, viewer: ctx.viewer)
        var starts: [Int] = [], total = 0
        for b in blocks { starts.append(total); total += b.count }
        let end = starts[chosen] + blocks[chosen].count
        // The chosen question whole on screen (its start when it is taller than the list).
        var offset = max(0, end - height)
        if starts[chosen] < offset { offset = starts[chosen] }
        let lines = blocks.enumerated().flatMap { i, b in b.enumerated().map { (question: i, first: $0.offset == 0, text: $0.element.0, style: $0.element.1) } }
        return ListPlacement(intro: intro, top: top, height: height, offset: offset, lines: lines)
    }

    /// The unread answers this screen draws whole in `area` (an answer cut off at the edge is not read yet):
    /// the app marks these read, and only these (`PortalApp.markAnswersShown`).
    func drawnUnreadAnswers(_ ctx: ScreenContext, area: Rect) -> [Int64] {
        let questions = Self.questions(ctx)
        let p = placement(ctx, area: area)
        let shown = Array(p.drawn)
        return questions.indices.compactMap { i in
            guard questions[i].hasUnreadAnswer, let id = questions[i].id else { return nil }
            let all = p.lines.filter { $0.question == i }.count
            return shown.filter { $0.question == i }.count == all ? id : nil
        }
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        let questions = Self.questions(ctx)
        let place = placement(ctx, area: area)
        var row = 0
        func next() -> Rect? {
            defer { row += 1 }
            return row < area.height ? area.row(row) : nil
        }
        let formRows = writing ? 3 + (problem == nil ? 0 : 2) : (confirmingRemoval ? 2 : 0)
        if !place.intro.isEmpty {
            for line in place.intro {
                guard let r = next() else { return }
                buffer.write(line, x: r.x, y: r.y, style: .muted, clip: r)
            }
            _ = next()
        }
        let listHeight = place.height
        if questions.isEmpty {
            let empty = Self.asks(ctx)
                ? ["No questions yet. Press a to add one.",
                   "For example: “Is it safe to lift my toddler yet?” or “Why does my hip hurt more at night?”"]
                : ["She has no questions for the visit.", "When she writes one, it shows here and on your caseload."]
            for line in empty.flatMap({ Paragraph.lines($0, width: area.width) }).prefix(listHeight) {
                guard let r = next() else { return }
                buffer.write(line, x: r.x, y: r.y, style: .muted, clip: r)
            }
        } else {
            let chosen = min(max(0, selected), questions.count - 1)
            let offset = place.offset, lines = place.lines
            let top = row
            for (i, first, text, style) in place.drawn {
                guard let r = next() else { return }
                buffer.write(DisplayWidth.truncate(text, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: style, clip: r)
                if i == chosen, first, !writing { buffer.write(g.selectionMarker, x: r.x, y: r.y, style: .label, clip: r) }
            }
            // More above or below: said on the list's first or last row.
            if offset > 0 { buffer.write(g.up, x: area.x + area.width - 1, y: area.y + top, style: .muted, clip: area) }
            if offset + listHeight < lines.count {
                buffer.write(g.down, x: area.x + area.width - 1, y: area.y + top + listHeight - 1, style: .muted, clip: area)
            }
            row = top + listHeight
        }
        if confirmingRemoval, let q = chosen(ctx) {
            _ = next()
            if let r = next() {
                let ask = "Remove question \(q.id.map(String.init) ?? "")? y removes it, n keeps it."
                buffer.write(DisplayWidth.truncate(ask, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .warning, clip: r)
            }
        }
        guard writing else { return }
        row = area.height - formRows
        _ = next()
        if let r = next() {
            let label = Self.answers(ctx) ? "Answer " : "Question "
            buffer.write(label, x: r.x, y: r.y, style: Style(bold: true, reverse: true), clip: r)
            let width = DisplayWidth.of(label) + 1
            field.render(into: &buffer, area: Rect(x: r.x + width, y: r.y, width: max(0, r.width - width), height: 1), focused: true)
        }
        if let r = next() {
            // The footer names Enter and Esc; this line says what the footer cannot, whole at 60 columns.
            let help = "One line, at most \(Self.limit(ctx)) characters."
            buffer.write(DisplayWidth.truncate(help, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .muted, clip: r)
        }
        guard let problem else { return }
        for line in Paragraph.lines("Problem: " + problem, width: area.width).prefix(2) {
            guard let r = next() else { return }
            buffer.write(line, x: r.x, y: r.y, style: .danger, clip: r)
        }
    }
}
