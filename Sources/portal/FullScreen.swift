import Foundation
import PortalCore
import PortalTerminal
import PortalUI

/// Runs the full-screen portal: draws `PortalApp` on the terminal, feeds it keys and ticks, and carries out
/// the effects it asks for against the store. "Saved" appears only after the store's transaction commits.
enum FullScreen {
    static func run(_ ctx: Context) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PortalError.invalidInput("The full-screen portal needs a terminal. For scripts, use `portal today`, `portal log` and the other commands (see `portal --help`).")
        }
        let terminal = try Terminal()
        let glyphs = Glyphs.forTerminal(utf8: terminal.capabilities.unicode)
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: ctx.store, clock: ctx.clock), content: ctx.content, glyphs: glyphs)
        let runner = EffectRunner(ctx: ctx)
        var quit = false
        var burstIsText = false
        var lastTick = ContinuousClock.now
        var lastReload = ContinuousClock.now

        func send(_ message: Message) {
            var queue = [message]
            while !queue.isEmpty {
                let effects = app.update(queue.removeFirst())
                for effect in effects {
                    switch effect {
                    case .quit: quit = true
                    case .bell: terminal.bell()
                    default: queue += runner.perform(effect)
                    }
                }
            }
        }

        // Screens page and scroll by the area they are drawn in, so the app hears the size before the first
        // key and again before the key that reports a resize (ncurses has the new size by then).
        send(.resized(terminal.size))
        let reason = runLoop(terminal: terminal, render: { size in app.view(size: size) }, handle: { key in
            if key == .resize { send(.resized(terminal.size)) }
            // A paste into a text field is text, all of it: its line breaks and tabs become spaces and anything
            // else that is not a character (stray escape sequences) is dropped, so nothing in a paste can
            // save the form, move the focus or answer a question.
            if !terminal.keyArrivedInBurst {
                burstIsText = app.top.screen.capturesText
                send(.key(key))
            } else if burstIsText {
                switch key {
                case .character: send(.key(key))
                case .enter, .tab: send(.key(.character(" ")))
                default: break
                }
            } else {
                send(.key(key))
            }
            return !quit
        }, tick: {
            let now = ContinuousClock.now
            let elapsed = now - lastTick
            lastTick = now
            let (s, atto) = elapsed.components
            send(.tick(Double(s) + Double(atto) / 1e18))
            // Every few seconds read the store again: another portal may have saved something, and the
            // date and countdowns move on (past midnight too).
            if now - lastReload >= .seconds(5) {
                lastReload = now
                if let clock = try? PortalClock.fromEnvironment(),
                   let snapshot = try? PortalSnapshot.load(from: ctx.store, clock: clock) {
                    send(.loaded(snapshot))
                }
            }
        })
        if reason.exitCode != 0 { exit(reason.exitCode) }
    }
}

/// Carries out one effect against the store and says how it went, then reloads the snapshot.
struct EffectRunner {
    let ctx: Context

    func perform(_ effect: Effect) -> [Message] {
        // Today may have moved on since the portal opened (it can stay open past midnight).
        let clock = (try? PortalClock.fromEnvironment()) ?? ctx.clock
        let now = clock.latestEntry
        do {
            switch effect {
            case .savePain(let e): try ctx.store.addPainEntry(e, now: now)
            case .updatePain(let e): try ctx.store.updatePainEntry(e, now: now)
            case .deletePain(let id): try ctx.store.deletePainEntry(id: id)
            case .saveSigns(let report): try ctx.store.addSignReport(report, guide: ctx.content.safety, now: now)
            case .markDone(let id, let date): try ctx.store.markDone(exerciseID: id, on: date, today: clock.today)
            case .undoDone(let id, let date):
                if try !ctx.store.undoDone(exerciseID: id, on: date) { throw PortalError.notFound("It was not marked done.") }
            case .markArticleRead(let id): try ctx.store.markArticleRead(id, on: clock.today)
            case .saveQuiz(let result): try ctx.store.saveQuizResult(result)
            case .saveVisit(let visit): try ctx.store.saveVisit(visit)
            case .setUp(let patient, let firstVisit):
                try Onboarding(content: ctx.content).setUp(patient, firstVisit: firstVisit, store: ctx.store, today: clock.today)
            case .loadDemo: try DemoPatient(content: ctx.content, today: clock.today, time: clock.time).load(into: ctx.store)
            case .bell, .quit: return []
            }
        } catch {
            return [.failed(effect, "\(error)")]
        }
        var messages: [Message] = [.completed(effect)]
        if let snapshot = try? PortalSnapshot.load(from: ctx.store, clock: clock) { messages.insert(.loaded(snapshot), at: 0) }
        return messages
    }
}
