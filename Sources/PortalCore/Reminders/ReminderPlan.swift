/// A reminder `portal remind now` has to give: what it is about and its words.
public struct Reminder: Sendable, Hashable {
    public var kind: ReminderKind
    /// What it reminds of (a `DueItem.subject`): a reminder of it is given once.
    public var subject: String
    /// For a visit reminder, the time before the visit it was set for.
    public var offset: VisitReminderOffset?
    /// One short line: a notification's title, the brief line's wording.
    public var title: String
    /// What to do about it, in a sentence.
    public var body: String
}

/// A reminder the timer gave, or tried to: kept so that a reminder is given at most once a day for each
/// kind, never again for the same visit and time before it, and never lost without a word.
public struct ReminderDelivery: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Shown on her desktop by `notify-send`.
        case notified
        /// No desktop session to show it in: it waits for her next brief line or full-screen start.
        case waiting
        /// The desktop notification failed (the reason in words): Home says so, once.
        case failed(String)

        /// The outcomes as the record keeps them.
        public static let names = ["notified", "waiting", "failed"]

        public var name: String {
            switch self {
            case .notified: return "notified"
            case .waiting: return "waiting"
            case .failed: return "failed"
            }
        }

        /// Why a failed one failed; empty otherwise.
        public var reason: String {
            if case .failed(let why) = self { return why }
            return ""
        }

        public init?(name: String, reason: String) {
            switch name {
            case "notified": self = .notified
            case "waiting": self = .waiting
            case "failed": self = .failed(reason)
            default: return nil
            }
        }
    }

    /// The record's number for it, once kept.
    public var id: Int64?
    public var kind: ReminderKind
    public var subject: String
    public var offset: VisitReminderOffset?
    public var at: LocalDateTime
    public var outcome: Outcome
    /// True once Home has said that it could not be shown (a failed one), so it is said once.
    public var saidOnHome: Bool

    public init(id: Int64? = nil, kind: ReminderKind, subject: String, offset: VisitReminderOffset? = nil, at: LocalDateTime,
                outcome: Outcome, saidOnHome: Bool = false) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.offset = offset
        self.at = at
        self.outcome = outcome
        self.saidOnHome = saidOnHome
    }

    /// A failed reminder Home has not said yet.
    public var isUnsaidFailure: Bool { !saidOnHome && outcome.name == "failed" }

    public init(_ reminder: Reminder, at: LocalDateTime, outcome: Outcome) {
        self.init(kind: reminder.kind, subject: reminder.subject, offset: reminder.offset, at: at, outcome: outcome)
    }
}

/// What `portal remind now` decides, from the snapshot (what is still due, and the clock), her settings and
/// the reminders already given. Pure: the timer, the tests and the benchmark all ask the same question.
public enum ReminderPlan {
    /// How far back the reminders given must reach for `due`: the longest time before a visit.
    public static let historyDays = VisitReminderOffset.maximumMinutes / 1440 + 1

    /// The reminders to give now, at most one of each kind.
    ///
    /// - A daily reminder (pain, exercises, diary) comes once its time has passed on a day she chose, while
    ///   what it is about is still not done, and only if none of its kind was given today.
    /// - A visit reminder comes once the visit is no further away than one of the times she set before
    ///   visits, once for that visit at that time (or a nearer one), and only one a day: a reminder 2 h before
    ///   that falls on the day of the 24 h one waits for nothing, it is simply not given twice.
    /// The reminders to give now by her settings and the reminders given, as the snapshot holds them.
    /// `safety`: the safety guide, read only when a warning sign was reported today or yesterday (a sign that
    /// means stopping exercise leaves the exercise reminder out).
    public static func due(_ snapshot: PortalSnapshot, safety: @escaping @autoclosure () -> SafetyGuide) -> [Reminder] {
        due(snapshot, settings: snapshot.record.reminderSettings, given: snapshot.record.reminderLog, safety: safety())
    }

    public static func due(_ snapshot: PortalSnapshot, settings: ReminderSettings, given: [ReminderDelivery],
                           safety: @escaping @autoclosure () -> SafetyGuide) -> [Reminder] {
        guard snapshot.patient != nil else { return [] }
        let now = snapshot.clock.now
        let givenToday = Set(given.filter { $0.at.date == now.date }.map(\.kind))
        var reminders: [Reminder] = []
        // No reminder is set for a questionnaire (`DueKind.measure` has none): its files need not be read.
        for item in DueToday.items(snapshot, measures: [], safety: safety()) {
            guard let kind = item.kind.reminder, kind.isDaily, !givenToday.contains(kind),
                  !reminders.contains(where: { $0.kind == kind }),
                  let daily = settings.daily[kind], daily.isOn(now.date), now.time >= daily.time else { continue }
            reminders.append(Reminder(kind: kind, subject: item.subject, offset: nil,
                                      title: capitalized(item.text), body: body(kind, snapshot)))
        }
        if !givenToday.contains(.visits), let visit = visitReminder(snapshot, settings: settings, given: given) {
            reminders.append(visit)
        }
        return ReminderKind.allCases.compactMap { kind in reminders.first { $0.kind == kind } }
    }

    /// The visit reminder due now, if any: the nearest time before the next visit that has been reached,
    /// unless one as near or nearer was already given for that visit at that time.
    static func visitReminder(_ s: PortalSnapshot, settings: ReminderSettings, given: [ReminderDelivery]) -> Reminder? {
        // A reminder comes before a visit, never once it has started (`CarePlan.upcomingVisit`).
        guard let next = s.plan?.upcomingVisit(after: s.clock.now), let start = next.start else { return nil }
        let minutes = s.clock.now.minutes(until: start)
        guard let offset = settings.visitOffsets.filter({ minutes <= $0.minutes }).min() else { return nil }
        let subject = "visit/\(next.number)/\(start)"
        let covered = given.contains { $0.kind == .visits && $0.subject == subject && ($0.offset.map { $0 <= offset } ?? false) }
        guard !covered else { return nil }
        let when: String
        switch s.today.days(until: start.date) {
        case 0: when = "today at \(start.time)"
        case 1: when = "tomorrow at \(start.time)"
        default: when = "on \(start.date.shortText) at \(start.time)"
        }
        let place = next.location.trimmingCharacters(in: .whitespaces)
        let how = next.mode == .virtual ? "by video" : (place.isEmpty ? "in person" : "in person at \(PlainText.removingControls(place))")
        return Reminder(kind: .visits, subject: subject, offset: offset,
                        title: "Visit \(next.number) \(when)",
                        body: "Visit \(next.number) of \(s.plan?.size ?? Visit.planSize), \(next.kind.title.lowercased()), \(when), \(how).")
    }

    static func body(_ kind: ReminderKind, _ s: PortalSnapshot) -> String {
        switch kind {
        case .pain: return "A score from 0 to 10 takes a moment: press l in the portal, or run portal log SCORE."
        case .exercises:
            let (done, prescribed) = s.exercisesToday
            return "\(done) of \(prescribed) done today. Press e in the portal to see this week's exercises."
        case .diary: return "Today is a bladder diary day: press d in the portal to note each pee, leak and drink."
        case .visits: return ""
        }
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
