import PortalCore

/// Any questionnaire of the engine, drawn from its content file: an introduction with the earlier results
/// (each can be opened), then the questions one at a time, a list of sentences to tick, or 3–5 activities to
/// name and rate; then the score, the change since the first time in words, and what to raise with the
/// therapist. It never diagnoses. The answers are saved when the result is shown.
public struct MeasureScreen: PortalScreen {
    public enum Page: Sendable, Equatable {
        case start
        /// The item at this index (one question at a time).
        case question(Int)
        /// Every sentence at once, ticked or not.
        case checklist
        /// The activities she names and rates.
        case activities
        case result
        /// An earlier response, opened from the start page: the index in `earlier` (latest first).
        case past(Int)
    }

    /// One activity row of an activity-based measure: her words, and her rating (nil until she rates it).
    public struct ActivityRow: Sendable, Hashable {
        public var name: TextField
        public var rating: Int?
        /// The activity as she named it before, offered to rate again: left unrated (and its words unchanged),
        /// it is not rated this time and is left out, as `portal measure` leaves it. Nil for a row she adds.
        public var namedBefore: String? = nil

        /// Whether the row goes into the response: a name or a rating, except an activity named before that
        /// she did not rate this time.
        var counts: Bool {
            let named = !PlainText.blankAsEmpty(name.value).isEmpty
            guard named || rating != nil else { return false }
            return !isSkipped
        }

        /// An activity named before, left unrated and as it was named: not rated this time.
        var isSkipped: Bool {
            guard rating == nil, let before = namedBefore else { return false }
            return RatedActivity.same(before, name.value)
        }
    }

    public let measureID: String
    /// The title bar's words: the measure's short title ("Pelvic floor check-in").
    public let title: String
    public internal(set) var page: Page = .start
    /// Item id → the value chosen, kept when going back.
    public internal(set) var answers: [String: Int] = [:]
    /// The option highlighted on a question page (← → move it, Enter takes it).
    public internal(set) var choice: Int?
    public internal(set) var rows: [ActivityRow] = []
    /// On the activities page: the row, and whether the rating (not the name) has the focus.
    public internal(set) var row = 0
    public internal(set) var onRating = false
    public internal(set) var error: String?
    /// The day the result was saved, once the store has committed it.
    public internal(set) var savedOn: CalendarDate?
    /// The first response, kept when a new one is started: what the new one's change is measured from
    /// (after the save, the new one is in the history too).
    public internal(set) var baseline: MeasureResponse?
    /// On the start page: 0 is "start", 1… the earlier results, latest first.
    var startCursor = 0
    var listCursor = 0
    /// The first line shown on a scrolled page (the result, a past result).
    var offset = 0
    /// A questionnaire whose file could not be read: the screen says so (the file is named when the portal closes).
    public init(missing id: String, title: String) {
        measureID = id
        self.title = title
    }

    public init(_ measure: Measure) {
        measureID = measure.id
        title = measure.shortTitle
    }

    public var isReading: Bool { true }
    public var capturesText: Bool { page == .activities && !onRating }

    public var hasUnsavedChanges: Bool {
        switch page {
        case .question, .checklist: return !answers.isEmpty
        case .activities: return rows.contains { !$0.name.value.isEmpty || $0.rating != nil }
        default: return false
        }
    }

    // MARK: What the screen reads

    func measure(_ ctx: ScreenContext) -> Measure? { ctx.content.measure(measureID) }

    /// Her earlier responses to this measure, oldest first, from the snapshot (the check-in's kept as check-ins).
    func history(_ ctx: ScreenContext) -> [MeasureResponse] {
        let all = measureID == Measure.checkInID ? ctx.snapshot.quizResults.map(\.measureResponse)
            : ctx.snapshot.record.measureResponses.filter { $0.measureID == measureID }
        return all.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
    }

    /// Earlier responses the snapshot only counted (it holds the latest check-ins): then the first one is not
    /// known here, and no change since it is claimed.
    func uncounted(_ ctx: ScreenContext) -> Int { measureID == Measure.checkInID ? ctx.snapshot.olderQuizResults : 0 }

    /// The earlier results listed on the start page, latest first.
    func earlier(_ ctx: ScreenContext) -> [MeasureResponse] { history(ctx).reversed() }

    /// The response the page shows or is about to save.
    func response(_ ctx: ScreenContext) -> MeasureResponse {
        let activities = rows.filter(\.counts)
            .map { RatedActivity($0.name.value.trimmingCharacters(in: .whitespaces), $0.rating ?? -1) }
        return MeasureResponse(measureID: measureID, date: ctx.today, answers: answers, activities: activities)
    }

