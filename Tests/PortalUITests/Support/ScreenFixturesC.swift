import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// Snapshots, contexts and drawing helpers for the Learn, Reader, Quiz, Welcome and Setup screen tests.
/// The demo patient is loaded into a real store on a temporary file, as the portal does, on a pinned day.
enum FixturesC {
    static let content: ContentLibrary = try! ContentLibrary.bundled()
    static let today = CalendarDate("2026-11-27")!
    static let clock = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)

    /// The demo patient (24 weeks pregnant, hip pain; one prescribed article read), loaded once.
    static let demo: PortalSnapshot = try! snapshot { store in
        try DemoPatient(content: content, today: today).load(into: store)
    }

    /// An empty database: no patient, so the app opens on the welcome screen.
    static let empty: PortalSnapshot = try! snapshot { _ in }

    private static func snapshot(_ fill: (PortalStore) throws -> Void) throws -> PortalSnapshot {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-ui-c-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PortalStore(url: folder.appendingPathComponent("portal.sqlite"))
        try fill(store)
        return try PortalSnapshot.load(from: store, clock: clock)
    }

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs)
    }

    /// The app on `snapshot` after typing `keys`.
    static func app(_ snapshot: PortalSnapshot = demo, keys: [Key] = [], glyphs: Glyphs = .unicode) -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs)
        for key in keys { _ = app.update(.key(key)) }
        return app
    }

    /// Draws `screen` alone into a buffer exactly the size of its area.
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(size: Size(width: width, height: height))
        screen.view(ctx, into: &buffer, area: buffer.area)
        return buffer
    }

    /// Draws `screen` into the middle of a larger buffer at many sizes: it must never draw outside its area.
    static func assertStaysInside(_ screen: some PortalScreen, _ ctx: ScreenContext, file: StaticString = #filePath, line: UInt = #line) {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (20, 4), (40, 8), (58, 15), (78, 21), (150, 50)] {
            var buffer = Buffer(size: Size(width: w + 4, height: h + 4))
            screen.view(ctx, into: &buffer, area: Rect(x: 2, y: 2, width: w, height: h))
            for y in 0..<buffer.size.height {
                for x in 0..<buffer.size.width where !(x >= 2 && x < 2 + w && y >= 2 && y < 2 + h) && buffer[x, y] != .blank {
                    XCTFail("\(type(of: screen)) drew outside \(w)x\(h) at (\(x),\(y))", file: file, line: line)
                    return
                }
            }
        }
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
