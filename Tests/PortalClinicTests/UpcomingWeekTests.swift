import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Issue 23 point 3, "she starts from the current week": her therapist replaces next week before it starts, and a
/// week that has started is changed by nobody but the administrator. The server's day decides (`clinic_today()`),
/// so A's two weeks are dated by it first: week 1 began four days ago, week 2 begins in three. Every right is
/// tried as the real roles in SQL (her therapist, the other therapist, the patient), and through the store.
extension RowLevelSecurityTests {
    /// A's weeks dated by the server's day (week 1 under way, week 2 to come), and that day.
    func datedByTheServer(_ w: ClinicWorld) throws -> CalendarDate {
        let admin = try w.sql("postgres")
        try admin.query("UPDATE program_week SET starts = clinic_today() - 4 WHERE patient_id = $1 AND number = 1", [w.a.patientID])
        try admin.query("UPDATE program_week SET starts = clinic_today() + 3 WHERE patient_id = $1 AND number = 2", [w.a.patientID])
        // Week 2 has not started: the exercise she logged in it when it was dated in the past goes (as the
        // administrator), or it would keep week 2's prescriptions (change 28: a logged session keeps its own).
        try admin.query("DELETE FROM exercise_session WHERE patient_id = $1 AND week = 2", [w.a.patientID])
        let text = try admin.query("SELECT clinic_today()::text AS d").rows.first?.text("d")
        return try XCTUnwrap(text.flatMap(CalendarDate.init))
    }

    func testHerTherapistReplacesNextWeekBeforeItStartsInOneTransactionAndTheHistoryKeepsTheOld() throws {
        let w = try world()
        let today = try datedByTheServer(w)
        let forA = try w.store(w.t1, for: w.a)
        let program = try forA.program()
        let (week1, week2) = (try XCTUnwrap(program.week(number: 1)), try XCTUnwrap(program.week(number: 2)))
        // The editor's start: next week (2) from this week's program (1), in place of the generated week 2.
        var draft = try XCTUnwrap(WeekDraft.following(current: program, today: today))
        XCTAssertEqual(draft.week.number, 2)
        XCTAssertEqual(draft.week.starts, week2.starts)
        XCTAssertEqual(draft.week.prescriptions, week1.prescriptions)
        XCTAssertEqual(draft.replaces, week2)
        try draft.set(.sets, of: week1.prescriptions[0].exerciseID, to: week1.prescriptions[0].dose.sets + 1)
        draft.week.note = "One more set from Monday"
        XCTAssertThrowsError(try forA.saveDraftWeek(draft.week, library: sharedContent.exercises, today: draft.week.starts.adding(days: -1)), "no draft beside a published week")

        try forA.publishWeek(draft.week, library: sharedContent.exercises, today: today)
        XCTAssertEqual(try w.a.program().week(number: 2), draft.week, "she sees the new week 2, whole")
        XCTAssertEqual(try w.a.program().weeks.count, 2, "in its place: no week added")
        XCTAssertEqual(try forA.draftWeeks(), [])
        XCTAssertEqual(try w.a.program().week(number: 1), week1, "this week as it was")

        // The old week is in the clinic's history: its row as it was, and each of its prescriptions.
        let admin = try w.sql("postgres")
        let old = try admin.query("""
            SELECT table_name, op FROM clinical_history WHERE patient_id = $1
                AND (table_name = 'program_week' AND old_row->>'number' = '2' OR table_name = 'prescription' AND op = 'DELETE' AND old_row->>'week' = '2')
            """, [w.a.patientID]).rows.map { "\(try $0.text("table_name")) \(try $0.text("op"))" }
        XCTAssertTrue(old.contains("program_week UPDATE"), "\(old)")
        XCTAssertEqual(old.filter { $0 == "prescription DELETE" }.count, week2.prescriptions.count, "\(old)")

        // Her own week 2 now: the editor goes on from it rather than from this week.
        let again = try XCTUnwrap(WeekDraft.following(current: try forA.program(), today: today))
        XCTAssertEqual(again.week, draft.week)
        XCTAssertEqual(again.previous, week1)
    }

