import StoreTestSupport
import XCTest
@testable import PortalCore

/// The rules of a question for the visit and its answer, and what the brief line says of a new answer.
final class VisitQuestionTests: XCTestCase {
    func testAQuestionIsPlainTextOnOneLineOfSensibleLength() throws {
        XCTAssertEqual(try VisitQuestion.checkedText("  Can I run?\t"), "Can I run?")
        XCTAssertEqual(try VisitQuestion.checkedText(String(repeating: "😀", count: 250)).unicodeScalars.count, 250)
        func refused(_ text: String, _ says: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try VisitQuestion.checkedText(text), file: file, line: line) { error in
                XCTAssertEqual((error as? PortalError)?.field, .question, file: file, line: line)
                XCTAssertTrue("\(error)".contains(says), "\(error)", file: file, line: line)
            }
        }
        refused("", "The question is empty. Write 1 to 500 characters of plain text on one line.")
        refused(" \n ", "The question is empty.")
        refused(String(repeating: "a", count: 501), "The question is 501 characters; at most 500 fit.")
        refused("ok\u{1B}]0;x\u{7}", "contains control characters (ESC)")
        refused("one\ntwo", "must fit on one line")
        XCTAssertThrowsError(try VisitQuestion.checkedAnswer(String(repeating: "b", count: 2001))) {
            XCTAssertEqual(($0 as? PortalError)?.field, .answer)
        }
    }

    func testAnAnswerIsNewUntilReadAndNewAgainWhenChanged() {
        var q = VisitQuestion(id: 1, askedAt: at("2026-11-20T21:00"), text: "Can I run?")
        XCTAssertFalse(q.isAnswered)
        XCTAssertFalse(q.hasUnreadAnswer)
        q.answer = "Not yet"
        q.answeredAt = at("2026-11-21T10:00")
        XCTAssertTrue(q.hasUnreadAnswer)
        q.readAt = at("2026-11-21T10:00")
        XCTAssertFalse(q.hasUnreadAnswer, "read the minute it was given")
        // Unread is `readAt` unset, never a comparison of two clocks (the answer's time is the server's, the read
        // time her portal's): a changed answer is new again because the store clears `readAt` as it saves it
        // (the contract's questions check and QuestionRightsTests hold that on both stores).
        q.answeredAt = at("2026-11-22T09:00")
        XCTAssertFalse(q.hasUnreadAnswer, "the time alone changes nothing")
        q.readAt = nil
        XCTAssertTrue(q.hasUnreadAnswer, "changed after she read it")
    }

    func testTheBriefSaysAnAnswerFromHerTherapistWhileUnread() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        var s = try store.snapshot(clock: clock)
        XCTAssertEqual(DueToday.items(s, measures: [], safety: sharedContent.safety).filter { $0.kind == .answer }, [], "no answer, nothing said")
        s.record.questions = [VisitQuestion(id: 4, askedAt: at("2026-11-25T20:00"), text: "Can I run?", answer: "Not yet",
                                            answeredAt: at("2026-11-26T09:00"), answeredBy: "maria")]
        let item = try XCTUnwrap(DueToday.items(s, measures: [], safety: sharedContent.safety).first { $0.kind == .answer })
        XCTAssertEqual(item.text, "answer from your therapist")
        XCTAssertEqual(DueToday.items(s, measures: [], safety: sharedContent.safety).last?.kind, .answer, "listed last, in DueKind's order")
        XCTAssertTrue(BriefLine.line(DueToday.items(s, measures: [], safety: sharedContent.safety))?.contains("answer from your therapist") == true)
        XCTAssertNil(item.kind.reminder, "not a reminder the timer gives: the brief and Home say it")
        s.record.questions[0].readAt = at("2026-11-26T18:00")
        XCTAssertEqual(DueToday.items(s, measures: [], safety: sharedContent.safety).filter { $0.kind == .answer }, [], "read: no longer due")
    }

    func testTheCaseloadCountsHerUnansweredQuestions() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
        try store.ask("Can I run?", at: at("2026-11-26T20:00"))
        try store.ask("Is night pain normal?", at: at("2026-11-26T20:05"))
        let s = try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00")))
        let row = CaseloadRow(login: "ana", snapshot: s, facts: CaseloadFacts(unansweredQuestions: s.record.questions.unanswered.count),
                              guide: sharedContent.safety)
        XCTAssertTrue(row.reasons.contains(.unansweredQuestions(2)), "\(row.reasons)")
    }
}
