import Foundation

/// A one-page summary for the therapist, worked out from `ExportData` for a period. The text, Markdown and
/// HTML forms (`ReportText`, `ReportHTML`) only lay it out.
public struct TherapistReport: Sendable {
    public struct SiteLine: Sendable, Hashable { public var title: String; public var entries: Int; public var mean: Double }
    public struct TriggerLine: Sendable, Hashable { public var title: String; public var entries: Int }
    public struct ExerciseLine: Sendable, Hashable {
        public var name: String; public var setsDone: Int; public var setsPrescribed: Int
        /// "6 of 20 sets (30%)", or `noneDue` when nothing of it was due in the period (QA-m M8: "0 of 0 sets
        /// (0%)" read as nothing done of what was asked). `percent`: false where the form has no room for it.
        public func doneText(percent: Bool = true) -> String {
            guard setsPrescribed > 0 else { return TherapistReport.noneDue }
            let pct = Int((Double(setsDone) / Double(setsPrescribed) * 100).rounded())
            return "\(setsDone) of \(setsPrescribed.counted("set"))" + (percent ? " (\(pct)%)" : "")
        }
    }
    /// What the report says of an exercise or a week of which nothing was due yet in the period.
    public static let noneDue = "none due yet"
    /// "7 of 8 sessions, 1 partial (90%)" for a week (`WeekAdherence.sessionsText`), or `noneDue` when it
    /// prescribed nothing in the period: never 0% of nothing.
    public static func weekText(_ w: WeekAdherence, noun: String = "sessions", percent: Bool = true) -> String {
        w.expected == 0 && w.done == 0 ? noneDue : w.sessionsText(noun: noun) + (percent ? " (\(w.percent)%)" : "")
    }
    /// A note she wrote on a pain entry, with its score (nil when she left the pain out of the report).
    public struct Note: Sendable, Hashable { public var date: CalendarDate; public var time: TimeOfDay; public var score: Int?; public var text: String }
    public struct CheckIn: Sendable, Hashable { public var date: CalendarDate; public var yes: Int; public var areas: [String] }
    public struct Alert: Sendable, Hashable {
        public var date: CalendarDate
        public var text: String
        /// What she wrote with the sign (`ReportedSign.note`), without control characters; empty when nothing.
        public var note: String = ""

        /// " (note: “left calf”)", or nothing: what each format adds after the sign's words, at most `limit`
        /// characters of the note.
        public func noteText(limit: Int = .max) -> String {
            guard !note.isEmpty else { return "" }
            return " (note: “" + (note.count > limit ? String(note.prefix(limit - 1)) + "…" : note) + "”)"
        }
    }
    /// A day with pain of `SafetyRules.highPainScore` or more, in Log pain, during an exercise or with a bowel
    /// movement (`PainScore.all(in:from:to:)`).
    public struct HighPainDay: Sendable, Hashable { public var date: CalendarDate; public var max: Int }

    public var title: String
    /// Name, stage and conditions, or nil when the profile was left out.
    public var who: [String]?
    public var from: CalendarDate
    public var to: CalendarDate
    public var days: [DailyPain]
    public var entryCount: Int
    /// The change since her first week of logging (all her entries, not only the period's).
    public var change: PainChange?
    public var sites: [SiteLine]
    public var triggers: [TriggerLine]
    public var weeks: [WeekAdherence]
    public var exercises: [ExerciseLine]
    public var notes: [Note]
    public var checkIns: [CheckIn]
    /// The bladder diary and bowel log of the period, and each questionnaire's latest score with its change
    /// since the first (the evaluation's), in words; empty when there is none.
    public var symptoms: [String]
    public var warningSigns: [Alert]
    public var highPainDays: [HighPainDay]
    public var visits: [Visit]
    /// Her questions for the visit: every one still waiting for an answer, and those asked in the period, each
    /// in words (`questionLine`), oldest first.
    public var questions: [String]
    /// The parts she chose to leave out, named so the reader knows they are missing, not empty.
    public var leftOut: [ExportSection]
    /// Who made it: the patient in her own portal, the patient on her clinic login, or her therapist (her
    /// login) from the clinic's record (`RecordStore.viewer`).
    public var madeBy: Viewer = .patient
    /// The name her clinic keeps for the therapist who made it (`RecordStore.therapistName`, clinic change 26),
    /// said in place of her login; nil where the clinic keeps none, and the login is said.
    public var therapistName: String?

