import Foundation
import XCTest
@testable import PortalCore

/// QA J6: weeks after her program's last week ended, it was still "(this week)" and counted as due. Once it has
/// run out (`Program.ranOut(on:)`) every command says when it ended and what to do, and nothing of it is due.
final class ProgramRanOutTests: XCTestCase {
    func testWeeksAfterTheLastWeekEndedNothingIsDueAndEveryCommandSaysWhenItEnded() throws {
        var portal = try PortalRunner(self)
        portal.today = "2026-12-07"
        XCTAssertEqual(try portal.run(["setup", "--name", "Eve", "--born", "2026-09-01", "--delivery", "vaginal", "--condition", "low-back"]).status, 0)
        let program = try portal.store().program()
        let last = try XCTUnwrap(program.weeks.last)
        let ended = last.starts.adding(days: 6)
        let text = "Your program's last week ended on \(ended.shortText). Keep doing it if it still feels right, and ask your therapist for the next one."

        // On its last day it is this week, and due.
        let lastDay = ["PORTAL_TODAY": ended.description + "T20:00"]
        XCTAssertTrue(try portal.run(["exercises"], env: lastDay).stdout.contains("Program week \(last.number), from \(last.starts.shortText) (this week)\n"))
        XCTAssertTrue(try portal.run(["today", "--brief"], env: lastDay).stdout.contains("exercises left"))

        // The day after, and weeks later: run out.
        for day in [ended.adding(days: 1), ended.adding(days: 27)] {
            let env = ["PORTAL_TODAY": day.description + "T20:00"]
            let exercises = try portal.run(["exercises"], env: env)
            XCTAssertEqual(exercises.status, 0, exercises.stderr)
            XCTAssertTrue(exercises.stdout.hasPrefix("Program week \(last.number), from \(last.starts.shortText) (your latest week)\n\(text)\n"), exercises.stdout)
            XCTAssertFalse(exercises.stdout.contains("(this week)"), exercises.stdout)
            XCTAssertFalse(exercises.stdout.contains("done today"), exercises.stdout)
            let today = try portal.run(["today"], env: env).stdout
            XCTAssertTrue(today.contains("\nExercises: \(text) (program week \(last.number))\n"), today)
            XCTAssertFalse(today.contains("done today"), today)
            XCTAssertEqual(try portal.run(["today", "--brief"], env: env).stdout, "Log today's pain\n", "no exercises due")
            // She may keep doing it: marking one done still works.
            let done = try portal.run(["exercises", "done", try XCTUnwrap(last.prescriptions.first).exerciseID], env: env)
            XCTAssertEqual(done.status, 0, done.stderr)
        }
    }
}
