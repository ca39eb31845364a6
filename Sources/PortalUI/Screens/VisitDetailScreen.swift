import PortalCore

/// One visit in full: what kind it is, where it stands, when and for how long, how it happens (the clinic's
/// address or the video link), the therapist, what it is for and, once it is done, the therapist's notes.
/// Scrolls when it does not fit; ←/→ (or [ and ]) step to the previous or next visit.
public struct VisitDetailScreen: PortalScreen {
    /// The visit shown, 1 to 6.
    public private(set) var number: Int
    /// The first row shown. Kept within the page by `handle`; `view` clamps it again after a resize.
    public internal(set) var offset = 0

    public init(number: Int) {
        self.number = min(max(1, number), Visit.planSize)
    }

    public var title: String { "Visit \(number)" }

    public func hints(_ ctx: ScreenContext) -> [KeyHint] {
        let g = ctx.glyphs
        return [KeyHint(g.left + g.right, "other visits"), KeyHint(g.up + g.down, "scroll"), KeyHint("PgDn", "page")]
    }

    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        switch key {
        case .left, .character("["):
            if number > 1 { number -= 1; offset = 0 }
        case .right, .character("]"):
            if number < Visit.planSize { number += 1; offset = 0 }
        default:
            let size = ctx.area
            let page = Self.page(ctx, number: number, width: size.width)
            guard let moved = page.scrolled(offset, by: key, areaHeight: size.height) else { return .unhandled }
            offset = moved
        }
        return .stay
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        Self.page(ctx, number: number, width: area.width).draw(offset: offset, into: &buffer, area: area, glyphs: ctx.glyphs)
    }

    // MARK: Content

    static let labelWidth = 11

    /// The whole page for visit `number` at `width`.
    static func page(_ ctx: ScreenContext, number: Int, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        guard let visit = ctx.snapshot.plan?.visits.first(where: { $0.number == number }) else {
            page.text("Visit \(number) is not in your care plan yet. Your clinic sets up your six visits.")
            return page
        }
        page.text("Visit \(visit.number) of \(Visit.planSize) · \(visit.kind.title)", style: .title)
        page.blank()
        page.labelled("Status", statusText(visit, ctx), labelWidth: labelWidth)
        page.labelled("When", whenText(visit), labelWidth: labelWidth)
        switch visit.mode {
        case .inPerson:
            page.labelled("How", "In person, at the clinic", labelWidth: labelWidth)
            page.labelled("Where", visit.location.isEmpty ? "Your clinic will confirm the address." : visit.location,
                          labelWidth: labelWidth)
        case .virtual:
            page.labelled("How", "Virtual: a video call", labelWidth: labelWidth)
            page.labelled("Link", visit.location.isEmpty ? "Your clinic will send the link." : visit.location,
                          labelWidth: labelWidth)
        }
        if !visit.therapist.isEmpty { page.labelled("Therapist", visit.therapist, labelWidth: labelWidth) }
        if !visit.focus.isEmpty {
            page.blank()
            page.text("What this visit is for", style: .label)
            page.text(visit.focus)
        }
        if visit.status == .completed {
            page.blank()
            page.text("Notes from your therapist", style: .label)
            if visit.notes.isEmpty {
                page.text("No notes were added for this visit.", style: .muted)
            } else {
                page.text(visit.notes)
            }
        }
        return page
    }

    /// "[ ] Booked · your next visit, in 6 days", "[✓] Completed", "[ ] To schedule · your clinic will book a time".
    static func statusText(_ visit: Visit, _ ctx: ScreenContext) -> String {
        let box = visit.status == .completed ? ctx.glyphs.checkboxOn : ctx.glyphs.checkboxOff
        var text = "\(box) \(visit.status.title)"
        switch visit.status {
        case .booked:
            guard let start = visit.start, start >= ctx.snapshot.clock.now else { break }
            let countdown = countdownText(from: ctx.snapshot.clock.now, to: start)
            text += ctx.snapshot.nextVisit?.number == visit.number ? " · your next visit, \(countdown)" : " · \(countdown)"
        case .toSchedule:
            text += " · your clinic will book a time with you"
        case .completed, .cancelled, .missed:
            break
        }
        return text
    }

    /// "Thu 3 Dec 2026 at 10:15 · 45 min", or "Not scheduled yet · 45 min".
    static func whenText(_ visit: Visit) -> String {
        let length = "\(visit.durationMinutes) min"
        guard let start = visit.start else { return "Not scheduled yet · \(length)" }
        return "\(start.date.shortText) \(start.date.year) at \(start.time) · \(length)"
    }
}
