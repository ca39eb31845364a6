import PortalCore

/// Next week's program, written by the therapist on screen (issue 23, point 3). It starts from the latest week
/// (a copy numbered and dated to follow it, as `portal program template` prints it), or from the draft she saved
/// before. She adds exercises from the library (`a`, `ExercisePickerScreen`) and removes them (`x`), changes each
/// dose (Tab moves between sets, reps, hold, side, days a week, times a day and rest; ← → or - + change the value,
/// digits type it), moves the first day (`[` `]`) and writes a note to the patient (`n`). Each change is marked as
/// the patient will see it ("NEW", "↑ more": `DoseChange`, from the same diff), and `v` shows the week exactly as
/// her Home and Exercises screens will. The exercise precautions (`PrescriptionRules`) are checked as she edits:
/// a broken rule shows beside its exercise with the ways out (change or remove it, or `d` to record it as her
/// decision, with the reason the patient is shown). `s` saves a draft and `p` publishes, after a question; both
/// are checked first as the store checks them (`WeekDraft.check`), and leave as effects for the runtime.
public struct ProgramEditorScreen: PortalScreen {
    /// The numbers of a dose in the order the form shows them.
    public enum DoseItem: Int, Sendable, CaseIterable {
        case sets, reps, hold, side, daysPerWeek, timesPerDay, rest

        /// The dose's number this item edits; nil for the side.
        public var field: Dose.Field? {
            switch self {
            case .sets: return .sets
            case .reps: return .reps
            case .hold: return .holdSeconds
            case .side: return nil
            case .daysPerWeek: return .daysPerWeek
            case .timesPerDay: return .timesPerDay
            case .rest: return .restSeconds
            }
        }

        public var label: String { field?.label ?? "Side" }

        /// The value as the form shows it: a plain "none" for an exercise done without a side.
        func value(_ dose: Dose) -> String {
            guard let field else { return dose.side == .none ? "none" : dose.side.text }
            return String(dose[keyPath: field.keyPath])
        }
    }

    /// What she is typing, when she is: the note to the patient, or her reason for an exercise.
    public enum Typing: Sendable, Equatable {
        case note
        case decision(exerciseID: String)
    }

    public internal(set) var draft: WeekDraft
    /// The week as it was opened or last saved: leaving with changes since asks first.
    public internal(set) var baseline: ProgramWeek
    /// The selected exercise, an index into the week's prescriptions.
    public internal(set) var selected = 0
    public internal(set) var item = DoseItem.sets
    /// Digits typed into the selected number so far.
    var typed = ""
    public internal(set) var typing: Typing?
    var text = TextField(maxLength: ProgramWeek.noteLimit)
    /// True while the week is shown as the patient will see it.
    public internal(set) var previewing = false
    /// True while asking whether to publish.
    public internal(set) var confirmingPublish = false
    /// Whether she was looking at her view when she pressed p (the question shows it; "not now" goes back).
    var previewingBeforeAsking = false
    /// Why the last key did not do what it asked (a refused save, a number out of range), or what it did.
    public internal(set) var notice: String?
    public internal(set) var noticeIsProblem = false

    /// The editor for the patient of `ctx`: next week, from the week under way (`WeekDraft.following`: the
    /// upcoming week, published or not, is replaced when she publishes); else her draft when she has one
    /// (`PortalSnapshot.draftWeeks`); else the next week after her latest, a copy of it (a first week, empty,
    /// for a program with no weeks).
    public init(_ ctx: ScreenContext) {
        var program = ctx.snapshot.program
        program = Program(weeks: program.weeks, drafts: program.drafts.union(ctx.snapshot.draftWeeks), plannedFor: program.plannedFor)
        if let following = WeekDraft.following(current: program, today: ctx.today) {
            draft = following
        } else if let n = ctx.snapshot.draftWeeks.max(), let saved = WeekDraft.editing(n, in: program) {
            draft = saved
        } else if let next = WeekDraft.next(after: program, today: ctx.today) {
            draft = next
        } else {
            draft = WeekDraft(week: ProgramWeek(number: 1, starts: ctx.today, note: "", prescriptions: []), previous: nil)
        }
        baseline = draft.week
        // A draft saved before whose first day has come (or a week before it that has moved): it opens on the
        // earliest day saving accepts, and says so; saving keeps the new day.
        let window = draft.startWindow(in: program, today: ctx.today)
        if draft.replaces == nil, window.clamp(draft.week.starts) != draft.week.starts {
            let was = draft.week.starts
            draft.week.starts = window.clamp(was)
            say("Week \(draft.week.number) was to start on \(was.text(near: ctx.today)); it now starts on \(draft.week.starts.text(near: ctx.today)), the earliest a new week may.", problem: true)
        }
    }

