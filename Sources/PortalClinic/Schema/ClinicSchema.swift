/// The clinic database's schema, one migration per version, applied by the administrator (`ClinicSchema.migrate`)
/// and recorded in `schema_migrations`. Never edit a shipped migration: add a new one.
///
/// The record's tables are the record map's (`RecordPart.tables`), as SQLite's are: every one carries
/// `patient_id` (so the schema can later be distributed by patient), every per-patient date-range query has an
/// index that starts with `patient_id`, and the tests hold each migrated table to its map
/// (`ClinicSchemaAgreementTests`). Who may see what is the database's job: row-level security is enabled and
/// forced on every table, with policies for two group roles (`portal_patient`, `portal_therapist`), made from
/// the map (`ClinicSecurity`); each person logs in as her own role, a member of one of them.
public enum ClinicSchema {
    /// The group role every patient's role belongs to.
    public static let patientGroup = "portal_patient"
    /// The group role every therapist's role belongs to.
    public static let therapistGroup = "portal_therapist"

    /// The migrations in order: (version, SQL). From 6 on, a change has one number in both stores (SQLite's
    /// GRDB name is "v" + the number; a number only the clinic uses is skipped there), and what the migrations
    /// make must agree with the record map (`RecordPart.tables`; `RecordSchemaAgreementTests` compares them). The
    /// row-level policies and grants of the record's tables are not a migration: `ClinicSecurity` makes them
    /// from the map after every migration.
    static let migrations: [(Int, String)] = [(1, v1Tables), (2, v2Security), (3, v3SignReports), (4, v4SessionPain), (5, v5RoleIndexes),
                                              (6, v6WeekOrigin), (7, v7WriteReceipts), (8, v8UTCOffsets), (9, v9RecordMap), (10, v10PrivateIds),
                                              (11, v11Diaries), (12, ClinicHistory.v12History), (13, v13SharedReports), (14, v14SignReviews),
                                              (15, v15Reminders), (16, v16Questions), (17, v17SignsEntered), (18, v18SentNow),
                                              (19, v19ClinicToday), (20, v20ClinicZone), (21, v21ResourceGuards),
                                              (23, ClinicHistory.v23RecordChanges), (25, v25WriteQuota), (26, v26TherapistNames),
                                              (28, v28Turns + v28Library),
                                              (29, v29SessionsInStartedWeeks), (30, v30PlannedFor), (31, v31TherapistIsTheClinics),
                                              (32, v32TherapistKeptByTheServer)]

    /// How the clinic's administrator runs `clinic init`, in every message that asks for it: as postgres, with
    /// `runuser`, which Debian has (it has no `sudo`: README, QA H11).
    public static let initCommand = "runuser -u postgres -- portal clinic init"

    /// The newest version this portal knows.
    public static var latestVersion: Int { migrations.last!.0 }

