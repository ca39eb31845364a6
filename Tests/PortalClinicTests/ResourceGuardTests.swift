import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// What one login may take of the server everyone shares (hostile QA qa-d: D2, D3, D6, D14-D18, D20), each
/// probed as the real role in SQL, as any program holding the login could send it
/// (`ClinicSchema.v21ResourceGuards`, `lockFunctions`, `resourceLimits`, `plainTextChecks`, `ClinicAdmin`).
final class ResourceGuardTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func world() throws -> ClinicWorld { try ClinicWorld(try Self.cluster.get()) }

    /// D3, D20: no login takes an advisory lock (a patient held every key until the lock table was full, or
    /// her neighbour's record id, stopping every entry of hers) or writes to the WAL at will; entries still
    /// take their places one writer at a time.
    func testAdvisoryLocksAndWALMessagesAreClosedToEveryLogin() throws {
        let w = try world()
        let t1 = try w.sql(w.t1)
        for db in [w.aSQL, t1] {
            for probe in ["SELECT pg_advisory_lock(1)", "SELECT pg_advisory_lock(1, 2)", "SELECT pg_advisory_lock_shared(1)",
                          "SELECT pg_try_advisory_lock(1)", "SELECT pg_try_advisory_lock_shared(1, 2)",
                          "SELECT pg_advisory_xact_lock(\(w.b.patientID))", "SELECT pg_try_advisory_xact_lock(1)",
                          "SELECT pg_advisory_xact_lock_shared(1)", "SELECT pg_advisory_unlock_all()",
                          "SELECT pg_logical_emit_message(false, 'x', '')", "SELECT pg_logical_emit_message(true, 'x', 'y'::bytea)"] {
                XCTAssertEqual(refusal(db, probe), "42501", probe)
            }
        }
        // Nobody else may hold her record's lock: B's login takes no turn at A's record (change 28).
        let b = try w.sql(w.b.patientRole)
        _ = try b.query("BEGIN")
        XCTAssertEqual(try b.query("SELECT public.record_turn($1) AS t", [w.a.patientID]).rows.first?.text("t"), "f")
        // Her own two sessions still write, each entry in its own place.
        try w.a.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("09:00"), score: 3), now: at("2026-11-27T12:00"))
        _ = try w.aSQL.query("INSERT INTO sign_report (patient_id, id, date, time, signs) VALUES ($1, 0, '2026-11-26', '10:00', 'severe-headache')",
                             [w.a.patientID])
        _ = try b.query("ROLLBACK")
        let places = try w.aSQL.query("""
            SELECT entered FROM pain_entry UNION ALL SELECT entered FROM sign_report ORDER BY 1
            """).rows.map { try $0.int("entered") }
        XCTAssertEqual(Set(places).count, places.count, "none given twice: \(places)")
    }

    /// D14: one login holds a few sessions, not every slot of the server; another login still connects.
    func testALoginHoldsAFewSessionsNotTheServer() throws {
        let w = try world()
        // A's store and A's raw session are open already.
        var held: [PGConnection] = []
        for _ in 0..<(ClinicSchema.connectionsPerLogin - 2) { held.append(try w.sql(w.a.patientRole)) }
        // qa-f F10: what she reads is what to do, in words, with no socket path.
        XCTAssertThrowsError(try w.sql(w.a.patientRole)) { XCTAssertEqual($0 as? PortalError, .storage(PGError.tooManySessionsText)) }
        XCTAssertEqual(try w.sql(w.b.patientRole).query("SELECT 1 AS one").rows.count, 1, "B still gets in")
        XCTAssertEqual(try w.sql(w.t1).query("SELECT 1 AS one").rows.count, 1, "her therapist still gets in")
        held.removeAll()
    }

    /// qa-f F6: a login the clinic turned off reads that in words, not libpq's line with the server's socket path;
    /// an error with no words of its own keeps the server's, without libpq's "connection to server … failed:".
    func testATurnedOffLoginIsToldInWords() throws {
        let w = try world()
        _ = try w.sql("postgres").query("ALTER ROLE \(w.b.patientRole) NOLOGIN")
        defer { _ = try? w.sql("postgres").query("ALTER ROLE \(w.b.patientRole) LOGIN") }
        XCTAssertThrowsError(try w.sql(w.b.patientRole)) { error in
            XCTAssertEqual(error as? PortalError, .storage("Your clinic login is turned off, so the portal cannot reach your record. Please call your clinic."))
        }
        let odd = PGError.connect("connection to server on socket \"/run/x/.s.PGSQL.5432\" failed: FATAL:  something else\n")
        XCTAssertEqual(odd.portalError, .storage("Cannot connect to the clinic database: something else."))
    }

    /// D17: each login carries the limits; the temporary-file limit, the one that matters for the disk, her
    /// session cannot lift. A login cannot change its own connection limit either.
    func testEachLoginCarriesLimitsItCannotLiftWhereItMatters() throws {
        let w = try world()
        for role in [w.a.patientRole, w.t1] {
            let db = try w.sql(role)
            for (setting, value) in ClinicSchema.resourceLimits {
                XCTAssertEqual(try db.query("SELECT current_setting($1) AS v", [setting]).rows.first?.text("v"), value, "\(role) \(setting)")
            }
            XCTAssertEqual(refusal(db, "SET temp_file_limit = -1"), "42501")
            XCTAssertEqual(refusal(db, "ALTER ROLE CURRENT_USER CONNECTION LIMIT -1"), "42501")
        }
        // A statement that needs more temporary space than the limit is stopped, not left to fill the disk.
        XCTAssertEqual(refusal(w.aSQL, "SELECT count(*) FROM (SELECT md5(g::text) m FROM generate_series(1, 2000000) g ORDER BY m DESC) s"),
                       "53400")
    }

    /// D15, D16: an existing role becomes a login of the portal only if it carries nothing else.
    func testAddingRefusesARoleThatCarriesMore() throws {
        let w = try world()
        let c = try Self.cluster.get()
        let admin = try c.admin()
        XCTAssertThrowsError(try admin.addTherapist(w.a.patientRole)) {
            XCTAssertEqual("\($0)", "“\(w.a.patientRole)” is a patient's login; a therapist needs her own.")
        }
        let su = try PGConnection(c.conninfo("postgres"))
        // A role made earlier for something else: a member of pg_read_all_data; one with a member; one owning a table.
        try su.script("""
            CREATE ROLE qa_reader LOGIN; GRANT pg_read_all_data TO qa_reader;
            CREATE ROLE qa_group LOGIN; CREATE ROLE qa_member LOGIN; GRANT qa_group TO qa_member;
            CREATE ROLE qa_owner LOGIN; CREATE TABLE public.qa_owned (n int); ALTER TABLE public.qa_owned OWNER TO qa_owner;
            CREATE ROLE qa_fine LOGIN;
            """)
        XCTAssertThrowsError(try admin.addPatient("qa_reader", therapist: w.t1)) {
            XCTAssertTrue("\($0)".contains("is a member of pg_read_all_data"), "\($0)")
        }
        XCTAssertThrowsError(try admin.addTherapist("qa_group")) { XCTAssertTrue("\($0)".contains("Other roles are members"), "\($0)") }
        XCTAssertThrowsError(try admin.addPatient("qa_owner", therapist: w.t1)) { XCTAssertTrue("\($0)".contains("owns objects"), "\($0)") }
        for role in ["qa_reader", "qa_group", "qa_owner"] {
            XCTAssertEqual(try su.query("SELECT count(*) AS n FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1 AND m.roleid IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'portal\\_%')",
                                        [role]).rows.first?.int("n"), 0, "\(role): nothing was changed")
        }
        // An ordinary role with nothing of its own is taken, and given the limits.
        XCTAssertNoThrow(try admin.addPatient("qa_fine", therapist: w.t1))
        XCTAssertEqual(try su.query("SELECT rolconnlimit FROM pg_roles WHERE rolname = 'qa_fine'").rows.first?.int("rolconnlimit"),
                       ClinicSchema.connectionsPerLogin)
    }

    /// D2: what she sends her therapist is held to a few reports a day, and the history does not keep each twice.
    func testSharedReportsAreHeldToAFewADay() throws {
        let w = try world()
        let sent = { try w.aSQL.query("SELECT count(*) AS n FROM shared_report WHERE date = (SELECT max(date) FROM shared_report)").rows.first?.int("n") ?? 0 }
        let insert = "INSERT INTO shared_report (patient_id, id, date, time, format, parts, body) VALUES ($1, 0, '2030-01-01', '23:59', 'report-text', '', $2)"
        while try sent() < ClinicSchema.sharedReportsPerDay {
            _ = try w.aSQL.query(insert, [w.a.patientID, "a report"])
        }
        XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, "one too many"]), "54000")
        // B's own day is hers: one big report, then not another that would pass the day's characters.
        let big = String(repeating: "x", count: ClinicSchema.sharedCharactersPerDay / 2)
        let b = try w.sql(w.b.patientRole)
        _ = try b.query(insert, [w.b.patientID, big])
        XCTAssertEqual(refusal(b, insert, [w.b.patientID, big]), "54000")
        let history = try PGConnection(try Self.cluster.get().conninfo("postgres"))
        XCTAssertEqual(try history.query("SELECT count(*) AS n FROM clinical_history WHERE table_name = 'shared_report'").rows.first?.int("n"), 0,
                       "a sent report is kept once: nobody changes it")
    }

    /// D18: the server keeps the care plan's visits in order and apart, whoever writes.
    func testVisitsKeepTheirOrderAndNeverOverlap() throws {
        let w = try world()
        let t1 = try w.sql(w.t1)
        // The discharge recorded as done a month before the evaluation; a visit booked at another's hour.
        XCTAssertEqual(refusal(t1, "UPDATE visit SET status = 'completed', starts_at = '2026-10-01 10:00' WHERE patient_id = $1 AND number = 6",
                               [w.a.patientID]), "23514")
        let first = try XCTUnwrap(try t1.query("SELECT starts_at FROM visit WHERE patient_id = $1 AND number = 1", [w.a.patientID]).rows.first?.text("starts_at"))
        XCTAssertEqual(refusal(t1, "UPDATE visit SET status = 'booked', starts_at = $2::timestamp + interval '10 minutes' WHERE patient_id = $1 AND number = 2",
                               [w.a.patientID, first]), "23514")
        XCTAssertEqual(refusal(w.aSQL, "UPDATE visit SET status = 'booked', starts_at = $1::timestamp - interval '1 day' WHERE number = 2",
                               [first]), "23514", "before visit 1")
        // In order and apart, it is saved.
        XCTAssertEqual(rowsTouched(t1, "UPDATE visit SET status = 'booked', starts_at = '2027-01-04 10:00' WHERE patient_id = $1 AND number = 6",
                                   [w.a.patientID]), 1)
    }

    /// D6: the clinic's text columns refuse control and invisible formatting characters, as the portal does;
    /// plain text, line breaks and emoji joined into one still go in.
    func testTextColumnsRefuseControlAndFormattingCharacters() throws {
        let w = try world()
        for bad in ["Ana\u{1B}[31mRED", "Ana\u{202E}gnp.exe", "Ana\u{9B}31m", "Ana\u{7F}", "Ana\u{200B}"] {
            XCTAssertEqual(refusal(w.aSQL, "UPDATE patient SET name = $1", [bad]), "23514", bad.debugDescription)
        }
        XCTAssertEqual(refusal(w.aSQL, "UPDATE pain_entry SET note = $1", ["esc \u{1B}]0;PWNED\u{07}"]), "23514")
        XCTAssertNotNil(rowsTouched(w.aSQL, "UPDATE patient SET name = $1", ["Ana María 👩‍👩‍👧"]))
        XCTAssertNotNil(rowsTouched(w.aSQL, "UPDATE pain_entry SET note = $1", ["left calf\nsince Monday walking"]))
        // qa-e E9, E20: a tab and the line and paragraph separators, refused by the portal, are refused here too.
        for bad in ["since\tMonday", "one\u{2028}two", "one\u{2029}two"] {
            XCTAssertEqual(refusal(w.aSQL, "UPDATE pain_entry SET note = $1", [bad]), "23514", bad.debugDescription)
        }
        // What the portal keeps, the server keeps: a Persian word with its non-joiner, Malayalam's half form, the
        // flag of Scotland (its tags) and a family emoji (its joiners).
        for kept in ["می\u{200C}خواهم", "ന്\u{200D}റ", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "👩\u{200D}👧"] {
            XCTAssertNoThrow(try PlainText.check(kept, field: "x", maxLength: 20), kept.debugDescription)
            XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE pain_entry SET note = $1", [kept]).map { $0 > 0 }, true, kept.debugDescription)
        }
        // The class is the Swift rule's: every character it names is refused by `PlainText`.
        for range in ClinicSchema.refusedScalarRanges {
            for v in [range.lowerBound, range.upperBound] {
                let s = Unicode.Scalar(v)!
                XCTAssertThrowsError(try PlainText.check("a\(Character(s))b", field: "x", maxLength: 10), String(v, radix: 16))
            }
        }
    }
}
