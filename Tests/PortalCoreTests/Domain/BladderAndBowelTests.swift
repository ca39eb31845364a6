import XCTest
@testable import PortalCore
import StoreTestSupport

/// The bladder diary and the bowel log: what is accepted (every refusal names the accepted values), the
/// day summary, the three-day diary and the weekly trends.
final class BladderDiaryTests: XCTestCase {
    private let now = at("2026-11-27T12:00")
    private let today = day("2026-11-27")

    private func refusal(_ e: BladderEvent) -> String {
        do {
            try e.validate(now: now)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    func testEachKindTakesItsOwnFieldsInRange() {
        XCTAssertEqual(refusal(.pee(today, time("08:10"), ml: 250, urgency: 2)), "accepted")
        XCTAssertEqual(refusal(.pee(today, time("08:10"), ml: 5)),
                       "A pee of 5 mL cannot be right; a measured pee is a whole number of mL from 10 to 1500 (leave it out when not measured).")
        XCTAssertEqual(refusal(.pee(today, time("08:10"), urgency: 5)),
                       "Urgency 5 is not on the scale; use 0 (no urge) to 4 (could barely hold on).")
        XCTAssertEqual(refusal(BladderEvent(date: today, time: time("08:10"), kind: .drink)),
                       "A drink is a whole number of mL from 10 to 2000.")
        XCTAssertEqual(refusal(.drink(today, time("08:10"), ml: 2500)), "A drink is a whole number of mL from 10 to 2000, not 2500.")
        XCTAssertEqual(refusal(BladderEvent(date: today, time: time("08:10"), kind: .leak, volumeML: 30)), "A leak entry takes no a volume.")
        XCTAssertEqual(refusal(BladderEvent(date: today, time: time("08:10"), kind: .pad, wokeAtNight: true)),
                       "A pad changed entry takes no details (a pad change has none).")
        XCTAssertEqual(refusal(.pad(day("2026-11-28"), time("08:10"))),
                       "The date 2026-11-28 is in the future; the diary takes today (2026-11-27) or earlier.")
        XCTAssertEqual(refusal(.pad(today, time("12:01"))), "12:01 is later than now (12:00); the diary takes times up to now.")
        XCTAssertEqual(refusal(.leak(today, time("08:10"), note: "oops\u{7}")), "The note contains control characters (BEL); use plain text.")
    }

    func testWhatSheTypesIsParsedOrRefusedNamingEveryAcceptedValue() throws {
        XCTAssertEqual(try LeakAmount.parse("Wet"), .wet)
        XCTAssertThrowsError(try LeakAmount.parse("lots")) {
            XCTAssertEqual("\($0)", "Unknown amount “lots”. Accepted amounts: drops, damp, wet, soaked.")
        }
        XCTAssertThrowsError(try LeakActivity.parse("sneeze")) {
            XCTAssertEqual("\($0)", "Unknown activity “sneeze”. Accepted activities: cough, lift, exercise, urge, none (cough covers sneezing and laughing; urge is on the way to the toilet).")
        }
        XCTAssertThrowsError(try DrinkKind.parse("juice")) {
            XCTAssertEqual("\($0)", "Unknown drink “juice”. Accepted kinds: water, coffee, tea, alcohol, fizzy, other.")
        }
        XCTAssertEqual(try BladderEvent.parseVolume("250ml", BladderEvent.drinkVolumes, what: "a drink"), 250)
        XCTAssertThrowsError(try BladderEvent.parseVolume("a cup", BladderEvent.drinkVolumes, what: "a drink")) {
            XCTAssertEqual("\($0)", "“a cup” is not a volume for a drink; use a whole number of mL from 10 to 2000.")
        }
        XCTAssertThrowsError(try BladderEvent.parseUrgency("7")) {
            XCTAssertEqual("\($0)", "“7” is not an urgency; use 0 (no urge), 1 (mild), 2 (moderate), 3 (strong) or 4 (could barely hold on).")
        }
    }

    func testALeakIsSortedByWhatSheWasDoing() {
        XCTAssertEqual(BladderEvent.leak(today, time("09:00"), activity: .cough).leakKind, .stress)
        XCTAssertEqual(BladderEvent.leak(today, time("09:00"), activity: .lift).leakKind, .stress)
        XCTAssertEqual(BladderEvent.leak(today, time("09:00"), activity: .exercise).leakKind, .stress)
        XCTAssertEqual(BladderEvent.leak(today, time("09:00"), activity: .urge).leakKind, .urge)
        XCTAssertEqual(BladderEvent.leak(today, time("09:00"), activity: .nothing).leakKind, .other)
        XCTAssertEqual(BladderEvent.leak(today, time("09:00")).leakKind, .other, "not said is other")
        XCTAssertNil(BladderEvent.pad(today, time("09:00")).leakKind)
    }

    func testADaySummaryCountsPeesByDayAndNightLeaksByKindPadsFluidsAndCaffeine() {
        let yesterday = day("2026-11-26")
        let events: [BladderEvent] = [
            .pee(today, time("03:10"), ml: 300, atNight: true),
            .pee(today, time("07:00"), ml: 400, urgency: 3),
            .pee(today, time("10:30")),
            .leak(today, time("09:00"), amount: .drops, activity: .cough),
            .leak(today, time("10:25"), amount: .wet, activity: .urge),
            .leak(today, time("11:00"), amount: .damp, activity: .lift),
            .drink(today, time("07:30"), ml: 250, kind: .coffee),
            .drink(today, time("08:30"), ml: 500, kind: .water),
            .drink(today, time("11:30"), ml: 330, kind: .fizzy),
            .pad(today, time("11:05")),
            .pee(yesterday, time("22:00")),
        ]
        let d = BladderDay(date: today, events: events)
        XCTAssertEqual(d.peesByDay, 2)
        XCTAssertEqual(d.peesAtNight, 1)
        XCTAssertEqual(d.leaks, [.stress: 2, .urge: 1])
        XCTAssertEqual(d.pads, 1)
        XCTAssertEqual(d.fluidsML, 1080)
        XCTAssertEqual(d.caffeineDrinks, 1, "coffee counts, a fizzy drink does not")
        XCTAssertEqual(d.lines, [
            "Pees: 2 by day, 1 at night · 700 mL measured in 2",
            "Leaks: 3 (2 with effort (cough, lift, exercise), 1 with an urge)",
            "Pads changed: 1",
            "Drinks: 3 · 1080 mL · 1 with caffeine (coffee or tea)",
        ])
        XCTAssertEqual(BladderDay(date: day("2026-11-25"), events: events).leaksText, "none")
    }

    // MARK: Three days before a visit

    private func plan(reEvaluationOn: String = "2026-11-30T09:00") -> [Visit] {
        [Visit(number: 1, kind: .evaluation, status: .completed, start: at("2026-11-02T09:00"), durationMinutes: 60, mode: .inPerson),
         Visit(number: 4, kind: .reEvaluation, status: .booked, start: at(reEvaluationOn), durationMinutes: 45, mode: .inPerson)]
    }

    private func diary(_ logged: [String], today: String, at time: String = "12:00", conditions: [Condition] = [.bladderLeaks]) -> ThreeDayDiary? {
        ThreeDayDiary.status(conditions: conditions, visits: plan(), loggedDays: Set(logged.map(day)),
                             now: LocalDateTime(date: day(today), time: TimeOfDay(time)!))
    }

    func testTheThreeDayDiaryCountsTheDaysKeptBeforeTheVisit() {
        XCTAssertEqual(diary([], today: "2026-11-25")?.headline, "Bladder diary: 3 days before visit 4; start today")
        XCTAssertEqual(diary(["2026-11-25"], today: "2026-11-25")?.headline, "Bladder diary: day 1 of 3")
        XCTAssertEqual(diary(["2026-11-25"], today: "2026-11-26")?.headline, "Bladder diary: day 2 of 3", "today is the next day")
        XCTAssertEqual(diary(["2026-11-25", "2026-11-26"], today: "2026-11-26")?.headline, "Bladder diary: day 2 of 3")
        XCTAssertEqual(diary(["2026-11-25", "2026-11-27"], today: "2026-11-27")?.dayNumber, 2, "days need not be in a row")
        XCTAssertEqual(diary(["2026-11-25", "2026-11-26", "2026-11-27"], today: "2026-11-28")?.headline, "Bladder diary: 3 days kept for visit 4")
        XCTAssertEqual(diary(["2026-11-20", "2026-11-25"], today: "2026-11-25")?.daysKept, 1, "a day before the week does not count")
    }

    func testTheThreeDayDiaryIsOnlyForBladderLeaksAndOnlyInTheWeekBeforeTheVisit() {
        XCTAssertNil(diary([], today: "2026-11-25", conditions: [.lowBack]))
        XCTAssertNil(diary([], today: "2026-11-22"), "8 days before")
        XCTAssertNil(diary([], today: "2026-12-01"), "after the visit")
        XCTAssertNil(diary([], today: "2026-11-30", at: "08:00"), "a diary is never started on the visit day itself")
        XCTAssertEqual(diary(["2026-11-28"], today: "2026-11-30", at: "08:00")?.visit.number, 4, "the visit day, a day kept")
    }

    /// QA E1: fewer days left than the diary has: it says how many and to bring what she has; on the visit's day
    /// it is no longer asked for, and once the visit's time has started (booked, not yet marked done) it is over.
    func testTheThreeDayDiarySaysTheDaysLeftAndEndsWhenTheVisitStarts() {
        // The re-evaluation is Mon 30 Nov 09:00.
        let twoLeft = diary([], today: "2026-11-28")
        XCTAssertEqual(twoLeft?.headline, "Bladder diary: 2 days left before visit 4: start today; bring what you have")
        XCTAssertEqual(twoLeft?.isDueToday, true)
        XCTAssertEqual(twoLeft?.dueText.text, "bladder diary day 1 (2 days left before visit 4)")
        XCTAssertEqual(diary([], today: "2026-11-29")?.headline, "Bladder diary: 1 day left before visit 4: start today; bring what you have")
        XCTAssertEqual(diary(["2026-11-28"], today: "2026-11-29")?.headline, "Bladder diary: day 2, 1 day left before visit 4; bring what you have")
        XCTAssertEqual(diary(["2026-11-27", "2026-11-28"], today: "2026-11-29")?.headline, "Bladder diary: day 3 of 3", "three can still be made")
        XCTAssertEqual(diary([], today: "2026-11-27")?.headline, "Bladder diary: 3 days before visit 4; start today")
        // The visit's day, before its time: what she kept is counted, nothing more is asked.
        let visitDay = diary(["2026-11-28", "2026-11-29"], today: "2026-11-30", at: "08:00")
        XCTAssertEqual(visitDay?.headline, "Bladder diary: 2 days kept for visit 4; bring what you have")
        XCTAssertEqual(visitDay?.isDueToday, false)
        // From its start (09:00) the visit has had its diary, done or not yet marked.
        XCTAssertNil(diary(["2026-11-28", "2026-11-29"], today: "2026-11-30", at: "09:00"))
        XCTAssertNil(diary(["2026-11-28", "2026-11-29", "2026-11-30"], today: "2026-11-30", at: "21:05"))
    }

    func testWeeksCountLeaksPerDayKept() {
        var events: [BladderEvent] = []
        // This week: 3 days kept, 6 leaks. The week before: 2 days kept, 8 leaks. Two weeks ago: nothing.
        for d in ["2026-11-25", "2026-11-26", "2026-11-27"] {
            events.append(.leak(day(d), time("09:00"), activity: .cough))
            events.append(.leak(day(d), time("10:00"), activity: .urge))
        }
        for d in ["2026-11-18", "2026-11-19"] {
            for h in 8..<12 { events.append(.leak(day(d), TimeOfDay(hour: h, minute: 0)!)) }
        }
        events.append(.pee(day("2026-11-21"), time("03:00"), atNight: true))
        let weeks = BladderWeek.weeks(events, endingOn: today, count: 3)
        XCTAssertEqual(weeks.map(\.start), [day("2026-11-07"), day("2026-11-14"), day("2026-11-21")])
        XCTAssertEqual(weeks.map(\.daysKept), [0, 2, 4])
        XCTAssertNil(weeks[0].leaksPerDay, "a week without entries says nothing")
        XCTAssertEqual(weeks[1].leaksPerDay, 4)
        XCTAssertEqual(weeks[2].leaksPerDay, 1.5, "6 leaks over 4 days kept (a day with only a pee is kept)")
        XCTAssertEqual(weeks[2].peesAtNight, 1)
    }
}

final class BowelLogTests: XCTestCase {
    private let today = day("2026-11-27")

    func testBristolTypesAreOneToSevenInTheirGroups() throws {
        XCTAssertEqual(try BristolType.parse("4"), .four)
        XCTAssertEqual(BristolType.allCases.map(\.group), [.hard, .hard, .usual, .usual, .loose, .loose, .loose])
        XCTAssertThrowsError(try BristolType.parse("8")) {
            let text = "\($0)"
            XCTAssertTrue(text.hasPrefix("“8” is not a stool type. Use a type of the Bristol scale from 1 to 7: 1 separate hard lumps"), text)
            for t in 1...7 { XCTAssertTrue(text.contains("\(t) "), "names type \(t)") }
        }
        XCTAssertThrowsError(try BristolType.parse("04"))
        XCTAssertThrowsError(try BowelLeak.parse("air")) {
            XCTAssertEqual("\($0)", "Unknown leak “air”. Accepted leaks: gas, liquid, solid.")
        }
        XCTAssertEqual(try BowelLeak.parse("Wind"), .gas, "the British word is understood")
    }

    func testAnEntryIsCheckedAndSummarised() {
        let e = BowelEntry(date: today, time: time("07:40"), type: .two, straining: true, leaks: [.solid, .gas], pain: 3)
        XCTAssertEqual(e.leaks, [.gas, .solid], "kept in the scale's order")
        XCTAssertEqual(e.summary, "07:40 Type 2 · strained · leaked gas and solid stool · pain 3")
        var all = e
        all.leaks = [.gas, .liquid, .solid]
        XCTAssertEqual(all.summary, "07:40 Type 2 · strained · leaked gas, liquid stool and solid stool · pain 3", "a list, not “and … and”")
        XCTAssertNoThrow(try e.validate(now: at("2026-11-27T08:00")))
        var bad = e
        bad.pain = 11
        XCTAssertThrowsError(try bad.validate(now: at("2026-11-27T08:00"))) {
            XCTAssertEqual("\($0)", "Pain 11 is not on the scale; use a whole number from 0 (no pain) to 10 (worst possible).")
        }
        XCTAssertThrowsError(try e.validate(now: at("2026-11-27T07:00")))
    }

    func testWeeksCountMovementsByGroup() {
        let entries = [
            BowelEntry(date: today, time: time("07:00"), type: .one, straining: true),
            BowelEntry(date: day("2026-11-25"), time: time("07:00"), type: .four),
            BowelEntry(date: day("2026-11-24"), time: time("07:00"), type: .six, urgency: true, leaks: [.liquid]),
            BowelEntry(date: day("2026-11-18"), time: time("07:00"), type: .three),
        ]
        let weeks = BowelWeek.weeks(entries, endingOn: today, count: 2)
        XCTAssertEqual(weeks[1].movements, 3)
        XCTAssertEqual(weeks[1].text, "3 movements: 1 hard (types 1–2), 1 in the usual range (types 3–4), 1 loose (types 5–7); strained 1, rushed 1, leaks 1")
        XCTAssertEqual(weeks[0].text, "1 movement: 1 in the usual range (types 3–4); strained 0, rushed 0, leaks 0")
        XCTAssertEqual(BowelWeek.weeks([], endingOn: today, count: 1)[0].text, "nothing logged")
    }
}
