import Foundation
import XCTest
@testable import PortalCore

/// QA J12 on the command line: a bowel entry whose answers contradict each other, or that names a leak twice, is
/// refused with nothing saved; the report's notes of one minute keep the order they were saved in.
final class BowelAnswersAndNoteOrderTests: XCTestCase {
    func testType7WithASolidLeakAndALeakGivenTwiceAreRefused() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let before = try portal.run(["export", "--format", "json"]).stdout
        let cases: [([String], String)] = [
            (["bowel", "7", "--leak", "solid"],
             "Error: Type 7 is watery, with no solid pieces, so what leaked with it was liquid stool, not solid. Choose liquid, or the stool type that matches.\n"),
            (["bowel", "4", "--leak", "solid", "--leak", "solid"], "Error: --leak solid is given twice (“solid”, “solid”); give each leak once. Nothing was saved.\n"),
            (["bowel", "4", "--leak", "gas", "--leak", "wind"], "Error: --leak gas is given twice (“gas”, “wind”); give each leak once. Nothing was saved.\n"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was saved")
        XCTAssertEqual(try portal.run(["bowel", "7", "--leak", "liquid", "--leak", "gas"]).status, 0)
        XCTAssertEqual(try portal.run(["bowel", "6", "--leak", "solid"]).status, 0)
    }

    func testNotesOfOneMinuteKeepTheOrderTheyWereSavedIn() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let names = (1...20).map { "note-c\($0)" }
        for name in names { try portal.must(["log", "3", "--time", "08:00", "--note", name]) }
        let report = try portal.must(["report", "--format", "markdown", "--since", "2026-11-27"]).stdout
        let found = report.components(separatedBy: "\n").compactMap { line in names.first { line.hasSuffix(": note\\-" + $0.dropFirst(5)) } }
        XCTAssertEqual(found, names.reversed(), "newest first: the last saved first\n\(report)")
    }
}
