import PortalCore

/// What the database keeps of every change to a record, whoever makes it and however (the portal, `psql`, an
/// import), and the rule of the care plan no role can break.
///
/// - Every insert, update and delete of a row of the record's tables (`RecordPart.tables`: `ClinicSecurity`
///   puts the trigger on each, so a table added to the map is kept too) adds one row to `clinical_history`:
///   who (the login, `session_user`), when, the operation, the table, whose record, the row before (an update's
///   or a delete's) and after (an insert's or an update's).
/// - The history is append-only: no role is granted anything on it, row-level security is forced with no
///   policy, and a trigger refuses every UPDATE, DELETE and TRUNCATE, even the administrator's. It is read by
///   the clinic's administrator (a superuser: `portal clinic history`).
/// - The trigger function writes with its owner's rights (SECURITY DEFINER: a patient's role may not write the
///   history itself, so she cannot add made-up rows to it either). It cannot be called except as a trigger,
///   and it only inserts.
/// - A pain entry a patient deletes leaves her record (her screens and exports no longer show it); its row,
///   sites and triggers stay in the history.
/// - A care plan has exactly six visits, numbered 1 to 6, at the end of every transaction: a deferred
///   constraint trigger counts each record's visits after any insert, delete or renumbering. No role holds
///   DELETE on visits; the administrator, who could, is refused too (unless the whole record goes).
public enum ClinicHistory {
    /// The history's table: the clinic's, not part of any record (it holds a `patient_id`, and no patient reads it).
    public static let table = "clinical_history"
    /// The clinic's own tables that hold a `patient_id` but are not part of the record (no export carries them):
    /// the history, her requests for a new program, and each record's count of changes.
    public static let clinicTables = [table, "program_request", changes]
    /// Each record's count of changes (change 23), for her therapist's open caseload.
    public static let changes = "record_change"

    /// Clinic-only change 12 (SQLite skips the number).
    static let v12History = """
    CREATE TABLE clinical_history (
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        who text NOT NULL DEFAULT session_user,
        op text NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
        table_name text NOT NULL,
        patient_id bigint NOT NULL,
        old_row jsonb,
        new_row jsonb
    );
    CREATE INDEX clinical_history_by_record ON clinical_history (patient_id, at);
    ALTER TABLE clinical_history ENABLE ROW LEVEL SECURITY;
    ALTER TABLE clinical_history FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON clinical_history FROM PUBLIC;

    CREATE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        INSERT INTO public.clinical_history (op, table_name, patient_id, old_row, new_row)
        VALUES (TG_OP, TG_TABLE_NAME,
                CASE WHEN TG_OP = 'DELETE' THEN OLD.patient_id ELSE NEW.patient_id END,
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
                CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION record_history() FROM PUBLIC;

    CREATE FUNCTION clinical_history_append_only() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        RAISE EXCEPTION 'the clinical history is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER clinical_history_append_only BEFORE UPDATE OR DELETE ON clinical_history
        FOR EACH ROW EXECUTE FUNCTION clinical_history_append_only();
    CREATE TRIGGER clinical_history_no_truncate BEFORE TRUNCATE ON clinical_history
        FOR EACH STATEMENT EXECUTE FUNCTION clinical_history_append_only();

    CREATE FUNCTION care_plan_has_six_visits() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        record_id bigint;
        n integer;
    BEGIN
        FOREACH record_id IN ARRAY ARRAY[CASE WHEN TG_OP <> 'DELETE' THEN NEW.patient_id END,
                                         CASE WHEN TG_OP <> 'INSERT' THEN OLD.patient_id END] LOOP
            CONTINUE WHEN record_id IS NULL;
            SELECT count(*) INTO n FROM public.visit WHERE patient_id = record_id;
            IF n NOT IN (0, 6) THEN
                RAISE EXCEPTION 'a care plan has exactly six visits, numbered 1 to 6 (this one would have %)', n
                    USING ERRCODE = 'check_violation';
            END IF;
        END LOOP;
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION care_plan_has_six_visits() FROM PUBLIC;
    CREATE CONSTRAINT TRIGGER care_plan_has_six_visits AFTER INSERT OR DELETE OR UPDATE OF patient_id, number ON visit
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION care_plan_has_six_visits();

    -- A change of her details that calls for a new program, for her therapist (one per record, the latest):
    -- she asks, her therapist reads it on the caseload; publishing a week answers it.
    CREATE TABLE program_request (
        patient_id bigint PRIMARY KEY REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        asked_at timestamptz NOT NULL DEFAULT now(),
        request text NOT NULL CHECK (length(request) BETWEEN 1 AND 400 AND request !~ '[[:cntrl:]]')
    );
    ALTER TABLE program_request ENABLE ROW LEVEL SECURITY;
    ALTER TABLE program_request FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON program_request FROM PUBLIC;
    CREATE POLICY patient_reads ON program_request FOR SELECT TO portal_patient
        USING (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user));
    CREATE POLICY patient_asks ON program_request FOR INSERT TO portal_patient
        WITH CHECK (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user));
    CREATE POLICY patient_asks_again ON program_request FOR UPDATE TO portal_patient
        USING (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user))
        WITH CHECK (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user));
    CREATE POLICY therapist_reads ON program_request FOR SELECT TO portal_therapist
        USING (patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user));
    CREATE POLICY therapist_answers ON program_request FOR DELETE TO portal_therapist
        USING (patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user));
    GRANT SELECT, INSERT (patient_id, request), UPDATE (asked_at, request) ON program_request TO portal_patient;
    GRANT SELECT, DELETE ON program_request TO portal_therapist;
    CREATE TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON program_request
        FOR EACH ROW EXECUTE FUNCTION record_history();
    """

