import XCTest
import PortalCore

/// Contract check for Home's own read (`RecordStore.homeSnapshot`): the same on both stores.
extension StoreContract {
    func checkHomesReadHoldsWhatHomeShows() throws {
        let store = try seededStore()
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        // An entry every 10 days for 200 days: the latest 14 would reach back 130 days, past Home's 35 and the
        // screens' 120; Home lists those of the screens' window, 13 of them.
        for back in stride(from: 200, through: 0, by: -10) {
            try store.addPainEntry(PainEntry(date: clock.today.adding(days: -back), time: time("08:00"), score: back % 7), now: now)
        }
        let rules = EntryRules(now: now, content: sharedContent)
        let olderBowel = try store.add(BowelEntry(date: day("2026-11-25"), time: time("07:40"), type: .four, pain: 9), rules: rules)
        let bowel = try store.add(BowelEntry(date: day("2026-11-26"), time: time("07:40"), type: .four), rules: rules)
        let old = try store.add(BladderEvent.pee(day("2026-10-01"), time("07:05"), ml: 300, urgency: 1, atNight: false), rules: rules)
        let recent = try store.add(BladderEvent.pee(day("2026-11-26"), time("07:05"), ml: 320, urgency: 3, atNight: true), rules: rules)
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-26"), today: clock.today)

        let home = try store.homeSnapshot(clock: clock)
        let whole = try store.snapshot(clock: clock)
        XCTAssertTrue(home.isHomeOnly)
        XCTAssertFalse(whole.isHomeOnly)
        XCTAssertEqual(whole.painEntries.count, 13, "the screens' 120 days")
        XCTAssertEqual(home.painEntries, whole.painEntries, "the latest 14 entries of the screens' 120 days: all 13")
        try store.addPainEntry(PainEntry(date: clock.today, time: time("09:00"), score: 3), now: now)
        try store.addPainEntry(PainEntry(date: clock.today, time: time("10:00"), score: 3), now: now)
        let more = try store.homeSnapshot(clock: clock)
        XCTAssertEqual(more.painEntries, Array(try store.snapshot(clock: clock).painEntries.suffix(PortalSnapshot.homeLatestEntries)),
                       "15 in the window: the latest 14 and no more")
        // Home shows no bowel log; it reads the days a high pain logged with a bowel movement is said (QA I13).
        XCTAssertEqual(home.record.bowelEntries, [bowel], "today and yesterday of the bowel log, no more")
        XCTAssertEqual(whole.record.bowelEntries, [olderBowel, bowel])
        XCTAssertEqual(home.safetyAlerts(guide: sharedContent.safety), whole.safetyAlerts(guide: sharedContent.safety))
        XCTAssertEqual(home.record.bladderEvents, [recent], "Home's \(PortalSnapshot.homeDays) days of the bladder diary")
        XCTAssertEqual(whole.record.bladderEvents, [old, recent])
        XCTAssertEqual(home.sessions, whole.sessions)
        XCTAssertEqual(home.streak, whole.streak)
        XCTAssertEqual(home.patient, whole.patient)
        XCTAssertEqual(home.plan, whole.plan)
        XCTAssertEqual(home.program, whole.program)
        // Home shows no change since her first week: its read takes none (issue 26), the screens' does.
        XCTAssertEqual(home.firstWeekPain, [])
        XCTAssertFalse(whole.firstWeekPain.isEmpty)
        XCTAssertEqual(home.quizResultCount, whole.quizResultCount)
    }
}
