import Foundation
import PortalCore
@testable import PortalUI

/// The demo patient on 27 Nov 2026 at noon, read back from a real store once: the snapshot the visits,
/// progress and profile screens are tested against. Tests change copies of it for the unusual cases.
enum FixturesB {
    static let today = CalendarDate("2026-11-27")!
    static let noon = TimeOfDay(hour: 12, minute: 0)!

    static let content: ContentLibrary = try! ContentLibrary.bundled()

    static let demo: PortalSnapshot = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("portal-ui-fixtures-b-\(UUID().uuidString)")
        let store = try! PortalStore(url: folder.appendingPathComponent("demo.sqlite"))
        try! DemoPatient(content: content, today: today).load(into: store)
        let snapshot = try! PortalSnapshot.load(from: store, clock: PortalClock(today: today, time: noon))
        try? FileManager.default.removeItem(at: folder)
        return snapshot
    }()

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs)
    }

    /// The demo on another day or at another time (the store is the same; only "now" moves).
    static func demo(at time: TimeOfDay, on day: CalendarDate = today) -> PortalSnapshot {
        var s = demo
        s.clock = PortalClock(today: day, time: time)
        return s
    }

    /// Draws `screen` alone into an area of `width`×`height`, as PortalApp would give it.
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(size: Size(width: width, height: height))
        screen.view(ctx, into: &buffer, area: buffer.area)
        return buffer
    }

    /// The whole app (title bar, hints) after pressing `keys` on Home: `[.character("v")]` opens Visits.
    static func app(keys: [Key], _ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs)
        for key in keys { _ = app.update(.key(key)) }
        return app
    }
}
