import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The message loop without a terminal: keys in, effects carried out in order, reloads on the tick.
final class RuntimeTests: XCTestCase {
    func testAKeysEffectsAreCarriedOutBeforeTheNextKey() throws {
        let store = try PortalStore.inMemory()
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        XCTAssertEqual(runtime.app.stack, [.welcome(WelcomeScreen())])
        XCTAssertTrue(runtime.key(.character("d")), "load the demo")
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
        let store = FullDiskStore(try PortalStore.inMemory())
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        runtime.key(.character("d"))
        XCTAssertTrue(try store.isEmpty())
        XCTAssertEqual(runtime.app.flash?.prefix, "Not saved:")
        XCTAssertEqual(runtime.app.stack, [.welcome(WelcomeScreen())])
    }
}
