import XCTest
@testable import PortalCore
import StoreTestSupport

/// Desktop notifications through a fake `notify-send` on PATH: what it is given, and what each outcome is.
final class NotifySendTests: XCTestCase {
    let reminder = Reminder(kind: .visits, subject: "visit/4/2026-11-28T09:30", offset: nil,
                            title: "-Visit 4 tomorrow at 09:30", body: "In person at A & B <clinic>.")

    /// A folder with a `notify-send` that writes its arguments, one a line, to `args` and exits with `status`.
    func fakeNotifySend(status: Int = 0, sleep: Int = 0) throws -> (path: String, args: URL) {
        let folder = try makeTempFolder(self)
        let args = folder.appendingPathComponent("args")
        let script = folder.appendingPathComponent("notify-send")
        try Data("""
            #!/bin/sh
            for a in "$@"; do printf '%s\\n' "$a"; done > '\(args.path)'
            [ \(sleep) -gt 0 ] && exec sleep \(sleep)
            [ \(status) -ne 0 ] && echo "GDBus.Error: no notification server" >&2
            exit \(status)

            """.utf8).write(to: script)
        chmod(script.path, 0o755)
        return (folder.path + ":/usr/bin:/bin", args)
    }

    func testWithADesktopSessionTheNotificationIsShown() throws {
        let fake = try fakeNotifySend()
        let outcome = NotifySend(environment: ["PATH": fake.path, "WAYLAND_DISPLAY": "wayland-0"]).deliver(reminder)
        XCTAssertEqual(outcome, .notified)
        XCTAssertEqual(try String(contentsOf: fake.args, encoding: .utf8),
                       "--app-name=Portal\n--urgency=normal\n--\n-Visit 4 tomorrow at 09:30\nIn person at A &amp; B &lt;clinic&gt;.\n",
                       "a title starting with - is never an option; the body's markup characters stay text")
        XCTAssertEqual(NotifySend(environment: ["PATH": fake.path, "DISPLAY": ":0"]).deliver(reminder), .notified)
    }

    func testWithoutADesktopSessionTheReminderWaitsAndNothingRuns() throws {
        let fake = try fakeNotifySend()
        XCTAssertEqual(NotifySend(environment: ["PATH": fake.path, "DISPLAY": ""]).deliver(reminder), .waiting)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fake.args.path))
    }

    func testAMissingOrFailingNotifySendIsAFailureThatSaysWhy() throws {
        let empty = try makeTempFolder(self).path
        XCTAssertEqual(NotifySend(environment: ["PATH": empty, "DISPLAY": ":0"]).deliver(reminder),
                       .failed("notify-send is not installed (Debian's libnotify-bin package has it)"))
        let failing = try fakeNotifySend(status: 1)
        XCTAssertEqual(NotifySend(environment: ["PATH": failing.path, "DISPLAY": ":0"]).deliver(reminder),
                       .failed("notify-send failed (exit status 1: GDBus.Error: no notification server)"))
        var slow = NotifySend(environment: ["PATH": try fakeNotifySend(sleep: 30).path, "DISPLAY": ":0"])
        slow.timeoutSeconds = 0.5
        let started = Date()
        XCTAssertEqual(slow.deliver(reminder), .failed("notify-send did not answer within 0.5 seconds"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "a hung notify-send does not hold the timer")
    }
}
