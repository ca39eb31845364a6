import PortalCore
import XCTest
@testable import PortalUI

/// While a save is on its way the status line says so, the store's silence is said after a few seconds,
/// and the answer goes to the screen that asked, wherever she is by then.
final class SavingStatusTests: XCTestCase {
    private let size = Size(width: 80, height: 24)

    private func savingPain(glyphs: Glyphs = .unicode) throws -> (PortalApp, Effect) {
        var app = Fixtures.app(Fixtures.demo, glyphs: glyphs)
        app.press(.character("l"), .character("7"))
        let effects = app.press(.enter)
        guard case .savePain? = effects.first else { throw XCTSkip("no save: \(effects)") }
        return (app, effects[0])
    }

    func testSavingShowsAtTheRightOfTheKeyHints() throws {
        let (app, _) = try savingPain()
        XCTAssertEqual(app.storeStatus, .saving)
        XCTAssertEqual(app.view(size: size).lines[23],
                       "0-10 ←→ score  Enter save  Tab next field  Esc back  ? help             Saving…")
        let (ascii, _) = try savingPain(glyphs: .ascii)
        XCTAssertTrue(ascii.view(size: size).lines[23].hasSuffix("Saving..."))
        // At the narrowest size the hints give way, never the word.
        var narrow = app
        _ = narrow.update(.resized(PortalApp.minimumSize))
        let line = narrow.view(size: PortalApp.minimumSize).lines[PortalApp.minimumSize.height - 1]
        XCTAssertTrue(line.hasSuffix("Saving…"), line)
        XCTAssertTrue(line.contains("? help"), line)
    }

    func testASilentStoreIsSaidAfterThreeSecondsAndTheAnswerEndsIt() throws {
        var (app, effect) = try savingPain()
        _ = app.update(.tick(PortalApp.notAnsweringSeconds - 0.25))
        XCTAssertEqual(app.storeStatus, .saving)
        _ = app.update(.tick(0.25))
        XCTAssertEqual(app.storeStatus, .notAnswering)
        var text = app.view(size: size).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Waiting: The database is not answering — your entry is kept and will be"), text)
        app.storeIsRemote = true
        text = app.view(size: size).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("The clinic server is not answering"), text)
        guard case .savePain(let entry) = effect else { return XCTFail() }
        var stored = entry
        stored.id = 99
        _ = app.update(.completed(effect, .painEntry(stored)))
        XCTAssertEqual(app.storeStatus, .idle)
        XCTAssertEqual(app.flash?.text, "Saved: pain 7/10 for today at 12:00.")
        XCTAssertFalse(app.view(size: size).lines.joined().contains("not answering"))
    }

    /// QA M4: when quitting has waited its limit for a save still on its way (the runtime's `quitWaitSeconds`),
    /// she is asked: any other key waits on, y quits without it.
    func testQuittingWithoutASaveStillOnItsWayIsHerChoice() throws {
        var (app, _) = try savingPain()
        app.storeIsRemote = true
        app.press(.escape)
        XCTAssertEqual(app.press(.character("q")), [.quit], "quitting waits for the save first (the runtime)")
        app.askBeforeQuittingWhileSaving()
        XCTAssertEqual(app.confirmation, .quitWhileSaving)
        let text = app.view(size: size).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let question = "Quit? Your last change is still not saved: the clinic's server has not answered. If you quit now, it may be lost. y = quit without it, any other key = wait for it"
        XCTAssertTrue(text.contains(question), text)
        // Whole at the smallest size and at the widest too.
        for size in [PortalApp.minimumSize, Size(width: 200, height: 50)] {
            var sized = app
            _ = sized.update(.resized(size))
            let shown = sized.view(size: size).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(shown.contains(question), "\(size): \(shown)")
        }
        XCTAssertEqual(app.press(.character("n")), [], "any other key waits")
        XCTAssertNil(app.confirmation)
        XCTAssertFalse(app.quitsWithoutWaiting)
        XCTAssertEqual(app.storeStatus, .saving, "still on its way")
        app.askBeforeQuittingWhileSaving()
        XCTAssertEqual(app.press(.character("y")), [.quit])
        XCTAssertTrue(app.quitsWithoutWaiting)
    }

    func testTheAnswerGoesToTheScreenThatAskedNotTheOneOnTop() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("e"))
        let marked = app.press(.character(" "))
        guard let effect = marked.first, effect.goesToStore else { return XCTFail("no mark: \(marked)") }
        app.press(.enter)  // she opens the exercise's detail before the answer comes
        let depth = app.stack.count
        XCTAssertGreaterThan(depth, 2)
        _ = app.update(.completed(effect, .nothing))
        XCTAssertEqual(app.stack.count, depth, "nothing closed under her")
        XCTAssertEqual(app.storeStatus, .idle)
        XCTAssertNotNil(app.flash)
    }

    func testReconnectingIsSaidAtEverySizeAndHerEntryStays() throws {
        var (app, _) = try savingPain()
        app.storeReconnecting = true
        for size in [PortalApp.minimumSize, size, Size(width: 200, height: 50)] {
            _ = app.update(.resized(size))
            let text = app.view(size: size).lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            XCTAssertTrue(text.contains("Waiting: Reconnecting to the clinic… your entry is kept and will be saved when it answers."), text)
            XCTAssertTrue(text.contains("Log pain"), "her form stays: \(text)")
        }
        var (ascii, _) = try savingPain(glyphs: .ascii)
        ascii.storeReconnecting = true
        XCTAssertTrue(ascii.view(size: size).lines.joined().contains("Reconnecting to the clinic..."))
        var idle = Fixtures.app(Fixtures.demo)
        idle.storeReconnecting = true
        XCTAssertTrue(idle.view(size: size).lines.joined(separator: " ").contains("Reconnecting to the clinic… what you see may not be the"))
        app.storeReconnecting = false
        XCTAssertFalse(app.view(size: size).lines.joined().contains("Reconnecting"))
    }

    func testPressingSaveAgainWhileItSavesSendsNothing() throws {
        var (app, _) = try savingPain()
        XCTAssertEqual(app.press(.enter), [], "the same entry is already on its way")
        XCTAssertEqual(app.pendingSaves.count, 1)
    }
}