    /// The clinic's day is its clock's (`clinic_now()`, change 20), not the session's `CURRENT_DATE`: a week that
    /// started today cannot be made to look upcoming by a login that moves its own zone a day back. Zones twelve
    /// hours behind and fourteen ahead of UTC are 26 hours apart, so at any hour one of them is on another day
    /// than the clinic's; in both, the day is the clinic's and the started week stays as it is.
    func testNoLoginMovesTheClinicsDayWithItsOwnTimeZone() throws {
        let w = try world()
        let id = w.a.patientID
        let admin = try w.sql("postgres")
        try admin.query("UPDATE program_week SET starts = clinic_today() WHERE patient_id = $1 AND number = 1", [id])
        try admin.query("UPDATE program_week SET starts = clinic_today() + 7 WHERE patient_id = $1 AND number = 2", [id])
        let t1 = try w.sql(w.t1)
        var otherDay = false
        for zone in ["Etc/GMT+12", "Pacific/Kiritimati"] {
            try t1.execute("SET TimeZone = '\(zone)'")
            let row = try XCTUnwrap(t1.query("SELECT clinic_today() = (clinic_now())::date AS same, clinic_today() <> CURRENT_DATE AS moved").rows.first)
            XCTAssertEqual(try row.text("same"), "t", zone)
            if try row.text("moved") == "t" { otherDay = true }
            XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET note = 'x' WHERE patient_id = $1 AND number = 1", [id]), 0,
                           "\(zone): week 1 started today by the clinic's day")
        }
        XCTAssertTrue(otherDay, "one of the two zones was on another day than the clinic's")
    }

    func testAWeekThatHasStartedIsChangedByNobodyButTheAdministrator() throws {
        let w = try world()
        let today = try datedByTheServer(w)
        let id = w.a.patientID
        let forA = try w.store(w.t1, for: w.a)
        let t1 = try w.sql(w.t1), t2 = try w.sql(w.t2)
        let insert = """
            INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
            VALUES ($1, $2, 9, 'bird-dog', 1, 1, 0, 0, 1, 1, 'none')
            """
        // Her therapist, week 1 (under way): no change, no delete, no prescription in or out, by any statement.
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET note = 'x' WHERE patient_id = $1 AND number = 1", [id]), 0)
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 10 WHERE patient_id = $1 AND number = 1", [id]), 0,
                       "not by moving its start after today either")
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("program_week", ["number": "1"]), [id]), 0)
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("prescription", ["week": "1"]), [id]), 0)
        XCTAssertNil(rowsTouched(t1, insert, [id, 1]))
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET published_at = NULL WHERE patient_id = $1", [id]), "nor unpublished")
        // Week 2 (to come): she may put it right, but not make it start by today, delete it to write it again,
        // or take it back to a draft.
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET note = 'Easy week' WHERE patient_id = $1 AND number = 2", [id]), 1)
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() WHERE patient_id = $1 AND number = 2", [id]),
                     "its start moved to today: it would have started")
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() - 1 WHERE patient_id = $1 AND number = 2", [id]))
        // Nor move it into the week under way (week 1 began four days ago: tomorrow is its sixth day), nor renumber it.
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 1 WHERE patient_id = $1 AND number = 2", [id]),
                     "week 2 would start inside week 1")
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET number = 9 WHERE patient_id = $1 AND number = 2", [id]), "a published week keeps its number")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 4 WHERE patient_id = $1 AND number = 2", [id]), 1,
                       "a week after week 1 began, it may move")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 3 WHERE patient_id = $1 AND number = 2", [id]), 1)
        XCTAssertEqual(rowsTouched(t1, ClinicWorld.deleting("program_week", ["number": "2"]), [id]), 0, "a published week is never deleted")
        XCTAssertEqual(rowsTouched(t1, insert, [id, 2]), 1)
        // A week published late cannot come before one she has (nor cut into the week under way).
        XCTAssertEqual(rowsTouched(t1, "INSERT INTO program_week (patient_id, number, starts) VALUES ($1, 3, clinic_today() + 1)", [id]), 1)
        XCTAssertNil(rowsTouched(t1, "UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = 3", [id]),
                     "week 3 would start before week 2")
        // The other therapist reaches nothing of A's program; A herself writes none of it.
        for sql in ["UPDATE program_week SET note = 'x' WHERE patient_id = $1", ClinicWorld.deleting("prescription"),
                    ClinicWorld.deleting("program_week")] {
            XCTAssertEqual(rowsTouched(t2, sql, [id]), 0, "t2: \(sql)")
        }
        XCTAssertNil(rowsTouched(t2, insert, [id, 2]), "t2: a prescription in A's week 2")
        for sql in ["UPDATE program_week SET note = 'x' WHERE patient_id = $1", ClinicWorld.deleting("prescription"),
                    ClinicWorld.deleting("program_week")] {
            XCTAssertNil(rowsTouched(w.aSQL, sql, [id]), "A: \(sql)")
        }
        XCTAssertNil(rowsTouched(w.aSQL, insert, [id, 2]), "A: a prescription in her week 2")

        // Through the store: a started week is refused, by the portal's own check and, when the portal's clock is
        // behind the server's, by the server.
        var week1 = try XCTUnwrap(try forA.program().week(number: 1))
        week1.origin = .therapist
        week1.note = "Changed"
        XCTAssertThrowsError(try forA.publishWeek(week1, library: sharedContent.exercises, today: today)) {
            XCTAssertTrue("\($0)".contains("has started"), "\($0)")
        }
        XCTAssertThrowsError(try forA.publishWeek(week1, library: sharedContent.exercises, today: today.adding(days: -30)), "the server's day decides")
        XCTAssertEqual(try w.a.program().week(number: 1)?.note, "Start", "week 1 as it was")

        // The administrator may (a superuser, who puts records right).
        XCTAssertEqual(rowsTouched(try w.sql("postgres"), "UPDATE program_week SET note = 'Put right' WHERE patient_id = $1 AND number = 1", [id]), 1)
    }
}

