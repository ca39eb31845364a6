import PortalCore

/// What the bladder diary and the bowel log share, written once: her entries one day at a time (in time order,
/// back as far as `BladderDiaryScreen.maxDaysBack`), a form whose time is typed and whose entry is checked by
/// its own rules, and how that form is drawn (a field a line, then its problem and its help).
protocol DayLogEntry {
    var id: Int64? { get }
    var date: CalendarDate { get }
    var time: TimeOfDay { get set }
    /// Throws a `PortalError` naming the field at fault (`BladderEvent.validate`, `BowelEntry.validate`).
    func validate(now: LocalDateTime) throws
}

extension BladderEvent: DayLogEntry {}
extension BowelEntry: DayLogEntry {}

enum DayLog {
    /// Her entries in the order of their day and time (the snapshot holds the last `PortalSnapshot.historyDays`
    /// days), and those of `day` alone when it is given.
    static func entries<E: DayLogEntry>(_ all: [E], on day: CalendarDate? = nil) -> [E] {
        let sorted = all.sorted { ($0.date, $0.time, $0.id ?? 0) < ($1.date, $1.time, $1.id ?? 0) }
        guard let day else { return sorted }
        return sorted.filter { $0.date == day }
    }

    /// The day `by` days from `day` when it can be shown and logged: not after today, not further back than
    /// `BladderDiaryScreen.maxDaysBack`; nil otherwise (the day stays).
    static func day(_ day: CalendarDate, movedBy by: Int, today: CalendarDate) -> CalendarDate? {
        let target = day.adding(days: by)
        guard target <= today, target.days(until: today) <= BladderDiaryScreen.maxDaysBack else { return nil }
        return target
    }

    /// The form's entry at the typed `time`, with its `details` filled in, checked by its own rules as of `now`;
    /// or the reason it cannot be saved.
    static func entry<E: DayLogEntry>(_ form: E?, time: String, now: LocalDateTime,
                                      details: (inout E) throws -> Void) -> Result<E, PortalError> {
        guard var e = form else { return .failure(.invalidInput("Nothing to save.")) }
        guard let t = TimeOfDay(time) else {
            return .failure(.invalidInput(TimeOfDay.notATime(time)))
        }
        e.time = t
        do {
            try details(&e)
            try e.validate(now: now)
        } catch {
            return .failure(error as? PortalError ?? .invalidInput("\(error)"))
        }
        return .success(e)
    }

    /// The form's fields from `row` on, one a line while there is room: the focus marker, the label padded to
    /// `labelWidth`, then the field's text box (`textField`, for the fields she types in) or its value in words
    /// (`value`, given the focus and the width left), highlighted when focused.
    static func drawFields<F: Equatable>(_ fields: [F], focused: F, labelWidth: Int, label: (F) -> String,
                                         textField: (F) -> TextField?, value: (F, _ focused: Bool, _ width: Int) -> String,
                                         glyphs g: Glyphs, into buffer: inout Buffer, area: Rect, row: inout Int) {
        for f in fields where row < area.height {
            let y = area.y + row
            let isFocused = f == focused
            var x = buffer.write(DisplayWidth.pad(isFocused ? g.selectionMarker : "", to: 2), x: area.x, y: y, clip: area)
            x = buffer.write(DisplayWidth.pad(label(f), to: labelWidth), x: x, y: y, style: .label, clip: area)
            let rest = Rect(x: x, y: y, width: max(0, area.maxX - x), height: 1)
            if var t = textField(f) {
                t.glyphs = g
                t.render(into: &buffer, area: rest, focused: isFocused)
            } else {
                let end = buffer.write(value(f, isFocused, rest.width), x: x, y: y, clip: area)
                if isFocused { buffer.highlight(Rect(x: x, y: y, width: end - x, height: 1), with: .selected) }
            }
            row += 1
        }
    }

    /// The form's end, after a blank line: the problem with what was typed, then how the form is used.
    static func drawEnd(error: String?, help: String, into buffer: inout Buffer, area: Rect, row: inout Int) {
        row += 1
        if let error {
            for line in Paragraph.lines("Problem: " + error, width: area.width) where row < area.height {
                buffer.line(line, area: area, row: row, style: .danger)
                row += 1
            }
        }
        for line in Paragraph.lines(help, width: area.width) where row < area.height {
            buffer.line(line, area: area, row: row, style: .muted)
            row += 1
        }
    }
}
