import PortalCore
import XCTest
@testable import PortalUI

final class QuizScreenTests: XCTestCase {
    let ctx = Fixtures.context()
    var quiz: Quiz { Fixtures.content.quiz }
    var ids: [String] { quiz.questions.map(\.id) }

    /// Yes to the first question (bladder) and the seventh (bowel), no to the rest.
    let bladderAndBowel: [Key] = [.character("y")] + Array(repeating: .character("n"), count: 6) + [.character("y")]
        + Array(repeating: .character("n"), count: 4)

    func answered(_ keys: [Key]) -> (QuizScreen, Reaction) {
        var screen = QuizScreen()
        _ = screen.handle(.enter, ctx)
        var last = Reaction.stay
        for key in keys { last = screen.handle(key, ctx) }
        return (screen, last)
    }

    // MARK: Start page

    func testStartPageAt80x24() {
        let app = Fixtures.app(keys: [.character("c")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Pelvic floor check-in                         Jordan Lee · Fri 27 Nov",
            "",
            " These questions are about the last month. Answer yes or no; there are no wrong",
            " answers. Many of these symptoms are common in pregnancy and after birth, and",
            " most can be helped. This check-in does not give a diagnosis: it helps you",
            " decide what to raise with your therapist.",
            "",
            " Press Enter to start.",
        ] + Array(repeating: "", count: 15) + [
            "Enter start  Esc back  ? help",
        ])
    }

    func testStartPageListsEarlierResultsNewestFirst() {
        var snapshot = Fixtures.demo
        snapshot.quizResults = [
            QuizResult(id: 1, date: CalendarDate("2026-11-13")!, answers: Dictionary(uniqueKeysWithValues: ids.map { ($0, false) })),
            QuizResult(id: 2, date: CalendarDate("2026-11-27")!, answers: ["leak-cough-sneeze": true, "straining": true]),
        ]
        let buffer = Fixtures.draw(QuizScreen(), Fixtures.context(snapshot), width: 58, height: 15)
        assertLines(buffer, [
            "These questions are about the last month. Answer yes or",
            "no; there are no wrong answers. Many of these symptoms are",
            "common in pregnancy and after birth, and most can be",
            "helped. This check-in does not give a diagnosis: it helps",
            "you decide what to raise with your therapist.",
            "",
            "Your earlier check-ins",
            "  27 Nov: 2 areas to talk about (bladder, bowel)",
            "  13 Nov: nothing to flag",
            "",
            "Press Enter to start.",
            "", "", "", "",
        ])
        XCTAssertEqual(Fixtures.style(of: "Enter", in: buffer), .key)
    }

    func testManyEarlierResultsGiveWayToThePrompt() {
        var snapshot = Fixtures.demo
        snapshot.quizResults = (1...20).map { QuizResult(id: Int64($0), date: CalendarDate("2026-11-01")!.adding(days: $0), answers: [:]) }
        let lines = Fixtures.draw(QuizScreen(), Fixtures.context(snapshot), width: 58, height: 15).lines
        XCTAssertEqual(lines[7], "  21 Nov: nothing to flag")
        XCTAssertEqual(lines[12], "  and 15 earlier")
        XCTAssertEqual(lines[14], "Press Enter to start.")
    }

    func testOlderCheckInsTheSnapshotOnlyCountedAreCountedAsEarlier() {
        var snapshot = Fixtures.demo
        snapshot.quizResults = (1...2).map { QuizResult(id: Int64($0), date: CalendarDate("2026-11-01")!.adding(days: $0), answers: [:]) }
        snapshot.olderQuizResults = 40
        let lines = Fixtures.draw(QuizScreen(), Fixtures.context(snapshot), width: 58, height: 15).lines
        XCTAssertEqual(lines[7], "  3 Nov: nothing to flag")
        XCTAssertEqual(lines[8], "  2 Nov: nothing to flag")
        XCTAssertEqual(lines[9], "  and 40 earlier")
    }

    func testSummaryNamesOneArea() {
        let r = QuizResult(date: CalendarDate("2026-11-20")!, answers: ["heaviness-bulge": true, "urgency": false])
        XCTAssertEqual(QuizScreen.summary(r, quiz: quiz), "20 Nov: 1 area to talk about (heaviness or bulge)")
    }

    // MARK: Questions

