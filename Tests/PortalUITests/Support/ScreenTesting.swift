import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// What every screen test stands on: the shipped content, the demo patient on a pinned day read back from a
/// real store (SQLite in memory), contexts, and drawing helpers. The per-screen fixtures (MainFixtures, FixturesA/B/C) are thin
/// names over these, each with the time of day its tests were written for.
enum ScreenTesting {
    static let content: ContentLibrary = try! ContentLibrary.bundled()
    static let today = CalendarDate("2026-11-27")!

    /// A fresh store in memory, filled by `fill` (by default the demo with visit 3 booked for next week, the
    /// plan these screens' tests were written for; the newcomer's demo with a late visit has tests of its own).
    static func store(_ fill: (SQLiteStore) throws -> Void = { try DemoPatient(content: content, today: today, lateVisit: false).load(into: $0) })
        throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try fill(store)
        return store
    }

    /// The demo read back at `time` on the pinned day (or an empty database with `fill: { _ in }`).
    static func snapshot(at time: TimeOfDay, fill: ((SQLiteStore) throws -> Void)? = nil) throws -> PortalSnapshot {
        let store = try fill.map { try self.store($0) } ?? self.store()
        return try PortalSnapshot.load(from: store, clock: PortalClock(today: today, time: time))
    }

    static func context(_ snapshot: PortalSnapshot, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs)
    }

    /// The whole app on `snapshot` after pressing `keys`.
    static func app(_ snapshot: PortalSnapshot, keys: [Key] = [], glyphs: Glyphs = .unicode) -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs)
        for key in keys { _ = app.update(.key(key)) }
        return app
    }

    /// Draws `screen` alone into a `width`×`height` buffer, in `area` (the whole buffer by default).
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int, area: Rect? = nil) -> Buffer {
        var buffer = Buffer(size: Size(width: width, height: height))
        screen.view(ctx, into: &buffer, area: area ?? buffer.area)
        return buffer
    }

    /// Draws `screen` into the middle of a larger buffer at each size: it must never draw outside its area.
    static func assertStaysInside(_ screen: some PortalScreen, _ ctx: ScreenContext, sizes: [(Int, Int)],
                                  file: StaticString, line: UInt) {
        for (w, h) in sizes {
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

    // MARK: Whole screens

    /// The whole portal as the terminal shows it: a `size` window, `keys` pressed, drawn by `PortalApp.view`.
    static func screen(_ snapshot: PortalSnapshot, size: Size, keys: [Key] = [], glyphs: Glyphs = .unicode) -> Buffer {
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs)
        _ = app.update(.resized(size))
        for key in keys { _ = app.update(.key(key)) }
        return app.view(size: size)
    }

    /// Compares a whole screen row by row with `expected` (one string per row, trailing spaces ignored);
    /// on failure prints expected and actual rows side by side, the differing ones marked.
    static func assertScreen(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(expected.count, buffer.size.height, "the expectation has one string per row", file: file, line: line)
        assertLines(buffer, expected, "\(buffer.size.width)×\(buffer.size.height)", file: file, line: line)
    }

    /// The style of the cells that show `text` on `row` (its first occurrence), or nil when the text is not
    /// there or its cells do not share one style.
    static func style(of text: String, row: Int, in buffer: Buffer) -> Style? {
        let cells = (0..<buffer.size.width).map { buffer[$0, row] }
        let visible = cells.filter { !$0.isContinuation }
        let chars = visible.map(\.text)
        let target = text.map(String.init)
        guard target.count <= chars.count,
              let start = (0...(chars.count - target.count)).first(where: { Array(chars[$0..<($0 + target.count)]) == target })
        else { return nil }
        let styles = Set(visible[start..<(start + target.count)].map(\.style))
        return styles.count == 1 ? styles.first : nil
    }
}
