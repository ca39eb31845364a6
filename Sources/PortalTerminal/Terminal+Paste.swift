import CNCursesW
import PortalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bracketed paste: where terminfo says the terminal has it (`BE`/`BD`, with the markers `PS`/`PE`), the
/// portal turns it on, ncurses reports the markers as two key codes of our own (`define_key`), and
/// everything between them comes back from `readKey` as ONE `Key.paste`, so a pasted Enter or Tab is text.
extension Terminal {
    /// Codes past every key ncurses defines (its own extended keys are numbered from KEY_MAX up).
    static let pasteStartKeyCode: Int32 = 0xF200
    static let pasteEndKeyCode: Int32 = 0xF201
    /// A paste arrives at once; if its end marker is lost, the portal goes on after this long.
    static let pasteGapMilliseconds: Int32 = 500
    /// More than any field holds: the rest of a bigger paste is read and dropped (the field refuses it).
    static let pasteCharacterLimit = 100_000

    func enableBracketedPaste() {
        guard let on = portal_terminfo_string("BE"), portal_terminfo_string("BD") != nil else { return }
        let start = portal_terminfo_string("PS").map { String(cString: $0) } ?? "\u{1B}[200~"
        let end = portal_terminfo_string("PE").map { String(cString: $0) } ?? "\u{1B}[201~"
        pasteStartCode = Terminal.keyCode(for: start, preferred: Terminal.pasteStartKeyCode)
        pasteEndCode = Terminal.keyCode(for: end, preferred: Terminal.pasteEndKeyCode)
        guard pasteStartCode > 0, pasteEndCode > 0 else { return }
        fputs(on, output)
        fflush(output)
        bracketedPaste = true
    }

    /// After endwin: the shell gets its terminal back as it was.
    func disableBracketedPaste() {
        guard bracketedPaste, let off = portal_terminfo_string("BD") else { return }
        bracketedPaste = false
        fputs(off, output)
        fflush(output)
    }

    /// The key code ncurses reports for `sequence`: the one it already has, or `preferred` once defined.
    private static func keyCode(for sequence: String, preferred: Int32) -> Int32 {
        let existing = key_defined(sequence)
        if existing > 0 { return existing }
        return define_key(sequence, preferred) == OK ? preferred : 0
    }

    /// Reads up to the end marker. Line breaks (CR, LF or CR LF) become "\n" and tabs stay; key codes inside
    /// the paste (escape sequences that were part of the text) are dropped; the text field decides the rest.
    func readPaste() -> Key {
        var scalars = String.UnicodeScalarView()
        var count = 0
        var lastWasCR = false
        while isActive {
            wtimeout(window, Terminal.pasteGapMilliseconds)
            var ch: wint_t = 0
            let result = wget_wch(window, &ch)
            if result == ERR {
                noteEmptyRead()
                break
            }
            let value = Int32(bitPattern: UInt32(ch))
            if result == KEY_CODE_YES {
                if value == pasteEndCode { break }
                if value == KEY_RESIZE { resizeAfterPaste = true }
                if value == KEY_ENTER { scalars.append("\n"); count += 1 }
                continue
            }
            guard count < Terminal.pasteCharacterLimit, let scalar = Unicode.Scalar(UInt32(ch)) else { continue }
            // CR LF is one line break; a lone CR (what most terminals send for Enter) is one too.
            if scalar == "\n", lastWasCR { lastWasCR = false; continue }
            lastWasCR = scalar == "\r"
            scalars.append(scalar == "\r" ? "\n" : scalar)
            count += 1
        }
        return .paste(String(scalars))
    }
}
