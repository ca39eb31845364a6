import PortalCore

/// A warning-signs check without a pain score: the same sign list as Log pain, ticked with Space and saved
/// with Enter. A severe headache or low mood may come with no pain to log, and must still raise its message.
public struct WarningSignsScreen: PortalScreen {
    public private(set) var ticked: Set<String> = []
    public private(set) var cursor = 0
    public private(set) var error: String?

    public init() {}

    public var title: String { "Warning signs" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }
    public var hasUnsavedChanges: Bool { !ticked.isEmpty }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<WarningSignsScreen> {
        let last = max(0, LogPainScreen.signs(ctx).count - 1)
        return KeyTable([
            KeyBinding([.character(" "), .character("x")], KeyHint("Space", "tick")) { s, _, ctx in s.toggle(ctx); return .stay },
            KeyBinding([.enter, .ctrl("s")], KeyHint("Enter", "save")) { s, _, ctx in s.save(ctx) },
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(ctx.glyphs)) { s, key, _ in
                s.cursor = key == .up || key == .character("k") ? max(0, s.cursor - 1) : min(last, s.cursor + 1)
                return .stay
            },
            KeyBinding([.home, .end], KeyHint("Home/End", "first/last"), footer: false) { s, key, _ in
                s.cursor = key == .home ? 0 : last
                return .stay
            },
            // The signs she reported before, and (in a clinic) her therapist's review of them.
            KeyBinding([.character("r")], KeyHint("r", "reported before")) { _, _, _ in .push(.reportedSigns(ReportedSignsScreen())) },
        ])
    }

    private mutating func toggle(_ ctx: ScreenContext) {
        let signs = LogPainScreen.signs(ctx)
        guard signs.indices.contains(cursor) else { return }
        let id = signs[cursor].id
        if ticked.contains(id) { ticked.remove(id) } else { ticked.insert(id) }
        error = nil
    }

    /// The report the ticks describe, in the order of the list, dated now.
    func report(_ ctx: ScreenContext) -> SignReport {
        let clock = ctx.snapshot.clock
        return SignReport(date: clock.today, time: clock.time, signs: LogPainScreen.signs(ctx).map(\.id).filter(ticked.contains))
    }

    private mutating func save(_ ctx: ScreenContext) -> Reaction {
        guard !ticked.isEmpty else {
            error = "Tick at least one sign with Space first, or press Esc to go back."
            return .stay
        }
        return .effects(.saveSigns(report(ctx)))
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        guard case .saveSigns = effect else { return .stay }
        // Home now shows the saved signs' message at the top.
        ticked = []
        return .pop
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let signs = LogPainScreen.signs(ctx)
        var rest = area
        // What to do, as soon as a sign is ticked: the same words as Log pain.
        if let alert = SafetyRules.alert(for: signs.filter { ticked.contains($0.id) }, guide: ctx.content.safety,
                                         date: ctx.today, verb: "You ticked") {
            // Past its rows the ticked signs (listed below) are counted, never what to do cut (QA E7).
            let (banner, h, _) = alert.banner(g, width: rest.width, rows: max(3, rest.height - 6))
            let (top, below) = rest.splitTop(h + 1)
            buffer.render(banner, in: top.inset(top: 0, left: 0, bottom: 1, right: 0))
            rest = below
        }
        var row = 0
        buffer.line("Do you have any of these now?  Space ticks, Enter saves", area: rest, row: row, style: .bold)
        row += 1
        if let error {
            buffer.line("Problem: " + error, area: rest, row: row, style: .danger)
            row += 1
        }
        // For a pregnant patient the side-sleeping message stays in view under the list.
        var footer: [(String, Style)] = []
        if let patient = ctx.patient, patient.stage.isPregnant {
            footer = Paragraph.lines(ctx.content.safety.sleepAdvice, width: rest.width).map { ($0, .warning) }
        }
        var footerRows = rest.height - row - footer.count >= 7 ? footer.count : 0
        footer = Array(footer.prefix(footerRows))
        // Where the signs come from, under the list (never in the message above it), when the list keeps room to
        // show a long sign whole with the signs around it: the signs come first.
        let source = Paragraph.lines(ctx.content.safety.source, width: rest.width)
        if rest.height - row - footerRows - source.count - 1 >= Self.rowsBeforeSource {
            footer += source.map { ($0, .muted) }
            footerRows += source.count
        }
        let items = Self.items(signs, ticked: ticked)
        // Long signs wrap onto continuation lines: safety text is never cut short.
        let listHeight = max(0, rest.height - row - footerRows - (footerRows > 0 ? 1 : 0))
        let listArea = Rect(x: rest.x, y: rest.y + row, width: rest.width, height: listHeight)
        buffer.render(Checklist(items: items, cursor: cursor, glyphs: g, wraps: true), in: listArea)
        for (i, (line, style)) in footer.prefix(footerRows).enumerated() {
            buffer.line(line, area: rest, row: rest.height - footerRows + i, style: style)
        }
    }

    /// The rows the list keeps before the line saying where the signs come from is shown under it.
    static let rowsBeforeSource = 10

    /// The checklist rows for the signs: emergency ones say "call 911" beside them.
    static func items(_ signs: [WarningSign], ticked: Set<String>) -> [ChecklistItem] {
        signs.map { ChecklistItem($0.text, checked: ticked.contains($0.id), detail: $0.urgency == .emergency ? "call 911" : nil) }
    }
}
