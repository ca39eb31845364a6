@testable import PortalCore
import StoreTestSupport
import XCTest

/// The places of her sign-carrying rows are part of what a record says (which signs a review covers), so two
/// records whose places differ are not equal: `==` used to say every two orders were equal, so a test comparing
/// records could not see a place given wrong.
final class SignEntryOrderTests: XCTestCase {
    func testRecordsWhosePlacesDifferAreNotEqual() throws {
        var one = SignEntryOrder()
        one.signReports[1] = 2
        one.painEntries[1] = 1
        var other = one
        XCTAssertEqual(one, other)
        other.signReports[1] = 3
        XCTAssertNotEqual(one, other, "another place")
        other = one
        other.painEntries[2] = 3
        XCTAssertNotEqual(one, other, "one more row placed")
        XCTAssertNotEqual(one, SignEntryOrder())

        // The same entries, the review covering the sign in one record and not in the other: not the same record.
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
        var record = try store.record(.whole)
        record.painEntries = []
        record.signReports = [SignReport(id: 1, date: day("2026-11-26"), time: time("20:00"), signs: ["fever"])]
        record.signReviews = [SignReview(reviewedAt: at("2026-11-27T09:00"), through: at("2026-11-26T20:00"), enteredThrough: 5, reviewer: "t")]
        var covered = record, notCovered = record
        covered.signsEntered.signReports = [1: 5]
        notCovered.signsEntered.signReports = [1: 6]
        XCTAssertNotNil(covered.review(of: try XCTUnwrap(covered.reportedSigns().first)))
        XCTAssertNil(notCovered.review(of: try XCTUnwrap(notCovered.reportedSigns().first)))
        XCTAssertNotEqual(covered, notCovered)
    }
}
