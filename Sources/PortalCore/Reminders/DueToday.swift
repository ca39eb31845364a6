/// What is still due today, worked out from a snapshot and its clock alone: the one list `portal today --brief`,
/// `portal remind now` and Home's reminders all read, so they never disagree about what is left to do.
public struct DueItem: Sendable, Hashable {
    public var kind: DueKind
    /// The full wording: "Log today's pain", "2 of 4 exercises left", "visit 4 tomorrow 09:30".
    public var text: String
    /// Shorter wordings, longest first, for a line that would not fit otherwise.
    public var shorter: [String]
    /// What the item is about, so a reminder of it is sent once: `pain/2026-11-27`, `visit/4/2026-11-28T09:30`.
    public var subject: String

    public init(kind: DueKind, text: String, shorter: [String] = [], subject: String) {
        self.kind = kind
        self.text = text
        self.shorter = shorter
        self.subject = subject
    }

    /// The wording at `level` of shortening: 0 is the full text, then each shorter one, then the shortest.
    public func wording(_ level: Int) -> String {
        level == 0 ? text : (shorter.isEmpty ? text : shorter[min(level - 1, shorter.count - 1)])
    }
}

/// The kinds of things that can be due, in the order the brief line lists them.
public enum DueKind: String, Sendable, Hashable, CaseIterable {
    /// A warning sign reported today or yesterday: what to do leads the line, as the banner leads Home.
    case safety
    case pain, exercises, visit, diary, measure, answer

    /// The reminder she can set for it, if any (measures and answers show in the brief and on Home only).
    public var reminder: ReminderKind? {
        switch self {
        case .pain: return .pain
        case .exercises: return .exercises
        case .visit: return .visits
        case .diary: return .diary
        case .safety, .measure, .answer: return nil
        }
    }
}

public enum DueToday {
    /// Where due items come from: one function per part of the record that can have something due. The
    /// parts still to come add theirs to this list, with the kind `DueKind` already has for them: the
    /// therapist's answers one unread (`.answer`). The questionnaires' files (`measures`) are content, read only
    /// when a source asks (most days no visit's window is open and nothing is decoded).
    public typealias Source = @Sendable (PortalSnapshot, Content) -> [DueItem]

    /// The content a source may need, each read only when asked.
    public struct Content {
        public var measures: () -> [MeasureTiming]
        public var safety: () -> SafetyGuide
    }

    public static let sources: [Source] = [safety, { s, _ in pain(s) }, exercises, { s, _ in visit(s) },
                                           { s, _ in diary(s) }, measure, { s, _ in answer(s) }]

    /// Everything still due now, in the order of `DueKind.allCases`. `measures`: when the questionnaires of the
    /// content are due (`ContentLibrary.measureTimings`), asked for only when a visit's window is open; `safety`: the safety
    /// guide, read only when a warning sign was reported today or yesterday.
    public static func items(_ snapshot: PortalSnapshot, measures: @escaping @autoclosure () -> [MeasureTiming],
                             safety: @escaping @autoclosure () -> SafetyGuide) -> [DueItem] {
        // Nothing is due for a record that has no patient yet (the Welcome screen's empty file).
        guard snapshot.patient != nil else { return [] }
        let content = Content(measures: measures, safety: safety)
        let all = sources.flatMap { $0(snapshot, content) }
        return DueKind.allCases.flatMap { kind in all.filter { $0.kind == kind } }
    }

    /// A warning sign reported today or yesterday that Home's banner still shows: its level and what to do,
    /// first on the line ("Emergency: Stop exercising and call 911 now.").
    static func safety(_ s: PortalSnapshot, _ content: Content) -> [DueItem] {
        guard SafetyRules.anySignReported(entries: s.painEntries, reports: s.signReports, checkIns: s.quizResults, today: s.today),
              let alert = s.safetyAlerts(guide: content.safety()).first(where: { $0.level >= .provider }) else { return [] }
        let short = alert.level == .emergency ? "call 911" : "call your provider"
        return [DueItem(kind: .safety, text: "\(alert.level.word) \(alert.firstSentence)", shorter: ["\(alert.level.word) \(short)", short],
                        subject: "safety/\(alert.date)")]
    }

