@testable import PortalCore
import StoreTestSupport
import XCTest

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
        XCTAssertEqual(plan.nextVisit(after: at("2026-12-03T10:16"))?.number, 4, "under way until its end (45 min)")
        XCTAssertEqual(plan.nextVisit(after: at("2026-12-03T11:00"))?.number, 3, "from its end the next one")
        XCTAssertNil(plan.nextVisit(after: at("2026-12-11T00:00")))
        XCTAssertEqual(plan.completedCount, 1)
    }
}

final class VisitScheduleTests: XCTestCase {
    /// Visit 1 (60 min) done, visit 2 (45 min) booked, the rest to schedule.
    private func plan(_ changes: [Int: (VisitStatus, String?)] = [:]) throws -> CarePlan {
        var statuses: [(VisitStatus, String?)] = [(.completed, "2026-11-02T09:00"), (.booked, "2026-12-03T10:15"),
                                                  (.toSchedule, nil), (.toSchedule, nil), (.toSchedule, nil), (.toSchedule, nil)]
        for (n, s) in changes { statuses[n - 1] = s }
        return try CarePlan(visits: statuses.enumerated().map { i, s in
            Visit(number: i + 1, kind: i == 0 ? .evaluation : .followUp, status: s.0, start: s.1.map(at),
                  durationMinutes: i == 0 ? 60 : 45, mode: .inPerson)
        })
    }

