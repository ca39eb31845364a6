import PortalCore

/// What one login may take of the server everyone shares (hostile QA qa-d, D2, D3, D6, D14, D17, D18): in clinic
/// mode the database is the guard, and every login can send it any SQL (as if everyone had psql), so a
/// patient must not be able to stop the others' writes, fill the disk, take every connection or write what
/// the portal would refuse.
extension ClinicSchema {
    /// 21 (clinic only: SQLite skips it).
    ///
    /// - A record's places (`record_entered`, change 17) are given one writer at a time by locking the record's
    ///   account row (`FOR NO KEY UPDATE`, which the portal's own writes take first anyway) instead of an
    ///   advisory lock keyed by her record's id: advisory locks are closed to the portal's logins
    ///   (`metadataLockdown`), and anyone who knew her id could hold that key and stop every entry of hers. As
    ///   shipped she and her therapist could lock her account row; change 28 takes that away (qa-f F3: her
    ///   therapist held it): a write takes its login's own turn (`turns`, `record_turn`).
    /// - What she sends her therapist (`shared_report`) is held to `sharedReportsPerDay` a day and
    ///   `sharedCharactersPerDay` characters a day (the day the server gives the row), so one login cannot
    ///   fill the clinic's disk; nobody but the administrator is exempt.
    /// - The care plan's booked and completed visits keep their order by number and never overlap
    ///   (`visit_in_order`, checked at commit like `care_plan_has_six_visits`), the rule of
    ///   `CarePlan.validateSchedule` on the statuses that hold a time (`VisitStatus.holdsItsTime`).
    static var v21ResourceGuards: String {
        let held = VisitStatus.allCases.filter(\.holdsItsTime).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
        CREATE OR REPLACE FUNCTION record_entered() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog AS $$
        BEGIN
            -- One writer of her places at a time: two sessions of hers writing at once would otherwise both take the
            -- same place, and a review of the first would cover the second, committed after it.
            PERFORM 1 FROM public.patient_account WHERE patient_id = NEW.patient_id FOR NO KEY UPDATE;
            NEW.entered := 1 + greatest(
                (SELECT coalesce(max(entered), 0) FROM public.pain_entry WHERE patient_id = NEW.patient_id),
                (SELECT coalesce(max(entered), 0) FROM public.sign_report WHERE patient_id = NEW.patient_id),
                (SELECT coalesce(max(entered_through), 0) FROM public.sign_review WHERE patient_id = NEW.patient_id));
            RETURN NEW;
        END $$;

        CREATE FUNCTION shared_report_within_daily() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog AS $$
        DECLARE
            n integer;
            characters bigint;
        BEGIN
            IF current_setting('is_superuser') = 'on' THEN
                RETURN NEW;
            END IF;
            -- Her sends take turns, so two sessions cannot both pass the count.
            PERFORM 1 FROM public.patient_account WHERE patient_id = NEW.patient_id FOR NO KEY UPDATE;
            SELECT count(*), coalesce(sum(length(body)), 0) INTO n, characters
            FROM public.shared_report WHERE patient_id = NEW.patient_id AND date = NEW.date;
            IF n + 1 > \(sharedReportsPerDay) OR characters + length(NEW.body) > \(sharedCharactersPerDay) THEN
                RAISE EXCEPTION 'at most \(sharedReportsPerDay) reports and \(sharedCharactersPerDay) characters are sent to the therapist a day'
                    USING ERRCODE = 'program_limit_exceeded';
            END IF;
            RETURN NEW;
        END $$;
        -- Named to fire after shared_report_sent_now (triggers fire in name order), which sets the row's day.
        CREATE TRIGGER shared_report_within_daily BEFORE INSERT ON shared_report
            FOR EACH ROW EXECUTE FUNCTION shared_report_within_daily();

        CREATE FUNCTION visit_in_order() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog AS $$
        DECLARE
            bad record;
        BEGIN
            IF current_setting('is_superuser') = 'on' THEN
                RETURN NULL;
            END IF;
            SELECT number, next_number, next_start < starts_at + make_interval(mins => duration_minutes) AS clash INTO bad
            FROM (SELECT number, starts_at, duration_minutes,
                         lead(number) OVER (ORDER BY number) AS next_number, lead(starts_at) OVER (ORDER BY number) AS next_start
                  FROM public.visit WHERE patient_id = NEW.patient_id AND status IN (\(held)) AND starts_at IS NOT NULL) AS v
            WHERE next_start < starts_at + make_interval(mins => duration_minutes)
            ORDER BY number LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'visit % must end before visit % starts: a care plan''s visits keep their order and never overlap',
                    bad.number, bad.next_number USING ERRCODE = 'check_violation';
            END IF;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER visit_in_order AFTER INSERT OR UPDATE OF starts_at, status, duration_minutes, number ON visit
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION visit_in_order();
        """
    }

    /// How many reports she may send her therapist a day, and how many characters they may hold together: a
    /// report or export a day of the largest size one may have (`shared_report.body`, 20,000,000 characters), or a
    /// handful of smaller ones.
    public static let sharedReportsPerDay = 10
    public static let sharedCharactersPerDay = 20_000_000
    /// The server's words when a report would pass either (`shared_report_within_daily`, made afresh by `turns`):
    /// the portal knows the refusal by them and says it in hers (`SharedReport.dailyLimitReached`, QA H15).
    static let sharedReportLimitMessage = "at most \(sharedReportsPerDay) reports and \(sharedCharactersPerDay) characters are sent to the therapist a day"

    /// Limits each patient's and therapist's login carries (set by `clinic init` on every login, and by
    /// add-patient and add-therapist on a new one). `temp_file_limit` only a superuser may change, so a session
    /// cannot lift it; the others are a login's defaults, which a session may SET otherwise (README, "Clinic mode
    /// at scale"): they stop a runaway statement or a forgotten session, not a hostile one.
    public static let resourceLimits: [(setting: String, value: String)] = [
        ("statement_timeout", "1min"),
        ("temp_file_limit", "64MB"),
        ("work_mem", "4MB"),
        ("idle_session_timeout", "1h"),
    ]

    /// How many sessions one login may hold at once (`CONNECTION LIMIT`): a portal holds one (a command that
    /// also reads the caseload, two), so two portals of hers at once, and a moment's overlap while a closed
    /// session ends. A login cannot change its own limit; without one, one login took every slot of the server
    /// (qa-d D14) and nobody else could connect, not even to report a warning sign.
    public static let connectionsPerLogin = 5

    /// Sets `resourceLimits` and `connectionsPerLogin` on login `role`. The name is quoted by the server.
    static func limitResources(of role: String, _ db: PGConnection) throws {
        var statements = [try db.query("SELECT format('ALTER ROLE %I CONNECTION LIMIT %s', $1::text, $2::int) AS s",
                                        [role, connectionsPerLogin]).rows.first?.text("s") ?? ""]
        for (setting, value) in resourceLimits {
            statements.append(try db.query("SELECT format('ALTER ROLE %I SET %s = %L', $1::text, $2::text, $3::text) AS s",
                                           [role, setting, value]).rows.first?.text("s") ?? "")
        }
        for sql in statements { try db.script(sql) }
    }

    /// Sets them on every login of the two groups (those added before the limits existed too).
    static func limitResourcesOfEveryLogin(_ db: PGConnection) throws {
        let logins = try db.query("""
            SELECT DISTINCT m.rolname::text AS r FROM pg_auth_members a
            JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
            WHERE g.rolname IN ($1, $2) ORDER BY 1
            """, [patientGroup, therapistGroup]).rows.map { try $0.text("r") }
        for role in logins { try limitResources(of: role, db) }
    }

    /// The characters `PlainText` refuses in every field (C0 and C1 controls but newline, a tab, DEL, the line
    /// and paragraph separators and the invisible formatting characters), found by asking its own predicate
    /// (`PlainText.isRefusedEverywhere`) of every Unicode scalar, as ranges. Left out are the characters the rule
    /// keeps in some places (`PlainText.isKeptInSomePlaces`: the joiners between emoji or between Persian or
    /// Indic letters, a flag's tags), which a bracket expression cannot tell apart; the portal's own check still
    /// refuses them elsewhere.
    static let refusedScalarRanges: [ClosedRange<UInt32>] = {
        var ranges: [ClosedRange<UInt32>] = []
        var start: UInt32?, last: UInt32 = 0
        for value in UInt32(1)...0x10FFFF {
            guard let s = Unicode.Scalar(value), PlainText.isRefusedEverywhere(s) else {
                if let first = start { ranges.append(first...last); start = nil }
                continue
            }
            if start == nil { start = value }
            last = value
        }
        if let first = start { ranges.append(first...last) }
        return ranges
    }()

    /// A PostgreSQL bracket expression of `refusedScalarRanges`, without `except` (a body of CSV or iCalendar
    /// ends its lines in CR LF, as those formats require; an older note's tab may be in a file's body).
    static func refusedClass(except: Set<UInt32> = []) -> String {
        func escape(_ v: UInt32) -> String {
            v <= 0xFFFF ? "\\u" + String(format: "%04X", v) : "\\U" + String(format: "%08X", v)
        }
        var parts: [String] = []
        for range in refusedScalarRanges {
            var from = range.lowerBound
            for v in range where except.contains(v) {
                if from < v { parts.append(from == v - 1 ? escape(from) : escape(from) + "-" + escape(v - 1)) }
                from = v + 1
            }
            if from <= range.upperBound {
                parts.append(from == range.upperBound ? escape(from) : escape(from) + "-" + escape(range.upperBound))
            }
        }
        return "[" + parts.joined() + "]"
    }

    /// The record map's text columns (and what she sends her therapist) refuse what `PlainText` refuses: a
    /// patient writing her name or a note with psql could otherwise put escape sequences onto her therapist's
    /// terminal (qa-d D6). Made again after every migration from the rule as it is then (not a numbered
    /// change: the rule may grow), and NOT VALID: rows written before are not checked again until changed.
    static var plainTextChecks: String {
        var lines: [String] = []
        let columns = (RecordPart.tables + RecordPart.clinicOnlyTables).flatMap { table in
            table.columns.filter { $0.kind == .text }.map { (table: table.name, column: $0.name) }
        } + plainTextOutsideTheMap
        for (table, column) in columns {
            let name = "\(table)_\(column)_plain"
            // A file's body keeps its line ends (CR LF) and the tabs of text saved before the rule refused them.
            let pattern = refusedClass(except: table == "shared_report" ? [0x0D, 0x09] : [])
            lines.append("ALTER TABLE \(table) DROP CONSTRAINT IF EXISTS \(name);")
            lines.append("ALTER TABLE \(table) ADD CONSTRAINT \(name) CHECK (\(column) !~ '\(pattern)') NOT VALID;")
        }
        return lines.joined(separator: "\n")
    }

    /// Text columns a login writes outside the record map: her request for a new program, which her therapist's
    /// caseload shows (qa-f F5: it took U+202E and invisible characters, its CHECK being only `[[:cntrl:]]`).
    static let plainTextOutsideTheMap = [(table: "program_request", column: "request")]

    /// Advisory locks are session-wide, survive an error, and are keyed by numbers anyone can guess: a patient
    /// holding every key she could took the server's lock table (every connection then failed with "out of
    /// shared memory"), and one holding her record's id stopped every entry of hers (qa-d D3). And
    /// `pg_logical_emit_message` writes to the WAL at will and returns its position, which every write moves
    /// (qa-d D20). And `pg_notify` let two patients pass each other messages (qa-f F11; `NOTIFY` and `LISTEN`
    /// themselves have no privilege in PostgreSQL 15 and stay open, README says so). None of them is the
    /// portal's; they are closed to PUBLIC, with the lockdown, after every migration.
    static let lockFunctions = """
    DO $locks$
    DECLARE
        r record;
    BEGIN
        FOR r IN
            SELECT p.oid::regprocedure AS fn FROM pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace
              AND (p.proname LIKE 'pg\\_advisory\\_%' OR p.proname LIKE 'pg\\_try\\_advisory\\_%'
                   OR p.proname = 'pg_logical_emit_message' OR p.proname = 'pg_notify')
        LOOP
            EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', r.fn);
        END LOOP;
    END $locks$;
    """
}
