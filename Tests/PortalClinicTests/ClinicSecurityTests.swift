import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import XCTest

/// The clinic's rights on the record's tables are the record map's, table by table (`ClinicSecurity`, made from
/// `RecordPart.tables` and each table's `access` after every migration): a table added to the map is checked
/// here at once. What each right lets a patient or therapist do is tried as the real roles in
/// `RowLevelSecurityTests`; this holds the catalog to the map.
final class ClinicSecurityTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testEveryTableOfTheMapHasTheMapsPoliciesAndGrants() throws {
        let db = try PGConnection(try Self.cluster.get().conninfo("postgres"))
        for table in RecordPart.tables + RecordPart.clinicOnlyTables {
            let t = table.name
            let security = try XCTUnwrap(try db.query("SELECT relrowsecurity::text AS r, relforcerowsecurity::text AS f FROM pg_class WHERE oid = $1::regclass",
                                                      ["public.\(t)"]).rows.first)
            XCTAssertEqual(try security.text("r"), "true", "\(t): row-level security on")
            XCTAssertEqual(try security.text("f"), "true", "\(t): and forced, for its owner too")

            // One policy per role and command the map names, and no other; none for a DELETE, which no login
            // holds (it would let her LOCK the table against everyone, qa-d D4): the table's function is made
            // from those entries instead.
            let policies = try db.query("SELECT cmd::text AS c, array_to_string(roles, ',') AS r FROM pg_policies WHERE schemaname = 'public' AND tablename = $1",
                                        [t]).rows.map { "\(try $0.text("r")) \(try $0.text("c"))" }.sorted()
            let expected = table.access.flatMap { a in a.commands.filter { $0 != .delete }.map { "\(ClinicSecurity.group(a.role)) \($0.rawValue.uppercased())" } }.sorted()
            XCTAssertEqual(policies, expected, "\(t): the map's policies")

            for role in [Access.Role.patient, .therapist] {
                let group = ClinicSecurity.group(role)
                let commands = Set(table.access.filter { $0.role == role }.flatMap(\.commands))
                // An UPDATE is granted column by column: the columns the map's access names, or the map's own,
                // never `patient_id` nor a row's id.
                let updatable = try db.query("""
                    SELECT attname::text AS c FROM pg_attribute
                    WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND has_column_privilege($2, attrelid, attnum, 'UPDATE')
                    ORDER BY attname
                    """, ["public.\(t)", group]).rows.map { try $0.text("c") }
                let settable = table.access.filter { $0.role == role && $0.commands.contains(.update) }
                    .flatMap { $0.columns ?? table.columns.filter { $0.kind != .generatedID }.map(\.name) }
                XCTAssertEqual(updatable, Array(Set(settable)).sorted(), "\(t): the columns \(group) may update")
                XCTAssertFalse(updatable.contains("patient_id"), "\(t): nobody moves a row to another record")
                for command in ["INSERT", "DELETE", "UPDATE", "TRUNCATE"] {
                    let granted = try db.query("SELECT has_table_privilege($1, $2, $3)::text AS g", [group, "public.\(t)", command])
                        .rows.first?.text("g")
                    XCTAssertEqual(granted, command == "INSERT" && commands.contains(.insert) ? "true" : "false", "\(t): \(group) \(command) on the whole table")
                }
                // Deleting is calling the table's function, for the groups whose entries delete.
                let deletes = try db.query("""
                    SELECT coalesce((SELECT has_function_privilege($1, p.oid, 'EXECUTE') FROM pg_proc p
                                     WHERE p.pronamespace = 'public'::regnamespace AND p.proname = $2), false)::text AS g
                    """, [group, ClinicDeletes.function(t)]).rows.first?.text("g")
                XCTAssertEqual(deletes, commands.contains(.delete) ? "true" : "false", "\(t): \(group) deletes through its function")
                // Reading is granted column by column, the map's columns and the record's id, never the table
                // (whose system columns tell how much others wrote).
                let whole = try db.query("SELECT has_table_privilege($1, $2, 'SELECT')::text AS g", [group, "public.\(t)"]).rows.first?.text("g")
                XCTAssertEqual(whole, "false", "\(t): \(group) reads no whole table")
                let readable = try db.query("""
                    SELECT attname::text AS c FROM pg_attribute
                    WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND has_column_privilege($2, attrelid, attnum, 'SELECT')
                    ORDER BY attname
                    """, ["public.\(t)", group]).rows.map { try $0.text("c") }
                XCTAssertEqual(readable, commands.contains(.select) ? (["patient_id"] + table.columns.map(\.name)).sorted() : [],
                               "\(t): the columns \(group) reads")
                let system = try db.query("""
                    SELECT count(*) AS n FROM pg_attribute
                    WHERE attrelid = $1::regclass AND attnum < 0 AND has_column_privilege($2, attrelid, attnum, 'SELECT')
                    """, ["public.\(t)", group]).rows.first?.int("n")
                XCTAssertEqual(system, 0, "\(t): \(group) reads no system column")
            }
        }
    }
}
