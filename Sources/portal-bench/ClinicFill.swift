import Foundation
import PortalCore

/// Fills the clinic database fast, on the server: one template patient is added through the real
/// `portal clinic add-patient` (account, role, record, care plan, first program), and every other patient is
/// made from it by set-based SQL (generate_series), a batch of patients per transaction, never one INSERT per
/// row through the store. Each patient gets her own login role, a therapist (one per 50 patients), and a year
/// of history: 52 published program weeks, about 780 exercise sessions, a pain entry every morning and every
/// third evening (487, each with a site, half with a trigger), a check-in a week.
///
/// The fill runs as `postgres` with `session_replication_role = replica`, which skips the foreign-key
/// triggers: the rows are built consistent, and checking 17 million references one by one would be most of
/// the time. Row-level security does not apply to the administrator either. The patients' own sessions later
/// go through every rule.
struct ClinicFill {
    let cluster: ClinicCluster
    /// The database filled: one cluster holds a small and a large clinic side by side, so their Homes can be
    /// measured in the same rounds. Roles belong to the cluster and are shared by both.
    let database: String
    let tag: String
    let today: CalendarDate
    /// Two answer sets to the check-in's questions, alternating by week.
    let quizAnswers: (String, String)
    static let patientsPerTherapist = 50

    /// Pain entries per patient: every morning of 365 days and the evenings of days 0, 3, 6, … 363.
    static let painPerPatient = 365 + 122

    func patient(_ i: Int) -> String { "\(tag)p\(i)" }
    func therapist(_ i: Int) -> String { "\(tag)t\(i)" }
    func therapist(of patient: Int) -> Int { (patient - 1) / Self.patientsPerTherapist + 1 }

