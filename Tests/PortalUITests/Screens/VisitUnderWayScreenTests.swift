import PortalCore
import XCTest
@testable import PortalUI

/// qa-e E18: while a visit goes on (the demo's video visit 3, Thu 3 Dec 10:15–11:00) Home, Visits and the visit
/// itself say it is now, with its link, and nothing asks whether it took place until it has ended.
final class VisitUnderWayScreenTests: XCTestCase {
    private let visitDay = CalendarDate("2026-12-03")!

    private func home(_ time: String, width: Int = 80, height: Int = 24) -> [String] {
        Fixtures.app(Fixtures.demo(at: TimeOfDay(time)!, on: visitDay)).view(size: Size(width: width, height: height)).lines
    }

    func testHomeKeepsTheVisitUnderWayWithItsLinkAndAsksOnlyAfterItsEnd() {
        let late = home("10:17")
        let text = late.joined(separator: "\n")
        XCTAssertTrue(late.contains { $0.hasPrefix(" Next visit  3 of 6 · Thu 3 Dec 10:15 · now, until 11:00 · virtual") }, text)
        XCTAssertTrue(late.contains { $0.hasPrefix(" Link        https://video.example.org/harbor/jordan-lee") }, text)
        XCTAssertFalse(text.contains("None booked"), text)
        XCTAssertFalse(text.contains("did it take place"), text)
        // At the minimum size too: the link wraps rather than being cut.
        let narrow = home("10:17", width: 60, height: 18).joined(separator: "\n")
        XCTAssertTrue(narrow.contains("now, until 11:00"), narrow)
        XCTAssertTrue(narrow.contains("https://video.example.org/harbor/jordan-lee"), narrow)
        // From its end: the question, and the link is gone.
        let after = home("11:00").joined(separator: "\n")
        XCTAssertTrue(after.contains("Visit 3 was Thu 3 Dec — did it take place? Press a."), after)
        XCTAssertFalse(after.contains("https://video.example.org"), after)
    }

    /// qa-g (E18, the rest): once the last booked visit had ended, not yet marked, Home said "Next visit  None
    /// booked. Your clinic will schedule the next one." right above its own "did it take place?". The visit line
    /// asks the question instead, once, and `a` answers it.
    func testAfterTheLastBookedVisitEndsHomeAsksAboutItInsteadOfSayingNoneBooked() throws {
        var s = Fixtures.demo(at: TimeOfDay("11:00")!, on: visitDay)
        s.plan = try CarePlan(visits: s.plan!.visits.map { v in
            var v = v
            if v.number > 3 { v.status = .toSchedule; v.start = nil }
            return v
        })
        for (w, h) in [(80, 24), (60, 18)] {
            let lines = Fixtures.app(s).view(size: Size(width: w, height: h)).lines
            let text = lines.joined(separator: "\n")
            XCTAssertFalse(text.contains("None booked"), text)
            XCTAssertEqual(text.components(separatedBy: "did it take place").count, 2, "asked once at \(w)x\(h): \(text)")
            XCTAssertTrue(lines.contains { $0.hasPrefix(" Next visit  Visit 3 was Thu 3 Dec — did it take") }, text)
        }
    }

    func testVisitsAndTheVisitSayItIsNow() {
        let ctx = Fixtures.context(Fixtures.demo(at: TimeOfDay("10:17")!, on: visitDay))
        XCTAssertEqual(VisitsScreen.nextLine(ctx), "Next: visit 3 of 6 · Thu 3 Dec at 10:15 · now, until 11:00")
        let visit3 = ctx.snapshot.plan!.visits[2]
        XCTAssertEqual(VisitsScreen.statusText(visit3, isNext: true, glyphs: .unicode, now: ctx.snapshot.clock.now), "[ ] Booked, now")
        XCTAssertEqual(VisitDetailScreen.statusText(visit3, ctx), "[ ] Booked · your next visit, now, until 11:00")
        let over = Fixtures.context(Fixtures.demo(at: TimeOfDay("11:00")!, on: visitDay))
        XCTAssertEqual(VisitsScreen.statusText(visit3, isNext: false, glyphs: .unicode, now: over.snapshot.clock.now), "[ ] Booked, passed")
        XCTAssertTrue(VisitDetailScreen.statusText(visit3, over).contains("the time has passed"))
    }
}
