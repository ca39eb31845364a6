import Foundation
import PortalCore

/// How things are going: pain over the last 30 (or 90) days as a chart with its 7-day average, the same in
/// words with the change since the first week, then exercise adherence by program week and the streak.
/// The chart takes the rows the text leaves (never fewer than 8) and the whole width; the text keeps a
/// reading measure. The page scrolls when it does not fit.
public struct ProgressScreen: PortalScreen {
    /// Days of pain shown: 30 or 90.
    public internal(set) var days = 30
    /// The first row shown. Kept within the page by `handle`; `view` clamps it again after a resize.
    public internal(set) var offset = 0

    public init() {}

    public var title: String { "Progress" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ProgressScreen> {
        // The chart and text change length with the range: start again from the top.
        func range(_ days: @escaping (Int) -> Int) -> (inout ProgressScreen) -> Void {
            { s in s.days = days(s.days); s.offset = 0 }
        }
        return KeyTable([
            KeyBinding([.character("t")], KeyHint("t", days == 30 ? "show 90 days" : "show 30 days"), range { $0 == 30 ? 90 : 30 }),
            KeyBinding([.character("3")], KeyHint("3", "30 days"), footer: false, range { _ in 30 }),
            KeyBinding([.character("9")], KeyHint("9", "90 days"), footer: false, range { _ in 90 }),
        ] + ScrollingPage.keys(ctx.glyphs, for: self, ctx, offset: \.offset, pageInFooter: true) { s, ctx in
            Self.page(ctx, days: s.days, size: ctx.area)
        })
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let size = Size(width: area.width, height: area.height)
        Self.page(ctx, days: days, size: size).draw(offset: offset, into: &buffer, area: area, glyphs: ctx.glyphs)
    }

    // MARK: Layout

    /// What the page depends on besides the snapshot.
    private struct PageKey: Hashable, Sendable {
        var days: Int
        var size: Size
        var glyphs: Glyphs
    }

    /// The whole page for an area of `size`, laid out once per snapshot and size (`PortalSnapshot.memo`): a
    /// key that only scrolls, or another frame, draws the same page again without working it out again.
    static func page(_ ctx: ScreenContext, days: Int, size: Size) -> ScrollingPage {
        ctx.snapshot.memo(PageKey(days: days, size: size, glyphs: ctx.glyphs)) { layOut(ctx, days: days, size: size) }
    }

    /// The chart gets what the text leaves, between 8 and 16 rows. The chart takes the whole width; the text
    /// and the adherence bars keep a reading measure.
    static func layOut(_ ctx: ScreenContext, days: Int, size: Size) -> ScrollingPage {
        var text = ScrollingPage(width: size.width)
        text.measure = PortalApp.readingMeasure
        addText(ctx, to: &text)
        let chartRows = min(16, max(8, size.height - 1 - text.height))
        var page = ScrollingPage(width: size.width)
        page.measure = PortalApp.readingMeasure
        page.text("Pain over the last \(days) days", style: .label)
        page.widget(chart(ctx, days: days), rows: chartRows)
        addText(ctx, to: &page)
        return page
    }

    /// Everything under the chart: pain in words, then exercise.
    static func addText(_ ctx: ScreenContext, to page: inout ScrollingPage) {
        let snap = ctx.snapshot
        let trend = snap.trend
        page.blank()
        // On her chart her therapist reads about her: "she", and nothing for her to do.
        let words = ctx.viewer.words
        page.text(averageText(trend, today: ctx.today, words: words))
        page.text(trend.changeSinceFirstWeek(today: ctx.today)?.sentence(for: words)
                  ?? words.say(you: "Keep logging: after two weeks of entries the portal can tell you how your pain has changed.",
                               she: "After two weeks of her entries the portal says how her pain has changed."))
        page.blank()
        page.text("Exercise: adherence by week", style: .label)
        // Worked out once per snapshot (`PortalSnapshot.adherenceByWeek`), not on every key.
        let weeks = snap.adherenceByWeek
        if weeks.isEmpty {
            page.text("\(words.Your) exercise program starts after \(words.your) first visit.", style: .muted)
        } else {
            page.widget(BarChart(bars: bars(weeks, ctx), glyphs: ctx.glyphs), rows: weeks.count, measured: true)
            let streak = snap.streak
            page.text(streakText(activeDays: streak.activeDays, restDays: streak.restDays))
        }
        addDiaries(ctx, to: &page)
    }

    /// Weeks of the diaries shown on Progress.
    static let diaryWeeks = 8

    /// The bladder diary's leaks per day by week, the bowel log by week, and each questionnaire's change since
    /// the first, in words; each only once there is something in it.
    static func addDiaries(_ ctx: ScreenContext, to page: inout ScrollingPage) {
        let record = ctx.snapshot.record
        let bladder = BladderWeek.weeks(record.bladderEvents, endingOn: ctx.today, count: diaryWeeks).filter { $0.daysKept > 0 }
        if !bladder.isEmpty {
            page.blank()
            page.text("Bladder: leaks per day, by week", style: .label)
            let most = max(1, bladder.compactMap(\.leaksPerDay).max() ?? 1)
            page.widget(BarChart(bars: bladder.map { w in
                let perDay = w.leaksPerDay ?? 0
                return Bar("\(w.start.dayMonthText)–\(w.end.dayMonthText)", value: perDay / most,
                           valueText: "\(oneDecimal(perDay)) a day (\(w.leaks) in \(w.daysKept) day\(w.daysKept == 1 ? "" : "s") kept)")
            }, glyphs: ctx.glyphs), rows: bladder.count, measured: true)
        }
        let bowel = BowelWeek.weeks(record.bowelEntries, endingOn: ctx.today, count: diaryWeeks).filter { $0.movements > 0 }
        if !bowel.isEmpty {
            page.blank()
            page.text("Bowels, by week", style: .label)
            for w in bowel { page.text("\(w.start.dayMonthText)–\(w.end.dayMonthText): \(w.text)") }
        }
        let responses = record.measureResponses
        let measures = ctx.content.measures.filter { m in responses.contains { $0.measureID == m.id } }
        if !measures.isEmpty {
            page.blank()
            page.text("Questionnaires", style: .label)
            for m in measures {
                if let change = m.change(responses) {
                    page.text(change.sentence(for: ctx.viewer.words))
                } else if let only = responses.last(where: { $0.measureID == m.id }) {
                    page.text("\(m.shortTitle): \(m.scoreText(m.score(only).total)) on \(only.date.dayMonthText), the first time; the change shows after the next one.")
                }
            }
        }
    }

    // MARK: Pieces

    /// The daily mean and its rolling 7-day average for the `days` days ending today.
    static func chart(_ ctx: ScreenContext, days: Int) -> LineChart {
        let trend = ctx.snapshot.trend
        let first = ctx.today.adding(days: 1 - days)
        let averages = (0..<days).map { trend.sevenDayAverage(endingOn: first.adding(days: $0)) }
        return LineChart(series: trend.dailyMeans(endingOn: ctx.today, count: days), secondary: averages,
                         firstLabel: first.dayMonthText, lastLabel: ctx.today.dayMonthText, seriesName: Self.dailyName,
                         emptyText: "No pain logged in these \(days) days", glyphs: ctx.glyphs)
    }

    /// "7-day average: 3.5 (the lowest since you started logging)". The comparison is made only with
    /// at least a week of earlier averages, and says "lowest" only when it is.
    static func averageText(_ trend: PainTrend, today: CalendarDate, words: ViewerWords = ViewerWords(aboutHer: false)) -> String {
        guard let average = trend.sevenDayAverage(endingOn: today) else {
            return "7-day average: nothing logged in the last 7 days."
        }
        let text = "7-day average: " + oneDecimal(average)
        guard let start = trend.days.first?.date, let firstLogged = trend.firstLogged else { return text }
        // Earlier averages over full weeks of logging, up to yesterday, rounded as they are shown.
        var earlier: [Double] = []
        var day = start.adding(days: 6)
        while day < today {
            if let a = trend.sevenDayAverage(endingOn: day) { earlier.append(rounded(a)) }
            day = day.adding(days: 1)
        }
        guard earlier.count >= 7, let low = earlier.min(), let high = earlier.max() else { return text }
        // The snapshot holds only the last months: say "since you started" only when the start is inside them.
        let since = firstLogged == start && start > today.adding(days: 14 - PortalSnapshot.historyDays)
            ? words.say(you: "since you started logging", she: "since she started logging") : "in the last four months"
        let now = rounded(average)
        if now < low { return text + " (the lowest \(since))" }
        if now == low { return text + " (as low as it has been \(since))" }
        if now > high { return text + " (the highest \(since))" }
        if let weekAgo = trend.sevenDayAverage(endingOn: today.adding(days: -7)) {
            return text + " (a week ago: \(oneDecimal(weekAgo)))"
        }
        return text
    }

    /// One bar per program week: "Week 1", "80% (12 of 15)"; the current week is "so far".
    static func bars(_ weeks: [WeekAdherence], _ ctx: ScreenContext) -> [Bar] {
        let log = ctx.snapshot.log
        return weeks.map { w in
            // A week is under way until its last day as adherence counts it is over: the day before the next week
            // starts, or the seventh day of her last one, after which her program has run out (QA J6).
            let ongoing = log.program.week(number: w.week).map { log.lastDay(of: $0, today: ctx.today) >= ctx.today } ?? false
            // A week that lasted longer than 7 days (the next visit came late) says how long it was.
            let long = w.days > 7 ? ", \(w.days) days" : ""
            return Bar("Week \(w.week)" + (ongoing ? " so far" : ""), value: w.ratio,
                       valueText: "\(w.percent)% (\(w.sessionsText())\(long))")
        }
    }

    static func streakText(activeDays: Int, restDays: Int) -> String {
        guard activeDays > 0 else {
            return "Streak: none right now. Any exercise done today starts a new one."
        }
        let days = "\(activeDays) exercise day\(activeDays == 1 ? "" : "s")"
        guard restDays > 0 else { return "Current streak: \(days) in a row." }
        return "Current streak: \(days), with \(restDays) planned rest day\(restDays == 1 ? "" : "s") in between."
    }

    /// What the chart's points are, in the legend and on Home alike: the mean of the day's scores.
    public static let dailyName = "day's average"

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
    static func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
}
