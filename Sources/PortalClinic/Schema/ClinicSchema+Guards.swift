import PortalCore

extension ClinicSchema {
    /// Rules the row policies cannot say, because they compare a row with what it was or with the server's
    /// clock, kept by triggers for every login but the administrator's (a superuser, who imports records as
    /// they were). Like the policies it is not a numbered migration: `migrate` makes it again after every
    /// migration, so running it twice changes nothing.
    ///
    /// - A week is published when the server says: publishing sets `published_at` to now, whatever time a
    ///   write names, and a published week stays published (the policies keep her therapist's writes to drafts
    ///   and to weeks not started). A new week is published after her published ones.
    /// - A week that has started is the administrator's alone to change (`startedWeeks`).
    /// - An exercise session is logged on a day of a week that has started (`sessionInStartedWeek`, change 29).
    /// - When she asked her therapist for a new program is the server's clock, whatever she writes.
    /// - A review of her warning signs is made when the server says (`reviewed_at` is now, to the minute), and
    ///   covers only signs her record has: its place (`entered_through`) no further than her newest row's, and the
    ///   newest date it names (`signs_until`) no later than the newest sign it covers nor than now (so a review
    ///   cannot be written ahead to silence signs still to come).
    /// - An answer to her question is written when the server says (`answered_at` is now, to the minute), a
    ///   question without an answer has no time of one, and a changed answer is unread again (`read_at` cleared).
    /// - When she sent her therapist a report (`shared_report`'s date and time) is the server's, to the minute.
    ///
    /// "Now" as a date and time of day is the clinic's (`clinic_now()`, change 20), never the session's
    /// `localtimestamp`, which any login moves by up to 14 hours with `SET TimeZone`. The times kept as instants
    /// (`published_at`, `asked_at`: timestamptz) are `clock_timestamp()`, which no setting moves; every one of
    /// them is the statement's time, never the transaction's (`clinicClock`, qa-f F4).
    /// - A question for the visit is asked now or before, never later (`visit_question.asked_at`, qa-f F1).
    ///
    /// Not kept here (yet): a date ahead of the server's clock on what she reports (clinic QA S9). A trigger held
    /// them to tomorrow, but the clinic's own tests date entries ahead of today with a pinned portal clock, and a
    /// rule on the server's real clock made them depend on the day they run; the portal's commands and screens
    /// refuse a time after now.
    static var guards: String {
        [clinicClock, clinicToday, publication, startedWeeks, sessionInStartedWeek, askedNow, reviewedNow, answeredNow, sentNow].joined(separator: "\n")
    }

    /// The clinic's day as SQL: the one place a policy or trigger asks the server which day it is
    /// (`v19ClinicToday` makes the function; a later change may give it the clinic's own time zone).
    static let today = "public.clinic_today()"

    /// 19 (clinic only: SQLite skips it): the clinic server's day, in one function, so every rule about a week
    /// that has started asks the same question (the therapist's policies on upcoming weeks, `startedWeeks`).
    /// As shipped it was the session's `CURRENT_DATE`; `clinicToday`, made again after every migration (once
    /// change 20's `clinic_now()` exists), gives it the clinic's day. Everyone may call it (functions in `public`
    /// are executable by all).
    static let v19ClinicToday = """
    CREATE OR REPLACE FUNCTION clinic_today() RETURNS date LANGUAGE sql STABLE
    SET search_path = pg_catalog AS $$ SELECT CURRENT_DATE $$;
    """

    /// The clinic's clock (change 20's `clinic_now()`) reads the time of the statement, not of its transaction
    /// (qa-f F4, F13): `now()` stands still from BEGIN, and a login may keep a transaction open as long as it
    /// likes, so a transaction begun the day before a week started changed or emptied it after it had started,
    /// and an answer, a review or a sent report was dated before what it followed. Every server-set date and
    /// time, and "today" (`clinicToday`), is this clock's; a change counted once a transaction
    /// (`record_change`) goes by the transaction's id, not by its time. VOLATILE: each call reads the clock.
    static let clinicClock = """
    CREATE OR REPLACE FUNCTION clinic_now() RETURNS timestamp without time zone LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog AS $$
        SELECT \(clinicClockSQL)
    $$;
    """

