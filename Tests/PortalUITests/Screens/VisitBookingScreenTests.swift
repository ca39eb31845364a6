import XCTest
import PortalCore
@testable import PortalUI

final class VisitBookingScreenTests: XCTestCase {
    /// The demo on Fri 27 Nov 2026 at noon: visit 3 booked for Thu 3 Dec 10:15 (45 min, virtual), 4 to schedule.
    private let ctx = Fixtures.context()

    private func type(_ text: String, into screen: inout VisitBookingScreen, _ ctx: ScreenContext? = nil) {
        for c in text { XCTAssertEqual(screen.handle(.character(c), ctx ?? self.ctx), .stay) }
    }

    /// The form for visit 4 with `date` and `time` typed in.
    private func form(_ date: String, _ time: String, number: Int = 4) -> VisitBookingScreen {
        var screen = VisitBookingScreen(number: number, ctx)
        screen.date.set(date)
        screen.time.set(time)
        return screen
    }

    private func demoVisit(_ number: Int) -> Visit { Fixtures.demo.plan!.visits[number - 1] }

    // MARK: View

    func testBookVisit4At80x24() {
        let app = Fixtures.app(keys: [.character("v"), .down, .enter, .character("b")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Book visit 4                                  Jordan Lee · Fri 27 Nov",
            "",
            " Book visit 4 of 6 · Re-evaluation",
            " Not scheduled yet · 45 min",
            "",
            " › Date                      YYYY-MM-DD",
            "   Time                 HH:MM, 24-hour",
            "   How         [✓] In person   [ ] Virtual",
            "   Address     Harbor Pelvic Health, 210 Harbor Street, Suite 4",
            "",
            " Enter or Ctrl-S saves · Esc goes back without saving",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Enter save  Tab next field  Shift-Tab back a field  Esc back  F1 help",
        ])
    }

