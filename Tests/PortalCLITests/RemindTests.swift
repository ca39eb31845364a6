import Foundation
import XCTest
@testable import PortalCore

/// `portal remind install`, `--dry-run` and `uninstall` against fakes of `systemctl` and `crontab` on PATH
/// and a temporary XDG_CONFIG_HOME: never the real user's systemd or crontab. PATH holds only the fakes'
/// folder (the fakes name /bin/cat in full), so the real programs in /usr/bin can never be reached.
final class RemindTests: XCTestCase {
    struct Machine {
        let portal: PortalRunner
        let bin: URL
        let config: URL
        var calls: URL { bin.appendingPathComponent("calls") }
        var crontabFile: URL { bin.appendingPathComponent("crontab.txt") }
        var units: URL { config.appendingPathComponent("systemd/user") }
        var env: [String: String] { ["PATH": bin.path, "XDG_CONFIG_HOME": config.path] }

        /// What the fakes were asked, one call a line.
        var called: [String] {
            ((try? String(contentsOf: calls, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func run(_ args: [String], env extra: [String: String] = [:]) throws -> PortalRunner.Result {
            try portal.run(args, env: env.merging(extra) { $1 })
        }
    }

    /// A portal with the demo, and fakes: `systemctl --user show-environment` exits with `systemd` (0: a user
    /// manager answers), `systemctl … enable` with `enable`; `crontab` keeps her crontab in a file (none yet
    /// unless `crontab` is given), and `crontab -l` exits with `listStatus` when not 0.
    func machine(systemd: Int = 0, enable: Int = 0, crontab: String? = nil, listStatus: Int = 0, withCrontab: Bool = true,
                 demo: Bool = true) throws -> Machine {
        let portal = try PortalRunner(self)
        if demo { XCTAssertEqual(try portal.run(["demo"]).status, 0) }
        let bin = portal.folder.appendingPathComponent("bin")
        let config = portal.folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let m = Machine(portal: portal, bin: bin, config: config)
        try script("systemctl", in: bin, """
            echo "systemctl $*" >> '\(m.calls.path)'
            case "$2" in
              show-environment) [ \(systemd) -eq 0 ] && echo "HOME=/home/ana"; exit \(systemd) ;;
              enable) [ \(enable) -ne 0 ] && echo "Failed to enable unit: Unit file portal-remind.timer does not exist." >&2; exit \(enable) ;;
            esac
            exit 0
            """)
        if withCrontab {
            try script("crontab", in: bin, """
                echo "crontab $*" >> '\(m.calls.path)'
                case "$1" in
                  -l) [ \(listStatus) -ne 0 ] && { echo "crontab: cannot open your crontab: Permission denied" >&2; exit \(listStatus); }
                      [ -f '\(m.crontabFile.path)' ] || { echo "no crontab for ana" >&2; exit 1; }
                      /bin/cat '\(m.crontabFile.path)' ;;
                  -) /bin/cat > '\(m.crontabFile.path)' ;;
                  *) exit 2 ;;
                esac
                """)
        }
        if let crontab { try Data(crontab.utf8).write(to: m.crontabFile) }
        return m
    }

    func script(_ name: String, in folder: URL, _ body: String) throws {
        let url = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
        chmod(url.path, 0o755)
    }

    func expectedTimer(_ m: Machine) throws -> ReminderTimer {
        try ReminderTimer(portal: PortalRunner.binary.path, database: m.portal.db.path)
    }

    func testDryRunPrintsTheSystemdUnitsAndChangesNothing() throws {
        let m = try machine()
        let r = try m.run(["remind", "install", "--dry-run"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let timer = try expectedTimer(m)
        XCTAssertTrue(r.stdout.hasPrefix("systemctl --user works here, so a systemd user timer"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Would write \(m.units.path)/portal-remind.service:\n" + timer.serviceUnit), r.stdout)
        XCTAssertTrue(r.stdout.contains("Would write \(m.units.path)/portal-remind.timer:\n" + timer.timerUnit), r.stdout)
        XCTAssertTrue(r.stdout.contains("ExecStart=\"\(PortalRunner.binary.path)\" remind now\n"), "the portal that was run, by its path")
        XCTAssertTrue(r.stdout.contains("Environment=\"PORTAL_DB=\(m.portal.db.path)\"\n"), "her database, whatever the timer's environment")
        XCTAssertTrue(r.stdout.hasSuffix("Would run:\n  systemctl --user daemon-reload\n  systemctl --user enable --now portal-remind.timer\n"), r.stdout)
        XCTAssertEqual(m.called, ["systemctl --user show-environment"], "only asked whether systemd answers")
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.config.path), "nothing written")
    }

    func testDryRunPrintsTheCrontabLineWhereSystemdDoesNotAnswer() throws {
        let m = try machine(systemd: 1)
        let r = try m.run(["remind", "install", "--dry-run"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("systemctl --user does not work here, so a line in your crontab"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("Would add to your crontab (every other line kept as it is):\n\(try expectedTimer(m).crontabLine)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("*/5 * * * * PORTAL_DB='\(m.portal.db.path)' '\(PortalRunner.binary.path)' remind now # portal remind"), r.stdout)
        XCTAssertEqual(m.called, ["systemctl --user show-environment"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.crontabFile.path))
    }

    func testInstallAndUninstallTheSystemdUserTimer() throws {
        let m = try machine(crontab: "0 3 * * * backup.sh\n")
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Installed a systemd user timer"), r.stdout)
        let timer = try expectedTimer(m)
        let service = m.units.appendingPathComponent("portal-remind.service"), timerFile = m.units.appendingPathComponent("portal-remind.timer")
        XCTAssertEqual(try String(contentsOf: service, encoding: .utf8), timer.serviceUnit)
        XCTAssertEqual(try String(contentsOf: timerFile, encoding: .utf8), timer.timerUnit)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: service.path)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: m.units.path).sorted(), ["portal-remind.service", "portal-remind.timer"],
                       "no temporary file left beside them")
        XCTAssertEqual(m.called, ["systemctl --user show-environment", "systemctl --user daemon-reload",
                                  "systemctl --user enable --now portal-remind.timer", "crontab -l"])
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), "0 3 * * * backup.sh\n", "her crontab untouched")

        try FileManager.default.removeItem(at: m.calls)
        let again = try m.run(["remind", "install"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try String(contentsOf: service, encoding: .utf8), timer.serviceUnit, "installing again replaces")

        try FileManager.default.removeItem(at: m.calls)
        let u = try m.run(["remind", "uninstall"])
        XCTAssertEqual(u.status, 0, u.stderr)
        XCTAssertEqual(u.stdout, "Removed the systemd user timer (portal-remind.timer, portal-remind.service). `portal today --brief` still shows what is due.\n")
        XCTAssertEqual(m.called, ["systemctl --user show-environment", "systemctl --user disable --now portal-remind.timer",
                                  "systemctl --user daemon-reload", "crontab -l"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: m.units.path), [])
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), "0 3 * * * backup.sh\n")
        XCTAssertEqual(try m.run(["remind", "uninstall"]).stdout, "No reminder timer was installed; nothing to remove.\n")
    }

    func testAFailedEnableLeavesNoUnitsBehind() throws {
        let m = try machine(enable: 1)
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: systemctl --user enable --now portal-remind.timer failed (Failed to enable unit: Unit file portal-remind.timer does not exist.); nothing was installed.\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: m.units.path), [])
        XCTAssertEqual(m.called.last, "systemctl --user daemon-reload")
    }

    func testInstallAndUninstallTheCrontabLineKeepingHerOwnLines() throws {
        let hers = "# m h dom mon dow command\nMAILTO=ana@example.org\n0 3 * * * /home/ana/backup.sh\n"
        let m = try machine(systemd: 1, crontab: hers)
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Added a line to your crontab"), r.stdout)
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), hers + (try expectedTimer(m)).crontabLine + "\n")
        XCTAssertEqual(m.called, ["systemctl --user show-environment", "crontab -l", "crontab -"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.units.path), "no systemd files")

