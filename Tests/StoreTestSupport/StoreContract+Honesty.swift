import Foundation
import XCTest
import PortalCore

/// Issue 19's rules for every store: a video link is a secure web address.
extension StoreContract {
    func checkAVideoLinkIsASecureWebAddress() throws {
        let store = try seededStore()
        var v2 = try XCTUnwrap(try store.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-09T09:00")
        v2.mode = .virtual
        for bad in ["http://video.example.org/r", "javascript:alert(1)", "https://", "https://video.example.org/a room", "video.example.org/r"] {
            v2.location = bad
            try assertRefused(store, bad) { try store.saveVisit(v2) }
            XCTAssertThrowsError(try store.saveVisit(v2)) { XCTAssertEqual(($0 as? PortalError)?.field, .visitLocation, bad) }
        }
        v2.location = "HTTPS://video.example.org/room?id=2"
        XCTAssertEqual(try store.saveVisit(v2).location, "HTTPS://video.example.org/room?id=2")
        v2.location = ""
        XCTAssertNoThrow(try store.saveVisit(v2), "a video visit whose link is still to come")

        // A visit in person that becomes a video visit does not keep the clinic's address as its link.
        var v3 = try XCTUnwrap(try store.carePlan()?.visits[2])
        v3.status = .booked
        v3.start = at("2026-11-16T09:00")
        v3.mode = .inPerson
        v3.location = "1 Main St"
        try store.saveVisit(v3)
        v3.mode = .virtual
        try assertRefused(store, "an address as a link") { try store.saveVisit(v3) }

        // A whole new record is held to the same rule.
        let fresh = try makeStore()
        var plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "", therapist: "T")
        var first = plan.visits[0]
        first.mode = .virtual
        first.location = "http://video.example.org/eval"
        plan = try CarePlan(visits: [first] + plan.visits.dropFirst())
        XCTAssertThrowsError(try fresh.setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: [])) {
            XCTAssertTrue("\($0)".hasPrefix("A video visit's link starts with https://"), "\($0)")
        }
        XCTAssertTrue(try fresh.isEmpty())
    }
}

/// Daylight saving and the offset from UTC (issue 19, points 8 and 9): the store's zone decides, whoever calls.
extension StoreContract {
    static let newYork = LocalZone(TimeZone(identifier: "America/New_York")!)
    static let kiritimati = LocalZone(TimeZone(identifier: "Pacific/Kiritimati")!)

    /// A store in `zone` with the usual patient, plan and program.
    func seededStore(zone: LocalZone) throws -> any RecordStore {
        let store = try makeStore(zone: zone)
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        try careTeam(of: store).setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: ["a", "b"])
        return store
    }

    func checkATimeTheClockSkipsIsRefusedAndARepeatedOneIsTheFirst() throws {
        let store = try seededStore(zone: Self.newYork)
        let later = at("2027-03-20T12:00")
        let skipped = "02:30 on Sun 14 Mar 2027 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Choose a time before 02:00, or from 03:00."
        try assertRefused(store, "02:30 on the spring-forward night") {
            try store.addPainEntry(PainEntry(date: day("2027-03-14"), time: time("02:30"), score: 3), now: later)
        }
        XCTAssertThrowsError(try store.addPainEntry(PainEntry(date: day("2027-03-14"), time: time("02:00"), score: 3), now: later)) {
            XCTAssertEqual(($0 as? PortalError)?.field, .painTime)
            XCTAssertEqual("\($0)", "02:00 on Sun 14 Mar 2027 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Choose a time before 02:00, or from 03:00.")
        }
        try assertRefused(store, "signs at 02:30") {
            try store.add(SignReport(date: day("2027-03-14"), time: time("02:30"), signs: ["fever"]), rules: EntryRules(now: later, content: sharedContent))
        }
        XCTAssertThrowsError(try store.add(SignReport(date: day("2027-03-14"), time: time("02:59"), signs: ["fever"]),
                                                     rules: EntryRules(now: later, content: sharedContent))) {
            XCTAssertTrue("\($0)".hasPrefix("02:59 on Sun 14 Mar 2027 does not exist in America/New_York"), "\($0)")
        }
        XCTAssertEqual(try store.addPainEntry(PainEntry(date: day("2027-03-14"), time: time("01:59"), score: 3), now: later).utcOffset, -300)
        XCTAssertEqual(try store.addPainEntry(PainEntry(date: day("2027-03-14"), time: time("03:00"), score: 3), now: later).utcOffset, -240)
        // The hour repeated on 7 November 2027: 01:30 is the first of the two, still on daylight-saving time.
        XCTAssertEqual(try store.addPainEntry(PainEntry(date: day("2027-11-07"), time: time("01:30"), score: 3), now: at("2027-11-08T09:00")).utcOffset, -240)
        XCTAssertEqual(try store.addPainEntry(PainEntry(date: day("2027-11-07"), time: time("02:00"), score: 3), now: at("2027-11-08T09:00")).utcOffset, -300)

        // A visit: the time it is booked for, and a first visit in a new record.
        var v2 = try XCTUnwrap(try store.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2027-03-14T02:30")
        try assertRefused(store, "a visit at 02:30") { try store.saveVisit(v2) }
        XCTAssertThrowsError(try store.saveVisit(v2)) {
            XCTAssertEqual(($0 as? PortalError)?.field, .visitStart)
            XCTAssertEqual("\($0)", skipped)
        }
        v2.start = at("2027-03-14T03:30")
        XCTAssertNoThrow(try store.saveVisit(v2))
        let fresh = try makeStore(zone: Self.newYork)
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2027-03-14T02:15"), location: "", therapist: "T")
        XCTAssertThrowsError(try careTeam(of: fresh).setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: [])) {
            XCTAssertTrue("\($0)".hasPrefix("02:15 on Sun 14 Mar 2027 does not exist in America/New_York"), "\($0)")
        }
        XCTAssertTrue(try fresh.isEmpty())
    }

    func checkEachTimedEntryKeepsTheOffsetItWasMadeIn() throws {
        let store = try seededStore(zone: Self.kiritimati)
        let saved = try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:15"), score: 4, note: "a"), now: now)
        XCTAssertEqual(saved.utcOffset, 14 * 60, "Kiritimati is 14 hours ahead of UTC")
        XCTAssertEqual(try store.painEntries(), [saved], "read back with its offset")
        let signs = try store.add(SignReport(date: day("2026-11-20"), time: time("09:00"), signs: ["fever"]),
                                            rules: EntryRules(now: now, content: sharedContent))
        XCTAssertEqual(signs.utcOffset, 14 * 60)
        XCTAssertEqual(try store.signReports(), [signs])
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).painEntries.last?.utcOffset, 14 * 60)

        // A change that keeps the time keeps the offset (whatever offset the entry had); a new time takes
        // the offset of the new time in the store's zone.
        var edited = saved
        edited.utcOffset = nil
        edited.note = "a, corrected"
        XCTAssertEqual(try store.updatePainEntry(edited, now: now).utcOffset, 14 * 60)
        let ny = try seededStore(zone: Self.newYork)
        let summer = try ny.addPainEntry(PainEntry(date: day("2026-10-20"), time: time("08:15"), score: 4), now: now)
        XCTAssertEqual(summer.utcOffset, -240)
        var moved = summer
        moved.date = day("2026-11-20")
        XCTAssertEqual(try ny.updatePainEntry(moved, now: now).utcOffset, -300, "a new day, after the clocks went back")
        XCTAssertEqual(try ny.painEntries().map(\.utcOffset), [-300])
    }
}
