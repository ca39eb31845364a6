import PortalCore

/// Saves in flight. The runtime carries effects out off the key loop, so an answer can come back after
/// she has moved on: the app remembers which screen asked for each effect (and how it looked then) to hand
/// the answer to that screen, says "Saving…" while any is unanswered, and says the store is not answering
/// when one takes longer than `PortalApp.notAnsweringSeconds`.
extension PortalApp {
    /// An effect sent to the store and not answered yet, with the screen that asked for it.
    public struct PendingSave: Sendable, Equatable {
        public var effect: Effect
        /// Where the screen that asked was in the stack, and its state just after it asked.
        var index: Int
        var screen: ScreenState
    }

    /// What the status line says about the store.
    public enum StoreStatus: Sendable, Equatable {
        case idle
        /// A save is on its way: "Saving…".
        case saving
        /// A save has waited longer than `notAnsweringSeconds`: what she typed is kept until it answers.
        case notAnswering
    }

    /// After this long without an answer the status says the store is not answering.
    public static let notAnsweringSeconds = 3.0

    public var storeStatus: StoreStatus {
        if pendingSaves.isEmpty { return .idle }
        return waitedSeconds >= Self.notAnsweringSeconds ? .notAnswering : .saving
    }

    /// "Saving…" for the status line, while a save is on its way.
    var savingText: String? {
        storeStatus == .idle ? nil : "Saving" + (context.glyphs == .unicode ? "…" : "...")
    }

    /// The warning shown while the store does not answer: a server for the clinic, the file otherwise.
    var notAnsweringText: String {
        (storeIsRemote ? "The clinic server is not answering" : "The database is not answering")
            + " \(context.glyphs == .unicode ? "—" : "-") your entry is kept and will be saved when it answers."
    }

    /// The notice shown while the store reconnects to the clinic (the server went away; a standby may be
    /// taking over): what she typed is kept, and a save on its way goes on once a server answers.
    var reconnectingText: String {
        let g = context.glyphs == .unicode
        return "Reconnecting to the clinic" + (g ? "…" : "...") + " "
            + (pendingSaves.isEmpty ? "what you see may not be the latest." : "your entry is kept and will be saved when it answers.")
    }

    /// The notice shown while a read does not answer and no save is waiting.
    var staleText: String {
        (storeIsRemote ? "The clinic server is not answering" : "The database is not answering")
            + " \(context.glyphs == .unicode ? "—" : "-") what you see may not be the latest."
    }

    /// Remembers the effects that go to the store, with the screen on top (which asked). One identical to an
    /// effect still on its way is dropped: pressing save twice while the first is pending saves once.
    mutating func recordPending(_ effects: [Effect]) -> [Effect] {
        var sent: [Effect] = []
        for effect in effects {
            guard effect.goesToStore else { sent.append(effect); continue }
            guard !pendingSaves.contains(where: { $0.effect == effect }) else { continue }
            if pendingSaves.isEmpty { waitedSeconds = 0 }
            pendingSaves.append(PendingSave(effect: effect, index: stack.count - 1, screen: top))
            sent.append(effect)
        }
        return sent
    }

    /// The answer to `effect` arrived: forgets it, and hands the answer to the screen that asked.
    /// - A screen still where it was and as it was when it asked gets the answer (and, on top, its navigation).
    /// - One she changed since (typed more, moved on) keeps what she did: a success is only reported in the
    ///   message line; a failure still shows its reason there.
    /// - A form she left before a failure comes back with what she typed and the reason, so nothing is lost.
    mutating func resolve(_ effect: Effect, answer: (inout ScreenState) -> Reaction, failed: Bool) -> [Effect] {
        guard let i = pendingSaves.firstIndex(where: { $0.effect == effect }) else {
            // Not sent through `update` (a test, a scripted caller): the top screen asked.
            let reaction = answer(&stack[stack.count - 1])
            return apply(reaction)
        }
        let pending = pendingSaves.remove(at: i)
        waitedSeconds = 0  // the store answered: any other save's wait starts again
        let sameKind = pending.index < stack.count
            && type(of: stack[pending.index].screen) == type(of: pending.screen.screen)
        if sameKind, stack[pending.index] == pending.screen || failed {
            let reaction = answer(&stack[pending.index])
            return pending.index == stack.count - 1 ? apply(reaction) : reaction.effects
        }
        if !sameKind, failed, pending.screen.screen.hasUnsavedChanges {
            var screen = pending.screen
            let reaction = answer(&screen)
            stack.append(screen)
            return reaction.effects
        }
        return []
    }

    /// The answer to `effect` arrived and ends this run (the demo loaded or removed): it is no longer waited for.
    mutating func forgetPending(_ effect: Effect) {
        if let i = pendingSaves.firstIndex(where: { $0.effect == effect }) { pendingSaves.remove(at: i) }
        waitedSeconds = 0
    }

    /// True when a screen holds something typed that is neither saved nor on its way to the store.
    var hasUnsavedWork: Bool {
        stack.indices.contains { i in
            stack[i].screen.hasUnsavedChanges && !pendingSaves.contains { $0.index == i && $0.screen == stack[i] }
        }
    }

    /// Whether the top screen's unsaved changes are all on their way to the store.
    var topIsBeingSaved: Bool {
        pendingSaves.contains { $0.index == stack.count - 1 && $0.screen == top }
    }
}

extension Effect {
    /// False for the effects the terminal carries out (the bell, quitting), which touch no store.
    public var goesToStore: Bool {
        switch self {
        case .bell, .quit: return false
        // The therapist's reads (a chart, her caseload, a report) save nothing: no "Saving…", no wait to quit.
        case .openChart, .closeChart, .makeReport: return false
        default: return true
        }
    }
}
