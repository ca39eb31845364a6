extension ClinicSchema {
    /// v2, as shipped: the group roles, and who may see and change what. The accounts' and the migrations' own
    /// policies below still stand; those of the record's tables are made again from the record map after every
    /// migration (`ClinicSecurity`), which drops these.
    ///
    /// Who may see and change what, enforced by the server whatever program connects.
    ///
    /// - Every table has row-level security enabled and FORCED (or its owner would skip the policies).
    /// - A patient's role reads and writes only rows whose `patient_id` is hers: the one `patient_account`
    ///   row whose `role_name` is `current_user`. The WITH CHECK half refuses writing a row for anyone else,
    ///   which the foreign keys would not (foreign-key checks do not apply row-level security).
    /// - A therapist's role reads her caseload (`patient_account.therapist_role = current_user`), books and
    ///   changes their visits, writes their program weeks (drafts until `published_at` is set) and reading
    ///   lists, and has no write grant at all on the pain diary, exercise log, quiz or profile.
    /// - Patients see published weeks only, and can only add or remove published ones.
    /// - Policies name tables, which the server binds when the policy is created: a temporary table of the
    ///   same name made by a patient later cannot stand in for `patient_account`. No view and no SECURITY
    ///   DEFINER function exists, so nothing reads with the owner's rights.
    static let v2Security = """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_patient') THEN
            CREATE ROLE portal_patient NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_therapist') THEN
            CREATE ROLE portal_therapist NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF;
    END $$;

    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;

    DO $$
    DECLARE
        t text;
        mine constant text := 'patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user)';
        caseload constant text := 'patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user)';
    BEGIN
        FOREACH t IN ARRAY ARRAY['schema_migrations', 'therapist_account', 'patient_account', 'patient',
            'patient_condition', 'visit', 'program_week', 'prescription', 'exercise_session', 'pain_entry',
            'pain_site', 'pain_trigger', 'reading_list', 'article_read', 'quiz_result'] LOOP
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        END LOOP;
        -- The patient's own rows, every command; the therapist reads her caseload's.
        FOREACH t IN ARRAY ARRAY['patient', 'patient_condition', 'visit', 'exercise_session', 'pain_entry',
            'pain_site', 'pain_trigger', 'reading_list', 'article_read', 'quiz_result'] LOOP
            EXECUTE format('CREATE POLICY patient_own ON %I TO portal_patient USING (%s) WITH CHECK (%s)', t, mine, mine);
            EXECUTE format('CREATE POLICY therapist_reads ON %I FOR SELECT TO portal_therapist USING (%s)', t, caseload);
        END LOOP;
        FOREACH t IN ARRAY ARRAY['program_week', 'prescription'] LOOP
            EXECUTE format('CREATE POLICY therapist_reads ON %I FOR SELECT TO portal_therapist USING (%s)', t, caseload);
            EXECUTE format('CREATE POLICY therapist_adds ON %I FOR INSERT TO portal_therapist WITH CHECK (%s)', t, caseload);
        END LOOP;
        EXECUTE format('CREATE POLICY therapist_books ON visit FOR UPDATE TO portal_therapist USING (%s) WITH CHECK (%s)', caseload, caseload);
        EXECUTE format('CREATE POLICY therapist_plans ON visit FOR INSERT TO portal_therapist WITH CHECK (%s)', caseload);
        EXECUTE format('CREATE POLICY therapist_publishes ON program_week FOR UPDATE TO portal_therapist USING (%s) WITH CHECK (%s)', caseload, caseload);
        EXECUTE format('CREATE POLICY therapist_drops_draft ON program_week FOR DELETE TO portal_therapist USING (%s AND published_at IS NULL)', caseload);
        EXECUTE format('CREATE POLICY therapist_drops_draft ON prescription FOR DELETE TO portal_therapist USING (%s AND EXISTS (SELECT 1 FROM program_week w WHERE w.patient_id = prescription.patient_id AND w.number = prescription.week AND w.published_at IS NULL))', caseload);
        EXECUTE format('CREATE POLICY therapist_prescribes ON reading_list FOR INSERT TO portal_therapist WITH CHECK (%s)', caseload);
        EXECUTE format('CREATE POLICY therapist_unprescribes ON reading_list FOR DELETE TO portal_therapist USING (%s)', caseload);

        -- Program weeks: a patient sees, adds and removes only published ones (a week she adds herself is
        -- published as she adds it); a draft stays the therapist's until it is published.
        EXECUTE format('CREATE POLICY patient_reads_published ON program_week FOR SELECT TO portal_patient USING (%s AND published_at IS NOT NULL)', mine);
        EXECUTE format('CREATE POLICY patient_adds_published ON program_week FOR INSERT TO portal_patient WITH CHECK (%s AND published_at IS NOT NULL)', mine);
        EXECUTE format('CREATE POLICY patient_drops_published ON program_week FOR DELETE TO portal_patient USING (%s AND published_at IS NOT NULL)', mine);
        FOREACH t IN ARRAY ARRAY['SELECT', 'DELETE'] LOOP
            EXECUTE format('CREATE POLICY patient_%s_published ON prescription FOR %s TO portal_patient USING (%s AND EXISTS (SELECT 1 FROM program_week w WHERE w.patient_id = prescription.patient_id AND w.number = prescription.week AND w.published_at IS NOT NULL))', lower(t), t, mine);
        END LOOP;
        EXECUTE format('CREATE POLICY patient_insert_published ON prescription FOR INSERT TO portal_patient WITH CHECK (%s AND EXISTS (SELECT 1 FROM program_week w WHERE w.patient_id = prescription.patient_id AND w.number = prescription.week AND w.published_at IS NOT NULL))', mine);
    END $$;

    -- Accounts: each person sees her own (a therapist also her caseload's) and may lock it for a write.
    CREATE POLICY patient_self ON patient_account FOR SELECT TO portal_patient USING (role_name = current_user);
    CREATE POLICY patient_lock ON patient_account FOR UPDATE TO portal_patient USING (role_name = current_user) WITH CHECK (role_name = current_user);
    CREATE POLICY therapist_caseload ON patient_account FOR SELECT TO portal_therapist USING (therapist_role = current_user);
    CREATE POLICY therapist_lock ON patient_account FOR UPDATE TO portal_therapist USING (therapist_role = current_user) WITH CHECK (therapist_role = current_user);
    CREATE POLICY therapist_self ON therapist_account FOR SELECT TO portal_therapist USING (role_name = current_user);
    CREATE POLICY everyone_reads ON schema_migrations FOR SELECT TO portal_patient, portal_therapist USING (true);

    GRANT SELECT ON schema_migrations TO portal_patient, portal_therapist;
    GRANT SELECT, UPDATE (write_lock) ON patient_account TO portal_patient, portal_therapist;
    GRANT SELECT ON therapist_account TO portal_therapist;
    GRANT SELECT, INSERT, UPDATE, DELETE ON patient, patient_condition, visit, exercise_session, pain_entry,
        pain_site, pain_trigger, reading_list, article_read, quiz_result TO portal_patient;
    GRANT SELECT, INSERT, DELETE ON program_week, prescription TO portal_patient;
    GRANT SELECT ON patient, patient_condition, visit, program_week, prescription, exercise_session, pain_entry,
        pain_site, pain_trigger, reading_list, article_read, quiz_result TO portal_therapist;
    GRANT INSERT, UPDATE ON visit TO portal_therapist;
    GRANT INSERT, UPDATE, DELETE ON program_week TO portal_therapist;
    GRANT INSERT, DELETE ON prescription, reading_list TO portal_therapist;
    """
}
