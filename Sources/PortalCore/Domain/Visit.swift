public enum VisitKind: String, Sendable, Codable, CaseIterable {
    case evaluation
    case followUp = "follow-up"
    case reEvaluation = "re-evaluation"
    case discharge

    public var title: String {
        switch self {
        case .evaluation: return "Evaluation"
        case .followUp: return "Follow-up"
        case .reEvaluation: return "Re-evaluation"
        case .discharge: return "Discharge"
        }
    }
}

public enum VisitStatus: String, Sendable, Codable, CaseIterable {
    case toSchedule = "to-schedule"
    case booked
    case completed
    case cancelled
    case missed

    public var title: String {
        switch self {
        case .toSchedule: return "To schedule"
        case .booked: return "Booked"
        case .completed: return "Completed"
        case .cancelled: return "Cancelled"
        case .missed: return "Missed"
        }
    }
}

public enum VisitMode: String, Sendable, Codable, CaseIterable {
    case inPerson = "in-person"
    case virtual

    public var title: String { self == .inPerson ? "In person" : "Virtual" }
}

/// One of the six visits of the care plan.
public struct Visit: Sendable, Hashable, Codable {
    public static let planSize = 6

    public var number: Int
    public var kind: VisitKind
    public var status: VisitStatus
    public var start: LocalDateTime?
    public var durationMinutes: Int
    public var mode: VisitMode
    /// The clinic's address for a visit in person; the video link for a virtual one.
    public var location: String
    public var therapist: String
    public var focus: String
    /// What the therapist wrote after the visit.
    public var notes: String

    public init(number: Int, kind: VisitKind, status: VisitStatus, start: LocalDateTime?, durationMinutes: Int,
                mode: VisitMode, location: String = "", therapist: String = "", focus: String = "", notes: String = "") {
        self.number = number
        self.kind = kind
        self.status = status
        self.start = start
        self.durationMinutes = durationMinutes
        self.mode = mode
        self.location = location
        self.therapist = therapist
        self.focus = focus
        self.notes = notes
    }

    /// Checks a visit on its own: number, length, and that a booked, completed or missed visit has a date.
    public func validate() throws {
        guard (1...Visit.planSize).contains(number) else {
            throw PortalError.rule("A care plan has exactly six visits; visit \(number) does not exist.")
        }
        guard (15...240).contains(durationMinutes) else {
            throw PortalError.invalidInput("A visit lasts 15 to 240 minutes, not \(durationMinutes).")
        }
        if status != .toSchedule && status != .cancelled && start == nil {
            throw PortalError.rule("A \(status.title.lowercased()) visit needs a date and time.")
        }
    }
}

/// The six visits and the rules around them.
public struct CarePlan: Sendable, Hashable {
    public private(set) var visits: [Visit]

    public init(visits: [Visit]) throws {
        let sorted = visits.sorted { $0.number < $1.number }
        guard sorted.map(\.number) == Array(1...Visit.planSize) else {
            throw PortalError.rule("A care plan has exactly six visits, numbered 1 to 6.")
        }
        for v in sorted { try v.validate() }
        self.visits = sorted
    }

    /// The earliest booked visit that has not started yet.
    public func nextVisit(after now: LocalDateTime) -> Visit? {
        visits.filter { $0.status == .booked && ($0.start.map { $0 >= now } ?? false) }
            .min { $0.start! < $1.start! }
    }

    public var completedCount: Int { visits.filter { $0.status == .completed }.count }
}

/// "in 5 days", "tomorrow", "today at 14:30", "in 3 hours".
public func countdownText(from now: LocalDateTime, to start: LocalDateTime) -> String {
    let days = now.date.days(until: start.date)
    switch days {
    case ..<0: return "past"
    case 0:
        let m = now.minutes(until: start)
        if m <= 0 { return "now" }
        if m < 60 { return "in \(m) min" }
        return "today at \(start.time)"
    case 1: return "tomorrow at \(start.time)"
    default: return "in \(days) days"
    }
}