    // MARK: Keys

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<MeasureScreen> {
        guard let m = measure(ctx) else { return KeyTable([]) }
        let g = ctx.glyphs
        switch page {
        case .start:
            let last = earlier(ctx).count
            // Her therapist reads her answers: the list has no "Start" for her (`Viewer.may`).
            let low = Self.mayFill(m, ctx) ? 0 : 1
            let cursor = max(low, startCursor)
            return KeyTable([
                KeyBinding([.enter], KeyHint("Enter", cursor == 0 ? "start" : "open"), active: last >= low) { s, _, ctx in s.openFromStart(m, ctx) },
                KeyBinding([.up, .character("k"), .down, .character("j")], .move(g), active: last > low) { s, key, _ in
                    s.startCursor = key == .up || key == .character("k") ? max(low, cursor - 1) : min(last, cursor + 1)
                    return .stay
                },
            ])
        case .question(let i):
            let scale = m.items.indices.contains(i) ? m.scale(of: m.items[i]) : nil
            let options = scale?.options ?? []
            var keys: [KeyBinding<MeasureScreen>] = options.map { option in
                let key = option.key ?? String(option.value)
                return KeyBinding([.character(Character(key.lowercased())), .character(Character(key.uppercased()))],
                                  KeyHint(key, option.label.lowercased())) { s, _, ctx in s.answer(option.value, m, ctx) }
            }
            keys += [
                KeyBinding([.left, .character("h")], KeyHint(g.leftRightKeys, "choose")) { s in s.moveChoice(-1, options) },
                KeyBinding([.right, .character("l")], nil) { s in s.moveChoice(1, options) },
                KeyBinding([.enter], KeyHint("Enter", "answer")) { s, _, ctx in
                    guard let choice = s.choice else { return .stay }
                    return s.answer(choice, m, ctx)
                },
                KeyBinding([.character("b"), .up], KeyHint("b", i == 0 ? "the introduction" : "previous question")) { s in
                    if i > 0 { s.show(question: i - 1, m) } else { s.page = .start; s.choice = nil }
                },
            ]
            return KeyTable(keys)
        case .checklist:
            let last = max(0, m.items.count - 1)
            return KeyTable([
                KeyBinding([.character(" "), .character("x")], KeyHint("Space", "tick")) { s in
                    let id = m.items[min(s.listCursor, last)].id
                    s.answers[id] = s.answers[id] == 1 ? 0 : 1
                },
                KeyBinding([.enter, .ctrl("s")], KeyHint("Enter", "done")) { s, _, ctx in s.finish(m, ctx) },
                KeyBinding([.up, .character("k"), .down, .character("j")], .move(g)) { s, key, _ in
                    s.listCursor = key == .up || key == .character("k") ? max(0, s.listCursor - 1) : min(last, s.listCursor + 1)
                    return .stay
                },
                KeyBinding([.home, .end], KeyHint("Home/End", "first/last"), footer: false) { s, key, _ in
                    s.listCursor = key == .home ? 0 : last
                    return .stay
                },
            ])
        case .activities:
            return activityKeys(m, ctx)
        case .result, .past:
            let scroll: (inout MeasureScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in s.scroll(key, ctx) }
            // The scrolling keys only while the page is taller than the area: nothing to scroll, nothing offered.
            let scrolls = pageLines(ctx, width: ctx.area.width).count > ctx.area.height
            let done: (inout MeasureScreen, Key, ScreenContext) -> Reaction = { s, _, _ in
                if case .past = s.page { s.page = .start; s.offset = 0; return .stay }
                return .pop
            }
            return KeyTable([
                KeyBinding([.enter], KeyHint("Enter", page == .result ? "done" : "back to the list"), action: done),
                KeyBinding([.up, .character("k"), .down, .character("j")], KeyHint(g.upDownKeys, "scroll"), active: scrolls, action: scroll),
                KeyBinding([.pageDown, .character(" ")], KeyHint("Space", "next page"), footer: false, active: scrolls, action: scroll),
                KeyBinding([.pageUp], KeyHint("PgUp", "page back"), footer: false, active: scrolls, action: scroll),
                KeyBinding([.home, .end], KeyHint("Home/End", "top/end"), footer: false, active: scrolls, action: scroll),
            ])
        }
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        // Esc on an earlier result goes back to the list, not out of the questionnaire.
        if case .past = page, key == .escape || key == .backspace {
            page = .start
            offset = 0
            return .stay
        }
        return keyTable(ctx).handle(key, &self, ctx)
    }

    /// Whether the viewer may fill `m` in: the patient may; her therapist reads her answers.
    static func mayFill(_ m: Measure, _ ctx: ScreenContext) -> Bool {
        ctx.may(m.id == Measure.checkInID ? .checkIns : .measures)
    }