    /// The tables, constraints and indexes.
    static let v1Tables = """
    CREATE TABLE therapist_account (
        role_name text PRIMARY KEY CHECK (length(role_name) BETWEEN 1 AND 63)
    );
    -- One row per patient login: the link between a database role and the patient's id.
    CREATE TABLE patient_account (
        patient_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        role_name text NOT NULL UNIQUE CHECK (length(role_name) BETWEEN 1 AND 63),
        therapist_role text REFERENCES therapist_account(role_name),
        -- Never changed. Its UPDATE grant lets a session lock its own record's row (SELECT ... FOR NO KEY
        -- UPDATE), so two writers to one record take turns and each checks the rules against the other's commit.
        write_lock integer NOT NULL DEFAULT 0
    );
    CREATE INDEX patient_account_by_therapist ON patient_account(therapist_role);

    CREATE TABLE patient (
        patient_id bigint PRIMARY KEY REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        stage text NOT NULL CHECK (stage IN ('pregnant', 'postpartum')),
        due_date date,
        birth_date date,
        delivery text CHECK (delivery IS NULL OR delivery IN ('vaginal', 'cesarean')),
        therapist text NOT NULL DEFAULT '',
        clinic text NOT NULL DEFAULT '',
        CHECK ((stage = 'pregnant' AND due_date IS NOT NULL AND birth_date IS NULL AND delivery IS NULL)
            OR (stage = 'postpartum' AND birth_date IS NOT NULL AND delivery IS NOT NULL AND due_date IS NULL))
    );
    CREATE TABLE patient_condition (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        position integer NOT NULL,
        condition text NOT NULL CHECK (condition IN ('hip-piriformis','hip-it-band','round-ligament','low-back','pelvic-girdle','diastasis-recti','bladder-leaks','pelvic-pain','c-section-scar','perineal-tear')),
        PRIMARY KEY (patient_id, condition)
    );

    CREATE TABLE visit (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number BETWEEN 1 AND 6),
        kind text NOT NULL CHECK (kind IN ('evaluation', 'follow-up', 're-evaluation', 'discharge')),
        status text NOT NULL CHECK (status IN ('to-schedule', 'booked', 'completed', 'cancelled', 'missed')),
        starts_at timestamp(0) without time zone CHECK (starts_at IS NULL OR date_trunc('minute', starts_at) = starts_at),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
        mode text NOT NULL CHECK (mode IN ('in-person', 'virtual')),
        location text NOT NULL DEFAULT '',
        therapist text NOT NULL DEFAULT '',
        focus text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        PRIMARY KEY (patient_id, number),
        CHECK (status IN ('to-schedule', 'cancelled') OR starts_at IS NOT NULL)
    );
    CREATE INDEX visit_by_start ON visit(patient_id, starts_at);
    -- A completed visit keeps its date, whoever writes.
    CREATE FUNCTION visit_completed_keeps_date() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF OLD.status = 'completed' AND (NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.status <> 'completed') THEN
            RAISE EXCEPTION 'a completed visit keeps its date and status' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER visit_completed_keeps_date BEFORE UPDATE OF starts_at, status ON visit
        FOR EACH ROW EXECUTE FUNCTION visit_completed_keeps_date();

    -- A week is a draft until published_at is set; patients see published weeks only.
    CREATE TABLE program_week (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number BETWEEN 1 AND 52),
        starts date NOT NULL,
        note text NOT NULL DEFAULT '',
        published_at timestamptz,
        PRIMARY KEY (patient_id, number),
        UNIQUE (patient_id, starts)
    );
    CREATE TABLE prescription (
        patient_id bigint NOT NULL,
        week integer NOT NULL,
        position integer NOT NULL,
        exercise_id text NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 64),
        sets integer NOT NULL CHECK (sets BETWEEN 1 AND 10),
        reps integer NOT NULL CHECK (reps BETWEEN 1 AND 50),
        hold_seconds integer NOT NULL CHECK (hold_seconds BETWEEN 0 AND 120),
        rest_seconds integer NOT NULL CHECK (rest_seconds BETWEEN 0 AND 300),
        times_per_day integer NOT NULL CHECK (times_per_day BETWEEN 1 AND 5),
        days_per_week integer NOT NULL CHECK (days_per_week BETWEEN 1 AND 7),
        side text NOT NULL CHECK (side IN ('none','left','right','each','alternating')),
        note text NOT NULL DEFAULT '',
        PRIMARY KEY (patient_id, week, exercise_id),
        FOREIGN KEY (patient_id, week) REFERENCES program_week(patient_id, number) ON DELETE CASCADE
    );
    CREATE TABLE exercise_session (
        patient_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        date date NOT NULL,
        week integer NOT NULL,
        exercise_id text NOT NULL,
        sets_done integer NOT NULL CHECK (sets_done BETWEEN 1 AND 10),
        PRIMARY KEY (patient_id, id),
        FOREIGN KEY (patient_id, week, exercise_id) REFERENCES prescription(patient_id, week, exercise_id) ON DELETE CASCADE
    );
    CREATE INDEX exercise_session_by_date ON exercise_session(patient_id, date, exercise_id);
    CREATE INDEX exercise_session_by_prescription ON exercise_session(patient_id, week, exercise_id);

    CREATE TABLE pain_entry (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        date date NOT NULL,
        time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
        score integer NOT NULL CHECK (score BETWEEN 0 AND 10),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
        warning_signs text NOT NULL DEFAULT '',
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX pain_entry_by_date ON pain_entry(patient_id, date, time);
    CREATE TABLE pain_site (
        patient_id bigint NOT NULL,
        entry_id bigint NOT NULL,
        position integer NOT NULL,
        site text NOT NULL CHECK (site IN ('hip-front','hip-side','buttock','low-back','si-joint','pubic-bone','groin','pelvic-floor','lower-abdomen','scar','thigh')),
        side text NOT NULL CHECK (side IN ('left','right','both','none')),
        PRIMARY KEY (patient_id, entry_id, site, side),
        FOREIGN KEY (patient_id, entry_id) REFERENCES pain_entry(patient_id, id) ON DELETE CASCADE
    );
    CREATE TABLE pain_trigger (
        patient_id bigint NOT NULL,
        entry_id bigint NOT NULL,
        position integer NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('sitting-long','standing-up','lying-on-side','turning-in-bed','walking','stairs','lifting','sudden-movement','cough-sneeze')),
        PRIMARY KEY (patient_id, entry_id, trigger),
        FOREIGN KEY (patient_id, entry_id) REFERENCES pain_entry(patient_id, id) ON DELETE CASCADE
    );

    CREATE TABLE reading_list (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        article_id text NOT NULL CHECK (length(article_id) BETWEEN 1 AND 200),
        position integer NOT NULL,
        PRIMARY KEY (patient_id, article_id)
    );
    CREATE TABLE article_read (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        article_id text NOT NULL CHECK (length(article_id) BETWEEN 1 AND 200),
        read_on date NOT NULL,
        PRIMARY KEY (patient_id, article_id)
    );
    CREATE TABLE quiz_result (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        taken_on date NOT NULL,
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX quiz_result_by_date ON quiz_result(patient_id, taken_on);
    """

