import PortalCore

/// The set-up form for a new patient: name, pregnant or postpartum (with the due date, or the birth date
/// and how the baby was born), the conditions being treated, the first visit if it is booked, therapist
/// and clinic. Tab and Shift-Tab move between fields; Enter on Save or Ctrl-S anywhere checks the form
/// and, when it is complete, asks the runtime to set the portal up. A problem is shown at the top in
/// words and the field at fault gets the focus. The same form, with the same checks, changes "About me"
/// (`SetupScreen(editing:)`) and records the baby's arrival (`SetupScreen(birthOf:)`): see SetupScreen+Edit.
public struct SetupScreen: PortalScreen {
    /// What the form is for.
    public enum Mode: Sendable, Hashable {
        /// A new patient.
        case setUp
        /// Changing the patient's details.
        case edit
        /// Only the birth date and the type of birth: she is postpartum from now on.
        case birth
    }

    public enum Field: Sendable, Hashable, CaseIterable {
        case name, stage, dueDate, birthDate, delivery, conditions, firstVisit, therapist, clinic, save
    }

    /// What is wrong with the form, and where.
    public struct Problem: Error, Sendable, Equatable {
        public var field: Field
        public var message: String
    }

    /// One row of the form as drawn; the form scrolls by these.
    enum Row: Equatable {
        case field(Field)
        case conditionsHeading
        case condition(Int)
        /// Her therapist as her clinic names her, to read, not to change (`clinicTherapist`).
        case clinicTherapist
        case gap
    }

    public internal(set) var name = TextField(maxLength: 80)
    public internal(set) var pregnant = true
    public internal(set) var dueDate = TextField(maxLength: 10)
    public internal(set) var birthDate = TextField(maxLength: 10)
    /// How the baby was born: nobody's answer until she gives it (the C-section's longer wait before some
    /// exercises hangs on it), so a postpartum form is not saved until one is chosen.
    public internal(set) var delivery: Delivery?
    public internal(set) var conditions = Checklist(items: Condition.allCases.map { ChecklistItem($0.title) })
    public internal(set) var firstVisit = TextField(maxLength: 16, placeholder: "YYYY-MM-DD HH:MM")
    public internal(set) var therapist = TextField(maxLength: 80, placeholder: "optional")
    public internal(set) var clinic = TextField(maxLength: 120, placeholder: "optional")
    public internal(set) var focus = Field.name
    public internal(set) var problem: Problem?
    /// Set by the first change, so leaving asks first.
    public internal(set) var edited = false
    /// The first form row shown.
    var offset = 0
    public internal(set) var mode = Mode.setUp
    /// After a change of "About me" is saved: the program it would bring, while asking whether to take it.
    public internal(set) var offer: ProfileChange?
    /// The patient as she was before the change (editing and the birth), to tell what the change brings.
    var original: Patient?
    /// True once she has been told her details changed in another session since the form opened (QA H6): the
    /// next save writes hers over them, as she was told it would.
    public internal(set) var replacing = false
    /// In a clinic, her therapist's name as the clinic keeps it (clinic change 26), shown in place of the
    /// therapist field: a name she typed there would never be shown, so the form does not offer to change it,
    /// and her details keep what they said. Nil on a file of her own, where the therapist is hers to write.
    public internal(set) var clinicTherapist: String?

    static let labelWidth = 17

    public init() {}

    public var title: String {
        switch mode {
        case .setUp: return "Set up"
        case .edit: return "Change my details"
        case .birth: return "Record the birth"
        }
    }
    public var capturesText: Bool { offer == nil && Self.textField(focus) != nil }
    public var hasUnsavedChanges: Bool { edited && offer == nil }

    /// The fields in order for the stage chosen (the first visit only at set-up).
    public var fields: [Field] {
        if mode == .birth { return [.birthDate, .delivery, .save] }
        return [.name, .stage] + (pregnant ? [.dueDate] : [.birthDate, .delivery]) + [.conditions]
            + (mode == .setUp ? [.firstVisit] : []) + (clinicTherapist == nil ? [.therapist] : []) + [.clinic, .save]
    }

