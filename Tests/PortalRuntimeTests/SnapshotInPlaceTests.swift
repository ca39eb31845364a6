import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// After a save the snapshot changes in place from what the store returned, exactly as a fresh read would
/// show it, and without reading it; a save by this portal does not make the next change check read again.
final class SnapshotInPlaceTests: XCTestCase {
    private var folder: URL!

    override func setUp() {
        super.setUp()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("inplace-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    private func fileStore() throws -> (CountingStore, SQLiteStore) {
        let url = folder.appendingPathComponent("portal.sqlite")
        try DemoPatient(content: content, today: today).load(into: try SQLiteStore.open(url: url))
        return (CountingStore(try SQLiteStore.open(url: url, mode: .existingOnly)), try SQLiteStore.open(url: url, mode: .existingOnly))
    }

    /// What the screens read, compared between two snapshots.
    private func assertSame(_ a: PortalSnapshot, _ b: PortalSnapshot, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.painEntries, b.painEntries, "pain", file: file, line: line)
        XCTAssertEqual(a.firstWeekPain, b.firstWeekPain, "first week", file: file, line: line)
        XCTAssertEqual(a.sessions, b.sessions, "sessions", file: file, line: line)
        XCTAssertEqual(a.signReports, b.signReports, "signs", file: file, line: line)
        XCTAssertEqual(a.articlesRead, b.articlesRead, "read", file: file, line: line)
    }

    func testEverydaySavesChangeTheSnapshotAsAFreshReadWould() throws {
        let store = try demoStore()
        let run = runner(store)
        var shown = try store.snapshot(clock: noon)
        let entry = PainEntry(date: today, time: TimeOfDay(hour: 8, minute: 0)!, score: 2, sites: [SiteSide(.lowBack, .both)])
        let notDone = try XCTUnwrap(shown.currentWeek?.prescriptions.filter { p in
            !shown.sessions.contains { $0.exerciseID == p.exerciseID && $0.date == today }
        }.map(\.exerciseID))
        XCTAssertGreaterThanOrEqual(notDone.count, 2)
        let (exercise, other) = (notDone[0], notDone[1])
        let article = try XCTUnwrap(shown.readingList.first { shown.articlesRead[$0] == nil })
        var effects: [Effect] = [
            .savePain(entry), .savePain(PainEntry(date: today.adding(days: -3), time: TimeOfDay(hour: 20, minute: 0)!, score: 5)),
            .markDone(exerciseID: exercise, date: today), .markDone(exerciseID: other, date: today, sets: 1),
            .undoDone(exerciseID: exercise, date: today), .markArticleRead(article), .markArticleRead(article),
            .saveSigns(SignReport(date: today, time: TimeOfDay(hour: 9, minute: 0)!, signs: ["leg-swelling"])),
        ]
        var applied = 0
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            let messages = run.perform(effect)
            guard messages.count == 1, case .completed(_, let saved) = messages[0] else { return XCTFail("\(effect): \(messages)") }
            shown = try XCTUnwrap(shown.applying(saved), "\(effect)")
            assertSame(shown, try store.snapshot(clock: noon))
            applied += 1
            // The entries saved are then changed and deleted, in place too.
            if case .painEntry(var e) = saved, e.score == 2 {
                e.score = 3
                effects.append(.updatePain(e))
            } else if case .painEntry(let e) = saved, e.score == 3, let id = e.id {
                effects.append(.deletePain(id: id))
            }
        }
        XCTAssertEqual(applied, 10)
    }

    func testASaveInTheFirstWeekOfLoggingIsReadAgainInstead() throws {
        let store = try demoStore()
        let shown = try store.snapshot(clock: noon)
        let first = try XCTUnwrap(shown.firstWeekPain.first)
        XCTAssertNil(shown.applying(.painEntry(PainEntry(id: 999, date: first.date, time: first.time, score: 1))),
                     "the baseline could move: not guessed")
        XCTAssertNil(shown.applying(.deletedPainEntry(id: first.id!)))
        // Through the runtime, her very first entry (the baseline itself) is shown from a fresh read.
        let fresh = CountingStore(try demoStore())
        for e in try fresh.inner.painEntries() { try fresh.inner.deletePainEntry(id: e.id!) }
        let runtime = try Runtime(store: fresh, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        let reads = fresh.snapshots.value
        runtime.key(.character("l"))
        runtime.key(.character("6"))
        runtime.key(.enter)
        XCTAssertEqual(fresh.snapshots.value, reads + 1, "read again")
        XCTAssertEqual(runtime.app.context.snapshot.firstWeekPain.map(\.score), [6])
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 6/10 for today at 12:00.")
    }

    func testASaveThroughTheRuntimeReadsNothingAndTheNextChecksReadNothing() throws {
        let (mine, other) = try fileStore()
        let runtime = try Runtime(store: mine, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        let reads = mine.snapshots.value
        runtime.key(.character("l"))
        runtime.key(.character("7"))
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 7/10 for today at 12:00.")
        XCTAssertEqual(mine.snapshots.value, reads, "the save read no snapshot")
        assertSame(runtime.app.context.snapshot, try mine.inner.snapshot(clock: noon))
        for _ in 0..<12 { runtime.tick(0.25) }
        XCTAssertEqual(mine.snapshots.value, reads, "her own save is not taken for someone else's")
        // Someone else's save is still noticed, and read once.
        try other.addPainEntry(PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 0)!, score: 1), now: noon.now)
        for _ in 0..<4 { runtime.tick(0.25) }
        XCTAssertEqual(mine.snapshots.value, reads + 1)
        XCTAssertTrue(runtime.app.context.snapshot.entries(on: today).contains { $0.score == 1 })
    }

    func testACheckOnTheWorkerThatFindsNothingNewAsksForNoRedraw() throws {
        let (mine, other) = try fileStore()
        let runtime = try Runtime(store: mine, content: content, worker: .background, clock: { noon })
        runtime.tick(Runtime.changeCheckSeconds)
        XCTAssertTrue(runtime.waitForStore())
        XCTAssertFalse(runtime.deliverResults(), "nothing new: nothing to draw")
        try other.addPainEntry(PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 0)!, score: 1), now: noon.now)
        runtime.tick(Runtime.changeCheckSeconds)
        XCTAssertTrue(runtime.waitForStore())
        XCTAssertTrue(runtime.deliverResults(), "someone else's entry is drawn")
        XCTAssertTrue(runtime.app.context.snapshot.entries(on: today).contains { $0.score == 1 })
    }

    func testATickThatChangesNothingSaysSo() throws {
        let (mine, _) = try fileStore()
        let clock = LockedClock(noon)
        let runtime = try Runtime(store: mine, content: content, clock: { clock.value })
        runtime.resized(Size(width: 80, height: 24))
        for _ in 0..<40 { XCTAssertFalse(runtime.tick(0.25), "an idle Home has nothing to draw") }
        clock.value = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 1)!)
        var changed = false
        for _ in 0..<4 { changed = runtime.tick(0.25) || changed }
        XCTAssertTrue(changed, "a new minute is drawn (the countdowns move)")
    }
}
