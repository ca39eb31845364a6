import PortalCore
import XCTest
@testable import PortalUI

/// Errors reach the screen that asked, and screens place them by the field the error names, never by
/// reading its words.
final class TypedErrorTests: XCTestCase {
    private let ctx = Fixtures.context()

    func testAFailedBookingStaysOnTheFormAtTheFieldTheErrorNames() {
        var screen = VisitBookingScreen(number: 4, ctx)
        screen.date.set("2026-12-03")
        screen.time.set("10:30")
        let visit = Fixtures.demo.plan!.visits[3]
        XCTAssertEqual(screen.failed(.saveVisit(visit), .rule("Visit 4 would overlap visit 3."), ctx), .stay)
        XCTAssertEqual(screen.problem, "Visit 4 would overlap visit 3.")
        XCTAssertEqual(screen.focus, .time, "a time taken meanwhile: another time that day will do")
        screen.date.set("2026-12-01")
        _ = screen.failed(.saveVisit(visit), .rule("Visit 4 must come after visit 3."), ctx)
        XCTAssertEqual(screen.focus, .date, "no time that day comes after visit 3: the date is the fix")
        _ = screen.failed(.saveVisit(visit), .invalidInput(field: .visitLocation, "The location is too long."), ctx)
        XCTAssertEqual(screen.focus, .place)
        var other = VisitBookingScreen(number: 5, ctx)
        _ = other.failed(.saveVisit(visit), .rule("No."), ctx)
        XCTAssertNil(other.problem, "another visit's failure is not this form's")
    }

    func testTheAppHandsAFailureToTheScreenOnTop() throws {
        var app = Fixtures.app(keys: [])
        for key: Key in [.character("v"), .enter, .character("b")] { _ = app.update(.key(key)) }
        guard case .visitBooking(let before) = app.top else { return XCTFail("\(app.top)") }
        let visit = Fixtures.demo.plan!.visits[before.number - 1]
        _ = app.update(.failed(.saveVisit(visit), .invalidInput(field: .visitLocation, "The location contains control characters (ESC); use plain text.")))
        guard case .visitBooking(let after) = app.top else { return XCTFail("\(app.top)") }
        XCTAssertEqual(after.focus, .place)
        XCTAssertEqual(after.problem, "The location contains control characters (ESC); use plain text.")
        XCTAssertNil(app.flash, "the form shows the refusal under itself: the message line does not say it again")
    }

    func testSetUpPutsAPortalCoreErrorBesideItsField() {
        var s = SetupScreen()
        // 50 letters on screen, 100 in the database's count (each "é" is e and a combining accent). The name
        // field itself counts as the database does and would stop at 80, so the text is put in a field without
        // a limit: PortalCore refuses the name, and the screen puts that beside the name, not the due date.
        s.name = TextField(String(repeating: "e\u{301}", count: 50))
        s.dueDate = TextField("2027-03-14", maxLength: 10)
        guard case .failure(let problem) = s.check(today: Fixtures.today) else { return XCTFail("accepted") }
        XCTAssertEqual(problem.field, .name, problem.message)
        XCTAssertEqual(problem.message, "The name is too long: at most 80 characters.")
    }

    func testARefusedPainEntryKeepsTheFormAndGoesToTheField() {
        var s = LogPainScreen(ctx)
        let entry = PainEntry(date: ctx.today, time: TimeOfDay(hour: 9, minute: 0)!, score: 4)
        XCTAssertEqual(s.failed(.savePain(entry), .invalidInput(field: .painTime, "09:00 is later than now (08:59); pain can be logged up to now."), ctx), .stay)
        XCTAssertEqual(s.error, "09:00 is later than now (08:59); pain can be logged up to now.")
        XCTAssertEqual(s.focus, .time)
        _ = s.failed(.savePain(entry), .invalidInput(field: .painNote, "The note is 1001 characters; at most 1000 fit."), ctx)
        XCTAssertEqual(s.focus, .note)
        var other = LogPainScreen(ctx)
        _ = other.failed(.markArticleRead("x"), .rule("No."), ctx)
        XCTAssertNil(other.error, "not this form's effect")
    }
}
