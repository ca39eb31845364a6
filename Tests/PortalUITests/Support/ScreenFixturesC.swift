import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// Snapshots, contexts and drawing helpers for the Learn, Reader, Quiz, Welcome and Setup screen tests.
/// The demo patient is loaded into a real store on a temporary file, as the portal does, on a pinned day.
enum FixturesC {
    static let content = ScreenTesting.content
    static let today = ScreenTesting.today
    static let clock = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)

    /// The demo patient (24 weeks pregnant, hip pain; one prescribed article read), loaded once.
    static let demo: PortalSnapshot = try! ScreenTesting.snapshot(at: clock.time)

    /// An empty database: no patient, so the app opens on the welcome screen.
    static let empty: PortalSnapshot = try! ScreenTesting.snapshot(at: clock.time, fill: { _ in })

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenTesting.context(snapshot, glyphs: glyphs)
    }

    /// The app on `snapshot` after typing `keys`.
    static func app(_ snapshot: PortalSnapshot = demo, keys: [Key] = [], glyphs: Glyphs = .unicode) -> PortalApp {
        ScreenTesting.app(snapshot, keys: keys, glyphs: glyphs)
    }

    /// Draws `screen` alone into a buffer exactly the size of its area.
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int) -> Buffer {
        ScreenTesting.draw(screen, ctx, width: width, height: height)
    }

    /// It must never draw outside its area, from nothing up to a large window.
    static func assertStaysInside(_ screen: some PortalScreen, _ ctx: ScreenContext, file: StaticString = #filePath, line: UInt = #line) {
        ScreenTesting.assertStaysInside(screen, ctx, sizes: [(0, 0), (1, 1), (5, 2), (20, 4), (40, 8), (58, 15), (78, 21), (150, 50)],
                                        file: file, line: line)
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.character($0) } }
}

extension FixturesC {
    /// The first row of `buffer` containing `text`.
    static func row(_ buffer: Buffer, containing text: String) -> Int? { buffer.lines.firstIndex { $0.contains(text) } }

    /// The style of the first cell of `text` where it first appears in `buffer`.
    static func style(of text: String, in buffer: Buffer) -> Style? {
        guard let y = row(buffer, containing: text), let range = buffer.line(y).range(of: text) else { return nil }
        let x = DisplayWidth.of(String(buffer.line(y)[..<range.lowerBound]))
        return buffer[x, y].style
    }
}
