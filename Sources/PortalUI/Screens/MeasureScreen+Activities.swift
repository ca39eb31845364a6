import PortalCore

/// The activities page of an activity-based measure (PSFS): a row per activity, her words then her rating.
/// Tab or Enter moves from the words to the rating and on to the next row (to its rating when it is named
/// already, as the activities she named before are: she rates them one after the other); ↓ past the last row
/// adds one (while fewer than the most the measure takes are named or rated); Ctrl-S saves. On the rating,
/// ← → or a digit set it ("1" then "0" is 10).
extension MeasureScreen {
    func activityKeys(_ m: Measure, _ ctx: ScreenContext) -> KeyTable<MeasureScreen> {
        let g = ctx.glyphs
        var keys: [KeyBinding<MeasureScreen>] = [
            KeyBinding([.ctrl("s")], KeyHint("Ctrl-S", "save")) { s, _, ctx in s.finish(m, ctx) },
            KeyBinding([.tab, .enter], KeyHint("Tab", onRating ? "next activity" : "rate it")) { s in s.nextField(m) },
            KeyBinding([.backTab], KeyHint("Shift-Tab", "back"), footer: false) { s in s.previousField() },
            KeyBinding([.up], KeyHint(g.upDownKeys, "activity")) { s in s.moveRow(-1, m) },
            KeyBinding([.down], nil) { s in s.moveRow(1, m) },
        ]
        if onRating {
            let a = m.activities
            keys += [
                KeyBinding([.left, .right], KeyHint(g.leftRightKeys + " 0-9", "rate")) { s, key, _ in
                    s.step(key == .right ? 1 : -1, a)
                    return .stay
                },
                KeyBinding([], nil, matching: { if case .character(let c) = $0 { return c.isASCII && c.isNumber }; return false }) { s, key, _ in
                    if case .character(let c) = key, let d = Int(String(c)) { s.type(d, a) }
                    return .stay
                },
                KeyBinding([.backspace, .delete], nil) { s in s.rows[s.row].rating = nil },
            ]
        } else {
            // Every other key is the field's (letters, digits, ← →, Backspace, a paste), except Esc.
            keys.append(KeyBinding([], KeyHint("typing", "names the activity"), footer: false,
                                   matching: { _ in true }) { s, key, _ in s.editName(key) })
        }
        return KeyTable(keys)
    }

    private mutating func nextField(_ m: Measure) {
        error = nil
        if !onRating { onRating = true; return }
        if row + 1 < rows.count {
            row += 1
            // A named row (one she named before) is rated next; an empty one is named first.
            onRating = !rows[row].name.value.isEmpty
        } else if mayAddRow(m) {
            addRow(m)
        }
    }

    private mutating func previousField() {
        error = nil
        if onRating { onRating = false; return }
        if row > 0 { row -= 1; onRating = true }
    }

    private mutating func moveRow(_ step: Int, _ m: Measure) {
        error = nil
        let target = row + step
        if target >= rows.count {
            if mayAddRow(m) { addRow(m) }
            return
        }
        row = max(0, target)
        // A row with no name yet takes its name first.
        if rows[row].name.value.isEmpty { onRating = false }
    }

    /// Past the last row, a new one: when the last is named and fewer activities than the most the measure
    /// takes are named or rated (an activity named before and not rated this time does not count).
    func mayAddRow(_ m: Measure) -> Bool {
        guard let max = m.activities?.max, let last = rows.last, !last.name.value.isEmpty else { return false }
        return rows.filter(\.counts).count < max
    }

    private mutating func addRow(_ m: Measure) {
        rows.append(ActivityRow(name: TextField("", maxLength: m.activities?.textLimit ?? 60, placeholder: "an activity you find hard"), rating: nil))
        row = rows.count - 1
        onRating = false
    }

    /// ← → on the rating: from nothing, → starts at the bottom and ← at the top.
    private mutating func step(_ by: Int, _ a: Measure.Activities?) {
        guard let a else { return }
        let current = rows[row].rating ?? (by > 0 ? a.from - 1 : a.to + 1)
        rows[row].rating = min(a.to, max(a.from, current + by))
        error = nil
    }

    /// A digit on the rating: the digit, except "0" just after "1", which makes 10.
    private mutating func type(_ digit: Int, _ a: Measure.Activities?) {
        guard let a else { return }
        let value = digit == 0 && rows[row].rating == 1 && a.to >= 10 ? 10 : digit
        guard (a.from...a.to).contains(value) else { return }
        rows[row].rating = value
        error = nil
    }

    private mutating func editName(_ key: Key) -> Reaction {
        var field = rows[row].name
        switch field.edit(key) {
        case .changed:
            rows[row].name = field
            error = nil
        case .unchanged:
            rows[row].name = field
        case .refused(let reason):
            error = reason
        case .notEditing:
            return .unhandled  // left to the app: Esc goes back, F1 opens help
        }
        return .stay
    }
}
