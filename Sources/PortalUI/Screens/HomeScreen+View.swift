import Foundation
import PortalCore

/// Home's layout. The summary is a list of `SummaryLine`s: each menu item brings its own (`HomeScreen.items`),
/// so a new line (a diary's count, a reminder) is one more item's `summary`, and every layout below places it.
///
/// - Narrow (under `wideWidth` columns): the safety banner, the summary, the menu; a tall window adds the
///   pain chart under the menu instead of leaving rows blank.
/// - Wide: the summary and menu in a left column of a reading measure, with the latest pain entries under
///   the menu, and on the right a larger pain chart (more days the wider the window) over today's exercises
///   with their state.
/// - Small: when the banner would leave the menu fewer than four items, it shortens to what to do (the
///   action, whole, on as many rows as it takes: QA I2) and `b` shows the rest; the summary gives way to it.
///   An emergency banner is never shortened: its crisis lines always show.
extension HomeScreen {
    /// Content width from which Home uses two columns.
    static let wideWidth = 118
    /// The most the left column (and any reading text) takes, however wide the window.
    static let measure = 76
    static let labelWidth = 12
    /// Menu rows Home keeps, banner or not: four items and the "more below" line.
    static let minimumMenuRows = 5
    /// Without a banner: the selected item and "more below".
    static let minimumMenuRowsUnderSummary = 2
    /// The next visit under today's exercises in two columns: a blank, the heading, two lines.
    static let nextVisitRows = 4

    /// One line of the summary: a label, its text, and how it reads.
    struct SummaryLine: Equatable, Sendable {
        var label: String
        var text: String
        var style: Style = .plain
        /// Up to `maxRows` rows instead of cutting the text (a list of names).
        var wraps = false
        var maxRows = 2
        /// A sparkline drawn before the text, one cell per day.
        var spark: Sparkline?
        /// Shorter wordings of `text`, longest first: in a narrow window the first that fits is shown
        /// rather than cutting the full one ("in per…").
        var shorter: [String] = []
        /// The question whose unread answer this line shows: read once the line is drawn whole (`drawnUnreadAnswers`).
        var unreadAnswer: Int64? = nil
        /// What matters for her safety (the after-birth check, none for now under a stop sign, Home's open
        /// question): said whole, however many rows it takes; on a screen too small for the whole summary the
        /// other lines give way to it, from the last up, before it is cut (`fitted`).
        var matters = false
        /// Where to read it all, said at the end of a text cut short: "… (t reads it all)" (QA M14).
        var readsAll: String? = nil

        /// `row` with its no-break spaces as plain spaces, scalar by scalar (Foundation's `replacingOccurrences`
        /// cost about 60 K instructions a row, 0.8 M of the first Home; issue 26).
        static func drawnSpaces(_ row: String) -> String {
            guard row.unicodeScalars.contains("\u{00A0}") else { return row }
            var spaced = String.UnicodeScalarView()
            for scalar in row.unicodeScalars { spaced.append(scalar == "\u{00A0}" ? " " : scalar) }
            return String(spaced)
        }

        /// Whether `rows` shows the whole text at `width` (not cut to `maxRows` or to one row).
        func isWhole(width: Int) -> Bool {
            let room = width - (spark.map { $0.values.count + 2 } ?? 0)
            guard wraps else { return DisplayWidth.of(text) <= room }
            return LineBreaker.lines(text, width: max(1, room)).count <= max(1, maxRows)
        }

        /// The rows of text at `width` cells after the label: at most `maxRows`, and at most `limit` (the rows
        /// left where it is drawn), the last row of a text cut short ending in the ellipsis.
        func rows(width: Int, ellipsis: String, limit: Int = .max) -> [String] {
            let room = width - (spark.map { $0.values.count + 2 } ?? 0)
            guard wraps else {
                let fitting = ([text] + shorter).first { DisplayWidth.of($0) <= room } ?? shorter.last ?? text
                return [DisplayWidth.truncate(fitting, to: room, ellipsis: ellipsis)]
            }
            // The no-break spaces keep each mark with its name while wrapping; drawn, they are spaces.
            let all = LineBreaker.lines(text, width: max(1, room)).map(Self.drawnSpaces)
            let keep = max(1, min(maxRows, limit))
            guard all.count > keep else { return all }
            let pointer = readsAll.map { " (\($0))" } ?? ""
            let last = DisplayWidth.truncate(all[(keep - 1)...].joined(separator: " "), to: max(1, room - DisplayWidth.of(pointer)), ellipsis: ellipsis)
            return Array(all.prefix(keep - 1)) + [DisplayWidth.truncate(last + pointer, to: room, ellipsis: ellipsis)]
        }
    }

