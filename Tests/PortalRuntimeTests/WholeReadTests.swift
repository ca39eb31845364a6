import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// Issue 23 point 5: the terminal starts from Home's own read and reads the whole record at the first key. When
/// that read is slow or fails, the key used to be handled on Home's read anyway (the bowel log empty, the pain
/// list short, no word). Now she stays on Home with "Your record is still loading…" (or why the read failed and
/// what to do) until the whole record is there; keys that stay on Home work meanwhile.
final class WholeReadTests: XCTestCase {
    private let size = Size(width: 80, height: 24)

    private func start(_ store: SlowStore) throws -> Runtime {
        let runtime = try Runtime(store: store, content: content, worker: .background, homeFirst: true, clock: { noon })
        runtime.resized(size)
        XCTAssertTrue(runtime.app.context.snapshot.isHomeOnly, "the first paint is Home's read")
        return runtime
    }

    /// The screen's words, rows joined and spaces collapsed (a message wraps).
    private func screen(_ runtime: Runtime) -> String {
        runtime.view(size: size).lines.joined(separator: " ").replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    func testASlowWholeReadKeepsHerOnHomeWithAMessageUntilItIsThere() throws {
        let store = SlowStore(try demoStore())
        store.gatingReads = true
        let runtime = try start(store)
        // The terminal's seam (`send(.key)`, as FullScreen sends keys) waits `wholeReadWaitSeconds` for the read,
        // which waits at the gate.
        runtime.send(.key(.character("o")))
        store.waitForWrite()
        XCTAssertEqual(runtime.app.top.kind, .home, "the bowel log is not opened from Home's read")
        XCTAssertTrue(runtime.app.context.snapshot.isHomeOnly)
        XCTAssertTrue(screen(runtime).contains("Your record is still loading"), screen(runtime))
        runtime.key(.down)
        guard case .home(let home) = runtime.app.top else { return XCTFail("\(runtime.app.top.kind)") }
        XCTAssertEqual(home.selected, 1, "keys that stay on Home work")
        XCTAssertEqual(store.calls, [], "one read at a time: the second key asked for no other")
        store.open()
        XCTAssertTrue(runtime.waitForStore())
        runtime.deliverResults()
        XCTAssertFalse(runtime.app.context.snapshot.isHomeOnly, "the whole record is there")
        runtime.key(.character("o"))
        XCTAssertEqual(runtime.app.top.kind, .bowelLog)
        XCTAssertEqual(runtime.app.context.snapshot.record, try store.inner.snapshot(clock: noon).record, "drawn from all of it")
    }

    /// Quitting from Home's read draws no other screen: the whole record is not read for it (issue 26: it was
    /// 40 M instructions of every start that quits at once, and a slow server kept q waiting two seconds).
    func testQuittingFromHomesReadDoesNotWaitForTheWholeRecord() throws {
        let store = SlowStore(try demoStore())
        store.gatingReads = true
        let runtime = try start(store)
        runtime.send(.key(.character("q")))
        XCTAssertTrue(runtime.isFinished, "q on Home quits")
        XCTAssertEqual(store.arrived, 0, "no read of the whole record was asked for")
        store.open()
    }

    func testAFailedWholeReadSaysSoAndWhatToDoAndTheNextKeyTriesAgain() throws {
        let store = SlowStore(try demoStore())
        store.gatingReads = true
        store.failing = true
        let runtime = try start(store)
        store.open()  // the read goes through the gate at once, and fails
        runtime.key(.character("o"))
        XCTAssertEqual(runtime.app.top.kind, .home)
        let text = screen(runtime)
        XCTAssertTrue(text.contains("Part of your record did not load"), text)
        XCTAssertTrue(text.contains("The clinic server closed the connection."), text)
        XCTAssertTrue(runtime.app.flash?.text.contains("Press a key to try again, or q to quit and start the portal again; if it keeps failing, tell your clinic.") == true,
                      runtime.app.flash?.text ?? "")
        store.failing = false
        store.open()
        runtime.key(.character("o"))
        XCTAssertEqual(runtime.app.top.kind, .bowelLog, "the next key read it again, whole")
        XCTAssertFalse(runtime.app.context.snapshot.isHomeOnly)
        XCTAssertNil(runtime.app.wholeReadProblem)
    }

    /// The terminal's keys come in through `send(.key)` (FullScreen): before, only `key(_:)` read the whole record,
    /// so a real terminal stayed on Home's read until someone wrote. Now it is read after the first paint, at the
    /// first tick, without a key.
    func testTheWholeRecordIsReadAfterTheFirstPaintWithoutAKey() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        runtime.tick(1)
        XCTAssertTrue(runtime.waitForStore())
        runtime.deliverResults()
        XCTAssertFalse(runtime.app.context.snapshot.isHomeOnly, "read in the background after the first paint")
        XCTAssertEqual(runtime.app.context.snapshot.record, try store.inner.snapshot(clock: noon).record)
        runtime.send(.key(.character("o")))
        XCTAssertEqual(runtime.app.top.kind, .bowelLog)
    }
}
