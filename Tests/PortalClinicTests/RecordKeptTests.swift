import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// What stays in her record as it was written, whoever holds a login and whatever she sends (clinic QA: SAFE1,
/// S1, S6): a warning sign she reported, a visit her therapist recorded, a week her therapist published. Every
/// statement is sent by the real role's own login.
final class RecordKeptTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let now = at("2026-11-27T12:00")

    /// SAFE1: a warning sign she reported stays for her therapist to see until someone has seen it: her login
    /// deletes no sign report and no pain entry with signs, nor changes one so it has none (or moves its day).
    /// An entry without signs stays hers to change and delete. Her own portal (SQLite) keeps her delete.
    func testAWarningSignSheReportedStaysForHerTherapist() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let rules = EntryRules(now: now, content: sharedContent)
        let report = try w.a.add(SignReport(date: day("2026-11-27"), time: time("02:44"), signs: ["leg-swelling"]), rules: rules)
        let signed = try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("02:45"), score: 5, sites: [SiteSide(.thigh, .left)],
                                                    triggers: [.walking], warningSigns: ["leg-swelling"]), now: now)
        let plain = try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 2), now: now)
        let before = try w.everything(of: w.a.patientID)
        let id = try XCTUnwrap(signed.id)
        for sql in ["DELETE FROM sign_report", "UPDATE sign_report SET signs = 'dizziness-fainting'", "UPDATE sign_report SET date = '2025-01-01'",
                    "DELETE FROM pain_entry WHERE id = \(id)", "UPDATE pain_entry SET warning_signs = '' WHERE id = \(id)",
                    "UPDATE pain_entry SET date = '2025-01-01' WHERE id = \(id)", "DELETE FROM pain_site WHERE entry_id = \(id)",
                    "DELETE FROM pain_trigger WHERE entry_id = \(id)", "UPDATE pain_site SET side = 'right' WHERE entry_id = \(id)"] {
            XCTAssertEqual(rowsTouched(w.aSQL, sql) ?? 0, 0, "\(sql): refused to her")
        }
        XCTAssertEqual(try w.everything(of: w.a.patientID), before, "nothing changed")
        // Through the portal, the same, said kindly.
        XCTAssertTrue(w.a.keepsWarningSigns)
        XCTAssertTrue(try w.a.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).keepsWarningSigns)
        XCTAssertThrowsError(try w.a.deletePainEntry(id: id)) { XCTAssertEqual($0 as? PortalError, .rule(PainEntry.keptForTherapist)) }
        var changed = signed
        changed.warningSigns = []
        XCTAssertThrowsError(try w.a.updatePainEntry(changed, now: now)) { XCTAssertEqual($0 as? PortalError, .rule(PainEntry.keptForTherapist)) }
        XCTAssertThrowsError(try w.a.remove(SignReport.self, id: try XCTUnwrap(report.id))) {
            XCTAssertEqual($0 as? PortalError, .rule(SignReport.keptForTherapist))
        }
        // Her therapist still sees both.
        let t1 = try w.sql(w.t1)
        XCTAssertEqual(try t1.query("SELECT count(*) AS n FROM sign_report WHERE signs = 'leg-swelling'").rows.first?.int("n"), 1)
        XCTAssertEqual(try t1.query("SELECT count(*) AS n FROM pain_entry WHERE warning_signs <> ''").rows.first?.int("n"), 1)
        // An entry without signs is hers to change and delete.
        var fixed = plain
        fixed.score = 3
        XCTAssertEqual(try w.a.updatePainEntry(fixed, now: now).score, 3)
        XCTAssertNoThrow(try w.a.deletePainEntry(id: try XCTUnwrap(plain.id)))
        // She may still add a sign to an entry that had none (its sites and triggers are written again).
        var grows = try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("10:00"), score: 3, sites: [SiteSide(.buttock, .left)],
                                                   triggers: [.stairs]), now: now)
        grows.warningSigns = ["leg-swelling"]
        grows.sites = [SiteSide(.thigh, .right)]
        XCTAssertEqual(try w.a.updatePainEntry(grows, now: now).sites, [SiteSide(.thigh, .right)])
        XCTAssertEqual(try w.a.painEntries().first { $0.id == grows.id }?.warningSigns, ["leg-swelling"])
        XCTAssertFalse(try w.store(w.t1, for: w.a).keepsWarningSigns, "her therapist writes no diary at all")

        // Her own portal's file is hers: she deletes what she reported there.
        let own = try SQLiteStore.inMemory()
        XCTAssertFalse(own.keepsWarningSigns)
        let hers = try own.add(SignReport(date: day("2026-11-27"), time: time("02:44"), signs: ["leg-swelling"]), rules: rules)
        try own.remove(SignReport.self, id: try XCTUnwrap(hers.id))
        let entry = try own.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("02:45"), score: 5, warningSigns: ["leg-swelling"]), now: now)
        try own.deletePainEntry(id: try XCTUnwrap(entry.id))
        XCTAssertEqual(try own.signReports(), [])
        XCTAssertEqual(try own.painEntries(), [])
    }

    /// S1: a visit her therapist recorded as missed (or completed) stays as recorded: her login cannot book it
    /// again, move it or cancel it, in SQL or through the portal; a visit still to schedule stays hers to book.
    func testAVisitHerTherapistRecordedStaysAsRecorded() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let forA = try w.store(w.t1, for: w.a)
        var v2 = try XCTUnwrap(try forA.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-20T10:00")
        try forA.saveVisit(v2)
        try forA.saveVisit(try v2.missing(now: now))
        for sql in ["UPDATE visit SET status = 'booked', starts_at = '2026-12-20T10:00' WHERE number = 2",
                    "UPDATE visit SET status = 'cancelled' WHERE number = 2", "UPDATE visit SET status = 'to-schedule', starts_at = NULL WHERE number = 2",
                    "UPDATE visit SET starts_at = '2026-11-21T10:00' WHERE number = 2", "UPDATE visit SET mode = 'virtual' WHERE number = 2"] {
            XCTAssertEqual(rowsTouched(w.aSQL, sql) ?? 0, 0, "\(sql): refused to her")
        }
        let missed = try XCTUnwrap(try w.a.carePlan()?.visits[1])
        XCTAssertEqual(missed.status, .missed)
        XCTAssertThrowsError(try w.a.saveVisit(try missed.booking(at: at("2026-12-20T10:00"), now: now)))
        XCTAssertEqual(try w.a.carePlan()?.visits[1].status, .missed)
        // Her commands refuse it with the reason (QA: `portal visits book 4` on a missed visit was accepted).
        for args in [["visits", "book", "2", "2026-12-20", "10:00"], ["visits", "cancel", "2"]] {
            let (status, text) = try PortalExecutable.run(args + ["--db", w.cluster.conninfo(w.a.patientRole)], in: self)
            XCTAssertEqual(status, 1, text)
            XCTAssertTrue(text.contains(Visit.recordedStays(missed)), text)
        }
        XCTAssertEqual(try w.a.carePlan()?.visits[1].status, .missed)
        // Still hers: booking a visit to schedule; and her therapist changes what he recorded.
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE visit SET status = 'booked', starts_at = '2027-01-04T09:00' WHERE number = 6"), 1)
        try forA.saveVisit(try missed.booking(at: at("2026-12-20T10:00"), now: now))
        XCTAssertEqual(try w.a.carePlan()?.visits[1].status, .booked)
    }

    /// S6: a published week is the patient's record. Her therapist writes, publishes and drops drafts; he never
    /// unpublishes, moves, re-dates or deletes a published week, nor adds to or deletes its prescriptions; when
    /// a week is published is the server's clock, whatever he writes.
    func testAPublishedWeekStaysAsPublished() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let forA = try w.store(w.t1, for: w.a)
        let t1 = try w.sql(w.t1)
        let week3 = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "Next", prescriptions: [rx("clamshell", sets: 4)])
        try forA.addProgramWeek(week3, library: sharedContent.exercises, today: week3.starts.adding(days: -1))
        // Her weeks are dated in November: the server's day is pinned there while her therapist publishes week 3,
        // then its clock is back, by which week 3 has started.
        try w.cluster.pinClinicDay("2026-11-10")
        defer { try? w.cluster.unpinClinicDay() }
        try forA.publishWeek(3)
        try w.cluster.unpinClinicDay()
        let before = try w.everything(of: w.a.patientID)
        for sql in ["UPDATE program_week SET published_at = NULL WHERE number = 3", "UPDATE program_week SET published_at = '2020-01-01'",
                    "UPDATE program_week SET starts = '2026-01-05' WHERE number = 1", "UPDATE program_week SET note = 'x'",
                    ClinicWorld.deleting("prescription", ["week": "3"]), ClinicWorld.deleting("program_week", ["number": "3"]),
                    ClinicWorld.deleting("prescription"), ClinicWorld.deleting("program_week"), "DELETE FROM program_week",
                    "UPDATE program_week SET origin = 'generated'"] {
            XCTAssertEqual(rowsTouched(t1, sql, sql.contains("$1") ? [w.a.patientID] : []) ?? 0, 0, "\(sql): refused to her therapist")
        }
        XCTAssertNil(rowsTouched(t1, """
            INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
            VALUES ($1, 3, 9, 'bird-dog', 1, 1, 0, 0, 1, 1, 'none')
            """, [w.a.patientID]), "nothing added to a published week")
        XCTAssertNil(rowsTouched(t1, "INSERT INTO program_week (patient_id, number, starts, published_at) VALUES ($1, 5, '2026-11-30', '2020-01-01')",
                                 [w.a.patientID]), "a week starts as a draft")
        XCTAssertEqual(try w.everything(of: w.a.patientID), before, "nothing changed")

        // Drafts are his: written, changed, dropped, and published at the server's time.
        let week4 = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "Draft", prescriptions: [rx("clamshell", sets: 5)])
        try forA.addProgramWeek(week4, library: sharedContent.exercises, today: week4.starts.adding(days: -1))
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET note = 'Changed' WHERE number = 4"), 1)
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("prescription", ["week": "4"]), [w.a.patientID]), 1)
        XCTAssertEqual(rowsTouched(t1, "INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) VALUES ($1, 4, 0, 'cat-cow', 2, 10, 0, 30, 1, 5, 'none')", [w.a.patientID]), 1,
                       "a published week holds an exercise (change 28)")
        try w.cluster.pinClinicDay("2026-11-10")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET published_at = '2020-01-01' WHERE number = 4"), 1)
        try w.cluster.unpinClinicDay()
        let published = try w.sql("postgres").query(
            "SELECT published_at > now() - interval '1 minute' AS fresh FROM program_week WHERE patient_id = $1 AND number = 4", [w.a.patientID])
        XCTAssertEqual(try published.rows.first?.text("fresh"), "t", "published now, not when he said")
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("program_week", ["number": "4"]), [w.a.patientID]), 0, "published: it stays")
        try forA.addProgramWeek(ProgramWeek(number: 5, starts: day("2026-11-30"), note: "", prescriptions: [rx("clamshell")]),
                                library: sharedContent.exercises, today: day("2026-11-30").adding(days: -1))
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("program_week", ["number": "5"]), [w.a.patientID]), 1, "a draft is dropped")
    }

    /// S8: a patient's open transaction holding a row both change (her visits; no login locks an account row
    /// since change 28) holds her therapist's save of it up for a few
    /// seconds, not for as long as she likes: the save is refused with a plain message, and works once she lets
    /// go. A session left idle inside a transaction is ended by the server.
    func testAPatientsOpenTransactionHoldsHerTherapistUpOnlyBriefly() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        for (setting, value) in ClinicSchema.sessionLimits {
            XCTAssertEqual(try w.aSQL.query("SELECT current_setting($1) AS v", [setting]).rows.first?.text("v"), value, setting)
            XCTAssertEqual(try w.sql(w.t1).query("SELECT current_setting($1) AS v", [setting]).rows.first?.text("v"), value, setting)
        }
        let forA = try w.store(w.t1, for: w.a)
        var v2 = try XCTUnwrap(try forA.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-12-28T10:00")
        _ = try w.aSQL.query("BEGIN")
        _ = try w.aSQL.query("SELECT 1 FROM visit FOR UPDATE")
        let started = Date()
        XCTAssertThrowsError(try forA.saveVisit(v2)) {
            XCTAssertEqual("\($0)", "The clinic database is busy with another change; nothing was saved. Please try again.")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "held up for seconds, not for good")
        _ = try w.aSQL.query("ROLLBACK")
        XCTAssertEqual(try forA.saveVisit(v2), v2, "saved once she let go")
    }

    /// S7: when she asked for a new program is now, whatever she writes. (A date ahead on what she reports,
    /// S9, is not held by the server: see `ClinicSchema.guards`.)
    func testTheServerSetsWhenSheAsked() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        XCTAssertEqual(rowsTouched(w.aSQL, "INSERT INTO program_request (patient_id, request) SELECT patient_id, 'please' FROM patient"), 1)
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE program_request SET asked_at = '1999-01-01'"), 1)
        let asked = try w.sql("postgres").query("SELECT asked_at > now() - interval '1 minute' AS fresh FROM program_request WHERE patient_id = $1",
                                                [w.a.patientID])
        XCTAssertEqual(try asked.rows.first?.text("fresh"), "t", "asked now, not when she said")
    }
}
