import CNCursesW
import PortalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The full-screen terminal: starts ncurses, draws a `Buffer`, reads keys, and puts the terminal back.
///
/// Not thread-safe: use it from one thread (the app's run loop). `stop()` is idempotent and is also run
/// by `deinit`, by an `atexit` hook, and (for the process's own terminal) on a crash signal.
public final class Terminal: @unchecked Sendable {
    public let capabilities: TerminalCapabilities

    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private let handlesSignals: Bool
    let inputDescriptor: Int32
    let output: UnsafeMutablePointer<FILE>
    /// The terminal brackets pastes (`ESC [ 200 ~` ... `ESC [ 201 ~`) and the portal turned that on: a
    /// paste arrives as one `Key.paste`. Without it, and for text sent as keys without the markers, the run loop
    /// spots bursts of keys (`BurstPaste`).
    public internal(set) var bracketedPaste = false
    /// The key codes ncurses reports for the paste markers (see `enableBracketedPaste`).
    var pasteStartCode: Int32 = 0
    var pasteEndCode: Int32 = 0
    /// A resize that arrived in the middle of a paste, delivered after it.
    var resizeAfterPaste = false
    /// Input read ahead while deciding where a paste ends (`readPaste`), handed out before anything new.
    var readAhead: [TerminalInput] = []
    private var active = true
    /// The terminal went away without a signal: the pty closed (a dropped ssh connection, a killed tmux
    /// server). Reads then fail at once forever, so the run loop must stop instead of spinning.
    public private(set) var hungUp = false
    /// True while the run loop hands over keys that were already waiting when the previous one was read:
    /// a paste, or a burst no person types. Lets the app treat a pasted line break as text, not as Enter.
    public internal(set) var keyArrivedInBurst = false
    private var cursorVisible: Bool?
    private var defaultColors = false
    private var pairs: [ColorPairKey: Int16] = [:]
    private var nextPair: Int32 = 1

    private struct ColorPairKey: Hashable {
        var foreground: Color
        var background: Color
    }

    /// Starts full-screen mode on the process's own terminal (standard input and output, `$TERM`).
    ///
    /// Sets the locale from the environment first (`setlocale(LC_ALL, "")`), and installs handlers so
    /// SIGINT, SIGTERM, SIGHUP and SIGQUIT become stop requests (`StopSignals.pending`) and a crash restores the
    /// terminal before the process dies. `stop()` puts the previous handlers back.
    public convenience init() throws {
        let unicode = TerminalCapabilities.adoptEnvironmentLocale()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        try self.init(terminalType: nil, output: portal_stdout(), input: portal_stdin(),
                      unicode: unicode, color: nil, handleSignals: true)
    }

    /// Starts ncurses on any pair of streams with `newterm` (tests use `/dev/null` and a fixed type).
    /// The caller owns the streams and the locale: this init does not call `setlocale`. `unicode` defaults
    /// to whether the current locale is UTF-8; `color` (nil = decide from `has_colors()` and `NO_COLOR`)
    /// can force colour off but never on for a terminal without colours.
    public convenience init(terminalType: String?, output: UnsafeMutablePointer<FILE>,
                            input: UnsafeMutablePointer<FILE>, unicode: Bool? = nil, color: Bool? = nil,
                            handleSignals: Bool = false) throws {
        // Our handlers go in before newterm: ncurses only adds its own (which exit at once) for signals
        // still at their default action.
        if handleSignals { StopSignals.install() }
        guard let screen = newterm(terminalType, output, input) else {
            if handleSignals { StopSignals.restore() }
            throw TerminalError.cannotStart(terminalType: terminalType ?? Terminal.environmentTerm())
        }
        self.init(screen: screen, unicode: unicode ?? TerminalCapabilities.localeIsUTF8(), color: color,
                  handleSignals: handleSignals, inputDescriptor: fileno(input), output: output)
    }

