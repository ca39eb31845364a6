/// What `portal remind install` puts on her computer to run `portal remind now` every few minutes: a
/// systemd user timer (a service and its timer) where `systemctl --user` works, else one crontab line. The
/// text is made here, purely, so `--dry-run` prints exactly what an install writes and the tests read it.
public struct ReminderTimer: Sendable, Equatable {
    /// The portal to run: an absolute path (the link on her PATH, so a reinstall of the portal keeps working).
    public let portal: String
    /// The database the reminders are for, absolute: the timer runs without her shell's environment.
    public let database: String

    /// Every 5 minutes: a reminder comes within 5 minutes of the time she set, for a run of about 20 ms.
    public static let everyMinutes = 5
    public static let unitName = "portal-remind"
    public static var serviceFile: String { "\(unitName).service" }
    public static var timerFile: String { "\(unitName).timer" }
    /// Ends the crontab line, so uninstall finds it (and only it) again.
    public static let crontabMarker = "# portal remind: added by `portal remind install`, removed by `portal remind uninstall`"

    /// Refuses paths a unit file or a crontab line cannot carry whole: relative ones, control characters (a
    /// line break would end the line and start another), and for the portal a quote or a backslash, which
    /// systemd refuses in the name of a program it runs ("contains special characters").
    public init(portal: String, database: String) throws {
        if portal.contains(where: { $0 == "\"" || $0 == "'" || $0 == "\\" }) {
            throw PortalError.invalidInput(field: .databasePath, "The portal's path \(PlainText.quoted(portal)) holds a quote or a backslash, which systemd does not run: install the portal in a folder without them (make install PREFIX=…).")
        }
        for (what, path) in [("The portal's path", portal), ("The database path", database)] {
            guard path.hasPrefix("/") else {
                throw PortalError.invalidInput(field: .databasePath, "\(what) \(PlainText.quoted(path)) is not absolute, so a timer could not find it.")
            }
            guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw PortalError.invalidInput(field: .databasePath, "\(what) holds a control character (a line break or the like), which a timer's file cannot carry.")
            }
        }
        self.portal = portal
        self.database = database
    }

    /// The service the timer starts: one run of `portal remind now` on her database.
    public var serviceUnit: String {
        """
        # Written by `portal remind install`; `portal remind uninstall` removes it.
        [Unit]
        Description=Portal reminders: what is still due today (pain, exercises, visits)

        [Service]
        Type=oneshot
        Environment=\(Self.systemdQuoted("PORTAL_DB=" + database))
        ExecStart=\(Self.systemdQuoted(portal)) remind now

        """
    }

    /// The timer: every `everyMinutes` minutes while she is logged in (a user timer runs with her session).
    public var timerUnit: String {
        """
        # Written by `portal remind install`; `portal remind uninstall` removes it.
        [Unit]
        Description=Portal reminders every \(Self.everyMinutes) minutes

        [Timer]
        OnCalendar=*:0/\(Self.everyMinutes)
        AccuracySec=30s

        [Install]
        WantedBy=timers.target

        """
    }

    /// The crontab line: the same run, every `everyMinutes` minutes, with the marker that finds it again.
    public var crontabLine: String {
        "*/\(Self.everyMinutes) * * * * PORTAL_DB=\(Self.cronQuoted(database)) \(Self.cronQuoted(portal)) remind now \(Self.crontabMarker)"
    }

    /// `existing` (a crontab as `crontab -l` prints it) with any line of ours replaced by `crontabLine`.
    public func crontab(installedIn existing: String) -> String {
        Self.crontab(removingFrom: existing) + crontabLine + "\n"
    }

    /// `existing` without the lines `portal remind install` added; every other line kept as it was, her blank
    /// lines at the end too (only the line break that ends the last line is the file's own).
    public static func crontab(removingFrom existing: String) -> String {
        var lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let kept = lines.filter { !$0.hasSuffix(crontabMarker) }
        return kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
    }

    /// Whether `crontab` holds a line of ours.
    public static func isInstalled(inCrontab crontab: String) -> Bool {
        crontab.split(separator: "\n").contains { $0.hasSuffix(crontabMarker) }
    }

    /// A value in double quotes as systemd reads it: `\` and `"` escaped, `%` doubled (a specifier
    /// otherwise). A `$` stays as it is: systemd expands variables in a command's arguments, never in the
    /// program's own path or in `Environment=` (checked with `systemd-analyze verify`, systemd 252).
    static func systemdQuoted(_ value: String) -> String {
        var out = "\""
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "%": out += "%%"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// A word in single quotes for the shell cron starts, with `%` escaped (cron turns a bare one into a
    /// line break) and a single quote closed, escaped and reopened.
    static func cronQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "%", with: "\\%") + "'"
    }
}