    /// The lines of `lines` that `height` rows show at `width` cells (after the label): all of them when they
    /// fit; else the lines that do not matter for her safety give way, the last first, until what is left fits
    /// (a line that matters is never dropped: it is cut only when those alone do not fit).
    static func fitted(_ lines: [SummaryLine], width: Int, height: Int, ellipsis: String) -> [SummaryLine] {
        var kept = lines
        func rows() -> Int { kept.reduce(0) { $0 + $1.rows(width: width, ellipsis: ellipsis).count } }
        while rows() > height, let last = kept.lastIndex(where: { !$0.matters }) { kept.remove(at: last) }
        return kept
    }

    /// The summary, top to bottom: her stage, then each menu item's lines in the menu's order (`items`), then
    /// the open question. `sparkline`: the 14-day sparkline (left out when a chart shows the days).
    static func summary(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        var lines: [SummaryLine] = []
        if let patient = ctx.snapshot.patient {
            lines.append(SummaryLine(label: "Stage", text: patient.progress(on: ctx.today).headline))
        }
        lines += items.flatMap { $0.summary(ctx, sparkline) }
        // The open question (did visit 3 take place, has the baby arrived), whole rather than cut.
        lines += promptLines(ctx).map { SummaryLine(label: $0.0, text: $0.1, style: $0.2, wraps: true, maxRows: .max, matters: true) }
        return lines
    }