    /// The history's trigger on one of the record's tables (made again with the policies after every migration).
    /// What she sent her therapist (a clinic-only table no login may change or delete from) keeps each row as it
    /// was written: its history holds only what the administrator changes, so a report is not kept twice (qa-d
    /// D2: every report she sent took its size again in the history). The record's own tables keep every insert.
    /// Every write to a table her therapist reads (`countsChanges`) adds to her record's count of changes
    /// (`record_change`, change 23), her inserts into what she sent her therapist included; what is hers alone
    /// (her reminders) is not counted, so its changes tell her therapist nothing.
    static func trigger(on table: RecordTable) -> String {
        let changed = !RecordPart.clinicOnlyTables.contains { $0.name == table.name }
            || table.access.contains { $0.commands.contains(.update) || $0.commands.contains(.delete) }
        return "CREATE OR REPLACE TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON \(table.name) FOR EACH ROW "
            + "EXECUTE FUNCTION record_history('\(changed ? "inserts" : "changes")', '\(countsChanges(table) ? "counted" : "uncounted")');"
    }

    /// Whether a write to `table` moves her record's count of changes: her therapist reads every row of it.
    static func countsChanges(_ table: RecordTable) -> Bool {
        table.access.contains { $0.role == .therapist && $0.commands.contains(.select) && $0.rows == .all && $0.only.isEmpty }
    }

    /// Clinic-only change 23 (SQLite skips the number): each record's count of changes, which her therapist's open
    /// caseload asks for once a second (`PostgresStore.caseloadToken`) instead of counting her patients' rows.
    ///
    /// - One row a record (made at its first counted write): `changes` grows by one for every transaction that
    ///   inserts, updates or deletes a row of hers in a table her therapist reads, whoever writes it and however
    ///   (the portal, `psql`, an import, a delete through a function): the history's own trigger counts it, so
    ///   there is one trigger a table and one place that says which tables count (`trigger(on:)`, from the map).
    /// - Once a transaction, not once a row: the row's `xmin` is the transaction's own id once it has counted
    ///   (a year imported in one transaction rewrites the row once). As shipped her account row was locked first;
    ///   change 28 gives each writer its own row of the count instead (`ClinicSchema.turns`), so no login's
    ///   open transaction holds what another login's write waits on (qa-f F3).
    /// - Her therapist reads the counts of her caseload's records (row-level security, forced), the counts'
    ///   own columns only (`metadataLockdown`); a patient reads none, not even her own (it counts her therapist's
    ///   drafts); no login writes one: only the trigger's function does, with its owner's rights.
    /// - A record deleted takes its count with it (`ON DELETE CASCADE`; the count is not made again for a record
    ///   whose account is gone).
    static let v23RecordChanges = """
    CREATE TABLE record_change (
        patient_id bigint PRIMARY KEY REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        changes bigint NOT NULL DEFAULT 1
    );
    ALTER TABLE record_change ENABLE ROW LEVEL SECURITY;
    ALTER TABLE record_change FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON record_change FROM PUBLIC;
    CREATE POLICY therapist_reads ON record_change FOR SELECT TO portal_therapist
        USING (patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user));
    GRANT SELECT (patient_id, changes) ON record_change TO portal_therapist;
    INSERT INTO record_change (patient_id) SELECT patient_id FROM patient_account;

    -- The history's trigger, with two arguments: 'inserts' (an insert is kept in the history, as an update and a
    -- delete are) or 'changes' (only updates and deletes are: what she sent her therapist, kept once as sent);
    -- 'counted' (the write counts in her record's changes) or 'uncounted'. A trigger made before takes neither:
    -- 'inserts' and 'counted'.
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
            -- Her record, and the one a row left when an update moved it (the administrator's to do).
            FOREACH record_id IN ARRAY ARRAY[CASE WHEN TG_OP <> 'DELETE' THEN NEW.patient_id END,
                                             CASE WHEN TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.patient_id <> NEW.patient_id)
                                                  THEN OLD.patient_id END] LOOP
                CONTINUE WHEN record_id IS NULL;
                PERFORM 1 FROM public.patient_account WHERE patient_id = record_id FOR NO KEY UPDATE;
                UPDATE public.record_change SET changes = changes + 1
                WHERE patient_id = record_id AND xmin <> pg_current_xact_id()::xid;
                IF NOT FOUND THEN
                    INSERT INTO public.record_change AS c (patient_id)
                    SELECT a.patient_id FROM public.patient_account a WHERE a.patient_id = record_id
                    ON CONFLICT (patient_id) DO UPDATE SET changes = c.changes + 1 WHERE c.xmin <> pg_current_xact_id()::xid;
                END IF;
            END LOOP;
        END IF;
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION record_history() FROM PUBLIC;
    CREATE OR REPLACE TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON program_request
        FOR EACH ROW EXECUTE FUNCTION record_history('inserts', 'counted');
    """
}
