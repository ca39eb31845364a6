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
        case "c": return .push(.quiz(QuizScreen()))
        case "i": return .push(.profile(ProfileScreen()))
        case "s": return .push(.share(ShareScreen()))
        default: return .unhandled
        }
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        var rows = area
        let snap = ctx.snapshot
        let g = ctx.glyphs

        // Safety first: an alert takes the top rows, above everything else.
        if let alert = snap.safetyAlerts(guide: ctx.content.safety).first {
            let banner = alert.banner(g)
            let h = min(banner.height(width: rows.width), max(2, rows.height / 3))
            let (top, rest) = rows.splitTop(h + 1)
            buffer.render(banner, in: top.inset(top: 0, left: 0, bottom: 1, right: 0))
            rows = rest
        }

        var lines: [(String, String, Style)] = []
        let today = snap.entries(on: ctx.today)
        if let last = today.last {
            let more = today.count > 1 ? " · \(today.count) entries today, highest \(today.map(\.score).max()!)" : ""
            lines.append(("Pain today", "\(last.score)/10 at \(last.time)\(more)", .plain))
        } else {
            lines.append(("Pain today", "Not logged yet. Press l to log it.", .warning))
        }
        let log = snap.log
        if let week = snap.currentWeek {
            let (done, prescribed) = log.today(ctx.today)
            let streak = log.streak(today: ctx.today).activeDays
            let streakText = streak > 0 ? " · \(streak)-day streak" : ""
            lines.append(("Exercises", "\(done) of \(prescribed) done today (week \(week.number))\(streakText)", done == prescribed ? .good : .plain))
        } else {
            lines.append(("Exercises", "Your program starts after your first visit.", .muted))
        }
        if let next = snap.nextVisit, let start = next.start {
            let countdown = countdownText(from: snap.clock.now, to: start)
            lines.append(("Next visit", "\(next.number) of \(snap.plan?.size ?? Visit.planSize) · \(start.date.shortText) \(start.time) · \(countdown) · \(next.mode.title.lowercased())", .plain))
        } else {
            lines.append(("Next visit", "None booked. Your clinic will schedule the next one.", .muted))
        }
        if let plan = snap.plan {
            let dots = plan.visits.map { $0.status == .completed ? g.checkboxOn : g.checkboxOff }.joined()
            let dotsText = g == .unicode ? plan.visits.map { $0.status == .completed ? "●" : "○" }.joined() : dots
            lines.append(("Visits", "\(dotsText) \(plan.completedCount) of \(plan.size) completed", .plain))
        }
        lines += Self.promptLines(ctx)
        for (i, line) in lines.enumerated() {
            buffer.labelled(line.0, line.1, area: rows, row: i, labelWidth: 12, style: line.2)
        }
        var row = lines.count

        // The last 14 days of pain as a sparkline, with the 7-day average in words.
        let trend = snap.trend
        if !trend.days.isEmpty, row < rows.height {
            let y = rows.y + row
            buffer.write("Pain, 14 d", x: rows.x, y: y, style: .label, clip: rows)
            let spark = Sparkline(values: trend.dailyMeans(endingOn: ctx.today, count: 14), glyphs: g, style: .accent)
            buffer.render(spark, in: Rect(x: rows.x + 12, y: y, width: 14, height: 1))
            if let avg = trend.sevenDayAverage(endingOn: ctx.today) {
                buffer.write(String(format: "7-day average %.1f", avg), x: rows.x + 28, y: y, clip: rows)
            }
            row += 1
        }

        // What changed in this week's program.
        if let week = snap.currentWeek, week.number > 1, row < rows.height {
            let diff = snap.program.diff(for: week)
            let parts = diff.changes.map { "\($0.change.mark(ascii: g != .unicode)) \(ctx.exerciseName($0.exerciseID))" }
            if !parts.isEmpty {
                buffer.labelled("New", "Week \(week.number): " + parts.joined(separator: ", "), area: rows, row: row, labelWidth: 12, style: .new)
                row += 1
            }
        }

        // The menu fills what is left; when it does not fit, its last row says which way the rest is.
        var menuArea = rows.inset(top: row + 1, left: 0, bottom: 0, right: 0)
        let items = Self.items.map { ListItem($0.label, key: String($0.key)) }
        let fits = menuArea.height >= items.count
        if !fits, menuArea.height >= 2 { menuArea = menuArea.inset(bottom: 1) }
        let offset = ListView.scrollOffset(selected: selected, count: items.count, height: menuArea.height)
        buffer.render(ListView(items: items, selected: selected, offset: offset, glyphs: g), in: menuArea)
        if !fits, menuArea.height >= 1 {
            let above = offset > 0, below = offset + menuArea.height < items.count
            let hint = [above ? "\(g.up) more above" : nil, below ? "\(g.down) more below" : nil].compactMap { $0 }.joined(separator: "  ")
            buffer.write(hint, x: menuArea.x + 2, y: menuArea.maxY, style: .muted, clip: rows)
        }
    }
}
