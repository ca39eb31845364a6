import Foundation
import XCTest

/// QA G6: the PSFS compares the same activities over time, on the command line and in the report for her
/// therapist; the activities she named are offered to her again.
final class PSFSSameActivitiesTests: XCTestCase {
    func testOtherActivitiesLaterAreNoChangeAndTheFirstOnesAreOffered() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let first = ["PORTAL_TODAY": "2026-12-21T10:00"], later = ["PORTAL_TODAY": "2027-01-10T10:00"]
        try portal.must(["measure", "psfs", "--activity", "Lifting my baby=2", "--activity", "Walking=2", "--activity", "Stairs=2"], env: first)

        let asked = try portal.run(["measure", "psfs"], env: later)
        XCTAssertEqual(asked.status, 1)
        XCTAssertTrue(asked.stderr.contains("Rate the activities you named before again, each from 0 (unable to do it) to 10 (as before the problem): --activity \"Lifting my baby=N\" --activity \"Walking=N\" --activity \"Stairs=N\"."), asked.stderr)

        let other = try portal.must(["measure", "psfs", "--activity", "Reading=9", "--activity", "Watching TV=9", "--activity", "Knitting=9"], env: later).stdout
        XCTAssertTrue(other.contains("so no change can be computed: this questionnaire compares the same activities over time"), other)
        XCTAssertFalse(other.contains("better"), other)
        XCTAssertFalse(other.contains("a change that matters"), other)
        XCTAssertTrue(other.contains("Not rated this time: Lifting my baby; Walking; Stairs."), other)
        for args in [["measure"], ["report"]] {
            let out = try portal.must(args, env: later).stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            XCTAssertFalse(out.contains("7.0"), "\(args): \(out)")
            XCTAssertFalse(out.contains("a change that matters"), "\(args): \(out)")
            XCTAssertTrue(out.contains("no change to compute"), "\(args): \(out)")
        }

        let same = try portal.must(["measure", "psfs", "--activity", "lifting my baby=6", "--activity", "Walking=5", "--activity", "Stairs=4"],
                                   env: ["PORTAL_TODAY": "2027-01-20T10:00"]).stdout
        XCTAssertTrue(same.contains("5.0 out of 10 on average on 20 Jan, from 2.0 out of 10 on average on 21 Dec: 3.0 points better. That is a change that matters"), same)
    }
}
