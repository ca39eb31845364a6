import Foundation
import PortalCore
@testable import PortalUI

/// The demo patient on 27 Nov 2026 at noon, read back from a real store once: the snapshot the visits,
/// progress and profile screens are tested against. Tests change copies of it for the unusual cases.
enum FixturesB {
    static let today = CalendarDate("2026-11-27")!
    static let noon = TimeOfDay(hour: 12, minute: 0)!

    static let content = ScreenTesting.content

    static let demo: PortalSnapshot = try! ScreenTesting.snapshot(at: noon)

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenTesting.context(snapshot, glyphs: glyphs)
    }

    /// The demo on another day or at another time (the store is the same; only "now" moves).
    static func demo(at time: TimeOfDay, on day: CalendarDate = today) -> PortalSnapshot {
        var s = demo
        s.clock = PortalClock(today: day, time: time)
        return s
    }

    /// Draws `screen` alone into an area of `width`×`height`, as PortalApp would give it.
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int) -> Buffer {
        ScreenTesting.draw(screen, ctx, width: width, height: height)
    }

    /// The whole app (title bar, hints) after pressing `keys` on Home: `[.character("v")]` opens Visits.
    static func app(keys: [Key], _ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> PortalApp {
        ScreenTesting.app(snapshot, keys: keys, glyphs: glyphs)
    }
}
