/// A key press, as screens see it. PortalTerminal decodes ncurses' `get_wch` results into these.
public enum Key: Sendable, Hashable {
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    /// A printable character (letters, digits, punctuation, any Unicode text).
    case character(Character)
    /// A control key: `.ctrl("a")` for Ctrl-A. Letters are lower case. Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M
    /// are indistinguishable from Backspace, Tab and Enter, and arrive as those.
    case ctrl(Character)
    /// F1 is `.function(1)`.
    case function(Int)
    /// Text pasted in one go (bracketed paste, or a burst of keys on terminals without it), line breaks as
    /// "\n". Only text fields take it, whole or not at all; other screens ignore it, so nothing in a paste
    /// can act as a key (save a form, answer a question).
    case paste(String)
    /// The terminal changed size; ask the terminal for the new `size` and redraw.
    case resize
    case unknown
}
