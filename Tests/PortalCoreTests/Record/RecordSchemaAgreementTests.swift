import Foundation
import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The SQLite schema the migrations make agrees with the record map: the same tables, the same columns of the
/// same types, keys, parents and indexes, and every rule the same. The rules are compared by what they do:
/// each table of the map is made afresh (`SQLiteDialect.createTable`) beside the migrated one, and both are
/// given the same rows (`SchemaProbes`): values at and past every bound, of the wrong form, NULL, and every
/// combination a table-wide rule reads; each must accept and refuse exactly the same ones. The clinic's schema
/// is held to the same map by `ClinicSchemaAgreementTests`.
final class RecordSchemaAgreementTests: XCTestCase {
    func withMigratedDatabase(_ body: (Database) throws -> Void) throws {
        let store = try SQLiteStore.inMemory()
        try store.writer.writeWithoutTransaction { db in
            // The parents are not what is probed here (they are compared in the catalog below).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try body(db)
        }
    }

    func testTheMigratedTablesAreTheMapsTables() throws {
        try withMigratedDatabase { db in
            XCTAssertEqual(try Schema.tables(db), RecordPart.tables.map(\.name).sorted())
        }
    }

    func testEveryColumnKeyParentAndIndexIsTheMaps() throws {
        try withMigratedDatabase { db in
            for table in RecordPart.tables {
                let t = table.name
                let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", arguments: [t])
                var expected = table.sharedColumns.map { ($0.name, Self.type($0.kind), !$0.nullable) }
                if table.singleRow { expected.insert(("id", "INTEGER", false), at: 0) }
                XCTAssertEqual(info.map { $0["name"] as String }.sorted(), expected.map(\.0).sorted(), "\(t): its columns")
                for (name, type, notNull) in expected {
                    guard let row = info.first(where: { $0["name"] == name }) else { continue }
                    XCTAssertEqual(row["type"] as String, type, "\(t).\(name): its type")
                    if type != "INTEGER" || !(table.key == [name] || name == "id") {
                        XCTAssertEqual(row["notnull"] as Int == 1, notNull, "\(t).\(name): NULL allowed or not")
                    }
                }
                let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                XCTAssertEqual(key, table.singleRow ? ["id"] : table.key, "\(t): its key")
                let parents = try Row.fetchAll(db, sql: "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY seq",
                                               arguments: [t])
                if let parent = table.parent, let parentTable = RecordPart.table(named: parent.table) {
                    XCTAssertEqual(parents.map { $0["table"] as String }, Array(repeating: parent.table, count: parent.columns.count), "\(t): its parent")
                    XCTAssertEqual(parents.map { $0["from"] as String }, parent.columns, "\(t): the columns naming its parent")
                    XCTAssertEqual(parents.map { $0["to"] as String }, parentTable.key, "\(t): its parent's key")
                    XCTAssertTrue(parents.allSatisfy { $0["on_delete"] == "CASCADE" }, "\(t): deleted with its parent")
                } else {
                    XCTAssertEqual(parents.count, 0, "\(t) has no parent")
                }
                let indexes = try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name", arguments: [t])
                    .map { $0["name"] as String }
                XCTAssertEqual(indexes, table.indexes.map(\.name).sorted(), "\(t): its indexes")
                for index in table.indexes {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index.name])
                    XCTAssertEqual(columns, index.columns, "\(index.name): its columns")
                }
            }
        }
    }

    func testEveryRuleAcceptsAndRefusesWhatTheMapsDoes() throws {
        try withMigratedDatabase { db in
            var tried = 0
            for table in RecordPart.tables {
                let expected = "expected_\(table.name)"
                try db.execute(sql: SQLiteDialect.createTable(table, named: "temp.\(expected)", foreignKeys: false, indexes: false))
                let key: SchemaProbes.Row = table.singleRow ? [("id", .int(1))] : []
                let bases = SchemaProbes.bases(table).map { key + $0 }.filter { try! Self.accepts(db, expected, $0) }
                XCTAssertFalse(bases.isEmpty, "\(table.name): the map's table accepts a row")
                XCTAssertTrue(try Self.accepts(db, table.name, bases[0]), "\(table.name): the migrated table accepts \(bases[0])")
                for base in bases {
                    XCTAssertEqual(try Self.accepts(db, table.name, base), true, "\(table.name) accepts \(base)")
                    for column in table.sharedColumns {
                        for probe in SchemaProbes.probes(column) {
                            let row = SchemaProbes.with(base, column.name, probe.value)
                            let mapsTable = try Self.accepts(db, expected, row), migrated = try Self.accepts(db, table.name, row)
                            tried += 1
                            XCTAssertEqual(migrated, mapsTable, "\(table.name).\(column.name) = \(probe.value): the migrated table and the map's disagree")
                            // The map's table itself does what the rule says (a table-wide rule may refuse more;
                            // SQLite numbers an integer key left NULL itself).
                            let numbered = probe.value == .null && column.kind == .integer && table.key == [column.name]
                            if table.checks.allSatisfy({ !$0.columns.contains(column.name) }), !numbered {
                                if let fits = probe.fits { XCTAssertEqual(mapsTable, fits, "\(table.name).\(column.name) = \(probe.value): the rule made from the map") }
                            }
                        }
                    }
                }
            }
            XCTAssertGreaterThan(tried, 300)
        }
    }

    /// Whether `table` takes `row` (tried inside a savepoint, then undone).
    static func accepts(_ db: Database, _ table: String, _ row: SchemaProbes.Row) throws -> Bool {
        try db.execute(sql: "SAVEPOINT probe")
        defer { try? db.execute(sql: "ROLLBACK TO probe"); try? db.execute(sql: "RELEASE probe") }
        let sql = "INSERT INTO \(table) (\(row.map(\.0).joined(separator: ", "))) VALUES (\(row.map { _ in "?" }.joined(separator: ", ")))"
        do {
            try db.execute(sql: sql, arguments: StatementArguments(row.map { SQLiteDialect.argument($0.1) }))
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return false
        }
    }

    static func type(_ kind: RecordColumn.Kind) -> String {
        switch kind {
        case .generatedID, .reference, .integer: return "INTEGER"
        case .text, .date, .time, .dateTime, .jsonObject, .publication: return "TEXT"
        }
    }

    /// What to paste into a migration for a new table: the map's CREATE TABLE reads as intended.
    func testTheMapWritesTheCreateTableAMigrationPastesIn() {
        XCTAssertEqual(SQLiteDialect.createTable(SignReportMap.reports), """
            CREATE TABLE sign_report (
                id INTEGER PRIMARY KEY,
                date TEXT NOT NULL CHECK ((date(date, '+0 days') IS date)),
                time TEXT NOT NULL CHECK (length(time) = 5 AND time(time || ':00') IS time || ':00'),
                signs TEXT NOT NULL CHECK (length(signs) BETWEEN 1 AND 2000),
                note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
                utc_offset INTEGER CHECK (utc_offset BETWEEN -1080 AND 1080),
                entered INTEGER NOT NULL DEFAULT '0'
            );
            CREATE INDEX sign_report_by_date ON sign_report(date, time);
            CREATE INDEX sign_report_by_entered ON sign_report(entered);
            """)
    }
}
