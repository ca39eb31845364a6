import PortalCore

/// "Reminders", under About me (`r`): the reminders she sets, one line a kind, and a small form for the one
/// chosen. ↑↓ choose; Enter sets or changes it (a time of day and the days for pain, exercises and the bladder
/// diary; how long before each visit for visits); `o` switches it off. The form checks what she typed by the
/// same rules as `portal remind set` (`ReminderSettings.set(_:from:days:)`), and says what is wrong under it.
///
/// In a clinic's portal (over ssh) there is no timer: it would run on the clinic's server, where no one sees it.
/// The screen says so, and keeps the daily reminders off there; visit reminders still go into the calendar
/// export as alarms.
public struct RemindersScreen: PortalScreen {
    public enum Field: Int, CaseIterable, Sendable {
        case when, days
    }

    /// The kind chosen, an index into `ReminderKind.allCases`.
    public internal(set) var selected = 0
    /// True while the form for the chosen kind is open.
    public internal(set) var editing = false
    public internal(set) var focus = Field.when
    public internal(set) var when = TextField("", maxLength: 40)
    public internal(set) var days = TextField("", maxLength: 40, placeholder: "every day")
    public internal(set) var problem: String?
    /// Set by the first change in the form, so leaving asks first.
    public internal(set) var edited = false

    public init() {}

    public var title: String { "Reminders" }
    public var capturesText: Bool { editing }
    public var hasUnsavedChanges: Bool { editing && edited }

    var kind: ReminderKind { ReminderKind.allCases[min(max(0, selected), ReminderKind.allCases.count - 1)] }

    static let labelWidth = 17

    /// Why the daily reminders are off in a clinic's portal.
    static let clinicText = ReminderKind.noTimerInClinic + " Visit reminders you set here go into your calendar export as alarms."
    static let homeText = "A timer on your computer gives them (portal remind install); portal today --brief "
        + "shows what is due in your shell. Nothing is set until you set it."

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<RemindersScreen> {
        let settable = kind.isSettable(inClinic: ctx.isClinic)
        return KeyTable([
            // The form.
            KeyBinding([.enter], KeyHint("Enter", "save"), active: editing) { s, _, ctx in s.save(ctx) },
            KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save"), footer: false, active: editing) { s, _, ctx in s.save(ctx) },
            KeyBinding([.escape], KeyHint("Esc", "cancel"), active: editing) { s in s.closeForm() },
            KeyBinding([.tab], KeyHint("Tab", "next field"), active: editing && kind.isDaily) { $0.move() },
            KeyBinding([.backTab], nil, active: editing && kind.isDaily) { $0.move() },
            KeyBinding([.up], nil, active: editing && kind.isDaily) { $0.move() },
            KeyBinding([.down], nil, active: editing && kind.isDaily) { $0.move() },
            KeyBinding([], KeyHint("typing", "edits the field (paste too)"), footer: false, active: editing,
                       matching: { _ in true }) { s, key, _ in s.edit(key) },
            // The list.
            KeyBinding([.up, .character("k")], KeyHint(ctx.glyphs.upDownKeys, "choose"), active: !editing) { $0.choose(-1) },
            KeyBinding([.down, .character("j")], nil, active: !editing) { $0.choose(1) },
            KeyBinding([.enter, .character("s")], KeyHint("Enter", "set or change"), active: !editing && settable) { s, _, ctx in
                s.openForm(ctx)
                return .stay
            },
            KeyBinding([.character("o")], KeyHint("o", "switch off"),
                       active: !editing && ctx.snapshot.record.reminderSettings.isSet(kind)) { s, _, ctx in
                var settings = ctx.snapshot.record.reminderSettings
                settings.turnOff(s.kind)
                return .effects(.saveReminders(settings))
            },
        ])
    }

    // MARK: Keys

    private mutating func choose(_ step: Int) {
        let n = ReminderKind.allCases.count
        selected = (selected + step + n) % n
    }

    private mutating func move() {
        focus = focus == .when ? .days : .when
    }

    /// The form for the chosen kind, filled in with what is set (or a suggestion to change).
    private mutating func openForm(_ ctx: ScreenContext) {
        let settings = ctx.snapshot.record.reminderSettings
        if let daily = settings.daily[kind] {
            when.set(daily.time.description)
            days.set(daily.days == DailyReminder.everyDay ? "" : daily.daysList)
        } else if kind == .visits {
            when.set(settings.visitOffsets.map(\.description).joined(separator: ","))
            days.set("")
        } else {
            when.set("")
            days.set("")
        }
        focus = .when
        problem = nil
        edited = false
        editing = true
    }

    private mutating func closeForm() {
        editing = false
        problem = nil
        edited = false
    }

    private mutating func edit(_ key: Key) -> Reaction {
        let path: WritableKeyPath<RemindersScreen, TextField> = focus == .when || !kind.isDaily ? \.when : \.days
        switch self[keyPath: path].edit(key) {
        case .changed:
            edited = true
            problem = nil
        case .unchanged: break
        case .refused(let reason): problem = reason
        case .notEditing: return .unhandled
        }
        return .stay
    }

