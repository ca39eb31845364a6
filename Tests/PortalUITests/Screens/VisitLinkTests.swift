import XCTest
import PortalCore
@testable import PortalUI

/// Issue 19, point 7: the booking form holds a video link to the store's own rule (`StoreRules.checkVisitChange`),
/// so what the command line and the store refuse, the form refuses too, before anything is asked of the store.
final class VisitLinkTests: XCTestCase {
    private let ctx = Fixtures.context()

    private func videoForm(_ link: String) -> VisitBookingScreen {
        var screen = VisitBookingScreen(number: 4, ctx)
        for c in "2026-12-10" { _ = screen.handle(.character(c), ctx) }
        _ = screen.handle(.tab, ctx)
        for c in "09:30" { _ = screen.handle(.character(c), ctx) }
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.right, ctx)          // a video visit
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.ctrl("u"), ctx)
        for c in link { _ = screen.handle(.character(c), ctx) }
        return screen
    }

    func testAnInsecureOrScriptLinkIsRefusedOnTheLinkField() {
        // QA E6: "https://" alone does start with https://; what it lacks is the address, and that is what is said.
        for link in ["https://", "https:///room"] {
            var screen = videoForm(link)
            XCTAssertEqual(screen.handle(.enter, ctx), .stay, "\(link): nothing is saved")
            XCTAssertEqual(screen.problem, "A video visit's link needs the address after https:// (for example https://video.example.org/room); “\(link)” has none.", link)
        }
        for link in ["http://video.example.org/r", "javascript:alert(1)", "video.example.org/r", "https://video.example.org/a room"] {
            var screen = videoForm(link)
            XCTAssertEqual(screen.handle(.enter, ctx), .stay, "\(link): nothing is saved")
            XCTAssertEqual(screen.problem, "A video visit's link starts with https:// (for example https://video.example.org/room), not “\(link)”.", link)
            XCTAssertEqual(screen.focus, .place, link)
        }
        var good = videoForm("https://video.example.org/r4")
        guard case .saveVisit(let v, _)? = good.handle(.enter, ctx).effects.first else {
            return XCTFail("a secure link is saved: \(String(describing: good.problem))")
        }
        XCTAssertEqual(v.location, "https://video.example.org/r4")
    }

    /// The store says the same words for the same link.
    func testTheFormAndTheStoreRefuseWithOneMessage() throws {
        var screen = videoForm("http://video.example.org/r")
        _ = screen.handle(.enter, ctx)
        var visit = try XCTUnwrap(Fixtures.demo.plan?.visits[3])
        visit.status = .booked
        visit.start = LocalDateTime("2026-12-10T09:30")
        visit.mode = .virtual
        visit.location = "http://video.example.org/r"
        XCTAssertThrowsError(try StoreRules.checkVisitChange(visit, stored: Fixtures.demo.plan!.visits, zone: Fixtures.demo.clock.zone)) {
            XCTAssertEqual("\($0)", screen.problem)
        }
    }
}