    /// Warning signs reported without a pain score (SQLite's v2), with the same rules as the diary: the
    /// patient's own rows only, her therapist reads them, nobody else.
    static let v3SignReports = """
    CREATE TABLE sign_report (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        date date NOT NULL,
        time text NOT NULL CHECK (time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        signs text NOT NULL CHECK (length(signs) BETWEEN 1 AND 2000),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX sign_report_by_date ON sign_report(patient_id, date, time);
    ALTER TABLE sign_report ENABLE ROW LEVEL SECURITY;
    ALTER TABLE sign_report FORCE ROW LEVEL SECURITY;
    CREATE POLICY patient_own ON sign_report TO portal_patient
        USING (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user))
        WITH CHECK (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user));
    CREATE POLICY therapist_reads ON sign_report FOR SELECT TO portal_therapist
        USING (patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user));
    GRANT SELECT, INSERT, UPDATE, DELETE ON sign_report TO portal_patient;
    GRANT SELECT ON sign_report TO portal_therapist;
    """

    /// How much pain an exercise caused, when she says (SQLite's v3); sessions before it have none.
    static let v4SessionPain = """
    ALTER TABLE exercise_session ADD COLUMN pain integer CHECK (pain IS NULL OR pain BETWEEN 0 AND 10);
    """

