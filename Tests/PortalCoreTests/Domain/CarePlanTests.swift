import XCTest
@testable import PortalCore

final class CarePlanTests: XCTestCase {
    private func visits(_ statuses: [(VisitStatus, String?)]) -> [Visit] {
        statuses.enumerated().map { i, s in
            Visit(number: i + 1, kind: i == 0 ? .evaluation : .followUp, status: s.0, start: s.1.map(at), durationMinutes: 45, mode: .inPerson)
        }
    }

    func testAPlanHasExactlySixVisits() {
        XCTAssertThrowsError(try CarePlan(visits: Array(visits(Array(repeating: (.toSchedule, nil), count: 6)).prefix(5))))
        var seven = visits(Array(repeating: (.toSchedule, nil), count: 6))
        seven.append(Visit(number: 7, kind: .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .virtual))
        XCTAssertThrowsError(try CarePlan(visits: seven))
        XCTAssertNoThrow(try CarePlan(visits: visits(Array(repeating: (.toSchedule, nil), count: 6))))
    }

    func testBookedVisitNeedsADate() {
        XCTAssertThrowsError(try Visit(number: 2, kind: .followUp, status: .booked, start: nil, durationMinutes: 45, mode: .virtual).validate())
        XCTAssertThrowsError(try Visit(number: 2, kind: .followUp, status: .completed, start: nil, durationMinutes: 45, mode: .virtual).validate())
    }

    func testNextVisitIsTheEarliestBookedOneFromNow() throws {
        let plan = try CarePlan(visits: visits([
            (.completed, "2026-11-01T09:00"), (.booked, "2026-11-20T09:00"), // booked but already past
            (.booked, "2026-12-10T09:00"), (.booked, "2026-12-03T10:15"), (.cancelled, "2026-12-01T09:00"), (.toSchedule, nil),
        ]))
        XCTAssertEqual(plan.nextVisit(after: at("2026-11-27T12:00"))?.number, 4)
        XCTAssertEqual(plan.nextVisit(after: at("2026-12-03T10:15"))?.number, 4, "a visit starting right now still counts")
        XCTAssertEqual(plan.nextVisit(after: at("2026-12-03T10:16"))?.number, 3)
        XCTAssertNil(plan.nextVisit(after: at("2026-12-11T00:00")))
        XCTAssertEqual(plan.completedCount, 1)
    }
}
