import Foundation
import XCTest
@testable import PortalCore

/// `portal setup`, `portal profile` and past visits through the binary: the same rules as the screens.
final class PatientLifeCommandTests: XCTestCase {
    func testSetUpWithAFirstVisitThatAlreadyTookPlaceThenTheBirth() throws {
        let portal = try PortalRunner(self)  // today is 2026-11-27
        let bad = try portal.run(["setup", "--name", "Ana Diaz", "--due", "2028-03-01"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("A due date must be within the next 40 weeks"), bad.stderr)
        XCTAssertEqual(try portal.run(["setup", "--name", "Ana", "--born", "2026-11-01"]).status, 1, "--delivery is needed")
        let setUp = try portal.run(["setup", "--name", "Ana Diaz", "--due", "2027-03-01", "--condition", "low-back",
                                    "--first-visit", "2026-11-20T09:30"])
        XCTAssertEqual(setUp.status, 0, setUp.stderr)
        XCTAssertTrue(setUp.stdout.contains("Set up: Ana Diaz, 26 weeks pregnant · 2nd trimester. Visit 1 is completed, Fri 20 Nov 2026 at 09:30."),
                      setUp.stdout)
        let again = try portal.run(["setup", "--name", "Someone Else", "--due", "2027-03-01"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already has a patient"), again.stderr)

        // The birth: a scar without a C-section is refused by set-up's rule, and nothing changes.
        let wrong = try portal.run(["profile", "--born", "2026-11-25", "--delivery", "vaginal", "--condition", "c-section-scar"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("goes with a C-section birth"), wrong.stderr)
        XCTAssertTrue(try portal.run(["profile"]).stdout.contains("26 weeks pregnant"))
        let born = try portal.run(["profile", "--born", "2026-11-25", "--delivery", "cesarean", "--condition", "c-section-scar",
                                   "--condition", "low-back"])
        XCTAssertEqual(born.status, 0, born.stderr)
        XCTAssertTrue(born.stdout.contains("0 weeks postpartum · C-section birth"), born.stdout)
        XCTAssertTrue(born.stdout.contains("A program that fits you now is ready: weeks 3 to 8, from Fri 4 Dec."), born.stdout)
        let before = try portal.run(["exercises", "--week", "3"]).stdout
        let use = try portal.run(["profile", "--use-new-program"])
        XCTAssertEqual(use.status, 0, use.stderr)
        XCTAssertTrue(use.stdout.contains("Your program now goes on with weeks 3 to 8, from Fri 4 Dec."), use.stdout)
        XCTAssertNotEqual(try portal.run(["exercises", "--week", "3"]).stdout, before, "the weeks not started follow her now")
        XCTAssertTrue(try portal.run(["exercises", "--week", "8"]).stdout.contains("Program week 8, from"))
    }

    func testAPastVisitIsRecordedWithItsTimeAndListedInTheScreensWords() throws {
        let portal = try PortalRunner(self)
        try portal.run(["setup", "--name", "Ana Diaz", "--due", "2027-03-01"])
        let future = try portal.run(["visits", "complete", "1", "--at", "2026-12-20T09:00"])
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("has not happened yet"), future.stderr)
        let done = try portal.run(["visits", "complete", "1", "--at", "2026-11-02T09:00", "--notes", "Evaluation done"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.contains("visit 1 of 6 (evaluation) is completed, Mon 2 Nov 2026 at 09:00"), done.stdout)
        let early = try portal.run(["visits", "missed", "2", "--at", "2026-11-01T09:00"])
        XCTAssertEqual(early.status, 0, "a missed visit takes no place in the order")
        let booked = try portal.run(["visits", "book", "3", "2026-11-24", "10:00"], env: ["PORTAL_TODAY": "2026-11-20"])
        XCTAssertEqual(booked.status, 0, booked.stderr)
        let list = try portal.run(["visits"]).stdout
        XCTAssertTrue(list.contains("1. Evaluation     Completed"), list)
        XCTAssertTrue(list.contains("2. Follow-up      Missed"), list)
        XCTAssertTrue(list.contains("Visit 3 was Tue 24 Nov — did it take place? portal visits complete 3, or portal visits missed 3"), list)
        XCTAssertEqual(try portal.run(["visits", "complete", "4", "--at", "yesterday"]).status, 1)
    }
}
