/// The caseload's narrow read (issue 26): what a caseload row (`CaseloadRow`) needs of each patient, fetched for
/// all her patients at once (a clinic's `PostgresStore.caseload`: a few set-based queries instead of each patient's
/// whole snapshot), then made into a snapshot by the one read of every snapshot (`PortalSnapshot.read` of the
/// caseload's window, `RecordWindow.caseload`) over the fetched rows (`FetchedRows`), so the row is made by the
/// one rule from either read. The window says what a row reads of each part (below, with the bounds here); the
/// clinic's fetch turns them into SQL. `CaseloadNarrowReadTests` proves the fetch brings all the window reads, for
/// every part, and the rows equal those of the whole read.
///
/// Of each part:
/// - the profile, care plan, measures, sign reviews and questions: all of it (a few rows each);
/// - the program: every week, with the prescriptions of the week before the one under way and of the weeks
///   after it (`prescriptionsFrom`);
/// - pain entries: those of the last `recentDays` (high and rising pain, the 7-day average), every one within the
///   screens' `PortalSnapshot.historyDays` that reported warning signs (whatever a review covers, the rule
///   decides it from them), her latest (her last pain, the last day she logged) and her first week ever (whether
///   she ever logged: the first week's baseline);
/// - warning-sign reports: those of the screens' days;
/// - exercise sessions: from `sessionsFrom` (the week adherence is judged on, and the week under way), and
///   those of her latest day of exercise;
/// - the bladder diary and the bowel log: the last `CaseloadRow.recentDays` (new results) and their latest day;
/// - check-ins: those of the last `CaseloadRow.recentDays` (the signs her answers report) and from her latest day on
///   (whether and when she last logged);
/// - her reading and reminders: nothing (a row shows neither; her reminders are hers alone).
public enum CaseloadRead {
    /// The days of pain entries every row reads: two weeks, for rising pain (this week against the one before).
    public static let recentDays = 2 * CaseloadRow.recentDays

    /// The first day of the sessions fetched: the two weeks of `recentDays`, or the start of the week before the
    /// one under way when earlier (adherence is judged on the latest week with 3 days gone: this one or that).
    public static func sessionsFrom(program: Program, today: CalendarDate) -> CalendarDate {
        let recent = today.adding(days: -(recentDays - 1))
        let started = program.weeks.map(\.starts).filter { Program.hasStarted(startingOn: $0, on: today) }.sorted(by: >).prefix(2)
        return min(recent, started.last ?? recent)
    }

    /// The first week whose prescriptions a row reads: the week before the one under way (adherence is judged
    /// on that week or this one: `sessionsFrom`; the held-back exercises are those of this week and the weeks to
    /// come); nil, every week's, before any week has started. An older week reads as prescribing nothing, so a
    /// row that would judge one is read whole (`needsWholeRead`).
    public static func prescriptionsFrom(_ weeks: [(number: Int, starts: CalendarDate)], today: CalendarDate) -> Int? {
        weeks.filter { Program.hasStarted(startingOn: $0.starts, on: today) }.sorted { $0.starts > $1.starts }.prefix(2).map(\.number).min()
    }

    /// The whole screens' window's first day (`PortalSnapshot.historyDays`): how far back the latest of a part counts.
    public static func historyFrom(_ today: CalendarDate) -> CalendarDate { today.adding(days: -PortalSnapshot.historyDays) }

    /// The first day of the diaries and check-ins read: a week (new results, the signs a check-in reports), or
    /// their latest day (of the screens' days, for the diaries) when older.
    public static func diaryFrom(_ today: CalendarDate, latest: CalendarDate?) -> CalendarDate {
        let week = today.adding(days: -(CaseloadRow.recentDays - 1))
        return min(week, latest ?? week)
    }

    /// The snapshot a row is made from, read from `db` (the fetched rows of one patient) on `clock`'s day as the
    /// caseload's window (`RecordWindow.caseload`), by the one read of every snapshot (`PortalSnapshot.read`):
    /// so a part added to the record is read by the caseload or left out by a decision (`RecordWindow.reads`),
    /// never forgotten by a second list.
    public static func snapshot(_ db: any RecordDatabase, clock: PortalClock, rules: ExerciseRules) throws -> PortalSnapshot {
        var snapshot = try PortalSnapshot.read(db, clock: clock, window: .caseload(today: clock.today))
        snapshot.exerciseRules = rules
        snapshot.programIsTherapists = true
        return snapshot
    }

    /// True when the narrow read cannot make her row as the whole read would: adherence would be judged on a
    /// week that started before the sessions fetched (neither the week under way nor the one before it can be
    /// judged: fewer than 3 days gone, nothing prescribed). Her row is then made from her whole snapshot.
    public static func needsWholeRead(_ s: PortalSnapshot) -> Bool {
        let from = sessionsFrom(program: s.program, today: s.today)
        if let judged = CaseloadRow.judgedWeek(s) {
            return (s.program.week(number: judged.week)?.starts ?? from) < from
        }
        // Nothing judged from what was fetched: an older week might be, from sessions not fetched.
        return s.program.weeks.contains { $0.starts < from }
    }
}