    /// The offset from UTC, in minutes, of each timed entry where she was when she saved it (SQLite's v5; the
    /// portal writes it with each new row). Rows from before get the offset their date and time have in the
    /// server's zone (the `TimeZone` setting of the administrator's session, which is the server's unless her
    /// client set PGTZ): the portal of a clinic runs on its server, so that is where they were saved. As in
    /// the portal's own rule (`LocalZone`) a time the clock shows twice takes the first offset (the larger,
    /// an earlier instant) and a time it skips the offset before the change: each candidate offset, a day
    /// either side, is kept when the instant it gives reads back at that offset.
    static let v8UTCOffsets = """
    CREATE FUNCTION pg_temp.portal_offset(d date, t time) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT coalesce(
            (SELECT max(o) FROM (VALUES
                (extract(timezone FROM ((d + t) - interval '1 day') AT TIME ZONE current_setting('TimeZone'))::integer),
                (extract(timezone FROM ((d + t) + interval '1 day') AT TIME ZONE current_setting('TimeZone'))::integer)) AS c(o)
             WHERE extract(timezone FROM ((d + t) - make_interval(secs => o)) AT TIME ZONE 'UTC')::integer = o),
            extract(timezone FROM ((d + t) - interval '1 day') AT TIME ZONE current_setting('TimeZone'))::integer) / 60
    $$;
    ALTER TABLE pain_entry ADD COLUMN utc_offset integer CHECK (utc_offset IS NULL OR utc_offset BETWEEN -1080 AND 1080);
    ALTER TABLE sign_report ADD COLUMN utc_offset integer CHECK (utc_offset IS NULL OR utc_offset BETWEEN -1080 AND 1080);
    UPDATE pain_entry SET utc_offset = pg_temp.portal_offset(date, time);
    UPDATE sign_report SET utc_offset = pg_temp.portal_offset(date, time::time);
    DROP FUNCTION pg_temp.portal_offset(date, time);
    """

    /// Indexes the row-level rules can use. Every rule finds the session's record with `role_name = current_user`
    /// (a therapist's caseload with `therapist_role = current_user`); `current_user` is of type name, whose
    /// collation is "C", and an index in the column's default collation cannot serve that comparison, so each
    /// rule read every account: 1.5 ms per query at 10,000 patients (`portal-bench clinic`), growing with the
    /// clinic. Indexes in "C" serve it.
    static let v5RoleIndexes = """
    CREATE INDEX patient_account_role_c ON patient_account (role_name COLLATE "C");
    CREATE INDEX patient_account_therapist_c ON patient_account (therapist_role COLLATE "C");
    CREATE INDEX therapist_account_role_c ON therapist_account (role_name COLLATE "C");
    """

    /// Where each program week came from and the therapist's reason when she prescribes an exercise against its
    /// rules (SQLite's v6: the same number in both stores); weeks stored before it are 'unrecorded', kept like the therapist's. A patient's
    /// own change of details may remove only the weeks the portal generated for her: never a week her
    /// therapist wrote, whatever program connects.
    static let v6WeekOrigin = """
    ALTER TABLE program_week ADD COLUMN origin text NOT NULL DEFAULT 'unrecorded' CHECK (origin IN ('generated', 'therapist', 'unrecorded'));
    ALTER TABLE prescription ADD COLUMN therapist_decision text NOT NULL DEFAULT '' CHECK (length(therapist_decision) <= 1000);
    DROP POLICY patient_drops_published ON program_week;
    CREATE POLICY patient_drops_published ON program_week FOR DELETE TO portal_patient
        USING (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user)
               AND published_at IS NOT NULL AND origin = 'generated');
    DROP POLICY patient_delete_published ON prescription;
    CREATE POLICY patient_delete_published ON prescription FOR DELETE TO portal_patient
        USING (patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user)
               AND EXISTS (SELECT 1 FROM program_week w WHERE w.patient_id = prescription.patient_id
                           AND w.number = prescription.week AND w.published_at IS NOT NULL AND w.origin = 'generated'));
    """

