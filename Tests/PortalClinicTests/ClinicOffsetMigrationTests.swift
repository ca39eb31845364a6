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
}
