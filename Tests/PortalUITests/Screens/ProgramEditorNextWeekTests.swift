import PortalCore
import XCTest
@testable import PortalUI

/// Issue 23 point 3, "she starts from the current week": on a chart whose next week is already hers to follow
/// (given, not begun), the editor opens on that week, from this week's program, and publishing replaces it; and
/// the editor's screen nits seen in tmux (draft said twice, "not sided", two Esc after "not now", the footer
/// losing p and a at 60 columns), each held here.
final class ProgramEditorNextWeekTests: XCTestCase {
    /// The demo's chart (week 4 under way since Tue 24 Nov) with week 5, from Tue 1 Dec, given and not begun: the
    /// portal's (one exercise fewer than week 4), or, with `origin` .therapist, her own earlier week with a note.
    static func charts(nextWeekOrigin origin: WeekOrigin = .generated) -> (charts: [String: PortalSnapshot], week4: ProgramWeek, week5: ProgramWeek) {
        let login = Fixtures.caseload[0].login
        var chart = Fixtures.charts[login]!
        let week4 = chart.program.weeks.last!
        let week5 = ProgramWeek(number: 5, starts: week4.starts.adding(days: 7), note: origin == .therapist ? "Keep it gentle" : "",
                                prescriptions: Array(week4.prescriptions.dropLast()), origin: origin)
        chart.program = Program(weeks: chart.program.weeks + [week5])
        var charts = Fixtures.charts
        charts[login] = chart
        return (charts, week4, week5)
    }

    func app(_ keys: [Key] = [], origin: WeekOrigin = .generated, size: Size? = nil, glyphs: Glyphs = .unicode) -> PortalApp {
        Fixtures.therapistApp(keys: [.enter, .character("n")] + keys, glyphs: glyphs, size: size, charts: Self.charts(nextWeekOrigin: origin).charts)
    }

    func editor(_ app: PortalApp, file: StaticString = #filePath, line: UInt = #line) throws -> ProgramEditorScreen {
        guard case .programEditor(let e) = app.top else {
            XCTFail("not the editor: \(app.top.kind)", file: file, line: line)
            throw XCTSkip()
        }
        return e
    }

    func text(_ app: PortalApp, _ size: Size = Size(width: 80, height: 24)) -> String {
        app.view(size: size).lines.joined(separator: "\n")
    }

