import PortalCore

/// The first thing a new patient sees (an empty database): what the portal is for, where her data lives,
/// and a choice between setting it up and looking around with the demo patient.
public struct WelcomeScreen: PortalScreen {
    struct Item: Equatable {
        var key: Character
        var label: String
    }

    static let items = [
        Item(key: "s", label: "Set up my portal"),
        Item(key: "d", label: "Try the demo (a made-up patient, to look around first)"),
    ]

    static let paragraphs = [
        "This portal keeps your physical therapy in one place: your six visits, the exercises for each week, a pain diary, and reading chosen for you.",
        "Everything you enter stays on this computer. There is no account, and nothing is sent anywhere.",
        "It does not replace your therapist. If something worries you, contact your therapist or your provider.",
    ]

    public internal(set) var selected = 0

    public init() {}

    public var title: String { "Welcome" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<WelcomeScreen> {
        let last = Self.items.count - 1
        return KeyTable([
            KeyBinding([.character("s")], KeyHint("s", "set up")) { s, _, _ in s.choose("s") },
            KeyBinding([.character("d")], KeyHint("d", "demo")) { s, _, _ in s.choose("d") },
            KeyBinding([.up, .character("k"), .home], .move(ctx.glyphs)) { $0.selected = 0 },
            KeyBinding([.down, .character("j"), .end], nil) { $0.selected = last },
            KeyBinding([.enter], KeyHint("Enter", "choose")) { s, _, _ in s.choose(Self.items[s.selected].key) },
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

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var lines: [(String, Style)] = [("Welcome to your physical therapy portal", .title)]
        for p in Self.paragraphs {
            lines.append(("", .plain))
            lines += LineBreaker.lines(p, width: area.width).map { ($0, .plain) }
        }
        // The menu keeps its two rows at the bottom of the text; the text gives way on a very small window.
        let menuHeight = Self.items.count
        let textRows = max(0, min(lines.count, area.height - menuHeight - 1))
        for (row, line) in lines.prefix(textRows).enumerated() {
            buffer.write(line.0, x: area.x, y: area.y + row, style: line.1, clip: area)
        }
        let menu = area.inset(top: textRows + (textRows > 0 ? 1 : 0), left: 0, bottom: 0, right: 0)
        let items = Self.items.map { ListItem($0.label, key: String($0.key)) }
        buffer.render(ListView(items: items, selected: selected, glyphs: ctx.glyphs), in: menu)
    }
}
