import Foundation

/// The questionnaires due around one visit: "Before visit 4: 2 short questionnaires (about 5 minutes)".
public struct DueMeasures: Sendable, Hashable {
    public var visit: Visit
    public var measures: [Measure]
    /// True while the visit is today or still ahead.
    public var beforeVisit: Bool

    public var minutes: Int { measures.map(\.minutes).reduce(0, +) }

    /// The line Home shows.
    public var headline: String {
        let count = measures.count == 1 ? "1 short questionnaire" : "\(measures.count) short questionnaires"
        let when = beforeVisit ? "Before visit \(visit.number)" : "For visit \(visit.number)"
        return "\(when): \(count) (about \(minutes) minute\(minutes == 1 ? "" : "s"))"
    }
}

/// When measures are due. Each measure is due at the visits of the kinds it names (the evaluation, the
/// re-evaluation in the middle of the plan, the discharge), for the conditions it fits: from
/// `daysBefore` days before the visit to `daysAfter` days after it, unless she filled it in that window
/// already. Only a visit with a date (booked or completed) opens a window; a cancelled or missed one does not.
public enum MeasureSchedule {
    public static let daysBefore = 7
    public static let daysAfter = 7

    /// The days around `visit` in which a measure counts for it, or nil when the visit has no date or
    /// did not happen.
    public static func window(of visit: Visit) -> ClosedRange<CalendarDate>? {
        guard let start = visit.start?.date, visit.status == .booked || visit.status == .completed else { return nil }
        return start.adding(days: -daysBefore)...start.adding(days: daysAfter)
    }

    /// The measures still to fill for the earliest visit whose window holds today, or nil when none are due.
    public static func due(measures: [Measure], conditions: [Condition], visits: [Visit],
                           responses: [MeasureResponse], today: CalendarDate) -> DueMeasures? {
        for visit in visits.sorted(by: { $0.number < $1.number }) {
            guard let window = window(of: visit), window.contains(today), let start = visit.start?.date else { continue }
            let open = measures.filter { m in
                m.dueAt.contains(visit.kind) && m.fits(conditions)
                    && !responses.contains { $0.measureID == m.id && window.contains($0.date) }
            }
            if !open.isEmpty { return DueMeasures(visit: visit, measures: open, beforeVisit: today <= start) }
        }
        return nil
    }
}