    /// One row per write the portal commits (`PostgresStore.write`): the write's idempotency key, taken before
    /// the write is first sent and recorded in the same transaction. When the answer to a COMMIT is lost (the
    /// primary died, a failover), the portal runs the write again with the same key on the server that now
    /// answers; the key being there already means the first attempt committed, and it is not written twice.
    /// Each role sees and adds only its own keys; keys older than a week are dropped by later writes.
    /// Not part of the record (the SQLite store has no failover and no such table).
    static let v7WriteReceipts = """
    CREATE TABLE write_receipt (
        receipt uuid PRIMARY KEY,
        role_name text COLLATE "C" NOT NULL DEFAULT current_user,
        made_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz
    );
    CREATE INDEX write_receipt_by_role ON write_receipt (role_name, made_at);
    ALTER TABLE write_receipt ENABLE ROW LEVEL SECURITY;
    ALTER TABLE write_receipt FORCE ROW LEVEL SECURITY;
    CREATE POLICY own_receipts ON write_receipt TO portal_patient, portal_therapist
        USING (role_name = current_user) WITH CHECK (role_name = current_user);
    GRANT SELECT, INSERT, DELETE, UPDATE (confirmed_at) ON write_receipt TO portal_patient, portal_therapist;
    """

    /// 13: what she sends her therapist from Share (`SharedReportMap`, clinic-only: SQLite skips 13).
    static let v13SharedReports = """
    CREATE TABLE shared_report (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        date date NOT NULL,
        time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
        format text NOT NULL CHECK (format IN ('report-html', 'report-text', 'fhir', 'ics', 'json', 'csv')),
        parts text NOT NULL CHECK (length(parts) <= 400),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000000),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX shared_report_by_date ON shared_report(patient_id, date, time);
    CREATE TRIGGER record_next_id BEFORE INSERT ON shared_report FOR EACH ROW EXECUTE FUNCTION record_next_id();
    """

    /// 11, as shipped (SQLite's "v11"): the bladder diary, the bowel log and the questionnaires, each table as
    /// `PostgresDialect.createTable` printed it (numbered within the record by `record_next_id`, change 10). Their
    /// policies and grants come from the map (`ClinicSecurity`), applied after every migration.
    static let v11Diaries = """
    CREATE TABLE bladder_event (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        date date NOT NULL,
        time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
        kind text NOT NULL CHECK (kind IN ('pee', 'leak', 'drink', 'pad')),
        volume_ml integer CHECK (volume_ml BETWEEN 10 AND 2000),
        urgency integer CHECK (urgency BETWEEN 0 AND 4),
        woke_at_night integer NOT NULL CHECK (woke_at_night BETWEEN 0 AND 1),
        amount text CHECK (amount IN ('drops', 'damp', 'wet', 'soaked')),
        activity text CHECK (activity IN ('cough', 'lift', 'exercise', 'urge', 'none')),
        drink text CHECK (drink IN ('water', 'coffee', 'tea', 'alcohol', 'fizzy', 'other')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX bladder_event_by_date ON bladder_event(patient_id, date, time);
    CREATE TRIGGER record_next_id BEFORE INSERT ON bladder_event FOR EACH ROW EXECUTE FUNCTION record_next_id();
    CREATE TABLE bowel_entry (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        date date NOT NULL,
        time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
        bristol_type integer NOT NULL CHECK (bristol_type BETWEEN 1 AND 7),
        straining integer NOT NULL CHECK (straining BETWEEN 0 AND 1),
        urgency integer NOT NULL CHECK (urgency BETWEEN 0 AND 1),
        leaks text NOT NULL DEFAULT '' CHECK (length(leaks) <= 40),
        pain integer CHECK (pain BETWEEN 0 AND 10),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX bowel_entry_by_date ON bowel_entry(patient_id, date, time);
    CREATE TRIGGER record_next_id BEFORE INSERT ON bowel_entry FOR EACH ROW EXECUTE FUNCTION record_next_id();
    CREATE TABLE measure_response (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        measure_id text NOT NULL CHECK (length(measure_id) BETWEEN 1 AND 100),
        taken_on date NOT NULL,
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX measure_response_by_date ON measure_response(patient_id, taken_on);
    CREATE TRIGGER record_next_id BEFORE INSERT ON measure_response FOR EACH ROW EXECUTE FUNCTION record_next_id();
    CREATE TABLE measure_activity (
        patient_id bigint NOT NULL,
        response_id bigint NOT NULL,
        position integer NOT NULL,
        activity text NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
        score integer NOT NULL CHECK (score BETWEEN 0 AND 10),
        PRIMARY KEY (patient_id, response_id, position),
        FOREIGN KEY (patient_id, response_id) REFERENCES measure_response(patient_id, id) ON DELETE CASCADE
    );
    """

