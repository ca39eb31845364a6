import XCTest
import PortalCore

/// `portal today` says what Home shows: both come from one `snapshot(clock:)`.
final class TodayMatchesHomeTests: XCTestCase {
    func testTodayIsDrawnFromTheSnapshotHomeUses() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let out = try portal.run(["today"]).stdout
        let store = try PortalStore.open(url: portal.db, mode: .existingOnly)
        let snap = try store.snapshot(clock: PortalClock(today: CalendarDate(portal.today)!, time: TimeOfDay(hour: 0, minute: 0)!, isPinned: true))
        let (done, prescribed) = snap.log.today(snap.today)
        XCTAssertTrue(out.contains("Exercises: \(done) of \(prescribed) done today (program week \(snap.currentWeek!.number))"), out)
        XCTAssertTrue(out.contains("Streak: \(snap.log.streak(today: snap.today).activeDays) exercise days"), out)
        XCTAssertEqual(out.components(separatedBy: "/10").count - 1, snap.entries(on: snap.today).count, out)
        let next = try XCTUnwrap(snap.nextVisit, "the first booked visit still to come (the demo's visit 3 has passed)")
        XCTAssertEqual(next.number, 4)
        XCTAssertTrue(out.contains("Next visit: \(next.number) of \(snap.plan!.size)"), out)
    }
}
