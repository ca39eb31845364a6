import PortalCore

/// Books a visit, or moves a booked one: the date, the time, in person or by video, and the address or link.
/// Tab and Shift-Tab move between the fields; Enter or Ctrl-S checks the form by the care plan's rules (the
/// same ones the store applies) and asks the runtime to save; once saved the screen goes back to the visit.
/// A problem is shown under the form in words, and the field at fault gets the focus. Opened with an
/// `outcome` (completed or missed), the same form records a visit that already happened, at a past time.
public struct VisitBookingScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case date, time, mode, place
    }

    /// The visit being booked, 1 to 6.
    public let number: Int
    public internal(set) var focus = Field.date
    public internal(set) var date: TextField
    public internal(set) var time: TextField
    public internal(set) var mode: VisitMode
    /// What the place field held for the other mode.
    var otherPlace: String
    public internal(set) var place: TextField
    public internal(set) var problem: String?
    /// Set by the first change, so leaving asks first.
    public internal(set) var edited = false
    /// True when the visit was booked already: the form moves it.
    public let moving: Bool
    /// Completed or missed when the form records a past visit; nil when it books one.
    public let outcome: VisitStatus?
    /// The visit as the form read it when it opened: a save goes through only while it is still so
    /// (`Effect.saveVisit(_:over:)`), unless she chose to save over a change made elsewhere (`replacing`).
    public let original: Visit?
    /// True once she was told the visit changed in the meantime: the next save replaces it.
    public internal(set) var replacing = false

    static let labelWidth = 14

    /// The form for visit `number`, filled in with its booking (when it is booked), mode and place.
    public init(number: Int, _ ctx: ScreenContext, recording outcome: VisitStatus? = nil) {
        let number = min(max(1, number), Visit.planSize)
        self.number = number
        self.outcome = outcome
        let visit = ctx.snapshot.plan?.visits.first { $0.number == number }
        original = visit
        // A past visit is most often recorded at the time it was booked for.
        let start = visit?.status == .booked || (outcome != nil && visit?.status != .toSchedule) ? visit?.start : nil
        // The format is written beside each field, so an empty one stays empty.
        date = TextField(start?.date.description ?? "", maxLength: 10)
        time = TextField(start?.time.description ?? "", maxLength: 5)
        moving = outcome == nil && start != nil
        mode = visit?.mode ?? .inPerson
        place = TextField(visit?.location ?? "", maxLength: Visit.locationLimit, placeholder: "optional")
        // The other mode's place: the clinic's address for a visit in person, no link yet for a video one.
        otherPlace = mode == .virtual ? (ctx.patient?.clinic ?? "") : ""
    }

    public var title: String { "\(verb) visit \(number)" }

    var verb: String {
        switch outcome {
        case .completed?: return "Record completed"
        case .some: return "Record missed"
        case nil: return moving ? "Move" : "Book"
        }
    }
    public var capturesText: Bool { focus != .mode }
    public var hasUnsavedChanges: Bool { edited }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<VisitBookingScreen> {
        let onMode = focus == .mode
        return KeyTable([
            KeyBinding([.left, .character("h")], KeyHint(ctx.glyphs.leftRightKeys, "choose"), active: onMode) { $0.setMode(.inPerson) },
            KeyBinding([.right, .character("l")], nil, active: onMode) { $0.setMode(.virtual) },
            KeyBinding([.character(" ")], KeyHint("Space", "switch in person / video"), footer: false, active: onMode) { s in
                s.setMode(s.mode == .inPerson ? .virtual : .inPerson)
            },
            KeyBinding([.enter], KeyHint("Enter", "save")) { s, _, ctx in s.save(ctx) },
            KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save"), footer: false) { s, _, ctx in s.save(ctx) },
            KeyBinding([.tab], KeyHint("Tab", "next field")) { $0.move(1) },
            KeyBinding([.backTab], KeyHint("Shift-Tab", "back a field"), footer: !onMode) { $0.move(-1) },
            KeyBinding([.up], KeyHint(ctx.glyphs.upDownKeys, "previous/next field"), footer: false) { $0.move(-1) },
            KeyBinding([.down], nil) { $0.move(1) },
            KeyBinding([.character("k")], nil, active: onMode) { $0.move(-1) },
            KeyBinding([.character("j")], nil, active: onMode) { $0.move(1) },
            // Last: in a text field every other key is the field's (letters, ← →, Backspace, a paste).
            KeyBinding([], KeyHint("typing", "edits the field (paste too)"), footer: false, active: !onMode,
                       matching: { _ in true }) { s, key, _ in s.edit(key) },
        ])
    }

    private mutating func edit(_ key: Key) -> Reaction {
        guard let path = Self.textField(focus) else { return .unhandled }
        switch self[keyPath: path].edit(key) {
        case .changed: changed()
        case .unchanged: break
        case .refused(let reason): problem = reason
        case .notEditing: return .unhandled
        }
        return .stay
    }

    func visit(_ ctx: ScreenContext) -> Visit? {
        ctx.snapshot.plan?.visits.first { $0.number == number }
    }

    // MARK: Keys

    static func textField(_ field: Field) -> WritableKeyPath<VisitBookingScreen, TextField>? {
        switch field {
        case .date: return \.date
        case .time: return \.time
        case .place: return \.place
        case .mode: return nil
        }
    }

    /// Tab goes round from the place back to the date.
    private mutating func move(_ step: Int) {
        let all = Field.allCases
        focus = all[(focus.rawValue + step + all.count) % all.count]
    }

    /// Switching between in person and virtual swaps the place too, so an address never ends up under
    /// "Video link"; switching back brings the first one back.
    private mutating func setMode(_ value: VisitMode) {
        guard value != mode else { return }
        mode = value
        let current = place.value
        place.set(otherPlace)
        otherPlace = current
        changed()
    }

    private mutating func changed() {
        edited = true
        problem = nil
    }

    // MARK: Checking and saving

    /// The visit as the form books it, or what is wrong and which field to fix. Checks the date and time
    /// the patient typed, then the plan's rules: PortalCore's booking (not in the past, within a year, not a
    /// completed visit), then the store's rule for a changed visit (`StoreRules.checkVisitChange`: its own
    /// checks, plain text, a secure video link, its order and overlap with the other visits).
    func booked(_ ctx: ScreenContext) -> Result<Visit, Problem> {
        guard let visit = visit(ctx), let plan = ctx.snapshot.plan else {
            return .failure(Problem(field: nil, message: "Visit \(number) is not in your care plan yet."))
        }
        let example = ctx.today.adding(days: outcome == nil ? 7 : -7)
        let dateText = date.value.trimmingCharacters(in: .whitespaces)
        guard let day = CalendarDate(dateText) else {
            let message = dateText.isEmpty ? "Enter the date as YYYY-MM-DD, for example \(example)."
                : "“\(dateText)” is not a date. Use YYYY-MM-DD, for example \(example)."
            return .failure(Problem(field: .date, message: message))
        }
        let timeText = time.value.trimmingCharacters(in: .whitespaces)
        guard let start = TimeOfDay(timeText) else {
            let message = timeText.isEmpty ? "Enter the time as 24-hour HH:MM, for example 09:30."
                : TimeOfDay.notATime(timeText, example: "09:30")
            return .failure(Problem(field: .time, message: message))
        }
        do {
            return .success(try checked(LocalDateTime(date: day, time: start), visit, plan, ctx))
        } catch let error as PortalError where error.field == .visitLocation {
            return .failure(Problem(field: .place, message: error.description))
        } catch {
            return .failure(Problem(field: fieldAtFault(on: day, ctx), message: "\(error)"))
        }
    }

    /// The visit at `at` with the form's mode and place, by the plan's rules, or why not.
    private func checked(_ at: LocalDateTime, _ visit: Visit, _ plan: CarePlan, _ ctx: ScreenContext) throws -> Visit {
        let location = place.value.trimmingCharacters(in: .whitespaces)
        var v: Visit
        if let outcome {
            v = try visit.recording(outcome, at: at, now: ctx.snapshot.clock.now)
            v.mode = mode
            v.location = location
        } else {
            v = try visit.booking(at: at, mode: mode, location: location, now: ctx.snapshot.clock.now)
        }
        // The store's own rule for a changed visit: the form refuses exactly what the store would.
        try StoreRules.checkVisitChange(v, stored: plan.visits, zone: ctx.snapshot.clock.zone)
        return v
    }

    /// Where to fix a start the rules refused on `day`: the time when another time that day would pass them
    /// (a time taken, skipped by the clocks, or already gone today), else the date (a day too far off, or out
    /// of the visits' order). Every 5 minutes of the day is tried; a problem with the place does not count here.
    func fieldAtFault(on day: CalendarDate, _ ctx: ScreenContext) -> Field {
        guard let visit = visit(ctx), let plan = ctx.snapshot.plan else { return .date }
        let anotherTimeFits = stride(from: 0, to: 24 * 60, by: 5).contains { minutes in
            do {
                _ = try checked(LocalDateTime(date: day, time: TimeOfDay(minutes: minutes)), visit, plan, ctx)
                return true
            } catch let error as PortalError where error.field == .visitLocation {
                return true
            } catch {
                return false
            }
        }
        return anotherTimeFits ? .time : .date
    }

    public struct Problem: Error, Sendable, Equatable {
        /// The field to fix; nil when there is no visit to book.
        public var field: Field?
        public var message: String
    }

    /// What she is told when the visit changed since the form opened, and what each key then does.
    static func changedMeanwhile(_ now: Visit) -> String { now.changedMeanwhile + replaceHint }
    static let replaceHint = " Enter saves yours over it; Esc leaves it as it is now."

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        // Booked, moved or recorded elsewhere since the form opened (the snapshot has it): asked first (QA G4).
        if !replacing, let now = visit(ctx), now != original {
            replacing = true
            problem = Self.changedMeanwhile(now)
            return .stay
        }
        switch booked(ctx) {
        case .success(let v):
            problem = nil
            return .effects(.saveVisit(v, over: replacing ? nil : original))
        case .failure(let p):
            problem = p.message
            if let field = p.field { focus = field }
            return .stay
        }
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .saveVisit(let v, _) = effect, v.number == number { return .pop }
        return .stay
    }

    public var shownProblem: String? { problem }

    /// The store refused the booking (another portal took the time since the form checked it): the form
    /// stays, with the reason under it and the focus on the field the error names.
    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        guard case .saveVisit(let v, let expected) = effect, v.number == number else { return .stay }
        // Changed elsewhere between her last look and the save (the store checked): asked, as above.
        if expected != nil, case .rule(let message) = error, message.hasPrefix("Visit \(number) was changed in the meantime") {
            replacing = true
            problem = message + Self.replaceHint
            return .stay
        }
        problem = error.description
        if error.field == .visitLocation {
            focus = .place
        } else if let day = CalendarDate(date.value.trimmingCharacters(in: .whitespaces)) {
            focus = fieldAtFault(on: day, ctx)
        } else {
            focus = .date
        }
        return .stay
    }

    // MARK: View

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        guard let visit = visit(ctx) else {
            buffer.line("Visit \(number) is not in \(ctx.viewer.words.your) care plan yet.", area: area, row: 0)
            return
        }
        var row = 0
        func next() -> Rect? {
            defer { row += 1 }
            return row < area.height ? area.row(row) : nil
        }
        if let r = next() {
            let heading = "\(verb) visit \(visit.number) of \(Visit.planSize) · \(visit.kind.title)"
            buffer.write(DisplayWidth.truncate(heading, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .title, clip: r)
        }
        if let r = next() {
            let now = moving ? "Booked now: " + VisitDetailScreen.whenText(visit) : VisitDetailScreen.whenText(visit)
            buffer.write(DisplayWidth.truncate(now, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .muted, clip: r)
        }
        _ = next()

        func label(_ text: String, _ field: Field, on r: Rect) -> Rect {
            let focused = focus == field
            buffer.write(focused ? g.selectionMarker : " ", x: r.x, y: r.y, style: .label, clip: r)
            buffer.write(text, x: r.x + 2, y: r.y, style: focused ? Style(bold: true, reverse: true) : .label, clip: r)
            return Rect(x: r.x + Self.labelWidth, y: r.y, width: max(0, r.width - Self.labelWidth), height: 1)
        }
        func text(_ field: Field, _ name: String, width: Int, after: String) {
            guard let r = next(), let path = Self.textField(field) else { return }
            let value = label(name, field, on: r)
            let w = min(width, value.width)
            // A field without the focus shows its beginning (a long address), not the end where the cursor is.
            var f = self[keyPath: path]
            if focus != field { f.home() }
            f.render(into: &buffer, area: Rect(x: value.x, y: value.y, width: w, height: 1), focused: focus == field)
            if !after.isEmpty, value.width - w - 2 >= DisplayWidth.of(after) {
                buffer.write(after, x: value.x + w + 2, y: value.y, style: .muted, clip: r)
            }
        }
        text(.date, "Date", width: 12, after: "YYYY-MM-DD")
        text(.time, "Time", width: 7, after: "HH:MM, 24-hour")
        if let r = next() {
            var x = label("How", .mode, on: r).x
            for (i, option) in VisitMode.allCases.enumerated() {
                if i > 0 { x += 3 }
                let start = x
                let chosen = option == mode
                x = buffer.write((chosen ? g.checkboxOn : g.checkboxOff) + " " + option.title, x: x, y: r.y,
                                 style: chosen ? .bold : .plain, clip: r)
                if focus == .mode, chosen { buffer.highlight(Rect(x: start, y: r.y, width: x - start, height: 1), with: .selected) }
            }
        }
        text(.place, mode == .inPerson ? "Address" : "Video link", width: 60, after: "")
        _ = next()
        if let r = next() {
            let help = "Enter or Ctrl-S saves · Esc goes back without saving"
            buffer.write(DisplayWidth.truncate(help, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .muted, clip: r)
        }
        guard let problem else { return }
        _ = next()
        for line in Paragraph.lines("Problem: " + problem, width: area.width).prefix(4) {
            guard let r = next() else { return }
            buffer.write(line, x: r.x, y: r.y, style: .danger, clip: r)
        }
    }
}
