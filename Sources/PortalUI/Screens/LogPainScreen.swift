import PortalCore

/// Log a pain score with where it hurts, what made it worse, any warning signs and a note; see, edit and
/// delete the entries of the chosen day; log for a past day.
public struct LogPainScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case score, day, time, sites, triggers, warnings, note, save, entries
    }

    /// How far back a past day can be logged.
    public static let maxDaysBack = 60

    public private(set) var focus: Field = .score
    public private(set) var score: Int?
    public private(set) var day: CalendarDate
    public private(set) var time: TextField
    public private(set) var sites: [PainSite: BodySide] = [:]
    public private(set) var triggers: Set<PainTrigger> = []
    public private(set) var warnings: Set<String> = []
    public private(set) var note: TextField
    /// The entry being edited, or nil for a new one.
    public private(set) var editingID: Int64?
    public private(set) var error: String?
    public private(set) var confirmingDelete: Int64?
    public private(set) var dirty = false
    var siteCursor = 0
    var triggerCursor = 0
    var warningCursor = 0
    var entryCursor = 0
    var lastKeyWasOne = false

    public init(_ ctx: ScreenContext) {
        day = ctx.today
        time = TextField(ctx.snapshot.clock.time.description, maxLength: 5, placeholder: "HH:MM")
        note = TextField("", maxLength: PainEntry.noteLimit, placeholder: "optional")
    }

    public var title: String { editingID == nil ? "Log pain" : "Edit pain entry" }
    public var capturesText: Bool { focus == .time || focus == .note }
    public var hasUnsavedChanges: Bool { dirty }

    public func hints(_ ctx: ScreenContext) -> [KeyHint] {
        var h = [KeyHint("Enter", "save"), KeyHint("Tab", "next field")]
        switch focus {
        case .score: h.insert(KeyHint("0-10 \(ctx.glyphs.left)\(ctx.glyphs.right)", "score"), at: 0)
        case .day: h.insert(KeyHint("\(ctx.glyphs.left)\(ctx.glyphs.right)", "change day"), at: 0)
        case .sites: h.insert(contentsOf: [KeyHint("Space", "tick"), KeyHint("\(ctx.glyphs.left)\(ctx.glyphs.right)", "side")], at: 0)
        case .triggers, .warnings: h.insert(KeyHint("Space", "tick"), at: 0)
        case .entries: h = [KeyHint("Enter", "edit"), KeyHint("d", "delete"), KeyHint("Tab", "next field")]
        default: break
        }
        return h
    }

    // MARK: Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        if let id = confirmingDelete {
            confirmingDelete = nil
            if key == .character("y") || key == .character("Y") { return .effects(.deletePain(id: id)) }
            return .stay
        }
        let wasOne = lastKeyWasOne
        lastKeyWasOne = false
        switch key {
        case .tab: move(1); return .stay
        case .backTab: move(-1); return .stay
        case .ctrl("s"): return save(ctx)
        case .enter where focus != .entries: return save(ctx)
        default: break
        }
        switch focus {
        case .score: return handleScore(key, wasOne: wasOne)
        case .day: return handleDay(key, ctx)
        case .time: return handleText(key, field: .time)
        case .note: return handleText(key, field: .note)
        case .sites:
            return handleList(key, cursor: \.siteCursor, count: PainSite.allCases.count) { me, i, k in
                let site = PainSite.allCases[i]
                switch k {
                case .character(" "), .character("x"):
                    me.sites[site] = me.sites[site] == nil ? .unspecified : nil
                case .right: me.sites[site] = Self.nextSide(me.sites[site], forward: true)
                case .left: me.sites[site] = Self.nextSide(me.sites[site], forward: false)
                default: return false
                }
                return true
            }
        case .triggers:
            return handleList(key, cursor: \.triggerCursor, count: PainTrigger.allCases.count) { me, i, k in
                guard k == .character(" ") || k == .character("x") else { return false }
                let t = PainTrigger.allCases[i]
                if me.triggers.contains(t) { me.triggers.remove(t) } else { me.triggers.insert(t) }
                return true
            }
        case .warnings:
            let signs = Self.signs(ctx)
            return handleList(key, cursor: \.warningCursor, count: signs.count) { me, i, k in
                guard k == .character(" ") || k == .character("x") else { return false }
                let id = signs[i].id
                if me.warnings.contains(id) { me.warnings.remove(id) } else { me.warnings.insert(id) }
                return true
            }
        case .save:
            switch key {
            case .up, .character("k"): move(-1)
            case .down, .character("j"): move(1)
            default: return .unhandled
            }
            return .stay
        case .entries:
            return handleEntries(key, ctx)
        }
    }

    private mutating func move(_ step: Int) {
        let all = Field.allCases
        focus = all[(focus.rawValue + step + all.count) % all.count]
        error = nil
    }

    private mutating func handleScore(_ key: Key, wasOne: Bool) -> Reaction {
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            let d = Int(String(c))!
            // "1" then "0" makes 10.
            score = wasOne && d == 0 ? 10 : d
            lastKeyWasOne = d == 1
        case .right, .character("l"), .character("+"): score = min(10, (score ?? -1) + 1)
        case .left, .character("h"), .character("-"): score = max(0, (score ?? 1) - 1)
        case .down, .character("j"): move(1); return .stay
        case .up, .character("k"): move(-1); return .stay
        default: return .unhandled
        }
        dirty = true
        error = nil
        return .stay
    }

    private mutating func handleDay(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        switch key {
        case .left, .character("h"), .character("-"):
            if ctx.today.days(until: day) > -Self.maxDaysBack { day = day.adding(days: -1) }
        case .right, .character("l"), .character("+"):
            if day < ctx.today { day = day.adding(days: 1) }
        case .character("t"): day = ctx.today
        case .down, .character("j"): move(1); return .stay
        case .up, .character("k"): move(-1); return .stay
        default: return .unhandled
        }
        entryCursor = 0
        if day != ctx.today, time.value == ctx.snapshot.clock.time.description { time.set("12:00") }
        return .stay
    }

    private mutating func handleText(_ key: Key, field: Field) -> Reaction {
        var f = field == .time ? time : note
        switch f.edit(key) {
        case .changed:
            if field == .time { time = f } else { note = f }
            dirty = true
            error = nil
        case .unchanged:
            if field == .time { time = f } else { note = f }
        case .refused(let reason):
            error = reason
        case .notEditing:
            switch key {
            case .up: move(-1)
            case .down: move(1)
            case .escape: return .unhandled
            default: break
            }
        }
        return .stay
    }

    /// Up and down move in the list and leave it at either end; `act` handles the rest.
    private mutating func handleList(_ key: Key, cursor: WritableKeyPath<LogPainScreen, Int>, count: Int,
                                     act: (inout LogPainScreen, Int, Key) -> Bool) -> Reaction {
        switch key {
        case .up, .character("k"):
            if self[keyPath: cursor] == 0 { move(-1) } else { self[keyPath: cursor] -= 1 }
        case .down, .character("j"):
            if self[keyPath: cursor] >= count - 1 { move(1) } else { self[keyPath: cursor] += 1 }
        case .home: self[keyPath: cursor] = 0
        case .end: self[keyPath: cursor] = max(0, count - 1)
        default:
            guard count > 0, act(&self, self[keyPath: cursor], key) else { return .unhandled }
            dirty = true
            error = nil
        }
        return .stay
    }

    private mutating func handleEntries(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let entries = ctx.snapshot.entries(on: day)
        switch key {
        case .up, .character("k"):
            if entryCursor == 0 { move(-1) } else { entryCursor -= 1 }
        case .down, .character("j"): entryCursor = min(max(0, entries.count - 1), entryCursor + 1)
        case .enter, .character("e"):
            guard entryCursor < entries.count else { return .stay }
            load(entries[entryCursor])
        case .character("d"), .delete:
            guard entryCursor < entries.count, let id = entries[entryCursor].id else { return .stay }
            confirmingDelete = id
        default: return .unhandled
        }
        return .stay
    }

    static func nextSide(_ side: BodySide?, forward: Bool) -> BodySide {
        let order: [BodySide] = [.unspecified, .left, .right, .both]
        guard let side, let i = order.firstIndex(of: side) else { return forward ? .left : .both }
        return order[(i + (forward ? 1 : order.count - 1)) % order.count]
    }

    static func signs(_ ctx: ScreenContext) -> [WarningSign] {
        guard let stage = ctx.patient?.stage else { return ctx.content.safety.signs }
        return ctx.content.safety.signs(for: stage)
    }

    /// Puts an existing entry into the form for editing.
    mutating func load(_ e: PainEntry) {
        editingID = e.id
        score = e.score
        day = e.date
        time.set(e.time.description)
        sites = Dictionary(e.sites.map { ($0.site, $0.side) }, uniquingKeysWith: { a, _ in a })
        triggers = Set(e.triggers)
        warnings = Set(e.warningSigns)
        note.set(e.note)
        focus = .score
        dirty = false
        error = nil
    }

    // MARK: Saving

    /// The entry the form describes, or the reason it cannot be saved.
    func entry(_ ctx: ScreenContext) -> Result<PainEntry, PortalError> {
        guard let score else { return .failure(.invalidInput("Choose a pain score from 0 to 10 first.")) }
        guard let t = TimeOfDay(time.value) else {
            return .failure(.invalidInput("“\(time.value)” is not a time. Use 24-hour HH:MM, for example 08:30."))
        }
        let orderedSites = PainSite.allCases.compactMap { s in sites[s].map { SiteSide(s, $0) } }
        let e = PainEntry(id: editingID, date: day, time: t, score: score, sites: orderedSites,
                          triggers: PainTrigger.allCases.filter(triggers.contains), note: note.value,
                          warningSigns: Self.signs(ctx).map(\.id).filter(warnings.contains))
        do {
            // Now, give or take the few seconds since the snapshot was read.
            let latest = ctx.snapshot.clock.latestEntry
            try e.validate(now: LocalDateTime(date: latest.date, time: TimeOfDay(minutes: latest.time.minutes + 2)))
        } catch let error as PortalError {
            return .failure(error)
        } catch {
            return .failure(.invalidInput("\(error)"))
        }
        return .success(e)
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        switch entry(ctx) {
        case .failure(let e):
            error = e.description
            focus = score == nil ? .score : (TimeOfDay(time.value) == nil ? .time : focus)
            return .stay
        case .success(let e):
            return .effects(editingID == nil ? .savePain(e) : .updatePain(e))
        }
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch effect {
        case .savePain, .updatePain:
            // Ready for the next entry on the same day; the saved one now shows in the list below.
            let keepDay = day
            self = LogPainScreen(ctx)
            day = keepDay
            if day != ctx.today { time.set("12:00") }
        case .deletePain(let id):
            if editingID == id { editingID = nil; dirty = true }
            entryCursor = max(0, min(entryCursor, ctx.snapshot.entries(on: day).count - 1))
        default: break
        }
        return .stay
    }
}
