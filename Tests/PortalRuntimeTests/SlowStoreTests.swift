import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// A slow or lost store behind the runtime's worker: keys go on working while a save is on its way, the
/// screen says "Saving…" and only says saved after the commit, what she typed survives a failure, writes
/// keep their order, and quitting waits for the write. The worker is driven by the store's gate, never by
/// sleeping.
final class SlowStoreTests: XCTestCase {
    private let size = Size(width: 80, height: 24)

    private func start(_ store: any RecordStore) throws -> Runtime {
        let runtime = try Runtime(store: store, content: content, worker: .background, clock: { noon })
        runtime.resized(size)
        return runtime
    }

    private func screen(_ runtime: Runtime) -> String { runtime.view(size: size).lines.joined(separator: "\n") }
    private func statusLine(_ runtime: Runtime) -> String { runtime.view(size: size).lines[size.height - 1] }

    private func logPain(_ score: Character, _ runtime: Runtime) {
        runtime.key(.character("l"))
        runtime.key(.character(score))
    }

    /// Delivers what the worker answered once every call so far is done.
    private func settle(_ runtime: Runtime) {
        XCTAssertTrue(runtime.waitForStore())
        runtime.deliverResults()
    }

    func testKeysWorkWhileASaveIsOnItsWayAndSavedComesOnlyAfterTheCommit() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        let before = try store.inner.painEntries().count
        logPain("7", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        XCTAssertTrue(statusLine(runtime).hasSuffix("Saving…"), statusLine(runtime))
        XCTAssertEqual(runtime.app.storeStatus, .saving)
        XCTAssertFalse(screen(runtime).contains("Saved"), "nothing is said saved before the commit")
        // She moves on: back Home (no question, her entry is on its way) and into Exercises.
        runtime.key(.escape)
        XCTAssertEqual(runtime.app.stack, [.home(HomeScreen())])
        runtime.key(.character("e"))
        guard case .exercises = runtime.app.top else { return XCTFail("keys stopped working: \(runtime.app.top)") }
        XCTAssertTrue(statusLine(runtime).hasSuffix("Saving…"))
        XCTAssertEqual(try store.inner.painEntries().count, before, "not committed yet")
        XCTAssertFalse(runtime.deliverResults(), "no answer before the store answers")

        store.open()
        settle(runtime)
        XCTAssertEqual(try store.inner.painEntries().count, before + 1)
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 7/10 for today at 12:00.")
        XCTAssertEqual(runtime.app.storeStatus, .idle)
        XCTAssertFalse(statusLine(runtime).contains("Saving"))
        XCTAssertEqual(runtime.app.context.snapshot.entries(on: today).last?.score, 7, "Home shows it")
    }

    func testAStoreThatDoesNotAnswerIsSaidAfterThreeSecondsAndTheEntryIsKept() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        logPain("6", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.tick(PortalApp.notAnsweringSeconds - 0.5)
        XCTAssertFalse(screen(runtime).contains("not answering"))
        XCTAssertTrue(runtime.tick(0.5), "the new status is drawn")
        XCTAssertTrue(screen(runtime).contains("The clinic server is not answering — your entry is kept and will be"),
                      screen(runtime))
        guard case .logPain(let form) = runtime.app.top else { return XCTFail("the form went away") }
        XCTAssertEqual(form.score, 6, "what she entered is still on screen")
        store.open()
        settle(runtime)
        XCTAssertFalse(screen(runtime).contains("not answering"))
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 6/10 for today at 12:00.")
    }

    /// A clinic's server goes away while she saves (a failover): the store says it is reconnecting, the
    /// screen says so at the next tick with her entry kept, and the save goes on when a server answers.
    func testAStoreReconnectingIsSaidOnScreenAndTheEntryGoesInWhenItAnswers() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        let before = try store.inner.painEntries().count
        logPain("8", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        store.isReconnecting = true
        XCTAssertTrue(runtime.tick(0.25), "the new status is drawn")
        XCTAssertTrue(screen(runtime).contains("Waiting: Reconnecting to the clinic… your entry is kept and will be saved when"), screen(runtime))
        guard case .logPain(let form) = runtime.app.top else { return XCTFail("the form went away") }
        XCTAssertEqual(form.score, 8, "what she entered is still on screen")
        runtime.tick(PortalApp.notAnsweringSeconds)
        XCTAssertFalse(screen(runtime).contains("not answering"), "reconnecting is the message, not silence")
        store.isReconnecting = false
        store.open()
        settle(runtime)
        XCTAssertFalse(screen(runtime).contains("Reconnecting"), screen(runtime))
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 8/10 for today at 12:00.")
        XCTAssertEqual(try store.inner.painEntries().count, before + 1, "saved once")
    }