    public var title: String { "Program week \(draft.week.number)" }
    public var capturesText: Bool { typing != nil }
    public var hasUnsavedChanges: Bool { draft.week != baseline || (typing != nil && typedSomething) }
    /// True when the open text field holds something other than what it started with.
    private var typedSomething: Bool {
        switch typing {
        case .note?: return text.value != draft.week.note
        case .decision(let id)?: return text.value != (draft.week.prescription(for: id)?.therapistDecision ?? "")
        case nil: return false
        }
    }

    var prescriptions: [Prescription] { draft.week.prescriptions }

    func selectedPrescription() -> Prescription? {
        prescriptions.isEmpty ? nil : prescriptions[min(max(0, selected), prescriptions.count - 1)]
    }

    /// The rules each exercise breaks for her in the week (hers to decide included), by exercise.
    func ruleBreaks(_ ctx: ScreenContext) -> [String: [RuleBreak]] {
        guard let patient = ctx.patient else { return [:] }
        return Dictionary(grouping: draft.ruleBreaks(for: patient, library: ctx.content.exercises), by: \.exerciseID)
    }

    /// True when the draft is stored (saved before and not published).
    func isStoredDraft(_ ctx: ScreenContext) -> Bool { ctx.snapshot.draftWeeks.contains(draft.week.number) }

    /// True when publishing replaces a week she has been given and has not begun (no draft of it is kept: the
    /// published week holds its number until the new one takes its place).
    public var replacesPublished: Bool { draft.replaces != nil }

    // MARK: - Keys

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ProgramEditorScreen> {
        if confirmingPublish {
            return KeyTable([
                KeyBinding([.character("y"), .character("Y")], KeyHint("y", "publish")) { s, _, _ in
                    s.confirmingPublish = false
                    return .effects(.publishWeek(s.draft.week))
                },
                // Help (? and F1) stays the app's, so the question can be read about.
                // Back to editing where she was: one Esc then leaves the editor, as before she pressed p.
                KeyBinding([], KeyHint("any other key", "not now"), matching: { $0 != .character("?") && $0 != .function(1) }) { s, _, _ in
                    s.confirmingPublish = false
                    s.previewing = s.previewingBeforeAsking
                    s.say("Not published. Press p when you are ready.")
                    return .stay
                },
            ])
        }
        if typing != nil {
            return KeyTable([
                KeyBinding([.enter], KeyHint("Enter", "done")) { s, _, _ in s.finishTyping(); return .stay },
                KeyBinding([.escape], KeyHint("Esc", "cancel")) { s in s.typing = nil },
                KeyBinding([], KeyHint("typing", "edits the text (paste too)"), footer: false, matching: { _ in true }) { s, key, _ in
                    s.type(key)
                },
            ])
        }
        let g = ctx.glyphs
        let has = !prescriptions.isEmpty
        let last = max(0, prescriptions.count - 1)
        let chosen = selectedPrescription()
        let decidable = chosen.map { p in ruleBreaks(ctx)[p.exerciseID] != nil || !p.therapistDecision.isEmpty } ?? false
        let editing = !previewing
        // Only what the viewer may do is offered (`Viewer.may`, as the database decides): saving writes her
        // program, publishing makes it hers.
        let saves = ctx.may(.programWeeks), publishes = ctx.may(.publishing)
        // The footer keeps what matters first (at 60 columns the last hints give way): change, publish, add, save.
        return KeyTable([
            KeyBinding([.left, .character("-")], KeyHint(g.leftRightKeys, "change"), active: has && editing) { s in s.step(-1) },
            KeyBinding([.right, .character("+"), .character("=")], nil, active: has && editing) { s in s.step(1) },
            KeyBinding([.character("p")], KeyHint("p", "publish"), active: saves && publishes) { s, _, ctx in s.askToPublish(ctx) },
            KeyBinding([.character("a")], KeyHint("a", "add"), active: editing) { s, _, _ in
                s.typed = ""
                return .push(.exercisePicker(ExercisePickerScreen(for: s.draft)))
            },
            // A published week not begun is replaced by publishing; it has no draft beside it.
            KeyBinding([.character("s"), .ctrl("s")], KeyHint("s", "save"), active: saves && !replacesPublished) { s, _, ctx in s.save(ctx) },
            KeyBinding([.up, .character("k")], KeyHint(g.upDownKeys, "exercise"), active: has) { s in s.select(max(0, min(s.selected, last) - 1)) },
            KeyBinding([.down, .character("j")], nil, active: has) { s in s.select(min(last, s.selected + 1)) },
            KeyBinding([.tab], KeyHint("Tab", "next number"), footer: false, active: has && editing) { s in s.moveItem(1) },
            KeyBinding([.backTab], KeyHint("Shift-Tab", "previous number"), footer: false, active: has && editing) { s in s.moveItem(-1) },
            KeyBinding([], KeyHint("0-9", "type the number"), footer: false, active: has && editing && item.field != nil,
                       matching: { if case .character(let c) = $0 { return c.isASCII && c.isNumber } else { return false } }) { s, key, _ in
                s.typeDigit(key); return .stay
            },
            KeyBinding([.character("x"), .delete], KeyHint("x", "remove"), active: has && editing) { s, _, ctx in s.remove(ctx); return .stay },
            KeyBinding([.character("v")], KeyHint("v", previewing ? "back to editing" : "her view")) { s in
                s.previewing.toggle()
                s.typed = ""
            },
            KeyBinding([.escape], KeyHint("Esc", "back to editing"), footer: false, active: previewing) { s in s.previewing = false },
            KeyBinding([.character("n")], KeyHint("n", "note to her"), active: editing) { s in s.startTyping(.note) },
            KeyBinding([.character("d")], KeyHint("d", "your decision"), active: decidable && editing) { s in
                if let p = s.selectedPrescription() { s.startTyping(.decision(exerciseID: p.exerciseID)) }
            },
            KeyBinding([.character("[")], KeyHint("[ ]", "start a day earlier/later"), footer: false, active: editing) { s, _, ctx in s.moveStart(-1, ctx); return .stay },
            KeyBinding([.character("]")], nil, active: editing) { s, _, ctx in s.moveStart(1, ctx); return .stay },
            KeyBinding([.home], KeyHint("Home/End", "first/last exercise"), footer: false, active: has) { s in s.select(0) },
            KeyBinding([.end], nil, active: has) { s in s.select(last) },
        ])
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        if typing == nil, !confirmingPublish { notice = nil }
        return keyTable(ctx).handle(key, &self, ctx)
    }

