import PortalCore

/// The patient's day at a glance, and the menu to everything else.
public struct HomeScreen: PortalScreen {
    /// One item of the menu, and everything Home knows about it: its letter, what the menu, the footer and help
    /// call it, the screen it opens, and the lines it adds to the summary above the menu. A new part of the
    /// portal is one more item here: Home's menu, keys, help and summary all come from this list.
    struct Item: Sendable {
        var key: Character
        var label: String
        /// The label on her chart, where it speaks about her ("Learn: her reading"); nil: the same.
        var herLabel: String? = nil
        /// What the footer and help call it.
        var hint: String
        /// The label as things stand, when it depends on them (exercises once her program has run out); nil: `label`.
        var labelNow: (@Sendable (ScreenContext) -> String?)? = nil
        /// The screen the item opens, or
        var open: (@Sendable (ScreenContext) -> ScreenState)?
        /// what it asks the runtime for instead (the therapist's report, shown once it is made).
        var effect: (@Sendable (ScreenContext) -> Effect)?
        /// Its lines in Home's summary, in the menu's order (`sparkline`: the 14-day sparkline is wanted, no
        /// chart showing the days).
        var summary: @Sendable (ScreenContext, _ sparkline: Bool) -> [SummaryLine] = { _, _ in [] }
        /// Whether the viewer gets the item in the menu: a form for what she may not change is left out (its
        /// summary lines stay, since they show her record).
        var shown: @Sendable (Viewer) -> Bool = { _ in true }
    }

    /// The menu for the viewer: her therapist gets no forms for what is the patient's to write (the pain
    /// diary, warning signs, the check-in, sharing), and gets the patient's report.
    static func menu(_ ctx: ScreenContext) -> [Item] {
        items.filter { $0.shown(ctx.viewer) }.map { item in
            var item = item
            if ctx.viewer.isTherapist, let her = item.herLabel { item.label = her }
            if let now = item.labelNow?(ctx) { item.label = now }
            return item
        }
    }

    static let items: [Item] = [
        Item(key: "l", label: "Log pain", hint: "log pain", open: { .logPain(LogPainScreen($0)) }, summary: painLines,
             shown: { $0.may(.painDiary) }),
        Item(key: "w", label: "Warning signs check", hint: "warning signs", open: { _ in .warningSigns(WarningSignsScreen()) },
             shown: { $0.may(.signReports) }),
        // Her therapist reads the signs she reported, and reviews them.
        Item(key: "w", label: "Warning signs she reported", hint: "warning signs", open: { _ in .reportedSigns(ReportedSignsScreen()) },
             shown: { $0.may(.signReviews) }),
        // Once her program has run out (`Program.ranOut(on:)`), its last week is not "this week" (QA J6); no longer
        // than this week's label, so the menu keeps its two columns at 60×18.
        Item(key: "e", label: "Exercises for this week", hint: "exercises",
             labelNow: { $0.snapshot.programRanOut == nil ? nil : "Exercises (no new week)" },
             open: { _ in .exercises(ExercisesScreen()) }, summary: exerciseLines),
        Item(key: "v", label: "Visits", hint: "visits", open: { _ in .visits(VisitsScreen()) }, summary: visitLines),
        // Hers to ask, beside the visits they are for; her therapist reads and answers them from her chart.
        Item(key: "t", label: "Questions for the visit", hint: "questions", open: { _ in .questions(QuestionsScreen()) },
             summary: questionLines),
        Item(key: "p", label: "Progress", hint: "progress", open: { _ in .progress(ProgressScreen()) }),
        Item(key: "r", label: "Learn: your reading", herLabel: "Learn: her reading", hint: "learn", open: { _ in .learn(LearnScreen()) }),
        // The check-in is a form; her therapist reads her check-ins under Questionnaires (m).
        Item(key: "c", label: "Pelvic floor check-in", hint: "check-in", open: { ctx in
            .measure(ctx.content.measure(Measure.checkInID).map { MeasureScreen($0) }
                     ?? MeasureScreen(missing: Measure.checkInID, title: "Pelvic floor check-in"))
        }, shown: { $0.may(.checkIns) }),
        // Her therapist opens these too, to read: their screens give her no key that writes (`Viewer.may`).
        Item(key: "d", label: "Bladder diary", hint: "bladder diary", open: { .bladderDiary(BladderDiaryScreen($0)) }, summary: bladderLines),
        Item(key: "o", label: "Bowel log", hint: "bowel log", open: { .bowelLog(BowelLogScreen($0)) }),
        Item(key: "m", label: "Questionnaires", hint: "questionnaires", open: { _ in .measures(MeasuresScreen()) }, summary: measureLines),
        Item(key: "i", label: "About me", hint: "about me", open: { _ in .profile(ProfileScreen()) }),
        Item(key: "s", label: "Share with your therapist", hint: "share", open: { _ in .share(ShareScreen()) },
             shown: { !$0.isTherapist }),
        // Hers: the patient's report, made from the clinic's record as `portal clinic report` makes it.
        Item(key: "s", label: "Her report (last 28 days)", hint: "report", effect: { .makeReport(width: $0.area.width) }, shown: { $0.isTherapist }),
        // Her therapist's weekly work: next week's program, written, saved as a draft and published on screen.
        Item(key: "n", label: "Next week's program", hint: "next week", open: { .programEditor(ProgramEditorScreen($0)) },
             shown: { $0.isTherapist && $0.may(.programWeeks) }),
    ]