    /// A pain score not yet logged today.
    static func pain(_ s: PortalSnapshot) -> [DueItem] {
        guard s.entries(on: s.today).isEmpty else { return [] }
        return [DueItem(kind: .pain, text: "Log today's pain", shorter: ["log pain"], subject: "pain/\(s.today)")]
    }

    /// Exercises of the current week not yet done today, as Home counts them; none on a day she reported a sign
    /// that means stopping exercise, nor while the week under way was planned for her pregnancy and she has had
    /// her baby (`AfterBirthCheck`: she checks with her provider first): no nudge to exercise then, from the
    /// brief line or a reminder.
    static func exercises(_ s: PortalSnapshot, _ content: Content) -> [DueItem] {
        guard s.exerciseStop(guide: content.safety()) == nil, s.afterBirth?.week == nil else { return [] }
        let (done, prescribed) = s.exercisesToday
        guard prescribed > done else { return [] }
        let left = prescribed - done
        return [DueItem(kind: .exercises, text: "\(left) of \(prescribed.counted("exercise")) left",
                        shorter: ["\(left)/\(prescribed) exercises", "\(left) ex."], subject: "exercises/\(s.today)")]
    }

    /// A day of the three-day bladder diary before a visit, not kept yet today (Home's "Bladder diary: day 2 of 3").
    static func diary(_ s: PortalSnapshot) -> [DueItem] {
        guard let diary = ThreeDayDiary.status(conditions: s.patient?.conditions ?? [], visits: s.plan?.visits ?? [],
                                               loggedDays: Set(s.record.bladderEvents.map(\.date)), now: s.clock.now),
              diary.isDueToday else { return [] }
        let said = diary.dueText
        return [DueItem(kind: .diary, text: said.text, shorter: said.shorter, subject: "diary/\(s.today)")]
    }

    /// An answer from her therapist to one of her questions that she has not read yet (Home marks it read).
    static func answer(_ s: PortalSnapshot) -> [DueItem] {
        let unread = s.record.questions.unreadAnswers
        guard let newest = unread.compactMap(\.answeredAt).max() else { return [] }
        let text = unread.count == 1 ? "answer from your therapist" : "\(unread.count) answers from your therapist"
        return [DueItem(kind: .answer, text: text, shorter: [unread.count == 1 ? "answer" : "\(unread.count) answers"],
                        subject: "answer/\(newest)")]
    }

    /// The questionnaires due around a visit, by the measure schedule Home and Questionnaires follow
    /// (`MeasureSchedule.due`): "2 questionnaires before visit 4".
    static func measure(_ s: PortalSnapshot, _ content: Content) -> [DueItem] {
        guard let due = MeasureSchedule.due(measures: content.measures(), record: s.record, today: s.today) else { return [] }
        let count = due.measures.count.counted("questionnaire")
        return [DueItem(kind: .measure, text: "\(count) \(due.beforeVisit ? "before" : "for") visit \(due.visit.number)",
                        shorter: [count, "\(due.measures.count) quest."], subject: "measure/\(due.visit.number)/\(s.today)")]
    }

    /// A booked visit that starts within the next 24 hours.
    static func visit(_ s: PortalSnapshot) -> [DueItem] {
        guard let next = s.nextVisit, let start = next.start else { return [] }
        let minutes = s.clock.now.minutes(until: start)
        guard minutes <= 24 * 60 else { return [] }
        let when: String, short: String
        switch s.today.days(until: start.date) {
        case _ where next.isUnderWay(at: s.clock.now):
            when = "now, until \(next.end?.time.description ?? "")"; short = "visit now"
        case 0:
            when = minutes <= 0 ? "now" : minutes < 60 ? "in \(minutes) min" : "today \(start.time)"
            short = "visit \(start.time)"
        // Shortened, the day still says it is tomorrow: "visit 09:30" alone reads as today.
        case 1: when = "tomorrow \(start.time)"; short = "visit tmrw \(start.time)"
        default: when = "\(start.date.shortText) \(start.time)"; short = "visit \(when)"
        }
        return [DueItem(kind: .visit, text: "visit \(next.number) \(when)", shorter: [short],
                        subject: "visit/\(next.number)/\(start)")]
    }
}
