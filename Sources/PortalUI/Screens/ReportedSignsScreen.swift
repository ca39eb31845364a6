import PortalCore

/// The warning signs she reported lately (with a pain score or on their own), newest first, and whether her
/// therapist has reviewed them. The patient reads it from the Warning signs check (`r`): beside each sign her
/// therapist reviewed it says "reviewed by your therapist" and the day, and nothing more (a review is not a
/// judgement of the sign). On her own file there is no therapist, and nothing about reviews is said.
/// Her therapist opens it from the chart (`w`), where each sign says whether it is reviewed, and `v` marks the
/// signs on her screen not reviewed yet as reviewed after a confirmation (`Effect.reviewSigns`): in her name and
/// now, which the caseload then stops flagging. A review covers the signs by the order they were written, up to
/// the newest on the screen (`SignReview.enteredThrough`), so one written later, whatever day it is dated, is
/// not reviewed yet. A check-in's answer that reports a sign (burning when peeing) is listed among them as her
/// check-in's, which no review covers (`checkInSigns`).
public struct ReportedSignsScreen: PortalScreen {
    /// The first row shown.
    public internal(set) var offset = 0
    /// True while asking whether to mark the signs reviewed.
    public internal(set) var confirming = false
    /// What the question asks about, fixed when `v` is pressed (qa-h H7: the question, re-read at each refresh,
    /// widened to signs that arrived while it was open, and `y` reviewed signs she had never been shown): the
    /// newest date and place of the signs then on the screen, and how many.
    public internal(set) var askedThrough: LocalDateTime?
    public internal(set) var askedEntered: Int64?
    public internal(set) var askedCount = 0

    public init() {}

    public var title: String { "Warning signs reported" }
    public var isReading: Bool { true }

    /// The signs of the snapshot's window, newest first.
    static func signs(_ ctx: ScreenContext) -> [ReportedSign] {
        ctx.snapshot.record.reportedSigns().reversed()
    }

    /// Her check-ins' answers that report a sign (`SafetyGuide.signs(in:)`: burning when peeing) in the same
    /// days, newest first: she is told them as a reported sign, so they are listed with the signs, said as a
    /// check-in's. A check-in keeps its day only, and has no place in the order a review covers, so none is
    /// reviewed (her caseload row says them for a week: `CaseloadReason.checkInSigns`).
    static func checkInSigns(_ ctx: ScreenContext) -> [(date: CalendarDate, signs: [WarningSign])] {
        ctx.snapshot.checkInSigns(guide: ctx.content.safety, today: ctx.today)
    }

    /// The signs on the screen no review covers yet (newest first), each with its place in the order written.
    static func unreviewed(_ ctx: ScreenContext) -> [ReportedSign] {
        signs(ctx).filter { ctx.snapshot.record.review(of: $0) == nil && $0.entered != nil }
    }