    /// Whether a pain entry takes new sites and triggers (`PainDiaryMap.partsKeepSigns`, qa-f F7): it reported no
    /// warning sign, or it was written in this very transaction (the portal writes an entry and its parts in one).
    /// It reads the entry's `xmin`, which the logins may not, with its owner's rights, so it answers only of the
    /// calling login's own record (`session_user`'s; false for any other, qa-m M1: any patient's login could ask it
    /// whether another patient's entry reported a warning sign); the policy it stands in checks the row's owner
    /// too. An entry that is not there is the foreign key's to refuse. Made after every migration before the
    /// policies that name it (`migrate`).
    static let openEntry = """
    CREATE OR REPLACE FUNCTION public.\(PainDiaryMap.openEntry)(record bigint, entry bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
        SELECT record = (SELECT a.patient_id FROM public.patient_account a WHERE a.role_name = session_user)
           AND NOT EXISTS (SELECT 1 FROM public.pain_entry p WHERE p.patient_id = record AND p.id = entry
                           AND p.warning_signs <> '' AND p.xmin <> pg_current_xact_id()::xid)
    $$;
    REVOKE ALL ON FUNCTION public.\(PainDiaryMap.openEntry)(bigint, bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION public.\(PainDiaryMap.openEntry)(bigint, bigint) TO \(patientGroup);
    """

    /// The clinic's time of day, as `clinic_now()` returns it (the tests' pinned clock takes the same).
    public static let clinicClockSQL = "clock_timestamp() AT TIME ZONE (SELECT zone FROM public.clinic_zone)"

    /// The clinic's day is the date of its clock (`clinic_now()`, change 20), whatever a session's `TimeZone`:
    /// a login cannot make a started week look upcoming by moving its own zone.
    static let clinicToday = """
    CREATE OR REPLACE FUNCTION clinic_today() RETURNS date LANGUAGE sql VOLATILE
    SET search_path = pg_catalog AS $$ SELECT (public.clinic_now())::date $$;
    """

    /// A week that has started is changed by nobody but the administrator (a superuser, who imports records as
    /// they were), whatever the policies let through: a published week keeps its row (never deleted by a login),
    /// and is changed only while it and what it becomes both start after the server's day (`today`), so a start
    /// date moved back into the past is refused too. Her therapist publishes a new week only after her published
    /// ones (a higher number and a later start), so a week published late cannot cut into one under way.
    static let startedWeeks = """
    CREATE OR REPLACE FUNCTION program_week_started_stays() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') = 'on' OR OLD.published_at IS NULL THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'a published week is never deleted; her therapist changes one before it starts' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF \(hasStarted("OLD.starts")) OR \(hasStarted("NEW.starts")) THEN
            RAISE EXCEPTION 'week % has started (or would have): only the clinic''s administrator changes it', OLD.number
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- An upcoming week keeps its number and its place among her published weeks (`weekDaysOwn`).
        IF NEW.number <> OLD.number OR NEW.patient_id <> OLD.patient_id THEN
            RAISE EXCEPTION 'a published week keeps its number' USING ERRCODE = 'check_violation';
        END IF;
        \(weekDaysOwn)
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER program_week_started_stays BEFORE UPDATE OR DELETE ON program_week
        FOR EACH ROW EXECUTE FUNCTION program_week_started_stays();
    """

    /// The server's half of `Program.startWindow`, made from its numbers, checked when a week is published
    /// (the moment it becomes hers; a draft is her therapist's own until then): it starts after the clinic's day
    /// (`newWeekLeadDays`: never in the past, never today), and its days are its own, at least
    /// `minimumWeekDays` after her published week before it starts (clinic QA D5: a week published inside
    /// weeks under way gave her days a second program).
    static let newWeekStarts = """
    IF NEW.starts < \(today) + \(Program.newWeekLeadDays) THEN
                    RAISE EXCEPTION 'week % would start on %, not after the clinic''s day (%): a new week is never given to her in the past', NEW.number, NEW.starts, \(today)
                        USING ERRCODE = 'check_violation';
                END IF;
                \(weekDaysOwn)
    """

    /// `Program.startWindow`'s rule that a week's days are its own, as the one SQL test of the row `NEW` both
    /// triggers that hold a published week's start use (`startedWeeks` when an upcoming week moves, `newWeekStarts`
    /// when one is published): it starts at least `minimumWeekDays` after her published week before it, and ends
    /// before her published week after it starts (when one is published, none is after it: `publication`).
    static let weekDaysOwn = """
    IF EXISTS (SELECT 1 FROM public.program_week w WHERE w.patient_id = NEW.patient_id AND w.number <> NEW.number
                       AND w.published_at IS NOT NULL
                       AND ((w.number < NEW.number AND NEW.starts < w.starts + \(Program.minimumWeekDays))
                            OR (w.number > NEW.number AND w.starts < NEW.starts + \(Program.minimumWeekDays)))) THEN
                    RAISE EXCEPTION 'week % would start on %, inside the week before it or after the week that follows it', NEW.number, NEW.starts
                        USING ERRCODE = 'check_violation';
                END IF;
    """

