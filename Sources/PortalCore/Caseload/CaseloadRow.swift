/// One patient on a therapist's caseload: who she is, a few figures, and why she needs her therapist now
/// (`reasons`, most pressing first). Made from her snapshot and the facts only a clinic knows (`CaseloadFacts`)
/// by one rule, `init(login:snapshot:facts:guide:)`, which `portal clinic patients` and the caseload screen
/// both use, and ordered by `CaseloadRow.ordered`: so the command and the screen cannot disagree.
public struct CaseloadRow: Sendable, Hashable {
    /// Her login (her database role).
    public var login: String
    /// Her name, or "(not set up yet)" for a login with no record yet.
    public var name: String
    public var isSetUp: Bool
    /// Her stage on the day, in Home's words ("24 weeks pregnant"); nil without a record.
    public var stage: String?
    /// Her latest pain entry.
    public var lastPain: PainEntry?
    /// The average of the daily means of the last 7 days (as Home's), nil without entries in them.
    public var average7: Double?
    /// Exercises done of prescribed in this week so far, in percent; nil without a week under way.
    public var adherence: Int?
    public var nextVisit: Visit?
    /// The last day she logged anything, in the snapshot's window.
    public var lastLogged: CalendarDate?
    /// Why she needs her therapist now, most pressing first; empty when nothing does.
    public var reasons: [CaseloadReason]
    /// Each questionnaire she filled in more than once: its change since the first (the evaluation's), in words
    /// ("PSFS up 2.6 since 2 Nov: better, a change that matters"). Not a reason: what the change means is hers.
    public var measureChanges: [String] = []
    /// What she last sent her therapist from Share (without its text); nil when she sent nothing (or on a file).
    public var lastShared: SharedReport?

    /// Her request for a new program, until a week is published (also a `.programRequest` reason).
    public var programRequest: String? {
        reasons.lazy.compactMap { if case .programRequest(let text, _) = $0 { return text } else { return nil } }.first
    }

    /// What of her record could not be read, when it could not (also an `.unreadable` reason, her only one).
    public var unreadable: String? {
        reasons.lazy.compactMap { if case .unreadable(let what) = $0 { return what } else { return nil } }.first
    }

    /// The row of a patient whose record could not be read (`error`: a row in a shape the portal does not read):
    /// her login, her name when her details could be read, and the one reason, first of the urgent ones, so she is
    /// never left out of the caseload and the others are still shown (D21).
    public init(login: String, name: String?, unreadable error: PortalError) {
        self.init(login: login, name: name ?? "(record could not be read)", isSetUp: true, stage: nil, lastPain: nil, average7: nil,
                  adherence: nil, nextVisit: nil, lastLogged: nil, reasons: [.unreadable(what: error.unreadableWhat ?? error.description)])
    }

    /// Exercises in this week or a week to come that her stage now holds back (each also a `.heldBack` reason).
    public var heldBack: [String] {
        reasons.compactMap { if case .heldBack(let text) = $0 { return text } else { return nil } }
    }

    public var needsAttention: Bool { !reasons.isEmpty }

    public init(login: String, name: String, isSetUp: Bool, stage: String?, lastPain: PainEntry?, average7: Double?,
                adherence: Int?, nextVisit: Visit?, lastLogged: CalendarDate?, reasons: [CaseloadReason]) {
        self.login = login
        self.name = name
        self.isSetUp = isSetUp
        self.stage = stage
        self.lastPain = lastPain
        self.average7 = average7
        self.adherence = adherence
        self.nextVisit = nextVisit
        self.lastLogged = lastLogged
        self.reasons = reasons.sorted { $0.rank < $1.rank }
    }

