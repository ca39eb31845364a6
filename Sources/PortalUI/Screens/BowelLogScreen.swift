import PortalCore

/// The bowel log: one day at a time, this week's trend, the day's movements and the seven stool types of the
/// Bristol scale in words. A digit 1–7 starts an entry of that type (then straining, rushing, leaks, pain);
/// `r` opens the article on bowel movements after birth.
public struct BowelLogScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case type, time, straining, urgency, gas, liquid, solid, pain, note

        var label: String {
            switch self {
            case .type: return "Stool type"
            case .time: return "Time"
            case .straining: return "Strained"
            case .urgency: return "Had to rush"
            case .gas: return "Leaked gas"
            case .liquid: return "Leaked liquid"
            case .solid: return "Leaked solid"
            case .pain: return "Pain 0-10"
            case .note: return "Note"
            }
        }

        var leak: BowelLeak? {
            switch self {
            case .gas: return .gas
            case .liquid: return .liquid
            case .solid: return .solid
            default: return nil
            }
        }

        var takesText: Bool { self == .time || self == .note }
    }

    public static let articleID = "bowel-movements-after-birth"

    public internal(set) var day: CalendarDate
    public internal(set) var cursor = 0
    /// The entry being filled in; nil on the list.
    public internal(set) var form: BowelEntry?
    public internal(set) var field: Field = .type
    public internal(set) var time: TextField
    public internal(set) var note: TextField
    public internal(set) var error: String?
    public internal(set) var confirmingDelete: Int64?

    public init(_ ctx: ScreenContext) {
        day = ctx.today
        time = TextField("", maxLength: 5, placeholder: "HH:MM")
        note = TextField("", maxLength: BowelEntry.noteLimit, placeholder: "optional")
    }

    public var title: String { "Bowel log" }
    public var capturesText: Bool { form != nil && field.takesText }
    public var hasUnsavedChanges: Bool { form != nil }

    /// Her log as the snapshot holds it (the last `PortalSnapshot.historyDays` days).
    func entries(_ ctx: ScreenContext) -> [BowelEntry] { DayLog.entries(ctx.snapshot.record.bowelEntries) }

    func dayEntries(_ ctx: ScreenContext) -> [BowelEntry] { DayLog.entries(ctx.snapshot.record.bowelEntries, on: day) }

    // MARK: Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        if let id = confirmingDelete {
            confirmingDelete = nil
            if key == .character("y") || key == .character("Y") { return .effects(.deleteBowel(id: id)) }
            return .stay
        }
        if form != nil, key == .escape {
            form = nil
            error = nil
            return .stay
        }
        return keyTable(ctx).handle(key, &self, ctx)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<BowelLogScreen> {
        let g = ctx.glyphs
        guard form == nil else { return formKeys(ctx) }
        let count = dayEntries(ctx).count
        let isDigit: (Key) -> Bool = { if case .character(let c) = $0 { return ("1"..."7").contains(c) }; return false }
        // Her log is hers: her therapist reading her chart gets no key that would change it.
        let mayWrite = ctx.may(.bowelLog)
        return KeyTable([
            KeyBinding([], KeyHint("1-7", "log a stool type"), active: mayWrite, matching: isDigit) { s, key, ctx in
                if case .character(let c) = key, let n = Int(String(c)), let t = BristolType(rawValue: n) { s.start(t, ctx) }
                return .stay
            },
            KeyBinding([.character("d")], KeyHint("d", "delete"), active: mayWrite && count > 0) { s, _, ctx in
                let list = s.dayEntries(ctx)
                if list.indices.contains(s.cursor), let id = list[s.cursor].id { s.confirmingDelete = id }
                return .stay
            },
            KeyBinding([.character("r")], KeyHint("r", "read"), active: ctx.content.article(Self.articleID) != nil) { _, _, ctx in
                .push(.reader(ReaderScreen(articleID: Self.articleID, title: ctx.content.article(Self.articleID)?.title)))
            },
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(g), active: count > 1) { s, key, _ in
                s.cursor = key == .up || key == .character("k") ? max(0, s.cursor - 1) : min(count - 1, s.cursor + 1)
                return .stay
            },
            KeyBinding([.left, .character("h")], KeyHint(g.leftRightKeys, "day")) { s, _, ctx in s.moveDay(-1, ctx); return .stay },
            KeyBinding([.right], nil, active: day < ctx.today) { s, _, ctx in s.moveDay(1, ctx); return .stay },
        ])
    }

    private mutating func moveDay(_ by: Int, _ ctx: ScreenContext) {
        guard let target = DayLog.day(day, movedBy: by, today: ctx.today) else { return }
        day = target
        cursor = 0
    }

    mutating func start(_ type: BristolType, _ ctx: ScreenContext) {
        let t = day == ctx.today ? ctx.snapshot.clock.time : TimeOfDay(hour: 12, minute: 0)!
        form = BowelEntry(date: day, time: t, type: type)
        time.set(day == ctx.today ? t.description : "")
        note.set("")
        field = .straining
        error = nil
    }

    private func formKeys(_ ctx: ScreenContext) -> KeyTable<BowelLogScreen> {
        let g = ctx.glyphs
        var keys: [KeyBinding<BowelLogScreen>] = [
            KeyBinding([.enter, .ctrl("s")], KeyHint("Enter", "save")) { s, _, ctx in s.save(ctx) },
            KeyBinding([.tab, .down], KeyHint("Tab", "next")) { s in s.moveField(1) },
            KeyBinding([.backTab, .up], KeyHint("Shift-Tab", "back"), footer: false) { s in s.moveField(-1) },
        ]
        switch field {
        case .time, .note:
            keys.append(KeyBinding([], KeyHint("typing", "edits the field"), footer: false, matching: { _ in true }) { s, key, _ in s.edit(key) })
        case .type:
            keys += [
                KeyBinding([.left, .right], KeyHint(g.leftRightKeys + " 1-7", "type")) { s, key, _ in
                    let n = (s.form?.type.rawValue ?? 4) + (key == .right ? 1 : -1)
                    if let t = BristolType(rawValue: min(7, max(1, n))) { s.form?.type = t }
                    return .stay
                },
                KeyBinding([], nil, matching: { if case .character(let c) = $0 { return ("1"..."7").contains(c) }; return false }) { s, key, _ in
                    if case .character(let c) = key, let n = Int(String(c)), let t = BristolType(rawValue: n) { s.form?.type = t }
                    return .stay
                },
            ]
        case .straining:
            keys.append(KeyBinding([.character(" "), .left, .right], KeyHint("Space", "yes/no")) { s in s.form?.straining.toggle() })
        case .urgency:
            keys.append(KeyBinding([.character(" "), .left, .right], KeyHint("Space", "yes/no")) { s in s.form?.urgency.toggle() })
        case .gas, .liquid, .solid:
            let leak = field.leak!
            keys.append(KeyBinding([.character(" "), .left, .right], KeyHint("Space", "yes/no")) { s in
                guard let e = s.form else { return }
                let leaks = e.leaks.contains(leak) ? e.leaks.filter { $0 != leak } : e.leaks + [leak]
                s.form?.leaks = BowelLeak.allCases.filter(leaks.contains)
            })
        case .pain:
            keys += [
                KeyBinding([.left, .right], KeyHint(g.leftRightKeys + " 0-9", "pain")) { s, key, _ in
                    let p = s.form?.pain ?? (key == .right ? -1 : 11)
                    s.form?.pain = min(10, max(0, p + (key == .right ? 1 : -1)))
                    return .stay
                },
                KeyBinding([], nil, matching: { if case .character(let c) = $0 { return c.isASCII && c.isNumber }; return false }) { s, key, _ in
                    guard case .character(let c) = key, let d = Int(String(c)) else { return .stay }
                    let tens = d == 0 && s.form?.pain == 1  // "1" then "0" is 10
                    s.form?.pain = tens ? 10 : d
                    return .stay
                },
                KeyBinding([.backspace, .delete], nil) { s in s.form?.pain = nil },
            ]
        }
        return KeyTable(keys)
    }

    private mutating func moveField(_ step: Int) {
        let all = Field.allCases
        field = all[min(max(0, field.rawValue + step), all.count - 1)]
        error = nil
    }

    private mutating func edit(_ key: Key) -> Reaction {
        var f = field == .time ? time : note
        switch f.edit(key) {
        case .changed, .unchanged: error = nil
        case .refused(let reason): error = reason
        case .notEditing: return .unhandled  // left to the app: F1 opens help
        }
        if field == .time { time = f } else { note = f }
        return .stay
    }

    /// The entry the form describes, checked, or the reason it cannot be saved.
    func entry(_ ctx: ScreenContext) -> Result<BowelEntry, PortalError> {
        DayLog.entry(form, time: time.value, now: ctx.snapshot.clock.latestEntry) { e in
            e.note = PlainText.blankAsEmpty(note.value)
            // Said here, before it is sent, by the rule the store keeps (QA J12).
            try e.checkAnswersAgree()
        }
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        switch entry(ctx) {
        case .failure(let problem):
            error = problem.description
            return .stay
        case .success(let e):
            error = nil
            return .effects(.saveBowel(e))
        }
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .saveBowel: form = nil
        case .deleteBowel: cursor = max(0, min(cursor, dayEntries(ctx).count - 1))
        default: break
        }
        return .stay
    }

    public var shownProblem: String? { form != nil ? error : nil }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        if form != nil { self.error = error.description }
        return .stay
    }
}
