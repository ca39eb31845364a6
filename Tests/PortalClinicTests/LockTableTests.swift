import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-d D4: a patient's login held `LOCK TABLE pain_entry, write_receipt IN ACCESS EXCLUSIVE MODE` (her own
/// `idle_in_transaction_session_timeout` SET to 0), which stopped every other patient's pain log and warning
/// signs and every caseload. PostgreSQL 15 lets a role LOCK a table in a mode above ROW EXCLUSIVE when it holds
/// UPDATE, DELETE or TRUNCATE on the whole table (a column's UPDATE does not count), so no login holds one: its
/// UPDATEs are by column, and it deletes through the functions made from the record map (`ClinicDeletes`),
/// which refuse what its rights do not reach. Every probe is sent as the real login.
final class LockTableTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// The modes that block others' writes or reads (and ROW SHARE, which blocks EXCLUSIVE: all need more than INSERT).
    static let blockingModes = ["ROW SHARE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]

    /// The SQLSTATE `sql` is refused with inside a transaction rolled back after it, nil when it ran.
    func refusedInTransaction(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?] = []) -> String? {
        defer { _ = try? db.query("ROLLBACK") }
        do {
            _ = try db.query("BEGIN")
            _ = try db.query(sql, params)
            return nil
        } catch let error as PGError {
            return error.sqlState ?? "\(error)"
        } catch {
            return "\(error)"
        }
    }

    func testNoLoginLocksATableAgainstEveryoneElse() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        // Every table of the clinic's schema (the record's, the accounts, the history, the receipts, the requests).
        let tables = try admin.query("""
            SELECT relname::text AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1
            """).rows.map { try $0.text("t") }
        XCTAssertTrue(tables.contains("pain_entry") && tables.contains("write_receipt") && tables.contains("program_request"), "\(tables)")
        // No login's group holds a privilege on a whole table that opens the blocking modes.
        let wide = try admin.query("""
            SELECT c.relname::text || ' ' || a.privilege_type || ' ' || r.rolname AS g
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
            WHERE c.relnamespace = 'public'::regnamespace AND r.rolname IN ('portal_patient', 'portal_therapist')
              AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
            """).rows.map { try $0.text("g") }
        XCTAssertEqual(wide, [], "table-level rights that let a login LOCK the table")

        var locked: [String] = []
        for (who, db) in [("patient", w.aSQL), ("therapist", try w.sql(w.t1))] {
            for table in tables {
                for mode in Self.blockingModes {
                    let code = refusedInTransaction(db, "LOCK TABLE \(table) IN \(mode) MODE")
                    if code != "42501" { locked.append("\(who) \(table) \(mode): \(code ?? "locked")") }
                }
            }
        }
        XCTAssertEqual(locked, [], "every blocking LOCK TABLE is refused to every login")

        // The attack as qa-d sent it: refused; meanwhile the other patient logs pain and a warning sign.
        _ = try w.aSQL.query("SET idle_in_transaction_session_timeout = 0")
        XCTAssertEqual(refusedInTransaction(w.aSQL, "LOCK TABLE pain_entry, write_receipt IN ACCESS EXCLUSIVE MODE"), "42501")

        // ROW EXCLUSIVE (what INSERT allows) conflicts only with SHARE and above, which only the administrator's
        // changes of the schema take: she holds it, and B's entries are saved all the same.
        _ = try w.aSQL.query("BEGIN")
        _ = try w.aSQL.query("LOCK TABLE pain_entry, sign_report IN ROW EXCLUSIVE MODE")
        let now = at("2026-11-27T12:00")
        XCTAssertNoThrow(try w.b.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3), now: now))
        XCTAssertNoThrow(try w.b.add(SignReport(date: day("2026-11-27"), time: time("08:05"), signs: ["severe-headache"]),
                                     rules: EntryRules(now: now, content: sharedContent)))
        _ = try w.aSQL.query("ROLLBACK")
    }

    /// The delete functions: one per table the map lets someone delete from, each made from the map's own delete
    /// entries; SECURITY DEFINER with a fixed search_path, owned by the keeper (no login, not a superuser), EXECUTE
    /// for the groups that may delete only. Her own rows go; another's never, nor by a term naming what the map
    /// has not; no login deletes with DELETE itself.
    func testDeletesGoThroughTheMapsFunctionsAndRefuseWhatTheRightsDoNotReach() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        let deleting = (RecordPart.tables + RecordPart.clinicOnlyTables).filter { $0.access.contains { $0.commands.contains(.delete) } }
        let functions = try admin.query("""
            SELECT p.proname::text AS f, p.prosecdef AS d, array_to_string(p.proconfig, ',') AS c, pg_get_userbyid(p.proowner)::text AS o,
                   has_function_privilege('public', p.oid, 'EXECUTE') AS anyone
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'record\\_delete\\_%' ORDER BY 1
            """).rows
        XCTAssertEqual(try functions.map { try $0.text("f") }, deleting.map { ClinicDeletes.function($0.name) }.sorted())
        for f in functions {
            let name = try f.text("f")
            XCTAssertEqual(try f.text("d"), "t", name)
            XCTAssertEqual(try f.text("c"), "search_path=pg_catalog, public, pg_temp", name)
            XCTAssertEqual(try f.text("o"), ClinicDeletes.keeper, name)
            XCTAssertEqual(try f.text("anyone"), "f", "\(name): not PUBLIC's")
        }
        let keeper = try XCTUnwrap(try admin.query("""
            SELECT rolcanlogin::text || rolsuper::text || rolbypassrls::text AS k,
                   (SELECT count(*) FROM pg_auth_members m WHERE m.roleid = r.oid)::text AS members FROM pg_roles r WHERE rolname = $1
            """, [ClinicDeletes.keeper]).rows.first)
        XCTAssertEqual(try keeper.text("k"), "falsefalsetrue", "no login, not a superuser; its function's condition is the guard")
        XCTAssertEqual(try keeper.text("members"), "0", "nobody acts as it")

        let t1 = try w.sql(w.t1), b = try w.sql(w.b.patientRole)
        let entry = try XCTUnwrap(try w.a.painEntries().first { $0.warningSigns.isEmpty }?.id)
        let terms = #"[{"c": "id", "op": "=", "v": "\#(entry)"}]"#
        func deleted(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?]) -> Int? {
            defer { _ = try? db.query("ROLLBACK") }
            do {
                _ = try db.query("BEGIN")
                return try db.query(sql, params).rows.first?.int("n")
            } catch { return nil }
        }
        let call = "SELECT public.record_delete_pain_site($1, $2::jsonb) + public.record_delete_pain_entry($1, $2::jsonb) AS n"
        // Not with DELETE itself, by anyone.
        for db in [w.aSQL, t1, b] {
            XCTAssertEqual(refusedInTransaction(db, "DELETE FROM pain_entry WHERE patient_id = $1", [w.a.patientID]), "42501")
        }
        // Her own entry, through the function.
        XCTAssertEqual(deleted(w.aSQL, "SELECT public.record_delete_pain_entry($1, $2::jsonb) AS n", [w.a.patientID, terms]), 1)
        // Another patient: her record named, nothing goes; her therapist may not call it (she only reads the diary).
        XCTAssertEqual(deleted(b, "SELECT public.record_delete_pain_entry($1, $2::jsonb) AS n", [w.a.patientID, terms]), 0)
        XCTAssertEqual(deleted(b, "SELECT public.record_delete_pain_entry($1, '[]'::jsonb) AS n", [w.a.patientID]), 0)
        XCTAssertEqual(refusedInTransaction(t1, "SELECT public.record_delete_pain_entry($1, $2::jsonb)", [w.a.patientID, terms]), "42501")
        XCTAssertNil(deleted(t1, call, [w.a.patientID, terms]))
        // A term the map does not have, an operator it does not take, a column written as SQL: refused.
        for bad in [#"[{"c": "note", "op": "=", "v": "x"}, {"c": "nope", "op": "=", "v": "1"}]"#,
                    #"[{"c": "id", "op": "<> 0 OR true OR id =", "v": "1"}]"#,
                    #"[{"c": "id = id OR true OR id", "op": "=", "v": "1"}]"#, #"{"c": "id"}"#] {
            XCTAssertEqual(refusedInTransaction(w.aSQL, "SELECT public.record_delete_pain_entry($1, $2::jsonb)", [w.a.patientID, bad]), "22023", bad)
        }
        // A warning sign she reported stays (the map gives her no delete on sign_report: no function at all), and
        // a pain entry that reported signs stays too (the function keeps the map's `only`).
        XCTAssertEqual(refusedInTransaction(w.aSQL, "SELECT public.record_delete_sign_report($1, '[]'::jsonb)", [w.a.patientID]), "42883")
        _ = try w.aSQL.query("""
            INSERT INTO pain_entry (patient_id, id, date, time, score, warning_signs, note) VALUES ($1, 0, '2026-11-26', '09:00', 9, 'severe-headache', '')
            """, [w.a.patientID])
        XCTAssertEqual(deleted(w.aSQL, "SELECT public.record_delete_pain_entry($1, '[{\"c\": \"warning_signs\", \"op\": \"=\", \"v\": \"severe-headache\"}]'::jsonb) AS n",
                               [w.a.patientID]), 0)
        // Her therapist drops a draft week of her caseload's through its function, never a published one, and
        // never another caseload's.
        let t2 = try w.sql(w.t2)
        _ = try t1.query("INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')",
                         [w.a.patientID])
        let published = try XCTUnwrap(try w.a.program().weeks.first?.number)
        let week = { (n: Int) in #"[{"c": "number", "op": "=", "v": "\#(n)"}]"# }
        XCTAssertEqual(deleted(t2, "SELECT public.record_delete_program_week($1, $2::jsonb) AS n", [w.a.patientID, week(40)]), 0)
        XCTAssertEqual(deleted(t1, "SELECT public.record_delete_program_week($1, $2::jsonb) AS n", [w.a.patientID, week(published)]), 0)
        XCTAssertEqual(deleted(t1, "SELECT public.record_delete_program_week($1, $2::jsonb) AS n", [w.a.patientID, week(40)]), 1)
        XCTAssertEqual(deleted(t1, #"SELECT public.record_delete_program_week($1, '[{"op": "unpublished"}]'::jsonb) AS n"#, [w.a.patientID]), 1)
        XCTAssertEqual(refusedInTransaction(w.aSQL, "SELECT public.record_delete_program_week($1, $2::jsonb)", [w.a.patientID, week(published)]), "42501")
        // The history names the login that deleted, not the keeper.
        XCTAssertEqual(try w.aSQL.transaction { try $0.query("SELECT public.record_delete_pain_entry($1, $2::jsonb) AS n", [w.a.patientID, terms]) }
            .rows.first?.int("n"), 1)
        XCTAssertEqual(try admin.query("""
            SELECT who FROM clinical_history WHERE op = 'DELETE' AND table_name = 'pain_entry' AND patient_id = $1 ORDER BY at DESC LIMIT 1
            """, [w.a.patientID]).rows.first?.text("who"), w.a.patientRole)
    }
}
