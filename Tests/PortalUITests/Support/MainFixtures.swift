import Foundation
import PortalCore
@testable import PortalUI

/// The demo patient on 27 Nov 2026 at 08:00, loaded into a store on a temporary file.
enum MainFixtures {
    static let today = CalendarDate("2026-11-27")!
    static let clock = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)
    static let content: ContentLibrary = try! ContentLibrary.bundled()

    static func demoStore() throws -> PortalStore {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-ui-\(UUID().uuidString).sqlite")
        let store = try PortalStore(url: url)
        try DemoPatient(content: content, today: today).load(into: store)
        return store
    }

    static func demoSnapshot() throws -> PortalSnapshot {
        try PortalSnapshot.load(from: demoStore(), clock: clock)
    }

    static func emptySnapshot() -> PortalSnapshot {
        PortalSnapshot(clock: clock, patient: nil, plan: nil, program: Program(weeks: []), sessions: [], painEntries: [],
                       readingList: [], articlesRead: [:], quizResults: [])
    }

    static func context(_ snapshot: PortalSnapshot, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs)
    }

    static func app(_ snapshot: PortalSnapshot, glyphs: Glyphs = .unicode) -> PortalApp {
        PortalApp(snapshot: snapshot, content: content, glyphs: glyphs)
    }
}

extension PortalApp {
    /// Sends keys one by one and collects the effects they asked for.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }

    /// Types text as separate character keys.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0))) }
    }
}

extension ScreenContext {
    /// This context for a screen drawn in an area of `size`, as PortalApp sets it after a resize: what
    /// `handle` pages and clamps by.
    func with(area size: Size) -> ScreenContext {
        var ctx = self
        ctx.area = size
        return ctx
    }
}
