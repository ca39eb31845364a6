import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// The therapist's screens as she uses them (issue 23, the nits from the tmux look): a footer names only the keys
/// that act now (while she writes a visit's notes, while a question is asked), saving notes says the notes were
/// saved, and the chart's alert follows her review of the signs as the caseload does.
final class TherapistScreenNitsTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)]
    let size80 = Size(width: 80, height: 24)

    /// The caseload's records with Jordan's sign of yesterday reviewed by her therapist this morning, and (`later`)
    /// a fever she reported after that review.
    static func reviewedCharts(later: Bool = false) -> [String: PortalSnapshot] {
        var charts = Fixtures.charts
        var jordan = charts["jordan"]!
        jordan.record.signReviews = [SignReview(id: 1, reviewedAt: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 9, minute: 0)!),
                                                through: LocalDateTime(date: Fixtures.today.adding(days: -1), time: TimeOfDay(hour: 20, minute: 0)!),
                                                enteredThrough: 1000, reviewer: Fixtures.therapist)]
        if later {
            jordan.signReports.append(SignReport(id: 901, date: Fixtures.today, time: TimeOfDay(hour: 10, minute: 0)!, signs: ["fever"]))
            jordan.record.signsEntered.signReports[901] = 1001
        }
        charts["jordan"] = jordan
        return charts
    }

    func footer(_ app: PortalApp, _ size: Size) -> String { app.view(size: size).lines.last ?? "" }

    // MARK: Visit notes

    func testWhileSheWritesAVisitsNotesTheFooterNamesOnlyTheKeysThatWriteThem() {
        let keys: [Key] = [.enter, .character("v"), .enter, .character("n")]
        let app = Fixtures.therapistApp(keys: keys, size: size80)
        assertLines(app.view(size: size80), [
            " Portal → Visit 3                                       Jordan Lee · Fri 27 Nov",
            "",
            " Visit 3 of 6 · Follow-up",
            "",
            " Status     [ ] Booked · her next visit, in 6 days",
            " When       Thu 3 Dec 2026 at 10:15 · 45 min",
            " How        Virtual: a video call",
            " Link       https://video.example.org/harbor/jordan-lee",
            " Therapist  Sam Rivera, PT, DPT",
            "",
            " What this visit is for",
            " ↓ More below",
            " Notes for visit 3",
            " What was done, and what comes next",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Ctrl-S save  Esc cancel  Enter new line  ↑↓ lines  F1 help",
        ])
        for size in Self.sizes {
            let app = Fixtures.therapistApp(keys: keys, size: size)
            let footer = footer(app, size)
            XCTAssertTrue(footer.hasPrefix("Ctrl-S save  Esc cancel  Enter new line"), "\(size): \(footer)")
            for gone in ["b move", "x cancel", "other visits", "n notes", "Esc back", "? help"] {
                XCTAssertFalse(footer.contains(gone), "\(size): \(gone) does nothing while she writes: \(footer)")
            }
        }
        // And the keys the footer names do what it says: b and x are letters of the notes.
        var writing = Fixtures.therapistApp(keys: keys + [.character("b"), .character("x")], size: size80)
        XCTAssertEqual(writing.top.kind, .visitDetail)
        guard case .visitDetail(let screen) = writing.top else { return XCTFail() }
        XCTAssertTrue(screen.notes?.value.hasSuffix("bx") == true)
        XCTAssertEqual(writing.update(.key(.escape)), [], "Esc cancels")
        XCTAssertEqual(footer(writing, size80).contains("b move"), true, "the visit's keys are back once she stops")
    }

    /// The visit page's footer keeps "n notes" at every size: writing them is her work there, so it comes first
    /// and the last hints give way at 60 columns.
    func testTheVisitPageFooterKeepsNotesAtEverySize() {
        for size in Self.sizes {
            let footer = footer(Fixtures.therapistApp(keys: [.enter, .character("v"), .enter], size: size), size)
            XCTAssertTrue(footer.hasPrefix("n notes"), "\(size): \(footer)")
        }
    }

    /// F1 while she writes a visit's notes: Esc is listed once, as what it does there, never "go back".
    func testHelpWhileSheWritesNotesSaysWhatEscDoesThere() {
        let keys: [Key] = [.enter, .character("v"), .enter, .character("n"), .function(1)]
        for size in Self.sizes {
            let help = Fixtures.therapistApp(keys: keys, size: size).view(size: size).lines.joined(separator: "\n")
            XCTAssertTrue(help.contains("leave the notes as they were"), "\(size): \(help)")
            XCTAssertFalse(help.contains("go back"), "\(size): Esc does not go back while she writes: \(help)")
        }
        // On the visit itself (not writing), Esc goes back, and help says so.
        let visit = Fixtures.therapistApp(keys: [.enter, .character("v"), .enter, .character("?")], size: size80)
        XCTAssertTrue(visit.view(size: size80).lines.joined(separator: "\n").contains("go back"))
    }

    func testSavingAVisitsNotesSaysTheNotesWereSaved() {
        var app = Fixtures.therapistApp(keys: [.enter, .character("v"), .enter, .character("n")] + Fixtures.chars("Hip hinge cue."), size: size80)
        let effects = app.update(.key(.ctrl("s")))
        guard case .saveVisitNotes(let visit)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(visit.status, .booked, "the notes of a visit still to come")
        _ = app.update(.completed(.saveVisitNotes(visit), .visit(visit)))
        assertLines(app.view(size: size80), [
            " Portal → Visit 3                                       Jordan Lee · Fri 27 Nov",
            "",
            " Visit 3 of 6 · Follow-up",
            "",
            " Status     [ ] Booked · her next visit, in 6 days",
            " When       Thu 3 Dec 2026 at 10:15 · 45 min",
            " How        Virtual: a video call",
            " Link       https://video.example.org/harbor/jordan-lee",
            " Therapist  Sam Rivera, PT, DPT",
            "",
            " What this visit is for",
            " A video check-in on your progress, your sleep and your everyday positions at",
            " home.",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Saved the notes for visit 3 of 6.",
            "n notes  b move  x cancel  ←→ other visits  Esc back  ? help",
        ])
    }

    func testWhileACancelIsAskedTheFooterNamesTheAnswerOnly() {
        for size in Self.sizes {
            let app = Fixtures.therapistApp(keys: [.enter, .character("v"), .enter, .character("x")], size: size)
            XCTAssertEqual(footer(app, size), "y cancel it  Esc keep it  ? help", "\(size)")
        }
    }

    // MARK: The review of her signs

    func testWhileTheReviewIsAskedTheFooterOffersTheAnswerNotTheReviewAgain() {
        let keys: [Key] = [.enter, .character("w"), .character("v")]
        assertLines(Fixtures.therapistApp(keys: keys, size: size80).view(size: size80), [
            " Portal → Warning signs reported                        Jordan Lee · Fri 27 Nov",
            "",
            " The warning signs she reported in the last 120 days, newest first, and whether",
            " you reviewed them.",
            "",
            " Yesterday 20:00",
            "   Bleeding from the vagina",
            "   not reviewed yet (v marks it reviewed)",
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
            " Mark the 1 warning sign not reviewed yet (the newest dated Thu 26 Nov 20:00)",
            " as reviewed by you? She sees that you reviewed them. y = reviewed, any other",
            " key = not yet",
            "y reviewed  Esc not yet  ? help",
        ])
        for size in Self.sizes {
            let footer = footer(Fixtures.therapistApp(keys: keys, size: size), size)
            XCTAssertFalse(footer.contains("v mark reviewed"), "\(size): \(footer)")
            XCTAssertTrue(footer.hasPrefix("y reviewed  Esc not yet"), "\(size): \(footer)")
        }
        // Before the question the footer offers the review.
        XCTAssertTrue(footer(Fixtures.therapistApp(keys: [.enter, .character("w")], size: size80), size80).contains("v mark reviewed"))
    }

    func testOnceSheReviewsTheSignsTheChartsAlertGoesAsTheCaseloadsReasonDoes() {
        let charts = Self.reviewedCharts()
        XCTAssertFalse(CaseloadRow(login: "jordan", snapshot: charts["jordan"]!, guide: Fixtures.content.safety).reasons
            .contains { if case .warningSigns = $0 { return true } else { return false } }, "the caseload no longer flags her")
        assertLines(Fixtures.therapistApp(keys: [.enter], size: size80, charts: charts).view(size: size80), [
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
            " › w Warning signs she reported",
            "   e Exercises for this week",
            "   v Visits",
            "   t Questions for the visit",
            "   p Progress",
            "   r Learn: her reading",
            "   d Bladder diary",
            "   o Bowel log",
            "   m Questionnaires",
            "   i About me",
            "   s Her report (last 28 days)",
            "   n Next week's program",
            "↑↓ move  Enter open  e exercises  s report  Esc back  ? help",
        ])
        for size in Self.sizes {
            let screen = Fixtures.therapistApp(keys: [.enter], size: size, charts: charts).view(size: size)
            XCTAssertNil(Fixtures.row(screen, containing: "She reported"), "\(size)")
            // Before the review the chart alerts her therapist.
            XCTAssertNotNil(Fixtures.row(Fixtures.therapistApp(keys: [.enter], size: size).view(size: size), containing: "She reported"), "\(size)")
        }
        // The patient's own Home still tells her what to do about the sign she reported.
        XCTAssertNotNil(Fixtures.row(Fixtures.app(charts["jordan"]!, viewer: .clinicPatient).view(size: size80), containing: "You reported"))
    }

    func testASignReportedAfterTheReviewAlertsAloneAsTheCaseloadFlagsIt() {
        let charts = Self.reviewedCharts(later: true)
        let row = CaseloadRow(login: "jordan", snapshot: charts["jordan"]!, guide: Fixtures.content.safety)
        XCTAssertTrue(row.reasons.contains { if case .warningSigns(let signs, _) = $0 { return signs == ["A temperature of 100.4 °F (38 °C) or higher"] } else { return false } }, "\(row.reasons)")
        for size in Self.sizes {
            let screen = Fixtures.therapistApp(keys: [.enter], size: size, charts: charts).view(size: size)
            let text = screen.lines.joined(separator: " ")
            XCTAssertTrue(text.contains("She reported: A temperature of"), "\(size): \(text)")
            XCTAssertFalse(text.contains("Bleeding from the vagina"), "\(size): the reviewed sign is not alerted again")
        }
    }

    /// A questionnaire due before her visit is her to-do with the key that starts it; on her chart it is what is
    /// due from her, with no key (her therapist reads questionnaires, she does not fill them in).
    func testAQuestionnaireDueIsHerToDoAndNoKeyForHerTherapist() throws {
        // The re-evaluation (visit 4) is on Monday: the PSFS is due (DiaryHomeAndProgressTests).
        var charts = Fixtures.charts
        charts["jordan"] = DiaryFixtures.bladderSnapshot
        var app = Fixtures.app(DiaryFixtures.bladderSnapshot, viewer: .clinicPatient)
        _ = app.update(.resized(size80))
        let hers = app.view(size: size80)
        let herRow = try XCTUnwrap(Fixtures.row(hers, containing: "Press m."), hers.lines.joined(separator: "\n"))
        XCTAssertTrue(hers.lines[herRow].hasPrefix(" To do "), hers.lines[herRow])
        let chart = Fixtures.therapistApp(keys: [.enter], size: size80, charts: charts).view(size: size80)
        XCTAssertNil(Fixtures.row(chart, containing: "Press m"), chart.lines.joined(separator: "\n"))
        let row = try XCTUnwrap(Fixtures.row(chart, containing: "Her to do"), chart.lines.joined(separator: "\n"))
        XCTAssertTrue(chart.lines[row].contains("questionnaire"), chart.lines[row])
    }

    /// Answering a question at 60 columns: the line under the field is whole (the footer names Enter and Esc).
    func testTheAnswerLineSaysItsLimitWholeAt60Columns() throws {
        let size = Size(width: 60, height: 18)
        var charts = Fixtures.charts
        charts["jordan"]?.record.questions = [VisitQuestion(id: 1, askedAt: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 8, minute: 30)!),
                                                            text: "Is pain at night normal?")]
        let screen = Fixtures.therapistApp(keys: [.enter, .character("t"), .enter], size: size, charts: charts).view(size: size)
        let row = try XCTUnwrap(Fixtures.row(screen, containing: "One line, at most"), screen.lines.joined(separator: "\n"))
        XCTAssertEqual(screen.lines[row].trimmingCharacters(in: .whitespaces), "One line, at most \(VisitQuestion.answerLimit) characters.")
        XCTAssertTrue(screen.lines.last!.hasPrefix("Enter save  Esc cancel"), screen.lines.last!)
    }

    // MARK: One way to speak of her

    /// The screens choose "her"/"your" (and she/you) through `Viewer.words` alone: no test of who is looking picks
    /// the words, so a new screen cannot speak to the patient on her chart.
    func testNoScreenPicksItsWordsByATestOfWhoIsLooking() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        var found: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" && url.lastPathComponent != "Viewer.swift" {
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated()
            where line.range(of: #"(isTherapist|aboutHer|\bher|herTherapist)\s*\?\s*""#, options: .regularExpression) != nil {
                found.append("\(url.lastPathComponent):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        XCTAssertEqual(found, [])
        let words = Viewer.therapist(login: "maria").words, hers = Viewer.clinicPatient.words
        XCTAssertEqual([words.your, words.Your, words.you, words.say(you: "You", she: "She")], ["her", "Her", "her", "She"])
        XCTAssertEqual([hers.your, hers.Your, hers.you, hers.say(you: "You", she: "She")], ["your", "Your", "you", "You"])
        XCTAssertEqual(Viewer.patient.words, hers)
    }
}