    /// The header's line saying when and by whom it was made, and how pain is scored.
    public var madeText: String {
        let by: String
        switch madeBy {
        case .patient: by = "with the patient's own portal"
        case .clinicPatient: by = "by the patient from her clinic's record"
        case .therapist(let login):
            let name = PlainText.removingControls(therapistName ?? "").trimmingCharacters(in: .whitespaces)
            by = "by her therapist (\(name.isEmpty ? login : name)) from the clinic's record"
        }
        return "Made \(to) \(by). Pain is scored 0 (none) to 10 (worst)."
    }

    /// After a sign her check-in's answer reported, in every format.
    public static let inACheckIn = " (a check-in answer)"

    /// The period a report covers: from `since`, from the last completed visit, or the last 28 days.
    public enum Period: Sendable, Hashable {
        case since(CalendarDate)
        case sinceLastVisit
        case lastDays(Int)
    }

    public static func from(period: Period, data: ExportData) throws -> CalendarDate {
        switch period {
        case .since(let d):
            try ExportData.checkSince(d, today: data.today)
            return d
        case .lastDays(let n): return data.today.adding(days: -(n - 1))
        case .sinceLastVisit:
            guard let last = data.plan?.visits.filter({ $0.status == .completed }).compactMap(\.start).max() else {
                throw PortalError.notFound("No visit is completed yet, so there is no last visit to start from; use --since YYYY-MM-DD instead.")
            }
            return last.date
        }
    }

    /// `data` must hold all entries (not only the period's) so the change since the first week is right.
    public init(data: ExportData, period: Period, madeBy: Viewer = .patient, therapistName: String? = nil) throws {
        self.madeBy = madeBy
        self.therapistName = therapistName
        let from = try Self.from(period: period, data: data)
        let to = data.today
        self.from = from
        self.to = to
        title = "Physical therapy summary"
        leftOut = ExportSection.allCases.filter { !data.includes($0) }
        who = data.patient.map { p in
            var lines = [p.name, p.progress(on: to).summary]
            if !p.conditions.isEmpty { lines.append("Treated for: " + p.conditions.map(\.title).joined(separator: "; ")) }
            if !p.therapist.isEmpty || !p.clinic.isEmpty { lines.append([p.therapist, p.clinic].filter { !$0.isEmpty }.joined(separator: " · ")) }
            // Her one-line fields on one line each, whatever was written into them outside the portal (qa-h H16).
            return lines.map(PlainText.oneLine)
        }
        let entries = data.painEntries.filter { $0.date >= from && $0.date <= to }
        entryCount = entries.count
        days = PainTrend(entries: entries).days
        change = PainTrend(entries: data.painEntries.filter { $0.date <= to }).changeSinceFirstWeek(today: to)
        var bySite: [SiteSide: [Int]] = [:]
        for e in entries { for s in e.sites { bySite[s, default: []].append(e.score) } }
        sites = bySite.map { SiteLine(title: $0.key.title, entries: $0.value.count, mean: Double($0.value.reduce(0, +)) / Double($0.value.count)) }
            .sorted { ($0.entries, $1.title) > ($1.entries, $0.title) }
        var byTrigger: [PainTrigger: Int] = [:]
        for e in entries { for t in e.triggers { byTrigger[t, default: 0] += 1 } }
        triggers = byTrigger.map { TriggerLine(title: $0.key.title, entries: $0.value) }.sorted { ($0.entries, $1.title) > ($1.entries, $0.title) }
        // Notes and warning signs come from the entries, or, when she left the pain out, from what is left of them.
        let unscored = data.unscoredEntries.filter { $0.date >= from && $0.date <= to }
        // Newest first; notes of the same minute by the order they were saved in, the last saved first (QA J12:
        // twenty of one minute came in no order), by their entries' ids, which only grow.
        let scoredNotes: [(id: Int64, note: Note)] = entries.filter { !$0.note.isEmpty }.map {
            ($0.id ?? 0, Note(date: $0.date, time: $0.time, score: $0.score, text: PlainText.removingControls($0.note)))
        }
        let unscoredNotes: [(id: Int64, note: Note)] = unscored.filter { !$0.note.isEmpty }.map {
            ($0.id ?? 0, Note(date: $0.date, time: $0.time, score: nil, text: PlainText.removingControls($0.note)))
        }
        notes = (scoredNotes + unscoredNotes).sorted { ($0.note.date, $0.note.time, $0.id) > ($1.note.date, $1.note.time, $1.id) }.map { $0.note }
        // Pain during an exercise or with a bowel movement is pain: its days of 8 or more count with the diary's.
        highPainDays = PainScore.highDays(PainScore.all(in: data.record, from: from, to: to)).map { HighPainDay(date: $0.date, max: $0.max) }
        // Every sign she reported in the period, with a pain score or on its own (`PatientRecord.reportedSigns`),
        // and those of entries whose pain she left out.
        // And the signs her check-ins' answers report (burning when peeing: `SafetyGuide.signs(in:)`), which the
        // portal told her as a reported sign (QA J7), said as a check-in's, after the day's reported signs.
        let kept = unscored.flatMap { e in e.signs.map { ReportedSign(date: e.date, time: e.time, sign: $0, painScore: nil) } }
        let reported = (data.record.reportedSigns(from: from, to: to) + kept).sorted { ($0.date, $0.time) < ($1.date, $1.time) }
            .map { Alert(date: $0.date, text: data.safety.sign($0.sign)?.text ?? $0.sign,
                         note: PlainText.removingControls($0.note).replacingOccurrences(of: "\n", with: " ")) }
        let answered = data.quizResults.filter { $0.date >= from && $0.date <= to }.sorted { $0.date < $1.date }
            .flatMap { c in data.safety.signs(in: c).map { Alert(date: c.date, text: $0.text + Self.inACheckIn) } }
        warningSigns = (reported + answered).enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        checkIns = data.quizResults.filter { $0.date >= from && $0.date <= to }.sorted { $0.date < $1.date }.map {
            CheckIn(date: $0.date, yes: $0.yesCount, areas: $0.flaggedAreas(in: data.quiz).map(\.title))
        }
        symptoms = Self.symptomLines(data: data, from: from, to: to)
        visits = data.plan?.visits ?? []
        questions = data.record.questions.filter { !$0.isAnswered || $0.askedAt.date >= from }.map(Self.questionLine)
        let log = ExerciseLog(program: data.program, sessions: data.sessions)
        weeks = log.adherenceByWeek(today: to).filter { a in
            guard let w = data.program.week(number: a.week) else { return false }
            return log.lastDay(of: w, today: to) >= from
        }
        exercises = Self.exerciseLines(data: data, log: log, from: from, to: to)
    }