    static let askedNow = """
    CREATE OR REPLACE FUNCTION program_request_asked_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') <> 'on' THEN
            NEW.asked_at := clock_timestamp();
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER program_request_asked_now BEFORE INSERT OR UPDATE ON program_request
        FOR EACH ROW EXECUTE FUNCTION program_request_asked_now();
    """

    static let reviewedNow = """
    CREATE OR REPLACE FUNCTION sign_review_reviewed_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    DECLARE
        newest integer;
        newest_sign timestamp;
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NEW;
        END IF;
        NEW.reviewed_at := date_trunc('minute', public.clinic_now());
        newest := greatest(
            (SELECT coalesce(max(entered), 0) FROM public.pain_entry WHERE patient_id = NEW.patient_id),
            (SELECT coalesce(max(entered), 0) FROM public.sign_report WHERE patient_id = NEW.patient_id));
        IF NEW.entered_through IS NULL OR NEW.entered_through < 0 OR NEW.entered_through > newest THEN
            RAISE EXCEPTION 'a review covers only warning signs her record has' USING ERRCODE = 'insufficient_privilege';
        END IF;
        newest_sign := greatest(
            (SELECT max(date + time) FROM public.pain_entry
             WHERE patient_id = NEW.patient_id AND entered <= NEW.entered_through AND warning_signs <> ''),
            (SELECT max(date + time) FROM public.sign_report WHERE patient_id = NEW.patient_id AND entered <= NEW.entered_through));
        NEW.signs_until := least(NEW.signs_until, newest_sign, NEW.reviewed_at);
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER sign_review_reviewed_now BEFORE INSERT OR UPDATE ON sign_review
        FOR EACH ROW EXECUTE FUNCTION sign_review_reviewed_now();
    """

    static let answeredNow = """
    CREATE OR REPLACE FUNCTION visit_question_answered_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NEW;
        END IF;
        -- She asks now or before, never later (qa-f F1: a question dated 2030 was answered "before" it was asked).
        IF (TG_OP = 'INSERT' OR NEW.asked_at IS DISTINCT FROM OLD.asked_at) AND NEW.asked_at > date_trunc('minute', public.clinic_now()) THEN
            RAISE EXCEPTION 'a question is asked at the latest now (%), not at %', date_trunc('minute', public.clinic_now()), NEW.asked_at
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.answer = '' THEN
            NEW.answered_at := NULL;
        ELSIF TG_OP = 'INSERT' OR NEW.answer IS DISTINCT FROM OLD.answer OR NEW.answered_at IS DISTINCT FROM OLD.answered_at
              OR NEW.answered_by IS DISTINCT FROM OLD.answered_by THEN
            NEW.answered_at := date_trunc('minute', public.clinic_now());
            -- A changed answer is new to her again.
            IF TG_OP = 'UPDATE' THEN
                NEW.read_at := NULL;
            END IF;
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER visit_question_answered_now BEFORE INSERT OR UPDATE ON visit_question
        FOR EACH ROW EXECUTE FUNCTION visit_question_answered_now();
    """

    static let publication = """
    CREATE OR REPLACE FUNCTION program_week_published_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL THEN
            IF NEW.published_at IS DISTINCT FROM OLD.published_at THEN
                RAISE EXCEPTION 'a published week stays as it was published' USING ERRCODE = 'check_violation';
            END IF;
        ELSIF NEW.published_at IS NOT NULL THEN
            NEW.published_at := clock_timestamp();
            IF EXISTS (SELECT 1 FROM public.program_week w WHERE w.patient_id = NEW.patient_id AND w.number <> NEW.number
                       AND w.published_at IS NOT NULL AND (w.number > NEW.number OR w.starts >= NEW.starts)) THEN
                RAISE EXCEPTION 'week % is published after her published weeks (a higher number, a later start)', NEW.number
                    USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER program_week_published_now BEFORE INSERT OR UPDATE OF published_at ON program_week
        FOR EACH ROW EXECUTE FUNCTION program_week_published_now();

    -- The week's days, checked after the row's rights (an AFTER trigger: a login who may not write the week is
    -- refused by them first, and learns nothing from its dates), at the moment it is published.
    CREATE OR REPLACE FUNCTION program_week_published_in_time() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NULL;
        END IF;
        \(newWeekStarts)
        RETURN NULL;
    END $$;
    CREATE OR REPLACE TRIGGER program_week_published_in_time AFTER INSERT ON program_week
        FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION program_week_published_in_time();
    CREATE OR REPLACE TRIGGER program_week_published_in_time_update AFTER UPDATE OF published_at ON program_week
        FOR EACH ROW WHEN (OLD.published_at IS NULL AND NEW.published_at IS NOT NULL) EXECUTE FUNCTION program_week_published_in_time();
    """

