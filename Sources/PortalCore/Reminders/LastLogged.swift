extension PortalSnapshot {
    /// The last day she logged anything in the snapshot's window (a pain score, an exercise, warning signs, a
    /// check-in, her bladder diary or bowel log, a questionnaire), nil when nothing in it. What a therapist's
    /// caseload shows, to see who has stopped logging: a patient who keeps only her bladder diary is not quiet.
    public var lastLogged: CalendarDate? {
        [painEntries.map(\.date).max(), sessions.map(\.date).max(), signReports.map(\.date).max(), quizResults.map(\.date).max(),
         record.bladderEvents.map(\.date).max(), record.bowelEntries.map(\.date).max(), record.measureResponses.map(\.date).max()]
            .filter { $0.map { $0 <= today } ?? false }.compactMap { $0 }.max()
    }

    /// Nothing logged today or in the 6 days before: a week without a word from her.
    public var nothingLoggedForAWeek: Bool {
        guard let last = lastLogged else { return true }
        return last < today.adding(days: -6)
    }
}