    private mutating func openFromStart(_ m: Measure, _ ctx: ScreenContext) -> Reaction {
        if !Self.mayFill(m, ctx), startCursor == 0 { startCursor = 1 }
        if startCursor > 0 {
            guard startCursor <= earlier(ctx).count else { return .stay }
            page = .past(startCursor - 1)
            offset = 0
            return .stay
        }
        error = nil
        savedOn = nil
        baseline = uncounted(ctx) == 0 ? history(ctx).first : nil
        switch m.presentation {
        case .questions:
            show(question: 0, m)
        case .checklist:
            page = .checklist
            listCursor = 0
        case .activities:
            page = .activities
            if rows.isEmpty { rows = Self.startingRows(m, history: history(ctx)) }
            row = 0
            onRating = !rows[0].name.value.isEmpty
        }
        return .stay
    }

    /// The rows an activity measure starts with: every activity she named before, to rate again (the PSFS
    /// follow-up asks about the same ones), newest first (`Measure.activitiesToRateAgain`), however many (the
    /// rows scroll), then empty rows up to the fewest it needs.
    static func startingRows(_ m: Measure, history: [MeasureResponse]) -> [ActivityRow] {
        let limit = m.activities?.textLimit ?? 60
        let named = m.activitiesToRateAgain(history)
        let count = max(m.activities?.min ?? 3, named.count)
        return (0..<count).map { i in
            ActivityRow(name: TextField(i < named.count ? named[i] : "", maxLength: limit, placeholder: "an activity you find hard"), rating: nil,
                        namedBefore: i < named.count ? named[i] : nil)
        }
    }

    private mutating func show(question index: Int, _ m: Measure) {
        page = .question(index)
        choice = answers[m.items[index].id]
    }

    private mutating func moveChoice(_ step: Int, _ options: [Measure.Scale.Option]) {
        guard !options.isEmpty else { return }
        let values = options.map(\.value)
        // From nothing, ← takes the first answer and → the last (yes and no, as they are drawn).
        guard let current = choice, let i = values.firstIndex(of: current) else { choice = step < 0 ? values[0] : values[values.count - 1]; return }
        choice = values[min(max(0, i + step), values.count - 1)]
    }

    /// Records the answer and moves on; after the last question shows the result and asks to save it.
    private mutating func answer(_ value: Int, _ m: Measure, _ ctx: ScreenContext) -> Reaction {
        guard case .question(let i) = page else { return .stay }
        answers[m.items[i].id] = value
        if i + 1 < m.items.count {
            show(question: i + 1, m)
            return .stay
        }
        return finish(m, ctx)
    }

    /// Checks the answers and, when they are whole, shows the result and asks to save it; else says why.
    mutating func finish(_ m: Measure, _ ctx: ScreenContext) -> Reaction {
        if m.presentation == .checklist {
            for item in m.items where answers[item.id] == nil { answers[item.id] = 0 }  // not ticked
        }
        if m.presentation == .activities, let problem = Self.unfinishedRow(rows, m) {
            error = problem
            return .stay
        }
        let r = response(ctx)
        do {
            try m.validate(r, today: ctx.today)
        } catch {
            self.error = "\(error)"
            return .stay
        }
        error = nil
        page = .result
        choice = nil
        offset = 0
        savedOn = nil
        return .effects(.saveMeasure(r))
    }

    /// Why the activity rows are not ready, in her words: a named activity not rated, or a rating with no
    /// activity. The measure's own check says the rest (how many, how long).
    static func unfinishedRow(_ rows: [ActivityRow], _ m: Measure) -> String? {
        guard let a = m.activities else { return nil }
        for (i, r) in rows.enumerated() where !r.isSkipped {
            let named = !PlainText.blankAsEmpty(r.name.value).isEmpty
            if named, r.rating == nil {
                return "Rate “\(r.name.value.trimmingCharacters(in: .whitespaces))” from \(a.from) to \(a.to) first: Tab to its rating, then ← → or a digit."
            }
            if !named, r.rating != nil {
                return "Activity \(i + 1) has a rating but no name; name it, or clear the rating with Backspace."
            }
        }
        return nil
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .saveMeasure(let r) = effect, page == .result { savedOn = r.date }
        return .stay
    }

    /// Scrolls a result for one of its moving keys.
    private mutating func scroll(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let size = ctx.area
        let count = pageLines(ctx, width: size.width).count
        let height = Self.textHeight(lineCount: count, areaHeight: size.height)
        let last = WrappedText.maxOffset(lineCount: count, height: height)
        let current = min(max(0, offset), last)
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

    /// Rows for text on a scrolled page: all of them, or all but one for the "more" line when it overflows.
    static func textHeight(lineCount: Int, areaHeight: Int) -> Int {
        lineCount > areaHeight ? max(1, areaHeight - 1) : areaHeight
    }
}
