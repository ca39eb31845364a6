import PortalCore

/// Home's lines for the bladder diary and the questionnaires.
extension HomeScreen {
    /// "Bladder diary: day 2 of 3" while her therapist's three days before a visit are on; otherwise, on a
    /// day she logged, today's counts.
    static func bladderLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        let events = ctx.snapshot.record.bladderEvents
        if let diary = ThreeDayDiary.status(conditions: ctx.patient?.conditions ?? [], visits: ctx.snapshot.plan?.visits ?? [],
                                            loggedDays: Set(events.map(\.date)), now: ctx.snapshot.clock.now) {
            let asks = !diary.isDone && !diary.isClosed
            // What to do and its key are the end of the line: it wraps to a second row rather than lose them (QA E3).
            return [SummaryLine(label: "Bladder", text: diary.headline + (asks ? ". Press d." : ""), style: asks ? .warning : .plain, wraps: true)]
        }
        let today = BladderDay(date: ctx.today, events: events)
        guard !today.isEmpty else { return [] }
        let pees = "\(today.pees) pee\(today.pees == 1 ? "" : "s")"
        let leaks = "\(today.leakCount) leak\(today.leakCount == 1 ? "" : "s")"
        return [SummaryLine(label: "Bladder", text: "Today: \(pees), \(leaks), \(today.fluidsML) mL to drink",
                            shorter: ["Today: \(pees), \(leaks)"])]
    }

    /// "Before visit 4: 2 short questionnaires (about 5 minutes)" while some are due: her to-do, with the key
    /// that starts them; on her chart what is due from her, with no key (her therapist reads them, m).
    static func measureLines(_ ctx: ScreenContext, sparkline: Bool) -> [SummaryLine] {
        guard let due = MeasuresScreen.dueMeasures(ctx) else { return [] }
        let words = ctx.viewer.words
        // Wrapped to a second row rather than cut: the key that starts them is at the end (QA E3).
        return [SummaryLine(label: words.say(you: "To do", she: "Her to do"), text: due.headline + words.say(you: ". Press m.", she: "."),
                            style: .warning, wraps: true)]
    }
}