    static func textField(_ field: Field) -> WritableKeyPath<SetupScreen, TextField>? {
        switch field {
        case .name: return \.name
        case .dueDate: return \.dueDate
        case .birthDate: return \.birthDate
        case .firstVisit: return \.firstVisit
        case .therapist: return \.therapist
        case .clinic: return \.clinic
        case .stage, .delivery, .conditions, .save: return nil
        }
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<SetupScreen> {
        if offer != nil { return offerKeys }
        let g = ctx.glyphs
        let typing = Self.textField(focus) != nil
        let choosing = focus == .stage || focus == .delivery
        let inConditions = focus == .conditions
        let up: (inout SetupScreen) -> Void = { s in
            if s.focus == .conditions, let i = s.offered.lastIndex(where: { $0 < s.conditions.cursor }) { s.conditions.cursor = i } else { s.move(-1) }
        }
        let down: (inout SetupScreen) -> Void = { s in
            if s.focus == .conditions, let i = s.offered.first(where: { $0 > s.conditions.cursor }) { s.conditions.cursor = i } else { s.move(1) }
        }
        let back = KeyHint("Shift-Tab", "back a field")
        return KeyTable([
            KeyBinding([.left, .character("h")], KeyHint(g.leftRightKeys, "choose"), active: choosing) { s in
                if s.focus == .stage { s.setPregnant(true) } else { s.setDelivery(.vaginal) }
            },
            KeyBinding([.right, .character("l")], nil, active: choosing) { s in
                if s.focus == .stage { s.setPregnant(false) } else { s.setDelivery(.cesarean) }
            },
            KeyBinding([.character(" "), .character("x")], KeyHint("Space", "tick"), active: inConditions) { s in
                s.conditions.toggle()
                s.changed(.conditions)
            },
            KeyBinding([.character(" ")], KeyHint("Space", "switch"), footer: false, active: choosing) { s in
                if s.focus == .stage { s.setPregnant(!s.pregnant) } else { s.setDelivery(s.delivery == .cesarean ? .vaginal : .cesarean) }
            },
            KeyBinding([.up], .move(g), footer: inConditions, up),
            KeyBinding([.character("k")], nil, active: !typing, up),
            KeyBinding([.down], nil, down),
            KeyBinding([.character("j")], nil, active: !typing, down),
            KeyBinding([.enter], KeyHint("Enter", "save"), active: focus == .save) { s, _, ctx in s.submit(ctx) },
            KeyBinding([.enter], KeyHint("Enter", "next field"), footer: false, active: focus != .save) { $0.move(1) },
            KeyBinding([.tab], KeyHint("Tab", "next field")) { $0.move(1, wrapping: true) },
            KeyBinding([.backTab], back, footer: typing) { $0.move(-1, wrapping: true) },
            KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save"), footer: focus != .save) { s, _, ctx in s.submit(ctx) },
            // Listed again so the footer keeps its place after Ctrl-S on these fields.
            KeyBinding([.backTab], back, footer: choosing || focus == .save) { $0.move(-1, wrapping: true) },
            KeyBinding([.home], KeyHint("Home/End", "first/last condition"), footer: false, active: inConditions) { $0.conditions.cursor = $0.offered.first ?? 0 },
            KeyBinding([.end], nil, active: inConditions) { $0.conditions.cursor = $0.offered.last ?? 0 },
            // Last: in a text field every other key is the field's (letters, ← →, Backspace, a paste).
            KeyBinding([], KeyHint("typing", "edits the field (paste too)"), footer: false, active: typing,
                       matching: { _ in true }) { s, key, _ in s.edit(key) },
        ])
    }

    // MARK: Keys

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let reaction = keyTable(ctx).handle(key, &self, ctx)
        scrollToFocus(in: ctx.area)
        return reaction
    }

    private mutating func edit(_ key: Key) -> Reaction {
        guard let path = Self.textField(focus) else { return .unhandled }
        switch self[keyPath: path].edit(key) {
        case .changed: changed(focus)
        case .unchanged: break
        case .refused(let reason): problem = Problem(field: focus, message: reason)
        case .notEditing: return .unhandled
        }
        return .stay
    }

    /// Moves the focus `by` fields. Tab goes round from Save to the name; the arrows stop at the ends.
    /// Arriving in the conditions from below puts the cursor on the last one, from above on the first.
    private mutating func move(_ by: Int, wrapping: Bool = false) {
        let list = fields
        guard let i = list.firstIndex(of: focus) else { focus = .name; return }
        var j = i + by
        if wrapping { j = (j + list.count) % list.count } else { j = min(max(0, j), list.count - 1) }
        focus = list[j]
        if focus == .conditions, !wrapping { conditions.cursor = (by < 0 ? offered.last : offered.first) ?? 0 }
        if focus == .conditions, !offered.contains(conditions.cursor) { conditions.cursor = offered.first ?? 0 }
    }