    /// Her settings with the form's change, or what is wrong (by the command line's own rules).
    func changed(_ ctx: ScreenContext) -> Result<ReminderSettings, PortalError> {
        var settings = ctx.snapshot.record.reminderSettings
        let whenText = when.value.trimmingCharacters(in: .whitespaces)
        let daysText = days.value.trimmingCharacters(in: .whitespaces)
        do {
            let values = kind.isDaily ? [whenText] : whenText.split(separator: " ").map(String.init)
            try settings.set(kind, from: values.isEmpty ? [""] : values, days: kind.isDaily && !daysText.isEmpty ? daysText : nil,
                             inClinic: ctx.isClinic)
            return .success(settings)
        } catch let error as PortalError {
            return .failure(error)
        } catch {
            return .failure(.invalidInput("\(error)"))
        }
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        switch changed(ctx) {
        case .success(let settings):
            problem = nil
            return .effects(.saveReminders(settings))
        case .failure(let error):
            problem = error.description
            focus = error.field == .reminderDays ? .days : .when
            return .stay
        }
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        if case .saveReminders = effect { closeForm() }
        return .stay
    }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        if case .saveReminders = effect, editing { problem = error.description }
        return .stay
    }

    // MARK: View

    /// "20:00 every day", "24h before, 2h before", "off"; in a clinic's portal a daily one says it is off there.
    static func summary(_ kind: ReminderKind, _ ctx: ScreenContext) -> String {
        if !kind.isSettable(inClinic: ctx.isClinic) { return "off here (no timer in the clinic)" }
        return ctx.snapshot.record.reminderSettings.summary(kind)
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        var row = 0
        func next() -> Rect? {
            defer { row += 1 }
            return row < area.height ? area.row(row) : nil
        }
        func paragraph(_ text: String, style: Style, limit: Int) {
            for line in Paragraph.lines(text, width: area.width).prefix(limit) {
                guard let r = next() else { return }
                buffer.write(line, x: r.x, y: r.y, style: style, clip: r)
            }
        }
        // The form takes the rows it needs at the bottom; the explanation gives way first on a short screen.
        let formRows = editing ? (kind.isDaily ? 5 : 4) + (problem == nil ? 0 : 3) : 0
        let listRows = ReminderKind.allCases.count + 1
        let room = max(1, area.height - formRows - listRows)
        // Whole or not at all: a sentence cut off part-way says less than none (the form open at 60×18).
        let intro = ctx.isClinic ? Self.clinicText : Self.homeText
        if Paragraph.lines(intro, width: area.width).count <= room - 1 {
            paragraph(intro, style: ctx.isClinic ? .warning : .muted, limit: room - 1)
            _ = next()
        }
        for (i, k) in ReminderKind.allCases.enumerated() {
            guard let r = next() else { return }
            let chosen = i == selected
            buffer.write(chosen ? g.selectionMarker : " ", x: r.x, y: r.y, style: .label, clip: r)
            buffer.write(k.title, x: r.x + 2, y: r.y, style: chosen ? .bold : .label, clip: r)
            let value = Rect(x: r.x + Self.labelWidth, y: r.y, width: max(0, r.width - Self.labelWidth), height: 1)
            let text = DisplayWidth.truncate(Self.summary(k, ctx), to: value.width, ellipsis: g.ellipsis)
            buffer.write(text, x: value.x, y: value.y, style: Self.summary(k, ctx) == "off" ? .muted : .plain, clip: value)
            if chosen, !editing { buffer.highlight(Rect(x: r.x, y: r.y, width: r.width, height: 1), with: .selected) }
        }
        guard editing else { return }
        _ = next()
        func field(_ name: String, _ f: TextField, _ which: Field, after: String) {
            guard let r = next() else { return }
            let focused = focus == which
            buffer.write(focused ? g.selectionMarker : " ", x: r.x, y: r.y, style: .label, clip: r)
            buffer.write(name, x: r.x + 2, y: r.y, style: focused ? Style(bold: true, reverse: true) : .label, clip: r)
            let value = Rect(x: r.x + Self.labelWidth, y: r.y, width: max(0, min(18, r.width - Self.labelWidth)), height: 1)
            var shown = f
            if !focused { shown.home() }
            shown.render(into: &buffer, area: value, focused: focused)
            let x = value.x + value.width + 2
            if x + DisplayWidth.of(after) <= r.x + r.width { buffer.write(after, x: x, y: r.y, style: .muted, clip: r) }
        }
        if kind.isDaily {
            field("Time", when, .when, after: "HH:MM, 24-hour")
            field("Days", days, .days, after: "mon,wed,fri; empty: every day")
        } else {
            field("Before visits", when, .when, after: "24h, 2h, 30m or 2d; commas")
        }
        if let r = next() {
            let help = "Enter saves · Esc cancels"
            buffer.write(DisplayWidth.truncate(help, to: r.width, ellipsis: g.ellipsis), x: r.x, y: r.y, style: .muted, clip: r)
        }
        guard let problem else { return }
        for line in Paragraph.lines("Problem: " + problem, width: area.width).prefix(3) {
            guard let r = next() else { return }
            buffer.write(line, x: r.x, y: r.y, style: .danger, clip: r)
        }
    }
}