    /// Sets done of sets prescribed for each exercise over the days of the period that have passed; a week's
    /// prescription counts its days a week in proportion to the days of that week inside the period
    /// (`ExerciseLog.sets(of:from:through:)`), so done is never more than prescribed.
    static func exerciseLines(data: ExportData, log: ExerciseLog, from: CalendarDate, to: CalendarDate) -> [ExerciseLine] {
        var order: [String] = []
        var done: [String: Int] = [:], prescribed: [String: Int] = [:]
        for week in data.program.weeks {
            let start = max(week.starts, from), end = min(log.lastDay(of: week, today: to), to)
            guard start <= end else { continue }
            for p in week.prescriptions {
                if done[p.exerciseID] == nil { order.append(p.exerciseID); done[p.exerciseID] = 0; prescribed[p.exerciseID] = 0 }
                // By the rule Home and Exercises use for "done": a session counts up to its sets, a day up to its
                // times a day, the days up to the sessions they prescribe.
                let sets = log.sets(of: p, from: start, through: end)
                prescribed[p.exerciseID]! += sets.prescribed
                done[p.exerciseID]! += sets.done
            }
        }
        return order.map { ExerciseLine(name: data.exercises.name($0), setsDone: done[$0]!, setsPrescribed: prescribed[$0]!) }
    }

    /// The diaries over the period and the questionnaires up to its end, a line each.
    static func symptomLines(data: ExportData, from: CalendarDate, to: CalendarDate) -> [String] {
        var lines: [String] = []
        let bladder = data.bladderEvents.filter { $0.date >= from && $0.date <= to }
        let kept = Set(bladder.map(\.date))
        if !kept.isEmpty {
            var total = BladderDay(date: to)
            for e in bladder { total.add(e) }
            let perDay = { (n: Int) in String(format: "%.1f", Double(n) / Double(kept.count)) }
            lines.append("Bladder diary, \(kept.count) day\(kept.count == 1 ? "" : "s") kept: leaks \(total.leaksText), \(perDay(total.leakCount)) a day; "
                         + "pees \(perDay(total.peesByDay)) a day and \(perDay(total.peesAtNight)) a night; pads \(total.pads); "
                         + "\(total.fluidsML / kept.count) mL to drink a day, \(total.caffeineDrinks) with caffeine")
        }
        let bowel = data.bowelEntries.filter { $0.date >= from && $0.date <= to }
        if !bowel.isEmpty {
            var w = BowelWeek(start: from, end: to)
            for e in bowel {
                w.movements += 1
                w.groups[e.type.group, default: 0] += 1
                if e.straining { w.straining += 1 }
                if e.urgency { w.urgency += 1 }
                if !e.leaks.isEmpty { w.leaks += 1 }
            }
            lines.append("Bowel log: " + w.text)
        }
        let responses = data.measureResponses.filter { $0.date <= to }
        for m in data.measures {
            guard let last = responses.last(where: { $0.measureID == m.id }) else { continue }
            var line = "\(m.shortTitle): \(m.scoreText(m.score(last).total)) on \(last.date.dayMonthText)"
            if let change = m.change(responses) { line += "; \(change.short)" }
            lines.append(line)
        }
        return lines
    }

