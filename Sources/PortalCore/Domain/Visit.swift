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

    /// A visit that holds its time on the schedule: it keeps its place among the others and may not overlap
    /// one (`CarePlan.validateSchedule`; the clinic's server holds the same, `ClinicSchema.v21ResourceGuards`).
    public var holdsItsTime: Bool { self == .booked || self == .completed }

    public var title: String {
        switch self {
        case .toSchedule: return "To schedule"
        case .booked: return "Booked"
        case .completed: return "Completed"
        case .cancelled: return "Cancelled"
        case .missed: return "Missed"
        }
    }

    /// How the visit went has been recorded (completed or missed): her care team's to record, and on her own
    /// clinic login never hers to change afterwards (the clinic's policy on visits says the same).
    public var isRecorded: Bool { self == .completed || self == .missed }
}

public enum VisitMode: String, Sendable, Codable, CaseIterable {
    case inPerson = "in-person"
    case virtual

    public var title: String { self == .inPerson ? "In person" : "Virtual" }
}

/// One of the six visits of the care plan.
public struct Visit: Sendable, Hashable, Codable {
    public static let planSize = 6
    public static let locationLimit = 300
    public static let notesLimit = 2000
    public static let focusLimit = 300
    /// The longest a visit lasts (`validate`).
    public static let longestMinutes = 240

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
        guard (15...Self.longestMinutes).contains(durationMinutes) else {
            throw PortalError.invalidInput(field: .visitDuration, "A visit lasts 15 to 240 minutes, not \(durationMinutes).")
        }
        if status != .toSchedule && status != .cancelled && start == nil {
            throw PortalError.rule("A \(status.title.lowercased()) visit needs a date and time.")
        }
    }

    /// When the visit ends: its start and its length (nil without a date).
    public var end: LocalDateTime? { start?.adding(minutes: durationMinutes) }

    /// A booked visit between its start and its end at `now`: the visit she is in (or late to).
    public func isUnderWay(at now: LocalDateTime) -> Bool {
        guard status == .booked, let start else { return false }
        return start <= now && !hasEnded(at: now)
    }

    /// True once the visit's time is over (its start and its length): from then on a booked visit is asked
    /// about ("did it take place?"), never before, and it is no longer her next visit.
    public func hasEnded(at now: LocalDateTime) -> Bool {
        guard let start else { return false }
        return start.minutes(until: now) >= durationMinutes
    }

    /// How long before its start Home and `portal today` give a booked visit's place or link (and all through it).
    public static let placeShownMinutesBefore = 60

    /// The place or link to show with the visit at `now`: from an hour before its start to its end, so a video
    /// visit's link is at hand when she joins, late too; nil at other times or when none was given.
    public func placeNow(at now: LocalDateTime) -> (label: String, text: String)? {
        guard status == .booked, let start, !hasEnded(at: now), now.minutes(until: start) <= Self.placeShownMinutesBefore else { return nil }
        let place = PlainText.removingControls(location).trimmingCharacters(in: .whitespaces)
        guard !place.isEmpty else { return nil }
        return (mode == .virtual ? "Link" : "Where", place)
    }

    /// How long until the visit ("in 40 min", "tomorrow", `countdownText`), or "now, until 10:45" while it is
    /// under way: Home, Visits, `portal today` and `portal visits` say it alike.
    public func countdown(from now: LocalDateTime) -> String {
        guard let start else { return "" }
        if isUnderWay(at: now), let end { return "now, until \(end.time)" }
        return countdownText(from: now, to: start)
    }

    /// A video visit's link, which she opens from her calendar: a secure web address (`https://`, then a host
    /// name such as video.example.org or an IP address, an optional port, a path) without spaces. Whatever gives a
    /// link (the booking form, `portal visits book`, a set-up, either store) is held to this one rule, and the
    /// message names the fault it found (QA-i I5: a space was called a missing https://, and `https://-/` passed);
    /// the plain-text rule and the length are `validateText`'s.
    public static func checkVideoLink(_ link: String) throws {
        let example = "for example https://video.example.org/room"
        func refuse(_ why: String) -> PortalError { .invalidInput(field: .visitLocation, "A video visit's link \(why)") }
        guard link.lowercased().hasPrefix("https://") else {
            throw refuse("starts with https:// (\(example)), not \(PlainText.quoted(link)).")
        }
        guard !link.contains(where: { $0.isWhitespace }) else {
            throw refuse("has no spaces, and \(PlainText.quoted(link)) has one: copy the whole link as the clinic gave it (\(example)).")
        }
        let rest = link.dropFirst("https://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // It does start with https://: what is missing is the address itself (QA E6).
        guard !authority.isEmpty else {
            throw refuse("needs the address after https:// (\(example)); \(PlainText.quoted(link)) has none.")
        }
        guard !authority.contains("@") else {
            throw refuse("is the address alone after https://, with no name and @ before it (\(example)); \(PlainText.quoted(link)) has one.")
        }
        guard let host = hostName(of: authority) else {
            throw refuse("needs a real address after https://: a name such as video.example.org, of letters, digits, hyphens and dots (\(example)); \(PlainText.quoted(String(authority))) in \(PlainText.quoted(link)) is not one.")
        }
        _ = host
        // After the address, only what a web address may hold (RFC 3986), so her calendar gets it as a link
        // (QA M6: `"`, `<`, `{`, a bad `%zz` were taken, and the calendar export then had no link to give).
        let path = rest.dropFirst(authority.count)
        if let bad = path.first(where: { !($0.isASCII && (Self.uriCharacters.contains($0) || $0.isLetter || $0.isNumber)) }) {
            throw refuse("cannot hold \(PlainText.quoted(String(bad))), and \(PlainText.quoted(link)) does: copy the whole link as the clinic gave it (\(example)).")
        }
        var i = path.startIndex
        while let percent = path[i...].firstIndex(of: "%") {
            let digits = path[path.index(after: percent)...].prefix(2)
            guard digits.count == 2, digits.allSatisfy(\.isHexDigit) else {
                throw refuse("has % only before two hexadecimal digits (such as %20), and \(PlainText.quoted(link)) has \(PlainText.quoted(String(path[percent...].prefix(3)))).")
            }
            i = digits.endIndex
        }
    }

    /// What a web address holds after its host besides ASCII letters and digits (RFC 3986: unreserved,
    /// sub-delims, ":", "@", "/", "?", "#", and "%" before two hexadecimal digits).
    static let uriCharacters = Set("-._~!$&'()*+,;=:@/?#%")

    /// The host of a link's authority ("video.example.org:443" → "video.example.org"), nil when it is no host:
    /// each dot-separated label 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen (a
    /// name in any script counts as letters); or an IP address, IPv6 in brackets; then an optional port.
    static func hostName(of authority: Substring) -> Substring? {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.startIndex...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty { guard after.hasPrefix(":") else { return nil }; port = after.dropFirst() }
            let inside = host.dropFirst().dropLast()
            guard inside.contains(":"), inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                port = authority[authority.index(after: colon)...]
            }
            let name = host.hasSuffix(".") ? host.dropLast() : host
            guard !name.isEmpty, name.count <= 253 else { return nil }
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }
            guard valid else { return nil }
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(port), (1...65535).contains(n) else { return nil }
        }
        return host
    }

    /// Checks the text a therapist or patient gave the visit against the plain-text rule: the place or
    /// link and the therapist on one line, the focus and the notes after the visit.
    public func validateText() throws {
        try PlainText.check(location, field: "The location", as: .visitLocation, maxLength: Self.locationLimit, multiline: false)
        try PlainText.check(notes, field: "The notes field", as: .visitNotes, maxLength: Self.notesLimit)
        try PlainText.check(therapist, field: "The therapist's name", as: .visitTherapist, maxLength: Patient.therapistLimit, multiline: false)
        try PlainText.check(focus, field: "The focus", as: .visitFocus, maxLength: Self.focusLimit)
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

    /// The visit Home, `portal today` and the brief line call next: the booked visit under way (from its start
    /// to its end, `Visit.isUnderWay`), else the earliest booked one not started yet. A visit stays "now", with
    /// its place or link, until its end, since she may join a video visit late; only then is it asked about
    /// ("did it take place?", `unrecorded`).
    public func nextVisit(after now: LocalDateTime) -> Visit? {
        visits.filter { $0.status == .booked && !$0.hasEnded(at: now) && $0.start != nil }
            .min { $0.start! < $1.start! }
    }

    /// The earliest booked visit that has not started yet: what a reminder before a visit is for.
    public func upcomingVisit(after now: LocalDateTime) -> Visit? {
        visits.filter { $0.status == .booked && ($0.start.map { $0 >= now } ?? false) }
            .min { $0.start! < $1.start! }
    }

    public var completedCount: Int { visits.filter { $0.status == .completed }.count }

    /// True once every visit is completed: nothing is left to book. Home, Visits and the commands then say
    /// `completeText` and what comes next in the care plan's own words (`ContentLibrary.afterCarePlan`).
    public var isComplete: Bool { !visits.isEmpty && completedCount == visits.count }
    public static let completeText = "All six visits are done: your care plan is complete."

    /// How many visits the plan has (always `Visit.planSize`): screens and commands say "3 of \(size)".
    public var size: Int { visits.count }

    /// Checks that `visit`, a change to one of the six, keeps the schedule. A booked visit may not overlap
    /// another booked or completed one (start to start + duration), and the visits keep their order: visit N
    /// starts after every lower-numbered visit that has a date (booked or completed; cancelled, missed and
    /// unscheduled ones do not count) and before every higher-numbered booked or completed one. Booked and
    /// completed visits are checked (a past visit recorded as completed keeps the order too); the other
    /// statuses take no time in the calendar.
    public func validateSchedule(of visit: Visit) throws {
        guard visit.status.holdsItsTime, let start = visit.start else { return }
        let others = visits.filter { $0.number != visit.number && $0.status.holdsItsTime && $0.start != nil }
        let when = "\(start.date.shortText) \(start.date.year) at \(start.time)"
        for other in others {
            let gap = start.minutes(until: other.start!)
            if gap < visit.durationMinutes && -gap < other.durationMinutes {
                throw PortalError.rule("Visit \(visit.number) on \(when) would overlap visit \(other.number), \(Self.describe(other, withEnd: true)); choose another time.")
            }
        }
        for other in others {
            let otherStart = other.start!
            if other.number < visit.number, start <= otherStart {
                throw PortalError.rule("Visit \(visit.number) must come after visit \(other.number), \(Self.describe(other, withEnd: false)); choose a time after it.")
            }
            if other.number > visit.number, start >= otherStart {
                let fix = other.status == .booked ? "choose an earlier time, or move visit \(other.number) first"
                                                  : "visits keep their order, so choose a time before it"
                throw PortalError.rule("Visit \(visit.number) must come before visit \(other.number), \(Self.describe(other, withEnd: false)); \(fix).")
            }
        }
    }

    /// "booked Thu 3 Dec 2026 10:15–11:00" or "completed Mon 2 Nov 2026 at 09:00".
    private static func describe(_ v: Visit, withEnd: Bool) -> String {
        let s = v.start!
        let day = "\(s.date.shortText) \(s.date.year)"
        guard withEnd else { return "\(v.status.title.lowercased()) for \(day) at \(s.time)" }
        let endMinutes = s.time.minutes + v.durationMinutes
        let end = endMinutes < 24 * 60 ? " to \(TimeOfDay(hour: endMinutes / 60, minute: endMinutes % 60)!)" : ""
        return "\(v.status.title.lowercased()) for \(day) from \(s.time)\(end)"
    }
}

extension CarePlan {
    /// Checks a whole plan being written at once (a new patient, the demo): each visit's text and schedule.
    public func validateForSaving() throws {
        for v in visits {
            try v.validateText()
            if v.mode == .virtual, !v.location.isEmpty { try Visit.checkVideoLink(v.location) }
            try validateSchedule(of: v)
        }
    }
}

/// "in 40 min", "in 2 h 30 min", "tomorrow", "in 5 days": how long until a visit, without repeating its time.
public func countdownText(from now: LocalDateTime, to start: LocalDateTime) -> String {
    let days = now.date.days(until: start.date)
    switch days {
    case ..<0: return "past"
    case 0:
        let m = now.minutes(until: start)
        if m <= 0 { return "now" }
        if m < 60 { return "in \(m) min" }
        return "in \(m / 60) h \(m % 60) min"
    case 1: return "tomorrow"
    default: return "in \(days) days"
    }
}