        _ = try m.run(["remind", "install"])
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), hers + (try expectedTimer(m)).crontabLine + "\n", "still one line")

        let u = try m.run(["remind", "uninstall"])
        XCTAssertEqual(u.stdout, "Removed the line in your crontab. `portal today --brief` still shows what is due.\n")
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), hers)
    }

    func testACrontabThatCannotBeReadIsNeverWrittenOver() throws {
        let m = try machine(systemd: 1, crontab: "0 3 * * * backup.sh\n", listStatus: 1)
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: crontab -l failed (crontab: cannot open your crontab: Permission denied); your crontab was left as it was.\n")
        XCTAssertFalse(m.called.contains("crontab -"))
    }

    func testSwitchingFromCronToSystemdRemovesTheOldLine() throws {
        let first = try machine(systemd: 1)
        XCTAssertEqual(try first.run(["remind", "install"]).status, 0)
        XCTAssertTrue(ReminderTimer.isInstalled(inCrontab: try String(contentsOf: first.crontabFile, encoding: .utf8)))
        // The same machine, now with a user manager that answers.
        try script("systemctl", in: first.bin, "echo \"systemctl $*\" >> '\(first.calls.path)'\nexit 0")
        let r = try first.run(["remind", "install"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("The line an earlier install added to your crontab was removed.\n"), r.stdout)
        XCTAssertEqual(try String(contentsOf: first.crontabFile, encoding: .utf8), "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: first.units.appendingPathComponent("portal-remind.timer").path))
    }

    func testWithNeitherSystemdNorCronItSaysWhatStillWorks() throws {
        let m = try machine(systemd: 1, withCrontab: false)
        let r = try m.run(["remind", "install", "--dry-run"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Neither a systemd user manager (systemctl --user) nor cron (crontab) is available here"), r.stderr)
        XCTAssertTrue(r.stderr.contains("`portal today --brief` in your ~/.bashrc"), r.stderr)
    }

    func testNothingIsInstalledWithoutHerRecordOrOnAClinicServer() throws {
        let m = try machine(demo: false)
        let none = try m.run(["remind", "install"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("There is no portal database at \(m.portal.db.path) yet"), none.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.portal.db.path), "and none is made")
        let clinic = try m.run(["remind", "install"], env: ["PORTAL_DB": "postgresql:///portal?host=/nonexistent"])
        XCTAssertEqual(clinic.status, 1)
        XCTAssertEqual(clinic.stderr, "Error: Reminders by timer are off in the clinic's portal: a timer would run on the clinic's server, not on your computer. Home shows what is still due each time you log in.\n")
        let now = try m.run(["remind", "now"], env: ["PORTAL_DB": "postgresql:///portal?host=/nonexistent"])
        XCTAssertEqual(now.status, 1)
        XCTAssertEqual(m.called, [], "neither systemctl nor crontab was asked anything")
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.config.path))
    }

    func testRemindNowWithoutADatabaseDoesNothing() throws {
        let m = try machine(demo: false)
        let r = try m.run(["remind", "now"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.portal.db.path))
    }

    func testTheBriefLineOfAFileThatIsNotAPortalDatabaseSaysSoOnStandardErrorOnly() throws {
        let m = try machine(demo: false)
        try Data("not a database".utf8).write(to: m.portal.db)
        let r = try m.run(["today", "--brief"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("is not a portal database"), r.stderr)
        let bad = try m.run(["today", "--brief"], env: ["PORTAL_TODAY": "2026-11-27T25:00"])
        XCTAssertEqual(bad.stdout, "")
        XCTAssertTrue(bad.stderr.contains("YYYY-MM-DDTHH:MM"), bad.stderr)
    }
}