    /// "First week 5.8, last 7 days 3.8: 2.0 points (34%) lower, a clinically important change (2 points or 30%)."
    public var changeText: String {
        guard let c = change else { return "Change since the first week: not enough entries yet (3 days in each of two separate weeks)." }
        let b = (c.baseline * 10).rounded() / 10, r = (c.recent * 10).rounded() / 10
        let points = String(format: "%.1f", abs(b - r)), pct = b == 0 ? 0 : Int((abs(b - r) / b * 100).rounded())
        let head = "First week \(String(format: "%.1f", b)), last 7 days \(String(format: "%.1f", r))"
        switch c.verdict {
        case .improved: return "\(head): \(points) points (\(pct)%) lower, a clinically important improvement (2 points or 30%)."
        case .worse: return "\(head): \(points) points (\(pct)%) higher, a clinically important worsening (2 points or 30%)."
        default: return "\(head): less than the 2 points or 30% that usually matters."
        }
    }

    /// "Completed Tue 3 Nov 2026 09:30" and the like, for the visit list.
    /// "Asked 3 Dec: Can I run yet? Answered 4 Dec by her therapist: Not yet; …", or "… (not answered yet)". The
    /// report is hers, whoever makes it: it never names her therapist's login (`VisitQuestion.answeredByText`).
    public static func questionLine(_ q: VisitQuestion) -> String {
        // Stored text goes to a terminal or a page: anything the rule refuses that slipped in (an older row, another
        // program's write) is dropped here, as every command that prints a record does.
        let asked = "Asked \(q.askedAt.date.dayMonthText): \(PlainText.removingControls(q.text))"
        guard let at = q.answeredAt else { return asked + " (not answered yet)" }
        return asked + " Answered \(at.date.dayMonthText) by her therapist: \(PlainText.removingControls(q.answer))"
    }

    /// How her questions fit the lines a one-page report gives them (`budget`), given how many lines each takes
    /// (`lines`, in order): whole questions while they fit, keeping a line for saying how many more there are; the
    /// first that does not fit is cut to the lines left (at least one, and one more for saying how many of its
    /// lines the portal has: `moreLines`); those after it are counted (`moreQuestions`). A question of 500
    /// characters with a long answer otherwise pushed the page onto a second one.
    static func questionFit(_ lines: [Int], budget: Int) -> (shown: [(lines: Int, more: Int)], left: Int) {
        var shown: [(lines: Int, more: Int)] = [], used = 0, left = 0
        for (i, n) in lines.enumerated() {
            let reserve = i == lines.count - 1 ? 0 : 1
            if left > 0 || !shown.isEmpty && shown[shown.count - 1].more > 0 {
                left += 1
            } else if used + n + reserve <= budget {
                shown.append((n, 0)); used += n
            } else if budget - used - reserve >= 2 {
                let kept = budget - used - reserve - 1
                shown.append((kept, n - kept)); used = budget - reserve
            } else {
                left += 1
            }
        }
        return (shown, left)
    }

    /// "(3 more lines in the portal)": what a question cut to fit the page says.
    static func moreLines(_ n: Int) -> String { "(\(n.counted("more line")) in the portal)" }
    /// "2 more questions in the portal.": the questions that did not fit the page.
    static func moreQuestions(_ n: Int) -> String { "\(n.counted("more question")) in the portal." }

    public static func visitLine(_ v: Visit) -> String {
        let when = v.start.map { " \($0.date.shortText) \($0.date.year) \($0.time)" } ?? ""
        let mode = v.status == .booked || v.status == .completed ? " · \(v.mode.title.lowercased())" : ""
        return "\(v.number). \(v.kind.title): \(v.status.title)\(when)\(mode)"
    }
}
