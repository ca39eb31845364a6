import PortalCore
import XCTest
@testable import PortalUI

/// A patient's chart as her therapist reads it (issue 23): her own screens, with nothing the therapist may not
/// write offered (`Viewer.may`, as the clinic's row-level rules decide), the alert said about her rather than
/// to the reader, and one key for her report, whose header says her therapist made it.
final class TherapistChartTests: XCTestCase {
    private let size80 = Size(width: 80, height: 24)

    func testHerHomeAt80x24OffersOnlyWhatHerTherapistMayDo() {
        let app = Fixtures.therapistApp(keys: [.enter], size: size80)
        assertLines(app.view(size: size80), [
            " Portal → Home                                          Jordan Lee · Fri 27 Nov",
            "",
            "  Important: She reported: Bleeding from the vagina. The portal told her: Stop",
            "  exercising and call your provider now. If you can't reach them, go to the",
            "  emergency room or call 911. Say that you are pregnant or have had a baby in",
            "  the last year.",
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
            " › w Warning signs she reported    d Bladder diary",
            "   e Exercises for this week       o Bowel log",
            "   v Visits                        m Questionnaires",
            "   t Questions for the visit       i About me",
            "   p Progress                      s Her report (last 28 days)",
            "   r Learn: her reading            n Next week's program",
            "",
            "↑↓ move  Enter open  e exercises  s report  Esc back  ? help",
        ])
    }

    func testThePatientsOwnFormsAreNeitherShownNorOpenedByTheirKeys() {
        for key in ["l", "c"] {  // her check-ins are read under Questionnaires (m)
            var app = Fixtures.therapistApp(keys: [.enter], size: size80)
            XCTAssertEqual(app.update(.key(.character(Character(key)))), [], key)
            XCTAssertEqual(app.top.kind, .home, "\(key) opens nothing for her therapist")
        }
        // w opens the signs she reported, to read and review, not the form that reports them.
        var signs = Fixtures.therapistApp(keys: [.enter], size: size80)
        XCTAssertEqual(signs.update(.key(.character("w"))), [])
        XCTAssertEqual(signs.top.kind, .reportedSigns)
        let screen = Fixtures.therapistApp(keys: [.enter], size: Size(width: 200, height: 50)).view(size: Size(width: 200, height: 50))
        for text in ["Log pain", "Warning signs check", "Pelvic floor check-in", "Share with your therapist", "You reported", "Press l"] {
            XCTAssertNil(Fixtures.row(screen, containing: text), "\(text) is the patient's")
        }
        for text in ["Bladder diary", "Bowel log", "Questionnaires", "About me", "Her report"] {
            XCTAssertNotNil(Fixtures.row(screen, containing: text), "\(text) is on her chart")
        }
        // The same chart in her own portal still offers them all.
        let hers = Fixtures.app(Fixtures.charts["jordan"]!).view(size: Size(width: 200, height: 50))
        for text in ["Log pain", "Share with your therapist", "You reported"] { XCTAssertNotNil(Fixtures.row(hers, containing: text), text) }
    }

    /// Her diaries and questionnaires are on her chart to read (issue 23 point 2): no key that writes them, and
    /// the questionnaires list her answers (the check-ins among them) with no "Start" for her therapist.
    func testHerDiariesAndQuestionnairesAreReadNotWritten() {
        for (key, kind, writes, hint) in [("d", ScreenState.Kind.bladderDiary, ["p", "l", "w", "a", "d"], "pee"), ("o", .bowelLog, ["4", "d"], "stool")] {
            var app = Fixtures.therapistApp(keys: [.enter, .character(Character(key))], size: size80)
            XCTAssertEqual(app.top.kind, kind, key)
            XCTAssertFalse(app.view(size: size80).lines.last!.contains(hint), "no \(hint) key in the footer")
            for w in writes {
                XCTAssertEqual(app.update(.key(.character(Character(w)))), [], "\(w) writes nothing in her \(kind)")
                XCTAssertEqual(app.top.kind, kind)
            }
            // The same keys in her own portal write.
            var hers = Fixtures.app(Fixtures.charts["jordan"]!, keys: [.character(Character(key))])
            XCTAssertEqual(hers.top.kind, kind)
            let asked = hers.update(.key(.character(Character(writes[0])))) + hers.update(.key(.enter))
            XCTAssertFalse(asked.isEmpty, "\(writes[0]) then Enter writes in her own \(kind)")
        }
        var measures = Fixtures.therapistApp(keys: [.enter, .character("m")], size: size80)
        XCTAssertEqual(measures.top.kind, .measures)
        for i in 0..<Fixtures.content.measures.count {
            var app = Fixtures.therapistApp(keys: [.enter, .character("m")] + Array(repeating: Key.down, count: i) + [.enter], size: size80)
            XCTAssertEqual(app.top.kind, .measure)
            let screen = app.view(size: size80)
            XCTAssertNil(Fixtures.row(screen, containing: "Start"), "no Start for her therapist:\n\(screen.lines.joined(separator: "\n"))")
            let before = screen.lines
            let answered = app.update(.key(.enter))
            XCTAssertFalse(answered.contains { if case .saveMeasure = $0 { return true } else { return false } })
            if Fixtures.row(screen, containing: "She has not filled it in yet.") != nil {
                XCTAssertEqual(app.view(size: size80).lines, before, "Enter opens nothing when she has no answers")
            }
        }
        _ = measures.update(.key(.escape))
    }

