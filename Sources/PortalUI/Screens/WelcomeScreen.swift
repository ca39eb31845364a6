import PortalCore

/// The first thing a new patient sees (an empty database): what the portal is for, where her data lives,
/// and a choice between setting it up and looking around with the demo patient. On a clinic's server (her login
/// whose record the clinic has not set up yet) it says that her care team sets it up, and where her record will
/// be kept, and offers neither: in a clinic her record is set up by its administrator (`portal setup` and
/// `portal demo` are refused there too).
public struct WelcomeScreen: PortalScreen {
    struct Item: Equatable {
        var key: Character
        var label: String
    }

    static let ownItems = [
        Item(key: "s", label: "Set up my portal"),
        Item(key: "d", label: "Try the demo (a made-up patient, to look around first)"),
    ]

    /// What she may choose: set up or the demo on her own computer; nothing in a clinic, where her care team
    /// sets up her record.
    static func items(_ ctx: ScreenContext) -> [Item] { ctx.isClinic ? [] : ownItems }

    static let purpose = "This portal keeps your physical therapy in one place: your six visits, the exercises for each week, a pain diary, and reading chosen for you."
    static let notReplacing = "It does not replace your therapist. If something worries you, contact your therapist or your provider."

    static let ownParagraphs = [
        purpose,
        "Everything you enter stays on this computer. There is no account, and nothing is sent anywhere.",
        notReplacing,
    ]

    /// In a clinic: her record is not there yet, who sets it up, and where it will be kept (About me's words).
    static let clinicParagraphs = [
        purpose,
        "Your record is not set up yet. In a clinic your care team sets it up: the clinic's administrator adds your details and your first visit. Please ask your therapist or your clinic, then open the portal again.",
        ProfileScreen.clinicPrivacyText,
        notReplacing,
    ]

    static func paragraphs(_ ctx: ScreenContext) -> [String] { ctx.isClinic ? clinicParagraphs : ownParagraphs }

    public internal(set) var selected = 0
    /// In a clinic, the first row of the page shown (it scrolls in a small window; nothing to choose below it).
    public internal(set) var offset = 0

    public init() {}

    public var title: String { "Welcome" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<WelcomeScreen> {
        let items = Self.items(ctx)
        let offers = !items.isEmpty
        let last = max(0, items.count - 1)
        guard offers else {
            // A clinic's: a page to read, scrolled where it does not fit.
            return KeyTable(ScrollingPage.keys(ctx.glyphs, for: self, ctx, offset: \.offset) { _, ctx in Self.page(ctx, width: ctx.area.width) })
        }
        return KeyTable([
            KeyBinding([.character("s")], KeyHint("s", "set up"), active: offers) { s, _, _ in s.choose("s") },
            KeyBinding([.character("d")], KeyHint("d", "demo"), active: offers) { s, _, _ in s.choose("d") },
            KeyBinding([.up, .character("k"), .home], .move(ctx.glyphs), active: offers) { $0.selected = 0 },
            KeyBinding([.down, .character("j"), .end], nil, active: offers) { $0.selected = last },
            KeyBinding([.enter], KeyHint("Enter", "choose"), active: offers) { s, _, _ in s.choose(items[min(s.selected, last)].key) },
        ])
    }

    private func choose(_ key: Character) -> Reaction {
        switch key {
        case "s": return .push(.setup(SetupScreen()))
        // The app hands over to the wiring, which opens the demo in a file of its own.
        case "d": return .effects(.loadDemo)
        default: return .unhandled
        }
    }

    /// The clinic's Welcome as a page: the heading and the paragraphs, scrolled where they do not fit.
    static func page(_ ctx: ScreenContext, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        page.text(heading(), style: .title)
        for p in paragraphs(ctx) {
            page.blank()
            page.text(p)
        }
        return page
    }

    static func heading() -> String { "Welcome to your physical therapy portal" }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard !Self.items(ctx).isEmpty else {
            Self.page(ctx, width: area.width).draw(offset: offset, into: &buffer, area: area, glyphs: ctx.glyphs)
            return
        }
        var lines: [(String, Style)] = [(Self.heading(), .title)]
        for p in Self.paragraphs(ctx) {
            lines.append(("", .plain))
            lines += Paragraph.lines(p, width: area.width).map { ($0, .plain) }
        }
        // The menu keeps its two rows at the bottom of the text; the text gives way on a very small window.
        let choices = Self.items(ctx)
        let textRows = max(0, min(lines.count, area.height - choices.count - 1))
        for (row, line) in lines.prefix(textRows).enumerated() {
            buffer.write(line.0, x: area.x, y: area.y + row, style: line.1, clip: area)
        }
        let menu = area.inset(top: textRows + (textRows > 0 ? 1 : 0), left: 0, bottom: 0, right: 0)
        let items = choices.map { ListItem($0.label, key: String($0.key)) }
        buffer.render(ListView(items: items, selected: selected, glyphs: ctx.glyphs), in: menu)
    }
}