    func testItOpensOnNextWeekFromThisWeeksProgramAndPublishingReplacesTheWeekNotBegun() throws {
        let (_, week4, week5) = Self.charts()
        var app = app()
        let e = try editor(app)
        XCTAssertEqual(e.draft.week.number, 5, "next week, not a week after the last")
        XCTAssertEqual(e.draft.week.starts, week5.starts, "its own first day")
        XCTAssertEqual(e.draft.week.prescriptions, week4.prescriptions, "from this week's program")
        XCTAssertEqual(e.draft.week.origin, .therapist)
        XCTAssertEqual(e.draft.previous, week4)
        XCTAssertEqual(e.draft.replaces, week5)
        XCTAssertTrue(e.replacesPublished)
        XCTAssertNil(e.draft.change(of: week4.prescriptions[0].exerciseID), "as this week: nothing new until she changes it")
        XCTAssertTrue(text(app).contains("From this week (4): replaces week 5 when you publish (p)"), text(app))
        // No draft beside a week she has: s is not offered, and does nothing.
        XCTAssertFalse(text(app).contains("s save"), text(app))
        XCTAssertEqual(app.update(.key(.character("s"))), [])
        // One more set of the first exercise, then publish: the question says it replaces her week.
        _ = app.update(.key(.right))
        XCTAssertEqual(try editor(app).draft.change(of: week4.prescriptions[0].exerciseID)?.label(.unicode), "↑ more")
        XCTAssertTrue(text(app).contains("Changed: replaces week 5 when you publish (p)"), text(app))
        XCTAssertEqual(app.update(.key(.character("p"))), [])
        // A sentence keeps the reading measure at 200 columns too (`Paragraph`): read word by word.
        XCTAssertTrue(text(app, Size(width: 200, height: 50)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                        .contains("Publish week 5 to Jordan Lee in place of the week she has? She sees it from Tue 1 Dec."),
                      text(app, Size(width: 200, height: 50)))
        let week = try editor(app).draft.week
        XCTAssertEqual(app.update(.key(.character("y"))), [.publishWeek(week)])
    }

    func testHerOwnWeekNotBegunIsWhereSheGoesOn() throws {
        let (_, week4, week5) = Self.charts(nextWeekOrigin: .therapist)
        let app = app(origin: .therapist)
        let e = try editor(app)
        XCTAssertEqual(e.draft.week, week5, "what she wrote, not this week's program again")
        XCTAssertEqual(e.draft.previous, week4)
        XCTAssertTrue(text(app).contains("Your week 5 as she has it: changes when you publish (p)"), text(app))
    }

    /// The whole screen as it opens, at the three sizes: whose week, from when, what it replaces, this week's
    /// exercises, and the keys that matter in the footer (publish and add, at 60 columns too).
    func testTheEditorOpeningOnNextWeekAtEachSize() {
        let small = app(size: Size(width: 60, height: 18)).view(size: Size(width: 60, height: 18))
        Fixtures.assertScreen(small, Self.expected60x18)
        let medium = app(size: Size(width: 80, height: 24)).view(size: Size(width: 80, height: 24))
        Fixtures.assertScreen(medium, Self.expected80x24)
        let large = app(size: Size(width: 200, height: 50)).view(size: Size(width: 200, height: 50))
        Fixtures.assertScreen(large, Self.expected200x50)
    }

    // MARK: The screen nits

    func testSavingSaysDraftOnceOnScreen() throws {
        // Demo's own chart (no week 5): the week after the last, saved as a draft as the runtime answers it.
        var app = Fixtures.therapistApp(keys: [.enter, .character("n"), .right])
        let effects = app.update(.key(.character("s")))
        guard case .saveDraftWeek(let week)? = effects.first else { return XCTFail("no save: \(effects)") }
        var saved = app.context.snapshot
        saved.program = Program(weeks: saved.program.weeks + [week])
        saved.draftWeeks = [week.number]
        _ = app.update(.loaded(saved))
        _ = app.update(.completed(effects[0], .program([week])))
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let screen = text(app, size)
            XCTAssertEqual(screen.lowercased().components(separatedBy: "draft").count - 1, 1, "once at \(size.width)×\(size.height):\n\(screen)")
            XCTAssertTrue(screen.contains("Saved, not published"), screen)
        }
    }

    func testAnExerciseWithoutASideSaysNoneNotNotSided() throws {
        let week4 = Self.charts().week4
        let plain = try XCTUnwrap(week4.prescriptions.firstIndex { $0.dose.side == .none }, "the demo's week has an exercise without a side")
        let keys: [Key] = Array(repeating: .down, count: plain) + [.tab, .tab, .tab]
        let app = app(keys)
        XCTAssertEqual(try editor(app).item, .side)
        let screen = text(app, Size(width: 200, height: 50))
        XCTAssertTrue(screen.contains("[Side none]"), screen)
        XCTAssertFalse(screen.contains("not sided"), screen)
    }

    func testNotNowGoesBackToEditingAndOneEscLeaves() throws {
        var app = app([.character("p"), .escape])
        let e = try editor(app)
        XCTAssertFalse(e.confirmingPublish)
        XCTAssertFalse(e.previewing, "back where she was, editing")
        XCTAssertEqual(e.notice, "Not published. Press p when you are ready.")
        _ = app.update(.key(.escape))
        XCTAssertEqual(app.top.kind, .home, "one Esc leaves the editor")
        // From her view, "not now" goes back to her view.
        let viewing = try editor(self.app([.character("v"), .character("p"), .character("z")]))
        XCTAssertTrue(viewing.previewing)
    }

