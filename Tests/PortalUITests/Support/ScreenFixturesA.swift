import Foundation
import XCTest
import PortalCore
@testable import PortalUI

/// The demo patient on a pinned day, for the exercise screens' tests: week 4 of 4 (from Tue 24 Nov) is
/// current, side-lying hip abduction is done today, standing hip extension is new, clamshell was dropped.
enum FixturesA {
    static let today = CalendarDate("2026-11-27")!
    static let clock = PortalClock(today: today, time: TimeOfDay(hour: 10, minute: 0)!)
    static let content = ScreenTesting.content

    /// The demo loaded once; tests that only read share it.
    static let demo: PortalSnapshot = try! ScreenTesting.snapshot(at: clock.time)

    /// A fresh demo store on a temporary file, for tests that write.
    static func makeDemoStore() throws -> SQLiteStore { try ScreenTesting.store() }

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenTesting.context(snapshot, glyphs: glyphs)
    }

    /// The demo with the program's sessions replaced (to set up exactly what is done today).
    static func snapshot(sessions: [ExerciseSession], from base: PortalSnapshot = demo) -> PortalSnapshot {
        var s = base
        s.sessions = sessions
        return s
    }

    static func session(_ id: String, on day: CalendarDate = today, week: Int = 4) -> ExerciseSession {
        // A whole session: every prescribed set (fewer would be partial, not done).
        ExerciseSession(date: day, exerciseID: id, week: week,
                        setsDone: demo.program.week(number: week)?.prescription(for: id)?.dose.sets ?? 1)
    }

    /// The area PortalApp gives a screen in a terminal of `width`×`height` without a message line.
    static func screenArea(width: Int, height: Int) -> Rect {
        Rect(x: 1, y: 2, width: width - 2, height: height - 3)
    }

    /// Draws `screen` alone, into the area the app would give it.
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int = 80, height: Int = 24) -> Buffer {
        ScreenTesting.draw(screen, ctx, width: width, height: height, area: screenArea(width: width, height: height))
    }

    /// Draws `screen` at every size from the minimum up to `maxWidth`×`maxHeight` (and a few tiny areas),
    /// failing if it ever draws outside its area.
    static func assertStaysInside(_ screen: some PortalScreen, _ ctx: ScreenContext, maxWidth: Int = 120, maxHeight: Int = 40,
                                  file: StaticString = #filePath, line: UInt = #line) {
        var sizes: [(Int, Int)] = [(0, 0), (1, 1), (5, 3), (20, 6), (40, 10)]
        for w in stride(from: 58, through: maxWidth, by: 7) {
            for h in stride(from: 11, through: maxHeight, by: 3) { sizes.append((w, h)) }
        }
        ScreenTesting.assertStaysInside(screen, ctx, sizes: sizes, file: file, line: line)
    }

    /// Runs effects the way the portal's runtime does: against the store, then a fresh snapshot, then
    /// `completed`. Returns any effects the screens asked for in turn.
    static func run(_ effects: [Effect], on app: inout PortalApp, store: SQLiteStore) throws {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .markDone(let id, let date, let sets, let pain): try store.markDone(exerciseID: id, on: date, today: today, sets: sets, pain: pain)
            case .undoDone(let id, let date): _ = try store.undoDone(exerciseID: id, on: date)
            case .saveVisit(let visit): try store.saveVisit(visit)
            case .bell, .quit: continue
            default: XCTFail("unexpected effect \(effect)"); continue
            }
            queue += app.update(.loaded(try PortalSnapshot.load(from: store, clock: clock)))
            queue += app.update(.completed(effect, .nothing))
        }
    }

    /// Sends keys to the app, running whatever effects they ask for.
    static func press(_ keys: [Key], on app: inout PortalApp, store: SQLiteStore? = nil) throws {
        for key in keys {
            let effects = app.update(.key(key))
            if let store { try run(effects, on: &app, store: store) } else {
                XCTAssertEqual(effects, [], "a key with effects needs a store")
            }
        }
    }
}
