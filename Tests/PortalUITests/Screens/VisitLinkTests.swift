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
        for link in ["http://video.example.org/r", "javascript:alert(1)", "video.example.org/r"] {
            var screen = videoForm(link)
            XCTAssertEqual(screen.handle(.enter, ctx), .stay, "\(link): nothing is saved")
            XCTAssertEqual(screen.problem, "A video visit's link starts with https:// (for example https://video.example.org/room), not “\(link)”.", link)
            XCTAssertEqual(screen.focus, .place, link)
        }
        // QA-i I5: the fault named is the one there is: a space, an address that is no host name, a name before @.
        let refused = [
            ("https://video.example.org/a room", "has no spaces, and “https://video.example.org/a room” has one: copy the whole link as the clinic gave it (for example https://video.example.org/room)."),
            ("https://evil example.org", "has no spaces, and “https://evil example.org” has one: copy the whole link as the clinic gave it (for example https://video.example.org/room)."),
            ("https://-/", "needs a real address after https://: a name such as video.example.org, of letters, digits, hyphens and dots (for example https://video.example.org/room); “-” in “https://-/” is not one."),
            ("https://a..org/r", "needs a real address after https://: a name such as video.example.org, of letters, digits, hyphens and dots (for example https://video.example.org/room); “a..org” in “https://a..org/r” is not one."),
            ("https://video.example.org:99999/r", "needs a real address after https://: a name such as video.example.org, of letters, digits, hyphens and dots (for example https://video.example.org/room); “video.example.org:99999” in “https://video.example.org:99999/r” is not one."),
            ("https://video.example.org@evil.test/r", "is the address alone after https://, with no name and @ before it (for example https://video.example.org/room); “https://video.example.org@evil.test/r” has one."),
            // QA M6: what a web address cannot hold after its host, and a % not before two hexadecimal digits.
            ("https://v.example.org/\"><script>y()</script>", "cannot hold “\"”, and “https://v.example.org/\"><script>y()</script>” does: copy the whole link as the clinic gave it (for example https://video.example.org/room)."),
            ("https://v.example.org/{}|^", "cannot hold “{”, and “https://v.example.org/{}|^” does: copy the whole link as the clinic gave it (for example https://video.example.org/room)."),
            ("https://v.example.org/r%zz", "has % only before two hexadecimal digits (such as %20), and “https://v.example.org/r%zz” has “%zz”."),
            ("https://v.example.org/r%2", "has % only before two hexadecimal digits (such as %20), and “https://v.example.org/r%2” has “%2”."),
        ]
        for (link, why) in refused {
            var screen = videoForm(link)
            XCTAssertEqual(screen.handle(.enter, ctx), .stay, "\(link): nothing is saved")
            XCTAssertEqual(screen.problem, "A video visit's link " + why, link)
            XCTAssertEqual(screen.focus, .place, link)
        }
        for link in ["https://video.example.org/r4", "https://meet.clinic-1.example.org:8443/r?x=1#y", "https://[2001:db8::1]/room", "https://10.0.0.5/room", "https://клиника.рф/room",
                     "https://v.example.org/a%20b;c=d&e=(f)~g_h*i'j!k$l+m,n"] {
            var ok = videoForm(link)
            guard case .saveVisit? = ok.handle(.enter, ctx).effects.first else { return XCTFail("\(link) is a link: \(String(describing: ok.problem))") }
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
