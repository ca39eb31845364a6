import Foundation
import PortalCore

/// Deleting a row of the record on a clinic's server: no login holds a DELETE (nor an UPDATE) on a whole table,
/// because PostgreSQL lets whoever holds one `LOCK TABLE` in any mode, and a patient's login held `pain_entry`
/// and `write_receipt` in ACCESS EXCLUSIVE mode for as long as she liked, which stopped every other patient's
/// pain log and warning signs and every caseload (qa-d D4; PostgreSQL 15's `LockTableAclCheck` asks for
/// UPDATE, DELETE or TRUNCATE on the table itself, and a column's UPDATE does not count). A login deletes
/// through the table's function instead, `record_delete_<table>(patient, terms)`, made from the same entries of
/// the record map (`Access` with `.delete`) that made the DELETE policies before, after every migration:
///
/// - It deletes the rows of record `patient` that the terms name (`[{"c": column, "op": "=" | ">=" | "<=", "v":
///   text}, {"op": "unpublished"}]`: a column of the map, its value cast by the column's kind, bound, never
///   written into the statement) and that the login may delete: for each group the login is a member of, its
///   entries' rows (whose they are, with the login in place of `current_user`; published, drafts, upcoming,
///   `only`), and rows it may read, as the server asked of a DELETE under row-level security. So it refuses what
///   the policies refused: another patient's row, another caseload's, a published week to her therapist.
/// - The login is `session_user`: the function runs as its owner, and a login cannot change who it logged in as.
/// - It runs as `portal_record_keeper`, a role nobody logs in as or is a member of, which holds the table's
///   DELETE and SELECT and skips row-level security (the function's own condition is the guard); not a
///   superuser, so the tables' triggers still hold it to what they hold a login to (a published week is never
///   deleted; `current_setting('is_superuser')` is off), and the history still names the login.
/// - `search_path` is fixed (the catalog, then `public`, which no login may create in, then `pg_temp` last);
///   EXECUTE is revoked from PUBLIC and granted to the groups whose entries delete from the table.
///
/// The administrator (a superuser) deletes with DELETE itself (`PostgresDialect.direct`).
public enum ClinicDeletes {
    /// The role that owns the functions.
    public static let keeper = "portal_record_keeper"

    /// The function that deletes from `table`.
    public static func function(_ table: String) -> String { "record_delete_\(table)" }

    /// A term of the rows to delete, as the function reads it.
    struct Term: Encodable {
        var c: String?
        var op: String
        var v: String?
    }

    /// `filter` as the function's terms; nil for a filter it does not take (a parent's rows: no delete names one).
    static func terms(_ filter: RowFilter) -> [Term]? {
        switch filter {
        case .all: return []
        case .unpublished: return [Term(c: nil, op: "unpublished", v: nil)]
        case .equal(let c, let v): return [Term(c: c, op: "=", v: text(v))]
        case .atLeast(let c, let v): return [Term(c: c, op: ">=", v: text(v))]
        case .atMost(let c, let v): return [Term(c: c, op: "<=", v: text(v))]
        case .and(let filters):
            var all: [Term] = []
            for f in filters {
                guard let t = terms(f) else { return nil }
                all += t
            }
            return all
        case .parent: return nil
        }
    }

    private static func text(_ value: StoredValue) -> String? {
        switch value {
        case .int(let i): return String(i)
        case .text(let s): return s
        case .null: return nil
        }
    }

