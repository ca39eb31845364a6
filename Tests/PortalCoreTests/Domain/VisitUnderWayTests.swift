@testable import PortalCore
import StoreTestSupport
import XCTest

/// qa-e E18: a booked visit is "now" from its start until its end (start + length), with its place or link, and
/// is asked about ("did it take place?") only from its end; a reminder comes only before it starts.
final class VisitUnderWayTests: XCTestCase {
    /// Visit 1 done; visit 2 a video visit booked 10:00–10:45 on Tue 8 Dec; visit 3 booked a week later.
    private func plan() throws -> CarePlan {
        try CarePlan(visits: (1...6).map { n in
            let status: VisitStatus = n == 1 ? .completed : n <= 3 ? .booked : .toSchedule
            let start = [1: "2026-12-01T09:00", 2: "2026-12-08T10:00", 3: "2026-12-15T10:00"][n].map(at)
            return Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: status, start: start, durationMinutes: 45,
                         mode: n == 2 ? .virtual : .inPerson, location: n == 2 ? "https://meet.example.org/bea" : "1 Main St")
        })
    }

    func testAVisitIsNowFromItsStartUntilItsEndAndAskedAboutOnlyAfter() throws {
        let plan = try plan()
        let v2 = plan.visits[1]
        XCTAssertEqual(v2.end, at("2026-12-08T10:45"))
        for (time, underWay) in [("09:59", false), ("10:00", true), ("10:02", true), ("10:44", true), ("10:45", false)] {
            XCTAssertEqual(v2.isUnderWay(at: at("2026-12-08T\(time)")), underWay, time)
        }
        // Two minutes late: still her visit, now, with its link.
        let late = at("2026-12-08T10:02")
        XCTAssertEqual(plan.nextVisit(after: late)?.number, 2)
        XCTAssertEqual(v2.countdown(from: late), "now, until 10:45")
        XCTAssertEqual(v2.placeNow(at: late)?.label, "Link")
        XCTAssertEqual(v2.placeNow(at: late)?.text, "https://meet.example.org/bea")
        XCTAssertEqual(plan.unrecorded(now: late), [], "not asked about while it goes on")
        XCTAssertEqual(plan.upcomingVisit(after: late)?.number, 3, "what a reminder is for: the next one not started")
        // From its end: asked about, and the next visit is visit 3.
        let after = at("2026-12-08T10:45")
        XCTAssertEqual(plan.unrecorded(now: after).map(\.number), [2])
        XCTAssertEqual(plan.nextVisit(after: after)?.number, 3)
        XCTAssertNil(v2.placeNow(at: after))
        // The link from an hour before its start, not earlier.
        XCTAssertNotNil(v2.placeNow(at: at("2026-12-08T09:00")))
        XCTAssertNil(v2.placeNow(at: at("2026-12-08T08:59")))
        XCTAssertEqual(v2.countdown(from: at("2026-12-08T09:00")), "in 1 h 0 min")
    }

    /// A visit that runs past midnight stays now after it, not "past".
    func testAVisitRunningPastMidnightIsStillNow() throws {
        let v = Visit(number: 2, kind: .followUp, status: .booked, start: at("2026-12-07T23:30"), durationMinutes: 60, mode: .virtual)
        XCTAssertEqual(v.end, at("2026-12-08T00:30"))
        XCTAssertTrue(v.isUnderWay(at: at("2026-12-08T00:10")))
        XCTAssertEqual(v.countdown(from: at("2026-12-08T00:10")), "now, until 00:30")
        XCTAssertTrue(v.isUnderWay(at: at("2026-12-07T23:45")), "the qa-e case: mid-visit, not yet asked whether it took place")
    }

    func testTheBriefLineAndTheRemindersKnowAVisitUnderWay() throws {
        let store = try SQLiteStore.inMemory()
        let patient = Patient(name: "Bea", stage: .postpartum(birthDate: day("2026-11-20"), delivery: .cesarean), conditions: [])
        try store.setUp(patient: patient, plan: try plan(), weeks: [], readingList: [])
        func snapshot(_ time: String) throws -> PortalSnapshot {
            let now = at("2026-12-08T\(time)")
            return try store.snapshot(clock: PortalClock(today: now.date, time: now.time))
        }
        XCTAssertEqual(DueToday.visit(try snapshot("09:58")).first?.text, "visit 2 in 2 min")
        XCTAssertEqual(DueToday.visit(try snapshot("10:02")).first?.text, "visit 2 now, until 10:45", "still on the brief line")
        XCTAssertEqual(DueToday.visit(try snapshot("10:45")).first?.text, nil, "over: the next one is a week away")
        // A reminder 2 hours before visit 2, set after it started, is never given for it.
        let settings = ReminderSettings(visitOffsets: [VisitReminderOffset(minutes: 120)!])
        XCTAssertNil(ReminderPlan.visitReminder(try snapshot("10:02"), settings: settings, given: []))
        XCTAssertEqual(ReminderPlan.visitReminder(try snapshot("08:30"), settings: settings, given: [])?.title, "Visit 2 today at 10:00")
    }
}