    func testHerExercisesAndDetailsCannotBeChanged() {
        var exercises = Fixtures.therapistApp(keys: [.enter, .character("e")], size: size80)
        XCTAssertEqual(exercises.top.kind, .exercises)
        XCTAssertFalse(exercises.view(size: size80).lines.last!.contains("done"), "no Space done in the footer")
        XCTAssertEqual(exercises.update(.key(.character(" "))), [], "Space marks nothing done")
        var detail = Fixtures.therapistApp(keys: [.enter, .character("e"), .enter], size: size80)
        XCTAssertEqual(detail.top.kind, .exerciseDetail)
        XCTAssertEqual(detail.update(.key(.character("x"))), [])
        XCTAssertEqual(detail.update(.key(.character("l"))), [])
        XCTAssertEqual(detail.top.kind, .exerciseDetail, "no session form")
        var profile = Fixtures.therapistApp(keys: [.enter, .character("i")], size: size80)
        let footer = profile.view(size: size80).lines.last!
        XCTAssertFalse(footer.contains("edit"), footer)
        XCTAssertEqual(profile.update(.key(.character("e"))), [])
        XCTAssertEqual(profile.top.kind, .profile)
        XCTAssertNil(Fixtures.row(profile.view(size: size80), containing: "Your data stays"), "told to her, not about her")
        var learn = Fixtures.therapistApp(keys: [.enter, .character("r")], size: size80)
        XCTAssertEqual(learn.update(.key(.enter)).filter { if case .markArticleRead = $0 { return true } else { return false } }, [],
                       "her therapist opening an article does not mark it read for her")
    }

    func testAWriteThatIsNotHersToMakeIsNeverSentAndTheLineSaysWhy() {
        var app = Fixtures.therapistApp(keys: [.enter], size: size80)
        let entry = PainEntry(date: Fixtures.today, time: Fixtures.noon, score: 3)
        XCTAssertEqual(app.allowed([.savePain(entry), .markArticleRead("x")]), [])
        XCTAssertEqual(app.flash?.text, "This login cannot change what she has read, so nothing was sent.")
        XCTAssertEqual(app.allowed([.closeChart]), [.closeChart], "reads and visits are hers to ask for")
    }

    func testTheReportKeyShowsHerReportMadeByHerTherapist() {
        var app = Fixtures.therapistApp(keys: [.enter], size: size80)
        XCTAssertEqual(app.update(.key(.character("s"))), [.makeReport(width: 78)], "laid out for the window")
        let shown = Fixtures.therapistApp(keys: [.enter, .character("s")], size: size80)
        XCTAssertEqual(shown.top.kind, .report)
        assertLines(shown.view(size: size80), [
            " Portal → Report: Jordan Lee                            Jordan Lee · Fri 27 Nov",
            "",
            " PHYSICAL THERAPY SUMMARY                              2026-10-31 to 2026-11-27",
            " Jordan Lee",
            " 24 weeks pregnant · 2nd trimester",
            " Treated for: Hip pain: piriformis (buttock)",
            " Sam Rivera, PT, DPT · Harbor Pelvic Health, 210 Harbor Street, Suite 4",
            " Made 2026-11-27 by her therapist (maria) from the clinic's record. Pain is",
            " scored 0 (none) to 10 (worst).",
            "",
            " PAIN  23 entries on 19 days",
            "   Daily average  ······▆·▅▆▆▅▄▅▅▅▄▄▅▃▄▄▃▃▃··▄",
            "   Daily highest  ······8·57754656445364343··4",
            "   28 days to 2026-11-27; · no entry; X is 10. First week 5.8, last 7 days 3.5:",
            "   2.3 points (40%) lower, a clinically important improvement (2 points or",
            "   30%).",
            "   Where: Back of hip / buttock (right) 23×, average 4.7; Front of hip (right)",
            "   7×, average 4.1",
            "   Worse with: walking 13×; sitting a long time 10×; standing up 7×",
            "   Days with pain of 8 or more: 6 Nov (8).",
            "   Warning signs reported: none.",
            "",
            "                                                               lines 1-20 of 52",
            "↑↓ scroll  Space next page  PgUp page back  Home/End start/end  Esc back  ? help",
        ])
        var back = shown
        _ = back.update(.key(.escape))
        XCTAssertEqual(back.top.kind, .home, "Esc goes back to her chart")
    }

    func testTheReportScrollsToItsEndAndEveryLineFitsANarrowWindow() {
        let size = Size(width: 60, height: 18)
        var app = Fixtures.therapistApp(keys: [.enter, .character("s")], glyphs: .ascii, size: size)
        _ = app.update(.key(.end))
        let screen = app.view(size: size)
        XCTAssertNotNil(Fixtures.row(screen, containing: "End of the report."), screen.lines.joined(separator: "\n"))
        guard case .report(let report) = app.top else { return XCTFail("not the report") }
        XCTAssertTrue(ReportScreen.lines(report.text, width: 58).allSatisfy { DisplayWidth.of($0) <= 58 })
    }

    func testPainDuringAnExerciseIsShownWithoutTellingHerTherapistToLogIt() {
        var jordan = Fixtures.demo
        jordan.painEntries.removeAll { $0.date == Fixtures.today }
        jordan.sessions.append(ExerciseSession(date: Fixtures.today, exerciseID: "sit-to-stand", week: 4, setsDone: 1, pain: 5))
        let app = Fixtures.therapistApp(keys: [.enter], size: Size(width: 200, height: 50), charts: ["jordan": jordan])
        let screen = app.view(size: Size(width: 200, height: 50))
        let row = Fixtures.row(screen, containing: "Pain today").map { screen.lines[$0] } ?? ""
        XCTAssertTrue(row.contains("5/10 during Sit to stand."), row)
        XCTAssertFalse(row.contains("Press l"), row)
        let hers = Fixtures.app(jordan).view(size: Size(width: 200, height: 50))
        XCTAssertTrue((Fixtures.row(hers, containing: "Pain today").map { hers.lines[$0] } ?? "").contains("Press l"), "she is still asked")
    }
}
