import Foundation
import PortalCore
import XCTest

/// The bladder diary, the bowel log and the questionnaires (issue 22), kept through the record map in both
/// stores: saved and read back as written, by date range and in the snapshot; changed and removed by id; every
/// refused entry leaves the record as it was.
extension StoreContract {
    var rules: EntryRules { EntryRules(now: now, content: sharedContent) }

    func checkTheBladderDiaryIsKeptChangedAndRemoved() throws {
        let store = try seededStore()
        let pee = try store.add(BladderEvent.pee(day("2026-11-26"), time("07:05"), ml: 320, urgency: 3, atNight: true), rules: rules)
        let leak = try store.add(BladderEvent.leak(day("2026-11-26"), time("10:40"), amount: .wet, activity: .cough, note: "Zoë's sneeze"), rules: rules)
        let drink = try store.add(BladderEvent.drink(day("2026-11-27"), time("08:00"), ml: 250, kind: .coffee), rules: rules)
        let pad = try store.add(BladderEvent.pad(day("2026-11-27"), time("09:00")), rules: rules)
        XCTAssertNotNil(pee.id)
        XCTAssertEqual(Set([pee.id, leak.id, drink.id, pad.id]).count, 4, "each entry has its own id")
        XCTAssertEqual(try store.entries(BladderEvent.self, from: nil, to: nil), [pee, leak, drink, pad], "read back exactly, oldest first")
        XCTAssertEqual(try store.entries(BladderEvent.self, from: day("2026-11-27"), to: nil), [drink, pad])
        let snapshot = try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00")))
        XCTAssertEqual(snapshot.record.bladderEvents, [pee, leak, drink, pad])
        XCTAssertEqual(BladderDay(date: day("2026-11-26"), events: snapshot.record.bladderEvents).leaks, [.stress: 1])

        var changed = leak
        changed.amount = .drops
        changed.activity = .urge
        XCTAssertEqual(try store.replace(changed, rules: rules), changed)
        XCTAssertEqual(try store.entries(BladderEvent.self, from: day("2026-11-26"), to: day("2026-11-26")), [pee, changed])
        try store.remove(BladderEvent.self, id: pad.id!)
        XCTAssertEqual(try store.entries(BladderEvent.self, from: nil, to: nil), [pee, changed, drink])

        try assertRefused(store, "a drink of 5 L") { try store.add(BladderEvent.drink(day("2026-11-27"), time("08:30"), ml: 5000), rules: rules) }
        try assertRefused(store, "urgency 7") { try store.add(BladderEvent.pee(day("2026-11-27"), time("08:30"), urgency: 7), rules: rules) }
        try assertRefused(store, "a leak tomorrow") { try store.add(BladderEvent.leak(day("2026-11-28"), time("08:30")), rules: rules) }
        try assertRefused(store, "a pee with a leak's amount") {
            try store.add(BladderEvent(date: day("2026-11-27"), time: time("08:30"), kind: .pee, amount: .wet), rules: rules)
        }
        try assertRefused(store, "a change to an entry that is gone") {
            var gone = pad
            gone.time = time("09:30")
            try store.replace(gone, rules: rules)
        }
        try assertRefused(store, "a change that breaks a rule") {
            var bad = drink
            bad.volumeML = 3
            try store.replace(bad, rules: rules)
        }
        try assertRefused(store, "removing an entry that is gone") { try store.remove(BladderEvent.self, id: pad.id!) }
    }

    func checkTheBowelLogIsKeptAndRemoved() throws {
        let store = try seededStore()
        let a = try store.add(BowelEntry(date: day("2026-11-25"), time: time("07:40"), type: .two, straining: true, pain: 4), rules: rules)
        let b = try store.add(BowelEntry(date: day("2026-11-26"), time: time("08:10"), type: .six, urgency: true, leaks: [.liquid, .gas],
                                         note: "after coffee"), rules: rules)
        XCTAssertEqual(b.leaks, [.gas, .liquid], "kept in the scale's order")
        XCTAssertEqual(try store.entries(BowelEntry.self, from: nil, to: nil), [a, b])
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).record.bowelEntries, [a, b])
        try store.remove(BowelEntry.self, id: a.id!)
        XCTAssertEqual(try store.entries(BowelEntry.self, from: nil, to: nil), [b])
        try assertRefused(store, "pain 11") { try store.add(BowelEntry(date: day("2026-11-27"), time: time("08:00"), type: .four, pain: 11), rules: rules) }
        try assertRefused(store, "a note with an escape") {
            try store.add(BowelEntry(date: day("2026-11-27"), time: time("08:00"), type: .four, note: "a\u{1B}[2J"), rules: rules)
        }
    }

    func checkQuestionnairesAreKeptWithTheirActivities() throws {
        let store = try seededStore()
        let rmdq = try XCTUnwrap(sharedContent.measure("rmdq"))
        var answers = Dictionary(uniqueKeysWithValues: rmdq.items.map { ($0.id, 0) })
        answers[rmdq.items[0].id] = 1
        let back = try store.add(MeasureResponse(measureID: "rmdq", date: day("2026-11-02"), answers: answers), rules: rules)
        let psfs = try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-20"), activities: [
            RatedActivity("Lifting my toddler", 3), RatedActivity("Walking 20 minutes", 6), RatedActivity("Sitting at work", 5),
        ]), rules: rules)
        XCTAssertEqual(try store.entries(MeasureResponse.self, from: nil, to: nil), [back, psfs])
        XCTAssertEqual(try store.entries(MeasureResponse.self, from: day("2026-11-10"), to: nil).first?.activities.map(\.text),
                       ["Lifting my toddler", "Walking 20 minutes", "Sitting at work"], "the activities in the order she named them")
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).record.measureResponses, [back, psfs])

        try assertRefused(store, "an unknown questionnaire") {
            try store.add(MeasureResponse(measureID: "odi", date: day("2026-11-20"), answers: ["a": 1]), rules: rules)
        }
        try assertRefused(store, "two activities") {
            try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-20"), activities: [RatedActivity("A", 1), RatedActivity("B", 2)]), rules: rules)
        }
        try assertRefused(store, "an answer off the scale") {
            var wrong = answers
            wrong[rmdq.items[1].id] = 5
            try store.add(MeasureResponse(measureID: "rmdq", date: day("2026-11-20"), answers: wrong), rules: rules)
        }
        try assertRefused(store, "a questionnaire is not changed afterwards") { try store.replace(psfs, rules: rules) }
        try store.remove(MeasureResponse.self, id: psfs.id!)
        XCTAssertEqual(try store.entries(MeasureResponse.self, from: nil, to: nil), [back], "removed with its activities")
    }
}
