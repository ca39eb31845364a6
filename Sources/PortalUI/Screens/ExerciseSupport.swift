import PortalCore

/// What the exercise screens share: which week is in force, what changed in it, and whether an
/// exercise can be marked done today.
extension ScreenContext {
    /// True when `week` is the week in force today, the only one whose exercises can be marked done.
    func isCurrent(_ week: ProgramWeek) -> Bool { snapshot.currentWeek?.number == week.number }

    /// Sessions of `exerciseID` marked done today.
    func sessionsToday(_ exerciseID: String) -> Int {
        snapshot.log.sessions(on: today, exerciseID: exerciseID)
    }

    /// The prescription of `exerciseID` in this week's program, if it is in it.
    func currentPrescription(_ exerciseID: String) -> Prescription? {
        snapshot.currentWeek?.prescription(for: exerciseID)
    }

    /// What her stage holds `p` back by in `week` (`PrescriptionHolds`), judged today in the week under way
    /// and on its first day in a week to come; nil when it is not held back, or the week is over.
    func hold(_ p: Prescription, in week: ProgramWeek) -> PrescriptionHolds.Hold? {
        guard let day = PrescriptionHolds.shownDay(for: week, in: snapshot.program, today: today) else { return nil }
        return snapshot.holds.hold(p, in: week, on: day)
    }

    /// Why `p` waits, and what to do, in her words; nil when it does not.
    func holdText(_ p: Prescription, in week: ProgramWeek) -> String? {
        guard let patient, let hold = hold(p, in: week) else { return nil }
        return hold.text(exerciseName(p.exerciseID), for: patient)
    }
}

extension DoseChange {
    /// "NEW", "↑ more", "↓ eased", "changed": a word always, so colour is never the only sign.
    func label(_ g: Glyphs) -> String {
        switch self {
        case .new: return "NEW"
        case .more: return "\(g.up) more"
        case .eased: return "\(g.down) eased"
        case .changed, .dropped: return word
        }
    }
}

extension Buffer {
    /// Writes `text` cut to the room left in `area` with the terminal's own ellipsis (ASCII-safe).
    @discardableResult
    mutating func clipped(_ text: String, x: Int, y: Int, area: Rect, style: Style = .plain, glyphs: Glyphs) -> Int {
        let room = area.maxX - x
        guard room > 0, y >= area.y, y < area.maxY else { return x }
        return write(DisplayWidth.truncate(text, to: room, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, clip: area)
    }
}

/// A paragraph (`Paragraph`) cut to `maxRows`, the last row ending in an ellipsis when something was left out.
func wrappedRows(_ text: String, width: Int, maxRows: Int, glyphs: Glyphs) -> [String] {
    let width = Paragraph.width(width)
    guard width > 0, maxRows > 0 else { return [] }
    let rows = LineBreaker.lines(text, width: width)
    guard rows.count > maxRows else { return rows }
    // Re-wrap what is left for the last row a little narrower, so the ellipsis follows a whole word.
    let rest = rows[(maxRows - 1)...].joined(separator: " ")
    let room = max(1, width - DisplayWidth.of(glyphs.ellipsis))
    let last = (LineBreaker.lines(rest, width: room).first ?? "") + glyphs.ellipsis
    return Array(rows.prefix(maxRows - 1)) + [DisplayWidth.truncate(last, to: width, ellipsis: glyphs.ellipsis)]
}
