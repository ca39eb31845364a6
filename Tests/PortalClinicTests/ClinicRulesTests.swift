import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-f's findings on what the database let a login write (F9, F5, F7, F1, F11), each sent as the real login.
final class ClinicRulesTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    static let prescriptionColumns = "patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side"

    /// F9: a published week holds 1 to 12 exercises, each from the library, as the editor and `program import` say
    /// (`ProgramWeekFile.maxPrescriptions`, `exercise_library` made by `clinic init` from the content).
    func testAPublishedWeekHoldsOneToTwelveExercisesOfTheLibrary() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), t1 = try w.sql(w.t1), a = w.a.patientID
        let library = sharedContent.exercises.exercises.map(\.id)
        XCTAssertEqual(Set(try admin.query("SELECT id FROM exercise_library").rows.map { try $0.text("id") }), Set(library))
        XCTAssertEqual(refusal(w.aSQL, "SELECT id FROM exercise_library"), "42501", "nobody but the administrator reads it")
        XCTAssertEqual(refusal(t1, "INSERT INTO exercise_library (id) VALUES ('heavy-squats')"), "42501")

        // An upcoming week published by her therapist, through the portal.
        let today = try w.cluster.serverNow().date
        let latest = try XCTUnwrap(try w.a.program().weeks.last)
        try w.store(w.t1, for: w.a).publishWeek(ProgramWeek(number: latest.number + 1, starts: today.adding(days: 3), note: "",
                                                            prescriptions: latest.prescriptions, origin: .therapist),
                                                library: sharedContent.exercises, today: today)
        let week = latest.number + 1, held = latest.prescriptions.count

        // An exercise the library does not have: refused, in a published week and in a draft.
        let bogus = "INSERT INTO prescription (\(Self.prescriptionColumns)) VALUES ($1, $2, 40, $3, 3, 10, 0, 30, 1, 5, 'none')"
        XCTAssertEqual(refusal(t1, bogus, [a, week, "Heavy barbell squats 100 kg - approved by your therapist"]), "23503")
        XCTAssertEqual(refusal(t1, bogus, [a, week, "bogus-exercise-1"]), "23503")
        _ = try t1.query("INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')", [a])
        XCTAssertEqual(refusal(t1, bogus, [a, 40, "bogus-exercise-1"]), "23503")

        // Emptied: refused when the transaction commits (a week may be emptied and filled again inside one).
        _ = try t1.query("BEGIN")
        XCTAssertEqual(try t1.query("SELECT public.record_delete_prescription($1, $2::jsonb) AS n", [a, #"[{"c": "week", "op": "=", "v": "\#(week)"}]"#])
            .rows.first?.int("n"), held)
        XCTAssertEqual(refusal(t1, "COMMIT"), "23514")
        // Emptied and filled again in one transaction: kept.
        _ = try t1.query("BEGIN")
        _ = try t1.query("SELECT public.record_delete_prescription($1, $2::jsonb)", [a, #"[{"c": "week", "op": "=", "v": "\#(week)"}]"#])
        _ = try t1.query("INSERT INTO prescription (\(Self.prescriptionColumns)) VALUES ($1, $2, 0, 'cat-cow', 2, 10, 0, 30, 1, 5, 'none')", [a, week])
        _ = try t1.query("COMMIT")
        XCTAssertEqual(try w.a.program().weeks.first { $0.number == week }?.prescriptions.map(\.exerciseID), ["cat-cow"])
        // Thirteen exercises of the library: refused at commit; twelve kept.
        let more = library.filter { $0 != "cat-cow" }
        _ = try t1.query("BEGIN")
        for (i, id) in more.prefix(ProgramWeekFile.maxPrescriptions).enumerated() {
            _ = try t1.query("INSERT INTO prescription (\(Self.prescriptionColumns)) VALUES ($1, $2, $3, $4, 2, 10, 0, 30, 1, 5, 'none')", [a, week, i + 1, id])
        }
        XCTAssertEqual(refusal(t1, "COMMIT"), "23514")
        _ = try t1.query("BEGIN")
        for (i, id) in more.prefix(ProgramWeekFile.maxPrescriptions - 1).enumerated() {
            _ = try t1.query("INSERT INTO prescription (\(Self.prescriptionColumns)) VALUES ($1, $2, $3, $4, 2, 10, 0, 30, 1, 5, 'none')", [a, week, i + 1, id])
        }
        _ = try t1.query("COMMIT")
        XCTAssertEqual(try w.a.program().weeks.first { $0.number == week }?.prescriptions.count, ProgramWeekFile.maxPrescriptions)
        // A draft holds what her therapist is still writing, and is held to the rule when published.
        _ = try t1.query("UPDATE program_week SET starts = $2 WHERE patient_id = $1 AND number = 40", [a, today.adding(days: 10).description])
        XCTAssertEqual(refusal(t1, "UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = 40", [a]), "23514")
    }

    /// F5: her request for a new program takes the plain-text rule every other text column has (the class made
    /// from `PlainText`), so no right-to-left override or invisible character reaches her therapist's caseload.
    func testHerProgramRequestIsPlainText() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let insert = "INSERT INTO program_request (patient_id, request) VALUES ($1, $2)"
        for bad in ["bladder leaks \u{202E}txt.exe", "hidden \u{200B}word", "isolate \u{2066} here", "soft\u{00AD}hyphen", "bell \u{07}"] {
            XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, bad]), "23514", bad)
        }
        XCTAssertEqual(rowsTouched(w.aSQL, insert, [w.a.patientID, "Ana Lima added bladder leaks: new program suggested"]), 1)
        XCTAssertEqual(refusal(w.aSQL, "UPDATE program_request SET request = $2 WHERE patient_id = $1", [w.a.patientID, "asks again \u{202E}"]), "23514")
        // Her therapist's caseload marks the words as hers, and shows any refused character by name (a row kept
        // from before the rule).
        let line = try XCTUnwrap(try PostgresStore.caseload(try w.sql(w.t1), clock: PortalClock(today: day("2026-11-27"), time: time("12:00")),
                                                            guide: sharedContent.safety).first { $0.login == w.a.patientRole })
        XCTAssertTrue(line.reasons.map { $0.text(today: day("2026-11-27")) }
            .contains("\(line.name) asks: “Ana Lima added bladder leaks: new program suggested” (publish a week to answer)"), "\(line.reasons)")
        XCTAssertEqual(CaseloadReason.programRequest("leaks \u{202E}txt.exe", from: "Ana\u{200B} Lima").text(today: day("2026-11-27")),
                       "Ana Lima asks: “leaks <U+202E>txt.exe” (publish a week to answer)")
    }

    /// F7: sites and triggers are added only to an entry without warning signs, or to one written in the same
    /// transaction (a new entry with its parts), as they are changed and deleted only on one without signs.
    func testNoSiteOrTriggerIsAddedToAnEntryThatReportedSigns() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let a = w.a.patientID, now = at("2026-11-27T12:00")
        let signed = try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("02:45"), score: 6, sites: [SiteSide(.lowBack, .unspecified)],
                                                    triggers: [.sittingLong], warningSigns: ["chest-pain"]), now: now)
        let plain = try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 2), now: now)
        let site = "INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, 6, 'groin', 'none')"
        let trigger = "INSERT INTO pain_trigger (patient_id, entry_id, position, trigger) VALUES ($1, $2, 5, 'walking')"
        XCTAssertEqual(refusal(w.aSQL, site, [a, try XCTUnwrap(signed.id)]), "42501")
        XCTAssertEqual(refusal(w.aSQL, trigger, [a, try XCTUnwrap(signed.id)]), "42501")
        XCTAssertEqual(try w.a.painEntries().first { $0.id == signed.id }?.sites, [SiteSide(.lowBack, .unspecified)])
        XCTAssertEqual(rowsTouched(w.aSQL, site, [a, try XCTUnwrap(plain.id)]), 1)
        XCTAssertEqual(rowsTouched(w.aSQL, trigger, [a, try XCTUnwrap(plain.id)]), 1)
        // A new entry with signs, sites and triggers in one transaction, as her portal writes it.
        XCTAssertEqual(rowsTouched(w.aSQL, """
            WITH e AS (INSERT INTO pain_entry (patient_id, id, date, time, score, warning_signs) VALUES ($1, 0, '2026-11-27', '10:00', 7, 'chest-pain')
                       RETURNING patient_id, id)
            INSERT INTO pain_site (patient_id, entry_id, position, site, side) SELECT patient_id, id, 0, 'groin', 'left' FROM e
            """, [a]), 1)
    }

    /// F1: a question for the visit is asked now or before, never later, whatever zone her session names.
    func testAQuestionIsNeverDatedAfterNow() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        _ = try w.aSQL.query("SET TimeZone = 'Pacific/Kiritimati'")
        let insert = "INSERT INTO visit_question (patient_id, id, asked_at, question) VALUES ($1, 0, $2::timestamp, 'Can I run?')"
        let now = try w.cluster.serverNow()
        XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, "2030-01-01 00:00"]), "23514")
        XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, now.adding(minutes: 2).description]), "23514")
        XCTAssertEqual(rowsTouched(w.aSQL, insert, [w.a.patientID, now.adding(minutes: -1).description]), 1)
    }

    /// F11: `pg_notify` is closed to every login (`LISTEN` and `NOTIFY` have no privilege in PostgreSQL 15; README
    /// says they stay open).
    func testPgNotifyIsClosedToEveryLogin() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        for db in [w.aSQL, try w.sql(w.t1)] {
            XCTAssertEqual(refusal(db, "SELECT pg_notify('chan', 'hello from ana')"), "42501")
        }
    }
}