    private mutating func setPregnant(_ value: Bool) {
        guard value != pregnant else { return }
        pregnant = value
        keepCursorOnOffered()
        changed(.stage)
    }

    private mutating func setDelivery(_ value: Delivery) {
        guard value != delivery else { return }
        delivery = value
        keepCursorOnOffered()
        changed(.delivery)
    }

    /// The indexes (in `Condition.allCases`, as `conditions.items`) of the conditions the form offers at the
    /// stage chosen: those that go with it (`Condition.offered`, the rule set-up and `portal profile` refuse the
    /// others by). One she ticked that no longer fits stays ticked but hidden, and is not saved; it comes back
    /// with the stage it goes with. The save says which it took off her list (`ProfileChange.takenOff`).
    var offered: [Int] {
        Condition.offered(pregnant: pregnant, delivery: pregnant ? nil : delivery).compactMap { Condition.allCases.firstIndex(of: $0) }
    }

    /// The cursor stays on a condition the form offers.
    private mutating func keepCursorOnOffered() {
        if !offered.contains(conditions.cursor) { conditions.cursor = offered.last(where: { $0 < conditions.cursor }) ?? offered.first ?? 0 }
    }

    /// A field changed: the form now holds something worth keeping, and a problem about that field is
    /// out of date (a stage change makes a date problem out of date too).
    private mutating func changed(_ field: Field) {
        edited = true
        guard let p = problem else { return }
        if p.field == field || (field == .stage && [.dueDate, .birthDate, .delivery].contains(p.field)) { problem = nil }
    }

    // MARK: Drawing

    var rows: [Row] {
        var rows: [Row] = []
        for field in fields {
            switch field {
            case .conditions: rows += [.conditionsHeading] + offered.map(Row.condition)
            case .clinic where clinicTherapist != nil: rows += [.clinicTherapist, .field(.clinic)]
            case .save: rows += [.gap, .field(.save)]
            default: rows.append(.field(field))
            }
        }
        return rows
    }

    /// The row that has the focus: for the conditions, the one under the cursor.
    var focusRow: Int {
        let target: Row = focus == .conditions ? .condition(conditions.cursor) : .field(focus)
        return rows.firstIndex(of: target) ?? 0
    }

    /// The rows above the form: a problem (up to three lines) or a one-line introduction, then a blank.
    func topLines(width: Int, glyphs: Glyphs) -> [(String, Style)] {
        guard width > 0 else { return [] }
        if let problem {
            // Told her details changed elsewhere (QA H6), what the keys do next is said whole, on lines of its own
            // after what they say now, which gives way first: up to five lines then.
            let hint = replacing && problem.message.hasSuffix(Self.replaceHint) ? Self.replaceHint.trimmingCharacters(in: .whitespaces) : nil
            let said = hint.map { _ in String(problem.message.dropLast(Self.replaceHint.count)) } ?? problem.message
            let text = said.hasPrefix("Please") ? said : "Problem: " + said
            let tail = hint.map { Paragraph.lines($0, width: width) } ?? []
            let room = (hint == nil ? 3 : 5) - tail.count
            var lines = Paragraph.lines(text, width: width)
            if lines.count > room {
                lines = Array(lines.prefix(max(1, room)))
                lines[lines.count - 1] = DisplayWidth.truncate(lines[lines.count - 1] + glyphs.ellipsis, to: width, ellipsis: glyphs.ellipsis)
            }
            return (lines + tail).map { ($0, .danger) } + [("", .plain)]
        }
        let intro = introText
        return [(DisplayWidth.truncate(intro, to: width, ellipsis: glyphs.ellipsis), .muted), ("", .plain)]
    }

    /// The first form row to show so the focus is in view; the first condition brings its heading, Save
    /// the blank line above it.
    func scrolled(height: Int, previous: Int) -> Int {
        let all = rows
        let target = focusRow
        var first = ListView.scrollOffset(selected: target, count: all.count, height: height, previous: previous)
        if target > 0, all[target - 1] == .conditionsHeading || all[target - 1] == .gap, height > 1 {
            first = min(first, target - 1)
        }
        return first
    }

    private mutating func scrollToFocus(in size: Size) {
        let formHeight = size.height - topLines(width: size.width, glyphs: .ascii).count
        offset = scrolled(height: max(1, formHeight), previous: offset)
    }
}