    /// 14, as shipped (SQLite's "v14"): her therapist's reviews of her warning signs (issue 23), as
    /// `PostgresDialect.createTable` printed it. Its rights come from the map's `access` (`ClinicSecurity`): she
    /// reads them, her therapist adds them in her own name, nobody changes or deletes one.
    static let v14SignReviews = """
    CREATE TABLE sign_review (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        reviewed_at timestamp(0) without time zone NOT NULL CHECK (date_trunc('minute', reviewed_at) = reviewed_at),
        signs_until timestamp(0) without time zone NOT NULL CHECK (date_trunc('minute', signs_until) = signs_until),
        reviewer text NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 63),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX sign_review_by_until ON sign_review(patient_id, signs_until);
    CREATE TRIGGER record_next_id BEFORE INSERT ON sign_review FOR EACH ROW EXECUTE FUNCTION record_next_id();
    """

    /// 15, as shipped (SQLite's "v15"; 12 to 14 are other changes): the reminders she sets and the log of those
    /// given (issue 24), each table as `PostgresDialect.createTable` printed it. Hers alone: the map's `access`
    /// gives her therapist no policy and no grant on them (`ClinicSecurity`).
    static let v15Reminders = """
    CREATE TABLE reminder_setting (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('pain', 'exercises', 'diary')),
        time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
        days text NOT NULL CHECK (length(days) BETWEEN 3 AND 27),
        PRIMARY KEY (patient_id, kind)
    );
    CREATE TABLE visit_reminder (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        minutes_before integer NOT NULL CHECK (minutes_before BETWEEN 1 AND 10080),
        PRIMARY KEY (patient_id, minutes_before)
    );
    CREATE TABLE reminder_delivery (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('pain', 'exercises', 'diary', 'visits')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        minutes_before integer CHECK (minutes_before BETWEEN 1 AND 10080),
        given_at timestamp(0) without time zone NOT NULL CHECK (date_trunc('minute', given_at) = given_at),
        outcome text NOT NULL CHECK (outcome IN ('notified', 'waiting', 'failed')),
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
        said integer NOT NULL CHECK (said BETWEEN 0 AND 1),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX reminder_delivery_by_time ON reminder_delivery(patient_id, given_at);
    CREATE TRIGGER record_next_id BEFORE INSERT ON reminder_delivery FOR EACH ROW EXECUTE FUNCTION record_next_id();
    """

    /// 16, as shipped (SQLite's "v16"): her questions for the visit and her therapist's answers (issue 23), the
    /// table as `PostgresDialect.createTable` printed it. Only she and her therapist read them; she asks and takes
    /// back an unanswered one, he writes only the answer: the map's `access` (`ClinicSecurity`).
    static let v16Questions = """
    CREATE TABLE visit_question (
        patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
        id bigint NOT NULL,
        asked_at timestamp(0) without time zone NOT NULL CHECK (date_trunc('minute', asked_at) = asked_at),
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
        answer text NOT NULL DEFAULT '' CHECK (length(answer) <= 2000),
        answered_at timestamp(0) without time zone CHECK (date_trunc('minute', answered_at) = answered_at),
        answered_by text NOT NULL DEFAULT '' CHECK (length(answered_by) <= 100),
        read_at timestamp(0) without time zone CHECK (date_trunc('minute', read_at) = read_at),
        PRIMARY KEY (patient_id, id)
    );
    CREATE INDEX visit_question_by_time ON visit_question(patient_id, asked_at);
    CREATE TRIGGER record_next_id BEFORE INSERT ON visit_question FOR EACH ROW EXECUTE FUNCTION record_next_id();
    """