    private mutating func say(_ text: String, problem: Bool = false) {
        notice = text
        noticeIsProblem = problem
    }

    private mutating func select(_ index: Int) {
        selected = index
        typed = ""
    }

    private mutating func moveItem(_ by: Int) {
        let all = DoseItem.allCases
        item = all[(item.rawValue + by + all.count) % all.count]
        typed = ""
    }

    /// ← → (- +): the selected number a step down or up, within its limits; the side round its choices.
    private mutating func step(_ by: Int) {
        guard let p = selectedPrescription() else { return }
        typed = ""
        if let field = item.field {
            draft.step(field, of: p.exerciseID, by: by)
            let value = draft.week.prescription(for: p.exerciseID)?.dose[keyPath: field.keyPath]
            if value == p.dose[keyPath: field.keyPath] {
                say("\(field.label) is \(field.range.lowerBound) to \(field.range.upperBound).")
            }
        } else {
            let sides = Side.allCases
            let i = sides.firstIndex(of: p.dose.side) ?? 0
            draft.setSide(sides[(i + by + sides.count) % sides.count], of: p.exerciseID)
        }
    }

    /// A digit: the number typed so far, taken as soon as it is within the limits.
    private mutating func typeDigit(_ key: Key) {
        guard let p = selectedPrescription(), let field = item.field, case .character(let c) = key else { return }
        typed.append(c)
        guard let value = Int(typed), typed.count <= 3 else { typed = ""; return }
        do {
            try draft.set(field, of: p.exerciseID, to: value)
        } catch {
            // A first digit can still grow into an allowed value ("1" of "12"); anything else starts over.
            if value * 10 > field.range.upperBound || typed.count >= 3 {
                say("\(error)", problem: true)
                typed = ""
            }
        }
    }

    private mutating func remove(_ ctx: ScreenContext) {
        guard let p = selectedPrescription() else { return }
        draft.remove(p.exerciseID)
        selected = min(selected, max(0, prescriptions.count - 1))
        typed = ""
        say("Removed \(ctx.exerciseName(p.exerciseID)). Press a to add an exercise.")
    }

    /// The exercise chosen from the library (`ExercisePickerScreen`), selected once added.
    mutating func add(_ exerciseID: String, _ ctx: ScreenContext) {
        do {
            try draft.add(exerciseID, library: ctx.content.exercises)
            selected = prescriptions.count - 1
            item = .sets
            typed = ""
            say("Added \(ctx.exerciseName(exerciseID)).")
        } catch {
            say("\(error)", problem: true)
        }
    }

