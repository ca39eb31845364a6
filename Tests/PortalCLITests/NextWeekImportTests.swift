import Foundation
import XCTest

/// QA G1: on her own portal, set-up builds weeks 1 to 6 at once; her therapist's update for next week is the
/// week after the one under way, and it takes the place of the portal's week of that number.
final class NextWeekImportTests: XCTestCase {
    func testTheTherapistsWeekForNextWeekReplacesThePortalsWeek() throws {
        var portal = try PortalRunner(self)
        portal.today = "2026-12-01"
        try portal.must(["setup", "--name", "Ana", "--due", "2027-01-20", "--condition", "low-back", "--condition", "pelvic-girdle",
                         "--condition", "bladder-leaks", "--first-visit", "2026-12-09T10:00"])
        let visitDay = ["PORTAL_TODAY": "2026-12-09T11:40"]
        try portal.must(["visits", "complete", "1"], env: visitDay)
        let weeks = try portal.must(["exercises", "--week", "2"], env: visitDay).stdout
        XCTAssertTrue(weeks.hasPrefix("Program week 2, from "), weeks)

        // The template is next week: week 2, on the day the portal's week 2 starts.
        let template = try portal.must(["program", "template"], env: visitDay)
        var week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(template.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(week["week"] as? Int, 2, template.stdout)
        let starts = try XCTUnwrap(week["starts"] as? String)
        week["note"] = "From your therapist: one more set."
        let file = portal.folder.appendingPathComponent("w.json")
        try JSONSerialization.data(withJSONObject: week).write(to: file)
        let imported = try portal.run(["program", "import", file.path], env: visitDay)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.hasPrefix("Replaced program week 2 (the portal's, not started yet) with this one, starting "), imported.stdout)
        let exported = try portal.must(["program", "export", "--week", "2"], env: visitDay).stdout
        let back = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
        XCTAssertEqual(back["note"] as? String, "From your therapist: one more set.")
        XCTAssertEqual(back["starts"] as? String, starts)
        XCTAssertEqual(try portal.must(["program", "export", "--week", "6"], env: visitDay).status, 0, "the weeks after it stay")

        // Once week 2 is under way it is never rewritten; the refusal names the weeks she may import.
        let started = try portal.run(["program", "import", file.path], env: ["PORTAL_TODAY": starts])
        XCTAssertEqual(started.status, 1)
        XCTAssertTrue(started.stderr.hasPrefix("Error: week: week 2 started on "), started.stderr)
        XCTAssertTrue(started.stderr.contains("You can import weeks 3 to 6 (not started yet: an import takes the place of the week of its number) or week 7 (a new week after the last)."), started.stderr)
        XCTAssertEqual(try portal.must(["program", "export", "--week", "2"], env: visitDay).stdout, exported, "nothing written")
    }
}