    /// The template: patient 1 and her therapist, through the portal's own administrator commands, then her
    /// first program week's prescriptions kept as the pattern every patient's 52 weeks repeat.
    func addTemplate(portal: String) throws {
        let admin = cluster.conninfo("postgres", database: database)
        let env = ["/usr/bin/env", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(today.description)", portal]
        try ClinicProcess.run(env + ["clinic", "init", "--db", admin], in: cluster.work)
        try ClinicProcess.run(env + ["clinic", "add-therapist", therapist(1), "--db", admin], in: cluster.work)
        try ClinicProcess.run(env + ["clinic", "add-patient", patient(1), "--db", admin, "--name", "Bench Patient", "--therapist", therapist(1),
                                     "--born", today.adding(days: -330).description, "--delivery", "vaginal", "--condition", "low-back",
                                     "--condition", "pelvic-girdle", "--clinic", "1 Bench Street",
                                     "--first-visit", today.adding(days: -2).description + "T09:00"], in: cluster.work)
        try cluster.sql(database: database, """
            CREATE UNLOGGED TABLE bench_rx AS
                SELECT position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side, note
                FROM prescription p JOIN patient_account a USING (patient_id)
                WHERE a.role_name = '\(patient(1))' AND p.week = (SELECT min(week) FROM prescription WHERE patient_id = a.patient_id);
            DELETE FROM prescription WHERE patient_id = (SELECT patient_id FROM patient_account WHERE role_name = '\(patient(1))');
            DELETE FROM program_week WHERE patient_id = (SELECT patient_id FROM patient_account WHERE role_name = '\(patient(1))');
            """)
        guard try cluster.number("SELECT count(*) FROM bench_rx", database: database) > 0 else {
            throw ClinicProcess.Failed(description: "the template patient got no program week to copy")
        }
    }

    /// Patients `first...last` (numbers; patient 1 is the template and already has her account and record).
    func fill(_ first: Int, _ last: Int) throws {
        let t = today.description
        let prefixLength = tag.count + 2
        let tid = "(SELECT patient_id FROM patient_account WHERE role_name = '\(patient(1))')"
        try cluster.sql(database: database, """
            BEGIN;
            SET LOCAL session_replication_role = replica;
            DO $$ BEGIN
                FOR t IN \(therapist(of: first))..\(therapist(of: last)) LOOP
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(tag)t' || t) THEN
                        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB IN ROLE portal_therapist', '\(tag)t' || t);
                    END IF;
                END LOOP;
                FOR i IN \(max(first, 2))..\(last) LOOP
                    CONTINUE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = '\(tag)p' || i);
                    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB IN ROLE portal_patient', '\(tag)p' || i);
                END LOOP;
            END $$;
            INSERT INTO therapist_account (role_name, display_name)
                SELECT '\(tag)t' || t, 'Therapist ' || t FROM generate_series(\(therapist(of: first)), \(therapist(of: last))) t ON CONFLICT DO NOTHING;
            INSERT INTO patient_account (role_name, therapist_role)
                SELECT '\(tag)p' || i, '\(tag)t' || ((i - 1) / \(Self.patientsPerTherapist) + 1) FROM generate_series(\(max(first, 2)), \(last)) i ORDER BY i;
            CREATE TEMP TABLE batch ON COMMIT DROP AS
                SELECT patient_id AS pid, substr(role_name, \(prefixLength))::int AS i FROM patient_account
                WHERE role_name ~ '^\(tag)p[0-9]+$' AND substr(role_name, \(prefixLength))::int BETWEEN \(first) AND \(last) ORDER BY 1;

            -- The record: the template's profile, conditions, care plan and reading list, with her own name, and
            -- her therapist's name as the server keeps it (change 32; its trigger is off while the fill runs).
            INSERT INTO patient (patient_id, name, stage, due_date, birth_date, delivery, therapist, clinic)
                SELECT b.pid, 'Bench Patient ' || b.i, p.stage, p.due_date, p.birth_date, p.delivery,
                       'Therapist ' || ((b.i - 1) / \(Self.patientsPerTherapist) + 1), p.clinic
                FROM batch b, patient p WHERE p.patient_id = \(tid) AND b.i > 1 ORDER BY 1;
            INSERT INTO patient_condition SELECT b.pid, c.position, c.condition FROM batch b, patient_condition c
                WHERE c.patient_id = \(tid) AND b.i > 1 ORDER BY 1, 2;
            INSERT INTO visit SELECT b.pid, v.number, v.kind, v.status, v.starts_at, v.duration_minutes, v.mode, v.location, v.therapist,
                                     v.focus, v.notes
                FROM batch b, visit v WHERE v.patient_id = \(tid) AND b.i > 1 ORDER BY 1, 2;
            INSERT INTO reading_list SELECT b.pid, r.article_id, r.position FROM batch b, reading_list r
                WHERE r.patient_id = \(tid) AND b.i > 1 ORDER BY 1, 2;

            -- A year of program: 52 published weeks, the current one begun three days ago.
            INSERT INTO program_week (patient_id, number, starts, note, published_at)
                SELECT b.pid, n, DATE '\(t)' - 7 * (52 - n) - 3, '', (DATE '\(t)' - 7 * (52 - n) - 4)::timestamptz
                FROM batch b, generate_series(1, 52) n ORDER BY 1, 2;
            INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day,
                                      days_per_week, side, note)
                SELECT b.pid, n, r.position, r.exercise_id, r.sets, r.reps, r.hold_seconds, r.rest_seconds, r.times_per_day,
                       r.days_per_week, r.side, r.note
                FROM batch b, generate_series(1, 52) n, bench_rx r ORDER BY 1, 2, 3;
            -- Three of the week's exercises on five days of each week, up to today. Ids count within each
            -- record (the administrator may give them; the clinic's trigger would count them one by one).
            INSERT INTO exercise_session (patient_id, id, date, week, exercise_id, sets_done, pain)
                SELECT b.pid, row_number() OVER (PARTITION BY b.pid ORDER BY w.starts + o, r.position),
                       w.starts + o, w.number, r.exercise_id, least(r.sets, 1 + (o + r.position + b.i) % 3),
                       CASE WHEN (o + b.i) % 4 = 0 THEN (o + w.number) % 5 END
                FROM batch b JOIN program_week w ON w.patient_id = b.pid
                CROSS JOIN (SELECT * FROM bench_rx ORDER BY position LIMIT 3) r CROSS JOIN generate_series(0, 4) o
                WHERE w.starts + o <= DATE '\(t)'
                ORDER BY b.pid, w.starts + o, r.position;

            -- The pain diary: every morning, and the evening of every third day, each with a site; every
            -- other day a trigger. Ids are per patient (the key is patient_id, id).
            CREATE TEMP TABLE diary ON COMMIT DROP AS
                SELECT b.pid, b.i, d, e, d * 2 + e + 1 AS id FROM batch b, generate_series(0, 364) d, generate_series(0, 1) e
                WHERE e = 0 OR d % 3 = 0;
            INSERT INTO pain_entry (patient_id, id, date, time, score, note, warning_signs)
                SELECT pid, id, DATE '\(t)' - 364 + d, CASE e WHEN 0 THEN TIME '08:30' ELSE TIME '19:15' END,
                       (d * 7 + e * 3 + i) % 8, CASE e WHEN 0 THEN '' ELSE 'After the walk' END, ''
                FROM diary ORDER BY pid, id;
            INSERT INTO pain_site (patient_id, entry_id, position, site, side)
                SELECT pid, id, 0, (ARRAY['hip-front','hip-side','buttock','low-back','si-joint','pubic-bone','groin'])[1 + (d + e + i) % 7],
                       (ARRAY['left','right','both'])[1 + d % 3]
                FROM diary ORDER BY pid, id;
            INSERT INTO pain_trigger (patient_id, entry_id, position, trigger)
                SELECT pid, id, 0, (ARRAY['sitting-long','standing-up','lying-on-side','turning-in-bed','walking','stairs'])[1 + (d + e) % 6]
                FROM diary WHERE d % 2 = 0 ORDER BY pid, id;

            -- A check-in every week.
            INSERT INTO quiz_result (patient_id, id, taken_on, answers)
                SELECT b.pid, k + 1, DATE '\(t)' - 7 * (51 - k), (CASE k % 2 WHEN 0 THEN '\(quizAnswers.0)' ELSE '\(quizAnswers.1)' END)::jsonb
                FROM batch b, generate_series(0, 51) k ORDER BY 1, 2;

            -- Each record's count of changes (clinic change 23), which the history's trigger keeps as rows are
            -- written and this fill skips: a year of her portal's writes, one a transaction.
            INSERT INTO record_change (patient_id, changes) SELECT pid, 1500 + i FROM batch ORDER BY 1 ON CONFLICT (patient_id, writer) DO NOTHING;
            COMMIT;
            """)
    }

    /// Vacuums and analyzes after a fill, as a clinic's autovacuum would soon after: the planner's statistics
    /// are current, the rows' hint bits and visibility map are set, and no autovacuum of millions of new rows
    /// runs in the background while Home is measured.
    func vacuum() throws { try cluster.sql("VACUUM (ANALYZE);", database: database) }

    /// Checks the fill is whole: `n` patients, each with every pain entry. Throws what is missing.
    func check(patients n: Int) throws {
        let patients = try cluster.number("SELECT count(*) FROM patient", database: database)
        let accounts = try cluster.number("SELECT count(*) FROM patient_account", database: database)
        let pain = try cluster.number("SELECT count(*) FROM pain_entry", database: database)
        guard patients == n, accounts == n, pain == n * Self.painPerPatient else {
            throw ClinicProcess.Failed(description: "the fill is not whole: \(patients) patients, \(accounts) accounts, \(pain) pain entries for \(n) patients")
        }
    }
}