    /// Log pain's lines: today's pain, and the 14-day sparkline with its 7-day average.
    static func painLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        let snap = ctx.snapshot, g = ctx.glyphs
        var lines: [SummaryLine] = []
        let today = snap.entries(on: ctx.today)
        // Pain during an exercise is pain: the highest of the day shows beside the diary's.
        let during = PainScore.all(entries: [], sessions: snap.sessions.filter { $0.date == ctx.today }).max { $0.score < $1.score }
        let duringText = during.map { "\($0.score)/10 during \(ctx.exerciseName($0.exerciseID ?? ""))" }
        let duringShort = during.map { "\($0.score)/10 during an exercise" }
        if let last = today.last {
            let more = today.count > 1 ? " · \(today.count) entries today, highest \(today.map(\.score).max()!)" : ""
            let text = "\(last.score)/10 at \(last.time)\(more)"
            lines.append(SummaryLine(label: "Pain today", text: text + (duringText.map { " · " + $0 } ?? ""),
                                     style: during?.isHigh == true ? .warning : .plain,
                                     shorter: during == nil ? [] : [text + " · " + duringShort!, "\(last.score)/10 at \(last.time) · " + duringShort!]))
        } else if let duringText, let duringShort, !ctx.may(.painDiary) {
            // Her therapist reading the chart: the entry is hers to log, so no key is named.
            lines.append(SummaryLine(label: "Pain today", text: duringText + ".", style: .warning, shorter: [duringShort + "."]))
        } else if let duringText, let duringShort {
            lines.append(SummaryLine(label: "Pain today", text: duringText + ". Press l to log how it is now.", style: .warning,
                                     shorter: [duringShort + ". Press l to log how it is now.", duringShort + ". Press l."]))
        } else {
            lines.append(SummaryLine(label: "Pain today", text: ctx.may(.painDiary) ? "Not logged yet. Press l to log it." : "Not logged yet.", style: .warning))
        }
        let trend = snap.trend
        if sparkline, !trend.days.isEmpty {
            let spark = Sparkline(values: trend.dailyMeans(endingOn: ctx.today, count: 14), glyphs: g, style: .accent)
            // Says what the sparkline plots, in the words of the Progress chart's legend.
            let avg = ProgressScreen.dailyName + " · " + (trend.sevenDayAverage(endingOn: ctx.today).map { String(format: "7-day avg %.1f", $0) }
                ?? "none in the last 7 days")
            lines.append(SummaryLine(label: "Pain, 14 d", text: avg, spark: spark))
        }
        return lines
    }

    /// The exercises' lines: done of prescribed today with the streak, and what changed in this week's program.
    static func exerciseLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        let snap = ctx.snapshot, g = ctx.glyphs
        guard let week = snap.currentWeek else {
            return [SummaryLine(label: "Exercises", text: ctx.viewer.words.say(you: "Your program starts after your first visit.", she: "Her program starts after her first visit."),
                                style: .muted)]
        }
        // Under a sign that means stopping exercise, no count or streak to keep up: the banner above says why.
        if ctx.exerciseStopped {
            return [SummaryLine(label: "Exercises", text: SafetyRules.noExercisesNowSentence, style: .warning,
                                wraps: true, maxRows: .max, matters: true)]
        }
        // The after-birth check, whole (`AfterBirthCheck`): also under a program that has run out, whose last week
        // may be one planned for her pregnancy (review of the merge: it was dropped there).
        let afterBirth = ctx.viewer.isTherapist ? nil : snap.afterBirth.map {
            SummaryLine(label: "After birth", text: $0.whole, style: .warning, wraps: true, maxRows: .max, matters: true)
        }
        // Her program has run out (QA J6): no count of what is due, but when it ended and what to do.
        if let last = snap.programRanOut {
            return [SummaryLine(label: "Exercises", text: Program.ranOutText(last, words: ctx.viewer.words), style: .warning, wraps: true, maxRows: 3)]
                + (afterBirth.map { [$0] } ?? [])
        }
        let (done, prescribed) = snap.log.today(ctx.today)
        let streak = snap.streak.activeDays
        let streakText = streak > 0 ? " · \(streak)-day streak" : ""
        var lines = [SummaryLine(label: "Exercises", text: "\(done) of \(prescribed) done today (week \(week.number))\(streakText)",
                                 style: done == prescribed ? .good : .plain)]
        if let afterBirth { lines.append(afterBirth) }
        // What changed in this week's program: each mark stays with its exercise when the line wraps. An
        // exercise her stage holds back today (`PrescriptionHolds`) is not announced: she is told to wait for it.
        if week.number > 1 {
            let held = Set(week.prescriptions.filter { snap.holds.isHeld($0, on: ctx.today) }.map(\.exerciseID))
            let parts = snap.program.diff(for: week).changes.filter { !held.contains($0.exerciseID) }.map {
                "\($0.change.mark(ascii: g != .unicode))\u{00A0}\(ctx.exerciseName($0.exerciseID))"
            }
            if !parts.isEmpty {
                lines.append(SummaryLine(label: "New", text: "Week \(week.number): " + parts.joined(separator: ", "), style: .new, wraps: true))
            }
        }
        return lines
    }

    /// The visits' lines: the next visit with its countdown, and the visits completed of the plan.
    static func visitLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        let snap = ctx.snapshot, g = ctx.glyphs
        var lines: [SummaryLine] = []
        if let next = snap.nextVisit, let start = next.start {
            let countdown = next.countdown(from: snap.clock.now)
            let which = "\(next.number) of \(snap.plan?.size ?? Visit.planSize)"
            let mode = next.mode.title.lowercased()
            // Narrower: the date without its weekday, then "clinic" or "video" for how it is held.
            lines.append(SummaryLine(label: "Next visit", text: "\(which) · \(start.date.shortText) \(start.time) · \(countdown) · \(mode)",
                                     shorter: ["\(which) · \(start.date.dayMonthText) \(start.time) · \(countdown) · \(mode)",
                                               "\(which) · \(start.date.dayMonthText) \(start.time) · \(countdown) · "
                                                   + VisitsScreen.modeText(next.mode, short: true).lowercased()]))
            // Its address or link from an hour before until it ends: a video visit she is late to is one key away.
            if let place = next.placeNow(at: snap.clock.now) {
                lines.append(SummaryLine(label: place.label, text: place.text, wraps: true, maxRows: 3))
            }
        } else if let plan = snap.plan, plan.isComplete {
            // The plan is done: say so, and what comes next in the care plan's own words.
            lines.append(SummaryLine(label: "Care plan", text: CarePlan.completeText, style: .good, shorter: ["Complete: all six visits are done."]))
            let after = ctx.content.afterCarePlan
            if !after.isEmpty { lines.append(SummaryLine(label: "What next", text: after, wraps: true, maxRows: 4)) }
        } else if let passed = snap.plan?.unrecorded(now: snap.clock.now).first {
            // A booked visit has ended and no one has said how it went (qa-g, E18): the question, here, rather than
            // "none booked" above it; `promptLines` then leaves it out. `a` answers it when it is the first question.
            let answer = ctx.may(.visitRecords) ? (prompts(ctx).first == .visit(passed) ? " Press a." : "") : " " + Visit.recordedByCareTeamNote
            lines.append(SummaryLine(label: "Next visit", text: Visit.passedQuestion(passed) + answer, style: .warning, wraps: true, maxRows: .max,
                                     matters: true))
        } else {
            // Her therapist is the clinic: nothing about what the clinic will do for her. On her own computer she
            // books her visits herself (QA J12: "Your clinic will schedule…" was wrong there, and cut at 60 columns).
            lines.append(SummaryLine(label: "Next visit", text: ctx.viewer.words.say(you: "None booked. " + VisitsScreen.whoBooks(ctx, short: false), she: "None booked yet."),
                                     style: .muted, shorter: ctx.viewer.isTherapist ? [] : ["None booked. " + VisitsScreen.whoBooks(ctx, short: true)]))
        }
        // A complete plan says so above; the six dots would only repeat it.
        if let plan = snap.plan, !plan.isComplete {
            let dots = plan.visits.map { $0.status == .completed ? (g == .unicode ? "●" : g.checkboxOn) : (g == .unicode ? "○" : g.checkboxOff) }.joined()
            lines.append(SummaryLine(label: "Visits", text: "\(dots) \(plan.completedCount) of \(plan.size) completed"))
        }
        return lines
    }

    /// How long an answer from her therapist stays on Home after it was given (it is marked read once Home draws it).
    static let answerShownDays = 7

    /// The newest answer to her questions given in the last week (or not read yet); to her therapist, how many
    /// of her questions wait for an answer.
    static func questionLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        let questions = ctx.snapshot.record.questions
        if ctx.viewer.isTherapist {
            let n = questions.unanswered.count
            guard n > 0 else { return [] }
            return [SummaryLine(label: "Questions", text: n == 1 ? "1 question to answer (t)" : "\(n) questions to answer (t)", style: .warning)]
        }
        let since = ctx.today.adding(days: -(answerShownDays - 1))
        let recent = questions.filter { q in q.hasUnreadAnswer || (q.answeredAt.map { $0.date >= since } ?? false) }
        // Her own list waiting for the visit takes no row of Home: t opens it.
        guard let newest = recent.max(by: { ($0.answeredAt ?? $0.askedAt) < ($1.answeredAt ?? $1.askedAt) }), let at = newest.answeredAt else {
            return []
        }
        let answer = PlainText.removingControls(newest.answer), question = PlainText.removingControls(newest.text)
        let more = recent.count > 1 ? " (+\(recent.count - 1) more: t)" : ""
        return [SummaryLine(label: "Answer", text: "from your therapist, \(ctx.dayInSentence(at.date)): \(answer) (you asked: \(question))\(more)",
                            style: newest.hasUnreadAnswer ? .good : .plain, wraps: true, maxRows: 3,
                            unreadAnswer: newest.hasUnreadAnswer ? newest.id : nil, readsAll: "t reads it all")]
    }

    /// The unread answers Home draws whole in `area` (only the newest is ever shown; at a small size, or under a
    /// long alert, perhaps none): the app marks these read, and no others (`PortalApp.markAnswersShown`).
    static func drawnUnreadAnswers(_ ctx: ScreenContext, bannerOpen: Bool, area: Rect) -> [Int64] {
        let layout = layout(ctx, bannerOpen: bannerOpen, area: area)
        var y = 0, ids: [Int64] = []
        for line in layout.lines {
            let rows = line.rows(width: layout.summary.width - labelWidth, ellipsis: ctx.glyphs.ellipsis).count
            // Drawn whole: every row inside the summary, and the text not cut short at the last of them.
            if let id = line.unreadAnswer, y + rows <= layout.summary.height,
               line.isWhole(width: layout.summary.width - labelWidth) { ids.append(id) }
            y += rows
        }
        return ids
    }

    /// Where each part of Home goes.
    struct Layout: Sendable {
        var banner: Rect?
        /// The banner says what to do and no more (`SafetyAlert.advice`), with "b: read all" beside it.
        var bannerShortened = false
        /// The banner counts the signs instead of naming them (b shows them).
        var bannerCounted = false
        var summary: Rect
        var menu: Rect
        /// The pain chart and, in two columns, today's exercises; nil when there is no room.
        var chart: Rect?
        var exercises: Rect?
        var chartDays = 14
        /// In two columns, the rows under the menu for the latest pain entries; nil when there are too few.
        var recent: Rect?
        var lines: [SummaryLine]
    }

    /// What a banner that counts the signs says after the count.
    static let bannerMore = "b shows them"
    /// Beside a shortened banner, on its first row.
    static let bannerHint = " b: read all "

    /// The shortened banner (`Layout.bannerShortened`): what to do, whole, for a screen too small for the signs.
    static func shortBanner(_ alert: SafetyAlert, glyphs: Glyphs) -> Banner {
        Banner.safety(alert.level, alert.advice, glyphs: glyphs)
    }

    /// What Home's layout depends on besides the snapshot (the content is the app's, the same for every frame).
    private struct LayoutKey: Hashable, Sendable {
        var bannerOpen: Bool
        var area: Rect
        var glyphs: Glyphs
        var viewer: Viewer
    }

    /// Home laid out in `area`: once per snapshot, size and viewer (`PortalSnapshot.memo`), however often a frame
    /// asks (its key table three times for the first frame, for the footer's hints and the key, then the view).
    static func layout(_ ctx: ScreenContext, bannerOpen: Bool, area: Rect) -> Layout {
        ctx.snapshot.memo(LayoutKey(bannerOpen: bannerOpen, area: area, glyphs: ctx.glyphs, viewer: ctx.viewer)) {
            layOut(ctx, bannerOpen: bannerOpen, area: area)
        }
    }

    private static func layOut(_ ctx: ScreenContext, bannerOpen: Bool, area: Rect) -> Layout {
        var rows = area
        let wide = area.width >= wideWidth
        let lines = summary(ctx, sparkline: !wide)
        let columnWidth = wide ? min(measure, max(60, area.width / 2)) : area.width
        let summaryRows = lines.reduce(0) { $0 + $1.rows(width: columnWidth - labelWidth, ellipsis: ctx.glyphs.ellipsis).count }
        var banner: Rect?, shortened = false, counted = false
        if let alert = ctx.snapshot.safetyAlerts(guide: ctx.content.safety, viewer: ctx.viewer).first {
            let full = alert.banner(ctx.glyphs).height(width: area.width)
            // The menu keeps four items: else the banner takes one line and b shows the rest.
            let room = area.height - summaryRows - 2 - minimumMenuRows
            // A third of the screen at most, and past it the signs are counted, never the action or the numbers
            // cut (QA E7). Opened with b, the whole message, every sign named after what to do (only the end of
            // the list could be cut, on a screen too small for it).
            let fitted = alert.banner(ctx.glyphs, width: area.width, rows: max(2, area.height / 3), more: bannerMore)
            var h = bannerOpen ? min(full, max(2, area.height - 2)) : fitted.height
            counted = !bannerOpen && fitted.counted
            // An emergency (crisis lines, call 911) is never shortened: it keeps its rows whatever the menu loses.
            // Any other says what to do, whole, however many rows that takes (QA I2: "call your…" was all a
            // 60×18 screen kept of it); the summary gives way to it, not the action.
            if !bannerOpen, h > room, alert.level != .emergency {
                let short = shortBanner(alert, glyphs: ctx.glyphs).height(width: area.width - DisplayWidth.of(bannerHint))
                if short < h { h = short; shortened = true; counted = false }
            }
            // A shortened banner stands out by its colour and reverse video alone: no blank row under it.
            let (top, rest) = rows.splitTop(shortened ? h : h + 1)
            banner = shortened ? top : top.inset(bottom: 1)
            rows = rest
        }
        // The menu keeps rows, so she always sees the way to the rest: under a banner four items and "more below"
        // (an emergency banner is never shortened, so on a small screen the summary gives way, never the menu);
        // without one at least an item and "more below", so the summary's words are said whole where they can be
        // (a long summary, the after-birth check naming her therapist's weeks with a question and a to-do, had
        // filled a 60×18 screen to the footer and left no menu at all).
        let count = Self.menu(ctx).count
        var menuRows = min(count + 1, banner == nil ? minimumMenuRowsUnderSummary : minimumMenuRows)
        // Under a banner that leaves too few rows for what matters for her safety (an emergency's crisis lines at
        // 60×18 had cut the open question), less important rows give way first: the menu's, which keeps its four
        // items on two rows where it takes two columns, then the blank row under the banner.
        let mattersRows = lines.filter(\.matters).reduce(0) { $0 + $1.rows(width: columnWidth - labelWidth, ellipsis: ctx.glyphs.ellipsis).count }
        if banner != nil, rows.height - menuRows < mattersRows {
            let items = minimumMenuRows - 1, inTwoColumns = (items + 1) / 2 + 1
            if menuGrid(ctx, in: Rect(x: rows.x, y: rows.y, width: columnWidth, height: inTwoColumns)).columns == 2 {
                menuRows = min(menuRows, inTwoColumns)
            }
        }
        if let rect = banner, !shortened, rows.height - menuRows < mattersRows {
            rows = Rect(x: rows.x, y: rect.maxY, width: rows.width, height: rows.maxY - rect.maxY)
        }
        // What matters for her safety is said whole: the other lines give way to it first (`fitted`), and the
        // menu takes the rows they leave.
        let available = max(0, rows.height - menuRows)
        let shown = fitted(lines, width: columnWidth - labelWidth, height: summaryRows + 1 <= available ? .max : available, ellipsis: ctx.glyphs.ellipsis)
        let shownRows = shown.reduce(0) { $0 + $1.rows(width: columnWidth - labelWidth, ellipsis: ctx.glyphs.ellipsis).count }
        let summaryHeight = min(shownRows + 1, available)
        guard wide else {
            let (top, below) = rows.splitTop(summaryHeight)
            var menu = below, chart: Rect?
            // A tall window: the chart under the menu rather than blank rows.
            if below.height >= count + 1 + 8 {
                let (m, c) = below.splitTop(count + 1)
                menu = m.inset(bottom: 1)
                chart = Rect(x: c.x, y: c.y, width: min(c.width, measure), height: min(c.height, 14))
            }
            return Layout(banner: banner, bannerShortened: shortened, bannerCounted: counted, summary: top, menu: menu, chart: chart, lines: shown)
        }
        let left = Rect(x: rows.x, y: rows.y, width: columnWidth, height: rows.height)
        let right = Rect(x: left.maxX + 3, y: rows.y, width: rows.maxX - left.maxX - 3, height: rows.height)
        let (top, below) = left.splitTop(summaryHeight)
        // The menu takes its rows; what is left under it lists the latest pain entries.
        let (menu, under) = below.height >= count + 1 + recentMinimumRows ? below.splitTop(count + 1) : (below, nil)
        // The chart grows with the window, leaving today's exercises and the next visit their rows under it.
        let exerciseRows = (ctx.snapshot.currentWeek?.prescriptions.count).map { $0 + 2 } ?? 0
        let chartRows = min(36, max(8, right.height - exerciseRows - 1 - nextVisitRows - 1))
        let (chart, rest) = right.splitTop(min(right.height, chartRows + 1))
        return Layout(banner: banner, bannerShortened: shortened, bannerCounted: counted, summary: top, menu: menu,
                      chart: chart, exercises: rest.height >= 3 ? rest.inset(top: 1) : nil,
                      chartDays: right.width >= 90 ? 28 : 14, recent: under, lines: shown)
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let layout = Self.layout(ctx, bannerOpen: bannerOpen, area: area)
        let g = ctx.glyphs
        if let rect = layout.banner, let alert = ctx.snapshot.safetyAlerts(guide: ctx.content.safety, viewer: ctx.viewer).first {
            let banner = layout.bannerCounted ? Banner.safety(alert.level, alert.bannerBody(counted: true, more: Self.bannerMore), glyphs: g)
                                              : alert.banner(g)
            if layout.bannerShortened {
                let hint = Self.bannerHint
                let (text, key) = rect.splitLeft(max(0, rect.width - DisplayWidth.of(hint)))
                let short = Self.shortBanner(alert, glyphs: g)
                buffer.render(short, in: text)
                var style = short.level.style
                style.bold = true
                buffer.fill(key, style: short.level.style)
                buffer.write(hint, x: key.x, y: key.y, style: style, clip: key)
            } else {
                buffer.render(banner, in: rect)
            }
        }
        drawSummary(layout.lines, in: layout.summary, into: &buffer, glyphs: g)
        drawMenu(ctx, in: layout.menu, into: &buffer, glyphs: g)
        if let rect = layout.chart { drawChart(ctx, days: layout.chartDays, in: rect, into: &buffer) }
        if let rect = layout.recent { drawRecent(ctx, in: rect, into: &buffer) }
        if let rect = layout.exercises {
            let used = drawExercises(ctx, in: rect, into: &buffer)
            drawNextVisit(ctx, in: rect.inset(top: used + 1), into: &buffer)
        }
    }

    /// The next visit and what it is for, under today's exercises.
    private func drawNextVisit(_ ctx: ScreenContext, in area: Rect, into buffer: inout Buffer) {
        guard area.height >= 2 else { return }
        buffer.write("Next visit", x: area.x, y: area.y, style: .label, clip: area)
        var lines = [String(VisitsScreen.nextLine(ctx).trimmingPrefix("Next: "))]
        // On Home, Enter opens a menu item, not a visit: who books it in Home's words, as the summary says it.
        if ctx.snapshot.nextVisit == nil, !ctx.viewer.isTherapist, ctx.snapshot.plan?.isComplete != true {
            lines[0] = "None booked. " + VisitsScreen.whoBooks(ctx, short: false)
        }
        if let next = ctx.snapshot.nextVisit {
            lines[0] += " · " + next.mode.title.lowercased()
            if !next.focus.isEmpty { lines += LineBreaker.lines("For: " + next.focus, width: max(1, area.width)) }
        }
        for (i, line) in lines.prefix(area.height - 1).enumerated() {
            buffer.write(DisplayWidth.truncate(line, to: area.width, ellipsis: ctx.glyphs.ellipsis), x: area.x, y: area.y + 1 + i,
                         style: i == 0 ? .plain : .muted, clip: area)
        }
    }

    private func drawSummary(_ lines: [SummaryLine], in area: Rect, into buffer: inout Buffer, glyphs g: Glyphs) {
        var y = area.y
        for line in lines {
            guard y < area.maxY else { return }
            // A line with fewer rows left than it wraps to is cut on the last of them, with the ellipsis.
            let rows = line.rows(width: area.width - Self.labelWidth, ellipsis: g.ellipsis, limit: area.maxY - y)
            buffer.write(DisplayWidth.truncate(line.label, to: Self.labelWidth - 1), x: area.x, y: y, style: .label, clip: area)
            var x = area.x + Self.labelWidth
            if let spark = line.spark {
                buffer.render(spark, in: Rect(x: x, y: y, width: spark.values.count, height: 1).intersection(area))
                x += spark.values.count + 2
            }
            for row in rows where y < area.maxY {
                buffer.write(row, x: x, y: y, style: line.style, clip: area)
                y += 1
            }
        }
    }

    /// How the menu is laid out in its area: one column when every item fits under the other (or two would not fit
    /// side by side), else two, filled down the first column and then the second, so that at 80×24 every item shows
    /// without scrolling. `rows` is the rows of a column, `leftWidth` the first column's cells (the widest of its
    /// items); the second starts `MenuGrid.gap` cells after it.
    struct MenuGrid: Equatable {
        var columns: Int
        var rows: Int
        var leftWidth: Int
        static let gap = 2

        /// The column and row of item `i`.
        func place(_ i: Int) -> (column: Int, row: Int) { (i / rows, i % rows) }
    }

    /// The menu's grid in `area` (`MenuGrid`): an item is its marker, its letter and a space, then its label.
    static func menuGrid(_ ctx: ScreenContext, in area: Rect) -> MenuGrid {
        let labels = menu(ctx).map { 4 + DisplayWidth.of($0.label) }
        let one = MenuGrid(columns: 1, rows: max(1, labels.count), leftWidth: area.width)
        guard labels.count > area.height, labels.count > 1 else { return one }
        let rows = (labels.count + 1) / 2
        let left = labels.prefix(rows).max() ?? 0, right = labels.dropFirst(rows).max() ?? 0
        guard left + MenuGrid.gap + right <= area.width else { return one }
        return MenuGrid(columns: 2, rows: rows, leftWidth: left)
    }

    /// The menu fills its area, in one column or two (`menuGrid`); when it does not fit, its last row says which
    /// way the rest is.
    private func drawMenu(_ ctx: ScreenContext, in area: Rect, into buffer: inout Buffer, glyphs g: Glyphs) {
        var menuArea = area
        let items = Self.menu(ctx).map { ListItem($0.label, key: String($0.key)) }
        guard !items.isEmpty else { return }
        let grid = Self.menuGrid(ctx, in: area)
        let chosen = min(max(0, selected), items.count - 1)
        let fits = menuArea.height >= grid.rows
        if !fits, menuArea.height >= 2 { menuArea = menuArea.inset(bottom: 1) }
        // Both columns scroll together, by the rows of the chosen item's column.
        let offset = ListView.scrollOffset(selected: grid.place(chosen).row, count: grid.rows, height: menuArea.height)
        for column in 0..<grid.columns {
            var list = Array(items[(column * grid.rows)..<min(items.count, (column + 1) * grid.rows)])
            // A shorter second column keeps its rows beside the first's as both scroll.
            while list.count < grid.rows { list.append(ListItem("", key: "")) }
            let x = column == 0 ? menuArea.x : menuArea.x + grid.leftWidth + MenuGrid.gap
            let rect = Rect(x: x, y: menuArea.y, width: column == 0 && grid.columns > 1 ? grid.leftWidth : menuArea.maxX - x,
                            height: menuArea.height).intersection(menuArea)
            let place = grid.place(chosen)
            buffer.render(ListView(items: list, selected: place.column == column ? place.row : nil, offset: offset, glyphs: g), in: rect)
        }
        if !fits, menuArea.height >= 1 {
            let above = offset > 0, below = offset + menuArea.height < grid.rows
            let hint = [above ? "\(g.up) more above" : nil, below ? "\(g.down) more below" : nil].compactMap { $0 }.joined(separator: "  ")
            buffer.write(hint, x: menuArea.x + 2, y: menuArea.maxY, style: .muted, clip: area)
        }
    }

    /// "Pain, last 14 days" over the chart of the daily means and their 7-day average.
    private func drawChart(_ ctx: ScreenContext, days: Int, in area: Rect, into buffer: inout Buffer) {
        guard area.height >= 6 else { return }
        buffer.write("Pain, last \(days) days", x: area.x, y: area.y, style: .label, clip: area)
        buffer.render(ProgressScreen.chart(ctx, days: days), in: area.inset(top: 1))
    }

    /// Today's exercises with their state: done, or how many of the day's sessions are left. Returns the rows used.
    private func drawExercises(_ ctx: ScreenContext, in area: Rect, into buffer: inout Buffer) -> Int {
        let snap = ctx.snapshot, g = ctx.glyphs
        guard let week = snap.currentWeek else { return -1 }
        // Once her program has run out nothing is today's to do (QA J6): the latest week, and when it ended.
        let title = snap.programRanOut.map { "Latest week (\(week.number), ended \($0.shortText))" } ?? "Today's exercises (week \(week.number))"
        buffer.write(title, x: area.x, y: area.y, style: .label, clip: area)
        let log = snap.log
        for (i, p) in week.prescriptions.enumerated() {
            let y = area.y + 1 + i
            guard y < area.maxY else { return area.height }
            let today = log.day(p, on: ctx.today)
            let finished = today.isDone
            // One her stage holds back today is not to do: it waits, and Exercises says why.
            let held = log.isHeld(p, on: ctx.today)
            let state = held ? "wait" : today.stateText
            let box = held ? String(repeating: " ", count: DisplayWidth.of(g.checkboxOff)) : finished ? g.checkboxOn : g.checkboxOff
            let x = buffer.write(box, x: area.x, y: y, style: finished ? .good : .plain, clip: area)
            let name = DisplayWidth.truncate(ctx.exerciseName(p.exerciseID), to: max(1, area.width - 6 - DisplayWidth.of(state) - 2), ellipsis: g.ellipsis)
            let after = buffer.write(" " + name, x: x, y: y, clip: area)
            buffer.write("  " + state, x: after, y: y, style: held ? .warning : finished ? .good : .muted, clip: area)
        }
        return week.prescriptions.count + 1
    }
}
