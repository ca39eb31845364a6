import Foundation

extension PatientRecord {
    /// Checks a whole record that comes from outside the store before any of it is written: a patient's own
    /// portal file moved into the clinic (`clinic import-local`), which anyone could have edited. Every row is
    /// held to the rule the portal applied when it was written, as of its own day (so a year-old pain entry is
    /// not refused for its age, as it would be if she typed it today), and nothing may be dated after `now`.
    /// The first row that fails is named, by part and date, with the rule's own message. Every part is named in
    /// the `switch`, so a part added to `RecordPart` does not compile until it says what is checked.
    public func checkWhole(now: LocalDateTime, content: ContentLibrary) throws {
        for part in RecordPart.allCases {
            switch part {
            case .profile:
                try row(part, nil) { try patient?.validateText() }
            case .carePlan:
                try row(part, nil) { try plan?.validateForSaving() }
            case .program:
                try row(part, nil) { try Program.validate(program.weeks) }
            case .exerciseLog:
                for s in sessions {
                    try row(part, s.date) {
                        try notAfter(s.date, now)
                        try StoreRules.checkExercisePain(s.pain)
                    }
                }
            case .painDiary:
                for e in painEntries {
                    try row(part, e.date) {
                        try notAfter(e.date, now)
                        try e.validate(now: LocalDateTime(date: e.date, time: e.time))
                        try content.safety.checkKnown(e.warningSigns)
                    }
                }
            case .signReports:
                for s in signReports {
                    try row(part, s.date) {
                        try notAfter(s.date, now)
                        try s.validate(now: LocalDateTime(date: s.date, time: s.time), guide: content.safety)
                    }
                }
            case .checkIns:
                for q in quizResults { try row(part, q.date) { try notAfter(q.date, now) } }
            case .bladderDiary:
                for e in bladderEvents {
                    try row(part, e.date) {
                        try notAfter(e.date, now)
                        try e.validate(now: LocalDateTime(date: e.date, time: e.time))
                    }
                }
            case .bowelLog:
                for e in bowelEntries {
                    try row(part, e.date) {
                        try notAfter(e.date, now)
                        try e.validate(now: LocalDateTime(date: e.date, time: e.time))
                    }
                }
            case .measures:
                for r in measureResponses {
                    try row(part, r.date) {
                        try notAfter(r.date, now)
                        guard let measure = content.measures.first(where: { $0.id == r.measureID }) else {
                            throw PortalError.invalidInput("\(PlainText.quoted(r.measureID)) is not a questionnaire the portal has; it has \(content.measures.map(\.id).joined(separator: ", ")).")
                        }
                        try measure.validate(r, today: r.date)
                    }
                }
            case .reading:
                for (_, day) in articlesRead { try row(part, day) { try notAfter(day, now) } }
            case .questions:
                for q in questions {
                    try row(part, q.askedAt.date) {
                        try notAfter(q.askedAt.date, now)
                        _ = try VisitQuestion.checkedText(q.text)
                        if !q.answer.isEmpty { _ = try VisitQuestion.checkedAnswer(q.answer) }
                    }
                }
            case .reminderSettings, .reminderLog, .signReviews:
                // Her reminders are her own machine's (the clinic sets its own); reviews are a clinic's only.
                break
            }
        }
    }

    /// The record with every tab in the text she (or her therapist) wrote made a space (`PlainText.tabsAsSpaces`),
    /// and how many texts changed: a portal file moved into the clinic (`clinic import-local`) keeps a tab from a
    /// paste, saved before the rule refused it, as the space her portal always showed, rather than being refused
    /// for it. Every part is named in the `switch`, so a part added to `RecordPart` says what text it holds.
    public func tabsAsSpaces() -> (record: PatientRecord, changed: Int) {
        var r = self, changed = 0
        func fix(_ text: inout String) {
            let spaced = PlainText.tabsAsSpaces(text)
            if spaced != text { text = spaced; changed += 1 }
        }
        for part in RecordPart.allCases {
            switch part {
            case .profile:
                if var p = r.patient {
                    fix(&p.name); fix(&p.therapist); fix(&p.clinic)
                    r.patient = p
                }
            case .carePlan:
                if let plan = r.plan {
                    var visits = plan.visits
                    for i in visits.indices { fix(&visits[i].location); fix(&visits[i].therapist); fix(&visits[i].focus); fix(&visits[i].notes) }
                    // The same visits, their text only changed: the plan's own rules hold as before.
                    if visits != plan.visits, let fixed = try? CarePlan(visits: visits) { r.plan = fixed }
                }
            case .program:
                var weeks = r.program.weeks
                for w in weeks.indices {
                    fix(&weeks[w].note)
                    for p in weeks[w].prescriptions.indices {
                        fix(&weeks[w].prescriptions[p].note)
                        fix(&weeks[w].prescriptions[p].therapistDecision)
                    }
                }
                if weeks != r.program.weeks { r.program = Program(weeks: weeks, drafts: r.program.drafts, plannedFor: r.program.plannedFor) }
            case .painDiary: for i in r.painEntries.indices { fix(&r.painEntries[i].note) }
            case .signReports: for i in r.signReports.indices { fix(&r.signReports[i].note) }
            case .bladderDiary: for i in r.bladderEvents.indices { fix(&r.bladderEvents[i].note) }
            case .bowelLog: for i in r.bowelEntries.indices { fix(&r.bowelEntries[i].note) }
            case .measures:
                for i in r.measureResponses.indices {
                    for a in r.measureResponses[i].activities.indices { fix(&r.measureResponses[i].activities[a].text) }
                }
            case .questions:
                for i in r.questions.indices { fix(&r.questions[i].text); fix(&r.questions[i].answer) }
            case .exerciseLog, .checkIns, .reading, .reminderSettings, .reminderLog, .signReviews:
                // No text she wrote: ids, dates, counts and answers.
                break
            }
        }
        return (r, changed)
    }

    private func notAfter(_ day: CalendarDate, _ now: LocalDateTime) throws {
        guard day <= now.date else {
            throw PortalError.invalidInput("It is dated \(day), after today (\(now.date)).")
        }
    }

    /// Runs one row's check, naming the part and the row's date in what it throws.
    private func row(_ part: RecordPart, _ day: CalendarDate?, _ check: () throws -> Void) throws {
        do { try check() } catch let error as PortalError {
            let what = part.nouns?.one ?? "her details"
            let which = day.map { "The \(what) of \($0)" } ?? (part.nouns == nil ? "Her details" : "The \(part.nouns!.many)")
            throw PortalError.invalidInput("\(which) in the file cannot be taken: \(error.description)")
        }
    }
}
