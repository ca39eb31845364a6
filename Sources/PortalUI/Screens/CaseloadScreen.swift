import PortalCore

/// A therapist's caseload: one patient to a row, those whose safety needs her (an unreviewed warning sign, high
/// pain, a record that could not be read: `CaseloadReason.isUrgent`) under "Urgent", each marked "!", then the
/// others who need her first with why in words (`CaseloadRow`, the rule `portal clinic patients` prints by too),
/// then everyone else. The "!" and the group say the same thing: every row under "Urgent" has it, no other row
/// does. `/` searches by name or login as she types; Enter opens the patient's chart (`Effect.openChart`; the
/// runtime answers with her record and the app shows her Home above this screen).
///
///     3 patients · 1 urgent · 1 needs you first
///
///     Urgent
///     › ! Jordan Lee  jordan · 24 weeks pregnant · pain 7/10 today · exercises 62%
///         warning sign not reviewed: Bleeding from the vagina (yesterday)
///
///     Need you first
///         Ana Lima  ana · 30 weeks pregnant · pain 3/10 Mon 23 Nov · no program this week
///         nothing logged for 9 days (last on Wed 18 Nov)
///
///     Everyone else
///         Bea Cruz  bea · 6 weeks after birth · pain 2/10 today · exercises 90%
public struct CaseloadScreen: PortalScreen {
    /// The selected patient, counted over the patients shown (the search's matches).
    public internal(set) var selected = 0
    /// True while she types a search: letters go to it, not to the keys.
    public internal(set) var searching = false
    public internal(set) var search = TextField(maxLength: 80, placeholder: "a name or login")
    /// A one-off answer to the last key, cleared by the next.
    public internal(set) var notice: String?

    public init() {}

    public var title: String { "Caseload" }
    public var capturesText: Bool { searching }

    /// The patients shown, in the caseload's order: those the search finds.
    func shown(_ ctx: ScreenContext) -> [CaseloadRow] {
        ctx.caseload.filter { $0.matches(search.value) }
    }

    /// The caseload was read again (`old` to `new`): the cursor moves to where the patient it was on is now
    /// (a new warning sign moves her up), and stays where it was when she is gone.
    mutating func keepSelection(from old: [CaseloadRow], to new: [CaseloadRow]) {
        let before = old.filter { $0.matches(search.value) }
        guard !before.isEmpty else { return }
        let login = before[min(max(0, selected), before.count - 1)].login
        if let i = new.filter({ $0.matches(search.value) }).firstIndex(where: { $0.login == login }) { selected = i }
    }

