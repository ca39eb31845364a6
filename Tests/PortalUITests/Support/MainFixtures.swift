import Foundation
import PortalCore
@testable import PortalUI

/// The demo patient on 27 Nov 2026 at noon, for the app shell, Home and Log pain tests.
enum MainFixtures {
    static let today = CalendarDate("2026-11-27")!
    static let clock = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)
    static let content = ScreenTesting.content

    static func demoSnapshot() throws -> PortalSnapshot {
        try ScreenTesting.snapshot(at: clock.time)
    }

    static func emptySnapshot() -> PortalSnapshot {
        PortalSnapshot(clock: clock, patient: nil, plan: nil, program: Program(weeks: []), sessions: [], painEntries: [],
                       readingList: [], articlesRead: [:], quizResults: [])
    }

    static func context(_ snapshot: PortalSnapshot, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenTesting.context(snapshot, glyphs: glyphs)
    }

    static func app(_ snapshot: PortalSnapshot, glyphs: Glyphs = .unicode) -> PortalApp {
        ScreenTesting.app(snapshot, glyphs: glyphs)
    }
}

extension PortalApp {
    /// Answers every effect still on its way to the store as the runtime would once it commits (`saved`
    /// says nothing more than the request), so a screen test shows the state after the save.
    mutating func answerPendingSaves() {
        for pending in pendingSaves { _ = update(.completed(pending.effect, .nothing)) }
    }

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
