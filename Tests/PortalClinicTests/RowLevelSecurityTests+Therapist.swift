import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// A therapist reads her caseload, books their visits and publishes their weeks, and cannot write their diary.
extension RowLevelSecurityTests {
    func testATherapistReadsHerCaseloadOnly() throws {
        let w = try world()
        let forA = try w.store(w.t1, for: w.a)
        XCTAssertTrue(forA.actsAsTherapist)
        XCTAssertEqual(try forA.painEntries(), try w.a.painEntries())
        XCTAssertEqual(try forA.patient(), try w.a.patient())
        XCTAssertEqual(try forA.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).quizResults, try w.a.quizResults())
        XCTAssertThrowsError(try w.store(w.t1, for: w.b), "B is t2's patient") {
            XCTAssertEqual($0 as? PortalError, .notFound("There is no patient “\(w.b.patientRole)” in your caseload."))
        }
        XCTAssertThrowsError(try PostgresStore.open(w.cluster.conninfo(w.t1))) {
            XCTAssertTrue("\($0)".contains("is a therapist's login"), "\($0)")
        }
        let t1 = try w.sql(w.t1)
        // The tables the map gives her therapist no read of (her reminders) are refused to her outright.
        let map = Dictionary(uniqueKeysWithValues: (RecordPart.allCases.flatMap(\.tables) + RecordPart.clinicOnlyTables).map { ($0.name, $0) })
        for table in try w.recordTables() {
            if let t = map[table], !t.access.contains(where: { $0.role == .therapist && $0.commands.contains(.select) }) {
                XCTAssertThrowsError(try t1.query("SELECT count(*) FROM \(table)"), "\(table): hers alone")
                continue
            }
            let ids = try t1.query("SELECT DISTINCT patient_id FROM \(table)").rows.map { try $0.int64("patient_id") }
            XCTAssertEqual(ids, [w.a.patientID], "\(table): only her caseload")
        }
        XCTAssertEqual(rowsTouched(t1, "SELECT * FROM therapist_account"), 1, "her own account only")
    }

    func testATherapistCannotWriteThePainDiary() throws {
        let w = try world()
        let forA = try w.store(w.t1, for: w.a)
        let before = try w.everything(of: w.a.patientID)
        let now = at("2026-11-27T12:00")
        var entry = try XCTUnwrap(try w.a.painEntries().first)
        XCTAssertThrowsError(try forA.addPainEntry(PainEntry(date: day("2026-11-21"), time: time("08:00"), score: 1), now: now)) {
            XCTAssertEqual("\($0)", "You are not allowed to see or change that record, so nothing was saved.")
        }
        entry.score = 0
        XCTAssertThrowsError(try forA.updatePainEntry(entry, now: now))
        XCTAssertThrowsError(try forA.deletePainEntry(id: entry.id!))
        XCTAssertThrowsError(try forA.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: day("2026-11-11")))
        XCTAssertThrowsError(try forA.saveQuizResult(QuizResult(date: day("2026-11-22"), answers: [:])))
        XCTAssertThrowsError(try forA.add(SignReport(date: day("2026-11-22"), time: time("08:00"), signs: ["seizure"]),
                                                    rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent)))
        XCTAssertThrowsError(try forA.markArticleRead("b", on: day("2026-11-22")))
        XCTAssertThrowsError(try forA.savePatient(pregnantPatient()))
        XCTAssertThrowsError(try forA.eraseAll())
        let t1 = try w.sql(w.t1)
        for statement in ["UPDATE pain_entry SET score = 0", "DELETE FROM pain_entry", "DELETE FROM pain_site",
                          "UPDATE exercise_session SET sets_done = 1", "DELETE FROM quiz_result", "UPDATE patient SET name = 'x'",
                          "DELETE FROM visit", "DELETE FROM article_read", "DELETE FROM sign_report",
                          "UPDATE sign_report SET note = 'x'"] {
            XCTAssertNil(rowsTouched(t1, statement), "no grant for \(statement)")
        }
        XCTAssertEqual(try w.everything(of: w.a.patientID), before, "A's record is unchanged")
    }

    func testATherapistBooksVisitsAndPublishesWeeksThatPatientsSeeOnlyOncePublished() throws {
        let w = try world()
        // Her weeks are dated in November: the server's day is pinned there while her therapist publishes.
        try w.cluster.pinClinicDay("2026-11-10")
        defer { try? w.cluster.unpinClinicDay() }
        let forA = try w.store(w.t1, for: w.a)
        var v2 = try XCTUnwrap(try forA.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-09T09:00")
        try forA.saveVisit(v2)
        XCTAssertEqual(try w.a.carePlan()?.visits[1], v2, "A sees the visit her therapist booked")

        let week3 = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "Next", prescriptions: [rx("clamshell", sets: 4)])
        try forA.addProgramWeek(week3, library: sharedContent.exercises, today: week3.starts.adding(days: -1))
        XCTAssertEqual(try forA.draftWeeks(), [3])
        XCTAssertEqual(try forA.program().weeks.count, 3, "the therapist sees her draft")
        XCTAssertEqual(try w.a.program().weeks.count, 2, "a draft is not shown to the patient")
        XCTAssertEqual(try w.a.draftWeeks(), [])
        XCTAssertEqual(rowsTouched(w.aSQL, "SELECT * FROM prescription WHERE week = 3"), 0)
        XCTAssertNil(rowsTouched(w.aSQL, "DELETE FROM program_week WHERE number = 3"), "she cannot remove a draft (nor any week)")
        XCTAssertNil(rowsTouched(w.aSQL, "UPDATE program_week SET published_at = now()"), "nor publish it herself")
        XCTAssertNil(rowsTouched(w.aSQL, """
            INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
            VALUES ($1, 3, 9, 'bird-dog', 1, 1, 0, 0, 1, 1, 'none')
            """, [w.a.patientID]), "nor add to it")
        XCTAssertThrowsError(try w.a.addProgramWeek(week3, library: sharedContent.exercises, today: week3.starts.adding(days: -1)), "the program is her therapist's")

        try forA.publishWeek(3)
        XCTAssertEqual(try w.a.program().weeks.last, week3, "published: now she sees it")
        XCTAssertThrowsError(try forA.publishWeek(3), "published once")

        // The other therapist cannot reach A's record at all.
        let t2 = try w.sql(w.t2)
        XCTAssertEqual(rowsTouched(t2, "UPDATE visit SET notes = 'x' WHERE patient_id = $1", [w.a.patientID]), 0)
        XCTAssertNil(rowsTouched(t2, "INSERT INTO program_week (patient_id, number, starts) VALUES ($1, 4, '2026-11-23')", [w.a.patientID]))
        XCTAssertEqual(rowsTouched(t2, "UPDATE program_week SET published_at = now() WHERE patient_id = $1", [w.a.patientID]), 0)
        XCTAssertEqual(try w.a.carePlan()?.visits[1].notes, "")
    }
}

