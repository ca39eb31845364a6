import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import XCTest

/// Issue 23's leftover: the times the server sets (a review, an answer, a sent report, a publication) are the
/// clinic's, in the time zone fixed when the clinic was set up (clinic change 20, `clinic_now()`), whatever
/// `TimeZone` a login sets for its session; before, the guards took the session's `localtimestamp`, which a
/// patient or therapist moved by up to 14 hours. Proved as the real roles in SQL, as if everyone had psql.
final class ClinicZoneTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// The zones furthest from the server's either way: UTC+14 and UTC-12.
    static let farZones = ["Pacific/Kiritimati", "Etc/GMT+12"]

    /// `when` (a local date and time to the minute, as the server printed it) lies between `before` and `after`.
    func assertBetween(_ before: LocalDateTime, _ text: String, _ after: LocalDateTime, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        guard let when = LocalDateTime(text) else { return XCTFail("\(what): \(text) is not a time", file: file, line: line) }
        XCTAssertTrue(before <= when && when <= after, "\(what): \(when), the clinic's clock read \(before) … \(after)", file: file, line: line)
    }

    func testEveryServerSetTimeIsTheClinicsWhateverZoneALoginSets() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let a = w.a.patientID
        let admin = try w.sql("postgres")
        let minute = "'YYYY-MM-DD\"T\"HH24:MI'"
        // The clinic's zone is the server's (set at `clinic init`); the tests' cluster runs in UTC or close to it,
        // so either far zone moves a session's local time by 12 hours or more.
        let serverZone = try XCTUnwrap(try PGConnection(c.conninfo("postgres")).query("SHOW TimeZone").rows.first?.text("TimeZone"))
        XCTAssertEqual(try w.cluster.admin().timeZone(), serverZone)

        for zone in Self.farZones {
            let t1 = try w.sql(w.t1), her = try w.sql(w.a.patientRole)
            for db in [t1, her] {
                try db.executeAlone("SET TimeZone = '\(zone)'")
                let local = try XCTUnwrap(try db.query("SELECT to_char(localtimestamp, \(minute)) AS t").rows.first?.text("t"))
                let clinic = try XCTUnwrap(try db.query("SELECT to_char(clinic_now(), \(minute)) AS t").rows.first?.text("t"))
                XCTAssertNotEqual(local, clinic, "\(zone) moves the session's own clock")
            }
            let before = try c.serverNow()

            // Her therapist reviews her signs, answers her question and publishes a week, each naming another time.
            let newest = try XCTUnwrap(try admin.query("""
                SELECT greatest((SELECT max(entered) FROM pain_entry WHERE patient_id = $1), (SELECT max(entered) FROM sign_report WHERE patient_id = $1)) AS n
                """, [a]).rows.first?.int("n"))
            try t1.execute("""
                INSERT INTO sign_review (patient_id, reviewed_at, signs_until, reviewer, entered_through)
                VALUES ($1, '2099-01-01T00:00', '2099-01-01T00:00', current_user, $2)
                """, [a, newest])
            let question = try XCTUnwrap(try admin.query("SELECT max(id) AS i FROM visit_question WHERE patient_id = $1", [a]).rows.first?.int("i"))
            try t1.execute("""
                UPDATE visit_question SET answer = $3, answered_by = current_user, answered_at = '2000-01-01T00:00'
                WHERE patient_id = $1 AND id = $2
                """, [a, question, "answered from \(zone)"])
            let week = try XCTUnwrap(try admin.query("SELECT max(number) + 1 AS n FROM program_week WHERE patient_id = $1", [a]).rows.first?.int("n"))
            try t1.execute("""
                INSERT INTO program_week (patient_id, number, starts, origin)
                SELECT $1::bigint, $2::integer, greatest(max(starts) + 7, clinic_today() + 1), 'therapist' FROM program_week WHERE patient_id = $1::bigint
                """, [a, week])
            // A published week holds an exercise of the library (change 28).
            try t1.execute("""
                INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
                VALUES ($1, $2, 0, 'cat-cow', 2, 10, 0, 30, 1, 5, 'none')
                """, [a, week])
            try t1.execute("UPDATE program_week SET published_at = '2000-01-01T00:00+00' WHERE patient_id = $1 AND number = $2", [a, week])
            // She sends her therapist a report, dated by her client long ago, and logs pain at a time she chooses.
            try her.execute("""
                INSERT INTO shared_report (patient_id, date, time, format, parts, body)
                VALUES ($1, '2000-01-01', '00:00', 'report-text', 'pain', 'sent from \(zone)')
                """, [a])
            try her.execute("""
                INSERT INTO pain_entry (patient_id, date, time, score, utc_offset) VALUES ($1, '2026-11-26', '21:15', 3, 840)
                """, [a])
            let after = try c.serverNow()

            let review = try XCTUnwrap(try admin.query("SELECT to_char(reviewed_at, \(minute)) AS t FROM sign_review WHERE patient_id = $1 ORDER BY id DESC LIMIT 1",
                                                       [a]).rows.first?.text("t"))
            assertBetween(before, review, after, "the review \(zone)")
            let answer = try XCTUnwrap(try admin.query("SELECT to_char(answered_at, \(minute)) AS t FROM visit_question WHERE patient_id = $1 AND id = $2",
                                                       [a, question]).rows.first?.text("t"))
            assertBetween(before, answer, after, "the answer \(zone)")
            let sent = try XCTUnwrap(try admin.query("SELECT to_char(date + time, \(minute)) AS t FROM shared_report WHERE patient_id = $1 ORDER BY id DESC LIMIT 1",
                                                     [a]).rows.first?.text("t"))
            assertBetween(before, sent, after, "the sent report \(zone)")
            // A publication is an instant (timestamptz): the clinic's clock when read in the clinic's zone.
            let published = try XCTUnwrap(try admin.query("""
                SELECT to_char(published_at AT TIME ZONE (SELECT zone FROM clinic_zone), \(minute)) AS t
                FROM program_week WHERE patient_id = $1 AND number = $2
                """, [a, week]).rows.first?.text("t"))
            assertBetween(before, published, after, "the publication \(zone)")
            // Her own entry keeps the date, time and offset she chose: hers, not the server's.
            let entry = try XCTUnwrap(try admin.query("""
                SELECT to_char(date + time, \(minute)) AS t, utc_offset FROM pain_entry WHERE patient_id = $1 ORDER BY entered DESC LIMIT 1
                """, [a]).rows.first)
            XCTAssertEqual(try entry.text("t"), "2026-11-26T21:15", zone)
            XCTAssertEqual(try entry.int("utc_offset"), 840, zone)
        }
    }

    /// The zone is the administrator's: no login reads or changes it, nor the clock made from it.
    func testNoLoginChangesTheClinicsZoneOrItsClock() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let zone = try c.admin().timeZone()
        for role in [w.a.patientRole, w.t1] {
            let db = try w.sql(role)
            for sql in ["UPDATE clinic_zone SET zone = 'Pacific/Kiritimati'", "DELETE FROM clinic_zone",
                        "INSERT INTO clinic_zone (one, zone) VALUES (true, 'Pacific/Kiritimati') ON CONFLICT (one) DO UPDATE SET zone = excluded.zone",
                        "SELECT zone FROM clinic_zone",
                        "ALTER TABLE clinic_zone DISABLE ROW LEVEL SECURITY",
                        "CREATE OR REPLACE FUNCTION public.clinic_now() RETURNS timestamp LANGUAGE sql AS $$ SELECT timestamp '2000-01-01' $$",
                        "CREATE FUNCTION pg_temp.clinic_now() RETURNS timestamp LANGUAGE sql AS $$ SELECT timestamp '2000-01-01' $$"] {
                let outcome = RightsByRoleTests.probe(db, sql, [])
                XCTAssertFalse(outcome.passed, "\(role): \(sql): \(outcome.description)")
            }
            // Her clock and the administrator's are the same, whatever her session's zone.
            try db.executeAlone("SET TimeZone = 'Pacific/Kiritimati'")
            let before = try c.serverNow()
            let hers = try XCTUnwrap(try db.query("SELECT to_char(clinic_now(), 'YYYY-MM-DD\"T\"HH24:MI') AS t").rows.first?.text("t"))
            assertBetween(before, hers, try c.serverNow(), "\(role)'s clinic_now()")
        }
        XCTAssertEqual(try c.admin().timeZone(), zone, "as it was")
    }

    /// `clinic init --time-zone` names the clinic's zone (a name the server knows, checked before anything
    /// changes); a later `clinic init` without it keeps it; an existing clinic migrating to change 20 takes its
    /// server's zone (the administrator's session's), the zone its older times were written in.
    func testTheZoneIsFixedAtInitAndAnExistingClinicTakesItsServers() throws {
        let c = try Self.cluster.get()
        let admin = try c.admin()
        let zone = try admin.timeZone()
        defer { try? admin.initialise(timeZone: zone) }
        try admin.initialise(timeZone: "Europe/Lisbon")
        XCTAssertEqual(try admin.timeZone(), "Europe/Lisbon")
        try admin.initialise()
        XCTAssertEqual(try admin.timeZone(), "Europe/Lisbon", "kept by a later init")
        for bad in ["Mars/Olympus", "", "Europe/Lisbon'; DROP TABLE clinic_zone; --"] {
            XCTAssertThrowsError(try admin.initialise(timeZone: bad), bad) {
                XCTAssertTrue("\($0)".contains("not a time zone the server knows"), "\($0)")
            }
        }
        XCTAssertEqual(try admin.timeZone(), "Europe/Lisbon", "nothing changed")

        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v18")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v18"))
        try ClinicSchema.migrate(db, upTo: 18)
        try db.executeAlone("SET TimeZone = 'America/New_York'")
        try ClinicSchema.migrate(db)
        XCTAssertEqual(try ClinicAdmin(connection: db).timeZone(), "America/New_York")
    }
}
