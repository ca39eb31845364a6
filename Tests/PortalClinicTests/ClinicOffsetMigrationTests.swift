import ClinicTestSupport
import Foundation
@testable import PortalClinic
import XCTest
@testable import PortalCore

/// Issue 19, point 9, in the clinic: v8 gives the entries saved before it the offset from UTC their date and
/// time have in the server's zone (the session's TimeZone when the administrator migrates), by the portal's
/// own rule for a repeated or skipped time.
final class ClinicOffsetMigrationTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testOldEntriesGetTheOffsetOfTheirTimeInTheServersZone() throws {
        let c = try Self.cluster.get()
        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v5")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v5"))
        try ClinicSchema.migrate(db, upTo: 5)
        XCTAssertEqual(try ClinicSchema.version(db), 5)
        try db.execute("INSERT INTO patient_account (role_name) VALUES ('old')")
        let rows = [("2026-01-15", "08:00"), ("2026-07-15", "08:00"), ("2026-11-01", "01:30"), ("2027-03-14", "02:30")]
        for (date, time) in rows {
            try db.execute("INSERT INTO pain_entry (patient_id, date, time, score) SELECT patient_id, $1::date, $2::time, 4 FROM patient_account",
                           [date, time])
        }
        try db.execute("INSERT INTO sign_report (patient_id, date, time, signs) SELECT patient_id, '2026-07-15', '09:00', 'fever' FROM patient_account")

        try db.executeAlone("SET TimeZone = 'America/New_York'")
        try ClinicSchema.migrate(db)
        XCTAssertEqual(try ClinicSchema.version(db), ClinicSchema.latestVersion)
        let offsets = try db.query("SELECT utc_offset FROM pain_entry ORDER BY date").rows.map { try $0.int("utc_offset") }
        // Winter, summer, the repeated hour (the first of the two) and a skipped time (the offset before the change),
        // as the SQLite migration and the portal's own rule (`LocalZone`) give them.
        XCTAssertEqual(offsets, [-300, -240, -240, -300])
        let zone = LocalZone(TimeZone(identifier: "America/New_York")!)
        XCTAssertEqual(offsets, rows.map { zone.storedOffsetMinutes(at: LocalDateTime("\($0.0)T\($0.1)")!) })
        XCTAssertEqual(try db.query("SELECT utc_offset FROM sign_report").rows.map { try $0.int("utc_offset") }, [-240])
    }

    /// `clinic init` waits for no open transaction for long: every table it changes it locks alone, and while it
    /// waits every login that reads the table queues behind it. A session holding a table (as a transaction left
    /// open in psql does) makes it give up after its lock timeout, saying so, with nothing changed; once that
    /// session ends it runs. (The administrator's own statement timeout, 30 s here, would end the wait otherwise,
    /// with another message.)
    func testAMigrationGivesUpOnATableAnOpenTransactionHoldsAndSaysSo() throws {
        let c = try Self.cluster.get()
        try ClinicSchema.migrate(try PGConnection(c.conninfo("postgres")))
        let holder = try PGConnection(c.conninfo("postgres"))
        try holder.executeAlone("BEGIN")
        try holder.executeAlone("LOCK TABLE pain_entry IN ACCESS SHARE MODE")
        defer { try? holder.executeAlone("ROLLBACK") }
        let admin = try PGConnection(c.conninfo("postgres"))
        try admin.executeAlone("SET statement_timeout = '30s'")
        let policies = "SELECT count(*) AS n FROM pg_policies"
        let before = try admin.query(policies).rows.first?.int("n")
        XCTAssertThrowsError(try ClinicAdmin(connection: admin).initialise()) {
            let said = "\($0)"
            XCTAssertTrue(said.contains("held the clinic's tables for more than \(ClinicSchema.migrationLockTimeout) seconds"), said)
            XCTAssertTrue(said.contains("nothing was changed"), said)
            XCTAssertTrue(said.contains("pg_stat_activity"), "how to find the session: \(said)")
        }
        XCTAssertThrowsError(try ClinicSchema.migrate(admin, lockTimeout: 1)) {
            XCTAssertTrue("\($0)".contains("for more than 1 second (most often"), "\($0)")
        }
        XCTAssertEqual(try admin.query(policies).rows.first?.int("n"), before, "nothing was changed")
        try holder.executeAlone("ROLLBACK")
        XCTAssertNoThrow(try ClinicSchema.migrate(admin, lockTimeout: 1), "the session ended: it runs")
    }

    /// A migration stopped short of the latest leaves no table of the record open without its policies: every
    /// one made so far has row-level security, forced, and no grant to the portal's groups until the migration
    /// to the latest makes the map's rules (change 11's diaries, made at 11, have none of theirs at 12).
    func testAMigrationStoppedShortLeavesNoRecordTableWithoutItsRules() throws {
        let c = try Self.cluster.get()
        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v12")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v12"))
        try ClinicSchema.migrate(db, upTo: 12)
        let tables = (RecordPart.tables + RecordPart.clinicOnlyTables).map(\.name)
        let rows = try db.query("""
            SELECT c.relname::text AS t, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                has_table_privilege('portal_patient', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS patient,
                has_table_privilege('portal_therapist', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS therapist
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname::text = ANY($1::text[])
            """, ["{" + tables.joined(separator: ",") + "}"]).rows
        XCTAssertTrue(try rows.contains { try $0.text("t") == "bladder_event" }, "change 11's tables are there")
        for row in rows {
            let t = try row.text("t")
            XCTAssertEqual(try [row.text("rls"), row.text("forced"), row.text("patient"), row.text("therapist")], ["t", "t", "f", "f"],
                           "\(t): security on and forced, no grant")
        }
        try ClinicSchema.migrate(db)
        XCTAssertEqual(try ClinicSchema.missingChanges(db), [])
    }

    /// The portal opens a clinic database only when it has taken every change of this portal's schema, not
    /// only the highest: a gap is named, with what to run.
    func testOpenRefusesADatabaseMissingAnEarlierChangeAndSaysWhatToRun() throws {
        let c = try Self.cluster.get()
        let role = try c.newPatient(therapist: try c.newTherapist())
        XCTAssertNoThrow(try PostgresStore.open(c.conninfo(role)))
        let admin = try PGConnection(c.conninfo("postgres"))
        let latest = ClinicSchema.latestVersion
        for (gone, said) in [([9], "lacks change 9 of"), ([9, latest], "lacks changes 9 and \(latest) of")] {
            try admin.execute("DELETE FROM schema_migrations WHERE version = ANY($1::int[])", ["{" + gone.map(String.init).joined(separator: ",") + "}"])
            defer { for n in gone { try? admin.execute("INSERT INTO schema_migrations (version) VALUES ($1)", [n]) } }
            XCTAssertThrowsError(try PostgresStore.open(c.conninfo(role)), "\(gone)") {
                XCTAssertTrue("\($0)".contains(said), "\($0)")
                XCTAssertTrue("\($0)".contains("runuser -u postgres -- portal clinic init"), "\($0)")
            }
        }
        XCTAssertNoThrow(try PostgresStore.open(c.conninfo(role)), "every change is there again")
    }
}