    func testEnterStartsAtTheFirstQuestion() {
        var screen = QuizScreen()
        XCTAssertFalse(screen.hasUnsavedChanges)
        XCTAssertEqual(screen.handle(.enter, ctx), .stay)
        XCTAssertEqual(screen.page, .question(0))
        XCTAssertEqual(screen.choice, nil)
        XCTAssertFalse(screen.hasUnsavedChanges, "nothing answered yet: Esc simply leaves")
        XCTAssertFalse(screen.capturesText, "q and ? still work")
        _ = screen.handle(.character("y"), ctx)
        XCTAssertTrue(screen.hasUnsavedChanges, "leaving mid-way asks first")
    }

    func testQuestionPageAt80x24And60x18() {
        let keys: [Key] = [.character("c"), .enter, .character("y"), .character("n")]
        assertLines(Fixtures.app(keys: keys).view(size: Size(width: 80, height: 24)), [
            " Portal → Pelvic floor check-in                         Jordan Lee · Fri 27 Nov",
            "",
            " Question 3 of 12",
            "",
            " Do you get sudden, strong urges to pee, or leak before you reach the toilet?",
            "",
            "   y Yes     n No",
            "",
            " Press y or n. b: previous question. Esc: back (answers so far are not saved).",
        ] + Array(repeating: "", count: 14) + [
            "y yes  n no  ←→ choose  Enter answer  b previous question  Esc back  ? help",
        ])
        assertLines(Fixtures.app(keys: keys + [.left]).view(size: Size(width: 60, height: 18)), [
            " Portal → Pelvic floor check-in     Jordan Lee · Fri 27 Nov",
            "",
            " Question 3 of 12",
            "",
            " Do you get sudden, strong urges to pee, or leak before you",
            " reach the toilet?",
            "",
            " › y Yes     n No",
            "",
            " Press y or n. b: previous question. Esc: back (answers so",
            " far are not saved).",
        ] + Array(repeating: "", count: 6) + [
            "y yes  n no  ←→ choose  Enter answer  Esc back  ? help",
        ])
    }

    func testEscOnTheFirstQuestionLeavesAndTheHintsMatchTheFooter() {
        var app = Fixtures.app(keys: [.character("c"), .enter])
        let first = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(first[8], " Press y or n. b: the introduction. Esc: back.")
        XCTAssertEqual(first[23], "y yes  n no  ←→ choose  Enter answer  b the introduction  Esc back  ? help")
        _ = app.press(.escape)
        XCTAssertNil(app.confirmation, "nothing answered: no question")
        XCTAssertEqual(app.top.screen.title, "Home")
    }

