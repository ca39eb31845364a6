import XCTest
import PortalCore
@testable import PortalUI

final class VisitDetailScreenTests: XCTestCase {
    private let ctx = Fixtures.context()

    /// The demo with visit `number` changed by `change`.
    private func context(changing number: Int, _ change: (inout Visit) -> Void) throws -> ScreenContext {
        var snapshot = Fixtures.demo
        var visits = snapshot.plan!.visits
        change(&visits[number - 1])
        snapshot.plan = try CarePlan(visits: visits)
        return Fixtures.context(snapshot)
    }

    private func text(_ screen: VisitDetailScreen, _ ctx: ScreenContext, width: Int = 78, height: Int = 30) -> [String] {
        Fixtures.draw(screen, ctx, width: width, height: height).lines
    }

    // MARK: View

    func testNextVisitAt80x24() {
        let app = Fixtures.app(keys: [.character("v"), .enter])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Visit 3                                       Jordan Lee · Fri 27 Nov",
            "",
            " Visit 3 of 6 · Follow-up",
            "",
            " Status     [ ] Booked · your next visit, in 6 days",
            " When       Thu 3 Dec 2026 at 10:15 · 45 min",
            " How        Virtual: a video call",
            " Link       https://video.example.org/harbor/jordan-lee",
            " Therapist  Sam Rivera, PT, DPT",
            "",
            " What this visit is for",
            " A video check-in on your progress, your sleep and your everyday positions at",
            " home.",
            "", "", "", "", "", "", "", "", "", "",
            "b move  x cancel  ←→ other visits  Esc back  ? help",
        ])
    }

    /// The scrolling keys are offered, in the footer and in help, only when there is something to scroll.
    func testScrollKeysOnlyWhenThePageIsLongerThanTheWindow() {
        for (size, scrolls) in [(Size(width: 80, height: 24), false), (Size(width: 60, height: 18), true)] {
            var app = Fixtures.app(keys: [.character("v"), .up, .up, .enter])
            _ = app.update(.resized(size))
            let help = app.top.screen.helpRows(app.context).map(\.label)
            XCTAssertEqual(help.contains("scroll"), scrolls, "\(size): \(help)")
            XCTAssertEqual(help.contains("page back"), scrolls, "\(size): \(help)")
            XCTAssertEqual(app.view(size: size).line(size.height - 1).contains("scroll"), scrolls, "\(size)")
        }
    }

    /// A completed visit with notes is longer than the smallest window: it says there is more below.
    func testCompletedVisitAt60x18() {
        assertLines(Fixtures.screen(Fixtures.demo, size: Size(width: 60, height: 18), keys: [.character("v"), .up, .up, .enter]), [
            " Portal → Visit 1                   Jordan Lee · Fri 27 Nov",
            "",
            " Visit 1 of 6 · Evaluation",
            "",
            " Status     [✓] Completed",
            " When       Tue 3 Nov 2026 at 09:30 · 60 min",
            " How        In person, at the clinic",
            " Where      Harbor Pelvic Health, 210 Harbor Street, Suite",
            "            4",
            " Therapist  Sam Rivera, PT, DPT",
            "",
            " What this visit is for",
            " Your history, a gentle exam and your first home program.",
            "",
            " Notes from your therapist",
            " Pain in the right buttock, worse after sitting at work,",
            " ↓ More below: ↓ or PgDn",
            "←→ other visits  ↑↓ scroll  PgDn page  Esc back  ? help",
        ])
    }

    func testScrolledToTheEndAt60x18() {
        var app = Fixtures.app(keys: [.character("v"), .up, .up, .enter])
        _ = app.update(.resized(Size(width: 60, height: 18)))  // the screen is told the area it is drawn in
        _ = app.update(.key(.end))
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Visit 1                   Jordan Lee · Fri 27 Nov",
            "",
            " How        In person, at the clinic",
            " Where      Harbor Pelvic Health, 210 Harbor Street, Suite",
            "            4",
            " Therapist  Sam Rivera, PT, DPT",
            "",
            " What this visit is for",
            " Your history, a gentle exam and your first home program.",
            "",
            " Notes from your therapist",
            " Pain in the right buttock, worse after sitting at work,",
            " and sharp front-of-hip twinges when standing up quickly.",
            " Strength of the side hip muscles is a little low on the",
            " right. Started gentle stretches and clamshells; try a",
            " pillow between the knees at night.",
            " ↑ End. More above: ↑ or PgUp",
            "←→ other visits  ↑↓ scroll  PgDn page  Esc back  ? help",
        ])
    }

    func testAsciiGlyphs() {
        let buffer = Fixtures.screen(Fixtures.demo, size: Size(width: 60, height: 18), keys: [.character("v"), .up, .up, .enter], glyphs: .ascii)
        XCTAssertEqual(buffer.line(4), " Status     [x] Completed")
        XCTAssertEqual(buffer.line(16), " v More below: v or PgDn")
        XCTAssertEqual(buffer.line(17), "Left/Right other visits  Up/Down scroll  Esc back  ? help")
    }

    func testVisitToScheduleSaysWhoBooksIt() {
        let lines = text(VisitDetailScreen(number: 4), ctx)
        XCTAssertEqual(Array(lines.prefix(12)), [
            "Visit 4 of 6 · Re-evaluation",
            "",
            "Status     [ ] To schedule · your clinic will book a time with you",
            "When       Not scheduled yet · 45 min",
            "How        In person, at the clinic",
            "Where      Harbor Pelvic Health, 210 Harbor Street, Suite 4",
            "Therapist  Sam Rivera, PT, DPT",
            "",
            "What this visit is for",
            "Re-checking your strength, pain and goals, and updating your program to match.",
            "",
            "",
        ], "no notes section before the visit is done")
    }

    func testEmptyLinkAndAddressSayWhatWillHappen() throws {
        let virtual = try context(changing: 3) { $0.location = "" }
        XCTAssertTrue(text(VisitDetailScreen(number: 3), virtual).contains("Link       Your clinic will send the link."))
        let inPerson = try context(changing: 4) { $0.location = "" }
        XCTAssertTrue(text(VisitDetailScreen(number: 4), inPerson).contains("Where      Your clinic will confirm the address."))
    }

    func testNoTherapistRowWhenNoneIsNamed() throws {
        let ctx = try context(changing: 4) { $0.therapist = "" }
        XCTAssertFalse(text(VisitDetailScreen(number: 4), ctx).contains { $0.hasPrefix("Therapist") })
    }

    func testCompletedVisitWithoutNotes() throws {
        let ctx = try context(changing: 2) { $0.notes = "" }
        let lines = text(VisitDetailScreen(number: 2), ctx)
        let heading = try XCTUnwrap(lines.firstIndex(of: "Notes from your therapist"))
        XCTAssertEqual(lines[heading + 1], "No notes were added for this visit.")
    }

    func testBookedStatusCountsDownOnlyWhileUpcoming() throws {
        // A later booked visit that is not the next one has its countdown but is not called next.
        let later = try context(changing: 4) {
            $0.status = .booked
            $0.start = LocalDateTime("2026-12-10T08:00")
        }
        XCTAssertEqual(VisitDetailScreen.statusText(later.snapshot.plan!.visits[3], later),
                       "[ ] Booked · in 13 days")
        XCTAssertEqual(VisitDetailScreen.statusText(later.snapshot.plan!.visits[2], later),
                       "[ ] Booked · your next visit, in 6 days")
        // Half an hour before it starts.
        let soon = Fixtures.context(Fixtures.demo(at: TimeOfDay(hour: 9, minute: 45)!, on: CalendarDate("2026-12-03")!))
        XCTAssertEqual(VisitDetailScreen.statusText(soon.snapshot.plan!.visits[2], soon),
                       "[ ] Booked · your next visit, in 30 min")
        // Once its time has passed and nobody has said how it went, it asks.
        let past = Fixtures.context(Fixtures.demo(at: TimeOfDay(hour: 12, minute: 0)!, on: CalendarDate("2026-12-03")!))
        XCTAssertEqual(VisitDetailScreen.statusText(past.snapshot.plan!.visits[2], past),
                       "[ ] Booked · the time has passed: c if it took place, m if it was missed")
        let list = VisitsScreen.table(past.snapshot.plan!, next: nil, width: 78, glyphs: .unicode, now: past.snapshot.clock.now)
        XCTAssertEqual(list.rows[2][1], "[ ] Booked, passed")
    }

    func testCancelledAndMissedAreWordsNotColours() throws {
        let cancelled = try context(changing: 4) { $0.status = .cancelled }
        XCTAssertEqual(VisitDetailScreen.statusText(cancelled.snapshot.plan!.visits[3], cancelled), "[ ] Cancelled")
        let missed = try context(changing: 3) { $0.status = .missed }
        XCTAssertEqual(VisitDetailScreen.statusText(missed.snapshot.plan!.visits[2], missed), "[ ] Missed")
    }

    func testWithoutACarePlan() {
        var snapshot = Fixtures.demo
        snapshot.plan = nil
        let lines = text(VisitDetailScreen(number: 2), Fixtures.context(snapshot))
        XCTAssertEqual(lines[0], "Visit 2 is not in your care plan yet. Your clinic sets up your six visits.")
    }

    func testNarrowAreaPutsValuesUnderTheirLabels() {
        let lines = text(VisitDetailScreen(number: 3), ctx, width: 20, height: 40)
        XCTAssertEqual(Array(lines[0...5]), ["Visit 3 of 6 ·", "Follow-up", "", "Status", "  [ ] Booked · your", "  next visit, in 6"])
    }

    func testEverySizeStaysInsideItsArea() {
        for number in 1...6 {
            for w in [0, 1, 5, 12, 30, 58, 100] {
                for h in [0, 1, 2, 3, 14, 50] {
                    var buffer = Buffer(size: Size(width: w + 2, height: h + 2))
                    VisitDetailScreen(number: number).view(ctx, into: &buffer, area: Rect(x: 1, y: 1, width: w, height: h))
                    for y in 0..<buffer.size.height {
                        XCTAssertEqual(buffer[0, y], .blank, "\(number) \(w)x\(h)")
                        XCTAssertEqual(buffer[w + 1, y], .blank, "\(number) \(w)x\(h)")
                    }
                    XCTAssertEqual(buffer.line(h + 1), "", "\(number) \(w)x\(h)")
                }
            }
        }
    }

    // MARK: Keys

    func testInitKeepsTheNumberInThePlan() {
        XCTAssertEqual(VisitDetailScreen(number: 0).number, 1)
        XCTAssertEqual(VisitDetailScreen(number: 9).number, 6)
        XCTAssertEqual(VisitDetailScreen(number: 4).title, "Visit 4")
    }

    func testLeftRightAndBracketsStepThroughTheVisits() {
        var screen = VisitDetailScreen(number: 3)
        XCTAssertEqual(screen.handle(.right, ctx), .stay)
        XCTAssertEqual(screen.number, 4)
        XCTAssertEqual(screen.handle(.character("]"), ctx), .stay)
        XCTAssertEqual(screen.number, 5)
        XCTAssertEqual(screen.handle(.character("["), ctx), .stay)
        XCTAssertEqual(screen.number, 4)
        XCTAssertEqual(screen.handle(.left, ctx), .stay)
        XCTAssertEqual(screen.number, 3)
    }

    func testSteppingStopsAtTheFirstAndSixthVisit() {
        var first = VisitDetailScreen(number: 1)
        XCTAssertEqual(first.handle(.left, ctx), .stay)
        XCTAssertEqual(first, VisitDetailScreen(number: 1))
        var last = VisitDetailScreen(number: 6)
        XCTAssertEqual(last.handle(.character("]"), ctx), .stay)
        XCTAssertEqual(last, VisitDetailScreen(number: 6))
    }

    /// Visit 1 at the minimum width in a short area: 18 rows of page, 7 shown above the "more" line.
    func testScrollKeysMoveWithinThePage() {
        var screen = VisitDetailScreen(number: 1)
        let ctx = self.ctx.with(area: Size(width: 58, height: 8))
        XCTAssertEqual(VisitDetailScreen.page(ctx, number: 1, width: 58).height, 18)
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        XCTAssertEqual(screen.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(screen.offset, 2)
        XCTAssertEqual(screen.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(screen.offset, 7, "a page is the 7 rows shown less one")
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(screen.offset, 11, "never past the end (18 rows - 7 shown)")
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.offset, 11)
        XCTAssertEqual(screen.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(screen.offset, 5)
        XCTAssertEqual(screen.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(screen.offset, 0)
        XCTAssertEqual(screen.handle(.up, ctx), .stay)
        XCTAssertEqual(screen.offset, 0, "never before the start")
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.offset, 11)
        XCTAssertEqual(screen.handle(.home, ctx), .stay)
        XCTAssertEqual(screen.offset, 0)
    }

    func testMoreLineSaysWhichWayThereIsMore() {
        var screen = VisitDetailScreen(number: 1)
        let ctx = self.ctx.with(area: Size(width: 58, height: 8))
        XCTAssertEqual(Fixtures.draw(screen, ctx, width: 58, height: 8).line(7), "↓ More below: ↓ or PgDn")
        for _ in 0..<4 { _ = screen.handle(.down, ctx) }
        let middle = Fixtures.draw(screen, ctx, width: 58, height: 8)
        XCTAssertEqual(middle.line(0), "How        In person, at the clinic", "row 4 of the page at the top")
        XCTAssertEqual(middle.line(7), "↑↓ More above and below")
        XCTAssertTrue(middle[0, 7].style.dim)
    }

    func testStepToAnotherVisitStartsAtItsTop() {
        var screen = VisitDetailScreen(number: 1)
        let ctx = self.ctx.with(area: Size(width: 58, height: 14))
        _ = screen.handle(.end, ctx)
        XCTAssertEqual(screen.handle(.right, ctx), .stay)
        XCTAssertEqual(screen.number, 2)
        XCTAssertEqual(screen.offset, 0)
    }

    func testNothingScrollsWhenThePageFits() {
        var screen = VisitDetailScreen(number: 3)
        let ctx = self.ctx.with(area: Size(width: 78, height: 21))
        XCTAssertEqual(screen.handle(.pageDown, ctx).navigation, .unhandled, "nothing to scroll: the key is not the screen's")
        XCTAssertEqual(screen.offset, 0)
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = VisitDetailScreen(number: 3)
        for key: Key in [.escape, .backspace, .enter, .character("q"), .character("?")] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen, VisitDetailScreen(number: 3))
        XCTAssertEqual(screen.offset, 0)
    }

    // MARK: Booking, completing, cancelling

    private func keys(_ hints: [KeyHint]) -> [String] { hints.map { "\($0.key) \($0.label)" } }

    func testHintsShowOnlyTheChangesThatApply() {
        XCTAssertEqual(keys(VisitDetailScreen(number: 3).hints(ctx)).prefix(3), ["b move", "x cancel", "←→ other visits"])
        // A visit never booked here may have happened before the portal: c and m record it at a past time.
        XCTAssertEqual(keys(VisitDetailScreen(number: 4).hints(ctx)).prefix(4), ["b book", "c completed", "m missed", "←→ other visits"])
        XCTAssertEqual(keys(VisitDetailScreen(number: 1).hints(ctx)).first, "←→ other visits", "a completed visit keeps its date")
        let started = Fixtures.context(Fixtures.demo(at: TimeOfDay(hour: 10, minute: 20)!, on: CalendarDate("2026-12-03")!))
        XCTAssertEqual(keys(VisitDetailScreen(number: 3).hints(started)).prefix(5), ["b move", "c completed", "m missed", "x cancel", "←→ other visits"])
    }

    /// Issue 21: on her own clinic login her care team records how a visit went (the database refuses it to
    /// her), so nothing offers it: no c or m in the footer or help, the keys say who does, a passed visit says
    /// her therapist will record it, and Home does not ask her whether it took place.
    func testOnHerClinicLoginNoVisitOffersCompletedOrMissed() throws {
        var snapshot = Fixtures.demo(at: TimeOfDay(hour: 12, minute: 0)!, on: CalendarDate("2026-12-03")!)
        let hers = Fixtures.context(snapshot)
        XCTAssertEqual(HomeScreen.prompts(hers).count, 1, "on her own portal Home asks about the passed visit 3")
        // Her clinic login: the viewer her store gives (`RecordStore.viewer`), whose rights are the map's.
        var clinic = Fixtures.context(snapshot)
        clinic.viewer = .clinicPatient
        for number in 1...Visit.planSize {
            let offered = keys(VisitDetailScreen(number: number).hints(clinic))
            XCTAssertFalse(offered.contains("c completed") || offered.contains("m missed"), "visit \(number): \(offered)")
        }
        XCTAssertEqual(keys(VisitDetailScreen(number: 3).hints(clinic)).prefix(3), ["b move", "x cancel", "←→ other visits"])
        XCTAssertEqual(keys(VisitDetailScreen(number: 4).hints(clinic)).prefix(2), ["b book", "←→ other visits"])
        for (number, key) in [(3, "c"), (3, "m"), (4, "c"), (4, "m")] {
            var screen = VisitDetailScreen(number: number)
            XCTAssertEqual(screen.handle(.character(Character(key)), clinic), .stay, "\(number) \(key): no form, no question")
            XCTAssertEqual(screen.problem, Visit.recordedByCareTeam)
            XCTAssertFalse(screen.confirmingComplete || screen.confirmingMissed)
        }
        XCTAssertEqual(VisitDetailScreen.statusText(snapshot.plan!.visits[2], clinic),
                       "[ ] Booked · the time has passed: your therapist will record how it went")
        XCTAssertEqual(HomeScreen.prompts(clinic), [], "Home asks her nothing she cannot answer")
        let page = Fixtures.draw(VisitDetailScreen(number: 3), clinic, width: 60, height: 18).lines.joined(separator: "\n")
        XCTAssertFalse(page.contains("c completed") || page.contains("c if it took place"), page)

        // A visit her therapist recorded as missed stays as recorded: not offered to book again or cancel, and
        // b or x says why (QA S1: "b book" on a missed visit booked it).
        var visits = snapshot.plan!.visits
        visits[2].status = .missed
        snapshot.plan = try CarePlan(visits: visits)
        var missed = Fixtures.context(snapshot)
        missed.viewer = .clinicPatient
        XCTAssertEqual(keys(VisitDetailScreen(number: 3).hints(missed)).prefix(1), ["←→ other visits"])
        for key in ["b", "x"] {
            var screen = VisitDetailScreen(number: 3)
            XCTAssertEqual(screen.handle(.character(Character(key)), missed), .stay, key)
            XCTAssertEqual(screen.problem, Visit.recordedStays(visits[2]))
            XCTAssertFalse(screen.confirmingCancel)
        }
        // On her own portal she records and changes her visits herself.
        XCTAssertTrue(keys(VisitDetailScreen(number: 3).hints(Fixtures.context(snapshot))).contains("b book"))
    }

    func testBOpensTheBookingForm() {
        var screen = VisitDetailScreen(number: 4)
        XCTAssertEqual(screen.handle(.character("b"), ctx), .push(.visitBooking(VisitBookingScreen(number: 4, ctx))))
        var booked = VisitDetailScreen(number: 3)
        XCTAssertEqual(booked.handle(.character("b"), ctx), .push(.visitBooking(VisitBookingScreen(number: 3, ctx))))
    }

    func testBOnACompletedVisitSaysWhyNot() {
        var screen = VisitDetailScreen(number: 1)
        XCTAssertEqual(screen.handle(.character("b"), ctx), .stay)
        XCTAssertEqual(screen.problem, "Visit 1 is completed; it keeps its date.")
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.line(14), "Problem: Visit 1 is completed; it keeps its date.")
        XCTAssertEqual(buffer[0, 14].style, .danger)
        XCTAssertEqual(buffer.line(13), "")
        XCTAssertEqual(screen.handle(.down, ctx.with(area: Size(width: 58, height: 15))), .stay)
        XCTAssertNil(screen.problem, "the next key clears it")
    }

    func testCMarksAStartedVisitCompleted() {
        let started = Fixtures.context(Fixtures.demo(at: TimeOfDay(hour: 10, minute: 20)!, on: CalendarDate("2026-12-03")!))
        var screen = VisitDetailScreen(number: 3)
        var expected = Fixtures.demo.plan!.visits[2]
        expected.status = .completed
        XCTAssertEqual(expected.notes, "", "the notes stay the therapist's")
        XCTAssertEqual(screen.handle(.character("c"), started), .stay, "asks first: it cannot be undone")
        XCTAssertTrue(screen.confirmingComplete)
        XCTAssertTrue(Fixtures.draw(screen, started, width: 78, height: 21).contains("Mark visit 3 as completed?"))
        XCTAssertEqual(screen.handle(.character("n"), started), .stay)
        XCTAssertFalse(screen.confirmingComplete, "any other key keeps it as it was")
        _ = screen.handle(.character("c"), started)
        XCTAssertEqual(screen.handle(.character("y"), started), .effects(.saveVisit(expected)))
    }

    func testCBeforeTheVisitHasStartedSaysWhen() {
        var screen = VisitDetailScreen(number: 3)
        XCTAssertEqual(screen.handle(.character("c"), ctx), .stay)
        XCTAssertEqual(screen.problem, "Visit 3 is on 2026-12-03 at 10:15; it can be marked completed once it has started.")
        var done = VisitDetailScreen(number: 1)
        XCTAssertEqual(done.handle(.character("c"), ctx), .stay)
        XCTAssertEqual(done.problem, "Visit 1 is completed; it keeps its date and status.", "already completed: it says so")
    }

    func testXAsksThenCancels() {
        var screen = VisitDetailScreen(number: 3)
        XCTAssertEqual(screen.handle(.character("x"), ctx), .stay)
        XCTAssertTrue(screen.confirmingCancel)
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.line(14), "Cancel visit 3? y = cancel, any other key = keep")
        XCTAssertEqual(buffer[0, 14].style, .warning)
        var expected = Fixtures.demo.plan!.visits[2]
        expected.status = .cancelled
        XCTAssertEqual(screen.handle(.character("y"), ctx), .effects(.saveVisit(expected)))
        XCTAssertFalse(screen.confirmingCancel)
    }

    func testAnyOtherKeyKeepsTheVisit() {
        var screen = VisitDetailScreen(number: 3)
        _ = screen.handle(.character("x"), ctx)
        XCTAssertEqual(screen.handle(.character("n"), ctx), .stay)
        XCTAssertFalse(screen.confirmingCancel)
        XCTAssertEqual(screen, VisitDetailScreen(number: 3))
        _ = screen.handle(.character("x"), ctx)
        XCTAssertEqual(screen.handle(.escape, ctx), .stay, "Esc answers the question; it does not leave")
        XCTAssertEqual(screen.handle(.character("y"), ctx), .unhandled, "a later y is not an answer")
    }

    func testXOnAVisitNotBookedSaysWhyNot() {
        var screen = VisitDetailScreen(number: 4)
        XCTAssertEqual(screen.handle(.character("x"), ctx), .stay)
        XCTAssertFalse(screen.confirmingCancel)
        XCTAssertEqual(screen.problem, "Visit 4 is to schedule; only a booked visit can be cancelled.")
    }

    // MARK: The app's messages

    func testAppSaysWhatWasSaved() {
        var app = Fixtures.app(keys: [.character("v"), .enter])
        var booked = Fixtures.demo.plan!.visits[2]
        XCTAssertEqual(app.update(.completed(.saveVisit(booked), .visit(booked))), [])
        XCTAssertEqual(app.flash?.text, "Saved: visit 3 of 6 is booked for Thu 3 Dec at 10:15.")
        let buffer = app.view(size: Size(width: 80, height: 24))
        XCTAssertEqual(buffer.line(22), " Saved: visit 3 of 6 is booked for Thu 3 Dec at 10:15.")
        booked.status = .cancelled
        _ = app.update(.completed(.saveVisit(booked), .visit(booked)))
        XCTAssertEqual(app.flash?.text, "Saved: visit 3 of 6 is cancelled.")
        booked.status = .completed
        _ = app.update(.completed(.saveVisit(booked), .visit(booked)))
        XCTAssertEqual(app.flash?.text, "Saved: visit 3 of 6 is completed.")
        _ = app.update(.failed(.saveVisit(booked), .rule("Visit 3 would overlap visit 4.")))
        XCTAssertEqual(app.flash, PortalApp.Flash(level: .danger, text: "Visit 3 would overlap visit 4.", prefix: "Not saved:"))
        XCTAssertEqual(app.top, .visitDetail(VisitDetailScreen(number: 3)), "a failed save stays put")
    }

    /// Notes typed past their limit are never cut without a word: the key past it is refused, what she wrote
    /// stays whole, the line under the page names the limit, and Ctrl-S saves all of it.
    func testNotesTypedPastTheirLimitAreKeptAndTheLimitIsSaid() throws {
        let ctx = try context(changing: 2) { $0.notes = "" }
        var screen = VisitDetailScreen(number: 2)
        XCTAssertEqual(screen.handle(.character("n"), ctx), .stay)
        let full = String(repeating: "a", count: Visit.notesLimit - 1)
        XCTAssertEqual(screen.handle(.paste(full), ctx), .stay)
        XCTAssertEqual(screen.handle(.character("b"), ctx), .stay)
        XCTAssertNil(screen.problem, "the last character that fits")
        XCTAssertEqual(screen.handle(.character("c"), ctx), .stay)
        XCTAssertEqual(screen.notes?.value, full + "b", "her text is kept, nothing cut")
        let said = words(text(screen, ctx, height: 40).joined(separator: " "))
        XCTAssertTrue(said.contains("Problem: This field holds at most \(Visit.notesLimit) characters and is full"), said)
        guard case .saveVisitNotes(let saved)? = screen.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("Ctrl-S saves") }
        XCTAssertEqual(saved.notes, full + "b")
    }

    private func words(_ s: String) -> String { s.split(separator: " ").joined(separator: " ") }

    func testTheTherapistsNotesKeepTheirLines() throws {
        var snap = Fixtures.demo
        var visits = try XCTUnwrap(snap.plan?.visits)
        visits[0].notes = "Line one of the notes.\nLine two.\n\nLine five after blanks."
        snap.plan = try CarePlan(visits: visits)
        let lines = Fixtures.draw(VisitDetailScreen(number: 1), Fixtures.context(snap), width: 78, height: 40).lines
        let start = try XCTUnwrap(lines.firstIndex { $0 == "Line one of the notes." })
        XCTAssertEqual(Array(lines[start...(start + 2)]), ["Line one of the notes.", "Line two.", "Line five after blanks."])
    }
}