    func testMoveBookedVisit3At60x18IsFilledIn() {
        var app = Fixtures.app(keys: [.character("v"), .enter, .character("b")])
        _ = app.update(.resized(Size(width: 60, height: 18)))
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Move visit 3              Jordan Lee · Fri 27 Nov",
            "",
            " Move visit 3 of 6 · Follow-up",
            " Booked now: Thu 3 Dec 2026 at 10:15 · 45 min",
            "",
            " › Date        2026-12-03    YYYY-MM-DD",
            "   Time        10:15    HH:MM, 24-hour",
            "   How         [ ] In person   [✓] Virtual",
            "   Video link  https://video.example.org/harbor/jordan-lee",
            "",
            " Enter or Ctrl-S saves · Esc goes back without saving",
            "",
            "",
            "",
            "",
            "",
            "",
            "Enter save  Tab next field  Esc back  F1 help",
        ])
    }

    func testProblemFitsAt60x18() {
        var app = Fixtures.app(keys: [.character("v"), .down, .enter, .character("b")])
        _ = app.update(.resized(Size(width: 60, height: 18)))
        for c in "2026-12-03" { _ = app.update(.key(.character(c))) }
        _ = app.update(.key(.tab))
        for c in "10:30" { _ = app.update(.key(.character(c))) }
        XCTAssertEqual(app.update(.key(.enter)), [])
        let buffer = app.view(size: Size(width: 60, height: 18))
        XCTAssertEqual(buffer[1, 12].style, .danger, "the problem is red and bold")
        assertLines(buffer, [
            " Portal → Book visit 4              Jordan Lee · Fri 27 Nov",
            "",
            " Book visit 4 of 6 · Re-evaluation",
            " Not scheduled yet · 45 min",
            "",
            "   Date        2026-12-03    YYYY-MM-DD",
            " › Time        10:30    HH:MM, 24-hour",
            "   How         [✓] In person   [ ] Virtual",
            "   Address     Harbor Pelvic Health, 210 Harbor Street, Sui",
            "",
            " Enter or Ctrl-S saves · Esc goes back without saving",
            "",
            " Problem: Visit 4 on Thu 3 Dec 2026 at 10:30 would overlap",
            " visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00;",
            " choose another time.",
            "",
            "",
            "Enter save  Tab next field  Esc back  F1 help",
        ])
    }

    func testStaysInsideItsArea() {
        Fixtures.assertStaysInside(VisitBookingScreen(number: 4, ctx), ctx)
        var withProblem = form("2026-12-03", "10:30")
        _ = withProblem.handle(.enter, ctx)
        Fixtures.assertStaysInside(withProblem, ctx)
    }

    // MARK: Keys

    func testStartsEmptyForAVisitToScheduleWithItsModeAndPlace() {
        let screen = VisitBookingScreen(number: 4, ctx)
        XCTAssertEqual(screen.date.value, "")
        XCTAssertEqual(screen.time.value, "")
        XCTAssertEqual(screen.mode, .inPerson)
        XCTAssertEqual(screen.place.value, "Harbor Pelvic Health, 210 Harbor Street, Suite 4")
        XCTAssertEqual(screen.focus, .date)
        XCTAssertTrue(screen.capturesText)
        XCTAssertFalse(screen.hasUnsavedChanges)
        XCTAssertEqual(screen.title, "Book visit 4")
    }

    func testABookedVisitStartsWithItsBooking() {
        let screen = VisitBookingScreen(number: 3, ctx)
        XCTAssertEqual(screen.date.value, "2026-12-03")
        XCTAssertEqual(screen.time.value, "10:15")
        XCTAssertEqual(screen.mode, .virtual)
        XCTAssertEqual(screen.place.value, "https://video.example.org/harbor/jordan-lee")
    }

    func testTypingTabAndShiftTab() {
        var screen = VisitBookingScreen(number: 4, ctx)
        type("2026-12-1O", into: &screen)
        XCTAssertEqual(screen.handle(.backspace, ctx), .stay)
        type("0", into: &screen)
        XCTAssertEqual(screen.date.value, "2026-12-10")
        XCTAssertTrue(screen.hasUnsavedChanges)
        XCTAssertEqual(screen.handle(.tab, ctx), .stay)
        XCTAssertEqual(screen.focus, .time)
        type("q?", into: &screen)
        XCTAssertEqual(screen.time.value, "q?", "letters are text in a field, not commands")
        XCTAssertEqual(screen.handle(.ctrl("u"), ctx), .stay)
        type("09:30", into: &screen)
        XCTAssertEqual(screen.time.value, "09:30")
        XCTAssertEqual(screen.handle(.tab, ctx), .stay)
        XCTAssertEqual(screen.focus, .mode)
        XCTAssertFalse(screen.capturesText)
        XCTAssertEqual(screen.handle(.tab, ctx), .stay)
        XCTAssertEqual(screen.focus, .place)
        XCTAssertTrue(screen.capturesText)
        XCTAssertEqual(screen.handle(.tab, ctx), .stay)
        XCTAssertEqual(screen.focus, .date, "Tab goes round")
        XCTAssertEqual(screen.handle(.backTab, ctx), .stay)
        XCTAssertEqual(screen.focus, .place)
        XCTAssertEqual(screen.handle(.backTab, ctx), .stay)
        XCTAssertEqual(screen.focus, .mode)
        XCTAssertEqual(screen.handle(.up, ctx), .stay)
        XCTAssertEqual(screen.focus, .time)
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.focus, .mode)
    }

    func testModeTogglesWithArrowsAndSpace() {
        var screen = VisitBookingScreen(number: 4, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.tab, ctx)
        XCTAssertEqual(screen.hints(ctx).first, KeyHint("←→", "choose"))
        XCTAssertEqual(screen.handle(.left, ctx), .stay)
        XCTAssertFalse(screen.hasUnsavedChanges, "choosing what is already chosen changes nothing")
        XCTAssertEqual(screen.handle(.right, ctx), .stay)
        XCTAssertEqual(screen.mode, .virtual)
        XCTAssertTrue(screen.hasUnsavedChanges)
        XCTAssertEqual(screen.handle(.character(" "), ctx), .stay)
        XCTAssertEqual(screen.mode, .inPerson)
        XCTAssertEqual(screen.handle(.character("l"), ctx), .stay)
        XCTAssertEqual(screen.mode, .virtual)
        XCTAssertEqual(screen.handle(.character("h"), ctx), .stay)
        XCTAssertEqual(screen.mode, .inPerson)
        XCTAssertEqual(screen.handle(.character("q"), ctx), .unhandled, "outside a text field q is the app's")
        XCTAssertEqual(screen.handle(.escape, ctx), .unhandled)
    }

    func testSwitchingModeSwapsTheAddressAndTheLink() {
        var screen = VisitBookingScreen(number: 4, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.right, ctx)
        XCTAssertEqual(screen.mode, .virtual)
        XCTAssertEqual(screen.place.value, "", "the clinic's address is not a video link")
        _ = screen.handle(.tab, ctx)
        for c in "https://video.example.org/r" { _ = screen.handle(.character(c), ctx) }
        _ = screen.handle(.backTab, ctx)
        _ = screen.handle(.left, ctx)
        XCTAssertEqual(screen.place.value, "Harbor Pelvic Health, 210 Harbor Street, Suite 4", "back to the address")
        _ = screen.handle(.right, ctx)
        XCTAssertEqual(screen.place.value, "https://video.example.org/r", "and the link typed before")
    }

    func testEscapeInAFieldIsLeftToTheApp() {
        var screen = VisitBookingScreen(number: 4, ctx)
        XCTAssertEqual(screen.handle(.escape, ctx), .unhandled)
    }

    // MARK: Saving

    private func assertProblem(_ screen: VisitBookingScreen, key: Key = .enter, _ message: String, focus: VisitBookingScreen.Field,
                               file: StaticString = #filePath, line: UInt = #line) {
        var screen = screen
        XCTAssertEqual(screen.handle(key, ctx), .stay, "no effect", file: file, line: line)
        XCTAssertEqual(screen.problem, message, file: file, line: line)
        XCTAssertEqual(screen.focus, focus, file: file, line: line)
        let lines = Fixtures.draw(screen, ctx, width: 78, height: 21).lines
        XCTAssertTrue(lines.contains { $0.hasPrefix("Problem: ") }, file: file, line: line)
    }

    func testMalformedDateOrTimeNamesTheFormat() {
        assertProblem(form("", ""), "Enter the date as YYYY-MM-DD, for example 2026-12-04.", focus: .date)
        assertProblem(form("2026-13-01", "09:30"), "“2026-13-01” is not a date. Use YYYY-MM-DD, for example 2026-12-04.", focus: .date)
        assertProblem(form("10/12/2026", "09:30"), "“10/12/2026” is not a date. Use YYYY-MM-DD, for example 2026-12-04.", focus: .date)
        var timeFocus = form("2026-12-10", "")
        _ = timeFocus.handle(.tab, ctx)
        _ = timeFocus.handle(.tab, ctx)
        assertProblem(timeFocus, "Enter the time as 24-hour HH:MM, for example 09:30.", focus: .time)
        assertProblem(form("2026-12-10", "25:00"), key: .ctrl("s"), "“25:00” is not a time. Use 24-hour HH:MM, for example 09:30.", focus: .time)
    }

    /// The focus goes where the fix is: the time when another time that day would do, else the date.
    func testThePlansRulesSayWhatIsWrong() {
        assertProblem(form("2026-11-27", "09:00", number: 3),
                      "2026-11-27 at 09:00 is in the past; a visit is booked for a time from now on.", focus: .time)
        assertProblem(form("2026-11-27", "09:00"),
                      "2026-11-27 at 09:00 is in the past; a visit is booked for a time from now on.", focus: .date)  // visit 4 comes after visit 3 (3 Dec): no time today would do
        assertProblem(form("2026-11-26", "09:00", number: 3),
                      "2026-11-26 at 09:00 is in the past; a visit is booked for a time from now on.", focus: .date)
        assertProblem(form("2028-01-10", "09:00"), "2028-01-10 is more than a year away; please check the date.", focus: .date)
        assertProblem(form("2026-12-03", "10:30"),
                      "Visit 4 on Thu 3 Dec 2026 at 10:30 would overlap visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.",
                      focus: .time)
        assertProblem(form("2026-12-03", "09:00"),
                      "Visit 4 must come after visit 3, booked for Thu 3 Dec 2026 at 10:15; choose a time after it.", focus: .time)
        assertProblem(form("2026-12-01", "09:00"),
                      "Visit 4 must come after visit 3, booked for Thu 3 Dec 2026 at 10:15; choose a time after it.", focus: .date)
    }

    func testAProblemGoesWhenTheFieldChanges() {
        var screen = form("2026-13-01", "09:30")
        _ = screen.handle(.enter, ctx)
        XCTAssertNotNil(screen.problem)
        _ = screen.handle(.backspace, ctx)
        XCTAssertNil(screen.problem)
    }

    func testValidFormSavesTheBookedVisit() {
        var screen = VisitBookingScreen(number: 4, ctx)
        type("2026-12-10", into: &screen)
        _ = screen.handle(.tab, ctx)
        type("09:30", into: &screen)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.right, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.ctrl("u"), ctx)
        type(" https://video.example.org/r4 ", into: &screen)
        var expected = demoVisit(4)
        expected.status = .booked
        expected.start = LocalDateTime("2026-12-10T09:30")
        expected.mode = .virtual
        expected.location = "https://video.example.org/r4"
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.saveVisit(expected, over: demoVisit(4))))
        XCTAssertNil(screen.problem)
        XCTAssertEqual(screen.completed(.saveVisit(expected), ctx), .pop, "saved: back to the visit")
    }

    func testMovingVisit3KeepsItsPlaceAndCtrlSSaves() {
        var screen = VisitBookingScreen(number: 3, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.backspace, ctx)
        _ = screen.handle(.backspace, ctx)
        type("45", into: &screen)
        var expected = demoVisit(3)
        expected.start = LocalDateTime("2026-12-03T10:45")
        XCTAssertEqual(screen.handle(.ctrl("s"), ctx), .effects(.saveVisit(expected, over: demoVisit(3))))
    }

    /// QA G4: visit 4 booked from the command line (another portal on the file) while the form was open: the
    /// form says what it is now and saves over it only when she says so, with Enter again.
    func testAVisitBookedElsewhereMeanwhileIsNotWrittenOverWithoutAsking() throws {
        var screen = VisitBookingScreen(number: 4, ctx)
        type("2026-12-10", into: &screen)
        _ = screen.handle(.tab, ctx)
        type("10:00", into: &screen)
        var elsewhere = demoVisit(4)
        elsewhere.status = .booked
        elsewhere.start = LocalDateTime("2026-12-12T11:00")
        elsewhere.mode = .inPerson
        elsewhere.location = "Annex B"
        var snapshot = Fixtures.demo
        var visits = try XCTUnwrap(snapshot.plan?.visits)
        visits[3] = elsewhere
        snapshot.plan = try CarePlan(visits: visits)
        let later = Fixtures.context(snapshot)
        XCTAssertEqual(screen.handle(.enter, later), .stay, "nothing sent")
        XCTAssertEqual(screen.problem, "Visit 4 was changed in the meantime (in another portal window, or from the command line): it is now booked for Sat 12 Dec 2026 at 11:00 (Annex B). Nothing was saved. Enter saves yours over it; Esc leaves it as it is now.")
        guard case .saveVisit(let mine, let over)? = screen.handle(.enter, later).effects.first else { return XCTFail("Enter again saves") }
        XCTAssertNil(over, "saved over it, as she chose")
        XCTAssertEqual(mine.start, LocalDateTime("2026-12-10T10:00"))

        // A change the snapshot had not shown yet: the store refuses it (`RecordStore.saveVisit(_:over:)`), the form asks.
        var fresh = VisitBookingScreen(number: 4, ctx)
        fresh.date.set("2026-12-10")
        fresh.time.set("10:00")
        let effect = try XCTUnwrap(fresh.handle(.enter, ctx).effects.first)
        guard case .saveVisit(_, let expected) = effect else { return XCTFail("\(effect)") }
        XCTAssertEqual(expected, demoVisit(4))
        XCTAssertEqual(fresh.failed(effect, .rule(elsewhere.changedMeanwhile), ctx), .stay)
        XCTAssertTrue(fresh.replacing)
        XCTAssertTrue(fresh.problem?.hasSuffix("Enter saves yours over it; Esc leaves it as it is now.") == true, fresh.problem ?? "")
    }

    func testOnlyItsOwnSaveTakesTheScreenBack() {
        var screen = VisitBookingScreen(number: 4, ctx)
        XCTAssertEqual(screen.completed(.saveVisit(demoVisit(3)), ctx), .stay)
        XCTAssertEqual(screen.completed(.markArticleRead("x"), ctx), .stay)
    }
}

