import XCTest
@testable import PortalCore
import StoreTestSupport

/// `portal today --brief` across the day's states: what is due, in what words, and never wider than 80.
final class BriefLineTests: XCTestCase {
    func brief(_ d: ReminderDay, width: Int = 80) -> String? {
        BriefLine.line(DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety), width: width)
    }

    func testMorningWithEverythingStillToDo() {
        var d = ReminderDay()
        d.now = at("2026-11-27T09:45")
        XCTAssertEqual(brief(d), "Log today's pain · 4 of 4 exercises left · visit 4 tomorrow 09:30")
    }

    func testEachDoneThingLeavesTheLine() {
        var d = ReminderDay()
        d.painToday = ["08:10"]
        XCTAssertEqual(brief(d), "4 of 4 exercises left · visit 4 tomorrow 09:30", "pain logged: no longer due")
        d.doneToday = 2
        XCTAssertEqual(brief(d), "2 of 4 exercises left · visit 4 tomorrow 09:30")
        d.doneToday = 4
        XCTAssertEqual(brief(d), "visit 4 tomorrow 09:30")
        d.visit4 = at("2026-11-28T20:06")
        XCTAssertNil(brief(d), "a visit more than a day away is not due today; nothing due is no line at all")
        d.visit4 = at("2026-11-28T20:05")
        XCTAssertEqual(brief(d), "visit 4 tomorrow 20:05", "exactly a day away is within a day")
    }

    func testAVisitLaterTodayAndWithinTheHour() {
        var d = ReminderDay()
        d.painToday = ["08:10"]
        d.doneToday = 4
        d.visit4 = at("2026-11-27T21:30")
        XCTAssertEqual(brief(d), "visit 4 today 21:30")
        d.visit4 = at("2026-11-27T20:45")
        XCTAssertEqual(brief(d), "visit 4 in 40 min")
        d.visit4 = at("2026-11-27T20:05")
        XCTAssertEqual(brief(d), "visit 4 now, until 20:50")
        // qa-e E18: a visit under way stays on the line until its end (45 minutes); from then Home asks how it went.
        d.visit4 = at("2026-11-27T20:00")
        XCTAssertEqual(brief(d), "visit 4 now, until 20:45", "a visit that has started is still now")
        d.visit4 = at("2026-11-27T19:20")
        XCTAssertNil(brief(d), "a visit that has ended is no longer due (Home asks how it went)")
    }

    func testNoPatientNoLine() {
        var d = ReminderDay()
        d.patient = false
        XCTAssertNil(brief(d))
    }

    func testNarrowerLinesShortenTheWordingsTogetherThenCountTheRest() {
        var d = ReminderDay()
        d.doneToday = 1
        let items = DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety)
        XCTAssertEqual(BriefLine.line(items, width: 80), "Log today's pain · 3 of 4 exercises left · visit 4 tomorrow 09:30")
        XCTAssertEqual(BriefLine.line(items, width: 50), "log pain · 3/4 exercises · visit tmrw 09:30")
        XCTAssertEqual(BriefLine.line(items, width: 35), "log pain · 3 ex. · visit tmrw 09:30")
        XCTAssertEqual(BriefLine.line(items, width: 34), "log pain · 3 ex. · +1 more")
        XCTAssertEqual(BriefLine.line(items, width: 25), "log pain · +2 more")
        XCTAssertEqual(BriefLine.line(items, width: 12), "log pain +2")
        XCTAssertEqual(BriefLine.line(items, width: 5), "3 due")
        XCTAssertEqual(BriefLine.line(items, width: 4), "log ")
        for width in 1...90 {
            XCTAssertLessThanOrEqual(BriefLine.line(items, width: width)!.count, width)
        }
    }

    /// QA on issue 24: below 80 columns the visit's shorter wording dropped "tomorrow", and "visit 09:30" read
    /// as today's; at 12 columns items were dropped with no "+2 more".
    func testAShortenedLineStillSaysTomorrowAndNeverDropsAnItemWithoutAWord() {
        var d = ReminderDay()
        d.doneToday = 1
        let items = DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety)
        for width in 20..<80 {
            let line = BriefLine.line(items, width: width)!
            XCTAssertTrue(line.contains("tomorrow") || line.contains("tmrw") || line.contains("more"), "\(width): \(line)")
        }
        for width in 5...40 {
            let line = BriefLine.line(items, width: width)!
            let shown = ["pain", "ex", "visit"].filter(line.contains).count
            XCTAssertTrue(shown == 3 || line.contains("+") || line.contains("due"), "\(width) columns name all three or count the rest: \(line)")
        }
    }

    func testTheLineIsMeasuredByTheColumnsItTakes() {
        // A later part's wording in wide characters (2 columns each) is measured as the terminal shows it.
        let wide = DueItem(kind: .answer, text: "答え" + String(repeating: "あ", count: 30), shorter: ["答え"], subject: "a/1")
        let twoColumns: (String) -> Int = { $0.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) } }
        XCTAssertEqual(BriefLine.line([DueItem(kind: .pain, text: "Log today's pain", subject: "p"), wide], width: 40, columns: twoColumns),
                       "Log today's pain · 答え")
    }

    func testItemsAreListedInTheBriefsOrderWhateverTheirSource() {
        XCTAssertEqual(DueToday.items(ReminderDay().snapshot, measures: [], safety: sharedContent.safety).map(\.kind), [.pain, .exercises, .visit])
        XCTAssertEqual(DueKind.allCases, [.safety, .pain, .exercises, .visit, .diary, .measure, .answer],
                       "what to do about a warning sign first; then the issue's order: pain, exercises, visit, then a diary day or measure due, then an unread answer")
    }

    /// QA E14: after "Stop exercising and call 911" the line at every prompt still said "4 of 4 exercises left".
    func testASignThatStopsExerciseLeadsTheLineAndTakesTheExercisesOff() {
        var d = ReminderDay()
        d.now = at("2026-11-27T09:45")
        d.signsToday = ["dizziness-fainting"]
        let items = DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety)
        XCTAssertEqual(items.map(\.kind), [.safety, .pain, .visit], "no nudge to exercise")
        XCTAssertEqual(items[0].text, "Emergency: Stop exercising and call 911 now.")
        XCTAssertEqual(brief(d), "Emergency: call 911 · log pain · visit tmrw 09:30", "shortened together to fit 80 columns")
    }

    /// QA G3: "Emergency: Call 911 now. · Log today's pain · 3 of 3 exercises left" after thoughts of harm alone.
    func testAnEmergencySignTakesTheExercisesOffThoughItIsNotOnTheStopList() {
        var d = ReminderDay()
        d.now = at("2026-11-27T09:45")
        d.signsToday = ["thoughts-of-harm"]
        let items = DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety)
        XCTAssertEqual(items.map(\.kind), [.safety, .pain, .visit], "no nudge to exercise")
        XCTAssertEqual(items[0].text, "Emergency: Call 911 now.")
    }

    func testASignThatDoesNotStopExerciseLeadsTheLineAndLeavesTheExercises() {
        var d = ReminderDay()
        d.now = at("2026-11-27T09:45")
        d.signsToday = ["fever"]
        let items = DueToday.items(d.snapshot, measures: [], safety: sharedContent.safety)
        XCTAssertEqual(items.map(\.kind), [.safety, .pain, .exercises, .visit])
        XCTAssertEqual(items[0].text, "Important: Call your provider now.")
    }
}
