import XCTest
@testable import PortalCore
import StoreTestSupport

/// The systemd user units and the crontab line `portal remind install` writes (and `--dry-run` prints).
final class ReminderTimerTests: XCTestCase {
    func testTheUnitsRunRemindNowOnHerDatabaseEveryFiveMinutes() throws {
        let t = try ReminderTimer(portal: "/home/ana/.local/bin/portal", database: "/home/ana/.local/share/portal/portal.sqlite")
        XCTAssertEqual(t.serviceUnit, """
            # Written by `portal remind install`; `portal remind uninstall` removes it.
            [Unit]
            Description=Portal reminders: what is still due today (pain, exercises, visits)

            [Service]
            Type=oneshot
            Environment="PORTAL_DB=/home/ana/.local/share/portal/portal.sqlite"
            ExecStart="/home/ana/.local/bin/portal" remind now

            """)
        XCTAssertEqual(t.timerUnit, """
            # Written by `portal remind install`; `portal remind uninstall` removes it.
            [Unit]
            Description=Portal reminders every 5 minutes

            [Timer]
            OnCalendar=*:0/5
            AccuracySec=30s

            [Install]
            WantedBy=timers.target

            """)
        XCTAssertEqual(t.crontabLine, "*/5 * * * * PORTAL_DB='/home/ana/.local/share/portal/portal.sqlite' '/home/ana/.local/bin/portal' remind now "
                       + ReminderTimer.crontabMarker)
    }

    func testAwkwardPathsAreQuotedForSystemdAndForCron() throws {
        let t = try ReminderTimer(portal: "/opt/my pt/$HOME/100%/portal", database: "/data/100% \"Ana's\"\\db.sqlite")
        XCTAssertTrue(t.serviceUnit.contains(#"Environment="PORTAL_DB=/data/100%% \"Ana's\"\\db.sqlite""#), t.serviceUnit)
        XCTAssertTrue(t.serviceUnit.contains(#"ExecStart="/opt/my pt/$HOME/100%%/portal" remind now"#), t.serviceUnit)
        XCTAssertTrue(t.crontabLine.hasPrefix(#"*/5 * * * * PORTAL_DB='/data/100\% "Ana'\''s"\db.sqlite' '/opt/my pt/$HOME/100\%/portal' remind now"#), t.crontabLine)
    }

    func testTheShellCronStartsRunsTheExactPortalOnTheExactDatabase() throws {
        // A stand-in portal in a folder whose name has a space, a dollar and a percent sign: it prints
        // the database it was given and its arguments.
        let folder = try makeTempFolder(self).appendingPathComponent("a b $HOME 100%d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let portal = folder.appendingPathComponent("portal").path
        try Data("#!/bin/sh\nprintf '%s\\n' \"$PORTAL_DB\" \"$@\"\n".utf8).write(to: URL(fileURLWithPath: portal))
        chmod(portal, 0o755)
        let db = "/tmp/100% sure/d'b \"x\" $HOME\\.sqlite"
        let line = try ReminderTimer(portal: portal, database: db).crontabLine
        XCTAssertTrue(line.hasPrefix("*/5 * * * * "))
        // What cron hands /bin/sh: the command after the five time fields, each \% turned back into %.
        let command = String(line.dropFirst("*/5 * * * * ".count)).replacingOccurrences(of: "\\%", with: "%")
        XCTAssertFalse(line.replacingOccurrences(of: "\\%", with: "").contains("%"), "no bare % for cron to turn into a line break")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.environment = ["PATH": "/usr/bin:/bin"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(printed, db + "\nremind\nnow\n", command)
    }

    func testPathsATimerCannotCarryAreRefused() {
        XCTAssertThrowsError(try ReminderTimer(portal: "portal", database: "/d.sqlite")) {
            XCTAssertTrue("\($0)".contains("is not absolute"), "\($0)")
        }
        XCTAssertThrowsError(try ReminderTimer(portal: "/bin/portal", database: "/d\n*/1 * * * * rm -rf ~.sqlite")) {
            XCTAssertTrue("\($0)".contains("control character"), "\($0)")
        }
        for odd in ["/opt/it's/portal", "/opt/\"q\"/portal", "/opt/b\\s/portal"] {
            XCTAssertThrowsError(try ReminderTimer(portal: odd, database: "/d.sqlite"), odd) {
                XCTAssertTrue("\($0)".contains("holds a quote or a backslash, which systemd does not run"), "\($0)")
            }
        }
    }

    func testInstallingReplacesOurLineAndUninstallingKeepsEveryOtherLine() throws {
        let t = try ReminderTimer(portal: "/usr/bin/portal", database: "/d.sqlite")
        let hers = "# m h dom mon dow command\nMAILTO=ana\n0 3 * * * backup.sh\n"
        let once = t.crontab(installedIn: hers)
        XCTAssertEqual(once, hers + t.crontabLine + "\n")
        XCTAssertTrue(ReminderTimer.isInstalled(inCrontab: once))
        XCTAssertFalse(ReminderTimer.isInstalled(inCrontab: hers))
        let moved = try ReminderTimer(portal: "/usr/local/bin/portal", database: "/d.sqlite")
        let twice = moved.crontab(installedIn: once)
        XCTAssertEqual(twice, hers + moved.crontabLine + "\n", "installed again: one line, the new one")
        XCTAssertEqual(ReminderTimer.crontab(removingFrom: twice), hers)
        XCTAssertEqual(ReminderTimer.crontab(removingFrom: t.crontab(installedIn: "")), "")
        XCTAssertEqual(t.crontab(installedIn: "0 3 * * * backup.sh"), "0 3 * * * backup.sh\n" + t.crontabLine + "\n",
                       "a crontab without a final newline keeps its last line whole")
    }
}
