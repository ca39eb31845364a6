import PortalCore

/// The bladder diary, on the lines of the International Continence Society's: one day at a time, its
/// summary (pees by day and at night, leaks by kind, pads, drinks and caffeine) and its entries. On today,
/// `p` logs a pee and `l` a leak at once (from Home that is two keys), `a` a pad; Enter on an entry adds the
/// rest (how much, what she was doing, the urgency). `w` logs a drink (its mL are asked). Before a visit that
/// asks for it, the three-day diary says which day she is on.
public struct BladderDiaryScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case time, volume, urgency, night, amount, activity, drink, note

        /// The fields an entry of this kind has, in order.
        static func of(_ kind: BladderEventKind) -> [Field] {
            switch kind {
            case .pee: return [.time, .volume, .urgency, .night]
            case .leak: return [.time, .amount, .activity, .note]
            case .drink: return [.time, .volume, .drink]
            case .pad: return [.time]
            }
        }

        var label: String {
            switch self {
            case .time: return "Time"
            case .volume: return "mL"
            case .urgency: return "Urgency"
            case .night: return "Woke me"
            case .amount: return "How much"
            case .activity: return "Doing"
            case .drink: return "Kind"
            case .note: return "Note"
            }
        }

        var takesText: Bool { self == .time || self == .volume || self == .note }
    }

    /// How far back a past day can be shown and logged.
    public static let maxDaysBack = 60

    public internal(set) var day: CalendarDate
    public internal(set) var cursor = 0
    /// The entry being filled in: a new one, or one saved already that she adds details to. Nil on the list.
    public internal(set) var form: BladderEvent?
    public internal(set) var field: Field = .time
    public internal(set) var time: TextField
    public internal(set) var volume: TextField
    public internal(set) var note: TextField
    public internal(set) var error: String?
    public internal(set) var confirmingDelete: Int64?
    /// Said after an entry logged with one key: what Enter adds to it.
    public internal(set) var notice: String?
    public init(_ ctx: ScreenContext) {
        day = ctx.today
        time = TextField("", maxLength: 5, placeholder: "HH:MM")
        volume = TextField("", maxLength: 6, placeholder: "not measured")
        note = TextField("", maxLength: BladderEvent.noteLimit, placeholder: "optional")
    }

    public var title: String { "Bladder diary" }
    public var capturesText: Bool { form != nil && field.takesText }
    public var hasUnsavedChanges: Bool { form != nil && form?.id == nil && form?.kind != .pad }

    // MARK: What the screen reads

    /// Her diary as the snapshot holds it (the last `PortalSnapshot.historyDays` days).
    func entries(_ ctx: ScreenContext) -> [BladderEvent] { DayLog.entries(ctx.snapshot.record.bladderEvents) }

    func dayEntries(_ ctx: ScreenContext) -> [BladderEvent] { DayLog.entries(ctx.snapshot.record.bladderEvents, on: day) }

    func threeDay(_ ctx: ScreenContext) -> ThreeDayDiary? {
        ThreeDayDiary.status(conditions: ctx.patient?.conditions ?? [], visits: ctx.snapshot.plan?.visits ?? [],
                             loggedDays: Set(entries(ctx).map(\.date)), now: ctx.snapshot.clock.now)
    }

    // MARK: Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        if let id = confirmingDelete {
            confirmingDelete = nil
            if key == .character("y") || key == .character("Y") { return .effects(.deleteBladder(id: id)) }
            return .stay
        }
        // Esc in the form goes back to the day's list, not out of the diary.
        if form != nil, key == .escape {
            form = nil
            error = nil
            return .stay
        }
        if form == nil { notice = nil }
        return keyTable(ctx).handle(key, &self, ctx)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<BladderDiaryScreen> {
        form == nil ? listKeys(ctx) : formKeys(ctx)
    }

    private func listKeys(_ ctx: ScreenContext) -> KeyTable<BladderDiaryScreen> {
        let g = ctx.glyphs
        let count = dayEntries(ctx).count
        let today = day == ctx.today
        // Her diary is hers: her therapist reading her chart gets no key that would change it.
        let mayWrite = ctx.may(.bladderDiary)
        return KeyTable([
            KeyBinding([.character("p")], KeyHint("p", "pee"), active: mayWrite) { s, _, ctx in s.log(.pee, ctx) },
            KeyBinding([.character("l")], KeyHint("l", "leak"), active: mayWrite) { s, _, ctx in s.log(.leak, ctx) },
            KeyBinding([.character("w")], KeyHint("w", "drink"), active: mayWrite) { s, _, ctx in s.log(.drink, ctx) },
            KeyBinding([.character("a")], KeyHint("a", "pad"), active: mayWrite) { s, _, ctx in s.log(.pad, ctx) },
            KeyBinding([.enter], KeyHint("Enter", "details"), active: mayWrite && count > 0) { s, _, ctx in
                let list = s.dayEntries(ctx)
                guard list.indices.contains(s.cursor) else { return .stay }
                s.open(list[s.cursor], ctx)
                return .stay
            },
            KeyBinding([.character("d")], KeyHint("d", "delete"), active: mayWrite && count > 0) { s, _, ctx in
                let list = s.dayEntries(ctx)
                if list.indices.contains(s.cursor), let id = list[s.cursor].id { s.confirmingDelete = id }
                return .stay
            },
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(g), active: count > 1) { s, key, _ in
                s.cursor = key == .up || key == .character("k") ? max(0, s.cursor - 1) : min(count - 1, s.cursor + 1)
                return .stay
            },
            KeyBinding([.left, .character("h")], KeyHint(g.leftRightKeys, "day")) { s, _, ctx in
                s.moveDay(-1, ctx)
                return .stay
            },
            KeyBinding([.right], nil, active: !today) { s, _, ctx in
                s.moveDay(1, ctx)
                return .stay
            },
        ])
    }

    private mutating func moveDay(_ by: Int, _ ctx: ScreenContext) {
        guard let target = DayLog.day(day, movedBy: by, today: ctx.today) else { return }
        day = target
        cursor = 0
    }

    /// `p`, `l`, `a` on today save at once, at the time now; a drink (its mL are needed) and any entry for an
    /// earlier day open the form.
    private mutating func log(_ kind: BladderEventKind, _ ctx: ScreenContext) -> Reaction {
        let now = ctx.snapshot.clock
        if day == ctx.today, kind != .drink {
            return .effects(.saveBladder(BladderEvent(date: day, time: now.time, kind: kind)))
        }
        open(BladderEvent(date: day, time: day == ctx.today ? now.time : TimeOfDay(hour: 12, minute: 0)!, kind: kind,
                          drink: kind == .drink ? .water : nil), ctx)
        if day != ctx.today { time.set("") }
        return .stay
    }

    /// Puts an entry in the form.
    mutating func open(_ e: BladderEvent, _ ctx: ScreenContext) {
        form = e
        time.set(e.time.description)
        volume.set(e.volumeML.map(String.init) ?? "")
        note.set(e.note)
        error = nil
        notice = nil
        let fields = Field.of(e.kind)
        // A new entry starts at its first detail (a drink at its mL); a saved one at the first detail too.
        field = fields.count > 1 ? fields[1] : fields[0]
        if e.kind == .pad { field = .time }
    }

    private func formKeys(_ ctx: ScreenContext) -> KeyTable<BladderDiaryScreen> {
        let g = ctx.glyphs
        var keys: [KeyBinding<BladderDiaryScreen>] = [
            KeyBinding([.enter, .ctrl("s")], KeyHint("Enter", "save")) { s, _, ctx in s.save(ctx) },
            KeyBinding([.tab, .down], KeyHint("Tab", "next")) { s in s.moveField(1) },
            KeyBinding([.backTab, .up], KeyHint("Shift-Tab", "back"), footer: false) { s in s.moveField(-1) },
        ]
        switch field {
        case .time, .volume, .note:
            keys.append(KeyBinding([], KeyHint("typing", "edits the field"), footer: false, matching: { _ in true }) { s, key, _ in s.edit(key) })
        case .urgency:
            keys += [
                KeyBinding([.left, .right], KeyHint(g.leftRightKeys + " 0-4", "urgency")) { s, key, _ in
                    let u = s.form?.urgency ?? (key == .right ? -1 : 5)
                    s.form?.urgency = min(4, max(0, u + (key == .right ? 1 : -1)))
                    return .stay
                },
                KeyBinding([], nil, matching: { if case .character(let c) = $0 { return ("0"..."4").contains(c) }; return false }) { s, key, _ in
                    if case .character(let c) = key { s.form?.urgency = Int(String(c)) }
                    return .stay
                },
                KeyBinding([.backspace, .delete], nil) { s in s.form?.urgency = nil },
            ]
        case .night:
            keys.append(KeyBinding([.character(" "), .left, .right], KeyHint("Space", "yes/no")) { s in s.form?.wokeAtNight.toggle() })
        case .amount:
            keys.append(choice(g) { s, step in let v = Self.cycle(s.form?.amount, step); s.form?.amount = v })
        case .activity:
            keys.append(choice(g) { s, step in let v = Self.cycle(s.form?.activity, step); s.form?.activity = v })
        case .drink:
            keys.append(choice(g) { s, step in let v = Self.cycle(s.form?.drink, step); s.form?.drink = v })
        }
        return KeyTable(keys)
    }

    private func choice(_ g: Glyphs, _ change: @escaping (inout BladderDiaryScreen, Int) -> Void) -> KeyBinding<BladderDiaryScreen> {
        KeyBinding([.left, .right, .character(" ")], KeyHint(g.leftRightKeys, "choose")) { s, key, _ in
            change(&s, key == .left ? -1 : 1)
            return .stay
        }
    }

    /// The next value of a choice: nothing said, then each value in order, and round again.
    static func cycle<T: CaseIterable & Equatable>(_ value: T?, _ step: Int) -> T? {
        let all: [T?] = [nil] + T.allCases.map { Optional($0) }
        let i = all.firstIndex { $0 == value } ?? 0
        return all[(i + step + all.count) % all.count]
    }

    private mutating func moveField(_ step: Int) {
        guard let kind = form?.kind else { return }
        let fields = Field.of(kind)
        let i = fields.firstIndex(of: field) ?? 0
        field = fields[min(max(0, i + step), fields.count - 1)]
        error = nil
    }

    private mutating func edit(_ key: Key) -> Reaction {
        var f: TextField
        switch field {
        case .time: f = time
        case .volume: f = volume
        default: f = note
        }
        let outcome = f.edit(key)
        switch outcome {
        case .changed, .unchanged: error = nil
        case .refused(let reason): error = reason
        case .notEditing: return .unhandled  // left to the app: F1 opens help
        }
        switch field {
        case .time: time = f
        case .volume: volume = f
        default: note = f
        }
        return .stay
    }

    /// The entry the form describes, checked, or the reason it cannot be saved.
    func entry(_ ctx: ScreenContext) -> Result<BladderEvent, PortalError> {
        DayLog.entry(form, time: time.value, now: ctx.snapshot.clock.latestEntry) { e in
            e.note = e.kind == .leak ? PlainText.blankAsEmpty(note.value) : ""
            switch e.kind {
            case .pee:
                e.volumeML = volume.value.isEmpty ? nil
                    : try BladderEvent.parseVolume(volume.value, BladderEvent.peeVolumes, what: "a pee")
            case .drink:
                e.volumeML = try BladderEvent.parseVolume(volume.value, BladderEvent.drinkVolumes, what: "a drink")
            case .leak, .pad:
                e.volumeML = nil
            }
        }
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        switch entry(ctx) {
        case .failure(let problem):
            error = problem.description
            return .stay
        case .success(let e):
            error = nil
            return .effects(e.id == nil ? .saveBladder(e) : .updateBladder(e))
        }
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .saveBladder(let e):
            form = nil
            // The entry just logged is selected, so Enter adds its details.
            let list = dayEntries(ctx)
            if let i = list.lastIndex(where: { $0.time == e.time && $0.kind == e.kind }) { cursor = i }
            switch e.kind {
            case .pee: notice = "Pee logged at \(e.time). Enter adds the mL, the urgency and whether it woke you."
            case .leak: notice = "Leak logged at \(e.time). Enter adds how much and what you were doing."
            case .drink, .pad: notice = nil
            }
        case .updateBladder:
            form = nil
        case .deleteBladder:
            cursor = max(0, min(cursor, dayEntries(ctx).count - 1))
        default:
            break
        }
        return .stay
    }

    public var shownProblem: String? { form != nil ? error : nil }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        if form != nil { self.error = error.description }
        return .stay
    }
}
