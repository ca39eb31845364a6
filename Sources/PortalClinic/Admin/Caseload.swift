import PortalCore

/// One line of a therapist's caseload: what she needs to see first about each patient.
public struct CaseloadLine: Sendable {
    public let role: String
    public let name: String
    public let lastPain: PainEntry?
    /// Mean score of the last seven days' entries, nil without any.
    public let average7: Double?
    /// The current program week's sessions done so far against those prescribed so far, as a percentage.
    public let adherence: Int?
    /// Warning signs ticked in the last seven days, each once.
    public let warningSigns: [String]
    public let nextVisit: Visit?
    /// The last day she logged anything (pain, exercises, warning signs, a check-in) in the last 120 days.
    public let lastLogged: CalendarDate?
    /// Nothing logged in the last 7 days: the patients a therapist may want to call.
    public let quietForAWeek: Bool
    /// Whether she ever logged pain (her first week is kept however long ago): "nothing yet" or "nothing lately".
    public let everLogged: Bool
    /// Her request for a new program after a change of her details, until a week is published.
    public let programRequest: String?
    /// What she last sent her therapist from Share (without its text), and how many she sent in all.
    public var lastShared: SharedReport?
    /// Each questionnaire she filled in more than once: its change since the first (the evaluation's), in words.
    public let measureChanges: [String]
    /// Exercises in this week or a week to come that her stage holds back (`PrescriptionHolds`: her details
    /// changed after the week was written), each "week 7: side-plank-knees, not before 8 weeks after a
    /// C-section (until Tue 15 Dec)": the therapist's week to look at again.
    public var heldBack: [String] = []
}

extension PostgresStore {
    /// The caseload of the therapist logged in on `connection`: patients with warning signs first, then those
    /// who have logged nothing for a week, then by name. Each patient is read in her own read transaction, through row-level security: a therapist
    /// only ever gets her own patients.
    /// `rules`: the exercises' rules, so adherence leaves out what a patient's stage holds back.
    /// `measures`: the questionnaires of the content, to word each one's change since the first.
    public static func caseload(_ connection: PGConnection, clock: PortalClock, rules: ExerciseRules = .none,
                                measures: [Measure] = []) throws -> [CaseloadLine] {
        let roles = try connection.transaction(readOnly: true) { db in
            try db.query("SELECT role_name FROM patient_account WHERE therapist_role = current_user::text ORDER BY role_name")
                .rows.map { try $0.text("role_name") }
        }
        let weekAgo = clock.today.adding(days: -6)
        let lines = try roles.map { role -> CaseloadLine in
            let record = try PostgresStore(connection: connection, patient: role)
            let s = try record.snapshot(clock: clock, rules: rules)
            let recent = s.painEntries.filter { $0.date >= weekAgo }
            let log = s.log
            let current = s.program.currentWeek(on: clock.today).map(\.number)
            let adherence = log.adherenceByWeek(today: clock.today).first { $0.week == current }
            let held = s.holds.held(in: s.program, today: clock.today).map { h in
                "week \(h.week.number): \(h.prescription.exerciseID), \(h.hold.rule.text)" + (h.hold.until.map { " (until \($0.shortText))" } ?? "")
            }
            // Every sign she reported, with a pain score or on her own (`PatientRecord.reportedSigns`).
            var signs: [String] = []
            for reported in s.record.reportedSigns(from: weekAgo) where !signs.contains(reported.sign) { signs.append(reported.sign) }
            var line = CaseloadLine(role: role, name: s.patient?.name ?? "not set up yet", lastPain: s.painEntries.last,
                                average7: recent.isEmpty ? nil : Double(recent.map(\.score).reduce(0, +)) / Double(recent.count),
                                adherence: adherence?.percent, warningSigns: signs,
                                nextVisit: s.plan?.nextVisit(after: clock.now), lastLogged: s.lastLogged,
                                quietForAWeek: s.patient != nil && s.nothingLoggedForAWeek,
                                everLogged: s.lastLogged != nil || !s.firstWeekPain.isEmpty || s.quizResultCount > 0,
                                programRequest: try record.programRequest(),
                                measureChanges: measures.compactMap { m in m.change(s.record.measureResponses).map { "\(m.abbreviation) \($0.short)" } })
            line.heldBack = held
            line.lastShared = try record.reading { db in try SharedReportMap.read(db, limit: 1, bodies: false).first }
            return line
        }
        // Warning signs first, then those who have logged nothing for a week, then by name.
        func rank(_ l: CaseloadLine) -> (Int, Int, String) { (l.warningSigns.isEmpty ? 1 : 0, l.quietForAWeek ? 0 : 1, l.name) }
        return lines.sorted { rank($0) < rank($1) }
    }
}