/// Issue 19, point 3: a week the therapist wrote is hers. The patient's own login may remove weeks the portal
/// generated for her (a change of details replaces them), but not one of her therapist's, whatever she sends.
extension RowLevelSecurityTests {
    func testAPatientCannotRemoveAWeekHerTherapistWrote() throws {
        let w = try world()
        // Her weeks are dated in November: the server's day is pinned there while her therapist publishes.
        try w.cluster.pinClinicDay("2026-11-10")
        defer { try? w.cluster.unpinClinicDay() }
        let forA = try w.store(w.t1, for: w.a)
        let week = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "From your therapist",
                               prescriptions: [Prescription(exerciseID: "cat-cow", dose: Dose(sets: 1, reps: 8))])
        try forA.addProgramWeek(week, library: sharedContent.exercises, today: week.starts.adding(days: -1))
        try forA.publishWeek(3)
        XCTAssertEqual(try w.a.program().week(number: 3)?.origin, .therapist)
        // Issue 21: the program is her therapist's, generated weeks included: her login deletes no week at all.
        XCTAssertNil(rowsTouched(w.aSQL, "DELETE FROM prescription WHERE week = 3"), "her prescriptions stay")
        XCTAssertNil(rowsTouched(w.aSQL, "DELETE FROM program_week WHERE number = 3"), "her week stays")
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE program_week SET origin = 'generated' WHERE number = 3"), nil, "no update grant at all")
        XCTAssertEqual(try w.a.program().week(number: 3), try forA.program().week(number: 3))
        XCTAssertThrowsError(try w.a.eraseAll())
        XCTAssertEqual(try w.a.program().weeks.count, 3, "nothing was erased")
        XCTAssertNil(rowsTouched(w.aSQL, "DELETE FROM program_week WHERE number = 2"), "nor a generated one: a change of her details asks her therapist")
    }
}