    private func chosen(_ ctx: ScreenContext) -> CaseloadRow? {
        let rows = shown(ctx)
        return rows.isEmpty ? nil : rows[min(max(0, selected), rows.count - 1)]
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<CaseloadScreen> {
        let last = max(0, shown(ctx).count - 1)
        let page = max(1, ctx.area.height / 2 - 2)
        let any = !shown(ctx).isEmpty
        return KeyTable([
            KeyBinding([.up], .move(ctx.glyphs), active: any) { $0.selected = max(0, min($0.selected, last) - 1) },
            KeyBinding([.down], nil, active: any) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.character("k")], nil, active: !searching) { $0.selected = max(0, min($0.selected, last) - 1) },
            KeyBinding([.character("j")], nil, active: !searching) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.enter], KeyHint("Enter", "open"), active: any) { s, _, ctx in s.open(ctx) },
            KeyBinding([.character("/")], KeyHint("/", "search"), active: !searching) { s in
                s.searching = true
                s.notice = nil
            },
            KeyBinding([.escape], KeyHint("Esc", search.value.isEmpty ? "stop searching" : "clear the search"), active: searching) { s in
                s.searching = false
                s.search.set("")
                s.selected = 0
            },
            KeyBinding([.pageUp, .pageDown], KeyHint("PgUp/PgDn", "page"), footer: false, active: any) { s, key, _ in
                s.selected = key == .pageUp ? max(0, s.selected - page) : min(last, s.selected + page)
                return .stay
            },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false, active: any) { $0.selected = 0 },
            KeyBinding([.end], nil, active: any) { $0.selected = last },
            // Last: while searching, every other key is the search field's (letters, Backspace, ← →, a paste).
            KeyBinding([], KeyHint("typing", "finds patients by name or login"), footer: false, active: searching,
                       matching: { _ in true }) { s, key, _ in s.type(key) },
        ])
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        notice = nil
        return keyTable(ctx).handle(key, &self, ctx)
    }

    private mutating func type(_ key: Key) -> Reaction { search.searchEdit(key, selected: &selected, notice: &notice) }

    /// Enter: asks for her chart; a login without a record has nothing to open yet.
    private mutating func open(_ ctx: ScreenContext) -> Reaction {
        guard let row = chosen(ctx) else { return .stay }
        // Her chart would fail to read as her row did: say so, and what to do, rather than try.
        guard row.unreadable == nil else {
            notice = "\(row.login)'s record could not be read, so her chart cannot open: ask the clinic's administrator to look at it."
            return .stay
        }
        guard row.isSetUp else {
            notice = "\(row.login) has no record yet: the administrator sets it up (portal clinic add-patient)."
            return .stay
        }
        return .effects(.openChart(login: row.login))
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        guard case .openChart = effect else { return .stay }
        return .push(.home(HomeScreen()))
    }

    // MARK: - View

    /// One row of the list as drawn: a heading, a patient's name line, or one of her reason lines.
    struct Line: Equatable {
        var text: String
        var style: Style
        var indent = 0
        /// The patient (index into `shown`) it belongs to, for the selection.
        var patient: Int?
        /// The patient's first line: the selection marker goes here.
        var first = false
    }

    /// The most rows one reason takes: the warning sign's name and when, whole at 60 columns. An urgent reason
    /// (an unreviewed warning sign) is never cut: each sign she reported is named in full, however many rows.
    static let reasonRows = 3

    /// Her row is under "Urgent" and marked "!": a reason of hers is about her safety (her reasons come most
    /// pressing first, so it is the first).
    static func isUrgent(_ row: CaseloadRow) -> Bool { row.reasons.first?.isUrgent == true }

    /// The list top to bottom: "Urgent" (each row marked "!") and "Need you first", with each patient's reasons
    /// under her name, then "Everyone else". `filtered`: the rows are a search's matches, which say nothing of the
    /// patients left out. A reason is the point of her row, so it wraps to the `width` of the list (up to
    /// `reasonRows` rows) rather than being cut.
    static func lines(_ rows: [CaseloadRow], today: CalendarDate, filtered: Bool = false, width: Int = .max, glyphs g: Glyphs) -> [Line] {
        var lines: [Line] = []
        let urgent = rows.indices.filter { isUrgent(rows[$0]) }
        let needing = rows.indices.filter { rows[$0].needsAttention && !isUrgent(rows[$0]) }
        let others = rows.indices.filter { !rows[$0].needsAttention }
        func add(_ i: Int) {
            let row = rows[i]
            // The group's mark: every row under "Urgent" has it, and only those.
            let mark = urgent.contains(i) ? "! " : "  "
            lines.append(Line(text: "\(mark)\(row.name)  \(row.login) · \(row.figures(today: today))", style: .bold, patient: i, first: true))
            for reason in row.reasons {
                // Drawn after the marker's two cells and the indent; a second row is indented two more.
                let text = reason.text(today: today)
                let rows = width - 2 - 4 >= DisplayWidth.of(text) ? [text] : wrappedRows(text, width: max(1, width - 2 - 6), maxRows: reason.isUrgent ? .max : reasonRows, glyphs: g)
                for (n, text) in rows.enumerated() {
                    lines.append(Line(text: text, style: reason.isUrgent ? .danger : .warning, indent: n == 0 ? 4 : 6, patient: i))
                }
            }
        }
        if !urgent.isEmpty {
            lines.append(Line(text: "Urgent", style: .label))
            urgent.forEach(add)
        }
        if !needing.isEmpty {
            if !urgent.isEmpty { lines.append(Line(text: "", style: .plain)) }
            lines.append(Line(text: "Need you first", style: .label))
            needing.forEach(add)
        }
        if !others.isEmpty {
            if !urgent.isEmpty || !needing.isEmpty { lines.append(Line(text: "", style: .plain)) }
            let heading = !urgent.isEmpty || !needing.isEmpty ? "Everyone else" : filtered ? "Found" : "Nothing needs you now"
            lines.append(Line(text: heading, style: .label))
            others.forEach(add)
        }
        return lines
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        let rows = shown(ctx)
        let all = ctx.caseload
        let urgent = all.filter(Self.isUrgent).count
        let needing = all.filter(\.needsAttention).count - urgent
        let groups = (urgent > 0 ? ["\(urgent) urgent"] : []) + (needing > 0 ? ["\(needing) need\(needing == 1 ? "s" : "") you first"] : [])
        let head = all.isEmpty ? "No patients in your caseload yet."
            : "\(all.count) patient\(all.count == 1 ? "" : "s") · " + (groups.isEmpty ? "none needs you first" : groups.joined(separator: " · "))
        buffer.clipped(head, x: area.x, y: area.y, area: area, style: .bold, glyphs: g)
        var rest = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        if searching || !search.value.isEmpty {
            let label = "Search: "
            let y = rest.y
            let x = buffer.write(label, x: rest.x, y: y, style: .label, clip: rest)
            let field = Rect(x: x, y: y, width: max(0, min(rest.maxX - x, 40)), height: min(1, rest.height))
            var f = search
            f.glyphs = g
            f.render(into: &buffer, area: field, focused: searching)
            rest = rest.inset(top: 1, left: 0, bottom: 0, right: 0)
        } else if !all.isEmpty {
            buffer.clipped("Press / to find a patient by name.", x: rest.x, y: rest.y, area: rest, style: .muted, glyphs: g)
            rest = rest.inset(top: 1, left: 0, bottom: 0, right: 0)
        }
        if let notice {
            let rows = wrappedRows(notice, width: rest.width, maxRows: 2, glyphs: g)
            let (top, bottom) = rest.splitBottom(rows.count)
            for (i, r) in rows.enumerated() { buffer.line(r, area: bottom, row: i, style: .warning) }
            rest = top
        }
        rest = rest.inset(top: 1, left: 0, bottom: 0, right: 0)
        guard !all.isEmpty else { return }
        guard !rows.isEmpty else {
            buffer.clipped("No one in your caseload matches “\(search.value)”.", x: rest.x, y: rest.y, area: rest, style: .muted, glyphs: g)
            return
        }
        let sel = min(max(0, selected), rows.count - 1)
        let lines = Self.lines(rows, today: ctx.today, filtered: !search.value.isEmpty, width: rest.width, glyphs: g)
        drawLines(lines, selected: sel, into: &buffer, area: rest, glyphs: g)
    }

    /// The lines, scrolled so the selected patient's name and reasons are in view (her name at least).
    private func drawLines(_ lines: [Line], selected sel: Int, into buffer: inout Buffer, area: Rect, glyphs g: Glyphs) {
        guard area.height > 0 else { return }
        let mine = lines.indices.filter { lines[$0].patient == sel }
        let top = mine.first ?? 0, bottom = mine.last ?? 0
        let hidden = lines.count > area.height
        let height = hidden ? max(1, area.height - 1) : area.height
        var first = 0
        if hidden {
            first = max(0, min(lines.count - height, bottom - height + 1))
            first = min(first, top)
            // A heading just above her name comes along when there is room.
            if first == top, top > 0, lines[top - 1].patient == nil, bottom - (top - 1) < height { first = top - 1 }
        }
        for i in 0..<height where first + i < lines.count {
            let line = lines[first + i]
            let row = area.row(i)
            var x = row.x
            if line.first { x = buffer.write(line.patient == sel ? g.selectionMarker + " " : "  ", x: x, y: row.y, clip: row) }
            else if line.patient != nil { x += 2 }
            buffer.clipped(line.text, x: x + line.indent, y: row.y, area: row, style: line.style, glyphs: g)
            if line.patient == sel { buffer.highlight(row, with: .selected) }
        }
        if hidden {
            var parts: [String] = []
            if first > 0 { parts.append("\(g.up) more above") }
            if first + height < lines.count { parts.append("\(g.down) more below") }
            buffer.clipped(parts.joined(separator: "  "), x: area.x, y: area.maxY - 1, area: area, style: .muted, glyphs: g)
        }
    }
}
