import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Her questions for the visit, right by right, each sent as the real role's own login in SQL (issue 23, point 4):
/// only she and her therapist read them; she inserts her own without an answer and deletes her own while
/// unanswered, and marks an answer read; he writes only the answer, as himself; another patient and another
/// therapist reach none of it; the administrator reads everything, the history included. `RightsByRoleTests`
/// probes an answered row of every table; these are the rows and columns that one cannot show.
final class QuestionRightsTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// What a statement came to: rows it touched, or the server's refusal (its SQLSTATE).
    enum Outcome: Equatable {
        case rows(Int)
        case refused(String)
    }

    /// Runs `sql` as `db` in a transaction that is rolled back: what it would do, leaving nothing behind.
    func attempt(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?] = []) -> Outcome {
        defer { _ = try? db.query("ROLLBACK") }
        do {
            _ = try db.query("BEGIN")
            let r = try db.query(sql, params)
            return .rows(max(r.affected, r.rows.count))
        } catch let PGError.server(code, _, _) {
            return .refused(code)
        } catch {
            return .refused("\(error)")
        }
    }

    /// "Erase all" on her clinic login: the clinic keeps her record (her role may delete a waiting question, never
    /// an answered one, a visit or her details), so the erase is refused before anything goes, in words that say
    /// so, and her record, both questions included, is as it was. Her therapist's session is refused the same
    /// way; only the administrator erases a record (what `portal demo --force` does to a clinic's test record).
    func testEraseAllOnAClinicLoginIsRefusedInItsOwnWordsAndErasesNothing() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let before = try w.a.record(.whole)
        XCTAssertEqual(before.questions.filter(\.isAnswered).count, 1, "an answered question")
        XCTAssertEqual(before.questions.filter { !$0.isAnswered }.count, 1, "and a waiting one")
        XCTAssertThrowsError(try w.a.eraseAll()) {
            XCTAssertEqual("\($0)", "Your record is kept by your clinic, and only the clinic can remove it; nothing was erased.")
        }
        XCTAssertEqual(try w.a.record(.whole), before, "nothing was erased")
        // The database says the same to her role in SQL: an answered question stays whatever she sends.
        XCTAssertEqual(attempt(w.aSQL, ClinicWorld.deleting("visit_question", ["answer": "private answer"]), [w.a.patientID]), .rows(0))
        XCTAssertEqual(attempt(w.aSQL, "DELETE FROM visit_question WHERE patient_id = \(w.a.patientID) AND answer <> ''"), .refused("42501"),
                       "no login deletes with DELETE itself (qa-d D4)")
        let his = try PostgresStore.open(w.cluster.conninfo(w.t1), patient: w.a.patientRole)
        XCTAssertThrowsError(try his.eraseAll()) {
            XCTAssertEqual("\($0)", "A patient's record is kept by the clinic: only its administrator can remove it; nothing was erased.")
        }
        XCTAssertEqual(try w.a.record(.whole), before)
        let admin = try w.cluster.admin().record(of: w.a.patientRole)
        try admin.eraseAll()
        XCTAssertTrue(try w.a.isEmpty(), "the administrator erases it")
    }

    func testOnlySheAndHerTherapistReachHerQuestionsAndEachWritesOnlyHisPart() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let waiting = try XCTUnwrap(try w.a.questions().first { !$0.isAnswered }?.id)
        let answered = try XCTUnwrap(try w.a.questions().first { $0.isAnswered }?.id)
        let her = w.aSQL, him = try w.sql(w.t1), otherTherapist = try w.sql(w.t2), otherPatient = try w.sql(w.b.patientRole)
        let admin = try w.sql("postgres")
        let a = w.a.patientID
        func row(_ id: Int64) -> String { "patient_id = \(a) AND id = \(id)" }
        let denied = "42501"  // insufficient_privilege: no grant, or a row the policy's WITH CHECK refuses

        // Reading: she and he read both; nobody else reads any.
        for (who, db, n) in [("she", her, 2), ("her therapist", him, 2), ("another therapist", otherTherapist, 0), ("another patient", otherPatient, 0),
                             ("the administrator", admin, 2)] {
            XCTAssertEqual(attempt(db, "SELECT question, answer FROM visit_question WHERE patient_id = \(a)"), .rows(n), "\(who) reads")
        }

        // She asks: a question, never with an answer, and only in her own record.
        let insert = "INSERT INTO visit_question (patient_id, asked_at, question, answer, answered_at, answered_by, read_at) VALUES "
        XCTAssertEqual(attempt(her, insert + "(\(a), '2026-11-27 20:00', 'Can I swim?', '', NULL, '', NULL)"), .rows(1), "she asks")
        XCTAssertEqual(attempt(her, insert + "(\(a), '2026-11-27 20:00', 'Can I swim?', 'Yes', '2026-11-27 20:00', '\(w.t1)', NULL)"),
                       .refused(denied), "she answers herself")
        XCTAssertEqual(attempt(her, insert + "(\(a), '2026-11-27 20:00', 'Can I swim?', '', NULL, '', '2026-11-27 20:00')"),
                       .refused(denied), "she writes a read time with no answer")
        XCTAssertEqual(attempt(her, insert + "(\(w.b.patientID), '2026-11-27 20:00', 'For B?', '', NULL, '', NULL)"),
                       .refused(denied), "she asks in another's record")
        for (who, db) in [("her therapist", him), ("another therapist", otherTherapist), ("another patient", otherPatient)] {
            XCTAssertEqual(attempt(db, insert + "(\(a), '2026-11-27 20:00', 'Mine?', '', NULL, '', NULL)"), .refused(denied), "\(who) asks in her name")
        }

        // She takes back a waiting question, never an answered one; nobody else takes back any.
        let delete = { (id: Int64) in ClinicWorld.deleting("visit_question", ["id": "\(id)"]) }
        XCTAssertEqual(attempt(her, delete(waiting), [a]), .rows(1), "she takes back a waiting one")
        XCTAssertEqual(attempt(her, delete(answered), [a]), .rows(0), "an answered one stays")
        for (who, db) in [("her therapist", him), ("another therapist", otherTherapist)] {
            XCTAssertEqual(attempt(db, delete(waiting), [a]), .refused(denied), "\(who) deletes")
        }
        XCTAssertEqual(attempt(otherPatient, delete(waiting), [a]), .rows(0), "another patient reaches no row")

        // She marks an answer read, and changes nothing else, not even her own question's words.
        XCTAssertEqual(attempt(her, "UPDATE visit_question SET read_at = '2026-11-27 21:00' WHERE \(row(answered))"), .rows(1))
        XCTAssertEqual(attempt(her, "UPDATE visit_question SET read_at = '2026-11-27 21:00' WHERE \(row(waiting))"),
                       .refused(denied), "a read time with no answer")
        for column in ["question = 'changed'", "answer = 'my own'", "answered_at = now()::timestamp(0)", "answered_by = '\(w.t1)'",
                       "asked_at = '2026-11-01 08:00'"] {
            XCTAssertEqual(attempt(her, "UPDATE visit_question SET \(column) WHERE \(row(waiting))"), .refused(denied), "she sets \(column)")
        }

        // Her therapist writes the answer, as himself, and nothing else.
        let answer = "UPDATE visit_question SET answer = 'Yes, gently', answered_at = '2026-11-27 21:00', answered_by = $1 WHERE \(row(waiting))"
        XCTAssertEqual(attempt(him, answer, [w.t1]), .rows(1), "he answers")
        XCTAssertEqual(attempt(him, answer, [w.t2]), .refused(denied), "he answers in another therapist's name")
        XCTAssertEqual(attempt(him, "UPDATE visit_question SET answer = '', answered_at = NULL, answered_by = '' WHERE \(row(answered))"),
                       .refused(denied), "he takes an answer back to nothing")
        for column in ["question = 'changed'", "read_at = '2026-11-27 21:00'", "asked_at = '2026-11-01 08:00'"] {
            XCTAssertEqual(attempt(him, "UPDATE visit_question SET \(column) WHERE \(row(answered))"), .refused(denied), "he sets \(column)")
        }
        // Another therapist and another patient reach no row to change.
        XCTAssertEqual(attempt(otherTherapist, answer, [w.t2]), .rows(0), "another therapist answers")
        XCTAssertEqual(attempt(otherPatient, "UPDATE visit_question SET read_at = '2026-11-27 21:00' WHERE \(row(answered))"), .rows(0))

        // The history: the administrator alone reads who asked and who answered.
        let history = try admin.query("""
            SELECT who, op FROM clinical_history WHERE patient_id = $1 AND table_name = 'visit_question' ORDER BY at, op
            """, [a]).rows.map { "\(try $0.text("op")) by \(try $0.text("who"))" }
        XCTAssertTrue(history.contains("INSERT by \(w.a.patientRole)"), "\(history)")
        XCTAssertTrue(history.contains("UPDATE by \(w.t1)"), "\(history)")
        for (who, db) in [("she", her), ("her therapist", him)] {
            XCTAssertEqual(attempt(db, "SELECT who FROM clinical_history WHERE table_name = 'visit_question'"), .refused(denied), "\(who) reads the history")
        }
    }

    /// Point 2 of the safety round: when an answer was written is the server's clock, whatever his own psql
    /// session names (a time to come, or long past), and a changed answer is new to her again.
    func testAnAnswersTimeIsTheServersWhateverHisSessionWritesInSQL() throws {
        let c = try Self.cluster.get()
        let w = try ClinicWorld(c)
        let waiting = try XCTUnwrap(try w.a.questions().first { !$0.isAnswered }?.id)
        let answered = try XCTUnwrap(try w.a.questions().first { $0.isAnswered }?.id)
        let him = try w.sql(w.t1), admin = try w.sql("postgres")
        func row(_ id: Int64) -> String { "patient_id = \(w.a.patientID) AND id = \(id)" }
        func stored(_ id: Int64) throws -> (at: LocalDateTime?, read: Bool) {
            let r = try XCTUnwrap(try admin.query("""
                SELECT to_char(answered_at, 'YYYY-MM-DD"T"HH24:MI') AS t, (read_at IS NOT NULL)::text AS r FROM visit_question WHERE \(row(id))
                """).rows.first)
            return (LocalDateTime(try r.text("t")), try r.text("r") == "true")
        }
        let before = try c.serverNow()
        _ = try him.query("UPDATE visit_question SET answer = 'Yes, gently', answered_at = '2099-01-01 00:00', answered_by = $1 WHERE \(row(waiting))", [w.t1])
        // She has read the world's answer; he changes it, dating it long ago.
        _ = try w.aSQL.query("UPDATE visit_question SET read_at = '2026-11-27 21:00' WHERE \(row(answered))")
        XCTAssertTrue(try stored(answered).read)
        _ = try him.query("UPDATE visit_question SET answer = 'Changed', answered_at = '2000-01-01 00:00', answered_by = $1 WHERE \(row(answered))", [w.t1])
        let after = try c.serverNow()
        for id in [waiting, answered] {
            let at = try XCTUnwrap(try stored(id).at)
            XCTAssertTrue(before <= at && at <= after, "question \(id): kept at the server's now, not the time he wrote: \(at)")
        }
        XCTAssertFalse(try stored(answered).read, "a changed answer is new to her again")
        XCTAssertTrue(try XCTUnwrap(try w.a.questions().first { $0.id == answered }).hasUnreadAnswer)
    }

    /// The store's way, end to end: she asks, the caseload counts it, he answers from his session, she sees the
    /// answer as new until she has read it, and the caseload no longer counts it.
    func testAQuestionGoesToTheCaseloadAndTheAnswerBackToHer() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let clock = PortalClock(today: day("2026-11-27"), time: time("18:00"))
        func reason(_ login: String) throws -> CaseloadReason? {
            try PostgresStore.caseload(try w.sql(w.t1), clock: clock, guide: sharedContent.safety)
                .first { $0.login == login }?.reasons.first { if case .unansweredQuestions = $0 { return true } else { return false } }
        }
        XCTAssertEqual(try reason(w.a.patientRole), .unansweredQuestions(1), "the world's waiting question")
        let asked = try w.a.ask("Is it fine to sleep on my back?", at: at("2026-11-27T17:00"))
        XCTAssertEqual(try reason(w.a.patientRole), .unansweredQuestions(2))

        let his = try w.store(w.t1, for: w.a)
        XCTAssertTrue(try his.questions().contains { $0.text == asked.text }, "he reads it in her chart")
        try his.answerQuestion(id: try XCTUnwrap(asked.id), answer: "Side-lying is better after 28 weeks.", at: at("2026-11-27T17:30"))
        let seen = try XCTUnwrap(try w.a.snapshot(clock: clock).record.questions.first { $0.id == asked.id })
        XCTAssertEqual(seen.answer, "Side-lying is better after 28 weeks.")
        XCTAssertEqual(seen.answeredBy, w.t1, "who answered: his login")
        XCTAssertTrue(seen.hasUnreadAnswer)
        XCTAssertEqual(DueToday.items(try w.a.snapshot(clock: clock), measures: [], safety: sharedContent.safety).filter { $0.kind == .answer }.map(\.text), ["2 answers from your therapist"],
                       "the world's answered one is unread too")
        try w.a.markAnswersRead(try w.a.questions().unreadAnswers.compactMap(\.shown), at: clock.now)
        XCTAssertEqual(DueToday.items(try w.a.snapshot(clock: clock), measures: [], safety: sharedContent.safety).filter { $0.kind == .answer }, [])
        XCTAssertEqual(try reason(w.a.patientRole), .unansweredQuestions(1))

        // Another therapist answers none of hers: her record is not in his caseload.
        XCTAssertThrowsError(try w.store(w.t2, for: w.a))
        // B's therapist's caseload says nothing of A's questions.
        let bRows = try PostgresStore.caseload(try w.sql(w.t2), clock: clock, guide: sharedContent.safety)
        XCTAssertEqual(bRows.map(\.login), [w.b.patientRole])
    }
}
