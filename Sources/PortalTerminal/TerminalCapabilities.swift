import CNCursesW

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal and the environment allow: Unicode text and colour.
public struct TerminalCapabilities: Sendable, Hashable {
    /// The locale's character set is UTF-8. Without it ncurses drops every non-ASCII character, so the
    /// terminal layer draws ASCII stand-ins instead.
    public var unicode: Bool
    /// Draw in colour: the terminal has colours and the user did not ask for none (`NO_COLOR`).
    public var color: Bool

    public init(unicode: Bool, color: Bool) {
        self.unicode = unicode
        self.color = color
    }

    /// Sets the program's locale from the environment (`setlocale(LC_ALL, "")`), as ncurses requires
    /// before it starts. Returns whether that locale is UTF-8.
    @discardableResult
    public static func adoptEnvironmentLocale() -> Bool {
        _ = setlocale(LC_ALL, "")
        return localeIsUTF8()
    }

    /// Whether the current locale's codeset (`nl_langinfo(CODESET)`) is UTF-8. Does not change the locale.
    public static func localeIsUTF8() -> Bool {
        portal_locale_is_utf8() != 0
    }

    /// `NO_COLOR` as the environment has it (nil when unset).
    public static func noColorEnvironmentValue() -> String? {
        getenv("NO_COLOR").map { String(cString: $0) }
    }

    /// The colour decision, pure. Per no-color.org, `NO_COLOR` set to any non-empty value turns colour off;
    /// unset or empty leaves it on when the terminal has colours.
    public static func colorAllowed(terminalHasColors: Bool, noColor: String?) -> Bool {
        guard terminalHasColors else { return false }
        if let noColor, !noColor.isEmpty { return false }
        return true
    }
}
