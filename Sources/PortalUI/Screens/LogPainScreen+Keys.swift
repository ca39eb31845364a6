import PortalCore

/// Log pain's keys: one table for every field, each binding active while its field has the focus. The
/// footer shows the focused field's keys, then Enter and Tab; help lists them all, field by field.
extension LogPainScreen {
    public func keyTable(_ ctx: ScreenContext) -> KeyTable<LogPainScreen> { keys(ctx, afterOne: (sinceOne ?? .infinity) <= Self.tenWindow) }

    /// `afterOne`: the key before was a "1" typed within `tenWindow`, so a "0" now makes 10; `lateOne`: it
    /// was a "1" typed longer ago, so a "0" is a new score, and the screen says so.
    func keys(_ ctx: ScreenContext, afterOne: Bool, lateOne: Bool = false) -> KeyTable<LogPainScreen> {
        let g = ctx.glyphs
        let lr = g.leftRightKeys
        let on = { (field: Field) in self.focus == field }
        let inList = on(.sites) || on(.triggers) || on(.warnings)
        let signs = Self.signs(ctx)
        // The day's entries: their keys work, and help lists them, only when the day has some.
        let hasEntries = !ctx.snapshot.entries(on: day).isEmpty
        let onEntries = on(.entries) && hasEntries
        // In a clinic an entry with warning signs stays as it is for her therapist: not offered, and said why.
        let chosen = ctx.snapshot.entries(on: day).dropFirst(entryCursor).first
        let kept = chosen?.keptForTherapist(ctx.snapshot.keepsWarningSigns) ?? false
        let entriesSection = hasEntries ? "Entries of the day" : nil
        let editEntry: (inout LogPainScreen, Key, ScreenContext) -> Reaction = { s, _, ctx in
            let entries = ctx.snapshot.entries(on: s.day)
            if s.entryCursor < entries.count { s.load(entries[s.entryCursor]) }
            return .stay
        }
        let deleteEntry: (inout LogPainScreen, Key, ScreenContext) -> Reaction = { s, _, ctx in
            let entries = ctx.snapshot.entries(on: s.day)
            if s.entryCursor < entries.count, let id = entries[s.entryCursor].id { s.confirmingDelete = id }
            return .stay
        }
        var keys: [KeyBinding<LogPainScreen>] = [
            // Score
            KeyBinding([], KeyHint("0-10 \(lr)", "score"), active: on(.score), section: "Pain score",
                       matching: { if case .character(let c) = $0 { return c.isASCII && c.isNumber } else { return false } }) { s, key, _ in
                guard case .character(let c) = key, let d = Int(String(c)) else { return .stay }
                // "1" then "0" typed together makes 10; typed apart, the "0" is a new score.
                s.setScore(afterOne && d == 0 ? 10 : d)
                if d == 0, afterOne { s.scoreNote = "10: you typed 1 then 0." }
                if d == 0, lateOne {
                    s.scoreNote = "0: a new score (the 1 was more than a second before). For 10, type 1 and 0 together."
                }
                if d == 1 { s.sinceOne = 0 }
                return .stay
            },
            KeyBinding([.right, .character("l"), .character("+")], KeyHint("\(g.right) l +", "one more"), footer: false,
                       active: on(.score), section: "Pain score") { s in s.setScore(min(10, (s.score ?? -1) + 1)) },
            KeyBinding([.left, .character("h"), .character("-")], KeyHint("\(g.left) h -", "one less"), footer: false,
                       active: on(.score), section: "Pain score") { s in s.setScore(max(0, (s.score ?? 1) - 1)) },
            // Day
            KeyBinding([.left, .character("h"), .character("-")], KeyHint(lr, "change day"), active: on(.day), section: "Day") { s, _, ctx in
                if ctx.today.days(until: s.day) > -Self.maxDaysBack { s.setDay(s.day.adding(days: -1), ctx) } else { s.setDay(s.day, ctx) }
                return .stay
            },
            KeyBinding([.right, .character("l"), .character("+")], nil, active: on(.day), section: "Day") { s, _, ctx in
                s.setDay(s.day < ctx.today ? s.day.adding(days: 1) : s.day, ctx)
                return .stay
            },
            KeyBinding([.character("t")], KeyHint("t", "today"), footer: false, active: on(.day), section: "Day") { s, _, ctx in
                s.setDay(ctx.today, ctx)
                return .stay
            },
            // Where, Worse with, Warning signs
            KeyBinding([.character(" "), .character("x")], KeyHint("Space", "tick"), active: inList && listCount(ctx) > 0,
                       section: "Where, worse with, signs") { s, _, ctx in
                switch s.focus {
                case .sites:
                    let site = PainSite.allCases[s.siteCursor]
                    s.sites[site] = s.sites[site] == nil ? .unspecified : nil
                case .triggers:
                    let t = PainTrigger.allCases[s.triggerCursor]
                    if s.triggers.contains(t) { s.triggers.remove(t) } else { s.triggers.insert(t) }
                default:
                    let id = signs[s.warningCursor].id
                    if s.warnings.contains(id) { s.warnings.remove(id) } else { s.warnings.insert(id) }
                }
                s.ticked()
                return .stay
            },
            KeyBinding([.right], KeyHint(lr, "side"), active: on(.sites), section: "Where, worse with, signs") { s in
                let site = PainSite.allCases[s.siteCursor]
                s.sites[site] = Self.nextSide(s.sites[site], forward: true)
                s.ticked()
            },
            KeyBinding([.left], nil, active: on(.sites), section: "Where, worse with, signs") { s in
                let site = PainSite.allCases[s.siteCursor]
                s.sites[site] = Self.nextSide(s.sites[site], forward: false)
                s.ticked()
            },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false, active: inList,
                       section: "Where, worse with, signs") { s, _, ctx in s.setListCursor(0, ctx); return .stay },
            KeyBinding([.end], nil, active: inList, section: "Where, worse with, signs") { s, _, ctx in
                s.setListCursor(max(0, s.listCount(ctx) - 1), ctx)
                return .stay
            },
            // Entries of the day
            KeyBinding([.enter, .character("e"), .character("d"), .delete], nil, active: onEntries && kept) { s, _, _ in
                s.keptNote = PainEntry.keptForTherapist
                return .stay
            },
            KeyBinding([.enter], KeyHint("Enter", "edit"), active: onEntries && !kept, section: entriesSection, action: editEntry),
            KeyBinding([.character("e")], KeyHint("e", "edit"), footer: false, active: onEntries && !kept, section: entriesSection, action: editEntry),
            KeyBinding([.character("d")], KeyHint("d", "delete"), active: onEntries && !kept, section: entriesSection, action: deleteEntry),
            KeyBinding([.delete], KeyHint("Delete", "delete"), footer: false, active: onEntries && !kept, section: entriesSection,
                       action: deleteEntry),
            // Every field
            KeyBinding([.enter], KeyHint("Enter", "save"), active: !onEntries) { s, _, ctx in s.save(ctx) },
            KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save"), footer: false) { s, _, ctx in s.save(ctx) },
            KeyBinding([.tab], KeyHint("Tab", "next field")) { $0.move(1) },
            KeyBinding([.backTab], KeyHint("Shift-Tab", "back a field"), footer: false) { $0.move(-1) },
            KeyBinding([.up], KeyHint(g.upDownKeys + (capturesText ? "" : " j k"), "up/down"), footer: false) { s, _, ctx in
                s.step(-1, ctx)
            },
            KeyBinding([.down], nil) { s, _, ctx in s.step(1, ctx) },
        ]
        // In the time and the note, j and k are letters.
        keys += [
            KeyBinding([.character("k")], nil, active: !capturesText) { s, _, ctx in s.step(-1, ctx) },
            KeyBinding([.character("j")], nil, active: !capturesText) { s, _, ctx in s.step(1, ctx) },
            // Last: in the time and the note every other key is the field's (letters, ← →, Backspace, a
            // paste); a key that edits nothing there is left to the app (Esc goes back, F1 opens help).
            KeyBinding([], KeyHint("typing", "edits the field"), footer: false, active: capturesText,
                       matching: { _ in true }) { s, key, _ in s.edit(key) },
        ]
        return KeyTable(keys)
    }

    private mutating func setScore(_ value: Int) {
        score = value
        dirty = true
        error = nil
    }

    /// The day changed (or a day key found it at its limit): the entries list starts at the top, and a past
    /// day starts at noon.
    private mutating func setDay(_ value: CalendarDate, _ ctx: ScreenContext) {
        day = value
        entryCursor = 0
        if day != ctx.today, time.value == ctx.snapshot.clock.time.description {
            timeFollowsClock = false
            time.set("12:00")
            timeNote = "moved to 12:00 for a past day"
        } else if day == ctx.today {
            timeNote = nil
        }
    }

    private mutating func ticked() {
        dirty = true
        error = nil
    }

    private func listCount(_ ctx: ScreenContext) -> Int {
        switch focus {
        case .sites: return PainSite.allCases.count
        case .triggers: return PainTrigger.allCases.count
        case .warnings: return Self.signs(ctx).count
        default: return 0
        }
    }

    private var listCursor: Int {
        switch focus {
        case .sites: return siteCursor
        case .triggers: return triggerCursor
        case .warnings: return warningCursor
        default: return 0
        }
    }

    private mutating func setListCursor(_ value: Int, _ ctx: ScreenContext) {
        switch focus {
        case .sites: siteCursor = value
        case .triggers: triggerCursor = value
        case .warnings: warningCursor = value
        default: break
        }
    }

    /// Up (-1) or down (1): within a list or the day's entries first, else to the field before or after.
    private mutating func step(_ by: Int, _ ctx: ScreenContext) -> Reaction {
        switch focus {
        case .sites, .triggers, .warnings:
            let cursor = listCursor, count = listCount(ctx)
            if by < 0 { if cursor == 0 { move(-1) } else { setListCursor(cursor - 1, ctx) } }
            else if cursor >= count - 1 { move(1) } else { setListCursor(cursor + 1, ctx) }
        case .entries:
            let count = ctx.snapshot.entries(on: day).count
            if by < 0 { if entryCursor == 0 { move(-1) } else { entryCursor -= 1 } }
            else { entryCursor = min(max(0, count - 1), entryCursor + 1) }
        default:
            move(by)
        }
        return .stay
    }

    private mutating func edit(_ key: Key) -> Reaction {
        var f = focus == .time ? time : note
        switch f.edit(key) {
        case .changed:
            if focus == .time { time = f; timeFollowsClock = false } else { note = f }
            dirty = true
            error = nil
        case .unchanged:
            if focus == .time { time = f } else { note = f }
        case .refused(let reason):
            error = reason
        case .notEditing:
            return .unhandled
        }
        return .stay
    }
}
