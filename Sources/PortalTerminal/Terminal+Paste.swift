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
    /// How long after an end marker the portal waits for more of the same paste (see `readPaste`): the rest
    /// of a paste comes in the same write, so a pause this long means the paste is over.
    static let pasteTailMilliseconds: Int32 = 100
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
    ///
    /// The pasted text can itself hold the end marker (`ESC [201~`: tmux 3.3a passes it on as it is), and what
    /// follows it would then reach the app as keys, a CR pressing Enter. So an end marker ends the paste only
    /// when no other end marker follows at once: the input that comes straight after it is read ahead, and when
    /// another end marker arrives before a pause of `pasteTailMilliseconds`, the first one was text. Input read
    /// ahead that does not belong to the paste is handed out by `readKey` afterwards, as typed.
    func readPaste() -> Key {
        var scalars = String.UnicodeScalarView()
        var count = 0
        var lastWasCR = false
        while isActive {
            guard let input = nextInput(timeoutMilliseconds: Terminal.pasteGapMilliseconds) else { break }
            if input.isKeyCode {
                if input.value == pasteEndCode {
                    if endMarkerWasText() { continue }
                    break
                }
                if input.value == KEY_RESIZE { resizeAfterPaste = true }
                if input.value == KEY_ENTER { scalars.append("\n"); count += 1 }
                continue
            }
            guard count < Terminal.pasteCharacterLimit, let scalar = Unicode.Scalar(UInt32(bitPattern: input.value)) else { continue }
            // CR LF is one line break; a lone CR (what most terminals send for Enter) is one too.
            if scalar == "\n", lastWasCR { lastWasCR = false; continue }
            lastWasCR = scalar == "\r"
            scalars.append(scalar == "\r" ? "\n" : scalar)
            count += 1
        }
        return .paste(String(scalars))
    }

    /// After an end marker: reads what arrives at once, up to the next end marker or a pause, and puts it back
    /// to be read again. True when it reached another end marker: then the one just read was part of the
    /// pasted text, and so is everything up to the next one (a start marker in between too: nobody pastes
    /// twice within a tenth of a second, and text that holds both markers must not end the paste either).
    private func endMarkerWasText() -> Bool {
        var following: [TerminalInput] = []
        var another = false
        while following.count <= Terminal.pasteCharacterLimit,
              let input = nextInput(timeoutMilliseconds: Terminal.pasteTailMilliseconds) {
            following.append(input)
            if input.isKeyCode, input.value == pasteEndCode { another = true; break }
        }
        readAhead.insert(contentsOf: following, at: 0)
        return another
    }
}

/// One thing read from the terminal: a character, or a key code ncurses decoded from an escape sequence.
struct TerminalInput: Equatable {
    var value: Int32
    var isKeyCode: Bool
}
