import PortalCore

/// An exercise session is logged on a day of a week that has started (clinic-i): her login could log one ahead,
/// against a week still to come, in psql (the portal never does: `StoreRules.session`), and since change 28 a
/// logged session keeps its prescription (the foreign key RESTRICTs), so her therapist could then no longer
/// replace that upcoming week. The server now holds the portal's rule.
extension ClinicSchema {
    /// 29 (clinic only: SQLite skips it). The rule itself is a trigger made after every migration
    /// (`sessionInStartedWeek`, with the other guards); this change is its number, so a portal that counts on it
    /// refuses a database that has not taken it (`missingChanges`: "lacks change 29 … run clinic init").
    /// Sessions logged before it are kept as they are.
    static let v29SessionsInStartedWeeks = """
    COMMENT ON TABLE exercise_session IS 'A session is logged on a day of the week it names, once that week has started by the clinic''s day (trigger exercise_session_in_started_week, made by every clinic init).';
    """

    /// The SQL test that the week whose start is `starts` has started by the clinic's day (`today`): the one
    /// question every rule about a started week asks (`startedWeeks`, `sessionInStartedWeek`; the therapist's
    /// policies ask its opposite, `Access.Rows.upcoming`).
    static func hasStarted(_ starts: String) -> String { "\(starts) <= \(today)" }

    /// What the server calls this rule when it refuses a row (`RAISE … CONSTRAINT`), for `ClinicRefusal`.
    static let sessionInStartedWeekName = "exercise_session_in_started_week"

    /// `Program.currentWeek(on:)` on the server: a session is dated on or before the clinic's day (review: one dated
    /// ahead would count in her adherence and streak), names the published week current on its date (the
    /// latest published week started by then), and that week has started by the clinic's day, whoever logs it
    /// and however. The week is read with the writer's own rights (not SECURITY DEFINER): her login sees her
    /// published weeks only, so a session against her therapist's draft is refused before the foreign key to its
    /// prescription is looked at, which would have told her, a guess at a time, what the draft holds, and pinned
    /// it there (qa-h H3). The administrator imports records as they were.
    static let sessionInStartedWeek = """
    CREATE OR REPLACE FUNCTION \(sessionInStartedWeekName)() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NEW;
        END IF;
        -- A record this login does not see: its rights refuse the row (row-level security), not this rule.
        IF NOT EXISTS (SELECT 1 FROM public.patient_account a WHERE a.patient_id = NEW.patient_id) THEN
            RETURN NEW;
        END IF;
        IF NEW.date > \(today) OR NOT EXISTS (SELECT 1 FROM public.program_week w
                       WHERE w.patient_id = NEW.patient_id AND w.number = NEW.week AND w.published_at IS NOT NULL
                         AND \(hasStarted("w.starts")) AND w.starts <= NEW.date
                         AND NOT EXISTS (SELECT 1 FROM public.program_week l
                                         WHERE l.patient_id = w.patient_id AND l.number > w.number
                                           AND l.published_at IS NOT NULL AND l.starts <= NEW.date)) THEN
            RAISE EXCEPTION 'an exercise session is logged on a day of the week it names, once that week has started, and not after the clinic''s day (week %, %; the clinic''s day is %)',
                NEW.week, NEW.date, \(today)
                USING ERRCODE = 'check_violation', CONSTRAINT = '\(sessionInStartedWeekName)';
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER \(sessionInStartedWeekName) BEFORE INSERT OR UPDATE OF date, week ON exercise_session
        FOR EACH ROW EXECUTE FUNCTION \(sessionInStartedWeekName)();
    """
}
