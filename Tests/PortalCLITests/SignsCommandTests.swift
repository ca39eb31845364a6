import Foundation
import XCTest
@testable import PortalCore

/// Issue 7, point 14: warning signs from the command line, with a pain score or on their own, print the
/// message the screens show.
final class SignsCommandTests: XCTestCase {
    let guide = sharedGuide

    func testSignsAloneAreSavedAndPrintTheScreensMessage() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let r = try portal.run(["signs", "severe-headache", "vision-changes", "--time", "09:15", "--note", "since lunch"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Saved: warning signs on 2026-11-27 at 09:15: severe-headache, vision-changes"), r.stdout)
        let signs = ["severe-headache", "vision-changes"].compactMap(guide.sign)
        let expected = try XCTUnwrap(SafetyRules.alert(for: signs, guide: guide, date: CalendarDate("2026-11-27")!))
        XCTAssertTrue(r.stdout.contains(expected.text), r.stdout)
        XCTAssertTrue(r.stdout.contains("Important: You reported: A severe headache"), r.stdout)

        let store = try PortalStore.open(url: portal.db)
        XCTAssertEqual(try store.signReports().map(\.signs), [["severe-headache", "vision-changes"]])
        XCTAssertEqual(try store.signReports().first?.note, "since lunch")
    }

    func testThoughtsOfHarmShowTheCrisisLinesBeside911() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        for args in [["signs", "thoughts-of-harm"], ["log", "2", "--sign", "thoughts-of-harm"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("Emergency: You reported: Thoughts of hurting yourself or your baby."), r.stdout)
            for needle in ["911", "988", "1-833-852-6262"] { XCTAssertTrue(r.stdout.contains(needle), "\(args): \(needle)") }
        }
        XCTAssertTrue(try portal.painCSV().contains(",thoughts-of-harm"))
    }

    func testBadSignsAreRefusedAndNothingIsWritten() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let before = try Data(contentsOf: portal.db)
        let cases: [([String], String)] = [
            (["signs"], "at least one warning sign"),
            (["signs", "sore-toe"], "“sore-toe” is not a warning sign"),
            (["signs", "fever", "--date", "2026-11-28"], "in the future"),
            (["signs", "fever", "--time", "25:00"], "HH:MM"),
            (["signs", "fever", "--note", "a\u{1B}[2Jb"], "control"),
            (["log", "3", "--sign", "sore-toe"], "“sore-toe” is not a warning sign"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try Data(contentsOf: portal.db), before)
        XCTAssertEqual(try PortalStore.open(url: portal.db).signReports(), [])
    }
}

/// The bundled safety guide, read the way the commands read it.
let sharedGuide: SafetyGuide = try! ContentLibrary.bundled().safety
