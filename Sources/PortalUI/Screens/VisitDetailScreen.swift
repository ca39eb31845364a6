import PortalCore

/// One visit in full: what kind it is, where it stands, when and for how long, how it happens (the clinic's
/// address or the video link), the therapist, what it is for and, once it is done, the therapist's notes.
/// Scrolls when it does not fit; ←/→ (or [ and ]) step to the previous or next visit. `b` books the visit
/// (or moves it), `c` marks a booked visit that has started as completed, `x` cancels a booked visit after
/// asking, `m` marks it missed. A visit never booked here (it happened before she had the portal) is recorded
/// with `c` or `m` through a short form that takes the past date and time. On her own clinic login her care
/// team records how a visit went (the database refuses it to her): `c` and `m` are not offered, and say so.
/// Whoever records visits (`Viewer.may(.visitRecords)`: her therapist on the chart, or the patient on her own
/// file) writes the visit's notes with `n`: Ctrl-S saves them, Esc leaves them as they were; while she writes, the
/// footer names only the keys that work then, and so does it while a change is asked.
/// Each change is made by PortalCore's rules; when one says no, its words show under the page.
public struct VisitDetailScreen: PortalScreen {
    /// The visit shown, 1 to 6.
    public private(set) var number: Int
    /// The first row shown. Kept within the page by `handle`; `view` clamps it again after a resize.
    public internal(set) var offset = 0
    /// Why the last key could not change the visit, shown under the page until the next key.
    public internal(set) var problem: String?
    /// True while asking whether a booked visit whose time has passed was missed.
    public internal(set) var confirmingMissed = false
    /// True while asking whether to cancel the visit.
    public internal(set) var confirmingCancel = false
    /// Marking a visit completed cannot be undone here, so it is asked first too.
    public internal(set) var confirmingComplete = false
    /// The visit's notes while they are being written (`n`); nil otherwise.
    public internal(set) var notes: TextArea?

    public init(number: Int) {
        self.number = min(max(1, number), Visit.planSize)
    }

