import XCTest
import PortalCore
@testable import PortalUI

final class VisitsScreenTests: XCTestCase {
    private let ctx = Fixtures.context()

    // MARK: View

    func testWholeScreenAt80x24() {
        let app = Fixtures.app(keys: [.character("v")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Visits                                        Jordan Lee · Fri 27 Nov",
            "",
            " Next: visit 3 of 6 · Thu 3 Dec at 10:15 · in 6 days",
            " 2 of 6 visits completed",
            "",
            "   Visit            Status            When              How",
            " ────────────────────────────────────────────────────────────────",
            "   1 Evaluation     [✓] Completed     Tue 3 Nov 09:30   In person",
            "   2 Follow-up      [✓] Completed     Tue 17 Nov 17:00  In person",
            " › 3 Follow-up      [ ] Booked, next  Thu 3 Dec 10:15   Virtual",
            "   4 Re-evaluation  [ ] To schedule   not scheduled     In person",
            "   5 Follow-up      [ ] To schedule   not scheduled     Virtual",
            "   6 Discharge      [ ] To schedule   not scheduled     In person",
            "",
            " Visit 3: A video check-in on your progress, your sleep and your everyday",
            " positions at home.",
            "", "", "", "", "", "", "",
            "↑↓ move  Enter open  Esc back  ? help",
        ])
    }