    /// 17 (SQLite's "v17"): a review of her warning signs covers them by the order they were written, not by the
    /// date on them (issue 23). Each pain entry and sign report gets its place in her record's order, set by
    /// `record_entered` on every insert and update, whoever writes and whatever a write names (one more than the
    /// newest place in her record, reviews' included, so no place is given twice even after a delete); each
    /// review the place of the newest sign it covers (held to what her record has by `ClinicSchema.guards`).
    /// Rows from before are numbered by their date and time within each record, and each review of then gets
    /// the place of the last row dated up to its `signs_until`: it covers what it covered. The numbering runs with
    /// the triggers off (`session_replication_role`): it is not a change of her record for the history.
    static let v17SignsEntered = """
    ALTER TABLE pain_entry ADD COLUMN entered integer NOT NULL DEFAULT '0';
    ALTER TABLE sign_report ADD COLUMN entered integer NOT NULL DEFAULT '0';
    ALTER TABLE sign_review ADD COLUMN entered_through integer NOT NULL DEFAULT '0';
    SET LOCAL session_replication_role = replica;
    WITH o AS (SELECT kind, patient_id, id, row_number() OVER (PARTITION BY patient_id ORDER BY date, time, kind, id) AS n
               FROM (SELECT 0 AS kind, patient_id, id, date, time FROM pain_entry
                     UNION ALL SELECT 1, patient_id, id, date, time FROM sign_report) AS rows)
    UPDATE pain_entry p SET entered = o.n FROM o WHERE o.kind = 0 AND o.patient_id = p.patient_id AND o.id = p.id;
    WITH o AS (SELECT kind, patient_id, id, row_number() OVER (PARTITION BY patient_id ORDER BY date, time, kind, id) AS n
               FROM (SELECT 0 AS kind, patient_id, id, date, time FROM pain_entry
                     UNION ALL SELECT 1, patient_id, id, date, time FROM sign_report) AS rows)
    UPDATE sign_report s SET entered = o.n FROM o WHERE o.kind = 1 AND o.patient_id = s.patient_id AND o.id = s.id;
    UPDATE sign_review r SET entered_through =
        (SELECT count(*) FROM pain_entry p WHERE p.patient_id = r.patient_id AND p.date + p.time <= r.signs_until)
        + (SELECT count(*) FROM sign_report s WHERE s.patient_id = r.patient_id AND s.date + s.time <= r.signs_until);
    UPDATE visit_question SET read_at = NULL WHERE read_at < answered_at;
    SET LOCAL session_replication_role = DEFAULT;
    CREATE INDEX pain_entry_by_entered ON pain_entry(patient_id, entered);
    CREATE INDEX sign_report_by_entered ON sign_report(patient_id, entered);
    CREATE FUNCTION record_entered() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        -- One writer of her places at a time: two sessions of hers writing at once would otherwise both take the
        -- same place, and a review of the first would cover the second, committed after it.
        PERFORM pg_advisory_xact_lock(NEW.patient_id);
        NEW.entered := 1 + greatest(
            (SELECT coalesce(max(entered), 0) FROM public.pain_entry WHERE patient_id = NEW.patient_id),
            (SELECT coalesce(max(entered), 0) FROM public.sign_report WHERE patient_id = NEW.patient_id),
            (SELECT coalesce(max(entered_through), 0) FROM public.sign_review WHERE patient_id = NEW.patient_id));
        RETURN NEW;
    END $$;
    CREATE TRIGGER record_entered BEFORE INSERT OR UPDATE ON pain_entry FOR EACH ROW EXECUTE FUNCTION record_entered();
    CREATE TRIGGER record_entered BEFORE INSERT OR UPDATE ON sign_report FOR EACH ROW EXECUTE FUNCTION record_entered();
    """