    /// 18 (clinic only: SQLite skips it): when she sent her therapist a report (`shared_report`) is the server's
    /// clock, whatever date and time her client writes: her local now (`localtimestamp`, in her session's zone,
    /// the server's unless her client set PGTZ), to the minute, as the portal names a time. The administrator
    /// (a superuser) writes rows as they were. As shipped; change 20 makes it again on the clinic's clock
    /// (`sentNow`, one of the `guards`).
    static let v18SentNow = """
    CREATE OR REPLACE FUNCTION shared_report_sent_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF current_setting('is_superuser') <> 'on' THEN
            NEW.date := localtimestamp::date;
            NEW.time := date_trunc('minute', localtimestamp)::time(0);
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER shared_report_sent_now BEFORE INSERT OR UPDATE ON shared_report
        FOR EACH ROW EXECUTE FUNCTION shared_report_sent_now();
    """

    /// Change 18's rule (`v18SentNow`, as shipped, used the session's `localtimestamp`) on the clinic's clock.
    static let sentNow = """
    CREATE OR REPLACE FUNCTION shared_report_sent_now() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    DECLARE
        now_here timestamp := date_trunc('minute', public.clinic_now());
    BEGIN
        IF current_setting('is_superuser') <> 'on' THEN
            NEW.date := now_here::date;
            NEW.time := now_here::time(0);
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER shared_report_sent_now BEFORE INSERT OR UPDATE ON shared_report
        FOR EACH ROW EXECUTE FUNCTION shared_report_sent_now();
    """

    /// 20 (clinic only: SQLite skips it): the clinic's time zone, fixed when the clinic is set up, and its clock
    /// (`clinic_now()`), the one source of every date and time of day the server sets (`guards`). Before it the
    /// guards took the session's `localtimestamp`, and any login could `SET TimeZone` to move a review, an answer
    /// or a sent report by up to 14 hours. The zone is the `TimeZone` of the administrator's session that runs
    /// the migration (the server's, unless the administrator's client set PGTZ; `portal clinic init --time-zone`
    /// names another): an existing clinic keeps the zone its times were written in. Only a superuser reads or
    /// changes it (row-level security forced, no policy, no grant); every login calls `clinic_now()`, which reads
    /// it with its owner's rights. "Today" at the clinic is `clinic_now()::date`.
    static let v20ClinicZone = """
    CREATE TABLE clinic_zone (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        zone text NOT NULL CHECK (length(zone) BETWEEN 1 AND 64 AND (timestamptz '2000-01-01 00:00+00' AT TIME ZONE zone) IS NOT NULL)
    );
    ALTER TABLE clinic_zone ENABLE ROW LEVEL SECURITY;
    ALTER TABLE clinic_zone FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON clinic_zone FROM PUBLIC;
    INSERT INTO clinic_zone (zone) VALUES (current_setting('TimeZone'));
    CREATE FUNCTION clinic_now() RETURNS timestamp without time zone LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog AS $$
        SELECT now() AT TIME ZONE (SELECT zone FROM public.clinic_zone)
    $$;
    REVOKE ALL ON FUNCTION clinic_now() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION clinic_now() TO portal_patient, portal_therapist;
    """

    /// How long a patient's or therapist's session may hold others up (clinic QA S8: a patient's open
    /// transaction holding her account row stalled her therapist's saves for as long as she liked). Settings of
    /// each login role (a group's settings do not reach its members): a statement waits at most `lock_timeout`
    /// for a lock (the portal then says the record is busy: `PGError.portalError`), and a session idle inside a
    /// transaction is ended after `idle_in_transaction_session_timeout`. The administrator's sessions keep the
    /// server's defaults.
    public static let sessionLimits: [(setting: String, value: String)] = [
        ("lock_timeout", "5s"),
        ("idle_in_transaction_session_timeout", "1min"),
    ]

    /// Sets `sessionLimits` on login `role` (from its next session on). The name is quoted by the server.
    static func limitSessions(of role: String, _ db: PGConnection) throws {
        for (setting, value) in sessionLimits {
            let sql = try db.query("SELECT format('ALTER ROLE %I SET %s = %L', $1::text, $2::text, $3::text) AS s", [role, setting, value])
                .rows.first?.text("s") ?? ""
            try db.script(sql)
        }
    }

    /// Sets `sessionLimits` on every login of the two groups (those added before the limits existed too).
    static func limitSessionsOfEveryLogin(_ db: PGConnection) throws {
        let logins = try db.query("""
            SELECT DISTINCT m.rolname::text AS r FROM pg_auth_members a
            JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
            WHERE g.rolname IN ($1, $2) ORDER BY 1
            """, [patientGroup, therapistGroup]).rows.map { try $0.text("r") }
        for role in logins { try limitSessions(of: role, db) }
    }
}
