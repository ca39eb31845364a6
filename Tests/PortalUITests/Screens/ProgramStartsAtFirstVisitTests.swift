import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// QA E2: Home says "Your program starts after your first visit"; week 1 (which starts on that visit's day)
/// begins at the visit's start time, not at midnight, on Home, Exercises and the brief line (`DueToday`, what
/// `portal today --brief` and the exercise reminder read) alike.
final class ProgramStartsAtFirstVisitTests: XCTestCase {
    /// Ana (bladder leaks, due 28 Feb 2027) set up on Mon 7 Dec with visit 1 on Wed 9 Dec 09:30, read at `now`.
    func snapshot(_ now: String) throws -> PortalSnapshot {
        let store = try SQLiteStore.inMemory()
        let patient = Patient(name: "Ana", stage: .pregnant(dueDate: CalendarDate("2027-02-28")!), conditions: [.bladderLeaks])
        try Onboarding(content: Fixtures.content).setUp(patient, firstVisit: LocalDateTime("2026-12-09T09:30")!, store: store,
                                                        clock: PortalClock(today: CalendarDate("2026-12-07")!, time: TimeOfDay("12:00")!))
        let at = LocalDateTime(now)!
        return try PortalSnapshot.load(from: store, clock: PortalClock(today: at.date, time: at.time))
    }

    func home(_ s: PortalSnapshot) -> String {
        Fixtures.app(s).view(size: Size(width: 80, height: 24)).lines.first { $0.hasPrefix(" Exercises ") } ?? ""
    }

    func testWeek1StartsAtTheFirstVisitsStartNotAtMidnight() throws {
        let before = try snapshot("2026-12-09T08:00")
        XCTAssertEqual(before.program.weeks.first?.starts, CalendarDate("2026-12-09"), "week 1 is dated the visit's day")
        XCTAssertNil(before.currentWeek, "90 minutes before the evaluation the program has not started")
        XCTAssertTrue(home(before).contains("Your program starts after your first visit"), home(before))
        XCTAssertEqual(DueToday.items(before, measures: [], safety: Fixtures.content.safety).filter { $0.kind == .exercises }, [],
                       "no \"3/3 exercises\" in the brief line")
        XCTAssertTrue(before.exercisesToday == (0, 0))
        let exercises = Fixtures.app(before, keys: [.character("e")]).view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertFalse(exercises.contains("(this week)"), exercises)
        // "Started" has one meaning (`Program.hasStarted`): the day has come. Week 1 has started, so it is no
        // longer open to an import or a change of details, though she follows it only from the visit's start.
        let week1 = try XCTUnwrap(before.program.weeks.first)
        XCTAssertTrue(Program.hasStarted(week1, on: before.today))
        XCTAssertEqual(before.program.numbersOpenToImport(today: before.today).upcoming.first, 2)

        // From the visit's start, week 1 is hers.
        let started = try snapshot("2026-12-09T09:30")
        XCTAssertEqual(started.currentWeek?.number, 1)
        XCTAssertFalse(home(started).contains("starts after your first visit"), home(started))
        XCTAssertEqual(DueToday.items(started, measures: [], safety: Fixtures.content.safety).filter { $0.kind == .exercises }.count, 1)
        XCTAssertEqual(try snapshot("2026-12-10T06:00").currentWeek?.number, 1, "the next day from midnight")
    }

    /// A first visit done early (marked completed) starts the program; a week 1 dated another day than the
    /// visit keeps its own date.
    func testTheRuleIsOnlyForABookedFirstVisitOnWeek1sDay() throws {
        let s = try snapshot("2026-12-09T08:00")
        var visit = try XCTUnwrap(s.plan?.visits.first)
        let early = LocalDateTime("2026-12-09T08:00")!
        XCTAssertNil(s.program.currentWeek(at: early, firstVisit: visit))
        visit.status = .completed
        XCTAssertEqual(s.program.currentWeek(at: early, firstVisit: visit)?.number, 1)
        visit.status = .booked
        visit.start = LocalDateTime("2026-12-10T09:30")
        XCTAssertEqual(s.program.currentWeek(at: early, firstVisit: visit)?.number, 1, "week 1 dated before the visit: its date")
        XCTAssertEqual(s.program.currentWeek(at: early, firstVisit: nil)?.number, 1)
    }
}