    private init(screen: OpaquePointer, unicode: Bool, color: Bool?, handleSignals: Bool, inputDescriptor: Int32,
                 output: UnsafeMutablePointer<FILE>) {
        self.screen = screen
        self.handlesSignals = handleSignals
        self.inputDescriptor = inputDescriptor
        self.output = output
        _ = set_term(screen)
        self.window = portal_stdscr()
        let hasColors = has_colors()
        let colorOn = TerminalCapabilities.colorAllowed(
            terminalHasColors: hasColors, noColor: TerminalCapabilities.noColorEnvironmentValue())
            && (color ?? true)
        self.capabilities = TerminalCapabilities(unicode: unicode, color: colorOn)

        // Raw: no key becomes a signal. Ctrl-C, Ctrl-\ and Ctrl-Z arrive as keys (the run loop quits on
        // Ctrl-C and suspends on Ctrl-Z only where a shell can resume it; Ctrl-\ would otherwise be SIGQUIT),
        // Ctrl-S and Ctrl-Q too (no XON/XOFF: Ctrl-S saves instead of freezing the screen), and Ctrl-V and Ctrl-O.
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(25)  // otherwise Esc waits a full second for a sequence that never comes
        setCursor(visible: false)
        if colorOn, start_color() != ERR {
            defaultColors = use_default_colors() != ERR
        }
        enableBracketedPaste()
        Terminal.register(self)
    }

    deinit { stop() }

    /// Ctrl-Z: suspends the portal (ncurses puts the terminal back, and redraws when the shell resumes it)
    /// only when a job-control shell started it as a job of its own, the one in the foreground. Anywhere else
    /// (ssh's forced command, a script, a pane with no interactive shell) nobody could resume a stopped
    /// portal and the patient would face a frozen screen, so the key does nothing. True if it suspended.
    @discardableResult
    public func suspendIfAShellCanResume() -> Bool {
        guard active, Terminal.aShellCanResume(inputDescriptor) else { return false }
        select()
        raise(SIGTSTP)   // ncurses' SIGTSTP handler: endwin, stop, and on SIGCONT the screen back as it was
        return true
    }

    /// A job-control shell puts each job in a process group of its own, not the session leader's (which is
    /// the shell), and gives the terminal to the job in the foreground.
    static func aShellCanResume(_ fd: Int32) -> Bool {
        let group = getpgrp()
        return fd >= 0 && group != getsid(0) && tcgetpgrp(fd) == group
    }

    // MARK: Size

    /// The screen size in cells (updated by ncurses on resize, before `Key.resize` is delivered).
    public var size: Size {
        guard active else { return Size(width: 0, height: 0) }
        select()
        return Size(width: Int(portal_cols()), height: Int(portal_lines()))
    }

    /// Forces the screen size (`resizeterm`), for tests with a headless screen.
    func resize(to size: Size) {
        guard active else { return }
        select()
        _ = resizeterm(Int32(size.height), Int32(size.width))
    }

    // MARK: Drawing

