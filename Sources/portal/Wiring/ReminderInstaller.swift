import Foundation
import PortalCore

/// Puts the reminder timer on her computer and takes it away again: a systemd user timer where
/// `systemctl --user` answers, else a line in her crontab. Only through `systemctl` and `crontab` as found on
/// PATH, and only in her own configuration folder (`$XDG_CONFIG_HOME/systemd/user`, by default
/// `~/.config/systemd/user`): the tests put fakes of both on PATH and a temporary folder in XDG_CONFIG_HOME.
struct ReminderInstaller {
    enum Method: Equatable {
        case systemd
        case cron
    }

    let environment: [String: String]
    let systemctl: Program
    let crontab: Program

    init(environment: [String: String]) {
        self.environment = environment
        systemctl = Program("systemctl", environment: environment)
        crontab = Program("crontab", environment: environment)
    }

    /// Where her systemd user units go.
    var unitFolder: URL {
        get throws {
            if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
                return URL(fileURLWithPath: xdg).appendingPathComponent("systemd/user", isDirectory: true)
            }
            guard let home = environment["HOME"], !home.isEmpty else {
                throw PortalError.storage("HOME is not set, so the portal cannot find your configuration folder for the timer.")
            }
            return URL(fileURLWithPath: home).appendingPathComponent(".config/systemd/user", isDirectory: true)
        }
    }

    /// A systemd user manager answers: `systemctl --user` works here.
    var systemdWorks: Bool { systemctl.exists && systemctl.run(["--user", "show-environment"]).succeeded }

    /// systemd where it works, else cron; neither is an error that says what still works.
    func method() throws -> Method {
        if systemdWorks { return .systemd }
        if crontab.exists { return .cron }
        throw PortalError.rule("""
            Neither a systemd user manager (systemctl --user) nor cron (crontab) is available here, so no timer can \
            run the reminders. `portal today --brief` in your ~/.bashrc still shows what is due each time you open a terminal.
            """)
    }

    /// What `install --dry-run` prints: the method and exactly what would be written and run.
    func plan(_ timer: ReminderTimer) throws -> String {
        switch try method() {
        case .systemd:
            let folder = try unitFolder
            return """
                systemctl --user works here, so a systemd user timer: `portal remind now` every \(ReminderTimer.everyMinutes) minutes \
                while you are logged in.

                Would write \(folder.appendingPathComponent(ReminderTimer.serviceFile).path):
                \(timer.serviceUnit)
                Would write \(folder.appendingPathComponent(ReminderTimer.timerFile).path):
                \(timer.timerUnit)
                Would run:
                  systemctl --user daemon-reload
                  systemctl --user enable --now \(ReminderTimer.timerFile)
                """
        case .cron:
            return """
                systemctl --user does not work here, so a line in your crontab: `portal remind now` every \
                \(ReminderTimer.everyMinutes) minutes. Cron has no desktop session, so its reminders wait for your next \
                `portal today --brief` or full-screen start.

                Would add to your crontab (every other line kept as it is):
                \(timer.crontabLine)
                """
        }
    }

    /// Installs the timer (replacing one installed before, of either kind, so two never remind at once) and
    /// says what it did.
    func install(_ timer: ReminderTimer) throws -> String {
        switch try method() {
        case .systemd:
            let done = try installSystemd(timer)
            return try removeCronLine() ? done + "\nThe line an earlier install added to your crontab was removed." : done
        case .cron:
            let done = try installCron(timer)
            return try removeUnits() ? done + "\nThe systemd user timer an earlier install wrote was removed." : done
        }
    }

    private func installSystemd(_ timer: ReminderTimer) throws -> String {
        let folder = try unitFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let service = folder.appendingPathComponent(ReminderTimer.serviceFile)
        let timerFile = folder.appendingPathComponent(ReminderTimer.timerFile)
        try write(timer.serviceUnit, to: service)
        try write(timer.timerUnit, to: timerFile)
        for args in [["--user", "daemon-reload"], ["--user", "enable", "--now", ReminderTimer.timerFile]] {
            let r = systemctl.run(args)
            guard r.succeeded else {
                // Half an install is none: an enable that made its link and then failed to start is undone, and
                // the files go again, so nothing is left that does not run (no link to a unit that is gone).
                _ = systemctl.run(["--user", "disable", ReminderTimer.timerFile])
                removeWantsLink(in: folder)
                try? FileManager.default.removeItem(at: service)
                try? FileManager.default.removeItem(at: timerFile)
                _ = systemctl.run(["--user", "daemon-reload"])
                throw PortalError.storage("systemctl \(args.joined(separator: " ")) failed (\(r.complaint)); nothing was installed.")
            }
        }
        return """
            Installed a systemd user timer: `portal remind now` runs every \(ReminderTimer.everyMinutes) minutes while you are logged in.
              \(timerFile.path)
              \(service.path)
            See it with `systemctl --user list-timers \(ReminderTimer.timerFile)`; remove it with `portal remind uninstall`.
            """
    }

    private func installCron(_ timer: ReminderTimer) throws -> String {
        let existing = try currentCrontab()
        let r = crontab.run(["-"], input: timer.crontab(installedIn: existing))
        guard r.succeeded else {
            throw PortalError.storage("crontab could not be written (\(r.complaint)); nothing was installed.")
        }
        return """
            Added a line to your crontab: `portal remind now` runs every \(ReminderTimer.everyMinutes) minutes.
            Cron has no desktop session, so its reminders wait for your next `portal today --brief` or full-screen start.
            See it with `crontab -l`; remove it with `portal remind uninstall`.
            """
    }

    /// Removes whatever `install` put here, of either kind, and says what it removed.
    func uninstall() throws -> String {
        var removed: [String] = []
        if try removeUnits() {
            removed.append("the systemd user timer (\(ReminderTimer.timerFile), \(ReminderTimer.serviceFile))")
        }
        if try removeCronLine() { removed.append("the line in your crontab") }
        return removed.isEmpty ? "No reminder timer was installed; nothing to remove."
            : "Removed " + removed.joined(separator: " and ") + ". `portal today --brief` still shows what is due."
    }

    /// Stops, disables and removes the systemd units when they are there; true when there were any.
    private func removeUnits() throws -> Bool {
        let folder = try unitFolder
        let files = [ReminderTimer.timerFile, ReminderTimer.serviceFile].map { folder.appendingPathComponent($0) }
        guard files.contains(where: { FileManager.default.fileExists(atPath: $0.path) }) else { return false }
        // Stopped and disabled first when systemd answers; the files go either way.
        let systemd = systemdWorks
        if systemd { _ = systemctl.run(["--user", "disable", "--now", ReminderTimer.timerFile]) }
        for file in files where FileManager.default.fileExists(atPath: file.path) {
            do { try FileManager.default.removeItem(at: file) } catch {
                throw PortalError.storage("\(file.path) could not be removed: \(error.localizedDescription)")
            }
        }
        // Where systemd no longer answers (a switch to cron) nothing disabled the timer: its link goes by hand.
        removeWantsLink(in: folder)
        if systemd { _ = systemctl.run(["--user", "daemon-reload"]) }
        return true
    }

    /// The link `systemctl --user enable` makes for the timer (`timers.target.wants/portal-remind.timer`), removed
    /// when it is there, even dangling.
    private func removeWantsLink(in folder: URL) {
        let link = folder.appendingPathComponent("timers.target.wants").appendingPathComponent(ReminderTimer.timerFile)
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil || FileManager.default.fileExists(atPath: link.path) {
            try? FileManager.default.removeItem(at: link)
        }
    }

    /// Removes our line from her crontab when it is there; true when it was.
    private func removeCronLine() throws -> Bool {
        guard crontab.exists else { return false }
        let existing = try currentCrontab()
        guard ReminderTimer.isInstalled(inCrontab: existing) else { return false }
        let r = crontab.run(["-"], input: ReminderTimer.crontab(removingFrom: existing))
        guard r.succeeded else { throw PortalError.storage("crontab could not be written (\(r.complaint)); its line is still there.") }
        return true
    }

    /// Her crontab as `crontab -l` prints it; none yet is an empty one.
    private func currentCrontab() throws -> String {
        let r = crontab.run(["-l"])
        if r.succeeded { return r.stdout }
        // Every cron says so in its own words ("no crontab for ana"); a crontab that exists but cannot be read
        // must not be taken for an empty one and written over.
        if r.stderr.lowercased().contains("no crontab") { return "" }
        throw PortalError.storage("crontab -l failed (\(r.complaint)); your crontab was left as it was.")
    }

    /// Written whole or not at all (a temporary file renamed over it), private to her.
    private func write(_ text: String, to url: URL) throws {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw PortalError.storage("\(url.path) could not be written.")
        }
    }

    /// The portal as she runs it: the path she typed or her PATH found (the link `make install` made, so a
    /// later reinstall of the portal keeps the timer working), else this very binary.
    static func portalPath(environment env: [String: String]) -> String {
        let arg0 = CommandLine.arguments.first ?? ""
        if arg0.contains("/") {
            let url = arg0.hasPrefix("/") ? URL(fileURLWithPath: arg0)
                : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(arg0)
            return url.standardizedFileURL.path
        }
        if let found = SearchPath.find(arg0.isEmpty ? "portal" : arg0, in: env["PATH"]) { return found }
        return Bundle.main.executablePath ?? "/proc/self/exe"
    }
}