    /// The rule: who needs her therapist, and why, from her snapshot on its day and what else is known.
    /// `measures`: the content's questionnaires, to word each one's change since the first and to name new
    /// results. The snapshot's exercise rules (`RecordStore.snapshot(clock:rules:)`) say what her stage holds back.
    public init(login: String, snapshot s: PortalSnapshot, facts: CaseloadFacts = CaseloadFacts(), guide: SafetyGuide,
                measures: [Measure] = []) {
        let today = s.today
        let weekAgo = today.adding(days: -(Self.recentDays - 1))
        var reasons: [CaseloadReason] = []
        if s.patient != nil {
            // Warning signs she reported (with a pain score or on their own: `PatientRecord.reportedSigns`) that no
            // review of her therapist covers: those written after the last review, whatever day they are dated
            // (`PatientRecord.review(of:)`). Before her therapist's first review every sign she reported waits for
            // it: a sign does not stop needing her because nobody looked at it for a week. Counted over the days
            // her chart lists (`RecordWindow.screens`), so every sign flagged here is one she can open and review.
            var signs: [String] = [], lastOn: CalendarDate?
            let listedFrom = today.adding(days: -PortalSnapshot.historyDays)
            for reported in s.record.unreviewedSigns() where reported.date >= listedFrom {
                let at = LocalDateTime(date: reported.date, time: reported.time)
                let words = guide.sign(reported.sign)?.text ?? reported.sign
                if !signs.contains(words) { signs.append(words) }
                lastOn = at.date
            }
            if let lastOn { reasons.append(.warningSigns(signs, lastOn: lastOn)) }
            // Her check-ins' answers that report a sign (`SafetyGuide.signs(in:)`, QA I8: burning when peeing), which
            // she is told as a reported sign. A check-in has no place a review covers, so her row says them for the
            // days "lately" covers, as it says a high pain.
            var answered: [String] = [], answeredOn: CalendarDate?
            for checkIn in s.quizResults where checkIn.date >= weekAgo && checkIn.date <= today {
                let found = guide.signs(in: checkIn).map(\.text)
                guard !found.isEmpty else { continue }
                for words in found where !answered.contains(words) { answered.append(words) }
                answeredOn = max(answeredOn ?? checkIn.date, checkIn.date)
            }
            if let answeredOn { reasons.append(.checkInSigns(answered, lastOn: answeredOn)) }

            // The highest score of 8 or more, on the last day it was given: in Log pain, during an exercise or
            // with a bowel movement, as everywhere a high pain is said (`PainScore`).
            if let top = PainScore.highest(PainScore.all(in: s.record, from: weekAgo, to: today)) {
                reasons.append(.highPain(score: top.score, on: top.date))
            } else if let rise = Self.rise(s.trend, today: today) {
                reasons.append(rise)
            }
            if let n = facts.unansweredQuestions, n > 0 { reasons.append(.unansweredQuestions(n)) }
            if let plan = s.plan {
                reasons += plan.unrecorded(now: s.clock.now).map(CaseloadReason.visitUnrecorded)
                reasons += plan.visits.filter { $0.status == .booked && $0.start?.date == today && ($0.start.map { $0 >= s.clock.now } ?? false) }
                    .map(CaseloadReason.visitToday)
            }
            // Her therapist's week to look at again: what her stage, as it is now, holds back (`PrescriptionHolds`).
            reasons += s.holds.held(in: s.program, today: today).map { h in
                .heldBack("week \(h.week.number): \(h.prescription.exerciseID), \(h.hold.ruleText)" + (h.hold.until.map { " (until \($0.shortText))" } ?? ""))
            }
            if let request = facts.programRequest { reasons.append(.programRequest(request, from: s.patient?.name ?? login)) }
            if let draft = facts.draftWeeks.max(), let week = s.program.week(number: draft) {
                reasons.append(.weekToPublish(number: draft, starts: week.starts, drafted: true))
            } else if let next = WeekDraft.next(after: s.program, today: today)?.week,
                      next.starts <= today.adding(days: Self.weekDueWithinDays) {
                reasons.append(.weekToPublish(number: next.number, starts: next.starts, drafted: false))
            }
            if let sent = facts.lastShared, sent.date >= weekAgo { reasons.append(.sentReport(sent.summary)) }
            let results = facts.newResults ?? Self.newResults(s.record, since: weekAgo, measures: measures)
            if !results.isEmpty { reasons.append(.newResults(results)) }
            if let judged = Self.judgedWeek(s), judged.percent < Self.lowAdherencePercent {
                reasons.append(.lowAdherence(percent: judged.percent, week: judged.week))
            }
            if s.nothingLoggedForAWeek {
                reasons.append(.quiet(lastLogged: s.lastLogged, everLogged: s.lastLogged != nil || !s.firstWeekPain.isEmpty || s.quizResultCount > 0))
            }
        }
        let current = s.currentWeek?.number
        self.init(login: login, name: s.patient?.name ?? "(not set up yet)", isSetUp: s.patient != nil,
                  stage: s.patient?.progress(on: today).headline, lastPain: s.painEntries.last,
                  average7: s.trend.sevenDayAverage(endingOn: today),
                  adherence: s.adherenceByWeek.first { $0.week == current }?.percent,
                  nextVisit: s.nextVisit, lastLogged: s.lastLogged, reasons: reasons)
        lastShared = facts.lastShared
        if s.patient != nil {
            measureChanges = measures.compactMap { m in m.change(s.record.measureResponses).map { "\(m.abbreviation) \($0.short)" } }
        }
    }

    /// The diaries and questionnaires with entries from `since` on, each named ("bladder diary", "bowel log",
    /// "PSFS"): results new this week, until the record keeps when her therapist last looked at them.
    static func newResults(_ record: PatientRecord, since: CalendarDate, measures: [Measure]) -> [String] {
        var names: [String] = []
        for part in RecordPart.allCases {
            switch part {
            case .bladderDiary: if record.bladderEvents.contains(where: { $0.date >= since }) { names.append("bladder diary") }
            case .bowelLog: if record.bowelEntries.contains(where: { $0.date >= since }) { names.append("bowel log") }
            case .measures:
                for r in record.measureResponses where r.date >= since {
                    let name = measures.first { $0.id == r.measureID }?.abbreviation ?? r.measureID
                    if !names.contains(name) { names.append(name) }
                }
            case .profile, .carePlan, .program, .exerciseLog, .painDiary, .signReports, .checkIns, .reading,
                 .reminderSettings, .reminderLog, .signReviews, .questions:
                break  // not results: the figures and the other reasons speak of these
            }
        }
        return names
    }

