import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The clinic's schema, as its migrations make it, agrees with the record map, as SQLite's does
/// (`RecordSchemaAgreementTests`): each table of the map is made afresh as a temporary table
/// (`PostgresDialect.createTable`) beside the migrated one, and PostgreSQL itself compares their columns, keys,
/// parents and indexes, then both are given the same rows (`SchemaProbes`) and must accept and refuse the same.
/// Both stores number their migrations alike.
final class ClinicSchemaAgreementTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// Runs `body` as the administrator in a transaction that is undone, with the parents' checks and the
    /// triggers off (`session_replication_role`): rows are probed one table at a time.
    func probing(_ body: (PGConnection) throws -> Void) throws {
        let db = try PGConnection(try Self.cluster.get().conninfo("postgres"))
        struct Undo: Error {}
        do {
            try db.transaction { db in
                try db.query("SET LOCAL session_replication_role = replica")
                try body(db)
                throw Undo()
            }
        } catch is Undo {}
    }

    func testTheMigratedRecordTablesAreTheMaps() throws {
        try probing { db in
            let tables = try db.query("""
                SELECT c.table_name::text AS t FROM information_schema.columns c
                JOIN information_schema.tables t USING (table_schema, table_name)
                WHERE c.table_schema = 'public' AND c.column_name = 'patient_id' AND t.table_type = 'BASE TABLE'
                  AND c.table_name <> 'patient_account' AND c.table_name <> ALL (string_to_array($1, ',')) ORDER BY 1
                """, [ClinicHistory.clinicTables.joined(separator: ",")]).rows.map { try $0.text("t") }
            XCTAssertEqual(tables, (RecordPart.tables + RecordPart.clinicOnlyTables).map(\.name).sorted())
        }
    }

    func testEveryColumnKeyParentAndIndexIsTheMaps() throws {
        try probing { db in
            for table in RecordPart.tables + RecordPart.clinicOnlyTables {
                let t = table.name, expected = "expected_\(t)"
                // A temporary table cannot name a parent in the database: the parent is compared as the map writes it.
                try db.script(PostgresDialect.createTable(table, named: expected, foreignKeys: false, temporary: true))
                func columns(_ relation: String) throws -> [String] {
                    try db.query("""
                        SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END
                               || CASE WHEN attidentity <> '' THEN ' IDENTITY' ELSE '' END AS c
                        FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname
                        """, [relation]).rows.map { try $0.text("c") }
                }
                XCTAssertEqual(try columns("public.\(t)"), try columns("pg_temp.\(expected)"), "\(t): its columns")
                func constraints(_ relation: String, _ types: String) throws -> [String] {
                    try db.query("""
                        SELECT pg_get_constraintdef(oid) AS c FROM pg_constraint
                        WHERE conrelid = $1::regclass AND strpos($2, contype::text) > 0 ORDER BY 1
                        """, [relation, types]).rows.map { try $0.text("c") }
                }
                XCTAssertEqual(try constraints("public.\(t)", "pu"), try constraints("pg_temp.\(expected)", "pu"), "\(t): its key and unique columns")
                let parent = table.parent.flatMap { p in RecordPart.table(named: p.table).map { (p, $0) } }
                // Change 28 (qa-f F13): a logged exercise session keeps its prescription (RESTRICT, not CASCADE), and a
                // prescription names an exercise of the library (`exercise_library`, filled by `clinic init`).
                let onDelete = t == "exercise_session" ? "RESTRICT" : "CASCADE"
                let reference = parent.map { p, parentTable in
                    "FOREIGN KEY (" + (["patient_id"] + p.columns).joined(separator: ", ") + ") REFERENCES \(parentTable.name)("
                        + (["patient_id"] + parentTable.key).joined(separator: ", ") + ") ON DELETE \(onDelete)"
                } ?? "FOREIGN KEY (patient_id) REFERENCES patient_account(patient_id) ON DELETE CASCADE"
                let library = t == "prescription" ? ["FOREIGN KEY (exercise_id) REFERENCES exercise_library(id) NOT VALID"] : []
                XCTAssertEqual(try constraints("public.\(t)", "f"), (library + [reference]).sorted(), "\(t): its parent")
                func indexes(_ relation: String, _ name: String) throws -> [String] {
                    try db.query("""
                        SELECT regexp_replace(pg_get_indexdef(indexrelid), ' ON \\S+ ', ' ON t ') AS d FROM pg_index i
                        JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE indrelid = $1::regclass AND NOT indisprimary AND NOT indisunique ORDER BY 1
                        """, [relation]).rows.map { try $0.text("d") }
                }
                XCTAssertEqual(try indexes("public.\(t)", t), try indexes("pg_temp.\(expected)", expected), "\(t): its indexes")
                let triggers = try db.query("SELECT tgname::text AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal",
                                            ["public.\(t)"]).rows.map { try $0.text("n") }
                XCTAssertEqual(triggers.contains("record_next_id"), table.generatedID != nil,
                               "\(t): a table whose rows the store numbers numbers them within the record (clinic change 10)")
            }
        }
    }

    func testEveryRuleAcceptsAndRefusesWhatTheMapsDoes() throws {
        try probing { db in
            var tried = 0
            for table in RecordPart.tables + RecordPart.clinicOnlyTables {
                let expected = "expected_\(table.name)"
                try db.script(PostgresDialect.createTable(table, named: expected, foreignKeys: false, indexes: false, temporary: true))
                // The record's id, and the row's own id where the table numbers its rows: the trigger that numbers
                // them (clinic change 10) is off while probing, and the map's copy has none.
                let record: SchemaProbes.Row = [("patient_id", .int(-1))] + (table.generatedID.map { [($0.name, .int(1))] } ?? [])
                let bases = SchemaProbes.bases(table).map { record + $0 }.filter { (try? Self.accepts(db, table, expected, $0)) == true }
                XCTAssertFalse(bases.isEmpty, "\(table.name): the map's table accepts a row")
                for base in bases {
                    XCTAssertTrue(try Self.accepts(db, table, table.name, base), "\(table.name) accepts \(base)")
                    for column in table.sharedColumns {
                        for probe in SchemaProbes.probes(column) {
                            let row = SchemaProbes.with(base, column.name, probe.value)
                            let mapsTable = try Self.accepts(db, table, expected, row), migrated = try Self.accepts(db, table, table.name, row)
                            tried += 1
                            XCTAssertEqual(migrated, mapsTable, "\(table.name).\(column.name) = \(probe.value): the migrated table and the map's disagree")
                            if table.checks.allSatisfy({ !$0.columns.contains(column.name) }) {
                                if let fits = probe.fits { XCTAssertEqual(mapsTable, fits, "\(table.name).\(column.name) = \(probe.value): the rule made from the map") }
                            }
                        }
                    }
                }
            }
            XCTAssertGreaterThan(tried, 300)
        }
    }

    /// Whether `relation` (the migrated table or the map's copy of `table`) takes `row`, tried in a savepoint.
    static func accepts(_ db: PGConnection, _ table: RecordTable, _ relation: String, _ row: SchemaProbes.Row) throws -> Bool {
        try db.query("SAVEPOINT probe")
        var params: [(any PGParam)?] = []
        let values = row.map { name, value -> String in
            switch value {
            case .int(let i): params.append(i)
            case .text(let s): params.append(s)
            case .null: params.append(nil)
            }
            return "$\(params.count)" + (table.column(name).map { PostgresDialect.cast($0.kind) } ?? "")
        }
        do {
            try db.query("INSERT INTO \(relation) (\(row.map(\.0).joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))", params)
            try db.query("ROLLBACK TO SAVEPOINT probe")
            return true
        } catch {
            try db.query("ROLLBACK TO SAVEPOINT probe")
            return false
        }
    }

    /// One number per change in both stores from 6 on: every SQLite migration's number is the clinic's, in the
    /// same order (the clinic may have numbers of its own, which SQLite skips).
    func testBothStoresNumberTheirMigrationsAlike() {
        let sqlite = Schema.migrator.migrations.compactMap { name -> Int? in
            guard name.hasPrefix("v"), let n = Int(name.dropFirst()) else { return nil }
            return n
        }
        XCTAssertEqual(sqlite.count, Schema.migrator.migrations.count, "every SQLite migration is named v + its number")
        XCTAssertEqual(sqlite, sqlite.sorted(), "in order")
        let clinic = ClinicSchema.migrations.map(\.0)
        XCTAssertEqual(clinic, clinic.sorted(), "in order")
        XCTAssertEqual(sqlite.filter { $0 >= 6 }.filter { !clinic.contains($0) }, [], "every SQLite change from 6 on has the clinic's number")
        XCTAssertEqual(sqlite.max(), clinic.filter { sqlite.contains($0) }.max(), "the latest change of the record is in both")
    }

    /// A shipped migration never changes: a database made by it must mean the same to every later version.
    func testTheShippedMigrationsArePinned() {
        func fingerprint(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16)
        }
        // A new migration adds its fingerprint here (the failure prints it).
        let pinned: [Int: String] = [1: "f5dcf0bb6a7b9b82", 2: "999f334c9c4d79d3", 3: "b9218c1d4bd1d3e6", 4: "65cc1049a6ba54e5",
                                     5: "9688a795ad8fe653", 6: "cd70f5f0f7f3c39c", 7: "a14ab5609e90d625", 8: "9c61f78b2cf9b723", 9: "78c3e98bd0a79de",
                                     10: "61ada784a4cebca3", 11: "4d73a218e087e7e2", 12: "27eed1b4f07c74d9",
                                     13: "e5d3f20a1e211507", 14: "beddc34ea3273ed6", 15: "5cdd9e1dad673a70", 16: "b737c97b4a984cde",
                                     17: "8d048fcf248edc3a", 18: "24f7d9c98706977d", 19: "f0ab74638ad8d33c", 20: "f7fdd3af509eebed",
                                     21: "35deda5ef8b17f89", 23: "2185e9b4b5e2aa96", 25: "4258110b4e062d74",
                                     26: "605778decd5c07f", 28: "41dbbf83b9ad21f2", 29: "65fee074fada5d39", 30: "ec0b459de534a0b4",
                                     31: "3d67aad4423634a1", 32: "b002b5fdef65a49d"]
        for (version, sql) in ClinicSchema.migrations {
            XCTAssertEqual(fingerprint(sql), pinned[version], "clinic migration \(version) changed: a change belongs in a new migration")
            XCTAssertFalse(sql.contains("\\("), "no interpolation")
        }
    }

    /// A week's days are its own (`Program.startWindow`): one SQL test, made from its constant, serves both
    /// triggers that hold a published week's start (moving an upcoming week; publishing a new one), rather than a
    /// copy in each that could drift.
    func testOneTestOfAWeeksOwnDaysServesBothGuards() {
        XCTAssertTrue(ClinicSchema.startedWeeks.contains(ClinicSchema.weekDaysOwn), "moving an upcoming week")
        XCTAssertTrue(ClinicSchema.publication.contains(ClinicSchema.weekDaysOwn), "publishing a new week")
        let rest = ClinicSchema.guards.replacingOccurrences(of: ClinicSchema.weekDaysOwn, with: "")
        XCTAssertFalse(rest.contains("starts + \(Program.minimumWeekDays)"), "no other copy of the rule:\n\(rest)")
    }

    /// What to paste into a clinic migration for a new table reads as intended.
    func testTheMapWritesTheCreateTableAMigrationPastesIn() {
        XCTAssertEqual(PostgresDialect.createTable(SignReportMap.reports), """
            CREATE TABLE sign_report (
                patient_id bigint NOT NULL REFERENCES patient_account(patient_id) ON DELETE CASCADE,
                id bigint NOT NULL,
                date date NOT NULL,
                time time(0) without time zone NOT NULL CHECK (date_trunc('minute', time) = time),
                signs text NOT NULL CHECK (length(signs) BETWEEN 1 AND 2000),
                note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
                utc_offset integer CHECK (utc_offset BETWEEN -1080 AND 1080),
                entered integer NOT NULL DEFAULT '0',
                PRIMARY KEY (patient_id, id)
            );
            CREATE INDEX sign_report_by_date ON sign_report(patient_id, date, time);
            CREATE INDEX sign_report_by_entered ON sign_report(patient_id, entered);
            CREATE TRIGGER record_next_id BEFORE INSERT ON sign_report FOR EACH ROW EXECUTE FUNCTION record_next_id();
            """)
    }
}
