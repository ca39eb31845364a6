/// The keys the app answers itself, on every screen, once the screen has left a key alone: help, back and quit.
/// They are one table, like a screen's: it handles the keys, names them in the footer and lists them in help,
/// so help never lists a key that does nothing there (Esc on Home, `?` while typing in a field).
extension PortalApp {
    func appKeys() -> KeyTable<PortalApp> {
        let typing = top.screen.capturesText
        let inner = stack.count > 1
        let closes = "help; any key closes"
        return KeyTable([
            // While she types, Backspace is the field's (it deletes a character, even in an empty field).
            KeyBinding([.escape, .backspace], .back, active: inner, helpHint: KeyHint(typing ? "Esc" : "Esc  Backspace", "go back")) { s, _, _ in
                s.back()
                return .stay
            },
            // While she types, ? is a letter: F1 is help then, and the footer says so.
            KeyBinding([.character("?")], .help, active: !typing, helpHint: KeyHint("?", closes)) { $0.showingHelp = true },
            KeyBinding([.function(1)], typing ? KeyHint("F1", "help") : nil, helpHint: typing ? KeyHint("F1", closes) : nil) {
                $0.showingHelp = true
            },
            KeyBinding([.character("q")], inner ? nil : .quit, active: !typing, helpHint: KeyHint("q", inner ? "go back" : "quit")) { s, _, _ in
                guard !inner else { s.back(); return .stay }
                return Reaction(.stay, effects: s.quitRequest())
            },
            // Ctrl-C never reaches a table: the terminal stops the portal at once (`TerminalApp`). It is listed
            // so help says how to leave from anywhere.
            KeyBinding([], nil, footer: false, helpHint: KeyHint("Ctrl-C", "quit at once")) { _ in },
        ])
    }
}
