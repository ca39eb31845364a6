import GRDB

/// The database schema, one migration per version. Never edit a shipped migration: add a new one. Each
/// migration's SQL is a plain string literal (no values interpolated from Swift enums or from the record map),
/// so changing either can never change what a shipped migration means; `SchemaTests` pins the shipped text.
///
/// Versions: from 6 on, a change has one number in both stores (the clinic's `ClinicSchema.migrations`), and its
/// GRDB name here is "v" + that number; a number the clinic alone uses is skipped here. (Before that, SQLite's
/// v2 and v3 were the clinic's 3 and 4.) What the migrations make must agree with the record map
/// (`RecordPart.tables`): `RecordSchemaAgreementTests` compares them, column by column and rule by rule, and
/// `SQLiteDialect.createTable` prints the CREATE TABLE for a new table of the map, to paste into its migration.
enum Schema {
    /// Written to `PRAGMA application_id` so the portal recognises its own files ("PTL1").
    static let applicationID: Int32 = 0x50544C31

    /// The migrations, to look at a file with (which names it knows). Running them is `migrator(zone:)`'s.
    static var migrator: DatabaseMigrator { migrator(zone: .current) }

    /// The migrations; `zone` is where the rows v8 gives an offset from UTC are taken to have been made.
    static func migrator(zone: LocalZone) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = 1347701809")
            try db.execute(sql: v1)
        }
        // v2: warning signs reported on their own, without a pain score (issue 7). `signs` holds the sign ids
        // from safety.json joined by commas, like pain_entry.warning_signs.
        m.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        // v3: how much pain an exercise caused, when she says (issue 9); sessions before it have none.
        m.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        // v6 (the clinic's migration 6 too: one number per change, in both stores): where each program week came
        // from (issue 19, point 3) and the therapist's reason when she prescribes an exercise against its rules
        // (issue 18). Weeks stored before it are 'unrecorded': kept like the therapist's (a change of details
        // never rewrites them), not shown as her words.
        m.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        // v8 (the clinic's 8; 7 is the clinic's alone) (issue 19): the offset from UTC of each timed entry, where
        // she was when she saved it, so an export made elsewhere or after a change of clocks still says when it
        // was. Rows from before it get the offset their date and time have in `zone`, the computer's zone when
        // the portal is updated: the portal cannot know where an older entry was made, and most are made at home
        // (README, "Your data").
        m.registerMigration("v8") { db in
            try db.execute(sql: v8)
            try fillOffsets(db, table: "pain_entry", zone: zone)
            try fillOffsets(db, table: "sign_report", zone: zone)
        }
        // v9: the schema agrees with the record map, as the clinic's does (issue 20): sites, triggers and
        // conditions keep their order in a column, article ids and check-in answers are checked as there.
        m.registerMigration("v9") { db in
            try db.execute(sql: v9)
        }
        // v11 (the clinic's 11 too): the bladder diary, the bowel log and the questionnaires she fills in, three
        // record types of the record map (issue 22), each table as `SQLiteDialect.createTable` printed it.
        m.registerMigration("v11") { db in
            try db.execute(sql: v11)
        }
        // v14 (the clinic's 14 too): her therapist's reviews of her warning signs (issue 23), a record part of the
        // record map; a file keeps the table and never a row (no therapist reviews there).
        m.registerMigration("v14") { db in
            try db.execute(sql: v14)
        }
        // v15 (the clinic's 15 too; 12 to 14 are other changes): the reminders she sets and the log of those given
        // (issue 24), two record parts of the record map, each table as `SQLiteDialect.createTable` printed it.
        m.registerMigration("v15") { db in
            try db.execute(sql: v15)
        }
        // v16 (the clinic's 16 too): her questions for the visit and her therapist's answers (issue 23), a record
        // part of the record map, the table as `SQLiteDialect.createTable` printed it.
        m.registerMigration("v16") { db in
            try db.execute(sql: v16)
        }
        // v17 (the clinic's 17 too): a review of her warning signs covers them by the order they were written,
        // not by the date on them (issue 23): each pain entry and sign report gets its place in that order, set by
        // triggers on every insert and change, and each review the place of the newest sign it covers. Rows from
        // before are numbered by their date and time, and each review of then gets the place of the last row
        // dated up to its `signs_until`: it covers what it covered. (A file has no reviews; the clinic's do.)
        // An answer is unread while `read_at` is unset (answer times are the server's, read times her portal's:
        // never compared), so an answer changed after she read it, unread before, is made unread here.
        m.registerMigration("v17") { db in
            try db.execute(sql: v17)
        }
        // v30 (the clinic's 30 too; 18 to 29 are the clinic's alone): what each program week was planned for,
        // her pregnancy or the time after the birth (review of QA G2): the after-birth check and the C-section's
        // hold go by it, not by the week's dates. Weeks stored before it, while she is still pregnant, were
        // planned for her pregnancy; after the birth the portal cannot know, and they keep no value (read by
        // their dates, `Program.plannedForPregnancy`).
        m.registerMigration("v30") { db in
            try db.execute(sql: v30)
        }
        return m
    }

    /// Gives every row of `table` without an offset the one its date and time have in `zone` (a time its
    /// clock skips takes the offset before the change; a repeated one, the first).
    static func fillOffsets(_ db: Database, table: String, zone: LocalZone) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, date, time FROM \(table) WHERE utc_offset IS NULL")
        for r in rows {
            guard let date = CalendarDate(r[1] as String), let time = TimeOfDay(r[2] as String) else { continue }
            let offset = zone.storedOffsetMinutes(at: LocalDateTime(date: date, time: time))
            try db.execute(sql: "UPDATE \(table) SET utc_offset = ? WHERE id = ?", arguments: [offset, r[0] as Int64])
        }
    }

    /// The tables the migrations made (not SQLite's own nor GRDB's bookkeeping), read from the schema
    /// itself so a table added by a later migration is never forgotten.
    static func tables(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            ORDER BY name
            """)
    }

    /// v8, as shipped: minutes east of UTC, within the offsets the world's zones use (−12:00 to +14:00, with
    /// room to spare).
    static let v8 = """
        ALTER TABLE pain_entry ADD COLUMN utc_offset INTEGER CHECK (utc_offset IS NULL OR (typeof(utc_offset) = 'integer' AND utc_offset BETWEEN -1080 AND 1080));
        ALTER TABLE sign_report ADD COLUMN utc_offset INTEGER CHECK (utc_offset IS NULL OR (typeof(utc_offset) = 'integer' AND utc_offset BETWEEN -1080 AND 1080));
        """

    /// v30, as shipped: `program_week.planned_for`.
    static let v30 = """
        ALTER TABLE program_week ADD COLUMN planned_for TEXT CHECK (planned_for IS NULL OR planned_for IN ('pregnancy', 'after-birth'));
        UPDATE program_week SET planned_for = 'pregnancy' WHERE EXISTS (SELECT 1 FROM patient WHERE stage = 'pregnant');
        """

    /// v6, as shipped.
    static let v6 = """
        ALTER TABLE program_week ADD COLUMN origin TEXT NOT NULL DEFAULT 'unrecorded' CHECK (origin IN ('generated', 'therapist', 'unrecorded'));
        ALTER TABLE prescription ADD COLUMN therapist_decision TEXT NOT NULL DEFAULT '' CHECK (length(therapist_decision) <= 1000);
        """

    /// v14, as shipped: `sign_review`.
    static let v14 = """
        CREATE TABLE sign_review (
            id INTEGER PRIMARY KEY,
            reviewed_at TEXT NOT NULL CHECK ((date(substr(reviewed_at, 1, 10), '+0 days') IS substr(reviewed_at, 1, 10)) AND length(reviewed_at) = 16 AND substr(reviewed_at, 11, 1) = 'T'),
            signs_until TEXT NOT NULL CHECK ((date(substr(signs_until, 1, 10), '+0 days') IS substr(signs_until, 1, 10)) AND length(signs_until) = 16 AND substr(signs_until, 11, 1) = 'T'),
            reviewer TEXT NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 63)
        );
        CREATE INDEX sign_review_by_until ON sign_review(signs_until);
        """

    /// v17, as shipped: `entered` on pain_entry and sign_report (kept by the triggers), `entered_through` on
    /// sign_review. A row's place is one more than the newest in the record, reviews' included (so a place is
    /// never given twice, even after the newest row is deleted); an update that leaves `entered` as it was
    /// gives the row a new place (the trigger's own update changes it, so it does not run again).
    static let v17 = """
        ALTER TABLE pain_entry ADD COLUMN entered INTEGER NOT NULL DEFAULT '0';
        ALTER TABLE sign_report ADD COLUMN entered INTEGER NOT NULL DEFAULT '0';
        ALTER TABLE sign_review ADD COLUMN entered_through INTEGER NOT NULL DEFAULT '0';
        UPDATE pain_entry SET entered = o.n FROM (
            SELECT kind, id, row_number() OVER (ORDER BY date, time, kind, id) AS n
            FROM (SELECT 0 AS kind, id, date, time FROM pain_entry UNION ALL SELECT 1, id, date, time FROM sign_report)
        ) AS o WHERE o.kind = 0 AND o.id = pain_entry.id;
        UPDATE sign_report SET entered = o.n FROM (
            SELECT kind, id, row_number() OVER (ORDER BY date, time, kind, id) AS n
            FROM (SELECT 0 AS kind, id, date, time FROM pain_entry UNION ALL SELECT 1, id, date, time FROM sign_report)
        ) AS o WHERE o.kind = 1 AND o.id = sign_report.id;
        UPDATE sign_review SET entered_through =
            (SELECT count(*) FROM pain_entry WHERE date || 'T' || time <= sign_review.signs_until)
            + (SELECT count(*) FROM sign_report WHERE date || 'T' || time <= sign_review.signs_until);
        UPDATE visit_question SET read_at = NULL WHERE read_at < answered_at;
        CREATE INDEX pain_entry_by_entered ON pain_entry(entered);
        CREATE INDEX sign_report_by_entered ON sign_report(entered);
        """
        + "\n" + ["pain_entry", "sign_report"].flatMap { [enteredTrigger($0, again: false), enteredTrigger($0, again: true)] }
            .joined(separator: "\n")

    /// v17's one rule for a row's place, for each table and each write (insert, and an update that left `entered` as
    /// it was): one more than the newest place in her record, reviews' included.
    private static func enteredTrigger(_ table: String, again: Bool) -> String {
        (again ? "CREATE TRIGGER \(table)_entered_again AFTER UPDATE ON \(table) WHEN NEW.entered IS OLD.entered BEGIN"
               : "CREATE TRIGGER \(table)_entered AFTER INSERT ON \(table) BEGIN") + "\n" + """
            UPDATE \(table) SET entered = 1 + max((SELECT coalesce(max(entered), 0) FROM pain_entry),
                (SELECT coalesce(max(entered), 0) FROM sign_report), (SELECT coalesce(max(entered_through), 0) FROM sign_review))
            WHERE id = NEW.id;
        END;
        """
    }

    /// v16, as shipped: `visit_question`.
    static let v16 = """
        CREATE TABLE visit_question (
            id INTEGER PRIMARY KEY,
            asked_at TEXT NOT NULL CHECK ((date(substr(asked_at, 1, 10), '+0 days') IS substr(asked_at, 1, 10)) AND length(asked_at) = 16 AND substr(asked_at, 11, 1) = 'T'),
            question TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
            answer TEXT NOT NULL DEFAULT '' CHECK (length(answer) <= 2000),
            answered_at TEXT CHECK ((date(substr(answered_at, 1, 10), '+0 days') IS substr(answered_at, 1, 10)) AND length(answered_at) = 16 AND substr(answered_at, 11, 1) = 'T'),
            answered_by TEXT NOT NULL DEFAULT '' CHECK (length(answered_by) <= 100),
            read_at TEXT CHECK ((date(substr(read_at, 1, 10), '+0 days') IS substr(read_at, 1, 10)) AND length(read_at) = 16 AND substr(read_at, 11, 1) = 'T')
        );
        CREATE INDEX visit_question_by_time ON visit_question(asked_at);
        """

    /// v15, as shipped: `reminder_setting`, `visit_reminder` and `reminder_delivery`.
    static let v15 = """
        CREATE TABLE reminder_setting (
            kind TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('pain', 'exercises', 'diary')),
            time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
            days TEXT NOT NULL CHECK (length(days) BETWEEN 3 AND 27)
        );
        CREATE TABLE visit_reminder (
            minutes_before INTEGER PRIMARY KEY NOT NULL CHECK (minutes_before BETWEEN 1 AND 10080)
        );
        CREATE TABLE reminder_delivery (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('pain', 'exercises', 'diary', 'visits')),
            subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
            minutes_before INTEGER CHECK (minutes_before BETWEEN 1 AND 10080),
            given_at TEXT NOT NULL CHECK ((date(substr(given_at, 1, 10), '+0 days') IS substr(given_at, 1, 10)) AND length(given_at) = 16 AND substr(given_at, 11, 1) = 'T'),
            outcome TEXT NOT NULL CHECK (outcome IN ('notified', 'waiting', 'failed')),
            reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
            said INTEGER NOT NULL CHECK (said BETWEEN 0 AND 1)
        );
        CREATE INDEX reminder_delivery_by_time ON reminder_delivery(given_at);
        """

    /// v11, as shipped: `bladder_event`, `bowel_entry`, `measure_response` and `measure_activity`.
    static let v11 = """
        CREATE TABLE bladder_event (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
            time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
            kind TEXT NOT NULL CHECK (kind IN ('pee', 'leak', 'drink', 'pad')),
            volume_ml INTEGER CHECK (volume_ml BETWEEN 10 AND 2000),
            urgency INTEGER CHECK (urgency BETWEEN 0 AND 4),
            woke_at_night INTEGER NOT NULL CHECK (woke_at_night BETWEEN 0 AND 1),
            amount TEXT CHECK (amount IN ('drops', 'damp', 'wet', 'soaked')),
            activity TEXT CHECK (activity IN ('cough', 'lift', 'exercise', 'urge', 'none')),
            drink TEXT CHECK (drink IN ('water', 'coffee', 'tea', 'alcohol', 'fizzy', 'other')),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500)
        );
        CREATE INDEX bladder_event_by_date ON bladder_event(date, time);
        CREATE TABLE bowel_entry (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
            time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
            bristol_type INTEGER NOT NULL CHECK (bristol_type BETWEEN 1 AND 7),
            straining INTEGER NOT NULL CHECK (straining BETWEEN 0 AND 1),
            urgency INTEGER NOT NULL CHECK (urgency BETWEEN 0 AND 1),
            leaks TEXT NOT NULL DEFAULT '' CHECK (length(leaks) <= 40),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500)
        );
        CREATE INDEX bowel_entry_by_date ON bowel_entry(date, time);
        CREATE TABLE measure_response (
            id INTEGER PRIMARY KEY,
            measure_id TEXT NOT NULL CHECK (length(measure_id) BETWEEN 1 AND 100),
            taken_on TEXT NOT NULL CHECK ((date(taken_on, '+0 days') IS taken_on)),
            answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object')
        );
        CREATE INDEX measure_response_by_date ON measure_response(taken_on);
        CREATE TABLE measure_activity (
            response_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            PRIMARY KEY (response_id, position),
            FOREIGN KEY (response_id) REFERENCES measure_response(id) ON DELETE CASCADE
        );
        """

    /// v9, as shipped. The order of sites, triggers and conditions was the rows' order (rowid); it becomes a
    /// position, numbered from 0 within each entry in that same order. Four small tables are rebuilt to take
    /// the clinic's checks (SQLite cannot add a CHECK to a column), and NOT NULL on their text keys (SQLite lets
    /// a text primary key be NULL unless told); rows the checks would refuse cannot have been written by the
    /// portal, and are not carried over.
    static let v9 = """
        CREATE TABLE patient_condition_v9 (
            position INTEGER NOT NULL,
            condition TEXT PRIMARY KEY NOT NULL CHECK (condition IN ('hip-piriformis', 'hip-it-band', 'round-ligament', 'low-back', 'pelvic-girdle', 'diastasis-recti', 'bladder-leaks', 'pelvic-pain', 'c-section-scar', 'perineal-tear'))
        );
        INSERT INTO patient_condition_v9 (position, condition)
            SELECT (SELECT count(*) FROM patient_condition c WHERE c.rowid < patient_condition.rowid), condition
            FROM patient_condition WHERE condition IS NOT NULL;
        DROP TABLE patient_condition;
        ALTER TABLE patient_condition_v9 RENAME TO patient_condition;
        ALTER TABLE pain_site ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE pain_site SET position = (SELECT count(*) FROM pain_site s WHERE s.entry_id = pain_site.entry_id AND s.rowid < pain_site.rowid);
        ALTER TABLE pain_trigger ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE pain_trigger SET position = (SELECT count(*) FROM pain_trigger t WHERE t.entry_id = pain_trigger.entry_id AND t.rowid < pain_trigger.rowid);

        CREATE TABLE reading_list_v9 (
            article_id TEXT PRIMARY KEY NOT NULL CHECK (length(article_id) BETWEEN 1 AND 200),
            position INTEGER NOT NULL
        );
        INSERT INTO reading_list_v9 (article_id, position)
            SELECT article_id, position FROM reading_list WHERE length(article_id) BETWEEN 1 AND 200;
        DROP TABLE reading_list;
        ALTER TABLE reading_list_v9 RENAME TO reading_list;

        CREATE TABLE article_read_v9 (
            article_id TEXT PRIMARY KEY NOT NULL CHECK (length(article_id) BETWEEN 1 AND 200),
            read_on TEXT NOT NULL CHECK ((date(read_on, '+0 days') IS read_on))
        );
        INSERT INTO article_read_v9 (article_id, read_on)
            SELECT article_id, read_on FROM article_read WHERE length(article_id) BETWEEN 1 AND 200;
        DROP TABLE article_read;
        ALTER TABLE article_read_v9 RENAME TO article_read;

        CREATE TABLE quiz_result_v9 (
            id INTEGER PRIMARY KEY,
            taken_on TEXT NOT NULL CHECK ((date(taken_on, '+0 days') IS taken_on)),
            answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object')
        );
        INSERT INTO quiz_result_v9 (id, taken_on, answers)
            SELECT id, taken_on, answers FROM quiz_result WHERE json_valid(answers) AND json_type(answers) = 'object';
        DROP TABLE quiz_result;
        ALTER TABLE quiz_result_v9 RENAME TO quiz_result;
        CREATE INDEX quiz_result_by_date ON quiz_result(taken_on);
        """

    /// v3, as shipped.
    static let v3 = """
        ALTER TABLE exercise_session ADD COLUMN pain INTEGER CHECK (pain IS NULL OR pain BETWEEN 0 AND 10);
        """

    /// v2, as shipped.
    static let v2 = """
        CREATE TABLE sign_report (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
            time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
            signs TEXT NOT NULL CHECK (length(signs) BETWEEN 1 AND 2000),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000)
        );
        CREATE INDEX sign_report_by_date ON sign_report(date, time);
        """

    /// The first schema, as shipped. Dates are checked with `date(x, '+0 days') IS x`: SQLite normalises the
    /// date, so 30 February (which plain `date()` echoes back) no longer equals itself.
    static let v1 = """
    CREATE TABLE patient (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
        stage TEXT NOT NULL CHECK (stage IN ('pregnant', 'postpartum')),
        due_date TEXT CHECK (due_date IS NULL OR (date(due_date, '+0 days') IS due_date)),
        birth_date TEXT CHECK (birth_date IS NULL OR (date(birth_date, '+0 days') IS birth_date)),
        delivery TEXT CHECK (delivery IS NULL OR delivery IN ('vaginal', 'cesarean')),
        therapist TEXT NOT NULL DEFAULT '',
        clinic TEXT NOT NULL DEFAULT '',
        CHECK ((stage = 'pregnant' AND due_date IS NOT NULL AND birth_date IS NULL AND delivery IS NULL)
            OR (stage = 'postpartum' AND birth_date IS NOT NULL AND delivery IS NOT NULL AND due_date IS NULL))
    );
    CREATE TABLE patient_condition (
        condition TEXT PRIMARY KEY CHECK (condition IN ('hip-piriformis','hip-it-band','round-ligament','low-back','pelvic-girdle','diastasis-recti','bladder-leaks','pelvic-pain','c-section-scar','perineal-tear'))
    );
    CREATE TABLE visit (
        number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 6),
        kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'follow-up', 're-evaluation', 'discharge')),
        status TEXT NOT NULL CHECK (status IN ('to-schedule', 'booked', 'completed', 'cancelled', 'missed')),
        starts_at TEXT CHECK (starts_at IS NULL OR ((date(substr(starts_at, 1, 10), '+0 days') IS substr(starts_at, 1, 10))
            AND length(starts_at) = 16 AND substr(starts_at, 11, 1) = 'T')),
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
        mode TEXT NOT NULL CHECK (mode IN ('in-person', 'virtual')),
        location TEXT NOT NULL DEFAULT '',
        therapist TEXT NOT NULL DEFAULT '',
        focus TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        CHECK (status IN ('to-schedule', 'cancelled') OR starts_at IS NOT NULL)
    );
    -- A completed visit keeps its date.
    CREATE TRIGGER visit_completed_keeps_date BEFORE UPDATE OF starts_at, status ON visit
    WHEN OLD.status = 'completed' AND (NEW.starts_at IS NOT OLD.starts_at OR NEW.status <> 'completed')
    BEGIN SELECT RAISE(ABORT, 'a completed visit keeps its date and status'); END;
    CREATE INDEX visit_by_start ON visit(starts_at);

    CREATE TABLE program_week (
        number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 52),
        starts TEXT NOT NULL UNIQUE CHECK ((date(starts, '+0 days') IS starts)),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE prescription (
        week INTEGER NOT NULL REFERENCES program_week(number) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 64),
        sets INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 10),
        reps INTEGER NOT NULL CHECK (reps BETWEEN 1 AND 50),
        hold_seconds INTEGER NOT NULL CHECK (hold_seconds BETWEEN 0 AND 120),
        rest_seconds INTEGER NOT NULL CHECK (rest_seconds BETWEEN 0 AND 300),
        times_per_day INTEGER NOT NULL CHECK (times_per_day BETWEEN 1 AND 5),
        days_per_week INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 7),
        side TEXT NOT NULL CHECK (side IN ('none','left','right','each','alternating')),
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (week, exercise_id)
    );
    CREATE TABLE exercise_session (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
        week INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        sets_done INTEGER NOT NULL CHECK (sets_done BETWEEN 1 AND 10),
        FOREIGN KEY (week, exercise_id) REFERENCES prescription(week, exercise_id) ON DELETE CASCADE
    );
    CREATE INDEX exercise_session_by_date ON exercise_session(date, exercise_id);
    CREATE INDEX exercise_session_by_prescription ON exercise_session(week, exercise_id);

    CREATE TABLE pain_entry (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
        time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
        score INTEGER NOT NULL CHECK (typeof(score) = 'integer' AND score BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
        warning_signs TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX pain_entry_by_date ON pain_entry(date, time);
    CREATE TABLE pain_site (
        entry_id INTEGER NOT NULL REFERENCES pain_entry(id) ON DELETE CASCADE,
        site TEXT NOT NULL CHECK (site IN ('hip-front','hip-side','buttock','low-back','si-joint','pubic-bone','groin','pelvic-floor','lower-abdomen','scar','thigh')),
        side TEXT NOT NULL CHECK (side IN ('left','right','both','none')),
        PRIMARY KEY (entry_id, site, side)
    );
    CREATE TABLE pain_trigger (
        entry_id INTEGER NOT NULL REFERENCES pain_entry(id) ON DELETE CASCADE,
        trigger TEXT NOT NULL CHECK (trigger IN ('sitting-long','standing-up','lying-on-side','turning-in-bed','walking','stairs','lifting','sudden-movement','cough-sneeze')),
        PRIMARY KEY (entry_id, trigger)
    );

    CREATE TABLE reading_list (
        article_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL
    );
    CREATE TABLE article_read (
        article_id TEXT PRIMARY KEY,
        read_on TEXT NOT NULL CHECK ((date(read_on, '+0 days') IS read_on))
    );
    CREATE TABLE quiz_result (
        id INTEGER PRIMARY KEY,
        taken_on TEXT NOT NULL CHECK ((date(taken_on, '+0 days') IS taken_on)),
        answers TEXT NOT NULL CHECK (json_valid(answers))
    );
    CREATE INDEX quiz_result_by_date ON quiz_result(taken_on);
    """
}
