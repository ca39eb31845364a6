import PortalCore

/// The patient's day at a glance, and the menu to everything else.
public struct HomeScreen: PortalScreen {
    struct Item: Equatable {
        var key: Character
        var label: String
        /// What the footer and help call it.
        var hint: String
    }

    static let items: [Item] = [
        Item(key: "l", label: "Log pain", hint: "log pain"),
        Item(key: "w", label: "Warning signs check", hint: "warning signs"),
        Item(key: "e", label: "Exercises for this week", hint: "exercises"),
        Item(key: "v", label: "Visits", hint: "visits"),
        Item(key: "p", label: "Progress", hint: "progress"),
        Item(key: "r", label: "Learn: your reading", hint: "learn"),
        Item(key: "c", label: "Pelvic floor check-in", hint: "check-in"),
        Item(key: "i", label: "About me", hint: "about me"),
        Item(key: "s", label: "Share with your therapist", hint: "share"),
    ]

    public var selected = 0
    var offset = 0
    /// The safety banner shown whole even when that leaves the menu few rows (b toggles it).
    public var bannerOpen = false

    public init() {}

    public var title: String { "Home" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<HomeScreen> {
        let last = Self.items.count - 1
        var keys: [KeyBinding<HomeScreen>] = [
            KeyBinding([.up, .character("k")], .move(ctx.glyphs)) { $0.selected = max(0, $0.selected - 1) },
            KeyBinding([.down, .character("j")], nil) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.enter], .open) { s, _, ctx in s.open(Self.items[s.selected].key, ctx) },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false) { $0.selected = 0 },
            KeyBinding([.end], nil) { $0.selected = last },
            KeyBinding([.character("a")], KeyHint("a", "answer the question"), active: !Self.prompts(ctx).isEmpty) { s, _, ctx in s.answerPrompt(ctx) },
        ]
        // Each menu item's letter opens it; the footer names the two used most.
        keys += Self.items.map { item in
            KeyBinding([.character(item.key)], KeyHint(String(item.key), item.hint),
                       footer: item.key == "l" || item.key == "e") { s, _, ctx in s.open(item.key, ctx) }
        }
        // Shortened, the banner names b itself, so its hint goes last (a narrow footer drops it first); opened,
        // the footer is the only place that says how to get the menu back, so it goes first.
        let banner = KeyBinding<HomeScreen>([.character("b")], KeyHint("b", bannerOpen ? "shorten the alert" : "read the whole alert"),
                                            active: Self.layout(ctx, bannerOpen: bannerOpen, area: Rect(size: ctx.area)).bannerShortened || bannerOpen) {
            $0.bannerOpen.toggle()
        }
        if bannerOpen { keys.insert(banner, at: 0) } else { keys.append(banner) }
        return KeyTable(keys)
    }

    private func open(_ key: Character, _ ctx: ScreenContext) -> Reaction {
        switch key {
        case "l": return .push(.logPain(LogPainScreen(ctx)))
        case "w": return .push(.warningSigns(WarningSignsScreen()))
        case "e": return .push(.exercises(ExercisesScreen()))
        case "v": return .push(.visits(VisitsScreen()))
        case "p": return .push(.progress(ProgressScreen()))
        case "r": return .push(.learn(LearnScreen()))
        case "c":
            guard let checkIn = ctx.content.measure(Measure.checkInID) else { return .stay }
            return .push(.measure(MeasureScreen(checkIn)))
        case "i": return .push(.profile(ProfileScreen()))
        case "s": return .push(.share(ShareScreen()))
        default: return .unhandled
        }
    }
}
