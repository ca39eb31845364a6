import Foundation
import PortalCore
import XCTest

/// Her questions for the visit (issue 23, point 4), kept through the record map in both stores: asked, read
/// back oldest first with their numbers, taken back while unanswered, refused when empty, too long or not plain
/// text; answered only by her therapist in a clinic (her own portal and her own session refuse it), and each
/// answer read once she has seen it.
extension StoreContract {
    func checkQuestionsAreAskedListedAndTakenBack() throws {
        let empty = try makeStore()
        try assertRefused(empty, "a question from no one") { try empty.ask("Can I run?", at: now) }

        let store = try seededStore()
        XCTAssertEqual(try store.questions(), [])
        let first = try store.ask("  Can I go back to running?  ", at: at("2026-11-20T21:00"))
        let second = try store.ask("Is the pain at night normal?", at: at("2026-11-21T08:30"))
        XCTAssertEqual(first.text, "Can I go back to running?", "kept trimmed")
        XCTAssertNotNil(first.id)
        XCTAssertNotEqual(first.id, second.id)
        XCTAssertEqual(try store.questions(), [first, second], "read back exactly, oldest first")
        XCTAssertEqual(try store.questions().unanswered, [first, second])
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).record.questions, [first, second],
                       "the screens have them")
        XCTAssertEqual(try store.record(.since(day("2026-11-26"))).questions, [first, second], "a short list, read whole")

        for (bad, why) in [("", "an empty question"), ("   ", "a question of spaces"), (String(repeating: "a", count: VisitQuestion.textLimit + 1), "too long"),
                           ("Run?\u{1B}[2J", "a control character"), ("two\nlines", "a line break"), ("a\u{202E}b", "an invisible formatting character")] {
            try assertRefused(store, why) { try store.ask(bad, at: now) }
        }
        XCTAssertNoThrow(try store.ask(String(repeating: "é", count: VisitQuestion.textLimit), at: now), "the longest accepted")

        try store.withdrawQuestion(id: try XCTUnwrap(first.id))
        XCTAssertFalse(try store.questions().contains(first), "taken back")
        try assertRefused(store, "a question that is not there") { try store.withdrawQuestion(id: try XCTUnwrap(first.id)) }
        try assertRefused(store, "her own session answering") { try store.answerQuestion(id: try XCTUnwrap(second.id), answer: "Yes", at: now) }
        // Nothing to read yet: marking an unanswered question read writes nothing.
        try store.markAnswersRead([try XCTUnwrap(second.shown)], at: now)
        XCTAssertNil(try store.questions().first { $0.id == second.id }?.readAt)
    }

    func checkHerTherapistAnswersAndSheReadsTheAnswer() throws {
        let (store, therapist) = try storeWithTherapist()
        let asked = try store.ask("Can I lift my toddler?", at: at("2026-11-20T21:00"))
        let id = try XCTUnwrap(asked.id)
        guard let therapist else {
            // Her own portal: nobody answers, the list is hers to take along.
            try assertRefused(store, "an answer in her own portal") { try store.answerQuestion(id: id, answer: "Yes", at: now) }
            return
        }
        try assertRefused(store, "an empty answer") { try therapist.answerQuestion(id: id, answer: " ", at: now) }
        try assertRefused(store, "an answer that is not plain text") { try therapist.answerQuestion(id: id, answer: "ok\u{7}", at: now) }
        try assertRefused(store, "an answer to no question") { try therapist.answerQuestion(id: id + 100, answer: "Yes", at: now) }
        try assertRefused(store, "her therapist asking in her name") { try therapist.ask("Mine?", at: now) }
        let answered = try therapist.answerQuestion(id: id, answer: "Yes, from the floor, knees bent.", at: at("2026-11-21T10:05"))
        XCTAssertEqual(answered.answer, "Yes, from the floor, knees bent.")
        XCTAssertFalse(answered.answeredBy.isEmpty, "who answered is kept")
        let read = try XCTUnwrap(try store.questions().first)
        // When: the store's clock (her portal's on a file; the server's in a clinic, whatever the portal names).
        XCTAssertEqual(read.answeredAt, answered.answeredAt, "what the store returned is what it kept")
        XCTAssertTrue(read.hasUnreadAnswer, "new to her")
        XCTAssertEqual(try therapist.questions(), try store.questions(), "both read the same")
        try assertRefused(store, "an answered question taken back") { try store.withdrawQuestion(id: id) }

        // Her therapist reading her Home marks nothing read; she does.
        let shown = ShownAnswer(id: id, answer: answered.answer)
        try therapist.markAnswersRead([shown], at: at("2026-11-21T11:00"))
        XCTAssertTrue(try XCTUnwrap(try store.questions().first).hasUnreadAnswer)
        try store.markAnswersRead([shown], at: at("2026-11-21T11:00"))
        XCTAssertEqual(try store.questions().first?.readAt, at("2026-11-21T11:00"))
        XCTAssertFalse(try XCTUnwrap(try store.questions().first).hasUnreadAnswer)
        // A changed answer is new again.
        try therapist.answerQuestion(id: id, answer: "Yes, and breathe out as you lift.", at: at("2026-11-22T09:00"))
        XCTAssertTrue(try XCTUnwrap(try store.questions().first).hasUnreadAnswer)

        // QA H9: the session that showed her the old answer marks that one read, not the one changed since.
        let oldOne = try XCTUnwrap(try store.questions().first?.shown)
        try therapist.answerQuestion(id: id, answer: "NO lifting until we talk.", at: at("2026-11-22T09:30"))
        try store.markAnswersRead([oldOne], at: at("2026-11-22T09:31"))
        let current = try XCTUnwrap(try store.questions().first)
        XCTAssertEqual(current.answer, "NO lifting until we talk.")
        XCTAssertTrue(current.hasUnreadAnswer, "a changed answer she was not shown stays new")
        try store.markAnswersRead([try XCTUnwrap(current.shown)], at: at("2026-11-22T09:32"))
        XCTAssertFalse(try XCTUnwrap(try store.questions().first).hasUnreadAnswer, "the one she was shown is read")
    }
}
