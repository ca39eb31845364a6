/// Why a patient needs her therapist now: one reason, in the therapist's words. `CaseloadRow` finds them and
/// orders the caseload by them; `portal clinic patients` and the caseload screen both print `text`, so the two
/// never word a reason differently.
public enum CaseloadReason: Sendable, Hashable {
    /// Her record could not be read (a row in a shape the portal does not read: `PortalError.unreadableRow`),
    /// so nothing else of hers can be said, not even her warning signs: first of all, for her therapist to have
    /// it looked at. `what` names the row when known ("a questionnaire dated Mon 7 Dec 2026").
    case unreadable(what: String)
    /// Warning signs she reported that her therapist has not reviewed: each sign's words, and the last day one
    /// was reported.
    case warningSigns([String], lastOn: CalendarDate)
    /// Warning signs her pelvic floor check-ins reported in the last 7 days (`SafetyGuide.signs(in:)`: "burning
    /// when peeing"), which she is told as a reported sign: each sign's words, and the last day. Not reviewable (a
    /// check-in has no place in the order a review covers), so said for the days "lately" covers, as high pain is.
    case checkInSigns([String], lastOn: CalendarDate)
    /// Pain of `SafetyRules.highPainScore` or more in the last 7 days (`PainScore`: in Log pain, during an exercise
    /// or with a bowel movement): the highest and the last day it was given.
    case highPain(score: Int, on: CalendarDate)
    /// The average of the last 7 days is higher than the 7 days before by a change that matters (`PainChange`).
    case risingPain(from: Double, to: Double)
    /// Questions she asked that have no answer yet.
    case unansweredQuestions(Int)
    /// A booked visit whose time has passed with nothing recorded.
    case visitUnrecorded(Visit)
    /// A visit booked for today.
    case visitToday(Visit)
    /// An exercise of this week or one to come that her stage now holds back: "week 5: side-plank-knees, not
    /// before 8 weeks after a C-section (until Wed 20 Jan)".
    case heldBack(String)
    /// What she asked for after a change of her details ("… added bladder leaks: new program suggested"), until
    /// her therapist publishes a week, and her name: her words are shown as hers (qa-f F5: a line she writes
    /// whole could pass for the portal's own, "warning sign reviewed").
    case programRequest(String, from: String)
    /// A program week for her to publish: a saved draft, or the next week due soon and not written yet.
    case weekToPublish(number: Int, starts: CalendarDate, drafted: Bool)
    /// Diary or questionnaire results new since her therapist last looked, each named ("bladder diary").
    case newResults([String])
    /// A report or export she sent her therapist from Share in the last 7 days: how the caseload names it.
    case sentReport(String)
    /// Exercises done this week so far well below what was prescribed.
    case lowAdherence(percent: Int, week: Int)
    /// Nothing logged for a week: the last day anything was, nil when nothing in the snapshot's window.
    case quiet(lastLogged: CalendarDate?, everLogged: Bool)

    /// Most pressing first: what the order of the caseload and of a row's reasons follows.
    public var rank: Int {
        switch self {
        case .unreadable: return -1
        case .warningSigns: return 0
        case .checkInSigns: return 0  // after a sign to review, in the order the row finds them (a stable sort)
        case .highPain: return 1
        case .risingPain: return 2
        case .unansweredQuestions: return 3
        case .visitUnrecorded: return 4
        case .visitToday: return 5
        case .heldBack: return 6
        case .programRequest: return 7
        case .weekToPublish: return 8
        case .newResults: return 9
        case .sentReport: return 10
        case .lowAdherence: return 11
        case .quiet: return 12
        }
    }

    /// True for the reasons about her safety (a record that could not be read, warning signs, her check-in's signs,
    /// high pain), which the screens mark as urgent.
    public var isUrgent: Bool { rank <= 1 }

    /// The reason in words, on `today`: "warning signs: Bleeding from the vagina (Thu 26 Nov)".
    public func text(today: CalendarDate) -> String {
        func day(_ d: CalendarDate) -> String { Self.day(d, today: today) }
        switch self {
        case .unreadable(let what):
            return "her record could not be read (\(what)), so her warning signs and pain are not shown here: "
                + "ask the clinic's administrator to look at her record"
        case .warningSigns(let signs, let last):
            return "warning sign\(signs.count == 1 ? "" : "s") not reviewed: \(signs.joined(separator: "; ")) (\(day(last)))"
        case .checkInSigns(let signs, let last):
            return "warning sign\(signs.count == 1 ? "" : "s") in her check-in: \(signs.joined(separator: "; ")) (\(day(last)))"
        case .highPain(let score, let on):
            return "pain \(score)/10 \(day(on))"
        case .risingPain(let from, let to):
            return "pain rising: 7-day average \(Self.one(from)) the week before, \(Self.one(to)) now"
        case .unansweredQuestions(let n):
            return n == 1 ? "1 question to answer" : "\(n) questions to answer"
        case .visitUnrecorded(let v):
            return "visit \(v.number)" + (v.start.map { " (\($0.date.shortText))" } ?? "") + " has no record"
        case .visitToday(let v):
            return "visit \(v.number) today" + (v.start.map { " at \($0.time)" } ?? "")
        case .weekToPublish(let n, let starts, let drafted):
            return drafted ? "week \(n) saved as a draft, not published (starts \(starts.text(near: today)))"
                : "week \(n) to write: due \(starts.text(near: today))"
        case .heldBack(let text):
            return "held back by her stage now: \(text)"
        case .programRequest(let request, let name):
            return "\(PlainText.keepingAccepted(name)) asks: \(PlainText.quoted(request)) (publish a week to answer)"
        case .newResults(let names):
            return "new results: " + names.joined(separator: ", ")
        case .sentReport(let summary):
            return "she sent you: \(summary)"
        case .lowAdherence(let percent, let week):
            return "exercises \(percent)% done in week \(week)"
        case .quiet(let last, let ever):
            if let last { return "nothing logged for \(last.days(until: today)) days (last on \(last.shortText))" }
            return ever ? "nothing logged in the last \(PortalSnapshot.historyDays) days" : "nothing logged yet"
        }
    }

    /// "today", "yesterday", or "Thu 26 Nov".
    static func day(_ d: CalendarDate, today: CalendarDate) -> String {
        switch d.days(until: today) {
        case 0: return "today"
        case 1: return "yesterday"
        default: return d.text(near: today)
        }
    }

    /// 3.4, to one decimal, as the caseload shows averages.
    static func one(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
