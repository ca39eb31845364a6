import Foundation
import XCTest
@testable import PortalCore

/// QA I1, I8, I13 on the command line: what she reported recently is said by every command that would
/// otherwise go on as on any day, for as long as Home says it.
final class SafetySaidEverywhereCLITests: XCTestCase {
    static let stop = "Important: Stop exercising and call your provider now."

    /// QA I1: after `portal signs leg-swelling`, `portal exercises` listed the week with "0 of 6 done today" and
    /// `portal exercises done` saved with no word of the sign. Both say the stop line first; what she did is
    /// saved all the same (the portal never loses what she says she did).
    func testTheExerciseCommandsSayTheStopLineFirstAndStillSave() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let before = try portal.run(["exercises"])
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertFalse(before.stdout.contains("Stop exercising"), before.stdout)
        XCTAssertTrue(before.stdout.contains("done today"), before.stdout)

        XCTAssertEqual(try portal.run(["signs", "leg-swelling"]).status, 0)
        let shown = try portal.run(["exercises"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.hasPrefix(Self.stop + "\n"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("done today"), "nothing counts what is left to do: \(shown.stdout)")
        XCTAssertTrue(shown.stdout.contains("None for now: you reported a warning sign that means stopping exercise (above)."), shown.stdout)
        // `portal today` says it in the same words.
        XCTAssertTrue(try portal.run(["today"]).stdout.contains("Exercises: none for now: you reported a warning sign that means stopping exercise (above)."))

        let done = try portal.run(["exercises", "done", "sit-to-stand", "--pain", "9"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.hasPrefix(Self.stop + "\n"), done.stdout)
        let saved = try XCTUnwrap(done.stdout.range(of: "Saved: "), done.stdout)
        XCTAssertLessThan(try XCTUnwrap(done.stdout.range(of: "Stop exercising")).lowerBound, saved.lowerBound)
        XCTAssertTrue(done.stdout.contains("High pain: You logged pain of 9 out of 10."), done.stdout)
        let sessions = try portal.store().sessions(from: CalendarDate(PortalRunner.pinnedDay)!, to: CalendarDate(PortalRunner.pinnedDay)!)
        XCTAssertTrue(sessions.contains { $0.exerciseID == "sit-to-stand" && $0.pain == 9 }, "saved: \(sessions)")

        // Two days later the sign is no longer said, and the commands are as on any day.
        var later = portal
        later.today = "2026-11-29"
        let after = try later.run(["exercises"])
        XCTAssertFalse(after.stdout.contains("Stop exercising"), after.stdout)
        XCTAssertTrue(after.stdout.contains("done today"), after.stdout)
    }

    /// QA I13: `portal bowel 7 --pain 10` said "High pain" once; `portal today` then forgot it.
    func testHighPainWithABowelMovementIsSaidByToday() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        XCTAssertFalse(try portal.run(["today"]).stdout.contains("with a bowel movement"))
        XCTAssertEqual(try portal.run(["bowel", "7", "--pain", "10", "--strain"]).status, 0)
        let today = try portal.run(["today"])
        XCTAssertTrue(today.stdout.contains("High pain: You logged pain of 10 out of 10 with a bowel movement."), today.stdout)
    }

    /// QA I8: a check-in answered "yes, it burns when I pee" said "Contact your provider now" once; `portal today`
    /// and the brief line then said nothing of it.
    func testABurningAnswerInTheCheckInIsSaidByTodayAndTheBriefLine() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        XCTAssertFalse(try portal.run(["today", "--brief"]).stdout.contains("Important"))
        try portal.store().saveQuizResult(QuizResult(date: CalendarDate(PortalRunner.pinnedDay)!, answers: ["burning": true, "urgency": true]))
        let today = try portal.run(["today"])
        XCTAssertTrue(today.stdout.contains("Important: Call your provider now."), today.stdout)
        XCTAssertTrue(today.stdout.contains("Burning or pain when you pee"), today.stdout)
        let brief = try portal.run(["today", "--brief"])
        XCTAssertTrue(brief.stdout.hasPrefix("Important: "), brief.stdout)
    }
}