/// QA D23 and D5: the server keeps `Program.startWindow`'s floor whatever a therapist's session writes. A draft is
/// hers to date as she likes until she publishes it; publishing a week that starts before the clinic's tomorrow
/// (in the past, or today), or inside her published week before it, is refused as her therapist's real role.
extension RowLevelSecurityTests {
    func testTheServerNeverPublishesAWeekStartingInThePastOrInsideTheWeekBefore() throws {
        let w = try world()
        let today = try datedByTheServer(w)  // week 1 began four days ago, week 2 begins in three
        let id = w.a.patientID
        let t1 = try w.sql(w.t1)
        XCTAssertEqual(rowsTouched(t1, "INSERT INTO program_week (patient_id, number, starts, origin) VALUES ($1, 3, clinic_today() - 120, 'therapist')", [id]), 1,
                       "a draft is hers to date")
        XCTAssertEqual(rowsTouched(t1, "INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) VALUES ($1, 3, 0, 'cat-cow', 2, 10, 0, 30, 1, 5, 'none')", [id]), 1)
        let publish = "UPDATE program_week SET published_at = now() WHERE patient_id = $1 AND number = 3"
        XCTAssertNil(rowsTouched(t1, publish, [id]), "four months ago: never given to her in the past")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() WHERE patient_id = $1 AND number = 3", [id]), 1)
        XCTAssertNil(rowsTouched(t1, publish, [id]), "today: under way the moment she has it")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 9 WHERE patient_id = $1 AND number = 3", [id]), 1)
        XCTAssertNil(rowsTouched(t1, publish, [id]), "on week 2's seventh day: inside the week before it")
        // Published as a new row at once, the same.
        XCTAssertNil(rowsTouched(t1, "INSERT INTO program_week (patient_id, number, starts, origin, published_at) VALUES ($1, 4, clinic_today() - 1, 'therapist', now())", [id]))
        XCTAssertEqual(try w.a.program().weeks.map(\.number), [1, 2], "she has no week in the past")
        XCTAssertEqual(rowsTouched(t1, "UPDATE program_week SET starts = clinic_today() + 10 WHERE patient_id = $1 AND number = 3", [id]), 1)
        XCTAssertEqual(rowsTouched(t1, publish, [id]), 1, "a week after week 2 begins, after today: published")
        XCTAssertEqual(try w.a.program().week(number: 3)?.starts, today.adding(days: 10))
    }
}