    public var title: String { "Visit \(number)" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }
    public var capturesText: Bool { notes != nil }
    public var hasUnsavedChanges: Bool { notes != nil }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<VisitDetailScreen> {
        let g = ctx.glyphs
        // While she writes the notes only the writing keys act, and the footer and help say only those.
        if notes != nil {
            return KeyTable([
                KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save"), helpHint: KeyHint("Ctrl-S", "save the notes")) { s, key, ctx in
                    s.editNotes(key, ctx)
                },
                KeyBinding([.escape], KeyHint("Esc", "cancel"), helpHint: KeyHint("Esc", "leave the notes as they were")) { s, key, ctx in
                    s.editNotes(key, ctx)
                },
                KeyBinding([.enter], KeyHint("Enter", "new line")) { s, key, ctx in s.editNotes(key, ctx) },
                KeyBinding([.up, .down], KeyHint(g.upDownKeys, "lines")) { s, key, ctx in s.editNotes(key, ctx) },
                KeyBinding([], KeyHint("typing", "writes the notes (paste too)"), footer: false, matching: { _ in true }) { s, key, ctx in
                    s.editNotes(key, ctx)
                },
            ])
        }
        // While a change is asked, y makes it and any other key keeps the visit as it is.
        if let verb = confirmingCancel ? "cancel it" : confirmingComplete ? "completed" : confirmingMissed ? "missed" : nil {
            return KeyTable([
                KeyBinding([.character("y"), .character("Y")], KeyHint("y", verb)) { s, key, ctx in s.answer(key, ctx) },
                KeyBinding([.escape], KeyHint("Esc", "keep it"), helpHint: KeyHint("any other key", "keep it"),
                           matching: { _ in true }) { s, key, ctx in s.answer(key, ctx) },
            ])
        }
        let visit = visit(ctx)
        let open = visit.map { $0.status != .completed } ?? false
        // The footer and help offer only the changes PortalCore would make now; the keys answer either way (a
        // binding without a hint says why not).
        let records = ctx.may(.visitRecords)
        // On her own clinic login a visit her therapist recorded (completed or missed) stays as recorded.
        let hers = records || !(visit?.status.isRecorded ?? false)
        let completable = records && open && (visit?.status != .booked || visit.flatMap { try? $0.completing(now: ctx.snapshot.clock.now) } != nil)
        let cancellable = hers && visit.flatMap { try? $0.cancelling() } != nil
        let missable = records && open && (visit?.status != .booked || visit.flatMap { try? $0.missing(now: ctx.snapshot.clock.now) } != nil)
        let change: (inout VisitDetailScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in
            switch key {
            case .character("b"): return s.book(ctx)
            case .character("c"): return s.askToComplete(ctx)
            case .character("m"): return s.askToMiss(ctx)
            default: return s.askToCancel(ctx)
            }
        }
        return KeyTable([
            // In the footer on her therapist's chart, where writing them is the work, first (at 60 columns the last hints give way); in help on her own file.
            KeyBinding([.character("n")], KeyHint("n", "notes"), footer: ctx.viewer.isTherapist, active: records && visit != nil) { s, _, ctx in
                guard let visit = s.visit(ctx) else { return .stay }
                s.notes = TextArea(visit.notes, maxLength: Visit.notesLimit, placeholder: "What was done, and what comes next")
                s.notes?.end()
                return .stay
            },
            KeyBinding([.character("b")], KeyHint("b", visit?.status == .booked ? "move" : "book"), active: open && hers, action: change),
            KeyBinding([.character("c")], KeyHint("c", "completed"), active: completable, action: change),
            KeyBinding([.character("m")], KeyHint("m", "missed"), active: missable, action: change),
            KeyBinding([.character("x")], KeyHint("x", "cancel"), active: cancellable, action: change),
            KeyBinding([.character("b"), .character("c"), .character("m"), .character("x")], nil, action: change),
            KeyBinding([.left, .character("[")], KeyHint(g.leftRightKeys, "other visits")) { s in
                if s.number > 1 { s.number -= 1; s.offset = 0 }
            },
            KeyBinding([.right, .character("]")], nil) { s in
                if s.number < Visit.planSize { s.number += 1; s.offset = 0 }
            },
        ] + ScrollingPage.keys(g, for: self, ctx, offset: \.offset, pageInFooter: true) { s, ctx in
            Self.page(ctx, number: s.number, width: ctx.area.width)
        })
    }

    func visit(_ ctx: ScreenContext) -> Visit? {
        ctx.snapshot.plan?.visits.first { $0.number == number }
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        problem = nil
        return keyTable(ctx).handle(key, &self, ctx)
    }

    /// The answer to the question asked: y makes the change, any other key keeps the visit as it is.
    private mutating func answer(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let (completing, missing) = (confirmingComplete, confirmingMissed)
        confirmingCancel = false
        confirmingComplete = false
        confirmingMissed = false
        guard key == .character("y") || key == .character("Y"), let visit = visit(ctx) else { return .stay }
        let now = ctx.snapshot.clock.now
        if missing { return change { try visit.missing(now: now) } }
        return completing ? change { try visit.completing(now: now) } : change { try visit.cancelling() }
    }

    private mutating func book(_ ctx: ScreenContext) -> Reaction {
        guard let visit = visit(ctx) else { return .unhandled }
        if !ctx.may(.visitRecords), visit.status.isRecorded {
            problem = Visit.recordedStays(visit)
            return .stay
        }
        let now = ctx.snapshot.clock.now
        do {
            // Asks PortalCore whether this visit can be booked at all (a completed one keeps its date).
            _ = try visit.booking(at: now, now: now)
        } catch {
            problem = "\(error)"
            return .stay
        }
        return .push(.visitBooking(VisitBookingScreen(number: number, ctx)))
    }

    private mutating func askToComplete(_ ctx: ScreenContext) -> Reaction {
        guard let visit = visit(ctx) else { return .unhandled }
        guard ctx.may(.visitRecords) else {
            problem = Visit.recordedByCareTeam
            return .stay
        }
        if visit.status == .completed {
            problem = "Visit \(number) is completed; it keeps its date and status."
            return .stay
        }
        // Never booked here (or cancelled, or missed): say when it took place.
        guard visit.status == .booked else { return .push(.visitBooking(VisitBookingScreen(number: number, ctx, recording: .completed))) }
        do {
            _ = try visit.completing(now: ctx.snapshot.clock.now)
            confirmingComplete = true
        } catch {
            problem = "\(error)"
        }
        return .stay
    }

    private mutating func askToMiss(_ ctx: ScreenContext) -> Reaction {
        guard let visit = visit(ctx) else { return .unhandled }
        guard ctx.may(.visitRecords) else {
            problem = Visit.recordedByCareTeam
            return .stay
        }
        if visit.status == .completed {
            problem = "Visit \(number) is completed; it keeps its date and status."
            return .stay
        }
        guard visit.status == .booked else { return .push(.visitBooking(VisitBookingScreen(number: number, ctx, recording: .missed))) }
        do {
            _ = try visit.missing(now: ctx.snapshot.clock.now)
            confirmingMissed = true
        } catch {
            problem = "\(error)"
        }
        return .stay
    }

    private mutating func askToCancel(_ ctx: ScreenContext) -> Reaction {
        guard let visit = visit(ctx) else { return .unhandled }
        if !ctx.may(.visitRecords), visit.status.isRecorded {
            problem = Visit.recordedStays(visit)
            return .stay
        }
        do {
            _ = try visit.cancelling()
            confirmingCancel = true
        } catch {
            problem = "\(error)"
        }
        return .stay
    }

    /// The notes being written: Ctrl-S saves them (checked as the store checks them), Esc drops the change,
    /// Enter starts a new line, ↑/↓ move between lines; every other key edits.
    private mutating func editNotes(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        guard var area = notes else { return .stay }
        let width = max(10, ctx.area.width)
        switch key {
        case .escape:
            notes = nil
            return .stay
        case .ctrl("s"):
            guard var visit = visit(ctx) else { notes = nil; return .stay }
            visit.notes = area.value
            do {
                try PlainText.check(visit.notes, field: "The notes", as: .visitNotes, maxLength: Visit.notesLimit)
            } catch {
                problem = "\(error)"
                return .stay
            }
            return .effects(.saveVisitNotes(visit))
        case .enter: area.newline()
        case .up: area.moveUp(width: width)
        case .down: area.moveDown(width: width)
        default:
            switch area.edit(key) {
            case .refused(let reason): problem = reason
            case .notEditing: return .unhandled  // F1 (help) and the app's other keys
            case .changed, .unchanged: break
            }
        }
        notes = area
        return .stay
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .saveVisitNotes = effect { notes = nil }
        return .stay
    }

    /// Saves the visit `make` returns, or shows why it cannot be changed.
    private mutating func change(_ make: () throws -> Visit) -> Reaction {
        do {
            return .effects(.saveVisit(try make()))
        } catch {
            problem = "\(error)"
            return .stay
        }
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        var area = area
        if let notes {
            // The notes being written take the lower part, under a heading; the page stays above while it fits.
            let rows = max(3, min(area.height / 2, 10))
            let (page, editor) = area.splitBottom(min(area.height, rows + 1))
            // The keys that work while she writes are in the footer (`keyTable`).
            buffer.line("Notes for visit \(number)", area: editor, row: 0, style: .bold)
            notes.render(into: &buffer, area: editor.inset(top: 1, left: 0, bottom: 0, right: 0), focused: true)
            area = page
            if area.height <= 0 { return }
        }
        // A question or a problem takes the rows at the bottom, under a blank row.
        var lines: [(String, Style)] = []
        if confirmingCancel {
            lines = Paragraph.lines("Cancel visit \(number)? y = cancel, any other key = keep", width: area.width).map { ($0, .warning) }
        } else if confirmingComplete {
            lines = Paragraph.lines("Mark visit \(number) as completed? It cannot be undone. y = completed, any other key = not yet",
                                      width: area.width).map { ($0, .warning) }
        } else if confirmingMissed {
            lines = Paragraph.lines("Record visit \(number) as missed? y = missed, any other key = keep it booked",
                                      width: area.width).map { ($0, .warning) }
        } else if let problem {
            lines = Paragraph.lines("Problem: " + problem, width: area.width).map { ($0, .danger) }
        }
        lines = Array(lines.prefix(max(0, min(3, area.height - 2))))
        let (pageArea, bottom) = lines.isEmpty ? (area, Rect(x: area.x, y: area.maxY, width: area.width, height: 0))
            : area.splitBottom(lines.count + 1)
        // While she writes the notes ↑↓ move in them: the page above does not scroll then, and does not say it does.
        Self.page(ctx, number: number, width: area.width).draw(offset: offset, into: &buffer, area: pageArea, glyphs: ctx.glyphs, scrolls: notes == nil)
        for (i, line) in lines.enumerated() {
            buffer.line(line.0, area: bottom, row: i + 1, style: line.1)
        }
    }

    // MARK: Content

    static let labelWidth = 11

    /// The whole page for visit `number` at `width`.
    static func page(_ ctx: ScreenContext, number: Int, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        // Her therapist reads it on her chart: about her, and nothing of what the clinic will do for her.
        let words = ctx.viewer.words
        guard let visit = ctx.snapshot.plan?.visits.first(where: { $0.number == number }) else {
            page.text(words.say(you: "Visit \(number) is not in your care plan yet. Your clinic sets up your six visits.", she: "Visit \(number) is not in her care plan yet."))
            return page
        }
        page.text("Visit \(visit.number) of \(Visit.planSize) · \(visit.kind.title)", style: .title)
        page.blank()
        page.labelled("Status", statusText(visit, ctx), labelWidth: labelWidth)
        page.labelled("When", whenText(visit), labelWidth: labelWidth)
        switch visit.mode {
        case .inPerson:
            page.labelled("How", "In person, at the clinic", labelWidth: labelWidth)
            page.labelled("Where", visit.location.isEmpty ? words.say(you: "Your clinic will confirm the address.", she: "No address yet.") : visit.location,
                          labelWidth: labelWidth)
        case .virtual:
            page.labelled("How", "Virtual: a video call", labelWidth: labelWidth)
            page.labelled("Link", visit.location.isEmpty ? words.say(you: "Your clinic will send the link.", she: "No link yet.") : visit.location,
                          labelWidth: labelWidth)
        }
        if !visit.therapist.isEmpty { page.labelled("Therapist", visit.therapist, labelWidth: labelWidth) }
        if !visit.focus.isEmpty {
            page.blank()
            page.text("What this visit is for", style: .label)
            page.text(visit.focus)
        }
        if visit.status == .completed || !visit.notes.isEmpty {
            page.blank()
            page.text(words.say(you: "Notes from your therapist", she: "Notes for her"), style: .label)
            if visit.notes.isEmpty {
                page.text("No notes were added for this visit.", style: .muted)
            } else {
                // Each line the therapist wrote stays a line of its own.
                for paragraph in visit.notes.split(separator: "\n", omittingEmptySubsequences: true) {
                    page.text(String(paragraph))
                }
            }
        }
        return page
    }

    /// "[ ] Booked · your next visit, in 6 days", "[✓] Completed", "[ ] To schedule · your clinic will book a time".
    static func statusText(_ visit: Visit, _ ctx: ScreenContext) -> String {
        let box = visit.status == .completed ? ctx.glyphs.checkboxOn : ctx.glyphs.checkboxOff
        var text = "\(box) \(visit.status.title)"
        switch visit.status {
        case .booked:
            guard visit.start != nil else { break }
            guard !visit.hasEnded(at: ctx.snapshot.clock.now) else {
                // Its time has passed and nobody has said how it went.
                text += ctx.may(.visitRecords) ? " · the time has passed: c if it took place, m if it was missed"
                    : " · the time has passed: your therapist will record how it went"
                break
            }
            let countdown = visit.countdown(from: ctx.snapshot.clock.now)
            text += ctx.snapshot.nextVisit?.number == visit.number ? " · \(ctx.viewer.words.your) next visit, \(countdown)" : " · \(countdown)"
        case .toSchedule:
            text += ctx.viewer.words.say(you: " · your clinic will book a time with you", she: "")
        case .completed, .cancelled, .missed:
            break
        }
        return text
    }

    /// "Thu 3 Dec 2026 at 10:15 · 45 min", or "Not scheduled yet · 45 min".
    static func whenText(_ visit: Visit) -> String {
        let length = "\(visit.durationMinutes) min"
        guard let start = visit.start else { return "Not scheduled yet · \(length)" }
        return "\(start.date.shortText) \(start.date.year) at \(start.time) · \(length)"
    }
}
