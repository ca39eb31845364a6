import PortalCore

/// Log a pain score with where it hurts, what made it worse, any warning signs and a note; see, edit and
/// delete the entries of the chosen day; log for a past day.
public struct LogPainScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case score, day, time, sites, triggers, warnings, note, save, entries
    }

    /// How far back a past day can be logged.
    public static let maxDaysBack = 60

    public internal(set) var focus: Field = .score
    public internal(set) var score: Int?
    public internal(set) var day: CalendarDate
    public internal(set) var time: TextField
    public internal(set) var sites: [PainSite: BodySide] = [:]
    public internal(set) var triggers: Set<PainTrigger> = []
    public internal(set) var warnings: Set<String> = []
    public internal(set) var note: TextField
    /// The entry being edited, or nil for a new one.
    public internal(set) var editingID: Int64?
    /// The entry being edited as the form read it: the change is saved only over that (QA H6).
    var original: PainEntry?
    /// True once she has been told the entry changed in another session since she opened it: the next save
    /// writes hers over it, as she was told it would.
    public internal(set) var replacing = false
    public internal(set) var error: String?
    public internal(set) var confirmingDelete: Int64?
    public internal(set) var dirty = false
    /// A new entry's time she has not typed follows the clock while the form stays open, so an entry saved at
    /// 14:32 from a form opened at 14:19 is saved at 14:32 (qa-f F12). Typing a time, choosing a past day or
    /// editing an entry fixes it.
    public internal(set) var timeFollowsClock = true
    /// Said beside the time when changing the day moved it (the current time belongs to today only).
    public internal(set) var timeNote: String?
    var siteCursor = 0
    var triggerCursor = 0
    var warningCursor = 0
    var entryCursor = 0
    /// Seconds since a "1" was typed for the score, nil when the last key was something else. Time comes in
    /// as ticks, so `handle` stays pure.
    var sinceOne: Double?
    /// What the last digit did when it could have been read two ways ("10", or "0" as a new score).
    public internal(set) var scoreNote: String?
    /// Why an entry with warning signs is not changed or deleted on her clinic login, until the next key.
    public internal(set) var keptNote: String?
    /// "1" then "0" within this many seconds is 10; slower, the "0" is a new score.
    public static let tenWindow = 1.0

    public init(_ ctx: ScreenContext) {
        day = ctx.today
        time = TextField(ctx.snapshot.clock.time.description, maxLength: 5, placeholder: "HH:MM")
        note = TextField("", maxLength: PainEntry.noteLimit, placeholder: "optional")
    }

    public var title: String { editingID == nil ? "Log pain" : "Edit pain entry" }
    public var capturesText: Bool { focus == .time || focus == .note }
    public var hasUnsavedChanges: Bool { dirty }

    // MARK: Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        if let id = confirmingDelete {
            confirmingDelete = nil
            if key == .character("y") || key == .character("Y") { return .effects(.deletePain(id: id)) }
            return .stay
        }
        time = shownTime(ctx)
        let one = sinceOne
        sinceOne = nil
        scoreNote = nil
        keptNote = nil
        let reaction = keys(ctx, afterOne: one.map { $0 <= Self.tenWindow } ?? false, lateOne: one.map { $0 > Self.tenWindow } ?? false)
            .handle(key, &self, ctx)
        // The note about a moved time stays while the patient is on the day or the time.
        if focus != .day, focus != .time { timeNote = nil }
        return reaction
    }

    public mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect] {
        // Counted only until the window has passed: from then on "late" is all that matters, and a state that
        // no longer changes lets the terminal stop redrawing an idle screen four times a second.
        if let one = sinceOne, one <= Self.tenWindow { sinceOne = one + seconds }
        return []
    }

    /// While the window for a 0 after a 1 (ten) is open.
    public var ticksQuickly: Bool { sinceOne.map { $0 <= Self.tenWindow } ?? false }

    mutating func move(_ step: Int) {
        let all = Field.allCases
        focus = all[(focus.rawValue + step + all.count) % all.count]
        error = nil
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

    /// The time field as it stands now: the clock's time while it follows the clock (`timeFollowsClock`).
    func shownTime(_ ctx: ScreenContext) -> TextField {
        guard timeFollowsClock, editingID == nil, day == ctx.today,
              time.value != ctx.snapshot.clock.time.description else { return time }
        var now = time
        now.set(ctx.snapshot.clock.time.description)
        return now
    }

    /// Puts an existing entry into the form for editing.
    mutating func load(_ e: PainEntry) {
        timeFollowsClock = false
        editingID = e.id
        original = e
        replacing = false
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
        guard let score else { return .failure(.invalidInput(field: .painScore, "Choose a pain score from 0 to 10 first.")) }
        let time = shownTime(ctx)
        guard let t = TimeOfDay(time.value) else {
            return .failure(.invalidInput(field: .painTime, TimeOfDay.notATime(time.value)))
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

    mutating func save(_ ctx: ScreenContext) -> Reaction {
        switch entry(ctx) {
        case .failure(let e):
            show(e)
            return .stay
        case .success(let e):
            return .effects(editingID == nil ? .savePain(e) : .updatePain(e, over: replacing ? nil : original))
        }
    }

    /// Shows `e` above the form and moves to the field it names.
    private mutating func show(_ e: PortalError) {
        error = e.description
        let fields: [PortalError.Field: Field] = [.painScore: .score, .painDate: .day, .painTime: .time, .painNote: .note]
        if let field = e.field.flatMap({ fields[$0] }) { focus = field }
    }

    /// The store refused the entry (the form checked it, but the clock moved on or another portal
    /// deleted it): the form keeps what was typed and shows why.
    public var shownProblem: String? { error }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        switch (effect, error) {
        case (.updatePain(let e, let expected), .rule(let message)) where e.id == editingID && expected != nil
            && message.hasPrefix(PainEntry.changedElsewhere):
            // Changed in another session since she opened it (the store checked): what it says now, and the
            // next Enter saves hers over it (QA H6).
            replacing = true
            self.error = message + Self.replaceHint
        case (.updatePain(let e, _), .notFound) where e.id == editingID:
            // Deleted meanwhile (another window, another portal): what she typed is kept, and Enter saves it as a
            // new entry, rather than the same refusal at every Enter (QA-i I14).
            editingID = nil
            dirty = true
            self.error = Self.deletedElsewhere
        case (.savePain, _), (.updatePain, _): show(error)
        default: break
        }
        return .stay
    }

    /// What the keys do once she is told the entry changed in another session.
    static let replaceHint = " Enter saves yours over it; Esc leaves it as it is now."

    /// What the form says when the entry she was changing was deleted meanwhile.
    static let deletedElsewhere = "This pain entry was deleted in another window. What you typed is still here: Enter saves it as a new entry; Esc leaves it."

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
