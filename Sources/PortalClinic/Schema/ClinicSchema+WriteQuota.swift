import PortalCore

/// How much one login may write in a day (clinic change 25): any login can send the server any SQL (as if
/// everyone had psql), and every row it writes to the record also adds a row to the append-only history, so
/// without a bound one patient looping `INSERT` (or one `INSERT ... SELECT generate_series(...)`) could fill the
/// clinic server's disk and stop everyone's portal, warning signs included.
///
/// - Every row a patient's or therapist's login inserts, updates or deletes, in every table a login may write
///   (`quotaTables`: the record map's tables, her requests for a new program, the write receipts; no login
///   writes an account row since change 28), is counted against the login (`session_user`, which no login changes; a function running
///   with its owner's rights still counts the login that called it) by the trigger `write_quota`, BEFORE each
///   row, so a statement of a hundred million rows stops at the first row past the quota instead of writing
///   them all first (an AFTER trigger, such as the history's, runs only once the statement has written every row).
/// - One row per login in `write_quota` (login, the clinic's day, rows written that day), upserted by
///   `count_write()` (SECURITY DEFINER, `search_path` set, EXECUTE revoked from PUBLIC); nobody but the
///   administrator reads or changes the table (row-level security forced, no policy, no grant). The day is the
///   clinic's (`clinic_today()`): a new day starts the count again.
/// - Past `writesPerDay` the write is refused with `program_limit_exceeded` (54000) and `quotaMessage`; the
///   transaction rolls back, so nothing of it is saved and the count stays at the quota. The portal says so in a
///   patient's words (`PGError.portalError`).
/// - The administrator (a superuser: `clinic import-local`, `clinic demo`, restores) is not counted.
extension ClinicSchema {
    /// The most rows a patient's login writes in a clinic day. A day of real use is far below it: catching up a
    /// whole week at once (12 exercises a week at most, `ProgramWeekFile.maxPrescriptions`, up to 5 times a day,
    /// logged up to 7 days back: 420 sessions; a week of a paper bladder diary, about 40 events a day: 280; 20
    /// pain entries with every site and trigger: about 420; questionnaires, questions, reminders: about 100),
    /// each write with its two rows of write receipt, is under 3,500 rows; an ordinary full day (that day's
    /// exercises, a full bladder-diary day, a few pain entries) about 500.
    public static let patientWritesPerDay = 20_000
    /// The most rows a therapist's login writes in a clinic day: a caseload of 50, each patient's next week
    /// drafted and saved ten times (a week of 12 prescriptions rewritten at each save, about 25 rows) and
    /// published, two visits recorded, a review, answers and reading: about 350 rows a patient with receipts,
    /// 17,500 in all.
    public static let therapistWritesPerDay = 50_000

    /// The quota of a role's logins.
    public static func writesPerDay(_ role: Access.Role) -> Int {
        switch role {
        case .patient: return patientWritesPerDay
        case .therapist: return therapistWritesPerDay
        }
    }

    /// The start of the server's refusal, which the portal recognises (`PGError.portalError`).
    static let quotaMessage = "daily write quota reached"

    /// The tables a login may write besides the record map's, each counted like them.
    static let quotaTablesOutsideTheMap = ["program_request", "write_receipt"]

    /// Every table a patient's or therapist's login may insert into, update or delete from.
    static var quotaTables: [String] {
        (RecordPart.tables + RecordPart.clinicOnlyTables).map(\.name) + quotaTablesOutsideTheMap
    }

    /// 25 (clinic only: SQLite skips it): the quota's table and its counting function.
    static let v25WriteQuota = """
    CREATE TABLE write_quota (
        login text COLLATE "C" PRIMARY KEY,
        day date NOT NULL,
        writes bigint NOT NULL CHECK (writes >= 0)
    );
    ALTER TABLE write_quota ENABLE ROW LEVEL SECURITY;
    ALTER TABLE write_quota FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON write_quota FROM PUBLIC;
    """

    /// The counting function (made again after every migration, so the quotas are this portal's) and its trigger
    /// on every table of `quotaTables`.
    static var writeQuota: String {
        let count = """
        CREATE OR REPLACE FUNCTION count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            quota bigint;
            today date;
            n bigint;
        BEGIN
            IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user) THEN
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END IF;
            quota := CASE WHEN pg_catalog.pg_has_role(session_user, '\(therapistGroup)', 'MEMBER')
                          THEN \(therapistWritesPerDay) ELSE \(patientWritesPerDay) END;
            today := public.clinic_today();
            INSERT INTO public.write_quota AS q (login, day, writes) VALUES (session_user, today, 1)
            ON CONFLICT (login) DO UPDATE
                SET writes = CASE WHEN q.day >= excluded.day THEN q.writes + 1 ELSE 1 END,
                    day = greatest(q.day, excluded.day)
            RETURNING writes INTO n;
            IF n > quota THEN
                RAISE EXCEPTION '\(quotaMessage): login % has written % rows on %, the most one login writes in a day; nothing of this change was saved, and the count starts again on the clinic''s next day',
                    session_user, quota, today USING ERRCODE = 'program_limit_exceeded';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
        REVOKE ALL ON FUNCTION count_write() FROM PUBLIC;
        """
        let triggers: [String] = quotaTables.map { (table: String) -> String in
            "CREATE OR REPLACE TRIGGER write_quota BEFORE INSERT OR UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION count_write();"
        }
        return ([count] + triggers).joined(separator: "\n")
    }
}
