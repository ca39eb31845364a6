import XCTest
import PortalCore

/// Contract checks for the exercise log as patients keep it and for a history longer than the snapshot's window.
extension StoreContract {
    func checkASessionKeepsItsSetsAndPainWithinAWeek() throws {
        let store = try seededStore()
        // Week 2 (from 9 Nov): clamshell 3 sets. Two sets of three, pain 4, marked the next day.
        let partial = try store.markDone(exerciseID: "clamshell", on: day("2026-11-09"), today: today, sets: 2, pain: 4)
        XCTAssertEqual(partial.setsDone, 2)
        XCTAssertEqual(partial.pain, 4)
        XCTAssertEqual(try store.sessions(), [partial], "read back with its sets and pain")
        try assertRefused(store, "more sets than prescribed") {
            try store.markDone(exerciseID: "clamshell", on: today, today: today, sets: 4, pain: nil)
        }
        try assertRefused(store, "no sets") { try store.markDone(exerciseID: "clamshell", on: today, today: today, sets: 0, pain: nil) }
        try assertRefused(store, "pain 11") { try store.markDone(exerciseID: "clamshell", on: today, today: today, sets: nil, pain: 11) }
        try assertRefused(store, "pain -1") { try store.markDone(exerciseID: "clamshell", on: today, today: today, sets: nil, pain: -1) }
        // 8 days back is too far; 7 is the limit (3 Nov for today 10 Nov).
        try assertRefused(store, "8 days back") { try store.markDone(exerciseID: "clamshell", on: day("2026-11-02"), today: today) }
        let weekAgo = try store.markDone(exerciseID: "clamshell", on: day("2026-11-03"), today: today)
        XCTAssertEqual(weekAgo.setsDone, 2, "week 1's sets when no count is given")
        XCTAssertNil(weekAgo.pain)
    }

    func checkTheSnapshotKeepsTheFirstWeekOfLogging() throws {
        let store = try seededStore()
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        // Logging began 1 July, long before the snapshot's window; 9 July is outside the first 7 days.
        let first = try store.addPainEntry(PainEntry(date: day("2026-07-01"), time: time("08:00"), score: 7), now: now)
        let seventh = try store.addPainEntry(PainEntry(date: day("2026-07-07"), time: time("20:00"), score: 6), now: now)
        try store.addPainEntry(PainEntry(date: day("2026-07-08"), time: time("08:00"), score: 1), now: now)
        let snap = try store.snapshot(clock: clock)
        XCTAssertEqual(snap.firstWeekPain, [first, seventh], "the first 7 days of logging, and nothing more")
        XCTAssertEqual(snap.painEntries, [], "the window itself still holds only the last \(PortalSnapshot.historyDays) days")
    }
}

extension StoreContract {
    func checkASecondSetUpSaysAnotherWasFirst() throws {
        let store = try seededStore()
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "2 Side St", therapist: "U")
        XCTAssertThrowsError(try store.setUp(patient: pregnantPatient(), plan: plan, weeks: [], readingList: [])) {
            XCTAssertEqual("\($0)", StoreRules.alreadySetUp)
        }
        XCTAssertTrue(StoreRules.alreadySetUp.contains("was not saved"), "it says what happened to hers")
    }
}