    func testTheChosenAnswerIsMarkedAndReversed() {
        var (screen, _) = answered([])
        _ = screen.handle(.right, ctx)
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.lines[4], "  y Yes   › n No")
        XCTAssertTrue(buffer[12, 4].style.reverse)
        XCTAssertFalse(buffer[2, 4].style.reverse)
    }

    func testYAndNAnswerAndMoveOn() {
        var (screen, _) = answered([])
        XCTAssertEqual(screen.handle(.character("y"), ctx), .stay)
        XCTAssertEqual(screen.answers, ["leak-cough-sneeze": true])
        XCTAssertEqual(screen.page, .question(1))
        XCTAssertEqual(screen.handle(.character("N"), ctx), .stay)
        XCTAssertEqual(screen.answers, ["leak-cough-sneeze": true, "leak-activity": false])
        XCTAssertEqual(screen.page, .question(2))
    }

    func testArrowsChooseAndEnterAnswers() {
        var (screen, _) = answered([])
        XCTAssertEqual(screen.handle(.enter, ctx), .stay)
        XCTAssertEqual(screen.page, .question(0), "Enter with nothing chosen waits")
        _ = screen.handle(.left, ctx)
        XCTAssertEqual(screen.choice, true)
        _ = screen.handle(.right, ctx)
        XCTAssertEqual(screen.choice, false)
        _ = screen.handle(.character("h"), ctx)
        XCTAssertEqual(screen.choice, true)
        XCTAssertEqual(screen.handle(.enter, ctx), .stay)
        XCTAssertEqual(screen.answers, ["leak-cough-sneeze": true])
        XCTAssertEqual(screen.page, .question(1))
        XCTAssertEqual(screen.choice, nil, "a new question starts unchosen")
    }

    func testBackShowsThePreviousAnswerAndItCanBeChanged() {
        var (screen, _) = answered([.character("y"), .character("n")])
        XCTAssertEqual(screen.handle(.character("b"), ctx), .stay)
        XCTAssertEqual(screen.page, .question(1))
        XCTAssertEqual(screen.choice, false)
        _ = screen.handle(.up, ctx)
        XCTAssertEqual(screen.page, .question(0))
        XCTAssertEqual(screen.choice, true)
        _ = screen.handle(.character("n"), ctx)
        XCTAssertEqual(screen.answers, ["leak-cough-sneeze": false, "leak-activity": false])
        XCTAssertEqual(screen.page, .question(1))
        XCTAssertEqual(screen.choice, false, "the answer given before is highlighted")
        _ = screen.handle(.character("b"), ctx)
        _ = screen.handle(.character("b"), ctx)
        XCTAssertEqual(screen.page, .start, "b on the first question goes back to the introduction")
        XCTAssertFalse(screen.hasUnsavedChanges)
    }

    func testOtherKeysAreLeftToTheApp() {
        var (screen, _) = answered([])
        for key: Key in [.character("q"), .character("?"), .escape, .backspace, .down, .tab] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen.page, .question(0))
        var start = QuizScreen()
        XCTAssertEqual(start.handle(.character("y"), ctx), .unhandled)
        XCTAssertEqual(start.page, .start)
    }

    func testLeavingMidwayAsksFirst() {
        var app = Fixtures.app(keys: [.character("c"), .enter, .character("y")])
        XCTAssertEqual(app.update(.key(.escape)), [])
        XCTAssertEqual(app.confirmation, .leave)
        guard case .quiz = app.top else { return XCTFail("still on the quiz") }
    }

    // MARK: Result

    func testTheLastAnswerShowsTheResultAndSavesIt() {
        let (screen, reaction) = answered(bladderAndBowel)
        XCTAssertEqual(screen.page, .result)
        var expected = Dictionary(uniqueKeysWithValues: ids.map { ($0, false) })
        expected["leak-cough-sneeze"] = true
        expected["bowel-leaks"] = true
        XCTAssertEqual(reaction, .effects(.saveQuiz(QuizResult(date: Fixtures.today, answers: expected))))
        XCTAssertFalse(screen.hasUnsavedChanges)
        XCTAssertNil(screen.savedOn)
    }

    func testCompletedSaveSaysSavedOnTheDay() {
        var (screen, reaction) = answered(bladderAndBowel)
        guard case .saveQuiz(let result) = reaction.effects.first else { return XCTFail("no save") }
        XCTAssertEqual(screen.completed(.markArticleRead("x"), ctx), .stay)
        XCTAssertNil(screen.savedOn)
        XCTAssertEqual(screen.completed(.saveQuiz(result), ctx), .stay)
        XCTAssertEqual(screen.savedOn, Fixtures.today)
        let buffer = Fixtures.draw(screen, ctx, width: 78, height: 21)
        XCTAssertEqual(buffer.lines[0], "✓ Saved on 27 Nov.")
        XCTAssertEqual(Fixtures.style(of: "Saved on", in: buffer)?.foreground, .green)
    }

    func testResultAt80x24ThroughTheApp() {
        var app = Fixtures.app(keys: [.character("c"), .enter] + bladderAndBowel)
        _ = app.update(.loaded(Fixtures.demo))
        XCTAssertEqual(app.storeStatus, .saving)
        app.answerPendingSaves()
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Pelvic floor check-in                         Jordan Lee · Fri 27 Nov",
            "",
            " ✓ Saved on 27 Nov.",
            "",
            " Things to talk about with your therapist:",
            "",
            " Bladder",
            " You mentioned leaks, sudden urges or needing to pee more often. These are",
            " common, and leaks with coughing, sneezing or effort often improve with pelvic",
            " floor training. Tell your therapist what happens and when, so they can check",
            " your squeeze and tailor your program.",
            "",
            " Bowel",
            " You mentioned leaks of gas or stool, or straining. Some people notice this",
            " after birth, and it can get better with care. Raise it with your therapist,",
            " who may also suggest you talk to your provider.",
            "",
            " This check-in is not a diagnosis. Please bring these answers up with your",
            " therapist at your next visit.",
            "",
            "",
            "",
            " Saved your answers.",
            "Enter done  ↑↓ scroll  Esc back  ? help",
        ])
    }

    func testAllNoShowsTheAllClearAndStillTheReminder() {
        var (screen, reaction) = answered(Array(repeating: .character("n"), count: 12))
        XCTAssertEqual(reaction.effects.count, 1)
        _ = screen.completed(reaction.effects[0], ctx)
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        assertLines(buffer, [
            "✓ Saved on 27 Nov.",
            "",
            "You answered no to every question. That's good to hear.",
            "Keep up your pelvic floor exercises, and take this",
            "check-in again if anything changes.",
            "",
            "This check-in is not a diagnosis. If anything changes or",
            "worries you, bring it up with your therapist.",
            "", "", "", "", "", "", "",
        ])
    }

    func testALongResultScrollsAndEndsWithTheReminder() {
        var (screen, _) = answered(Array(repeating: .character("y"), count: 12))
        let ctx = self.ctx.with(area: Size(width: 58, height: 15))
        let first = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertTrue(first.lines[14].hasSuffix("↓ more below  lines 1-14 of 43"), first.lines[14])
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.offset, 29)
        let end = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertEqual(end.lines[12], "This check-in is not a diagnosis. Please bring these")
        XCTAssertEqual(end.lines[13], "answers up with your therapist at your next visit.")
        XCTAssertTrue(end.lines[14].hasSuffix("lines 30-43 of 43"), end.lines[14])
        _ = screen.handle(.character("k"), ctx)
        XCTAssertEqual(screen.offset, 28)
        _ = screen.handle(.pageUp, ctx)
        XCTAssertEqual(screen.offset, 15)
        _ = screen.handle(.home, ctx)
        XCTAssertEqual(screen.offset, 0)
        _ = screen.handle(.pageDown, ctx)
        XCTAssertEqual(screen.offset, 13)
        _ = screen.handle(.down, ctx)
        XCTAssertEqual(screen.offset, 14)
        for area in ["Bladder", "Emptying your bladder", "Burning or pain when you pee", "Bowel", "Heaviness or bulge", "Pelvic pain and muscle control"] {
            XCTAssertTrue(screen.resultLines(ctx, width: 58).contains { $0.text == area }, area)
        }
    }

    // Issue 7, point 9: emptying problems get their own advice (not strengthening), and burning is asked about
    // and shown first, marked in words.
    func testEmptyingAndBurningHaveTheirOwnAdvice() {
        let quiz = ctx.content.quiz
        let emptying = quiz.questions.first { $0.id == "emptying" }
        XCTAssertEqual(emptying?.area, "emptying")
        XCTAssertFalse(quiz.areas.first { $0.area == "emptying" }?.suggestion.contains("pelvic floor training") ?? true)
        XCTAssertTrue(quiz.areas.first { $0.area == "emptying" }?.suggestion.contains("not the treatment") ?? false)
        XCTAssertTrue(quiz.questions.contains { $0.id == "burning" && $0.text.contains("burn") })
        var screen = QuizScreen()
        _ = screen.handle(.enter, ctx)
        for q in quiz.questions { _ = screen.handle(.character(q.id == "burning" || q.id == "leak-cough-sneeze" ? "y" : "n"), ctx) }
        let lines = screen.resultLines(ctx, width: 78).map(\.text)
        let burning = lines.firstIndex(of: "Burning or pain when you pee"), bladder = lines.firstIndex(of: "Bladder")
        XCTAssertNotNil(burning)
        XCTAssertLessThan(burning ?? 99, bladder ?? 0, "the urgent area comes first")
        XCTAssertTrue(lines[(burning ?? 0) + 1].hasPrefix("Important: "), lines.joined(separator: "\n"))
    }

    func testEnterOnTheResultGoesBack() {
        var (screen, _) = answered(bladderAndBowel)
        XCTAssertEqual(screen.handle(.enter, ctx), .pop)
        XCTAssertEqual(screen.handle(.character("q"), ctx), .unhandled)
    }

    func testAsciiGlyphs() {
        let ascii = Fixtures.context(glyphs: .ascii)
        var (screen, reaction) = answered(bladderAndBowel)
        _ = screen.completed(reaction.effects[0], ascii)
        let lines = Fixtures.draw(screen, ascii, width: 58, height: 15).lines
        XCTAssertEqual(lines[0], "x Saved on 27 Nov.")
        XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(lines)")
    }

    func testDrawsOnlyInsideItsArea() {
        Fixtures.assertStaysInside(QuizScreen(), ctx)
        Fixtures.assertStaysInside(answered([.character("y")]).0, ctx)
        Fixtures.assertStaysInside(answered(bladderAndBowel).0, ctx)
    }
}
