import PortalCore
import PortalUI

/// After a save, the snapshot on screen takes in what the store returned instead of being read again
/// whole (that read was most of a save's time, and grows with the history). Only the everyday saves are
/// applied this way, each exactly as the store's snapshot query would have read it (the same windows, the
/// same order); anything that touches more (a new patient, the program, "About me", a quiz, a visit) is
/// read again.
extension Saved {
    /// True when the snapshot can take this in place (or nothing on screen changes), so no read is needed.
    public var appliesInPlace: Bool {
        switch self {
        case .painEntry, .deletedPainEntry, .session, .removedSession, .articleRead, .signReport, .file, .sent, .reminders, .remindersSaid, .report, .signReview: return true
        // `.nothing` from a store effect says nothing of what changed (removing the demo): read it all.
        case .quizResult, .visit, .patient, .profile, .program, .chart, .nothing: return false
        // Two rows at once, on two days: read again.
        case .painEntryAndSignsNow: return false
        // Her questions are read again with the rest (a short list; the caseload counts them).
        case .question, .withdrewQuestion, .answersRead: return false
        // Not in the snapshot yet (issue 22, phase 1): read it all, as a check-in is.
        case .measureResponse, .bladderEvent, .deletedBladderEvent, .bowelEntry, .deletedBowelEntry: return false
        }
    }
}

extension PortalSnapshot {
    /// This snapshot with `saved` in it, as a fresh read would show it; nil when that cannot be worked out
    /// here (then the snapshot is read again).
    public func applying(_ saved: Saved) -> PortalSnapshot? {
        var s = self
        let window = today.adding(days: -Self.historyDays)...today
        switch saved {
        case .painEntry(let entry):
            guard let id = entry.id else { return nil }
            // Her first week is the baseline of "change since your first week" (`PainTrend.baselineWeek`): when
            // a save could move it (one dated before its end, or any while she has none yet), or change the first
            // week the store read, the snapshot is read again rather than guessed.
            guard let baseEnd = trend.firstWeek.first?.date.adding(days: 7), entry.date >= baseEnd,
                  !firstWeekPain.contains(where: { $0.id == id }),
                  !painEntries.contains(where: { $0.id == id && $0.date < baseEnd }) else { return nil }
            s.painEntries.removeAll { $0.id == id }
            // A changed entry has a new place in the order her signs were written (the store gave it one): no
            // review covers it until the record is read again.
            s.record.signsEntered.painEntries[id] = nil
            if window.contains(entry.date) {
                s.painEntries.append(entry)
                s.painEntries.sort { ($0.date, $0.time, $0.id ?? 0) < ($1.date, $1.time, $1.id ?? 0) }
            }
        case .deletedPainEntry(let id):
            let baseEnd = trend.firstWeek.first?.date.adding(days: 7)
            guard !firstWeekPain.contains(where: { $0.id == id }),
                  !painEntries.contains(where: { e in e.id == id && baseEnd.map { e.date < $0 } ?? false }) else { return nil }
            s.painEntries.removeAll { $0.id == id }
        case .session(let session):
            guard session.id != nil else { return nil }
            if (Self.sessionsFrom(program: program, today: today)...today).contains(session.date) {
                s.sessions.append(session)
                s.sessions.sort { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            }
        case .removedSession(let exerciseID, let date):
            // The store removes the latest session of that exercise on that day.
            let same = s.sessions.indices.filter { s.sessions[$0].exerciseID == exerciseID && s.sessions[$0].date == date }
            if let last = same.max(by: { (s.sessions[$0].id ?? 0) < (s.sessions[$1].id ?? 0) }) { s.sessions.remove(at: last) }
        case .articleRead(let id, let day):
            if s.articlesRead[id] == nil { s.articlesRead[id] = day }  // the first reading's day is kept
        case .reminders(let settings):
            s.record.reminderSettings = settings
        case .remindersSaid(let ids):
            for i in s.record.reminderLog.indices where ids.contains(s.record.reminderLog[i].id ?? -1) {
                s.record.reminderLog[i].saidOnHome = true
            }
        case .signReport(let report):
            guard report.id != nil else { return nil }
            if window.contains(report.date) {
                s.signReports.append(report)
                s.signReports.sort { ($0.date, $0.time, $0.id ?? 0) < ($1.date, $1.time, $1.id ?? 0) }
            }
        case .signReview(let review):
            s.record.signReviews.append(review)
        case .file, .sent, .report:
            break
        case .quizResult, .visit, .patient, .profile, .program, .chart, .nothing, .question, .withdrewQuestion, .answersRead, .painEntryAndSignsNow,
             .measureResponse, .bladderEvent, .deletedBladderEvent, .bowelEntry, .deletedBowelEntry:
            return nil
        }
        return s
    }
}
