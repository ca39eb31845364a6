import PortalCore

/// What has happened is never dated after the clinic's now (`clinic_now()`), whoever of the logins writes it,
/// as the portal's commands and screens refuse it:
/// - a visit recorded as completed or missed (`VisitStatus.isRecorded`) starts at the latest now (qa-h H5: her
///   therapist's login recorded a visit two months ahead as completed, which then could never be undone);
/// - her birth date is at the latest the clinic's day (qa-h H8: a birth date in 2999 put her "less than a
///   week after birth", the stage her precautions are chosen by).
/// A trigger for every login but the administrator's (who restores records as they were), made after every
/// migration like `guards`: rows already kept are not checked. Only rows whose status, time or birth date the
/// write changes are held to it. A booking in the past (the rest of H8) is not held here: the clinic's own tests
/// book visits on a pinned portal clock, which a rule on the server's real clock would make depend on the day.
extension ClinicSchema {
    static var notAhead: String {
        let recorded = VisitStatus.allCases.filter(\.isRecorded).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return refusing("visit_recorded_not_ahead", on: "visit", when: """
            NEW.status IN (\(recorded)) AND NEW.starts_at > public.clinic_now()
               AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.starts_at IS DISTINCT FROM OLD.starts_at)
            """, raise: """
            'visit %: a visit is recorded as % once its time has come (it starts at %, the clinic''s now is %); book it instead',
                    NEW.number, NEW.status, NEW.starts_at, date_trunc('minute', public.clinic_now())
            """) + "\n" + refusing("patient_born_not_ahead", on: "patient", when: """
            NEW.birth_date > \(today) AND (TG_OP = 'INSERT' OR NEW.birth_date IS DISTINCT FROM OLD.birth_date)
            """, raise: "'the birth date (%) is at the latest the clinic''s day (%)', NEW.birth_date, \(today)")
    }
}
