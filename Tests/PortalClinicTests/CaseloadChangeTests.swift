import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The therapist's open caseload asks once a second whether anything of her patients' records changed
/// (`PostgresStore.caseloadToken`): each record's count of changes (`record_change`, clinic change 23), kept by
/// the history's trigger on every table of the record her therapist reads, with her caseload and the clinic's
/// day. Every change is tested as the real role makes it, in SQL or through the store: an insert, a change in
/// place, a delete, by her, by her therapist, by the administrator; and who may read or write the counts.
final class CaseloadChangeTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let now = at("2026-11-27T12:00")
    var rules: EntryRules { EntryRules(now: now, content: sharedContent) }

    /// Her therapist's token, as her portal asks for it (her own login, row-level security).
    final class Watch {
        let therapist: PGConnection
        var last: Int64
        init(_ therapist: PGConnection) throws {
            self.therapist = therapist
            last = try PostgresStore.caseloadToken(therapist)
        }

        /// Runs `change` and checks the token moved (and then stays where it is while nothing changes).
        func moves(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ change: () throws -> Void) throws {
            try change()
            let token = try PostgresStore.caseloadToken(therapist)
            XCTAssertNotEqual(token, last, "\(what): her therapist's token did not move", file: file, line: line)
            XCTAssertEqual(try PostgresStore.caseloadToken(therapist), token, "\(what): nothing else changed", file: file, line: line)
            last = token
        }

        /// Runs `change` and checks the token stayed.
        func stays(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ change: () throws -> Void) throws {
            try change()
            XCTAssertEqual(try PostgresStore.caseloadToken(therapist), last, "\(what): her therapist's token moved", file: file, line: line)
        }
    }

    /// What A's portal writes, in place as well as new, moves t1's token; what B (t2's patient) writes does not.
    func testEveryChangeHerPortalMakesMovesHerTherapistsToken() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let watch = try Watch(try w.sql(w.t1))
        try watch.stays("nothing written") {}

        var entry = try w.a.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("08:00"), score: 3), now: now)
        try watch.moves("a pain entry added") {}
        try watch.moves("a pain entry's score changed in place") {
            entry.score = 6
            entry = try w.a.updatePainEntry(entry, now: now)
        }
        try watch.moves("a pain entry deleted") { try w.a.deletePainEntry(id: try XCTUnwrap(entry.id)) }
        // (Her program's weeks are 2 and 9 November; the sessions are those of its days.)
        try watch.moves("an exercise done") { try w.a.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: day("2026-11-11")) }
        try watch.moves("an exercise undone") { XCTAssertTrue(try w.a.undoDone(exerciseID: "clamshell", on: day("2026-11-11"))) }
        var leak = try w.a.add(BladderEvent.leak(day("2026-11-26"), time("10:00"), amount: .drops), rules: rules)
        try watch.moves("a bladder diary row added") {}
        try watch.moves("a bladder diary row changed in place") {
            leak.note = "after coughing"
            leak = try w.a.replace(leak, rules: rules)
        }
        try watch.moves("a bladder diary row removed") { try w.a.remove(BladderEvent.self, id: try XCTUnwrap(leak.id)) }
        try watch.moves("her name changed") {
            var patient = try XCTUnwrap(try w.a.patient())
            patient.name = "Ana Renamed"
            try w.a.savePatient(patient)
        }
        try watch.moves("a question asked") { try w.a.ask("Can I swim?", at: now) }
        try watch.moves("a report sent (kept once, not in the history)") {
            try w.a.send(SharedReport(date: day("2026-11-27"), time: time("12:00"), format: .reportText, sections: [.pain], body: "report"))
        }
        try watch.moves("a new program asked for") { try w.a.askForProgram("My due date moved.") }
        try watch.moves("the same request asked again, in place") { try w.a.askForProgram("My due date moved again.") }

        // Her own raw SQL: a session's sets changed in place, a check-in deleted.
        try watch.moves("a session changed in place by psql") {
            XCTAssertGreaterThan(try w.aSQL.transaction { try $0.query("UPDATE exercise_session SET sets_done = sets_done WHERE patient_id = $1", [w.a.patientID]) }.affected, 0)
        }
        try watch.moves("a check-in deleted by psql, through the table's delete function") {
            let n = try w.aSQL.transaction {
                try $0.query(#"SELECT public.record_delete_quiz_result($1, '[{"c": "id", "op": ">=", "v": "0"}]'::jsonb) AS n"#, [w.a.patientID])
            }.rows.first?.int("n")
            XCTAssertEqual(n, 1)
        }

        // What is hers alone, her therapist does not read, and its changes tell her therapist nothing.
        try watch.stays("her reminder settings") {
            try w.a.saveReminderSettings(ReminderSettings(daily: [.exercises: DailyReminder(time: time("19:00"))], visitOffsets: []))
        }
        try watch.stays("a reminder logged") {
            try w.a.logReminder(ReminderDelivery(kind: .exercises, subject: "exercises/2026-11-27", at: at("2026-11-27T19:00"), outcome: .waiting))
        }
        // Another therapist's patient.
        try watch.stays("B's pain entry") { try w.b.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("09:00"), score: 2), now: now) }
        try watch.stays("B's name") {
            var patient = try XCTUnwrap(try w.b.patient())
            patient.name = "Bea Renamed"
            try w.b.savePatient(patient)
        }
    }

    /// What her therapist writes, in place or not, and what the administrator changes, moves the token too: a
    /// visit moved, a question answered, a draft week written, its note changed and dropped, her request answered,
    /// a patient added to her caseload and taken out of it.
    func testHerTherapistsAndTheAdministratorsChangesMoveTheToken() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let watch = try Watch(try w.sql(w.t1))
        let t1 = try w.sql(w.t1)
        let asTherapist = try w.store(w.t1, for: w.a)
        let admin = try w.sql("postgres")
        let a = w.a.patientID

        try watch.moves("a visit moved by her therapist") {
            XCTAssertEqual(try t1.transaction { try $0.query("UPDATE visit SET location = 'Room 2', focus = 'Moved' WHERE patient_id = $1 AND number = 1", [a]) }.affected, 1)
        }
        let question = try w.a.ask("Is the bike fine?", at: now)
        try watch.moves("her question") {}
        try watch.moves("her question answered") {
            try asTherapist.answerQuestion(id: try XCTUnwrap(question.id), answer: "Yes, gently.", at: at("2026-11-27T12:30"))
        }
        let last = try XCTUnwrap(try w.a.program().weeks.map(\.number).max())
        let latest = try XCTUnwrap(try w.a.program().weeks.last)
        var draft = ProgramWeek(number: last + 1, starts: max(latest.starts.adding(days: 7), now.date.adding(days: 1)), note: "",
                                prescriptions: latest.prescriptions)
        try watch.moves("a draft week saved") { try asTherapist.saveDraftWeek(draft, library: sharedContent.exercises, today: now.date) }
        try watch.moves("the draft saved again") {
            draft.note = "Easier this week."
            try asTherapist.saveDraftWeek(draft, library: sharedContent.exercises, today: now.date)
        }
        try watch.moves("the draft's note changed in place by psql") {
            XCTAssertEqual(try t1.transaction { try $0.query("UPDATE program_week SET note = 'Rest more.' WHERE patient_id = $1 AND number = $2", [a, draft.number]) }.affected, 1)
        }
        try watch.moves("the draft's start changed by psql") {
            XCTAssertEqual(try t1.transaction { try $0.query("UPDATE program_week SET starts = starts + 1 WHERE patient_id = $1 AND number = $2", [a, draft.number]) }.affected, 1)
        }
        try watch.moves("the draft dropped by psql, through the table's delete function") {
            let terms = #"[{"c": "number", "op": "=", "v": "\#(draft.number)"}, {"op": "unpublished"}]"#
            let n = try t1.transaction {
                try $0.query("SELECT public.record_delete_program_week($1, $2::jsonb) AS n", [a, terms])
            }.rows.first?.int("n")
            XCTAssertEqual(n, 1)
        }
        try w.a.askForProgram("New pain in my wrist.")
        try watch.moves("her request") {}
        try watch.moves("her request withdrawn by the administrator") {
            XCTAssertEqual(try admin.transaction { try $0.query("DELETE FROM program_request WHERE patient_id = $1", [a]) }.affected, 1)
        }
        try watch.moves("a visit's notes written by the administrator") {
            XCTAssertEqual(try admin.transaction { try $0.query("UPDATE visit SET notes = 'Seen.' WHERE patient_id = $1 AND number = 1", [a]) }.affected, 1)
        }
        try watch.moves("B moved into her caseload") {
            try admin.execute("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t1, w.b.patientID])
        }
        try watch.moves("B's pain entry, now hers") { try w.b.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("09:00"), score: 2), now: now) }
        try watch.moves("A and B swapped between the two caseloads at once") {
            try admin.transaction { db in
                try db.query("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t2, a])
                try db.query("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t1, w.b.patientID])
            }
        }
        try watch.moves("B moved out of it") {
            try admin.execute("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t2, w.b.patientID])
        }
        try watch.moves("A back in it") {
            try admin.execute("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t1, a])
        }
    }

    /// Every table of the record her therapist reads (the map's list, so a table added later is held too): a
    /// change in place and a delete of one of her rows, whoever makes them (here the administrator, whom no
    /// policy narrows), moves the token; a table her therapist does not read moves nothing. Then her whole record
    /// goes: she leaves the caseload.
    func testAChangeInPlaceAndADeleteInEveryTableHerTherapistReadsMoveTheToken() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let watch = try Watch(try w.sql(w.t1))
        let admin = try w.sql("postgres")
        let a = w.a.patientID
        let tables = RecordPart.tables + RecordPart.clinicOnlyTables
        func read(_ table: RecordTable) -> Bool { table.access.contains { $0.role == .therapist && $0.commands.contains(.select) } }
        XCTAssertTrue(tables.contains { !read($0) }, "the test holds a table her therapist does not read too")
        for table in tables {
            // The same values written again: a change in place that changes nothing still runs every trigger.
            let changed: () throws -> Int = { try admin.transaction { try $0.query("UPDATE \(table.name) SET patient_id = patient_id WHERE patient_id = $1", [a]) }.affected }
            if read(table) {
                try watch.moves("\(table.name): a row changed in place") { XCTAssertGreaterThan(try changed(), 0, "\(table.name): the world seeds a row") }
            } else {
                try watch.stays("\(table.name): a row changed in place") { XCTAssertGreaterThan(try changed(), 0, "\(table.name): the world seeds a row") }
            }
        }
        // Deletes, children before their parents (a parent's delete takes its children with it); the care plan's
        // six visits stay (no login, the administrator included, leaves a plan with fewer).
        for table in tables.reversed() where read(table) && table.name != "visit" {
            try watch.moves("\(table.name): a row deleted") {
                let deleted = try admin.transaction {
                    try $0.query("DELETE FROM \(table.name) WHERE ctid = (SELECT ctid FROM \(table.name) WHERE patient_id = $1 LIMIT 1)", [a])
                }.affected
                XCTAssertEqual(deleted, 1, "\(table.name): a row of hers was there to delete")
            }
        }
        try watch.moves("her record deleted") { try admin.execute("DELETE FROM patient_account WHERE patient_id = $1", [a]) }
        XCTAssertEqual(try admin.query("SELECT count(*) AS n FROM record_change WHERE patient_id = $1", [a]).rows.first?.int("n"), 0,
                       "her count goes with her record")
    }

    /// The caseload's rows are worked out on the clinic's day: a new day moves the token though nobody wrote.
    func testTheClinicsNewDayMovesTheToken() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        let zone = try XCTUnwrap(try admin.query("SELECT zone FROM clinic_zone").rows.first?.text("zone"))
        defer { try? admin.execute("UPDATE clinic_zone SET zone = $1", [zone]) }
        // 26 hours apart: the clinic's date in one zone is never the date in the other.
        try admin.execute("UPDATE clinic_zone SET zone = 'Etc/GMT+12'")
        let watch = try Watch(try w.sql(w.t1))
        try watch.moves("the clinic's day") { try admin.execute("UPDATE clinic_zone SET zone = 'Etc/GMT-14'") }
    }

    /// Her therapist reads the counts of her own caseload and no one else's; a patient reads none, not even her
    /// own (it counts her therapist's drafts, which are not hers to see); nobody writes one but the trigger.
    func testOnlyHerTherapistReadsTheCountsAndNoLoginWritesThem() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let (a, b) = (w.a.patientID, w.b.patientID)
        let admin = try w.sql("postgres")
        XCTAssertEqual(try admin.query("SELECT count(DISTINCT patient_id) AS n FROM record_change WHERE patient_id IN ($1, $2) AND changes > 0", [a, b])
                        .rows.first?.int("n"), 2, "each record's writes were counted")
        for (therapist, hers, other) in [(w.t1, a, b), (w.t2, b, a)] {
            let db = try w.sql(therapist)
            XCTAssertEqual(try db.query("SELECT DISTINCT patient_id FROM record_change").rows.map { try $0.int64("patient_id") }, [hers])
            XCTAssertEqual(rowsTouched(db, "SELECT changes FROM record_change WHERE patient_id = $1", [other]), 0, "another caseload's count")
            XCTAssertNil(rowsTouched(db, "SELECT xmin FROM record_change"), "its system columns say how much others wrote")
        }
        for role in [w.a.patientRole, w.b.patientRole, w.t1, w.t2] {
            let db = try w.sql(role)
            let mine = role == w.b.patientRole || role == w.t2 ? b : a
            if role == w.a.patientRole || role == w.b.patientRole {
                XCTAssertNil(rowsTouched(db, "SELECT changes FROM record_change"), "\(role) reads no count")
            }
            XCTAssertNil(rowsTouched(db, "UPDATE record_change SET changes = 0 WHERE patient_id = $1", [mine]), "\(role) changed a count")
            XCTAssertNil(rowsTouched(db, "INSERT INTO record_change (patient_id, writer, changes) VALUES ($1, current_user, 0) ON CONFLICT (patient_id, writer) DO UPDATE SET changes = 0", [mine]),
                         "\(role) wrote a count")
            XCTAssertNil(rowsTouched(db, "DELETE FROM record_change WHERE patient_id = $1", [mine]), "\(role) deleted a count")
            XCTAssertNil(rowsTouched(db, "TRUNCATE record_change"), "\(role) emptied the counts")
            XCTAssertNil(rowsTouched(db, "SELECT public.record_history()"), "\(role) called the trigger's function")
        }
        XCTAssertEqual(try admin.query("SELECT count(DISTINCT patient_id) AS n FROM record_change WHERE patient_id IN ($1, $2) AND changes > 0", [a, b])
                        .rows.first?.int("n"), 2)
    }
}
