import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The places of her sign-carrying rows (`entered`, clinic change 17) as the real roles write them in SQL: no
/// login chooses a place, two of her sessions never take the same one, and the migration to 17 gives each
/// review of before exactly the signs it covered.
extension SignReviewTests {
    /// The places of A's rows, as the administrator reads them: "p<id>" for a pain entry, "s<id>" for a report.
    func places(_ c: PrivateCluster, _ patient: Int64) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try PGConnection(c.conninfo("postgres")).query("""
            SELECT 'p' || id AS k, entered FROM pain_entry WHERE patient_id = $1
            UNION ALL SELECT 's' || id, entered FROM sign_report WHERE patient_id = $1
            """, [patient]).rows {
            out[try row.text("k")] = try row.int("entered")
        }
        return out
    }

    /// A place no write chooses: her insert or update naming `entered` (a place the review of 22 Nov covers, or one
    /// far ahead) is given the next place of her record all the same, so a sign she writes now is never counted
    /// as reviewed; her therapist's writes to her rows are refused and change no place.
    func testNoLoginChoosesTheRowsPlaceInSQL() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let a = w.a.patientID
        let her = try w.sql(w.a.patientRole), t1 = try w.sql(w.t1)
        let covered = try XCTUnwrap(w.a.record(.whole).signReviews.map(\.enteredThrough).max())
        XCTAssertGreaterThanOrEqual(covered, 1, "the world's review covers a place")

        for forged in [Int(covered), 1_000_000] {
            let newest = try XCTUnwrap(places(c, a).values.max())
            try her.execute("INSERT INTO pain_entry (patient_id, date, time, score, warning_signs, entered) VALUES ($1, '2026-11-27', '10:00', 5, 'fever', $2)",
                            [a, forged])
            try her.execute("INSERT INTO sign_report (patient_id, date, time, signs, entered) VALUES ($1, '2026-11-27', '10:05', 'leg-swelling', $2)",
                            [a, forged])
            var now = try places(c, a)
            let newEntry = try XCTUnwrap(try w.sql("postgres").query("SELECT max(id) AS i FROM pain_entry WHERE patient_id = $1", [a]).rows.first?.int("i"))
            let newReport = try XCTUnwrap(try w.sql("postgres").query("SELECT max(id) AS i FROM sign_report WHERE patient_id = $1", [a]).rows.first?.int("i"))
            XCTAssertEqual(now["p\(newEntry)"], newest + 1, "her insert naming place \(forged) takes the next")
            XCTAssertEqual(now["s\(newReport)"], newest + 2, "her insert naming place \(forged) takes the next")

            // Her entry without signs, changed with a place named: a change is written now, so it takes the next place.
            let plain = try XCTUnwrap(try w.sql("postgres").query(
                "SELECT min(id) AS i FROM pain_entry WHERE patient_id = $1 AND warning_signs = ''", [a]).rows.first?.int("i"))
            XCTAssertEqual(try her.query("UPDATE pain_entry SET note = 'changed', entered = $3 WHERE patient_id = $1 AND id = $2",
                                         [a, plain, forged]).affected, 1)
            now = try places(c, a)
            XCTAssertEqual(now["p\(plain)"], newest + 3, "her update naming place \(forged) takes the next")

            // Nothing she wrote is covered by the review, on the server's reckoning and her portal's.
            let record = try w.a.record(.screens(today: day("2026-11-27")))
            for sign in record.reportedSigns() where sign.date == day("2026-11-27") {
                XCTAssertNil(record.review(of: sign), "\(sign.sign) written now, place \(forged) named")
            }

            // Her therapist writes none of her rows, with a place or without; no place moves.
            let before = try places(c, a)
            for sql in ["INSERT INTO pain_entry (patient_id, date, time, score, warning_signs, entered) VALUES ($1, '2026-11-27', '11:00', 5, 'fever', 1)",
                        "INSERT INTO sign_report (patient_id, date, time, signs, entered) VALUES ($1, '2026-11-27', '11:05', 'fever', 1)",
                        "UPDATE pain_entry SET entered = 1 WHERE patient_id = $1",
                        "UPDATE sign_report SET entered = 1 WHERE patient_id = $1",
                        "UPDATE pain_entry SET entered = 1000000 WHERE patient_id = $1"] {
                let outcome = RightsByRoleTests.probe(t1, sql, [a])
                XCTAssertFalse(outcome.changed, "\(sql): \(outcome.description)")
                try? t1.execute(sql, [a])
            }
            XCTAssertEqual(try places(c, a), before, "her therapist moved no place")
        }
        // Her sign report stays as written (her login changes none), so its place cannot be named either.
        let report = try XCTUnwrap(try w.sql("postgres").query("SELECT min(id) AS i FROM sign_report WHERE patient_id = $1", [a]).rows.first?.int("i"))
        let before = try places(c, a)
        try? her.execute("UPDATE sign_report SET entered = 1 WHERE patient_id = $1 AND id = $2", [a, report])
        XCTAssertEqual(try places(c, a), before)
    }

    /// Two sessions of hers writing at once never take the same place (`pg_advisory_xact_lock` in
    /// `record_entered`): while her first session holds a new sign report in an open transaction, her second
    /// session's pain entry (another table, so nothing else makes it wait) waits, and takes the place after.
    /// Without the lock both read the same newest place and a review of the first would cover the second.
    func testTwoOfHerSessionsWritingAtOnceTakeDistinctPlacesInSQL() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let a = w.a.patientID
        let newest = try XCTUnwrap(places(c, a).values.max())
        let first = try w.sql(w.a.patientRole), second = try w.sql(w.a.patientRole)
        _ = try first.query("BEGIN")
        _ = try first.query("INSERT INTO sign_report (patient_id, date, time, signs) VALUES ($1, '2026-11-27', '10:00', 'fever')", [a])

        let finished = DispatchSemaphore(value: 0)
        let outcome = SecondSession()
        Thread.detachNewThread {
            do {
                _ = try second.query("INSERT INTO pain_entry (patient_id, date, time, score, warning_signs) VALUES ($1, '2026-11-27', '10:01', 6, 'fever')", [a])
            } catch {
                outcome.set(error)
            }
            finished.signal()
        }
        let waited = finished.wait(timeout: .now() + 1.5)
        XCTAssertEqual(waited, .timedOut, "her second session waits for the first to finish")
        _ = try first.query("COMMIT")
        if waited == .timedOut { XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "and goes on once it has") }
        XCTAssertNil(outcome.error)

        let admin = try w.sql("postgres")
        let report = try XCTUnwrap(try admin.query("SELECT entered FROM sign_report WHERE patient_id = $1 AND time = '10:00' AND date = '2026-11-27'",
                                                   [a]).rows.first?.int("entered"))
        let entry = try XCTUnwrap(try admin.query("SELECT entered FROM pain_entry WHERE patient_id = $1 AND time = '10:01' AND date = '2026-11-27'",
                                                  [a]).rows.first?.int("entered"))
        XCTAssertEqual([report, entry], [newest + 1, newest + 2], "one place each, in the order they were written")
    }

    /// Migrating a v16 clinic database that holds reviews of her signs to 17 gives each review exactly the rows it
    /// covered (those dated up to its `signs_until`): none more, none fewer; ties at the minute and rows written
    /// out of date order included, each record numbered on its own.
    func testMigratingToChange17KeepsWhatEachReviewCoveredInSQL() throws {
        let c = try Self.cluster.get()
        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v16_reviews")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v16_reviews"))
        try ClinicSchema.migrate(db, upTo: 16)
        try db.execute("INSERT INTO patient_account (patient_id, role_name) VALUES (1, 'one'), (2, 'two')")
        // (patient, id, date, time, signs): ids not in date order, two rows at the same minute, one without signs.
        let entries: [(Int, Int, String, String, String)] = [
            (1, 1, "2026-11-20", "08:00", ""), (1, 2, "2026-11-18", "09:00", "fever"), (1, 3, "2026-11-22", "09:00", "fever"),
            (1, 4, "2026-11-25", "07:00", ""), (2, 1, "2026-11-21", "10:00", "fever"),
        ]
        let reports: [(Int, Int, String, String, String)] = [
            (1, 1, "2026-11-22", "09:00", "leg-swelling"), (1, 2, "2026-11-19", "10:00", "vaginal-bleeding"), (1, 3, "2026-11-26", "20:00", "fever"),
            (2, 1, "2026-11-17", "06:00", "fever"),
        ]
        for (p, id, date, time, signs) in entries {
            try db.execute("INSERT INTO pain_entry (patient_id, id, date, time, score, warning_signs) VALUES ($1::bigint, $2::bigint, $3::date, $4::time, 4, $5)",
                           [p, id, date, time, signs])
        }
        for (p, id, date, time, signs) in reports {
            try db.execute("INSERT INTO sign_report (patient_id, id, date, time, signs) VALUES ($1::bigint, $2::bigint, $3::date, $4::time, $5)",
                           [p, id, date, time, signs])
        }
        let reviews: [(Int, Int, String)] = [(1, 1, "2026-11-01T00:00"), (1, 2, "2026-11-19T10:00"), (1, 3, "2026-11-21T23:59"),
                                             (1, 4, "2026-11-22T09:00"), (1, 5, "2026-11-30T00:00"), (2, 1, "2026-11-20T00:00"),
                                             (2, 2, "2026-11-21T10:00")]
        for (p, id, until) in reviews {
            try db.execute("""
                INSERT INTO sign_review (patient_id, id, reviewed_at, signs_until, reviewer) VALUES ($1::bigint, $2::bigint, '2026-11-30T09:00', $3::timestamp, 't')
                """, [p, id, until])
        }
        // What each review covered before: the rows dated up to its signs_until.
        func covered(_ sql: String) throws -> [String: [String]] {
            var out: [String: [String]] = [:]
            for row in try db.query(sql).rows { out[try row.text("r")] = try row.text("k").split(separator: ",").map(String.init).sorted() }
            return out
        }
        let before = try covered("""
            SELECT r.patient_id || '/' || r.id AS r, coalesce((SELECT string_agg(k, ',') FROM (
                SELECT 'p' || id AS k FROM pain_entry p WHERE p.patient_id = r.patient_id AND p.date + p.time <= r.signs_until
                UNION ALL SELECT 's' || id FROM sign_report s WHERE s.patient_id = r.patient_id AND s.date + s.time <= r.signs_until) AS rows), '') AS k
            FROM sign_review r
            """)
        XCTAssertEqual(before["1/1"], [], "the first covers nothing")
        XCTAssertEqual(before["1/4"], ["p1", "p2", "p3", "s1", "s2"], "ties at the minute are covered")

        try ClinicSchema.migrate(db)
        let after = try covered("""
            SELECT r.patient_id || '/' || r.id AS r, coalesce((SELECT string_agg(k, ',') FROM (
                SELECT 'p' || id AS k FROM pain_entry p WHERE p.patient_id = r.patient_id AND p.entered <= r.entered_through
                UNION ALL SELECT 's' || id FROM sign_report s WHERE s.patient_id = r.patient_id AND s.entered <= r.entered_through) AS rows), '') AS k
            FROM sign_review r
            """)
        XCTAssertEqual(after, before, "each review covers what it covered")
        XCTAssertEqual(after.count, reviews.count)
        // Each record's places are 1, 2, 3 … on its own.
        let numbered = try db.query("""
            SELECT patient_id, string_agg(entered::text, ',' ORDER BY entered) AS e FROM (
                SELECT patient_id, entered FROM pain_entry UNION ALL SELECT patient_id, entered FROM sign_report) AS rows GROUP BY patient_id ORDER BY 1
            """).rows.map { try $0.text("e") }
        XCTAssertEqual(numbered, ["1,2,3,4,5,6,7", "1,2"])
    }
}

/// What the second session's write ended with (set on its thread, read after it signalled).
private final class SecondSession: @unchecked Sendable {
    private let lock = NSLock()
    private var _error: (any Error)?
    func set(_ e: any Error) { lock.withLock { _error = e } }
    var error: (any Error)? { lock.withLock { _error } }
}