    /// The week her adherence is judged on: the latest with `adherenceMinimumDays` gone and something prescribed.
    public static func judgedWeek(_ s: PortalSnapshot) -> WeekAdherence? {
        s.adherenceByWeek.last { $0.days >= adherenceMinimumDays && $0.expected > 0 }
    }

    /// The days counted as "lately" (signs, high pain): today and the 6 before.
    public static let recentDays = 7
    /// A week's exercises are judged once this many of its days have passed (the week before until then).
    public static let adherenceMinimumDays = 3
    /// Below this share of the sessions prescribed so far, adherence is low: less than half.
    public static let lowAdherencePercent = 50
    /// A week not written yet is due this many days before it starts.
    public static let weekDueWithinDays = 3

    /// Rising pain: the last 7 days' average higher than the 7 days before by a change that matters
    /// (`PainChange`: 2 points, or 30% and 1 point), with at least 3 days logged in each.
    static func rise(_ trend: PainTrend, today: CalendarDate) -> CaseloadReason? {
        let before = today.adding(days: -recentDays)
        func logged(endingOn day: CalendarDate) -> Int { (0..<recentDays).filter { trend.day(day.adding(days: -$0)) != nil }.count }
        guard logged(endingOn: today) >= 3, logged(endingOn: before) >= 3,
              let now = trend.sevenDayAverage(endingOn: today), let then = trend.sevenDayAverage(endingOn: before),
              PainChange(baseline: then, recent: now).verdict == .worse else { return nil }
        return .risingPain(from: then, to: now)
    }

    /// The caseload in the order to look at it: those who need her first (by their most pressing reason, then
    /// by how many reasons), then everyone else; by name, then login, within each.
    public static func ordered(_ rows: [CaseloadRow]) -> [CaseloadRow] {
        func key(_ r: CaseloadRow) -> (Int, Int, String, String) {
            (r.reasons.first?.rank ?? Int.max, -r.reasons.count, r.name, r.login)
        }
        return rows.sorted { key($0) < key($1) }
    }

    /// True when `query` finds her by name or login (every word, case and accents aside); an empty query finds everyone.
    public func matches(_ query: String) -> Bool {
        let text = ExerciseLibrary.folded(name + " " + login)
        return query.split(whereSeparator: { $0.isWhitespace }).allSatisfy { text.contains(ExerciseLibrary.folded(String($0))) }
    }

    /// Her figures in a line: "24 weeks pregnant · pain 3/10 today · 7-day 3.4 · exercises 62% · next visit Thu 3 Dec 10:15".
    public func figures(today: CalendarDate) -> String {
        guard isSetUp else { return "no record yet" }
        guard unreadable == nil else { return "record could not be read" }
        var parts: [String] = []
        if let stage { parts.append(stage) }
        if let p = lastPain {
            parts.append("pain \(p.score)/10 \(CaseloadReason.day(p.date, today: today))")
        } else {
            parts.append("no pain logged")
        }
        if let a = average7 { parts.append("7-day \(CaseloadReason.one(a))") }
        parts.append(adherence.map { "exercises \($0)%" } ?? "no program this week")
        if let v = nextVisit, let start = v.start { parts.append("next visit \(start.date.shortText) \(start.time)") }
        return parts.joined(separator: " · ")
    }
}

/// What is known of a patient beyond her snapshot, for her caseload row. The parts still to come are optional:
/// nil means the record does not keep it yet (the branches that add warning-sign reviews, questions and the
/// diaries fill them in), so the rule works the same before and after they arrive.
public struct CaseloadFacts: Sendable, Hashable {
    /// Her questions without an answer; nil while the record has no questions.
    public var unansweredQuestions: Int?
    /// Diary and questionnaire results new since her therapist last looked, each named ("bladder diary"); nil
    /// while the record has none of those parts.
    public var newResults: [String]?
    /// Her program weeks saved as drafts and not yet published (a clinic's therapist sees them; a file has none).
    public var draftWeeks: [Int]
    /// What she asked her therapist for after a change of her details, until a week is published (a clinic's).
    public var programRequest: String?
    /// What she last sent her therapist from Share, without its text (a clinic's; a file has no therapist).
    public var lastShared: SharedReport?

    public init(unansweredQuestions: Int? = nil, newResults: [String]? = nil, draftWeeks: [Int] = [], programRequest: String? = nil) {
        self.unansweredQuestions = unansweredQuestions
        self.newResults = newResults
        self.draftWeeks = draftWeeks
        self.programRequest = programRequest
    }

    /// A clinic's facts of her: from her snapshot (up to when her warning signs were reviewed, her questions
    /// waiting, her drafts) and the clinic's own rows (her request, what she last sent). One place for both of
    /// the caseload's reads, the narrow one (`CaseloadRead`) and her whole snapshot.
    public init(snapshot s: PortalSnapshot, programRequest: String?, lastShared: SharedReport?) {
        self.init(unansweredQuestions: s.record.questions.unanswered.count,
                  draftWeeks: s.draftWeeks, programRequest: programRequest)
        self.lastShared = lastShared
    }
}
