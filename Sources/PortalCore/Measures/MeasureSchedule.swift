import Foundation

/// The questionnaires due around one visit: "Before visit 4: 2 short questionnaires (about 5 minutes)".
public struct DueMeasures: Sendable, Hashable {
    public var visit: Visit
    /// When each is due and how long it takes (`MeasureTiming`); a screen that shows one finds the whole
    /// questionnaire by its id.
    public var measures: [MeasureTiming]
    /// True while the visit is today or still ahead.
    public var beforeVisit: Bool

    public var minutes: Int { measures.map(\.minutes).reduce(0, +) }

    /// The line Home shows.
    public var headline: String {
        let when = beforeVisit ? "Before visit \(visit.number)" : "For visit \(visit.number)"
        return "\(when): \(measures.count.counted("short questionnaire")) (about \(minutes.counted("minute")))"
    }
}

/// When measures are due. Each measure is due at the visits of the kinds it names (the evaluation, the
/// re-evaluation in the middle of the plan, the discharge), for the conditions it fits: from
/// `daysBefore` days before the visit to `daysAfter` days after it, unless she filled it in that window
/// already. Only a visit with a date (booked or completed) opens a window; a cancelled or missed one does not.
/// A later visit's day closes the window after it: once the next visit has come (kept or missed), a
/// questionnaire "for visit 1" would describe her at another time, so it is no longer asked for.
public enum MeasureSchedule {
    public static let daysBefore = 7
    public static let daysAfter = 7

    /// The days around `visit` in which a measure counts for it, or nil when the visit has no date or
    /// did not happen. `others` are the plan's visits: the day before the next one with a date (booked,
    /// completed or missed, after this one) ends the window, if that comes before `daysAfter`.
    public static func window(of visit: Visit, among others: [Visit] = []) -> ClosedRange<CalendarDate>? {
        guard let start = visit.start, visit.status == .booked || visit.status == .completed else { return nil }
        var end = start.date.adding(days: daysAfter)
        let next = others.filter { $0.number != visit.number && [.booked, .completed, .missed].contains($0.status) }
            .compactMap(\.start).filter { $0 > start }.min()
        if let next { end = max(start.date, min(end, next.date.adding(days: -1))) }
        return start.date.adding(days: -daysBefore)...end
    }

    /// The measures still to fill for the earliest visit whose window holds today, or nil when none are due.
    /// `measures` is asked for only when a visit's window holds today: Home asks this on every first paint, and
    /// the measures' files are decoded on first use (most days no window is open, and nothing is decoded); on a
    /// day one is, only their timing is (`ContentLibrary.measureTimings`), not the whole questionnaires.
    public static func due(measures: @autoclosure () -> [MeasureTiming], conditions: [Condition], visits: [Visit],
                           responses: [MeasureResponse], today: CalendarDate) -> DueMeasures? {
        for visit in visits.sorted(by: { $0.number < $1.number }) {
            guard let window = window(of: visit, among: visits), window.contains(today), let start = visit.start?.date else { continue }
            let open = measures().filter { m in
                m.dueAt.contains(visit.kind) && m.fits(conditions)
                    && !responses.contains { $0.measureID == m.id && window.contains($0.date) }
            }
            // A visit already completed is never "before", even on its own day.
            if !open.isEmpty { return DueMeasures(visit: visit, measures: open, beforeVisit: today <= start && visit.status != .completed) }
        }
        return nil
    }
}

/// What the measure schedule reads of a questionnaire: its id, how long it takes, the conditions it is for and
/// the visits it is due at. Decoded from the measure's own file for these keys alone
/// (`ContentLibrary.measureTimings`), so Home's "To do" line does not decode whole questionnaires (their items,
/// scales, scoring, sources: 6.9 M instructions of the first Home on a day one was due), or taken from a
/// decoded `Measure` (`Measure.timing`). The keys are `Measure`'s: the file stays the one source of each fact.
public struct MeasureTiming: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    /// About how long it takes, for "about 5 minutes".
    public var minutes: Int
    /// The conditions it is due for; empty: everyone.
    public var conditions: [Condition]
    /// The visit kinds at which it is due.
    public var dueAt: [VisitKind]

    /// True when it is due for a patient with these conditions.
    public func fits(_ conditions: [Condition]) -> Bool {
        self.conditions.isEmpty || self.conditions.contains(where: conditions.contains)
    }
}
