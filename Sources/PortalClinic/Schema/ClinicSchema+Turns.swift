import PortalCore

/// Whose writes take turns with whose (hostile QA qa-f F3): a therapist's login held a row lock on her patients'
/// account rows (`SELECT … FOR NO KEY UPDATE`, allowed because she held a column's UPDATE there), and every pain
/// entry and warning sign of those patients waited on it (`record_entered`, change 21) until the portal said the
/// database was busy and saved nothing. No login may hold a lock another login's write waits on.
extension ClinicSchema {
    /// 28 (clinic only: SQLite skips it).
    ///
    /// - No login holds UPDATE on `patient_account` (every `FOR UPDATE`/`FOR SHARE` lock needs it, and her row
    ///   is the one every write of her record references): the portal's writes take their turn through
    ///   `record_turn(record)` (`turns`), which locks what only the caller's own sessions lock.
    /// - Each record's count of changes (`record_change`, change 23) is one row per record AND writer (the
    ///   login, `session_user`): a therapist's open transaction that counted a change of her patient's record
    ///   held the record's one row, and her patient's next counted write waited on it. The caseload's token sums
    ///   a record's rows (`CaseloadToken`); the count from before is kept under the writer ''.
    /// - A prescription she has logged an exercise session against is never dropped (qa-f F13): the session's
    ///   foreign key RESTRICTs instead of CASCADE, so a week emptied or deleted, by anyone, takes no session
    ///   she logged with it; the statement that tries is refused.
    static let v28Turns = """
    DROP POLICY IF EXISTS patient_lock ON patient_account;
    DROP POLICY IF EXISTS therapist_lock ON patient_account;
    REVOKE UPDATE ON patient_account FROM portal_patient, portal_therapist;
    REVOKE UPDATE (write_lock) ON patient_account FROM portal_patient, portal_therapist;
    ALTER TABLE record_change ADD COLUMN writer text NOT NULL DEFAULT '';
    ALTER TABLE record_change DROP CONSTRAINT record_change_pkey;
    ALTER TABLE record_change ADD PRIMARY KEY (patient_id, writer);
    ALTER TABLE exercise_session DROP CONSTRAINT exercise_session_patient_id_week_exercise_id_fkey;
    ALTER TABLE exercise_session ADD CONSTRAINT exercise_session_patient_id_week_exercise_id_fkey
        FOREIGN KEY (patient_id, week, exercise_id) REFERENCES prescription(patient_id, week, exercise_id) ON DELETE RESTRICT;
    """

    /// The portal's writes take turns by login, made after every migration (`migrate`):
    ///
    /// - `record_turn(record)`: the caller's turn at writing `record`. Her own sessions take turns on her account
    ///   row; her therapist's sessions on the therapist's own account row (`therapist_account`), which nobody else
    ///   writes; the administrator on the record's account row. It locks with its owner's rights (SECURITY
    ///   DEFINER) what the caller could not lock herself, and false for a record that is not the caller's to
    ///   write (nothing locked). So a therapist's session waits only on her own other sessions, and her patient's
    ///   on her own: nobody holds what another login's write waits on.
    /// - `record_entered` (change 17) and `shared_report_within_daily` (change 21) take her turn through it
    ///   instead of locking her account row with the invoker's rights (which needed the UPDATE taken away).
    /// - The history's trigger counts a change in the writer's own row of `record_change`, locking nothing else.
    static let turns = """
    CREATE OR REPLACE FUNCTION public.record_turn(record bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        owner text;
        therapist text;
    BEGIN
        SELECT role_name, therapist_role INTO owner, therapist FROM public.patient_account WHERE patient_id = record;
        IF NOT FOUND THEN
            RETURN false;
        ELSIF session_user::text = owner
              OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) THEN
            PERFORM 1 FROM public.patient_account WHERE patient_id = record FOR NO KEY UPDATE;
        ELSIF session_user::text = therapist THEN
            PERFORM 1 FROM public.therapist_account WHERE role_name = therapist FOR NO KEY UPDATE;
        ELSE
            RETURN false;
        END IF;
        RETURN true;
    END $$;
    REVOKE ALL ON FUNCTION public.record_turn(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION public.record_turn(bigint) TO \(patientGroup), \(therapistGroup);

    CREATE OR REPLACE FUNCTION record_entered() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        -- One writer of her places at a time: two sessions of hers writing at once would otherwise both take the
        -- same place, and a review of the first would cover the second, committed after it.
        PERFORM public.record_turn(NEW.patient_id);
        NEW.entered := 1 + greatest(
            (SELECT coalesce(max(entered), 0) FROM public.pain_entry WHERE patient_id = NEW.patient_id),
            (SELECT coalesce(max(entered), 0) FROM public.sign_report WHERE patient_id = NEW.patient_id),
            (SELECT coalesce(max(entered_through), 0) FROM public.sign_review WHERE patient_id = NEW.patient_id));
        RETURN NEW;
    END $$;

    CREATE OR REPLACE FUNCTION shared_report_within_daily() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    DECLARE
        n integer;
        characters bigint;
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NEW;
        END IF;
        -- Her sends take turns, so two sessions cannot both pass the count.
        PERFORM public.record_turn(NEW.patient_id);
        SELECT count(*), coalesce(sum(length(body)), 0) INTO n, characters
        FROM public.shared_report WHERE patient_id = NEW.patient_id AND date = NEW.date;
        IF n + 1 > \(sharedReportsPerDay) OR characters + length(NEW.body) > \(sharedCharactersPerDay) THEN
            RAISE EXCEPTION '\(sharedReportLimitMessage)'
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        RETURN NEW;
    END $$;

    CREATE OR REPLACE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        record_id bigint;
    BEGIN
        IF TG_OP <> 'INSERT' OR coalesce(TG_ARGV[0], 'inserts') = 'inserts' THEN
            INSERT INTO public.clinical_history (op, table_name, patient_id, old_row, new_row)
            VALUES (TG_OP, TG_TABLE_NAME,
                    CASE WHEN TG_OP = 'DELETE' THEN OLD.patient_id ELSE NEW.patient_id END,
                    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
                    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
        END IF;
        IF coalesce(TG_ARGV[1], 'counted') = 'counted' THEN
            -- Her record, and the one a row left when an update moved it (the administrator's to do); in the
            -- writer's own row of the count, which no other login's write waits on.
            FOREACH record_id IN ARRAY ARRAY[CASE WHEN TG_OP <> 'DELETE' THEN NEW.patient_id END,
                                             CASE WHEN TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.patient_id <> NEW.patient_id)
                                                  THEN OLD.patient_id END] LOOP
                CONTINUE WHEN record_id IS NULL;
                UPDATE public.record_change SET changes = changes + 1
                WHERE patient_id = record_id AND writer = session_user::text AND xmin <> pg_current_xact_id()::xid;
                IF NOT FOUND THEN
                    INSERT INTO public.record_change AS c (patient_id, writer)
                    SELECT a.patient_id, session_user::text FROM public.patient_account a WHERE a.patient_id = record_id
                    ON CONFLICT (patient_id, writer) DO UPDATE SET changes = c.changes + 1 WHERE c.xmin <> pg_current_xact_id()::xid;
                END IF;
            END LOOP;
        END IF;
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION record_history() FROM PUBLIC;
    """
}