    /// The terms as the JSON the function takes.
    static func json(_ terms: [Term]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(terms), as: UTF8.self)) ?? "[]"
    }

    /// The role, made (or put back as it must be) by every migration before the tables' scripts.
    static let keeperRole = """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(keeper)') THEN
            CREATE ROLE \(keeper) NOLOGIN;
        END IF;
    END $$;
    ALTER ROLE \(keeper) NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT BYPASSRLS CONNECTION LIMIT 0;
    GRANT EXECUTE ON FUNCTION public.clinic_now() TO \(keeper);
    -- Which group the login is in (closed to PUBLIC by `metadataLockdown`).
    GRANT EXECUTE ON FUNCTION pg_catalog.pg_has_role(name, name, text) TO \(keeper);
    """

    /// The clinic's own tables outside the map, after every migration (each was granted DELETE by its numbered
    /// change, 7 and 12, which this takes back):
    /// - `write_receipt`: a login drops its own receipts older than a week with `write_receipt_prune()`.
    /// - `program_request`: her therapist no longer deletes her request (qa-d D25: a DELETE took the caseload's
    ///   "new program suggested" away unanswered); publishing a week answers it, or changing a published week
    ///   before it starts (`program_week_answers_request`, a trigger whose function runs as the keeper).
    static let outsideTheMap = """
    REVOKE DELETE ON write_receipt FROM portal_patient, portal_therapist;
    CREATE OR REPLACE FUNCTION public.write_receipt_prune() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        DELETE FROM public.write_receipt WHERE role_name = session_user AND made_at < now() - interval '7 days'
    $$;
    ALTER FUNCTION public.write_receipt_prune() OWNER TO \(keeper);
    REVOKE ALL ON FUNCTION public.write_receipt_prune() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION public.write_receipt_prune() TO portal_patient, portal_therapist;
    GRANT SELECT, DELETE ON write_receipt TO \(keeper);

    DROP POLICY IF EXISTS therapist_answers ON program_request;
    REVOKE DELETE ON program_request FROM portal_patient, portal_therapist;
    CREATE OR REPLACE FUNCTION public.program_week_answers_request() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        DELETE FROM public.program_request WHERE patient_id = NEW.patient_id;
        RETURN NULL;
    END $$;
    ALTER FUNCTION public.program_week_answers_request() OWNER TO \(keeper);
    REVOKE ALL ON FUNCTION public.program_week_answers_request() FROM PUBLIC;
    GRANT SELECT, DELETE ON program_request TO \(keeper);
    CREATE OR REPLACE TRIGGER program_week_answers_request AFTER INSERT OR UPDATE ON program_week
        FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION public.program_week_answers_request();
    """

    /// The delete function of `table` made from its entries, or dropped when no entry deletes.
    static func function(for table: RecordTable) -> String {
        let t = table.name, fn = "public.\(function(t))", name = fn + "(bigint, jsonb)"
        let deletes = table.access.filter { $0.commands.contains(.delete) }
        guard !deletes.isEmpty else { return "DROP FUNCTION IF EXISTS \(name);" }
        let roles = Access.Role.allCases.filter { role in deletes.contains { $0.role == role } }
        // For each group: one of its delete entries reaches the row, and one of its read entries (a DELETE under
        // row-level security also took the SELECT policies of the rows it reads). `$2` is the login.
        let rule = roles.map { role -> String in
            let any = { (entries: [Access]) -> String in
                let mine = entries.filter { $0.role == role }.map { "(" + ClinicSecurity.condition($0, table, who: "$2") + ")" }
                return mine.isEmpty ? "false" : mine.joined(separator: " OR ")
            }
            return "(pg_has_role($2::name, '\(ClinicSecurity.group(role))'::name, 'MEMBER') AND (\(any(deletes))) AND (\(any(table.access.filter { $0.commands.contains(.select) }))))"
        }.joined(separator: " OR ")
        let kinds = table.columns.map { c -> String in
            let cast = PostgresDialect.cast(c.kind).replacingOccurrences(of: "::", with: "")
            return "WHEN '\(c.name)' THEN '\(cast.isEmpty ? "text" : cast)'"
        }.joined(separator: " ")
        let unpublished = table.columns.first { $0.kind == .publication }.map { "\($0.name) IS NULL" } ?? "false"
        let groups = roles.map { ClinicSecurity.group($0) }.joined(separator: ", ")
        return """
        CREATE OR REPLACE FUNCTION \(fn)(p_patient bigint, p_terms jsonb) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
        DECLARE
            login text := session_user;
            term jsonb;
            kind text;
            op text;
            vals text[] := '{}';
            narrowed text := '';
            n integer;
        BEGIN
            IF jsonb_typeof(p_terms) IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'the rows to delete are a list of terms' USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR term IN SELECT value FROM jsonb_array_elements(p_terms) LOOP
                op := term->>'op';
                IF op = 'unpublished' THEN
                    narrowed := narrowed || ' AND \(unpublished)';
                    CONTINUE;
                END IF;
                kind := CASE term->>'c' \(kinds) END;
                IF kind IS NULL OR op IS NULL OR op NOT IN ('=', '>=', '<=') THEN
                    RAISE EXCEPTION 'not a term of \(t): %', term USING ERRCODE = 'invalid_parameter_value';
                END IF;
                vals := vals || (term->>'v');
                narrowed := narrowed || format(' AND %I %s ($3)[%s]::%s', term->>'c', op, cardinality(vals), kind);
            END LOOP;
            EXECUTE $sql$DELETE FROM public.\(t) WHERE \(t).patient_id = $1 AND (\(rule))$sql$ || narrowed
                USING p_patient, login, vals;
            GET DIAGNOSTICS n = ROW_COUNT;
            RETURN n;
        END $fn$;
        ALTER FUNCTION \(name) OWNER TO \(keeper);
        REVOKE ALL ON FUNCTION \(name) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION \(name) TO \(groups);
        """
    }

    /// What the keeper needs to run the function of `table` (after every table's script, each of which revokes
    /// all from it first): its DELETE, and reading what the condition reads (the table, the accounts, its parent:
    /// a prescription's week). Nothing for a table no entry deletes from.
    static func keeperGrants(for table: RecordTable) -> String? {
        guard table.access.contains(where: { $0.commands.contains(.delete) }) else { return nil }
        let read = [table.name, "patient_account"] + [table.parent?.table].compactMap { $0 }
        return "GRANT DELETE ON \(table.name) TO \(keeper);\nGRANT SELECT ON \(read.joined(separator: ", ")) TO \(keeper);"
    }
}
