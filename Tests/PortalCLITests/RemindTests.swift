import Foundation
import GRDB
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
        var wants: URL { units.appendingPathComponent("timers.target.wants") }
        var wantsLink: URL { wants.appendingPathComponent("portal-remind.timer") }
        /// The link `enable` made, even dangling (`fileExists` follows links).
        var hasWantsLink: Bool { (try? FileManager.default.destinationOfSymbolicLink(atPath: wantsLink.path)) != nil }
        /// The files and links the install left in her unit folder, by path below it.
        var unitFiles: [String] {
            guard let e = FileManager.default.enumerator(atPath: units.path) else { return [] }
            return e.compactMap { $0 as? String }.filter { !$0.hasSuffix("timers.target.wants") }.sorted()
        }
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
        // `enable` makes its link first, as systemctl does, and then fails to start when told to; `disable` takes it away.
        try script("systemctl", in: bin, """
            echo "systemctl $*" >> '\(m.calls.path)'
            case "$2" in
              show-environment) [ \(systemd) -eq 0 ] && echo "HOME=/home/ana"; exit \(systemd) ;;
              enable) /bin/mkdir -p '\(m.wants.path)' && /bin/ln -sf ../portal-remind.timer '\(m.wantsLink.path)'
                      [ \(enable) -ne 0 ] && echo "Failed to start portal-remind.timer: Unit portal-remind.timer has a bad unit file setting." >&2; exit \(enable) ;;
              disable) /bin/rm -f '\(m.wantsLink.path)' ;;
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
        XCTAssertEqual(m.unitFiles, ["portal-remind.service", "portal-remind.timer", "timers.target.wants/portal-remind.timer"],
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
        XCTAssertEqual(m.unitFiles, [])
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), "0 3 * * * backup.sh\n")
        XCTAssertEqual(try m.run(["remind", "uninstall"]).stdout, "No reminder timer was installed; nothing to remove.\n")
    }

    func testAFailedEnableLeavesNoUnitsBehind() throws {
        let m = try machine(enable: 1)
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: systemctl --user enable --now portal-remind.timer failed (Failed to start portal-remind.timer: Unit portal-remind.timer has a bad unit file setting.); nothing was installed.\n")
        XCTAssertEqual(m.unitFiles, [], "no unit and no link left")
        XCTAssertFalse(m.hasWantsLink, "QA on issue 24: the link enable made stayed, dangling")
        XCTAssertEqual(m.called.last, "systemctl --user daemon-reload")
    }

    /// A systemd that stopped answering (a switch to cron) cannot disable the timer: its link goes with the units.
    func testSwitchingToCronLeavesNoDanglingLink() throws {
        let m = try machine()
        XCTAssertEqual(try m.run(["remind", "install"]).status, 0)
        XCTAssertTrue(m.hasWantsLink)
        try script("systemctl", in: m.bin, "echo \"systemctl $*\" >> '\(m.calls.path)'\nexit 1")
        let r = try m.run(["remind", "install"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Added a line to your crontab"), r.stdout)
        XCTAssertEqual(m.unitFiles, [])
        XCTAssertFalse(m.hasWantsLink, "no link to a unit that is gone")
    }

    /// QA on issue 24: uninstall dropped the blank lines at the end of her crontab.
    func testUninstallKeepsHerCrontabsBlankLinesAtTheEnd() throws {
        let hers = "MAILTO=ana@example.org\n0 3 * * * backup.sh\n\n\n"
        let m = try machine(systemd: 1, crontab: hers)
        XCTAssertEqual(try m.run(["remind", "install"]).status, 0)
        XCTAssertEqual(try m.run(["remind", "uninstall"]).status, 0)
        XCTAssertEqual(try String(contentsOf: m.crontabFile, encoding: .utf8), hers, "exactly as it was")
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
        XCTAssertEqual(clinic.stderr, "Error: \(ReminderKind.noTimerInClinic)\n")
        let now = try m.run(["remind", "now"], env: ["PORTAL_DB": "postgresql:///portal?host=/nonexistent"])
        XCTAssertEqual(now.status, 1)
        XCTAssertEqual(m.called, [], "neither systemctl nor crontab was asked anything")
        XCTAssertFalse(FileManager.default.fileExists(atPath: m.config.path))
    }

    /// A fake `notify-send` on PATH that notes each call's arguments and exits with `status`.
    func notifySend(_ m: Machine, status: Int = 0) throws -> URL {
        let log = m.bin.appendingPathComponent("notified")
        try script("notify-send", in: m.bin, """
            echo "$*" >> '\(log.path)'
            [ \(status) -ne 0 ] && echo "GDBus.Error: org.freedesktop.Notifications not provided" >&2
            exit \(status)
            """)
        return log
    }

    /// `remind now` with the clock pinned: it reads her settings and the reminders given, reminds of what is still
    /// not done once its time has come, at most one of each kind a day, and logs each one given or tried.
    func testRemindNowGivesWhatIsDueOnceADayAndLogsIt() throws {
        let m = try machine()
        let notified = try notifySend(m)
        let desktop = ["DISPLAY": ":0"]
        // The demo on 27 Nov: today's pain is logged, 1 of 6 exercises done.
        XCTAssertEqual(try m.run(["remind", "set", "pain", "19:00"]).status, 0)
        XCTAssertEqual(try m.run(["remind", "set", "exercises", "18:00"]).status, 0)

        var r = try m.run(["remind", "now"], env: desktop.merging(["PORTAL_TODAY": "2026-11-27T17:55"]) { $1 })
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "", "before 18:00 nothing is due")

        r = try m.run(["remind", "now"], env: desktop.merging(["PORTAL_TODAY": "2026-11-27T18:05"]) { $1 })
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "5 of 6 exercises left: shown on the desktop.\n", "never the pain she logged")
        XCTAssertEqual(try String(contentsOf: notified, encoding: .utf8),
                       "--app-name=Portal --urgency=normal -- 5 of 6 exercises left 1 of 6 done today. Press e in the portal to see this week's exercises.\n")
        let log = try m.portal.store().reminderLog(from: nil)
        XCTAssertEqual(log.map(\.kind), [.exercises])
        XCTAssertEqual(log.first?.at, LocalDateTime("2026-11-27T18:05"))
        XCTAssertEqual(log.first?.outcome, .notified)

        r = try m.run(["remind", "now"], env: desktop.merging(["PORTAL_TODAY": "2026-11-27T21:00"]) { $1 })
        XCTAssertEqual(r.stdout, "", "at most one of each kind a day")
        XCTAssertEqual(try m.portal.store().reminderLog(from: nil).count, 1)

        // The next morning at 18:05 with nothing logged: both, and without a desktop they wait for the brief line.
        r = try m.run(["remind", "now"], env: ["PORTAL_TODAY": "2026-11-28T19:30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            Log today's pain: no desktop session; it waits for the next brief line or full-screen start.
            6 of 6 exercises left: no desktop session; it waits for the next brief line or full-screen start.

            """)
        XCTAssertEqual(try m.portal.store().reminderLog(from: CalendarDate("2026-11-28")).map(\.outcome), [.waiting, .waiting])
        XCTAssertEqual(try m.run(["remind", "now"], env: ["PORTAL_TODAY": "2026-11-28T19:35"]).stdout, "")
    }

    /// A notification that fails is logged with its reason, for Home to say once; it is not tried again that day.
    func testARemindThatCouldNotBeShownIsLoggedForHome() throws {
        let m = try machine()
        _ = try notifySend(m, status: 1)
        XCTAssertEqual(try m.run(["remind", "set", "exercises", "18:00"]).status, 0)
        let r = try m.run(["remind", "now"], env: ["DISPLAY": ":0", "PORTAL_TODAY": "2026-11-27T18:05"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("5 of 6 exercises left: could not be shown (notify-send failed (exit status 1: GDBus.Error"), r.stdout)
        let log = try m.portal.store().reminderLog(from: nil)
        XCTAssertEqual(log.count, 1)
        XCTAssertTrue(log[0].isUnsaidFailure, "kept for Home to say")
        XCTAssertTrue(log[0].outcome.reason.contains("org.freedesktop.Notifications not provided"), "\(log[0].outcome)")
        XCTAssertEqual(try m.run(["remind", "now"], env: ["DISPLAY": ":0", "PORTAL_TODAY": "2026-11-27T18:10"]).stdout, "")
    }

    /// QA on issue 24: the brief brought a file from an older portal up to date, a write at every prompt. It only
    /// reads: an older file prints nothing and is left byte for byte as it was (the full screen updates it).
    func testTheBriefNeverWritesAnOlderFile() throws {
        let m = try machine()
        // The demo as an older portal (before change 15) kept it.
        let queue = try DatabaseQueue(path: m.portal.db.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE reminder_setting; DROP TABLE visit_reminder; DROP TABLE reminder_delivery")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v15'")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
        let bytes = try Data(contentsOf: m.portal.db)
        let r = try m.run(["today", "--brief"], env: ["PORTAL_TODAY": "2026-11-27T20:05"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "", "nothing printed")
        XCTAssertEqual(try Data(contentsOf: m.portal.db), bytes, "the file is as it was")
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: m.portal.db.path + "-wal")))?.count ?? 0
        XCTAssertEqual(wal, 0, "and nothing waits in its WAL")
        // The portal itself, which writes, brings it up to date.
        XCTAssertEqual(try m.run(["remind", "set", "pain", "20:00"]).status, 0)
        XCTAssertEqual(try m.run(["today", "--brief"], env: ["PORTAL_TODAY": "2026-11-27T20:05"]).stdout,
                       "5 of 6 exercises left · 1 questionnaire before visit 4\n")
    }

    /// QA on issue 24: in clinic mode with the server away, the brief waited 30 s (a prompt that hangs) and said
    /// "nothing was changed". It gives up at once and prints nothing at all.
    func testTheBriefGivesUpAtOnceWhenTheClinicDoesNotAnswer() throws {
        let m = try machine(demo: false)
        let started = Date()
        let r = try m.run(["today", "--brief"], env: ["PORTAL_DB": "postgresql:///portal?host=/nonexistent&user=ana"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "a prompt never waits for the clinic")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "")
    }

    /// A damaged page the brief reads (the pain diary's table, which Home's read walks) prints no line: the
    /// damage is said on standard error with a failing status. The brief no longer checks every page first (a
    /// prompt would wait 251 ms on ten dense years); damage where it does not look is said by the next
    /// full-screen start and by every other command, which still check every page.
    func testTheBriefOfADamagedFilePrintsNoLine() throws {
        let m = try machine()
        try damage(m.portal.db, rootOf: "pain_entry")
        let r = try m.run(["today", "--brief"], env: ["PORTAL_TODAY": "2026-11-27T20:05"])
        XCTAssertEqual(r.stdout, "", "no line from a damaged file")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is damaged"), r.stderr)
    }

    /// Damage where the brief does not look (an index no read of it uses) is found by the full check every other
    /// command makes: `portal today` refuses the file and names the damage.
    func testDamageTheBriefDoesNotReadIsSaidByTheNextCommand() throws {
        let m = try machine()
        try damage(m.portal.db, rootOf: "visit_by_start")
        let r = try m.run(["today"], env: ["PORTAL_TODAY": "2026-11-27T20:05"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is damaged"), r.stderr)
    }

    private func damage(_ db: URL, rootOf name: String) throws {
        let page = try DatabaseQueue(path: db.path).read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [name])
        }
        let handle = try FileHandle(forWritingTo: db)
        try handle.seek(toOffset: UInt64((try XCTUnwrap(page) - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
        try handle.close()
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
