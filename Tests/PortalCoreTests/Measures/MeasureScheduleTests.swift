import XCTest
@testable import PortalCore
import StoreTestSupport

/// Measures follow the care plan: due around the evaluation, the re-evaluation and the discharge, for the
/// conditions each fits, until she fills them in.
final class MeasureScheduleTests: XCTestCase {
    /// The template plan: visit 1 evaluation done on 2 Nov, 4 the re-evaluation on 30 Nov, 6 the discharge.
    private func visits(fourth: VisitStatus = .booked, fourthOn: String? = "2026-11-30T09:00") -> [Visit] {
        let kinds: [VisitKind] = [.evaluation, .followUp, .followUp, .reEvaluation, .followUp, .discharge]
        let starts: [String?] = ["2026-11-02T09:00", "2026-11-09T09:00", "2026-11-16T09:00", fourthOn, nil, "2026-12-14T09:00"]
        let statuses: [VisitStatus] = [.completed, .completed, .completed, fourth, .toSchedule, .booked]
        return (0..<6).map { Visit(number: $0 + 1, kind: kinds[$0], status: statuses[$0], start: starts[$0].map(at), durationMinutes: 45, mode: .inPerson) }
    }

    private func due(_ conditions: [Condition], visits: [Visit]? = nil, responses: [MeasureResponse] = [], today: String) -> DueMeasures? {
        MeasureSchedule.due(measures: sharedContent.measureTimings, conditions: conditions, visits: visits ?? self.visits(),
                            responses: responses, today: day(today))
    }

    func testBeforeTheReEvaluationHomeSaysWhatIsDueAndHowLong() throws {
        let d = try XCTUnwrap(due([.bladderLeaks], today: "2026-11-27"))
        XCTAssertEqual(d.visit.number, 4)
        XCTAssertEqual(d.measures.map(\.id), ["pelvic-floor-check-in", "psfs"])
        XCTAssertEqual(d.headline, "Before visit 4: 2 short questionnaires (about 5 minutes)")
        let back = try XCTUnwrap(due([.lowBack], today: "2026-11-27"))
        XCTAssertEqual(back.measures.map(\.id), ["psfs", "rmdq"], "the back questionnaire only for low back pain")
        XCTAssertEqual(due([.hipPiriformis], today: "2026-11-27")?.headline, "Before visit 4: 1 short questionnaire (about 3 minutes)")
    }

    func testTheWindowIsAWeekEachSideOfTheVisit() {
        XCTAssertNil(due([.lowBack], today: "2026-11-22"), "8 days before the visit: not yet")
        XCTAssertEqual(due([.lowBack], today: "2026-11-23")?.visit.number, 4)
        XCTAssertEqual(due([.lowBack], today: "2026-12-07")?.headline, "For visit 4: 2 short questionnaires (about 8 minutes)")
        XCTAssertEqual(due([.lowBack], today: "2026-12-08")?.visit.number, 6, "then the discharge's week begins")
        XCTAssertEqual(due([.lowBack], today: "2026-11-02")?.visit.number, 1, "the evaluation too")
        XCTAssertNil(due([.lowBack], today: "2026-11-16"), "a follow-up asks for nothing")
    }

    func testAMeasureFilledInTheWindowIsNoLongerDue() {
        let psfs = MeasureResponse(measureID: "psfs", date: day("2026-11-25"), activities: [])
        XCTAssertEqual(due([.lowBack], responses: [psfs], today: "2026-11-27")?.measures.map(\.id), ["rmdq"])
        let early = MeasureResponse(measureID: "psfs", date: day("2026-11-20"), activities: [])
        XCTAssertEqual(due([.lowBack], responses: [early], today: "2026-11-27")?.measures.map(\.id), ["psfs", "rmdq"],
                       "one filled before the window counts for the visit before")
        let rmdq = MeasureResponse(measureID: "rmdq", date: day("2026-11-27"))
        XCTAssertNil(due([.lowBack], responses: [psfs, rmdq], today: "2026-11-27"))
    }

    func testAVisitWithoutADateOrThatDidNotHappenAsksForNothing() {
        XCTAssertNil(due([.lowBack], visits: visits(fourth: .toSchedule, fourthOn: nil), today: "2026-11-27"))
        XCTAssertNil(due([.lowBack], visits: visits(fourth: .cancelled), today: "2026-11-27"))
        XCTAssertEqual(due([.lowBack], visits: visits(fourth: .completed, fourthOn: "2026-11-26T09:00"), today: "2026-11-27")?.headline,
                       "For visit 4: 2 short questionnaires (about 8 minutes)")
    }

    /// QA (U5): Home said "For visit 1: 2 short questionnaires" a week after visit 1 was completed, though her
    /// visits 2 and 4 had come since. A visit completed is never "before" (even on its day), and a later visit's
    /// day (kept or missed) ends the week after the one before; without a later visit the week stands.
    func testALaterVisitEndsTheWeekAfterAndACompletedVisitIsNeverBefore() {
        func plan(_ second: (VisitStatus, String?)) -> [Visit] {
            let kinds: [VisitKind] = [.evaluation, .followUp, .followUp, .reEvaluation, .followUp, .discharge]
            let statuses: [VisitStatus] = [.completed, second.0, .toSchedule, .booked, .toSchedule, .toSchedule]
            let starts: [String?] = ["2026-11-30T09:00", second.1, nil, "2026-12-22T10:00", nil, nil]
            return (0..<6).map { i in
                Visit(number: i + 1, kind: kinds[i], status: statuses[i], start: starts[i].map(at), durationMinutes: 45, mode: .inPerson)
            }
        }
        let missed = plan((.missed, "2026-12-03T10:00"))
        XCTAssertEqual(due([.lowBack], visits: missed, today: "2026-11-30")?.headline, "For visit 1: 2 short questionnaires (about 8 minutes)",
                       "completed this morning: for the visit, not before it")
        XCTAssertEqual(due([.lowBack], visits: missed, today: "2026-12-02")?.visit.number, 1)
        XCTAssertNil(due([.lowBack], visits: missed, today: "2026-12-03"), "visit 2's day has come: visit 1's week is over")
        XCTAssertNil(due([.lowBack], visits: missed, today: "2026-12-07"), "QA's day: nothing for visit 1")
        XCTAssertEqual(due([.lowBack], visits: plan((.booked, "2026-12-03T10:00")), today: "2026-12-02")?.visit.number, 1)
        XCTAssertNil(due([.lowBack], visits: plan((.booked, "2026-12-03T10:00")), today: "2026-12-04"), "a booked later visit too")
        XCTAssertEqual(due([.lowBack], visits: plan((.cancelled, "2026-12-03T10:00")), today: "2026-12-07")?.visit.number, 1,
                       "a cancelled visit never came: the week after visit 1 stands")
        XCTAssertNil(due([.lowBack], visits: plan((.cancelled, "2026-12-03T10:00")), today: "2026-12-08"))
        XCTAssertEqual(due([.lowBack], visits: missed, today: "2026-12-15")?.visit.number, 4, "then visit 4's week before")
    }
}