    /// The letters of the menu, in its order: what `portal-bench` opens to measure every screen.
    public static var menuKeys: [Character] { items.map(\.key) }

    public var selected = 0
    var offset = 0
    /// The safety banner shown whole even when that leaves the menu few rows (b toggles it).
    public var bannerOpen = false

    public init() {}

    public var title: String { "Home" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<HomeScreen> {
        let menu = Self.menu(ctx)
        let last = menu.count - 1
        let layout = Self.layout(ctx, bannerOpen: bannerOpen, area: Rect(size: ctx.area))
        // In two columns (`menuGrid`), ← and → go to the item beside the chosen one.
        let grid = Self.menuGrid(ctx, in: layout.menu)
        var keys: [KeyBinding<HomeScreen>] = [
            KeyBinding([.up, .character("k")], .move(ctx.glyphs)) { $0.selected = max(0, $0.selected - 1) },
            KeyBinding([.down, .character("j")], nil) { $0.selected = min(last, $0.selected + 1) },
            KeyBinding([.left], KeyHint(ctx.glyphs.leftRightKeys, "other column"), footer: false, active: grid.columns > 1) {
                $0.selected = $0.selected >= grid.rows ? $0.selected - grid.rows : $0.selected
            },
            KeyBinding([.right], nil, active: grid.columns > 1) {
                $0.selected = $0.selected < grid.rows ? min(last, $0.selected + grid.rows) : $0.selected
            },
            KeyBinding([.enter], .open) { s, _, ctx in menu[min(s.selected, last)].reaction(ctx) },
            KeyBinding([.home], KeyHint("Home/End", "first/last"), footer: false) { $0.selected = 0 },
            KeyBinding([.end], nil) { $0.selected = last },
            KeyBinding([.character("a")], KeyHint("a", "answer the question"), active: !Self.prompts(ctx).isEmpty) { s, _, ctx in s.answerPrompt(ctx) },
        ]
        // Each menu item's letter opens it; the footer names the two used most (the therapist's: the report).
        keys += menu.map { item in
            KeyBinding([.character(item.key)], KeyHint(String(item.key), item.hint),
                       footer: item.key == "l" || item.key == "e" || item.effect != nil) { _, _, ctx in item.reaction(ctx) }
        }
        // Shortened, the banner names b itself, so its hint goes last (a narrow footer drops it first); opened,
        // the footer is the only place that says how to get the menu back, so it goes first.
        let banner = KeyBinding<HomeScreen>([.character("b")], KeyHint("b", bannerOpen ? "shorten the alert" : "read the whole alert"),
                                            active: layout.bannerShortened || layout.bannerCounted || bannerOpen) {
            $0.bannerOpen.toggle()
        }
        if bannerOpen { keys.insert(banner, at: 0) } else { keys.append(banner) }
        return KeyTable(keys)
    }
}

extension HomeScreen.Item {
    /// What choosing the item does: opens its screen, or asks the runtime for its effect.
    func reaction(_ ctx: ScreenContext) -> Reaction {
        if let effect { return .effects(effect(ctx)) }
        return open.map { .push($0(ctx)) } ?? .stay
    }
}
