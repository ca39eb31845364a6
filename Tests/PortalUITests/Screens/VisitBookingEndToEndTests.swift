import Foundation
import XCTest
import PortalCore
@testable import PortalUI

/// Booking from the screens against a real store, with effects run the way the portal's runtime runs them.
final class VisitBookingEndToEndTests: XCTestCase {
    func testBookingVisit4IsSavedAndListedAsBooked() throws {
        let store = try Fixtures.store()
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: Fixtures.clock), content: Fixtures.content)
        _ = app.update(.resized(Size(width: 80, height: 24)))

        try Fixtures.press([.character("v"), .down, .enter, .character("b")], on: &app, store: store)
        XCTAssertEqual(app.top.screen.title, "Book visit 4")
        // Overlapping visit 3 is refused on the screen, before anything reaches the store.
        try Fixtures.press("2026-12-03".map { .character($0) } + [.tab] + "10:30".map { .character($0) } + [.enter],
                            on: &app, store: store)
        XCTAssertEqual(app.top.screen.title, "Book visit 4")
        XCTAssertEqual(try store.carePlan()?.visits[3].status, .toSchedule)
        // After visit 3: saved, and back on the visit. The problem put the focus on the time (another time that
        // day would do); she goes back to the date to choose another day.
        guard case .visitBooking(let refused) = app.top else { return XCTFail("\(app.top)") }
        XCTAssertEqual(refused.focus, .time)
        try Fixtures.press([.backTab, .ctrl("u")] + "2026-12-10".map { .character($0) } + [.tab, .ctrl("u")]
                            + "09:30".map { .character($0) } + [.enter], on: &app, store: store)
        let saved = try XCTUnwrap(store.carePlan()?.visits[3])
        XCTAssertEqual(saved.status, .booked)
        XCTAssertEqual(saved.start, LocalDateTime("2026-12-10T09:30"))
        XCTAssertEqual(app.top, .visitDetail(VisitDetailScreen(number: 4)))
        XCTAssertEqual(app.flash?.text, "Saved: visit 4 of 6 is booked for Thu 10 Dec at 09:30.")
        let detail = app.view(size: Size(width: 80, height: 24))
        XCTAssertEqual(detail.line(4), " Status     [ ] Booked · in 13 days")

        try Fixtures.press([.escape], on: &app, store: store)
        let list = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(list.contains(" › 4 Re-evaluation  [ ] Booked        Thu 10 Dec 09:30  In person"), list.joined(separator: "\n"))
    }

    func testCancellingVisit3FromTheScreen() throws {
        let store = try Fixtures.store()
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: Fixtures.clock), content: Fixtures.content)
        try Fixtures.press([.character("v"), .enter, .character("x"), .character("y")], on: &app, store: store)
        XCTAssertEqual(try store.carePlan()?.visits[2].status, .cancelled)
        XCTAssertEqual(app.flash?.text, "Saved: visit 3 of 6 is cancelled.")
    }
}