    /// Draws the whole buffer and lets ncurses send only the difference. Cells outside the screen are
    /// clipped; `buffer.cursor` shows the cursor there, nil hides it.
    public func draw(_ buffer: Buffer) {
        guard active else { return }
        select()
        _ = werase(window)
        let rows = min(buffer.size.height, Int(portal_lines()))
        let cols = min(buffer.size.width, Int(portal_cols()))
        var cell = cchar_t()
        var wide = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        for y in 0..<rows {
            for x in 0..<cols {
                let source = buffer[x, y]
                if source.isContinuation { continue }
                var text = Terminal.drawableText(source.text, unicode: capabilities.unicode)
                var secondHalf: Character?
                if let (a, b) = Terminal.flagLetters(source.text) { text = String(a); secondHalf = b }
                let attrs = attributes(for: source.style)
                let pair = colorPair(for: source.style)
                let put = { (scalars: [Unicode.Scalar], column: Int) in
                    for (i, s) in scalars.enumerated() { wide[i] = wchar_t(bitPattern: s.value) }
                    wide[scalars.count] = 0
                    _ = setcchar(&cell, wide, attrs, pair, nil)
                    _ = mvwadd_wch(self.window, Int32(y), Int32(column), &cell)
                }
                // Each ncurses cell holds one spacing character: a cluster of several (an Indic syllable) is
                // drawn part by part, in the columns its width took in the buffer (QA-i I11).
                var column = x
                let width: Int
                if text.utf8.count == 1, let byte = text.utf8.first, source.text.utf8.count == 1 {
                    // Most cells: one ASCII character, drawn as it is.
                    width = 1
                    put([Unicode.Scalar(byte)], column)
                    column += 1
                } else {
                    width = source.text.first.map(DisplayWidth.of) ?? 1
                    for part in Terminal.cellParts(text, limit: Int(CCHARW_MAX)) {
                        // A part that would pass the last column would wrap onto the next row: blanks instead.
                        guard column + max(1, part.width) <= cols else { break }
                        put(part.scalars, column)
                        column += max(1, part.width)
                    }
                }
                // An ASCII stand-in for a wide character covers one cell: style the others too, so a
                // highlighted row has no gap (a flag's second letter goes in the second).
                if let secondHalf, column < cols, column == x + 1 { put([secondHalf.unicodeScalars.first!], column); column += 1 }
                while column < min(cols, x + width) {
                    put([" "], column)
                    column += 1
                }
            }
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < cols, cursor.y < rows {
            setCursor(visible: true)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(visible: false)
        }
        _ = wrefresh(window)
    }

    /// What ncurses draws for one buffer cell's text, cell by cell (`DisplayWidth.cells`): each part a spacing
    /// character and the zero-width ones after it (combining marks, the emoji selector), at most `limit`
    /// (CCHARW_MAX) code points. ncurses keeps no second spacing character in a cell, so an emoji sequence
    /// (a skin tone, a family joined by ZWJ) shows as its first emoji, never with a joiner left hanging, in
    /// its two columns; an Indic syllable takes a cell for each of its letters and spacing vowel signs, so none
    /// is dropped. Flags are drawn as their letters (`draw`).
    static func cellParts(_ text: String, limit: Int) -> [DisplayWidth.Part] {
        text.flatMap(DisplayWidth.cells).map { part in
            var p = part
            p.scalars = Array(p.scalars.prefix(limit))
            return p
        }
    }

    /// "CA" for the flag 🇨🇦 (two regional indicators), nil for anything else: terminals disagree on a
    /// flag's width and ncurses holds only its first half, while two letters fill its two cells exactly.
    static func flagLetters(_ text: String) -> (Character, Character)? {
        let s = Array(text.unicodeScalars)
        guard s.count == 2, s.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }),
              let a = Unicode.Scalar(s[0].value - 0x1F1E6 + 0x41), let b = Unicode.Scalar(s[1].value - 0x1F1E6 + 0x41) else { return nil }
        return (Character(a), Character(b))
    }

    /// What to hand ncurses for one cell's text: never empty, no control characters (ncurses would draw
    /// them as two-cell ^X and shift the row), ASCII stand-ins when the locale is not UTF-8.
    static func drawableText(_ text: String, unicode: Bool) -> String {
        guard let first = text.unicodeScalars.first else { return " " }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return "?" }
        return unicode ? text : AsciiFallback.cellText(text)
    }

    private func attributes(for style: Style) -> attr_t {
        var a = portal_a_normal()
        if style.bold { a |= portal_a_bold() }
        if style.dim { a |= portal_a_dim() }
        if style.underline { a |= portal_a_underline() }
        if style.reverse { a |= portal_a_reverse() }
        return a
    }

    /// The colour pair for a style's colours, allocated on first use. Pair 0 is the terminal's default.
    private func colorPair(for style: Style) -> Int16 {
        guard capabilities.color else { return 0 }
        let key = ColorPairKey(foreground: style.foreground, background: style.background)
        if key.foreground == .default, key.background == .default { return 0 }
        if let pair = pairs[key] { return pair }
        guard nextPair < portal_color_pairs(), nextPair <= Int32(Int16.max) else { return 0 }
        let pair = Int16(nextPair)
        let fg = colorNumber(key.foreground, isForeground: true)
        let bg = colorNumber(key.background, isForeground: false)
        guard init_pair(pair, fg, bg) != ERR else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    private func colorNumber(_ color: Color, isForeground: Bool) -> Int16 {
        switch color {
        case .default:
            if defaultColors { return -1 }
            return Int16(isForeground ? COLOR_WHITE : COLOR_BLACK)
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    private func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)   // ERR on terminals that cannot hide it: nothing to do
    }

    // MARK: Keys

    /// Waits up to `timeoutMilliseconds` for a key (negative: wait forever, 0: do not wait).
    /// Returns nil on timeout, when a signal interrupted the wait, after `stop()`, or once the terminal
    /// has hung up (then `hungUp` is true).
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard active, !hungUp || !readAhead.isEmpty else { return nil }
        select()
        if resizeAfterPaste { resizeAfterPaste = false; return .resize }
        guard let input = nextInput(timeoutMilliseconds: Int32(clamping: timeoutMilliseconds)) else { return nil }
        if input.isKeyCode, bracketedPaste, input.value == pasteStartCode { return readPaste() }
        return Key.decode(input.value, isKeyCode: input.isKeyCode)
    }

    /// The next character or key code: one read ahead first, else from ncurses, waiting up to
    /// `timeoutMilliseconds`. Nil when nothing came (a timeout, or the terminal is gone).
    func nextInput(timeoutMilliseconds: Int32) -> TerminalInput? {
        if !readAhead.isEmpty { return readAhead.removeFirst() }
        guard !hungUp else { return nil }
        wtimeout(window, timeoutMilliseconds)
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == ERR {
            noteEmptyRead()
            return nil
        }
        return TerminalInput(value: Int32(bitPattern: UInt32(ch)), isKeyCode: result == KEY_CODE_YES)
    }

    /// A read came back empty: a timeout, or the terminal is gone.
    func noteEmptyRead() { hungUp = Terminal.inputHasHungUp(inputDescriptor) }

    /// Asked only after a read came back empty: a closed pty (or pipe) reports POLLHUP, a broken one
    /// POLLERR or POLLNVAL. ncurses hides the `read` that returned 0, so poll is how we learn of it.
    static func inputHasHungUp(_ fd: Int32) -> Bool {
        guard fd >= 0 else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        return entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Rings the terminal bell (or flashes the screen where there is no bell).
    public func bell() {
        guard active else { return }
        select()
        _ = beep()
    }

    // MARK: Stopping

    /// Whether ncurses is still running on this terminal.
    public var isActive: Bool { active }

    /// Puts the terminal back (endwin) and frees the screen. Safe to call any number of times.
    public func stop() {
        guard active else { return }
        active = false
        _ = set_term(screen)
        _ = endwin()
        disableBracketedPaste()
        delscreen(screen)
        if handlesSignals { StopSignals.restore() }
        Terminal.unregister(self)
    }

    private func select() { _ = set_term(screen) }

    // MARK: Read-back for tests

    /// The text ncurses holds for `row` (wide characters once, trailing spaces removed).
    func screenText(row: Int, from column: Int = 0) -> String {
        guard active else { return "" }
        select()
        let cols = Int(portal_cols()) - column
        guard cols > 0 else { return "" }
        var cells = [cchar_t](repeating: cchar_t(), count: cols + 1)
        _ = mvwin_wchnstr(window, Int32(row), Int32(column), &cells, Int32(cols))
        // ncurses leaves out the second cell of a wide character and ends the row with an empty cell.
        var text = ""
        for x in 0..<cols {
            let (scalars, _, _) = Terminal.contents(of: &cells[x])
            if scalars.isEmpty { break }
            text.unicodeScalars.append(contentsOf: scalars)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The attributes and colour pair ncurses holds for one cell (not the second cell of a wide character).
    func screenAttributes(x: Int, y: Int) -> (attributes: attr_t, pair: Int16) {
        guard active else { return (0, 0) }
        select()
        var cells = [cchar_t](repeating: cchar_t(), count: 2)
        _ = mvwin_wchnstr(window, Int32(y), Int32(x), &cells, 1)
        let (_, attributes, pair) = Terminal.contents(of: &cells[0])
        return (attributes, pair)
    }

    private static func contents(of cell: inout cchar_t) -> ([Unicode.Scalar], attr_t, Int16) {
        var wide = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cell, &wide, &attributes, &pair, nil)
        let scalars = wide.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return (scalars, attributes & ~portal_a_color(), pair)
    }

    // MARK: Restore at exit

    private static func environmentTerm() -> String? {
        getenv("TERM").map { String(cString: $0) }
    }

    /// The terminals still running, so the `atexit` hook can put them back. Touched only from the thread
    /// that creates and stops terminals, and from `exit`.
    nonisolated(unsafe) private static var running: [ObjectIdentifier: Unmanaged<Terminal>] = [:]
    nonisolated(unsafe) private static var atexitInstalled = false

    private static func register(_ terminal: Terminal) {
        running[ObjectIdentifier(terminal)] = Unmanaged.passUnretained(terminal)
        if !atexitInstalled {
            atexitInstalled = true
            atexit { Terminal.stopAllAtExit() }
        }
    }

    private static func unregister(_ terminal: Terminal) {
        running[ObjectIdentifier(terminal)] = nil
    }

    private static func stopAllAtExit() {
        for terminal in running.values { terminal.takeUnretainedValue().stop() }
    }
}
