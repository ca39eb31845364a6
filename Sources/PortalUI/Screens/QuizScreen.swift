import PortalCore

/// The pelvic-floor check-in: an introduction with the earlier results, then one yes/no question at a
/// time, then what the answers suggest raising with the therapist. It never diagnoses; every result ends
/// by saying so. The answers are saved when the result is shown.
public struct QuizScreen: PortalScreen {
    public enum Page: Sendable, Equatable {
        case start
        /// The question at this index of `quiz.questions`.
        case question(Int)
        case result
    }

    public internal(set) var page: Page = .start
    /// Question id → yes/no, kept when going back so earlier answers show.
    public internal(set) var answers: [String: Bool] = [:]
    /// The answer highlighted on a question page (←/→ move it, Enter takes it); nil until one is chosen.
    public internal(set) var choice: Bool?
    /// The day the result was saved, once the store has committed it.
    public internal(set) var savedOn: CalendarDate?
    /// The first line shown on the result page.
    var offset = 0

    public init() {}

    public var title: String { "Pelvic floor check-in" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    /// Answers given and not yet saved. With none, Esc simply leaves: there is nothing to lose.
    public var hasUnsavedChanges: Bool {
        if case .question = page { return !answers.isEmpty }
        return false
    }

    /// What b does on question `index`, in the words the footer and the line under the answers share.
    static func backLabel(_ index: Int) -> String { index == 0 ? "the introduction" : "previous question" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<QuizScreen> {
        let g = ctx.glyphs
        let quiz = ctx.content.quiz
        switch page {
        case .start:
            return KeyTable([
                KeyBinding([.enter], KeyHint("Enter", "start"), active: !quiz.questions.isEmpty) { $0.show(question: 0, quiz) },
            ])
        case .question(let i):
            return KeyTable([
                KeyBinding([.character("y"), .character("Y")], KeyHint("y", "yes")) { s, _, ctx in s.answer(true, ctx) },
                KeyBinding([.character("n"), .character("N")], KeyHint("n", "no")) { s, _, ctx in s.answer(false, ctx) },
                KeyBinding([.left, .character("h")], KeyHint(g.leftRightKeys, "choose")) { $0.choice = true },
                KeyBinding([.right, .character("l")], nil) { $0.choice = false },
                KeyBinding([.enter], KeyHint("Enter", "answer")) { s, _, ctx in
                    guard let choice = s.choice else { return .stay }
                    return s.answer(choice, ctx)
                },
                KeyBinding([.character("b"), .up], KeyHint("b", Self.backLabel(i))) { s in
                    if i > 0 { s.show(question: i - 1, quiz) } else { s.page = .start; s.choice = nil }
                },
            ])
        case .result:
            let scroll: (inout QuizScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in s.scrollResult(key, ctx) }
            return KeyTable([
                KeyBinding([.enter], KeyHint("Enter", "done")) { _, _, _ in .pop },
                KeyBinding([.up, .character("k"), .down, .character("j")], KeyHint(g.upDownKeys, "scroll"), action: scroll),
                KeyBinding([.pageDown, .character(" ")], KeyHint("Space", "next page"), footer: false, action: scroll),
                KeyBinding([.pageUp], KeyHint("PgUp", "page back"), footer: false, action: scroll),
                KeyBinding([.home, .end], KeyHint("Home/End", "top/end"), footer: false, action: scroll),
            ])
        }
    }

    /// Scrolls the result for one of its moving keys.
    private mutating func scrollResult(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let size = ctx.area
        let count = resultLines(ctx, width: size.width).count
        let height = Self.textHeight(lineCount: count, areaHeight: size.height)
        let last = WrappedText.maxOffset(lineCount: count, height: height)
        let current = min(max(0, offset), last)  // the window may have grown since the last key
        let target: Int
        switch key {
        case .up, .character("k"): target = current - 1
        case .down, .character("j"): target = current + 1
        case .pageUp: target = current - max(1, height - 1)
        case .pageDown, .character(" "): target = current + max(1, height - 1)
        case .home: target = 0
        case .end: target = last
        default: return .unhandled
        }
        offset = min(max(0, target), last)
        return .stay
    }

    private mutating func show(question index: Int, _ quiz: Quiz) {
        page = .question(index)
        choice = answers[quiz.questions[index].id]
    }

    /// Records the answer and moves on; after the last question shows the result and asks to save it.
    private mutating func answer(_ yes: Bool, _ ctx: ScreenContext) -> Reaction {
        guard case .question(let i) = page else { return .stay }
        let quiz = ctx.content.quiz
        answers[quiz.questions[i].id] = yes
        if i + 1 < quiz.questions.count {
            show(question: i + 1, quiz)
            return .stay
        }
        page = .result
        choice = nil
        offset = 0
        savedOn = nil
        return .effects(.saveQuiz(QuizResult(date: ctx.today, answers: answers)))
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .saveQuiz(let result) = effect, page == .result { savedOn = result.date }
        return .stay
    }

    // MARK: Drawing

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        switch page {
        case .start: drawStart(ctx, into: &buffer, area: area)
        case .question(let i): drawQuestion(i, ctx, into: &buffer, area: area)
        case .result: drawResult(ctx, into: &buffer, area: area)
        }
    }

    /// "27 Nov: 2 areas to talk about (bladder, bowel)" or "27 Nov: nothing to flag".
    static func summary(_ result: QuizResult, quiz: Quiz) -> String {
        let areas = result.flaggedAreas(in: quiz)
        guard !areas.isEmpty else { return "\(result.date.dayMonthText): nothing to flag" }
        let names = areas.map { $0.title.lowercased() }.joined(separator: ", ")
        return "\(result.date.dayMonthText): \(areas.count) area\(areas.count == 1 ? "" : "s") to talk about (\(names))"
    }

    private func drawStart(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let quiz = ctx.content.quiz
        var lines: [(String, Style)] = LineBreaker.lines(quiz.intro, width: area.width).map { ($0, .plain) }
        // The earlier results go between the introduction and the prompt, as many as fit.
        let past = ctx.snapshot.quizResults.sorted { ($0.date, $0.id ?? 0) > ($1.date, $1.id ?? 0) }
        let room = area.height - lines.count - 4  // blank, heading, …, blank, prompt
        if !past.isEmpty, room >= 1 {
            lines.append(("", .plain))
            lines.append(("Your earlier check-ins", .label))
            // The snapshot holds the latest check-ins and counts the older ones.
            let total = past.count + ctx.snapshot.olderQuizResults
            let shown = total <= room ? past.count : min(past.count, room - 1)
            lines += past.prefix(shown).map { ("  " + Self.summary($0, quiz: quiz), .plain) }
            if shown < total { lines.append(("  and \(total - shown) earlier", .muted)) }
        }
        lines.append(("", .plain))
        let promptRow = min(lines.count, area.height - 1)
        for (row, line) in lines.prefix(promptRow).enumerated() {
            buffer.write(DisplayWidth.truncate(line.0, to: area.width, ellipsis: g.ellipsis), x: area.x, y: area.y + row,
                         style: line.1, clip: area)
        }
        var x = buffer.write("Press ", x: area.x, y: area.y + promptRow, style: .bold, clip: area)
        x = buffer.write("Enter", x: x, y: area.y + promptRow, style: .key, clip: area)
        buffer.write(" to start.", x: x, y: area.y + promptRow, style: .bold, clip: area)
    }

    private func drawQuestion(_ index: Int, _ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let quiz = ctx.content.quiz
        guard quiz.questions.indices.contains(index) else { return }
        let question = quiz.questions[index]
        var row = 0
        buffer.write("Question \(index + 1) of \(quiz.questions.count)", x: area.x, y: area.y + row, style: .label, clip: area)
        row += 2
        // Keep the answers and the line under them in view even when the question needs many lines.
        let textRows = max(1, area.height - row - 4)
        for line in LineBreaker.lines(question.text, width: area.width).prefix(textRows) {
            buffer.write(line, x: area.x, y: area.y + row, clip: area)
            row += 1
        }
        row += 1
        guard row < area.height else { return }
        let y = area.y + row
        var x = area.x
        for (yes, label) in [(true, "Yes"), (false, "No")] {
            let start = x
            let selected = choice == yes
            x = buffer.write(DisplayWidth.pad(selected ? ctx.glyphs.selectionMarker : "", to: 2), x: x, y: y, clip: area)
            x = buffer.write(yes ? "y" : "n", x: x, y: y, style: .key, clip: area)
            x = buffer.write(" " + label, x: x, y: y, clip: area)
            if selected { buffer.highlight(Rect(x: start, y: y, width: x - start, height: 1), with: .selected) }
            x += 3
        }
        row += 2
        // The same keys and words as the footer, so the two never disagree.
        let esc = answers.isEmpty ? "Esc: back." : "Esc: back (answers so far are not saved)."
        let help = "Press y or n. b: \(Self.backLabel(index)). " + esc
        for line in LineBreaker.lines(help, width: area.width) where row < area.height {
            buffer.write(line, x: area.x, y: area.y + row, style: .muted, clip: area)
            row += 1
        }
    }

    /// The result as lines: what was saved, each area to raise with its suggestion (or the all-clear), and
    /// the reminder that this is not a diagnosis.
    func resultLines(_ ctx: ScreenContext, width: Int) -> [(text: String, style: Style)] {
        guard width > 0 else { return [] }
        let quiz = ctx.content.quiz
        let result = QuizResult(date: ctx.today, answers: answers)
        var out: [(text: String, style: Style)] = []
        func add(_ text: String, _ style: Style = .plain) {
            out += LineBreaker.lines(text, width: width).map { ($0, style) }
        }
        if let savedOn {
            add("\(ctx.glyphs.check) Saved on \(savedOn.dayMonthText).", .good)
        } else {
            add("Not saved yet.", .muted)
        }
        out.append(("", .plain))
        let areas = result.flaggedAreas(in: quiz)
        if areas.isEmpty {
            add(quiz.allClear)
            out.append(("", .plain))
            add("This check-in is not a diagnosis. If anything changes or worries you, bring it up with your therapist.", .bold)
        } else {
            add("Things to talk about with your therapist:", .label)
            out.append(("", .plain))
            // An area that needs the provider now comes first, its advice marked in words, not colour alone.
            for a in areas.filter({ $0.urgent == true }) + areas.filter({ $0.urgent != true }) {
                add(a.title, .title)
                add(a.urgent == true ? "Important: " + a.suggestion : a.suggestion, a.urgent == true ? .danger : .plain)
                out.append(("", .plain))
            }
            add("This check-in is not a diagnosis. Please bring these answers up with your therapist at your next visit.", .bold)
        }
        return out
    }

    /// Rows for text on the result page: all of them, or all but one for the "more" line when it overflows.
    static func textHeight(lineCount: Int, areaHeight: Int) -> Int {
        lineCount > areaHeight ? max(1, areaHeight - 1) : areaHeight
    }

    private func drawResult(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let lines = resultLines(ctx, width: area.width)
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