    /// `[` `]`: the first day a day earlier or later, within the days saving accepts (`WeekDraft.startWindow`,
    /// the same rule); at the edge it stays and says why.
    private mutating func moveStart(_ days: Int, _ ctx: ScreenContext) {
        let window = draft.startWindow(in: ctx.snapshot.program, today: ctx.today)
        let n = draft.week.number
        if draft.moveStart(by: days, within: window) {
            say("Week \(n) now starts on \(draft.week.starts.text(near: ctx.today)).")
            return
        }
        let on = draft.week.starts.text(near: ctx.today)
        switch days < 0 ? window.earliestBound : window.latestBound {
        case .today:
            say("Week \(n) starts on \(on) at the earliest: a new week starts after today.", problem: true)
        case .weekBefore(let before):
            say("Week \(n) starts on \(on) at the earliest: week \(before.number) (from \(before.starts.text(near: ctx.today))) keeps its \(Program.minimumWeekDays) days.", problem: true)
        case .weekAfter(let after):
            say("Week \(n) starts on \(on) at the latest: week \(after.number) starts \(after.starts.text(near: ctx.today)), \(Program.minimumWeekDays) days after it.", problem: true)
        case .typoGuard:
            say("Week \(n) starts on \(on) at the latest: later than that is most likely a typo.", problem: true)
        case .none:
            say("Week \(n) starts on \(on).")
        }
    }

    private mutating func startTyping(_ what: Typing) {
        typed = ""
        switch what {
        case .note:
            text = TextField(draft.week.note, maxLength: ProgramWeek.noteLimit, placeholder: "what she should know this week")
        case .decision(let id):
            text = TextField(draft.week.prescription(for: id)?.therapistDecision ?? "", maxLength: Prescription.noteLimit,
                             placeholder: "why, in words she can read")
        }
        typing = what
    }

    private mutating func type(_ key: Key) -> Reaction {
        switch text.edit(key) {
        case .changed, .unchanged: notice = nil
        case .refused(let reason): say(reason, problem: true)
        case .notEditing: return .unhandled  // the app's keys (F1 help) stay the app's while she types
        }
        return .stay
    }

    private mutating func finishTyping() {
        switch typing {
        case .note?:
            draft.week.note = PlainText.blankAsEmpty(text.value)
        case .decision(let id)?:
            // A reason she cannot read is refused here, where it is typed (QA J10), and typing goes on.
            if let problem = Prescription.decisionProblem(PlainText.blankAsEmpty(text.value)) {
                say(problem, problem: true)
                return
            }
            draft.decide(id, reason: text.value)
        case nil:
            break
        }
        typing = nil
    }

    /// The check the store makes, made first: a message instead of a refused save.
    private mutating func checked(_ ctx: ScreenContext) -> Bool {
        do {
            try draft.check(against: ctx.snapshot.program, patient: ctx.patient, library: ctx.content.exercises, today: ctx.today)
            return true
        } catch {
            say("\(error)", problem: true)
            // A broken precaution: the exercise is selected and the message names the ways out on screen.
            let breaks = ruleBreaks(ctx)
            if let i = prescriptions.firstIndex(where: { breaks[$0.exerciseID] != nil && $0.therapistDecision.isEmpty }) {
                select(i)
                say("\(ctx.exerciseName(prescriptions[i].exerciseID)) breaks a precaution: change it or remove it (x), or record it as your decision with the reason she is shown (d).", problem: true)
            }
            return false
        }
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        guard !prescriptions.isEmpty else { say("A week has at least one exercise: press a to add one.", problem: true); return .stay }
        guard checked(ctx) else { return .stay }
        return .effects(.saveDraftWeek(draft.week))
    }

    private mutating func askToPublish(_ ctx: ScreenContext) -> Reaction {
        guard !prescriptions.isEmpty else { say("A week has at least one exercise: press a to add one.", problem: true); return .stay }
        guard checked(ctx) else { return .stay }
        previewingBeforeAsking = previewing
        previewing = true
        confirmingPublish = true
        return .stay
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .saveDraftWeek(let w):
            baseline = w
            // The header says it is a draft she does not see (once: not again down here).
            notice = nil
            return .stay
        case .publishWeek:
            baseline = draft.week
            return .pop
        default:
            return .stay
        }
    }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        confirmingPublish = false
        return .stay
    }
}
