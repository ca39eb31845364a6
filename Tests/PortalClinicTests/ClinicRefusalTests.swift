import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// A write the database's rules refuse (SQLSTATE class 23) says which rule, and what it accepts, not only "breaks a
/// rule of the portal" (`ClinicRefusal`). Each refusal is a real one, sent as the real login and put into words
/// by the connection, as the portal's stores do.
final class ClinicRefusalTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// What `sql` is refused with, in the portal's words, run in one transaction of `db`.
    func said(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?], file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try db.transaction { db in _ = try db.query(sql, params) }
            XCTFail("ran: \(sql)", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testAColumnsRuleIsSaidWithTheValuesItAccepts() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1)
        XCTAssertEqual(said(t1, "UPDATE visit SET duration_minutes = 300 WHERE patient_id = $1 AND number = 2", [w.a.patientID]),
                       "The length of a visit in minutes is a whole number from 15 to 240, so nothing was saved.")
        XCTAssertEqual(said(t1, "UPDATE visit SET mode = 'phone' WHERE patient_id = $1 AND number = 2", [w.a.patientID]),
                       "The mode of a visit is one of \(VisitMode.allCases.map(\.rawValue).joined(separator: ", ")), so nothing was saved.")
        XCTAssertTrue(VisitMode.allCases.map(\.rawValue).contains("in-person"))
    }

    /// Every refusal she can reach names the field in the words her screens use (`RecordPart.words`), with what
    /// it accepts: never a table's, a column's or a rule's name ("pain_entry.score", "pain_entry_note_plain"),
    /// which the server keeps in its log (the refusal's detail) for the administrator.
    func testHerRefusalsNameTheFieldInHerWordsNeverTheServersNames() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let her = w.aSQL, a = w.a.patientID
        let cases: [(sql: String, params: [(any PGParam)?], says: String)] = [
            ("UPDATE pain_entry SET score = 11 WHERE patient_id = $1", [a],
             "The pain score is a whole number from 0 to 10, so nothing was saved."),
            ("UPDATE pain_entry SET note = E'a\\u0007b' WHERE patient_id = $1", [a],
             "The note of a pain entry contains characters the portal does not accept (control characters, tabs or invisible formatting characters), so nothing was saved. Use plain text."),
            ("UPDATE pain_entry SET date = '1850-01-01' WHERE patient_id = $1", [a],
             "That change breaks a rule of the portal: every date of a pain entry falls within the years 1900 to 2199, as the portal reads it; nothing was saved."),
            ("INSERT INTO quiz_result (patient_id, taken_on, answers) VALUES ($1, '2026-11-20', '{\"urgency\": 3}')", [a],
             "That change breaks a rule of the portal: the answers of a check-in must be a list of names with true or false, as the portal reads them; nothing was saved."),
        ]
        let therapists: [(sql: String, params: [(any PGParam)?], says: String)] = [
            ("UPDATE visit SET notes = repeat('a', $2) WHERE patient_id = $1 AND number = 2", [a, Visit.notesLimit + 1],
             "That change breaks a rule of the portal: a text is longer than the portal accepts (at most \(Visit.locationLimit) characters in the location of a visit, \(Patient.therapistLimit) characters in the therapist of a visit, \(Visit.focusLimit) characters in the focus of a visit, \(Visit.notesLimit) characters in the notes of a visit); nothing was saved."),
        ]
        let names = (RecordPart.tables + RecordPart.clinicOnlyTables).map(\.name)
        let t1 = try w.sql(w.t1)
        for (c, db) in cases.map({ ($0, her) }) + therapists.map({ ($0, t1) }) {
            let text = said(db, c.sql, c.params)
            XCTAssertEqual(text, c.says, c.sql)
            XCTAssertFalse(text.contains("_"), "a name of the server's: \(text)")
            for name in names where text.contains(name + ".") || text.contains(name + ":") { XCTFail("\(name) in: \(text)") }
        }
        // The server's log keeps the names: the refusal's detail says them.
        let source = try w.sql("postgres").query("SELECT prosrc FROM pg_proc WHERE proname = 'pain_entry_date_bounds'").rows.first?.text("prosrc")
        XCTAssertTrue(source?.contains("DETAIL = 'pain_entry: date") ?? false, source ?? "no function")
    }

    /// A trigger that names no constraint is said by its own sentence.
    func testATriggersRuleIsSaidInItsOwnWords() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1), a = w.a.patientID
        _ = try t1.query("UPDATE visit SET status = 'completed' WHERE patient_id = $1 AND number = 1", [a])
        XCTAssertEqual(said(t1, "UPDATE visit SET starts_at = starts_at + interval '1 day' WHERE patient_id = $1 AND number = 1", [a]),
                       "That change breaks a rule of the portal: a completed visit keeps its date and status; nothing was saved.")
    }

    /// Her therapist replaces an upcoming week through the portal while a session logged before change 29 names
    /// it (the administrator writes one, as an import would): the week keeps it, and says so.
    func testALoggedExerciseKeptInItsWeekIsSaidThroughThePortal() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), a = w.a.patientID
        let today = try w.cluster.serverNow().date
        let therapist = try w.store(w.t1, for: w.a)
        let current = try XCTUnwrap(try w.a.program().weeks.last)
        let upcoming = ProgramWeek(number: current.number + 1, starts: today.adding(days: 3), note: "Next", prescriptions: current.prescriptions)
        try therapist.publishWeek(upcoming, library: sharedContent.exercises, today: today)
        _ = try admin.query("INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done) VALUES ($1, $2::date, $3, 'clamshell', 1)",
                            [a, upcoming.starts.description, upcoming.number])
        let replaced = ProgramWeek(number: upcoming.number, starts: upcoming.starts, note: "Changed", prescriptions: current.prescriptions)
        XCTAssertThrowsError(try therapist.publishWeek(replaced, library: sharedContent.exercises, today: today)) {
            XCTAssertEqual("\($0)", ClinicRefusal.stillUsed["exercise_session_patient_id_week_exercise_id_fkey"])
            XCTAssertTrue("\($0)".contains("She has marked this week's exercises done"), "\($0)")
        }
        XCTAssertEqual(try w.a.program().week(number: upcoming.number)?.note, "Next", "nothing was saved")
    }

    /// clinic-i, item 4: a newer portal's exercise that the clinic's library lacks (its `clinic init` not run
    /// since) is refused with what to do; `clinic init` adds it, and running it again changes nothing.
    func testAnExerciseTheLibraryLacksSaysToRunClinicInitWhichAddsIt() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), t1 = try w.sql(w.t1), a = w.a.patientID
        let missing = try XCTUnwrap(try admin.query("""
            SELECT id FROM exercise_library WHERE id NOT IN (SELECT exercise_id FROM prescription) ORDER BY id LIMIT 1
            """).rows.first?.text("id"))
        // The library as an older portal's `clinic init` left it: without this exercise.
        _ = try admin.query("DELETE FROM exercise_library WHERE id = $1", [missing])
        _ = try t1.query("INSERT INTO program_week (patient_id, number, starts, note, origin) VALUES ($1, 40, '2028-01-03', 'draft', 'therapist')", [a])
        let prescribe = "INSERT INTO prescription (\(ClinicRulesTests.prescriptionColumns)) VALUES ($1, 40, 0, $2, 2, 10, 0, 30, 1, 5, 'none')"
        let text = said(t1, prescribe, [a, missing])
        XCTAssertEqual(text, ClinicRefusal.named["prescription_exercise_in_library"])
        XCTAssertTrue(text.contains("runuser -u postgres -- portal clinic init"), text)

        let library = { Set(try admin.query("SELECT id FROM exercise_library").rows.map { try $0.text("id") }) }
        try ClinicAdmin(connection: admin).initialise()
        let refilled = try library()
        XCTAssertEqual(refilled, Set(sharedContent.exercises.exercises.map(\.id)))
        try ClinicAdmin(connection: admin).initialise()
        XCTAssertEqual(try library(), refilled, "a second run changes nothing")
        XCTAssertEqual(try t1.transaction { db in try db.query(prescribe, [a, missing]).affected }, 1)
    }
}