    /// What `v` marks reviewed: the signs on the screen not reviewed yet, up to the newest place among them
    /// (with the newest date shown, for the question); nil when there are none.
    static func toReview(_ ctx: ScreenContext) -> (through: LocalDateTime, entered: Int64)? {
        let shown = unreviewed(ctx)
        guard let place = shown.compactMap(\.entered).max(), let newest = shown.map({ LocalDateTime(date: $0.date, time: $0.time) }).max() else {
            return nil
        }
        return (newest, place)
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ReportedSignsScreen> {
        // While the question is asked, y marks them reviewed and any other key does not: the footer says only that.
        if confirming {
            return KeyTable([
                KeyBinding([.character("y"), .character("Y")], KeyHint("y", "reviewed")) { s, key, ctx in s.answer(key, ctx) },
                KeyBinding([.escape], KeyHint("Esc", "not yet"), helpHint: KeyHint("any other key", "not yet"),
                           matching: { _ in true }) { s, key, ctx in s.answer(key, ctx) },
            ])
        }
        let reviewable = ctx.may(.signReviews) && Self.toReview(ctx) != nil
        return KeyTable([
            KeyBinding([.character("v")], KeyHint("v", "mark reviewed"), active: reviewable) { s, _, ctx in
                s.ask(ctx)
                return .stay
            },
        ] + ScrollingPage.keys(ctx.glyphs, for: self, ctx, offset: \.offset) { _, ctx in Self.page(ctx, width: ctx.area.width) })
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        keyTable(ctx).handle(key, &self, ctx)
    }

    /// Asks about the signs on the screen not reviewed yet, as they are now.
    private mutating func ask(_ ctx: ScreenContext) {
        let shown = Self.toReview(ctx)
        confirming = shown != nil
        askedThrough = shown?.through
        askedEntered = shown?.entered
        askedCount = Self.unreviewed(ctx).count
    }

    /// The signs not reviewed yet that arrived after the question was asked (none before it is).
    func arrivedSinceAsked(_ ctx: ScreenContext) -> Int {
        guard let asked = askedEntered else { return 0 }
        return Self.unreviewed(ctx).filter { ($0.entered ?? 0) > asked }.count
    }

    /// The answer to the question: y marks reviewed exactly the signs the question named (by their place in the
    /// order written: one that arrived since is not reviewed), any other key leaves them. When more arrived while
    /// it was open, y asks again, naming them all, rather than review what she was not shown.
    private mutating func answer(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        guard key == .character("y") || key == .character("Y"), ctx.may(.signReviews),
              let through = askedThrough, let entered = askedEntered else {
            confirming = false
            return .stay
        }
        if arrivedSinceAsked(ctx) > 0 {
            ask(ctx)
            return .stay
        }
        confirming = false
        guard Self.toReview(ctx) != nil else { return .stay }  // reviewed meanwhile (in another session)
        return .effects(.reviewSigns(through: through, entered: entered))
    }

    /// The question, in words: which signs the review covers and what she will see (those it was asked about,
    /// and any that arrived since, which it does not cover).
    func question(_ ctx: ScreenContext) -> String {
        let newest = askedThrough.map { " (the newest dated \($0.date.shortText) \($0.time))" } ?? ""
        let more = arrivedSinceAsked(ctx)
        if more > 0 {
            return "\(more.counted("new warning sign", "new warning signs")) arrived while you were asked: press y to ask again "
                + "about all \(Self.unreviewed(ctx).count.counted("sign")) not reviewed yet, any other key = not yet"
        }
        return "Mark the \(askedCount.counted("warning sign")) not reviewed yet\(newest) as reviewed by you? "
            + "She sees that you reviewed them. y = reviewed, any other key = not yet"
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        var pageArea = area
        if confirming {
            let lines = Array(Paragraph.lines(question(ctx), width: area.width).prefix(max(0, min(3, area.height - 2))))
            let (top, bottom) = area.splitBottom(lines.count + 1)
            pageArea = top
            for (i, line) in lines.enumerated() { buffer.line(line, area: bottom, row: i + 1, style: .warning) }
        }
        Self.page(ctx, width: area.width).draw(offset: offset, into: &buffer, area: pageArea, glyphs: ctx.glyphs)
    }

    /// The whole list at `width`.
    static func page(_ ctx: ScreenContext, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        let therapist = ctx.viewer.isTherapist
        let reviews = ctx.viewer != .patient  // a clinic's record: her therapist reviews; her own file has none
        let days = PortalSnapshot.historyDays
        let signs = signs(ctx)
        var checkIns = checkInSigns(ctx)
        if therapist {
            page.text("The warning signs she reported in the last \(days) days, newest first, and whether you reviewed them.")
        } else {
            page.text("The warning signs you reported in the last \(days) days, newest first."
                      + (reviews ? " Your therapist sees them too." : " Show them to your therapist at your next visit."))
        }
        page.blank()
        guard !signs.isEmpty || !checkIns.isEmpty else {
            page.text(ctx.viewer.words.say(you: "You reported none.", she: "She reported none."), style: .muted)
            return page
        }
        // A check-in's, on its day, after the signs of that day reported at a time (as Home's banner orders them).
        func checkInsUntil(_ date: CalendarDate?) {
            while let c = checkIns.first, date.map({ c.date > $0 }) ?? true {
                checkIns.removeFirst()
                page.text("\(ctx.dayText(c.date)) · in \(ctx.viewer.words.say(you: "your", she: "her")) check-in", style: .label)
                for sign in c.signs { page.text(sign.text, indent: 2) }
                if therapist { page.text("a check-in's answer: nothing to review (her check-ins show it)", style: .muted, indent: 2) }
            }
        }
        for s in signs {
            checkInsUntil(s.date)
            let words = ctx.content.safety.sign(s.sign)?.text ?? s.sign
            let pain = s.painScore.map { " · with pain \($0)/10" } ?? ""
            page.text("\(ctx.dayText(s.date)) \(s.time)\(pain)", style: .label)
            page.text(words, indent: 2)
            // What she wrote with it (which leg, how much bleeding): what she would tell her therapist.
            if !s.note.isEmpty { page.text("Note: " + PlainText.removingControls(s.note), indent: 2) }
            guard reviews else { continue }
            if let review = ctx.snapshot.record.review(of: s) {
                page.text(review.text(for: ctx.viewer, today: ctx.today), style: .muted, indent: 2)
            } else if therapist {
                page.text("not reviewed yet (v marks it reviewed)", style: .warning, indent: 2)
            }
        }
        checkInsUntil(nil)
        return page
    }
}