    private func refusal(_ plan: CarePlan, book number: Int, at start: String) -> String? {
        var v = plan.visits[number - 1]
        v.status = .booked
        v.start = at(start)
        do {
            try plan.validateSchedule(of: v)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testABookedVisitMayNotOverlapAnother() throws {
        let p = try plan()
        XCTAssertEqual(refusal(p, book: 3, at: "2026-12-03T10:15"),
                       "Visit 3 on Thu 3 Dec 2026 at 10:15 would overlap visit 2, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.")
        XCTAssertNotNil(refusal(p, book: 3, at: "2026-12-03T10:59"))
        XCTAssertNil(refusal(p, book: 3, at: "2026-12-03T11:00"), "back to back is fine")
        // A completed visit takes its time too (visit 1, 09:00 to 10:00 on 2 Nov).
        let q = try plan([2: (.toSchedule, nil)])
        XCTAssertTrue(refusal(q, book: 2, at: "2026-11-02T09:30")?.contains("overlap visit 1, completed for Mon 2 Nov 2026 from 09:00 to 10:00") == true)
    }

    func testVisitsKeepTheirOrder() throws {
        let p = try plan()
        XCTAssertEqual(refusal(p, book: 3, at: "2026-12-01T09:00"),
                       "Visit 3 must come after visit 2, booked for Thu 3 Dec 2026 at 10:15; choose a time after it.")
        XCTAssertEqual(refusal(try plan([2: (.toSchedule, nil)]), book: 2, at: "2026-11-01T09:00"),
                       "Visit 2 must come after visit 1, completed for Mon 2 Nov 2026 at 09:00; choose a time after it.",
                       "a follow-up never comes before the evaluation")
        XCTAssertEqual(refusal(try plan([4: (.booked, "2026-12-10T14:00")]), book: 3, at: "2026-12-11T09:00"),
                       "Visit 3 must come before visit 4, booked for Thu 10 Dec 2026 at 14:00; choose an earlier time, or move visit 4 first.")
        XCTAssertNil(refusal(try plan([4: (.booked, "2026-12-10T14:00")]), book: 3, at: "2026-12-07T09:00"))
        XCTAssertNil(refusal(p, book: 5, at: "2026-12-20T09:00"), "visits 3 and 4 not scheduled yet: no constraint from them")
    }

    func testCancelledMissedAndUnscheduledVisitsDoNotCount() throws {
        let p = try plan([2: (.cancelled, "2026-12-03T10:15"), 4: (.missed, "2026-11-20T10:00"), 5: (.cancelled, "2026-12-01T09:00")])
        XCTAssertNil(refusal(p, book: 3, at: "2026-12-03T10:15"), "a cancelled visit frees its time and its place in the order")
        XCTAssertNil(refusal(p, book: 3, at: "2026-12-02T09:00"), "before a cancelled later visit")
    }

    func testOnlyABookedVisitIsChecked() throws {
        let p = try plan([3: (.booked, "2026-11-20T09:00")])
        var v = p.visits[2]
        v.status = .cancelled
        XCTAssertNoThrow(try p.validateSchedule(of: v), "cancelling is always possible")
    }
}

final class VisitChangesTests: XCTestCase {
    let now = at("2026-11-27T12:00")
    let open = Visit(number: 4, kind: .reEvaluation, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson)

    func testBookingSetsTheDateModeAndPlace() throws {
        let v = try open.booking(at: at("2026-12-10T14:00"), mode: .virtual, location: "https://video.example.org/r", now: now)
        XCTAssertEqual(v.status, .booked)
        XCTAssertEqual(v.start, at("2026-12-10T14:00"))
        XCTAssertEqual(v.mode, .virtual)
        XCTAssertEqual(v.location, "https://video.example.org/r")
        XCTAssertEqual(try v.booking(at: at("2026-12-11T09:00"), now: now).mode, .virtual, "moving keeps the mode")
    }

    func testBookingRefusesThePastFarFutureAndCompletedVisits() throws {
        XCTAssertThrowsError(try open.booking(at: at("2026-11-27T11:59"), now: now)) { XCTAssertTrue("\($0)".contains("in the past")) }
        XCTAssertThrowsError(try open.booking(at: at("2028-01-01T09:00"), now: now)) { XCTAssertTrue("\($0)".contains("more than a year")) }
        var done = try open.booking(at: at("2026-11-27T12:00"), now: now)
        done = try done.completing(notes: "Good", now: now)
        XCTAssertThrowsError(try done.booking(at: at("2026-12-10T14:00"), now: now)) { XCTAssertTrue("\($0)".contains("keeps its date")) }
    }

    func testCompletingNeedsABookedVisitThatHasStarted() throws {
        XCTAssertThrowsError(try open.completing(now: now)) { XCTAssertTrue("\($0)".contains("book it first")) }
        let later = try open.booking(at: at("2026-12-10T14:00"), now: now)
        XCTAssertThrowsError(try later.completing(now: now)) { XCTAssertTrue("\($0)".contains("once it has started")) }
        let done = try later.completing(notes: "Strength much better", now: at("2026-12-10T15:00"))
        XCTAssertEqual(done.status, .completed)
        XCTAssertEqual(done.notes, "Strength much better")
        XCTAssertThrowsError(try done.completing(now: at("2026-12-11T09:00"))) { XCTAssertTrue("\($0)".contains("already completed")) }
        XCTAssertThrowsError(try done.completing(notes: "  ", now: at("2026-12-11T09:00")), "never wipes the notes")
        XCTAssertEqual(try done.completing(notes: "Corrected", now: at("2026-12-11T09:00")).notes, "Corrected")
    }

    func testCancelAndMissedOnlyFromBooked() throws {
        XCTAssertThrowsError(try open.cancelling())
        let booked = try open.booking(at: at("2026-12-10T14:00"), now: now)
        XCTAssertEqual(try booked.cancelling().status, .cancelled)
        XCTAssertThrowsError(try booked.missing(now: now), "not yet passed")
        XCTAssertEqual(try booked.missing(now: at("2026-12-10T16:00")).status, .missed)
    }
}

final class VisitOrderTests: XCTestCase {
    func testAVisitCannotBeBookedAfterALaterOneThatIsCompleted() throws {
        let visits = (1...6).map { n -> Visit in
            switch n {
            case 1: return Visit(number: 1, kind: .evaluation, status: .completed, start: at("2026-11-02T09:00"), durationMinutes: 60, mode: .inPerson)
            case 5: return Visit(number: 5, kind: .followUp, status: .completed, start: at("2026-12-01T09:00"), durationMinutes: 45, mode: .virtual)
            default: return Visit(number: n, kind: .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson)
            }
        }
        let plan = try CarePlan(visits: visits)
        var four = visits[3]
        four.status = .booked
        four.start = at("2026-12-03T10:00")
        XCTAssertThrowsError(try plan.validateSchedule(of: four)) { XCTAssertTrue("\($0)".contains("must come before visit 5"), "\($0)") }
        four.start = at("2026-11-30T10:00")
        XCTAssertNoThrow(try plan.validateSchedule(of: four))
    }
}

/// Visits that already happened: recorded as completed or missed at a past time.
final class PastVisitTests: XCTestCase {
    let now = at("2026-11-27T12:00")
    let open = Visit(number: 1, kind: .evaluation, status: .toSchedule, start: nil, durationMinutes: 60, mode: .inPerson)

    func testAVisitNeverBookedHereIsRecordedAtItsPastTime() throws {
        let done = try open.recording(.completed, at: at("2026-11-02T09:00"), notes: "Good start", now: now)
        XCTAssertEqual(done.status, .completed)
        XCTAssertEqual(done.start, at("2026-11-02T09:00"))
        XCTAssertEqual(done.notes, "Good start")
        let missed = try open.recording(.missed, at: at("2026-11-02T09:00"), now: now)
        XCTAssertEqual(missed.status, .missed)
    }

    func testRecordingRefusesTheFutureLongAgoAndCompletedVisits() throws {
        XCTAssertThrowsError(try open.recording(.completed, at: at("2026-11-28T09:00"), now: now)) {
            XCTAssertTrue("\($0)".contains("has not happened yet"), "\($0)")
        }
        XCTAssertThrowsError(try open.recording(.completed, at: at("2025-11-01T09:00"), now: now)) {
            XCTAssertTrue("\($0)".contains("more than a year ago"), "\($0)")
        }
        XCTAssertThrowsError(try open.recording(.cancelled, at: at("2026-11-02T09:00"), now: now))
        let done = try open.recording(.completed, at: at("2026-11-02T09:00"), now: now)
        XCTAssertThrowsError(try done.recording(.missed, at: at("2026-11-02T09:00"), now: now))
    }

    func testARecordedVisitKeepsTheOrderOfThePlan() throws {
        let visits = (1...6).map { n -> Visit in
            n == 2 ? Visit(number: 2, kind: .followUp, status: .completed, start: at("2026-11-10T09:00"), durationMinutes: 45, mode: .inPerson)
                : Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson)
        }
        let plan = try CarePlan(visits: visits)
        let late = try visits[0].recording(.completed, at: at("2026-11-12T09:00"), now: now)
        XCTAssertThrowsError(try plan.validateSchedule(of: late)) { XCTAssertTrue("\($0)".contains("must come before visit 2"), "\($0)") }
        XCTAssertNoThrow(try plan.validateSchedule(of: visits[0].recording(.completed, at: at("2026-11-03T09:00"), now: now)))
    }

    func testABookedVisitWhoseTimeHasPassedIsUnrecordedUntilSaid() throws {
        var visits = (1...6).map { Visit(number: $0, kind: .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson) }
        visits[2].status = .booked
        visits[2].start = at("2026-12-07T09:00")
        let plan = try CarePlan(visits: visits)
        XCTAssertTrue(plan.unrecorded(now: at("2026-12-07T08:59")).isEmpty)
        XCTAssertTrue(plan.unrecorded(now: at("2026-12-07T09:44")).isEmpty, "under way until its end (qa-e E18)")
        XCTAssertEqual(plan.unrecorded(now: at("2026-12-07T09:45")).map(\.number), [3])
        XCTAssertEqual(Visit.passedQuestion(visits[2]), "Visit 3 was Mon 7 Dec \u{2014} did it take place?")
    }

    func testSetUpRecordsAFirstVisitThatAlreadyTookPlace() throws {
        let store = try SQLiteStore.inMemory()
        try Onboarding(content: sharedContent).setUp(pregnantPatient(), firstVisit: at("2026-11-20T09:00"), store: store,
                                                     clock: PortalClock(today: now.date, time: now.time))
        let first = try XCTUnwrap(try store.carePlan()?.visits.first)
        XCTAssertEqual(first.status, .completed)
        XCTAssertEqual(first.start, at("2026-11-20T09:00"))
        XCTAssertEqual(try store.program().weeks.first?.starts, day("2026-11-20"))
    }
}
