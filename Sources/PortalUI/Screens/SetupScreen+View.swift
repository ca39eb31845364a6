import PortalCore

extension SetupScreen {
    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        if let offer {
            for (row, line) in offerLines(offer, width: area.width).enumerated() where row < area.height {
                buffer.write(line.0, x: area.x, y: area.y + row, style: line.1, clip: area)
            }
            return
        }
        let top = topLines(width: area.width, glyphs: g)
        for (row, line) in top.enumerated() where row < area.height {
            buffer.write(line.0, x: area.x, y: area.y + row, style: line.1, clip: area)
        }
        let form = area.inset(top: top.count, left: 0, bottom: 0, right: 0)
        guard !form.isEmpty else { return }
        let all = rows
        let first = scrolled(height: form.height, previous: offset)
        for i in 0..<form.height where first + i < all.count {
            draw(all[first + i], ctx, into: &buffer, line: form.row(i))
        }
        // Say when fields are out of sight, where the row has room for it.
        if first > 0 { mark("\(g.up) more", on: form.row(0), into: &buffer) }
        if first + form.height < all.count { mark("\(g.down) more", on: form.row(form.height - 1), into: &buffer) }
    }

    func mark(_ text: String, on line: Rect, into buffer: inout Buffer) {
        let w = DisplayWidth.of(text)
        guard line.width > w + 2, (line.maxX - w - 2..<line.maxX).allSatisfy({ buffer[$0, line.y] == .blank }) else { return }
        buffer.write(text, x: line.maxX - w, y: line.y, style: .muted, clip: line)
    }

    func draw(_ row: Row, _ ctx: ScreenContext, into buffer: inout Buffer, line: Rect) {
        let g = ctx.glyphs
        let y = line.y
        let valueX = line.x + Self.labelWidth
        let valueArea = Rect(x: valueX, y: y, width: line.maxX - valueX, height: 1)
        func label(_ text: String, _ field: Field, marked: Bool = true) {
            let focused = marked && focus == field
            let style: Style = problem?.field == field ? .danger : .label
            buffer.write(focused ? g.selectionMarker : " ", x: line.x, y: y, style: .label, clip: line)
            buffer.write(DisplayWidth.truncate(text, to: Self.labelWidth - 3, ellipsis: g.ellipsis), x: line.x + 2, y: y,
                         style: style, clip: line)
        }
        func text(_ field: Field, _ label_: String, width: Int, after: String = "") {
            label(label_, field)
            guard let path = Self.textField(field) else { return }
            let w = min(width, valueArea.width)
            self[keyPath: path].render(into: &buffer, area: Rect(x: valueX, y: y, width: w, height: 1), focused: focus == field)
            if !after.isEmpty, valueArea.width - w - 2 >= DisplayWidth.of(after) {
                buffer.write(after, x: valueX + w + 2, y: y, style: .muted, clip: line)
            }
        }
        func choice(_ field: Field, _ options: [(String, Bool)]) {
            var x = valueX
            for (i, option) in options.enumerated() {
                if i > 0 { x += 3 }
                let start = x
                x = buffer.write((option.1 ? g.checkboxOn : g.checkboxOff) + " " + option.0, x: x, y: y,
                                 style: option.1 ? .bold : .plain, clip: line)
                if focus == field, option.1 { buffer.highlight(Rect(x: start, y: y, width: x - start, height: 1), with: .selected) }
            }
        }
        switch row {
        case .field(.name): text(.name, "Your name", width: 40)
        case .field(.stage):
            label("Stage", .stage)
            choice(.stage, [("Pregnant", pregnant), ("Postpartum", !pregnant)])
        case .field(.dueDate): text(.dueDate, "Due date", width: 12, after: "YYYY-MM-DD")
        case .field(.birthDate): text(.birthDate, "Birth date", width: 12, after: "YYYY-MM-DD")
        case .field(.delivery):
            label("Birth", .delivery)
            choice(.delivery, [("Vaginal", delivery == .vaginal), ("C-section", delivery == .cesarean)])
        case .field(.conditions), .conditionsHeading:
            label("Conditions", .conditions, marked: false)  // the marker goes on the condition itself
            buffer.write(DisplayWidth.truncate("what your therapist is treating", to: valueArea.width, ellipsis: g.ellipsis),
                         x: valueX, y: y, style: .muted, clip: line)
        case .condition(let i):
            let item = conditions.items[i]
            let current = focus == .conditions && conditions.cursor == i
            var x = line.x + 2
            x = buffer.write(DisplayWidth.pad(current ? g.selectionMarker : "", to: 2), x: x, y: y, clip: line)
            x = buffer.write((item.checked ? g.checkboxOn : g.checkboxOff) + " ", x: x, y: y, clip: line)
            buffer.write(DisplayWidth.truncate(item.text, to: line.maxX - x, ellipsis: g.ellipsis), x: x, y: y, clip: line)
            if current { buffer.highlight(Rect(x: line.x + 2, y: y, width: line.width - 2, height: 1), with: .selected) }
        case .field(.firstVisit):
            // Where there is room, say that a visit already past is recorded as completed.
            let long = "optional; a past one counts as done"
            text(.firstVisit, "First visit", width: 17, after: valueArea.width - 19 >= DisplayWidth.of(long) ? long : "optional")
        case .field(.therapist): text(.therapist, "Therapist", width: 40)
        case .clinicTherapist:
            label("Therapist", .therapist, marked: false)
            let name = clinicTherapist.map(PlainText.removingControls) ?? ""
            let shown = (name.isEmpty ? "Not added yet" : name)
            let x = buffer.write(DisplayWidth.truncate(shown, to: valueArea.width, ellipsis: g.ellipsis), x: valueX, y: y, clip: line)
            // Why it is not a field, where the row has room for it.
            let why = "as your clinic keeps it"
            if line.maxX - x - 2 >= DisplayWidth.of(why) { buffer.write(why, x: x + 2, y: y, style: .muted, clip: line) }
        case .field(.clinic): text(.clinic, "Clinic address", width: 60)
        case .field(.save):
            label("", .save)
            let x = buffer.write("[ Save ]", x: valueX, y: y, style: .bold, clip: line)
            if focus == .save { buffer.highlight(Rect(x: valueX, y: y, width: x - valueX, height: 1), with: .selected) }
            let note = "Enter, or Ctrl-S from any field"
            if line.maxX - x - 2 >= DisplayWidth.of(note) { buffer.write(note, x: x + 2, y: y, style: .muted, clip: line) }
        case .gap:
            break
        }
    }
}