    /// 26 (clinic only: SQLite skips it; a portal of her own has no clinic): the name a therapist goes by, which
    /// her patients see as their therapist (About me, and her chart) instead of her login. The clinic's
    /// administrator sets and changes it (`ClinicAdmin.addTherapist`, checked by `ClinicAdmin.checkTherapistName`:
    /// one line of plain text of at most `Patient.therapistLimit` characters, 80, as the CHECK says); a clinic's
    /// therapists before it go by their login until then. She reads her own row (`therapist_self`, v2); a patient
    /// reads her own therapist's row only, nobody else's; no login writes it.
    static let v26TherapistNames = """
    ALTER TABLE therapist_account ADD COLUMN display_name text;
    UPDATE therapist_account SET display_name = role_name;
    ALTER TABLE therapist_account ALTER COLUMN display_name SET NOT NULL;
    ALTER TABLE therapist_account ADD CONSTRAINT therapist_account_display_name_check
        CHECK (length(btrim(display_name)) BETWEEN 1 AND 80 AND length(display_name) <= 80);
    CREATE POLICY patient_reads_her_therapist ON therapist_account FOR SELECT TO portal_patient
        USING (role_name = (SELECT a.therapist_role FROM patient_account a WHERE a.role_name = current_user));
    GRANT SELECT ON therapist_account TO portal_patient;
    """

    /// 30 (SQLite's v30 too): what each program week was planned for, her pregnancy or the time after the birth
    /// (`ProgramMap`'s `planned_for`, set from her stage whenever a week is written): after the birth the
    /// portal's check and the C-section's hold go by it, not by the week's dates (review of QA G2). The weeks of
    /// a patient still pregnant now were planned for her pregnancy; after the birth the clinic cannot know, and
    /// they keep no value (read by their dates).
    static let v30PlannedFor = """
    ALTER TABLE program_week ADD COLUMN planned_for text CHECK (planned_for IS NULL OR planned_for IN ('pregnancy', 'after-birth'));
    UPDATE program_week w SET planned_for = 'pregnancy' FROM patient p WHERE p.patient_id = w.patient_id AND p.stage = 'pregnant';
    """

    /// 31 (clinic only): her therapist's name is the clinic's (QA H10). Her login loses UPDATE on
    /// `patient.therapist` (the grant is the map's, `ProfileMap.patient`, made afresh after this migration by
    /// `ClinicSecurity`; the number makes every clinic run it), and the column says what the clinic keeps for her,
    /// not a name a patient wrote there: every read of her details names her therapist by `display_name` anyway.
    static let v31TherapistIsTheClinics = """
    UPDATE patient p SET therapist = t.display_name
    FROM patient_account a JOIN therapist_account t ON t.role_name = a.therapist_role
    WHERE a.patient_id = p.patient_id AND p.therapist IS DISTINCT FROM t.display_name;
    """

    /// 32 (clinic only): her details' therapist is kept by the server from `therapist_account.display_name`
    /// (`therapistNames`, made after every migration: a trigger on each write of her details, a therapist's
    /// rename and a move to another caseload), so it can be neither written wrong by her login nor left behind
    /// by a rename (review point 5). The rows of patients in a caseload are brought in line once here, as change 31
    /// did: a therapist renamed since then left her patients' rows behind. (In no caseload the column is what her
    /// details said: the clinic keeps no therapist for her.)
    static let v32TherapistKeptByTheServer = """
    -- Renamed since change 31: her therapist's name as the clinic keeps it now.
    UPDATE patient p SET therapist = t.display_name
    FROM patient_account a JOIN therapist_account t ON t.role_name = a.therapist_role
    WHERE a.patient_id = p.patient_id AND p.therapist IS DISTINCT FROM t.display_name;
    """

    /// The schema agrees with the record map, as SQLite's v9 does (issue 20): a warning-sign report's time is a
    /// time of day to the minute, like a pain entry's, rather than text.
    static let v9RecordMap = """
    ALTER TABLE sign_report DROP CONSTRAINT sign_report_time_check;
    ALTER TABLE sign_report ALTER COLUMN time TYPE time(0) without time zone USING time::time(0) without time zone;
    ALTER TABLE sign_report ADD CONSTRAINT sign_report_time_check CHECK (date_trunc('minute', time) = time);
    """
}
