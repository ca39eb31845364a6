import CNCursesW
import PortalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the full-screen portal cannot run on this terminal. Each message names the problem and what to do.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// ncurses could not start, usually because `TERM` is unset or unknown.
    case cannotStart(terminalType: String?)
    /// `TERM` is unset or empty: nothing says how to draw.
    case terminalTypeUnset
    /// `TERM=dumb` (editors' shells, some CI logs): a terminal that can only print lines.
    case dumbTerminal
    /// `TERM` names a type terminfo does not know (or there is no terminfo database at all).
    case unknownTerminalType(String)
    /// The terminal type cannot move the cursor (no `cup`), so a screen cannot be drawn.
    case noCursorAddressing(String)
    /// The window is smaller than the smallest screen the portal can draw.
    case windowTooSmall(Size, minimum: Size)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal for the full-screen portal."
        case .cannotStart(let type):
            return "cannot start the full-screen display for terminal type '\(type.map(Self.shown) ?? "unset")'. Check TERM."
        case .terminalTypeUnset:
            return "TERM is not set, so the full-screen portal does not know how to draw on this terminal. Set it to your terminal's type, for example TERM=xterm-256color."
        case .dumbTerminal:
            return "this terminal (TERM=dumb) cannot draw a full screen: it can only print lines. Run the portal in a terminal window, or set TERM to your terminal's type."
        case .unknownTerminalType(let type):
            return "the terminal type '\(Self.shown(type))' (TERM) is not known to this computer's terminfo, so the full-screen portal cannot draw on it. Set TERM to a known type, for example TERM=xterm-256color."
        case .noCursorAddressing(let type):
            return "the terminal type '\(Self.shown(type))' (TERM) cannot move the cursor, so the full-screen portal cannot draw on it. Set TERM to your terminal's real type."
        case .windowTooSmall(let size, let minimum):
            return "the window is \(size.width)×\(size.height); the full-screen portal needs at least \(minimum.width)×\(minimum.height). Make the window larger and start it again."
        }
    }
}

extension TerminalError {
    /// A terminal type as a message may show it: TERM comes from whoever started the portal (over ssh, from
    /// the client), so each control character is shown as "?" and never reaches the terminal, and a long one
    /// is cut to 40 characters.
    public static func shown(_ type: String) -> String {
        let scalars = type.unicodeScalars.prefix(40).map { s -> Character in
            s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.properties.generalCategory == .format ? "?" : Character(s)
        }
        return String(scalars) + (type.unicodeScalars.count > 40 ? "…" : "")
    }
}

extension Terminal {
    /// Checks, before anything is drawn, that the process's own terminal can show the portal: standard
    /// input and output are a terminal, `TERM` names a type terminfo knows that can move the cursor, and the
    /// window is at least `minimum`. Throws the first problem found. Changes nothing on the terminal.
    public static func checkDrawable(minimum: Size) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        try checkType(getenv("TERM").map { String(cString: $0) }, descriptor: STDOUT_FILENO)
        if let size = windowSize(STDOUT_FILENO), size.width < minimum.width || size.height < minimum.height {
            throw TerminalError.windowTooSmall(size, minimum: minimum)
        }
    }

    /// The terminal-type half of `checkDrawable`, for any type (tests pass their own).
    static func checkType(_ type: String?, descriptor: Int32) throws {
        guard let type, !type.isEmpty else { throw TerminalError.terminalTypeUnset }
        if type == "dumb" { throw TerminalError.dumbTerminal }
        var cursorAddressing: Int32 = 0
        switch portal_terminfo_check(type, descriptor, &cursorAddressing) {
        case 1: if cursorAddressing == 0 { throw TerminalError.noCursorAddressing(type) }
        default: throw TerminalError.unknownTerminalType(type)
        }
    }

    /// The window's size as the kernel has it, or nil when it does not say (then the check lets it pass
    /// and the screen's own too-small message takes over).
    static func windowSize(_ fd: Int32) -> Size? {
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
    }
}