    func testTimePassingWhileItSavesIsNotAnEditAndTheFormIsReadyAfterwards() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        logPain("1", runtime)  // a "1" starts Log pain's own clock (a "0" soon after makes 10)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.tick(0.5)
        store.open()
        settle(runtime)
        guard case .logPain(let form) = runtime.app.top else { return XCTFail("\(runtime.app.top)") }
        XCTAssertNil(form.score, "ready for the next entry, as after any save")
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 1/10 for today at 12:00.")
    }

    func testAReadThatDoesNotAnswerSaysTheScreenMayBeOutOfDateAndKeysGoOn() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        store.gatingReads = true
        runtime.tick(Runtime.reloadSeconds)  // a store without a change token is read every few seconds
        store.waitForWrite()
        XCTAssertFalse(runtime.tick(PortalApp.notAnsweringSeconds - 0.5))
        XCTAssertTrue(runtime.tick(0.5))
        XCTAssertTrue(screen(runtime).contains("The clinic server is not answering — what you see may not be the"), screen(runtime))
        runtime.key(.character("v"))
        guard case .visits = runtime.app.top else { return XCTFail("keys stopped working: \(runtime.app.top)") }
        store.gatingReads = false
        store.open()
        settle(runtime)
        XCTAssertFalse(screen(runtime).contains("not answering"))
    }

    func testALocalFileThatDoesNotAnswerIsNotCalledAClinic() throws {
        let store = SlowStore(try demoStore(), remote: false)
        let runtime = try start(store)
        logPain("6", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.tick(PortalApp.notAnsweringSeconds)
        let text = screen(runtime)
        XCTAssertTrue(text.contains("The database is not answering"), text)
        XCTAssertFalse(text.contains("clinic"))
        store.open()
        settle(runtime)
    }

    func testAFailedSaveKeepsWhatSheTypedWithTheReason() throws {
        let store = FullDiskStore(try demoStore())
        let runtime = try start(store)
        logPain("5", runtime)
        while case .logPain(let form) = runtime.app.top, form.focus != .note { runtime.key(.tab) }
        for c in "after the stairs" { runtime.key(.character(c)) }
        runtime.key(.ctrl("s"))
        settle(runtime)
        guard case .logPain(let form) = runtime.app.top else { return XCTFail("the form went away: \(runtime.app.top)") }
        XCTAssertEqual(form.score, 5)
        XCTAssertEqual(form.note.value, "after the stairs")
        XCTAssertNotNil(form.error, "the reason, under the form")
        XCTAssertNil(runtime.app.flash, "said once: under the form, not again in the message line")
        XCTAssertFalse(screen(runtime).contains("Saved:"))
        XCTAssertEqual(runtime.app.storeStatus, .idle)
    }

    func testAFormSheLeftComesBackWhenItsSaveFails() throws {
        let store = SlowStore(try demoStore())
        store.failing = true
        let runtime = try start(store)
        logPain("8", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.key(.escape)
        XCTAssertEqual(runtime.app.stack, [.home(HomeScreen())])
        store.open()
        settle(runtime)
        guard case .logPain(let form) = runtime.app.top else { return XCTFail("her entry is lost: \(runtime.app.top)") }
        XCTAssertEqual(form.score, 8)
        XCTAssertEqual(form.error, "The clinic server closed the connection.", "the reason, under the form that came back")
        XCTAssertNil(runtime.app.flash, "said once")
        XCTAssertTrue(try store.inner.painEntries(from: today, to: today).allSatisfy { $0.score != 8 })
    }

    func testWritesKeepTheirOrderAndASecondPressSavesOnce() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        logPain("3", runtime)
        runtime.key(.enter)
        runtime.key(.enter)  // pressed again while the first is on its way: the same entry, not sent twice
        store.waitForWrite()
        runtime.key(.character("5"))  // she changes her mind and saves another entry behind it
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.pendingSaves.count, 2)
        store.open()
        store.waitForWrite()
        store.open()
        settle(runtime)
        XCTAssertEqual(store.calls, ["addPainEntry 3", "addPainEntry 5"])
        let scores = try store.inner.painEntries(from: today, to: today).map(\.score)
        XCTAssertEqual(Array(scores.suffix(2)), [3, 5])
        XCTAssertEqual(scores.filter { $0 == 3 }.count, 1, "saved once")
        XCTAssertEqual(runtime.app.flash?.text, "Saved: pain 5/10 for today at 12:00.", "the last answer is the last said")
        XCTAssertEqual(runtime.app.context.snapshot.entries(on: today).map(\.score).suffix(2), [3, 5])
    }

    func testQuittingWaitsForTheWriteOnItsWay() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        logPain("4", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.key(.escape)
        XCTAssertTrue(runtime.key(.character("q")), "the loop goes on while the entry is saved")
        XCTAssertTrue(runtime.quitRequested)
        XCTAssertFalse(runtime.isFinished)
        XCTAssertTrue(statusLine(runtime).hasSuffix("Saving…"))
        store.open()
        settle(runtime)
        XCTAssertTrue(runtime.isFinished)
        XCTAssertEqual(runtime.finish(waitingUpTo: 0), [])
        XCTAssertEqual(try store.inner.painEntries(from: today, to: today).last?.score, 4)
    }

    /// QA M4: once quitting has waited its limit, she is asked; it ended by itself before, losing the entry.
    func testQuittingAsksAfterItsLimitAndSaysWhatWasNotSaved() throws {
        let store = SlowStore(try demoStore())
        let runtime = try start(store)
        logPain("4", runtime)
        runtime.key(.enter)
        store.waitForWrite()
        runtime.key(.escape)
        runtime.key(.character("q"))
        runtime.tick(Runtime.quitWaitSeconds - 0.25)
        XCTAssertFalse(runtime.isFinished)
        runtime.tick(0.25)
        XCTAssertFalse(runtime.isFinished, "never ends by itself with a save on its way")
        XCTAssertEqual(runtime.app.confirmation, .quitWhileSaving)
        runtime.key(.character("n"))
        runtime.tick(Runtime.quitWaitSeconds * 3)
        XCTAssertFalse(runtime.isFinished, "she chose to wait")
        runtime.key(.character("q"))
        runtime.tick(Runtime.quitWaitSeconds)
        XCTAssertEqual(runtime.app.confirmation, .quitWhileSaving, "asked again")
        runtime.key(.character("y"))
        XCTAssertTrue(runtime.isFinished)
        guard case .savePain(let entry)? = runtime.finish(waitingUpTo: 0).first else { return XCTFail("the unsaved entry is not reported") }
        XCTAssertEqual(entry.score, 4)
        store.open()  // lets the worker finish before the store goes away
        XCTAssertTrue(runtime.waitForStore())
    }
}
