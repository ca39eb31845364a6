import PortalCore


extension PostgresStore {
    /// The caseload as the portal shows it: the content's safety guide, exercise rules and questionnaires.
    public static func caseload(_ connection: PGConnection, clock: PortalClock, content: ContentLibrary) throws -> [CaseloadRow] {
        try caseload(connection, clock: clock, guide: content.safety, rules: content.exercises.rules, measures: content.measures)
    }

    /// The caseload of the therapist logged in on `connection`, in the order to look at it: each patient's row
    /// made by the one rule (`CaseloadRow`, which the caseload screen uses too) from her snapshot and her draft
    /// weeks, ordered by `CaseloadRow.ordered`. Each patient is read in her own read transactions, through
    /// row-level security: a therapist only ever gets her own patients.
    /// `rules`: the exercises' rules, so adherence and the held-back exercises follow her stage as it is now.
    /// `measures`: the questionnaires of the content, to word each one's change since the first.
    public static func caseload(_ connection: PGConnection, clock: PortalClock, guide: SafetyGuide, rules: ExerciseRules = .none,
                                measures: [Measure] = []) throws -> [CaseloadRow] {
        let roles = try connection.transaction(readOnly: true) { db in
            try db.query("SELECT role_name FROM patient_account WHERE therapist_role = current_user::text ORDER BY role_name")
                .rows.map { try $0.text("role_name") }
        }
        let rows = try roles.map { role -> CaseloadRow in
            let store = try PostgresStore(connection: connection, patient: role)
            var facts = CaseloadFacts(draftWeeks: try store.draftWeeks(), programRequest: try store.programRequest())
            // What she last sent from Share, without its text (the caseload reads no file).
            facts.lastShared = try store.reading { db in try SharedReportMap.read(db, limit: 1, bodies: false).first }
            let snapshot = try store.snapshot(clock: clock, rules: rules)
            // Her questions still waiting for his answer (the snapshot reads them all).
            facts.unansweredQuestions = snapshot.record.questions.unanswered.count
            return CaseloadRow(login: role, snapshot: snapshot, facts: facts, guide: guide, measures: measures)
        }
        return CaseloadRow.ordered(rows)
    }
}

extension PostgresStore {
    /// The login on `connection` when it is a therapist's: a member of portal_therapist, held to row-level
    /// security (not an administrator's), with no record of her own. Nil for any other login; throws when the
    /// database cannot say (not set up, not reachable).
    public static func therapistLogin(_ connection: PGConnection) throws -> String? {
        try connection.transaction(readOnly: true) { db in
            let r = try db.query("""
                SELECT current_user::text AS u, pg_has_role('portal_therapist', 'MEMBER') AS t,
                       row_security_active('public.patient_account') AS rls,
                       EXISTS (SELECT 1 FROM patient_account WHERE role_name = current_user::text) AS own
                """).rows.first
            guard let r, try r.text("t") == "t", try r.text("rls") == "t", try r.text("own") == "f" else { return nil }
            return try r.text("u")
        }
    }
}