    /// At the minimum size the weekday and the long mode words go, so all four columns still fit.
    func testWholeScreenAt60x18() {
        let app = Fixtures.app(keys: [.character("v")])
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Visits                    Jordan Lee · Fri 27 Nov",
            "",
            " Next: visit 3 of 6 · Thu 3 Dec at 10:15 · in 6 days",
            " 2 of 6 visits completed",
            "",
            "   Visit            Status            When           Where",
            " ──────────────────────────────────────────────────────────",
            "   1 Evaluation     [✓] Completed     3 Nov 09:30    Clinic",
            "   2 Follow-up      [✓] Completed     17 Nov 17:00   Clinic",
            " › 3 Follow-up      [ ] Booked, next  3 Dec 10:15    Video",
            "   4 Re-evaluation  [ ] To schedule   not scheduled  Clinic",
            "   5 Follow-up      [ ] To schedule   not scheduled  Video",
            "   6 Discharge      [ ] To schedule   not scheduled  Clinic",
            "",
            " Visit 3: A video check-in on your progress, your sleep and",
            " your everyday positions at home.",
            "",
            "↑↓ move  Enter open  Esc back  ? help",
        ])
    }

    /// A booked visit whose time has passed needs "Booked, passed", too wide for four columns at 60: the
    /// Where column goes rather than being cut to "Whe…", and the line under the table says how the selected
    /// visit is held.
    func testAtTheMinimumAPassedVisitDropsTheWhereColumnAndTheLineUnderSaysWhere() {
        let snapshot = Fixtures.demo(at: TimeOfDay(hour: 12, minute: 0)!, on: CalendarDate("2026-12-03")!)
        let screen = Fixtures.screen(snapshot, size: Size(width: 60, height: 18), keys: [.character("v")])
        assertLines(screen, [
            " Portal → Visits                     Jordan Lee · Thu 3 Dec",
            "",
            " Next: none booked. Enter opens a visit; b books it.",
            " 2 of 6 visits completed",
            "",
            "   Visit            Status              When",
            " ────────────────────────────────────────────────────",
            "   1 Evaluation     [✓] Completed       3 Nov 09:30",
            "   2 Follow-up      [✓] Completed       17 Nov 17:00",
            " › 3 Follow-up      [ ] Booked, passed  3 Dec 10:15",
            "   4 Re-evaluation  [ ] To schedule     not scheduled",
            "   5 Follow-up      [ ] To schedule     not scheduled",
            "   6 Discharge      [ ] To schedule     not scheduled",
            "",
            " Visit 3, by video: A video check-in on your progress, your",
            " sleep and your everyday positions at home.",
            "",
            "↑↓ move  Enter open  Esc back  ? help",
        ])
        XCTAssertFalse(screen.lines.joined().contains("…"), "nothing is cut")
        // Moving on names the next visit's mode in its place.
        let next = Fixtures.screen(snapshot, size: Size(width: 60, height: 18), keys: [.character("v"), .down])
        XCTAssertTrue(next.line(14).hasPrefix(" Visit 4, in person: "), next.line(14))
        // With room for it the Where column comes back and the line under says only the focus.
        let wide = Fixtures.screen(snapshot, size: Size(width: 80, height: 24), keys: [.character("v")])
        XCTAssertTrue(wide.line(5).hasSuffix("How") && wide.line(9).hasSuffix("Virtual"), wide.lines.joined(separator: "\n"))
        XCTAssertTrue(wide.lines.contains(" Visit 3: A video check-in on your progress, your sleep and your everyday"))
    }

    /// In a wide window the table keeps to its columns: the rule and the highlight end with the last one.
    func testAt200ColumnsTheRuleIsAsWideAsTheTable() {
        let screen = Fixtures.app(keys: [.character("v")]).view(size: Size(width: 200, height: 50))
        XCTAssertEqual(screen.line(5), "   Visit            Status            When              How")
        XCTAssertEqual(screen.line(6), " " + String(repeating: "─", count: 64))
        XCTAssertEqual(screen.line(7), "   1 Evaluation     [✓] Completed     Tue 3 Nov 09:30   In person")
        XCTAssertTrue(screen[64, 9].style.reverse, "the selected row is highlighted to the table's edge")
        XCTAssertFalse(screen[65, 9].style.reverse, "and no further")
    }

    func testAsciiGlyphsMarkCompletedAndSelectedRows() {
        let buffer = Fixtures.app(keys: [.character("v")], glyphs: .ascii).view(size: Size(width: 60, height: 18))
        XCTAssertEqual(buffer.line(7), "   1 Evaluation     [x] Completed     3 Nov 09:30    Clinic")
        XCTAssertEqual(buffer.line(9), " > 3 Follow-up      [ ] Booked, next  3 Dec 10:15    Video")
        XCTAssertEqual(buffer.line(6), " " + String(repeating: "-", count: 58))
    }

    func testSelectedRowIsHighlightedAndFocusFollowsTheSelection() {
        var screen = VisitsScreen()
        _ = screen.handle(.down, ctx)
        let buffer = Fixtures.draw(screen, ctx, width: 78, height: 21)
        XCTAssertEqual(buffer.line(8), "› 4 Re-evaluation  [ ] To schedule   not scheduled     In person")
        XCTAssertTrue(buffer[0, 8].style.reverse && buffer[63, 8].style.reverse, "the whole row of the table is selected")
        XCTAssertFalse(buffer[64, 8].style.reverse, "and the highlight stops where the table does")
        XCTAssertFalse(buffer[0, 7].style.reverse)
        XCTAssertEqual(buffer.line(12), "Visit 4: Re-checking your strength, pain and goals, and updating your program")
        XCTAssertEqual(buffer.line(13), "to match.")
    }

    func testFocusIsCutWithAnEllipsisWhenTheWindowIsShort() {
        var screen = VisitsScreen()
        _ = screen.handle(.character("j"), ctx)
        _ = screen.handle(.character("j"), ctx)  // visit 5 has the longest focus
        let buffer = Fixtures.draw(screen, ctx, width: 40, height: 13)
        // Six rows of table end on row 10; one row is left under it, after a blank one.
        XCTAssertEqual(buffer.line(11), "")
        // At 40 columns the Where column has gone, so the line names the mode first.
        XCTAssertEqual(buffer.line(12), "Visit 5, by video: Building strength fo…")
    }

    func testTheCursorFollowsTheVisitChosenInItsDetail() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("v"))
        guard case .visits(let list) = app.top else { return XCTFail("on the visits list") }
        let ctx = Fixtures.context(Fixtures.demo)
        XCTAssertEqual(list.current(ctx), 2, "the next visit, 3, is selected")
        app.press(.enter, .right, .right)
        XCTAssertEqual(app.top.screen.title, "Visit 5")
        app.press(.escape)
        guard case .visits(let back) = app.top else { return XCTFail("back on the list") }
        XCTAssertEqual(back.current(ctx), 4, "visit 5 is selected, the one shown last")
        app.press(.enter)
        XCTAssertEqual(app.top.screen.title, "Visit 5", "and Enter opens it again")
    }

    func testTomorrowsVisitCountsDownWithItsTime() {
        let ctx = Fixtures.context(Fixtures.demo(at: TimeOfDay(hour: 9, minute: 0)!, on: CalendarDate("2026-12-02")!))
        XCTAssertEqual(VisitsScreen.nextLine(ctx), "Next: visit 3 of 6 · Thu 3 Dec at 10:15 · tomorrow")
    }

    /// On her own computer she books her visits herself, and is told how (QA J12); on a clinic login that books
    /// them for her, that her clinic will.
    func testNoVisitBookedSaysWhoBooksIt() {
        // After visit 3 has started nothing else is booked.
        let snapshot = Fixtures.demo(at: TimeOfDay(hour: 12, minute: 0)!, on: CalendarDate("2026-12-03")!)
        let ctx = Fixtures.context(snapshot)
        if !Viewer.clinicPatient.may(.visits) {
            let clinic = ScreenContext(snapshot: snapshot, content: Fixtures.content, glyphs: .unicode, viewer: .clinicPatient)
            XCTAssertEqual(VisitsScreen.nextLine(clinic), "Next: none booked yet. Your clinic will schedule it with you.")
        }
        let buffer = Fixtures.draw(VisitsScreen(), ctx, width: 78, height: 21)
        XCTAssertEqual(buffer.line(0), "Next: none booked yet. Open a visit with Enter; b books it.")
        XCTAssertEqual(buffer.line(7), "› 3 Follow-up      [ ] Booked, passed  Thu 3 Dec 10:15   Virtual",
                       "without a next visit the first one not done is selected; its time has passed and nobody said how it went")
    }

    func testAllSixDone() throws {
        var snapshot = Fixtures.demo
        snapshot.plan = try CarePlan(visits: snapshot.plan!.visits.enumerated().map { i, v in
            var v = v
            v.status = .completed
            v.start = LocalDateTime(date: CalendarDate("2026-11-0\(i + 1)")!, time: TimeOfDay(hour: 9, minute: 0)!)
            return v
        })
        let ctx = Fixtures.context(snapshot)
        let buffer = Fixtures.draw(VisitsScreen(), ctx, width: 78, height: 21)
        XCTAssertEqual(buffer.line(0), "All six visits are done: your care plan is complete.")
        XCTAssertEqual(buffer.line(1), "6 of 6 visits completed")
        XCTAssertEqual(VisitsScreen().current(ctx), 0)
    }

    func testWithoutACarePlan() {
        var snapshot = Fixtures.demo
        snapshot.plan = nil
        let ctx = Fixtures.context(snapshot)
        let buffer = Fixtures.draw(VisitsScreen(), ctx, width: 58, height: 14)
        XCTAssertEqual(Array(buffer.lines.prefix(3)), [
            "Your care plan is not set up yet. Your clinic adds your",
            "six visits after you sign up.",
            "",
        ])
        var screen = VisitsScreen()
        XCTAssertEqual(screen.handle(.enter, ctx), .unhandled)
        XCTAssertEqual(screen.handle(.down, ctx), .unhandled)
    }

    func testEverySizeStaysInsideItsArea() {
        for w in [0, 1, 10, 30, 57, 58, 62, 63, 120] {
            for h in [0, 1, 3, 5, 14, 40] {
                var buffer = Buffer(size: Size(width: w + 2, height: h + 2))
                VisitsScreen().view(ctx, into: &buffer, area: Rect(x: 1, y: 1, width: w, height: h))
                for y in 0..<buffer.size.height {
                    XCTAssertEqual(buffer[0, y], .blank, "\(w)x\(h)")
                    XCTAssertEqual(buffer[w + 1, y], .blank, "\(w)x\(h)")
                }
                XCTAssertEqual(buffer.line(h + 1), "", "\(w)x\(h)")
            }
        }
    }

    // MARK: Keys

    func testStartsOnTheNextVisit() {
        XCTAssertNil(VisitsScreen().selected)
        XCTAssertEqual(VisitsScreen().current(ctx), 2)
    }

    func testArrowsAndViKeysMoveTheSelection() {
        var screen = VisitsScreen()
        XCTAssertEqual(screen.handle(.up, ctx), .stay)
        XCTAssertEqual(screen.selected, 1)
        XCTAssertEqual(screen.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(screen.selected, 0)
        XCTAssertEqual(screen.handle(.up, ctx), .stay)
        XCTAssertEqual(screen.selected, 0, "stops at the first visit")
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.selected, 1)
        XCTAssertEqual(screen.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(screen.selected, 2)
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.selected, 5)
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.selected, 5, "stops at the last visit")
        XCTAssertEqual(screen.handle(.home, ctx), .stay)
        XCTAssertEqual(screen.selected, 0)
    }

    func testEnterOpensTheSelectedVisit() {
        var screen = VisitsScreen()
        XCTAssertEqual(screen.handle(.enter, ctx), .push(.visitDetail(VisitDetailScreen(number: 3))))
        _ = screen.handle(.down, ctx)
        XCTAssertEqual(screen.handle(.enter, ctx), .push(.visitDetail(VisitDetailScreen(number: 4))))
        XCTAssertEqual(screen.selected, 3, "opening does not move the selection")
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = VisitsScreen()
        for key: Key in [.escape, .backspace, .character("q"), .character("?"), .left, .pageDown] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertNil(screen.selected)
    }

    func testFromHomeVAndEnterOpenTheNextVisitAndEscComesBack() {
        var app = Fixtures.app(keys: [.character("v")])
        guard case .visits = app.top else { return XCTFail("v opens Visits, not \(app.top)") }
        XCTAssertEqual(app.update(.key(.enter)), [])
        XCTAssertEqual(app.top, .visitDetail(VisitDetailScreen(number: 3)))
        _ = app.update(.key(.escape))
        guard case .visits = app.top else { return XCTFail("Esc goes back to Visits") }
        XCTAssertEqual(app.stack.count, 2)
    }

    func testHintsNameMoveAndOpen() {
        XCTAssertEqual(VisitsScreen().hints(ctx), [KeyHint("↑↓", "move"), KeyHint("Enter", "open")])
        XCTAssertEqual(VisitsScreen().title, "Visits")
    }
}
