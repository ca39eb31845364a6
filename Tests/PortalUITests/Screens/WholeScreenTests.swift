import PortalCore
import XCTest
@testable import PortalUI

/// Home and Log pain as the patient sees them, whole: every row of the window at 80×24 and at the minimum
/// (60×18), compared with the expected screen written out below, and the styles that carry meaning (the
/// selected row, the title bar, a safety banner, the chosen score, the key names in the footer).
final class WholeScreenTests: XCTestCase {
    private let standard = Size(width: 80, height: 24)
    private let minimum = PortalApp.minimumSize

    /// The demo with a pain of 8 logged at 11:30 today: Home shows the high-pain banner first.
    private func highPainSnapshot() throws -> PortalSnapshot {
        try Fixtures.snapshot(at: Fixtures.clock.time) { store in
            try DemoPatient(content: Fixtures.content, today: Fixtures.today, lateVisit: false).load(into: store)
            _ = try store.addPainEntry(PainEntry(date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 30)!, score: 8),
                                       now: Fixtures.clock.now)
        }
    }

    /// The row holding `text` is drawn selected: reversed, with the marker in front.
    private func assertSelectedRow(_ text: String, row: Int, in screen: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Fixtures.style(of: text, row: row, in: screen)?.reverse, true, "“\(text)” is drawn selected",
                       file: file, line: line)
        XCTAssertEqual(Fixtures.style(of: "›", row: row, in: screen)?.reverse, true, "and marked", file: file, line: line)
    }

    private func assertTitleBarAndFooter(_ screen: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Fixtures.style(of: "Portal", row: 0, in: screen), Style(bold: true, reverse: true), file: file, line: line)
        let footer = screen.size.height - 1
        XCTAssertEqual(Fixtures.style(of: "Enter", row: footer, in: screen), .key, "key names stand out", file: file, line: line)
        XCTAssertEqual(Fixtures.style(of: "help", row: footer, in: screen), .muted, file: file, line: line)
    }

    func testHomeAt80x24() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: standard)
        Fixtures.assertScreen(screen, [
            " Portal → Home                                          Jordan Lee · Fri 27 Nov",
            "",
            " Stage       24 weeks pregnant",
            " Pain today  4/10 at 09:55",
            " Pain, 14 d  ▅▅▄▄▅▃▄▄▃▃▃  ▄  day's average · 7-day avg 3.5",
            " Exercises   1 of 6 done today (week 4) · 13-day streak",
            " New         Week 4: + Standing hip extension, ↑ Side-lying hip abduction,",
            "             ↑ Sit to stand, ↑ Pelvic floor long holds, − Clamshell",
            " Next visit  3 of 6 · Thu 3 Dec 10:15 · in 6 days · virtual",
            " Visits      ●●○○○○ 2 of 6 completed",
            "",
            " › l Log pain                   c Pelvic floor check-in",
            "   w Warning signs check        d Bladder diary",
            "   e Exercises for this week    o Bowel log",
            "   v Visits                     m Questionnaires",
            "   t Questions for the visit    i About me",
            "   p Progress                   s Share with your therapist",
            "   r Learn: your reading",
            "",
            "",
            "",
            "",
            "",
            "↑↓ move  Enter open  l log pain  e exercises  ? help  q quit",
        ])
        assertTitleBarAndFooter(screen)
        assertSelectedRow("Log pain", row: 11, in: screen)
        XCTAssertEqual(Fixtures.style(of: "Exercises for", row: 13, in: screen)?.reverse, false, "only one row is selected")
        XCTAssertEqual(Fixtures.style(of: "New", row: 6, in: screen), .label)
        XCTAssertEqual(Fixtures.style(of: "Week 4:", row: 6, in: screen), .new, "what changed this week stands out")
    }

    func testHomeAtTheMinimum() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: minimum, keys: [.down, .down, .down])
        Fixtures.assertScreen(screen, [
            " Portal → Home                      Jordan Lee · Fri 27 Nov",
            "",
            " Stage       24 weeks pregnant",
            " Pain today  4/10 at 09:55",
            " Pain, 14 d  ▅▅▄▄▅▃▄▄▃▃▃  ▄  day's average · 7-day avg 3.5",
            " Exercises   1 of 6 done today (week 4) · 13-day streak",
            " New         Week 4: + Standing hip extension, ↑ Side-lying",
            "             hip abduction, ↑ Sit to stand, ↑ Pelvic floor…",
            " Next visit  3 of 6 · Thu 3 Dec 10:15 · in 6 days · virtual",
            " Visits      ●●○○○○ 2 of 6 completed",
            "",
            "   l Log pain                   c Pelvic floor check-in",
            "   w Warning signs check        d Bladder diary",
            "   e Exercises for this week    o Bowel log",
            " › v Visits                     m Questionnaires",
            "   t Questions for the visit    i About me",
            "   ↓ more below",
            "↑↓ move  Enter open  l log pain  e exercises  ? help  q quit",
        ])
        assertTitleBarAndFooter(screen)
        assertSelectedRow("Visits", row: 14, in: screen)
        XCTAssertEqual(Fixtures.style(of: "Log pain", row: 11, in: screen)?.reverse, false)
    }

    func testHomeWithAHighPainBannerAt80x24() throws {
        let screen = Fixtures.screen(try highPainSnapshot(), size: standard)
        Fixtures.assertScreen(screen, [
            " Portal → Home                                          Jordan Lee · Fri 27 Nov",
            "",
            "  High pain: You logged pain of 8 out of 10. Your pain is high. Stop what",
            "  hurts, rest, and contact your therapist or provider. Chest pain, trouble",
            "  breathing or fainting: call 911. Bleeding, fever or a swollen leg: call your",
            "  provider now.",
            "",
            " Stage       24 weeks pregnant",
            " Pain today  8/10 at 11:30 · 2 entries today, highest 8",
            " Pain, 14 d  ▅▅▄▄▅▃▄▄▃▃▃  ▅  day's average · 7-day avg 3.9",
            " Exercises   1 of 6 done today (week 4) · 13-day streak",
            " New         Week 4: + Standing hip extension, ↑ Side-lying hip abduction,",
            "             ↑ Sit to stand, ↑ Pelvic floor long holds, − Clamshell",
            " Next visit  3 of 6 · Thu 3 Dec 10:15 · in 6 days · virtual",
            " Visits      ●●○○○○ 2 of 6 completed",
            "",
            " › l Log pain                   c Pelvic floor check-in",
            "   w Warning signs check        d Bladder diary",
            "   e Exercises for this week    o Bowel log",
            "   v Visits                     m Questionnaires",
            "   t Questions for the visit    i About me",
            "   p Progress                   s Share with your therapist",
            "   r Learn: your reading",
            "↑↓ move  Enter open  l log pain  e exercises  ? help  q quit",
        ])
        assertTitleBarAndFooter(screen)
        // The banner: the whole block in the warning style, reversed, its first words bold; never colour alone.
        XCTAssertEqual(Fixtures.style(of: "High pain:", row: 2, in: screen), Style(foreground: .yellow, bold: true, reverse: true))
        for row in 2...5 {
            XCTAssertEqual(Fixtures.style(of: String(screen.lines[row].dropFirst(2).prefix(4)), row: row, in: screen)?.reverse, true,
                           "banner row \(row)")
        }
        XCTAssertEqual(Fixtures.style(of: "8/10", row: 8, in: screen), .plain)
        assertSelectedRow("Log pain", row: 16, in: screen)
    }

    func testHomeWithAHighPainBannerAtTheMinimum() throws {
        let screen = Fixtures.screen(try highPainSnapshot(), size: minimum)
        // The alert's action is never cut (QA-i I2): here the whole alert fits beside the menu's four items, so it
        // is said whole, with no key for the rest, and the summary gives way below it.
        Fixtures.assertScreen(screen, [
            " Portal → Home                      Jordan Lee · Fri 27 Nov",
            "",
            "  High pain: You logged pain of 8 out of 10. Your pain is",
            "  high. Stop what hurts, rest, and contact your therapist",
            "  or provider. Chest pain, trouble breathing or fainting:",
            "  call 911. Bleeding, fever or a swollen leg: call your",
            "  provider now.",
            "",
            " Stage       24 weeks pregnant",
            " Pain today  8/10 at 11:30 · 2 entries today, highest 8",
            " Pain, 14 d  ▅▅▄▄▅▃▄▄▃▃▃  ▅  day's average · 7-day avg 3.9",
            " Exercises   1 of 6 done today (week 4) · 13-day streak",
            " › l Log pain                   c Pelvic floor check-in",
            "   w Warning signs check        d Bladder diary",
            "   e Exercises for this week    o Bowel log",
            "   v Visits                     m Questionnaires",
            "   ↓ more below",
            "↑↓ move  Enter open  l log pain  e exercises  ? help  q quit",
        ])
        XCTAssertEqual(Fixtures.style(of: "High pain:", row: 2, in: screen), Style(foreground: .yellow, bold: true, reverse: true))
        assertSelectedRow("Log pain", row: 12, in: screen)
        XCTAssertEqual(Fixtures.style(of: "more below", row: 16, in: screen), .muted)
    }

    func testLogPainAt80x24() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: standard, keys: [.character("l"), .character("3")])
        Fixtures.assertScreen(screen, [
            " Portal → Log pain                                      Jordan Lee · Fri 27 Nov",
            "",
            " › Pain score       0    1    2   [3]   4    5    6    7    8    9   10",
            "                  no pain                                 worst possible",
            "   Day            Today, Fri 27 Nov",
            "   Time           12:00",
            "   Where          none chosen",
            "   Worse with     none chosen",
            "   Warning signs  none",
            "   Note           optional",
            "                  [ Save entry ]",
            "",
            " Entries for today (Tab here, then Enter edits, d deletes)",
            "   09:55  4/10  Back of hip / buttock (right)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "0-10 ←→ score  Enter save  Tab next field  Esc back  ? help",
        ])
        assertTitleBarAndFooter(screen)
        assertSelectedRow("Pain score", row: 2, in: screen)
        XCTAssertEqual(Fixtures.style(of: "[3]", row: 2, in: screen), Style(foreground: .green, bold: true, reverse: true),
                       "the chosen score is marked by brackets, not by colour alone")
        XCTAssertEqual(Fixtures.style(of: "Day", row: 4, in: screen), .label)
        XCTAssertEqual(Fixtures.style(of: "optional", row: 9, in: screen), Style(dim: true, underline: true), "an empty field")
    }

    func testLogPainAtTheMinimum() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: minimum, keys: [.character("l")])
        Fixtures.assertScreen(screen, [
            " Portal → Log pain                  Jordan Lee · Fri 27 Nov",
            "",
            " › Pain score      0 1 2 3 4 5 6 7 8 9 10",
            "                  no pain   worst possible",
            "   Day            Today, Fri 27 Nov",
            "   Time           12:00",
            "   Where          none chosen",
            "   Worse with     none chosen",
            "   Warning signs  none",
            "   Note           optional",
            "                  [ Save entry ]",
            "",
            " Entries for today (Tab here, then Enter edits, d deletes)",
            "   09:55  4/10  Back of hip / buttock (right)",
            "",
            "",
            "",
            "0-10 ←→ score  Enter save  Tab next field  Esc back  ? help",
        ])
        assertTitleBarAndFooter(screen)
        assertSelectedRow("Pain score", row: 2, in: screen)
    }
}
