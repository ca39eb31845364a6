import Foundation
import PortalCore
import XCTest

/// Her reminders (issue 24, phase 2), kept through the record map in both stores: the settings she sets, read
/// back as set, replaced whole and switched off; the log of reminders given, oldest first, in the snapshot (the
/// days `remind now` looks back), and Home's note that it said a failed one.
extension StoreContract {
    func checkRemindersAreSetReadBackAndSwitchedOff() throws {
        let empty = try makeStore()
        XCTAssertEqual(try empty.reminderSettings(), .allOff, "nothing is set until she sets it")
        try assertRefused(empty, "reminders for no one") {
            try empty.saveReminderSettings(ReminderSettings(daily: [.pain: DailyReminder(time: time("20:00"))]))
        }

        let store = try seededStore()
        XCTAssertEqual(try store.reminderSettings(), .allOff)
        var settings = ReminderSettings.allOff
        try settings.set(.pain, from: ["20:00"], days: nil, inClinic: false)
        try settings.set(.exercises, from: ["7:30"], days: "mon,wed,fri", inClinic: false)
        try settings.set(.diary, from: ["21:15"], days: "weekdays", inClinic: false)
        try settings.set(.visits, from: ["2h,24h", "30m"], days: nil, inClinic: false)
        try store.saveReminderSettings(settings)
        let read = try store.reminderSettings()
        XCTAssertEqual(read, settings, "read back exactly as set")
        XCTAssertEqual(read.summary(.exercises), "07:30 on mon,wed,fri")
        XCTAssertEqual(read.summary(.visits), "24h before, 2h before, 30m before", "latest first")
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).record.reminderSettings, settings)

        settings.turnOff(.exercises)
        settings.turnOff(.visits)
        try store.saveReminderSettings(settings)
        XCTAssertEqual(try store.reminderSettings(), settings, "replaced whole: what was switched off is gone")
        XCTAssertFalse(try store.reminderSettings().isSet(.visits))
        XCTAssertEqual(try store.reminderSettings().summary(.pain), "20:00 every day")
    }

    func checkTheRemindersGivenAreLoggedAndSaidOnce() throws {
        let store = try seededStore()
        let notified = try store.logReminder(ReminderDelivery(kind: .pain, subject: "pain/2026-11-18", at: at("2026-11-18T20:00"), outcome: .notified))
        let waiting = try store.logReminder(ReminderDelivery(kind: .visits, subject: "visit/2/2026-11-27T09:00", offset: VisitReminderOffset(minutes: 1440),
                                                             at: at("2026-11-26T09:05"), outcome: .waiting))
        let failed = try store.logReminder(ReminderDelivery(kind: .exercises, subject: "exercises/2026-11-27", at: at("2026-11-27T18:00"),
                                                            outcome: .failed("notify-send is not installed")))
        XCTAssertNotNil(failed.id)
        XCTAssertEqual(Set([notified.id, waiting.id, failed.id]).count, 3, "each has its own id")
        XCTAssertEqual(try store.reminderLog(from: nil), [notified, waiting, failed], "read back exactly, oldest first")
        XCTAssertEqual(try store.reminderLog(from: day("2026-11-26")), [waiting, failed], "from a day on")
        XCTAssertEqual(failed.outcome, .failed("notify-send is not installed"), "the reason is kept")

        // The snapshot holds the days `remind now` looks back (a visit reminder's longest time before).
        let snapshot = try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("18:05")))
        XCTAssertEqual(snapshot.record.reminderLog, [waiting, failed])
        XCTAssertEqual(snapshot.record.reminderLog.filter(\.isUnsaidFailure), [failed])

        try store.markRemindersSaid(ids: [failed.id!])
        var said = failed
        said.saidOnHome = true
        XCTAssertEqual(try store.reminderLog(from: day("2026-11-27")), [said], "said once: never again")
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("18:10"))).record.reminderLog.filter(\.isUnsaidFailure), [])

        try assertRefused(store, "a reminder about nothing") {
            try store.logReminder(ReminderDelivery(kind: .pain, subject: "", at: at("2026-11-27T18:00"), outcome: .notified))
        }
    }
}