    func testTheFooterKeepsPublishAddAndChangeAt60Columns() {
        for (keys, save) in [([Key](), false), ([Key.right], false)] {
            let screen = app(keys, size: Size(width: 60, height: 18)).view(size: Size(width: 60, height: 18))
            let footer = screen.lines[17]
            for hint in ["change", "p publish", "a add", "? help"] { XCTAssertTrue(footer.contains(hint), "\(hint): \(footer)") }
            XCTAssertEqual(footer.contains("s save"), save, footer)
        }
        // On a new week (no week 5 given), save too.
        let screen = Fixtures.therapistApp(keys: [.enter, .character("n")], size: Size(width: 60, height: 18)).view(size: Size(width: 60, height: 18))
        for hint in ["change", "p publish", "a add", "s save", "? help"] { XCTAssertTrue(screen.lines[17].contains(hint), "\(hint): \(screen.lines[17])") }
    }

    static let expected60x18: [String] = [
        " Portal → Program week 5            Jordan Lee · Fri 27 Nov",
        "",
        " Week 5 for Jordan Lee · from Tue 1 Dec · 25 weeks pregnan…",
        " From this week (4): replaces week 5 when you publish (p)",
        " Note to her: none yet (n to write one)",
        "",
        " › Side-lying hip abduction",
        "       3 × 10, each side · 5 days a week",
        "       [Sets 3]  Reps 10   Hold (s) 0   Side each side",
        "        Days a week 5   Times a day 1   Rest (s) 30",
        "   Sit to stand",
        "       2 × 12 · 5 days a week",
        "   Standing hip extension",
        "       2 × 10, each side · 5 days a week",
        "   Seated piriformis stretch",
        "       1 × 3, hold 30 s, each side · 5 days a week",
        " ↓ more below",
        "←→ change  p publish  a add  ↑↓ exercise  Esc back  ? help",
    ]
    static let expected80x24: [String] = [
        " Portal → Program week 5                                Jordan Lee · Fri 27 Nov",
        "",
        " Week 5 for Jordan Lee · from Tue 1 Dec · 25 weeks pregnant then",
        " From this week (4): replaces week 5 when you publish (p)",
        " Note to her: none yet (n to write one)",
        "",
        " › Side-lying hip abduction",
        "       3 × 10, each side · 5 days a week",
        "       [Sets 3]  Reps 10   Hold (s) 0   Side each side   Days a week 5",
        "        Times a day 1   Rest (s) 30",
        "   Sit to stand",
        "       2 × 12 · 5 days a week",
        "   Standing hip extension",
        "       2 × 10, each side · 5 days a week",
        "   Seated piriformis stretch",
        "       1 × 3, hold 30 s, each side · 5 days a week",
        "   Pelvic floor long holds",
        "       1 × 12, hold 8 s · 3× a day, daily",
        "   Pelvic floor quick squeezes",
        "       1 × 10, hold 1 s · 3× a day, daily",
        "",
        "",
        "",
        "←→ change  p publish  a add  ↑↓ exercise  x remove  v her view  Esc back  ? help",
    ]
    static let expected200x50: [String] = [
        " Portal → Program week 5                                                                                                                                                        Jordan Lee · Fri 27 Nov",
        "",
        " Week 5 for Jordan Lee · from Tue 1 Dec · 25 weeks pregnant then",
        " From this week (4): replaces week 5 when you publish (p)",
        " Note to her: none yet (n to write one)",
        "",
        " › Side-lying hip abduction",
        "       3 × 10, each side · 5 days a week",
        "       [Sets 3]  Reps 10   Hold (s) 0   Side each side   Days a week 5",
        "        Times a day 1   Rest (s) 30",
        "   Sit to stand",
        "       2 × 12 · 5 days a week",
        "   Standing hip extension",
        "       2 × 10, each side · 5 days a week",
        "   Seated piriformis stretch",
        "       1 × 3, hold 30 s, each side · 5 days a week",
        "   Pelvic floor long holds",
        "       1 × 12, hold 8 s · 3× a day, daily",
        "   Pelvic floor quick squeezes",
        "       1 × 10, hold 1 s · 3× a day, daily",
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
        "",
        "",
        "",
        "",
        "",
        "←→ change  p publish  a add  ↑↓ exercise  x remove  v her view  n note to her  Esc back  ? help",
    ]
}
