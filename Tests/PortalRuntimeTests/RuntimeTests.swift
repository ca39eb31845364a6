import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The message loop without a terminal: keys in, effects carried out in order, reloads on the tick.
final class RuntimeTests: XCTestCase {
    func testAKeysEffectsAreCarriedOutBeforeTheNextKey() throws {
        let store = try SQLiteStore.inMemory()
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        XCTAssertEqual(runtime.app.stack, [.welcome(WelcomeScreen())])
        XCTAssertFalse(runtime.key(.character("d")), "load the demo, then end the run: the wiring opens it in a file of its own")
        XCTAssertTrue(runtime.quitRequested)
        XCTAssertFalse(try store.isEmpty(), "saved")
        XCTAssertEqual(runtime.app.stack, [.home(HomeScreen())], "the loaded snapshot moved the app home")
        XCTAssertEqual(runtime.app.flash?.text, "The demo patient is loaded.")
        XCTAssertTrue(runtime.view(size: Size(width: 80, height: 24)).contains("Jordan Lee"))
    }

    func testQuittingStopsTheLoop() throws {
        let runtime = try Runtime(store: try demoStore(), content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        XCTAssertFalse(runtime.key(.character("q")))
        XCTAssertTrue(runtime.quitRequested)
    }

    func testTheStoreIsReadAgainEveryFewSeconds() throws {
        let store = try demoStore()
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        let before = runtime.app.context.snapshot.painEntries.count
        // Another portal saves an entry.
        try store.addPainEntry(PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 30)!, score: 2), now: noon.now)
        runtime.tick(Runtime.reloadSeconds - 0.5)
        XCTAssertEqual(runtime.app.context.snapshot.painEntries.count, before, "not yet")
        runtime.tick(0.5)
        XCTAssertEqual(runtime.app.context.snapshot.painEntries.count, before + 1)
    }

    func testAFailedEffectShowsWhyAndSavesNothing() throws {
        let store = FullDiskStore(try SQLiteStore.inMemory())
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        runtime.key(.character("d"))
        XCTAssertTrue(try store.isEmpty())
        XCTAssertEqual(runtime.app.flash?.prefix, "Not saved:")
        XCTAssertEqual(runtime.app.stack, [.welcome(WelcomeScreen())])
    }

    /// Two portals on one file: a second's save reaches the first within `changeCheckSeconds`, and while nobody
    /// writes the first reads no snapshot at all (an idle portal stays idle).
    func testAnotherPortalsSaveIsNoticedAndIdleReadsNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("portal.sqlite")
        try DemoPatient(content: content, today: today, lateVisit: false).load(into: try SQLiteStore.open(url: url))
        let mine = CountingStore(try SQLiteStore.open(url: url, mode: .existingOnly, check: .header))
        let other = try SQLiteStore.open(url: url, mode: .existingOnly)
        let runtime = try Runtime(store: mine, content: content, clock: { noon })
        let reads = mine.snapshots.value
        for _ in 0..<40 { runtime.tick(0.25) }
        XCTAssertEqual(mine.snapshots.value, reads, "ten idle seconds read no snapshot")
        let before = runtime.app.context.snapshot.painEntries.count
        try other.addPainEntry(PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 30)!, score: 2), now: noon.now)
        for _ in 0..<4 { runtime.tick(Runtime.changeCheckSeconds / 4) }
        XCTAssertEqual(runtime.app.context.snapshot.painEntries.count, before + 1, "seen within a second")
        XCTAssertEqual(mine.snapshots.value, reads + 1, "read once")
    }

    /// A new minute moves the snapshot's clock without reading the store (the countdowns move on).
    func testANewMinuteMovesTheClockWithoutAReadAndANewDayReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("portal.sqlite")
        try DemoPatient(content: content, today: today, lateVisit: false).load(into: try SQLiteStore.open(url: url))
        let mine = CountingStore(try SQLiteStore.open(url: url, mode: .existingOnly))
        let clock = LockedClock(noon)
        let runtime = try Runtime(store: mine, content: content, clock: { clock.value })
        let reads = mine.snapshots.value
        clock.value = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 1)!)
        runtime.tick(Runtime.changeCheckSeconds)
        XCTAssertEqual(runtime.app.context.snapshot.clock.time, TimeOfDay(hour: 12, minute: 1)!)
        XCTAssertEqual(mine.snapshots.value, reads)
        clock.value = PortalClock(today: today.adding(days: 1), time: TimeOfDay(hour: 0, minute: 0)!)
        runtime.tick(Runtime.changeCheckSeconds)
        XCTAssertEqual(runtime.app.context.snapshot.today, today.adding(days: 1))
        XCTAssertEqual(mine.snapshots.value, reads + 1)
    }
}
