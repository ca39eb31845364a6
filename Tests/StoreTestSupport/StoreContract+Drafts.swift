import Foundation
import PortalCore
import XCTest

/// Drafts (issue 23, point 3): only a clinic therapist's new weeks wait to be published. A file, and a patient's
/// own login, has none: saving a draft and publishing are refused and change nothing, and no week reads as one.
extension StoreContract {
    func checkOnlyATherapistsWeeksAreDrafts() throws {
        let store = try seededStore()
        XCTAssertFalse(store.addsDraftWeeks)
        XCTAssertEqual(try store.draftWeeks(), [])
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).draftWeeks, [])
        let next = try XCTUnwrap(WeekDraft.next(after: try store.program(), today: day("2026-11-27"))).week
        try assertRefused(store, "no drafts here") { try store.saveDraftWeek(next, library: sharedContent.exercises) }
        try assertRefused(store, "nothing to publish") { try store.publishWeek(1) }
    }
}
