import PortalCore
import XCTest
@testable import PortalUI

/// Questions for the visit (Home's `t`, issue 23 point 4): her list with its answers at every size, adding and
/// taking back a question, refusals said under the line; her therapist answering from her chart; Home showing a
/// new answer and marking it read.
final class QuestionsScreenTests: XCTestCase {
    static let asked = LocalDateTime(date: Fixtures.today.adding(days: -2), time: TimeOfDay(hour: 21, minute: 0)!)

    /// The demo with two questions: the first answered by her therapist yesterday (not read yet), the second waiting.
    static var withQuestions: PortalSnapshot {
        var s = Fixtures.demo
        s.record.questions = [
            VisitQuestion(id: 1, askedAt: asked, text: "Can I go back to running after week 4?", answer: "Not yet: we will try a short jog at visit 4.",
                          answeredAt: LocalDateTime(date: Fixtures.today.adding(days: -1), time: TimeOfDay(hour: 10, minute: 5)!),
                          answeredBy: Fixtures.therapist),
            VisitQuestion(id: 2, askedAt: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 8, minute: 30)!), text: "Is pain at night normal?"),
        ]
        return s
    }

    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)]

    func testHerListWithItsAnswerAtEverySize() {
        for size in Self.sizes {
            let screen = Fixtures.screen(Self.withQuestions, size: size, keys: [.character("t")])
            let text = screen.lines.joined(separator: "\n")
            let at = "\(size.width)×\(size.height)"
            XCTAssertTrue(screen.lines[0].contains("Questions for the visit"), "\(at): the title")
            XCTAssertTrue(text.contains("1. Can I go back to running"), "\(at)\n\(text)")
            // Who answered is her therapist; a login ("maria") is not a name she knows her by, and is never shown to her.
            XCTAssertTrue(text.contains("Answer from your therapist, Thu 26 Nov 10:05: Not yet"), "\(at)\n\(text)")
            XCTAssertFalse(text.contains(Fixtures.therapist), "\(at)\n\(text)")
            XCTAssertTrue(text.contains("2. Is pain at night normal?"), "\(at)\n\(text)")
            XCTAssertTrue(text.contains("Asked Fri 27 Nov 08:30 · waiting for an answer"), "\(at)\n\(text)")
            XCTAssertTrue(screen.lines[size.height - 1].contains("a add a question"), "\(at): the footer")
            for line in screen.lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), size.width, at) }
            // The intro is said whole or not at all.
            XCTAssertEqual(text.contains("Write down what you want to ask"), text.contains("report carries it)."), at)
        }
    }

    /// The whole screen at 80×24, row by row.
    func testTheWholeScreenAt80x24() {
        let screen = Fixtures.screen(Self.withQuestions, size: Size(width: 80, height: 24), keys: [.character("t")])
        let body = Array(screen.lines[2...10]).map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        XCTAssertEqual(body, [
            " Write down what you want to ask at your next visit: take the list along (the",
            " report carries it).",
            "",
            " › 1. Can I go back to running after week 4?",
            "     Asked Wed 25 Nov 21:00",
            "     Answer from your therapist, Thu 26 Nov 10:05: Not yet: we will try a short",
            "     jog at visit 4.",
            "   2. Is pain at night normal?",
            "     Asked Fri 27 Nov 08:30 · waiting for an answer",
        ], screen.lines.joined(separator: "\n"))
        // (Home, under it, asked for the answer it drew to be marked read: "Saving…" may follow.)
        XCTAssertTrue(screen.lines[23].hasPrefix("↑↓ choose  a add a question  Esc back  ? help"), "the footer")
    }

    func testSheAddsAQuestionAndABadOneIsSaidUnderTheLine() {
        var app = Fixtures.app(Self.withQuestions, keys: [.character("t")])
        XCTAssertEqual(app.top.kind, .questions)
        app.press(.character("a"))
        XCTAssertTrue(app.top.screen.capturesText, "q and ? are letters while she writes")
        // Empty: said under the line, nothing sent.
        XCTAssertEqual(app.press(.enter), [])
        let problem = words(app.view(size: Size(width: 80, height: 24)).lines.joined(separator: " "))
        XCTAssertTrue(problem.contains("Problem: The question is empty. Write 1 to 500 characters of plain text on one line."), problem)
        app.type("Can I do yoga?")
        XCTAssertEqual(app.press(.enter), [.askQuestion("Can I do yoga?")])
        _ = app.update(.completed(.askQuestion("Can I do yoga?"), .question(VisitQuestion(id: 3, askedAt: Self.asked, text: "Can I do yoga?"))))
        guard case .questions(let s) = app.top else { return XCTFail("still on the questions") }
        XCTAssertFalse(s.writing, "closed once saved")
        // Esc while writing cancels the line, not the screen.
        app.press(.character("a"))
        app.type("x")
        app.press(.escape)
        XCTAssertEqual(app.top.kind, .questions)
    }

    func words(_ s: String) -> String { s.split(separator: " ").joined(separator: " ") }

    /// Her question is held to a question's limit as she types, her therapist's answer to an answer's: the key
    /// past it is refused in words naming the limit, and what was written stays.
    func testEachLineIsHeldToItsOwnLimitAndSaysSo() {
        var app = Fixtures.app(Self.withQuestions, keys: [.character("t"), .character("a")])
        app.press(.paste(String(repeating: "x", count: VisitQuestion.textLimit)))
        app.press(.character("y"))
        guard case .questions(let s) = app.top else { return XCTFail("on the questions") }
        XCTAssertEqual(PlainText.length(s.field.value), VisitQuestion.textLimit, "nothing cut, nothing more")
        let said = words(app.view(size: Size(width: 80, height: 24)).lines.joined(separator: " "))
        XCTAssertTrue(said.contains("at most \(VisitQuestion.textLimit) characters and is full"), said)
        XCTAssertEqual(app.press(.enter), [.askQuestion(String(repeating: "x", count: VisitQuestion.textLimit))])

        var charts = Fixtures.charts
        for login in charts.keys where charts[login]?.patient != nil { charts[login]?.record.questions = Self.withQuestions.record.questions }
        var his = Fixtures.therapistApp(keys: [.enter, .character("t"), .down, .enter], charts: charts)
        his.press(.paste(String(repeating: "y", count: VisitQuestion.textLimit + 1)))
        guard case .questions(let t) = his.top else { return XCTFail("on her questions") }
        XCTAssertEqual(PlainText.length(t.field.value), VisitQuestion.textLimit + 1, "an answer holds more than a question")
        XCTAssertEqual(t.field.maxLength, VisitQuestion.answerLimit)
    }

    /// While removing a question is asked, Esc keeps it: the footer says so, not the app's "Esc back".
    func testTheRemovalQuestionsFooterSaysEscKeepsIt() {
        var app = Fixtures.app(Self.withQuestions, keys: [.character("t"), .down, .character("x")])
        guard case .questions(let s) = app.top else { return XCTFail("on the questions") }
        XCTAssertTrue(s.confirmingRemoval)
        let footer = app.view(size: Size(width: 80, height: 24)).lines.last ?? ""
        XCTAssertTrue(footer.contains("Esc keep it"), footer)
        XCTAssertFalse(footer.contains("Esc back"), footer)
        XCTAssertEqual(app.press(.escape), [])
        guard case .questions(let kept) = app.top else { return XCTFail("Esc kept the screen") }
        XCTAssertFalse(kept.confirmingRemoval, "and the question")
    }

    func testSheTakesBackOnlyAWaitingQuestionAndOnlyAfterSayingYes() {
        var app = Fixtures.app(Self.withQuestions, keys: [.character("t")])
        // The first is answered: x does nothing to it.
        XCTAssertEqual(app.press(.character("x")), [])
        guard case .questions(let first) = app.top else { return XCTFail() }
        XCTAssertFalse(first.confirmingRemoval)
        app.press(.down, .character("x"))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).lines.contains { $0.contains("Remove question 2? y removes it, n keeps it.") })
        XCTAssertEqual(app.press(.character("n")), [], "n keeps it")
        XCTAssertEqual(app.press(.character("x"), .character("y")), [.withdrawQuestion(id: 2)])
    }

    func testHerTherapistAnswersFromHerChartAndAsksNothing() {
        var charts = Fixtures.charts
        for login in charts.keys where charts[login]?.patient != nil { charts[login]?.record.questions = Self.withQuestions.record.questions }
        var app = Fixtures.therapistApp(keys: [.enter], charts: charts)
        XCTAssertEqual(app.top.kind, .home)
        let home = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(home.contains("1 question to answer (t)"), home)
        app.press(.character("t"))
        XCTAssertEqual(app.top.kind, .questions)
        for size in Self.sizes {
            let text = app.view(size: size).lines.joined(separator: "\n")
            XCTAssertTrue(text.contains("Can I go back to running"), "\(size)")
            XCTAssertFalse(text.contains("add a question"), "\(size): asking is hers")
        }
        app.press(.down, .enter)
        app.type("Some ache at night is common; tell me if it wakes you.")
        XCTAssertEqual(app.press(.enter), [.answerQuestion(id: 2, answer: "Some ache at night is common; tell me if it wakes you.")])
        // An answer of spaces is refused on the screen, before anything is sent.
        app.press(.escape, .enter)
        app.type("   ")
        XCTAssertEqual(app.press(.enter), [])
        XCTAssertEqual(app.press(.escape, .character("x")), [], "taking one back is hers")
    }

    func testHomeShowsANewAnswerAndMarksItRead() {
        var app = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = app.update(.resized(Size(width: 80, height: 24)))
        let effects = app.update(.loaded(Self.withQuestions))
        XCTAssertEqual(effects, [.markAnswersRead(Self.shown(Self.withQuestions, [1]))], "shown on Home: read")
        let home = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(home.contains("Answer") && home.contains("from your therapist, yesterday: Not yet"), home)
        // Read: Home keeps it for a week, and marks nothing again.
        var read = Self.withQuestions
        read.record.questions[0].readAt = Fixtures.clock.now
        XCTAssertEqual(app.update(.loaded(read)), [])
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n").contains("from your therapist, yesterday"))
        // QA H9: her therapist changes the answer (new to her again): once Home shows the new words, those are read.
        var changed = Self.withQuestions
        changed.record.questions[0].answer = "No running yet: we will talk at visit 4."
        XCTAssertEqual(app.update(.loaded(changed)), [.markAnswersRead(Self.shown(changed, [1]))], "the changed answer, as shown")
        // Her therapist's Home marks nothing.
        var charts = Fixtures.charts
        charts["jordan"]?.record.questions = Self.withQuestions.record.questions
        var therapist = Fixtures.therapistApp(charts: charts)
        XCTAssertEqual(therapist.update(.loaded(Self.withQuestions)), [])
    }

    /// QA M14: a long answer was cut on Home with "…" and nothing said where to read the rest (the cut part can be
    /// the instruction that matters): it ends with where to read it all, as the banner's "(b shows them)".
    func testALongAnswerCutOnHomeSaysWhereToReadItAll() {
        var s = Self.withQuestions
        s.record.questions[0].answer = String(repeating: "Yes, but bend your knees and keep the toddler close; ", count: 12)
            + "IMPORTANT FINAL PART: stop if you bleed."
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            for glyphs in [Glyphs.unicode, .ascii] {
                let lines = Fixtures.screen(s, size: size, glyphs: glyphs).lines
                // Its last row ends so (at 200 columns the chart's column shares the rows).
                XCTAssertTrue(lines.contains { $0.hasPrefix("             ") && $0.contains("\(glyphs.ellipsis) (t reads it all)") },
                              "\(size): \(lines.joined(separator: "\n"))")
            }
        }
        // An answer said whole needs no pointer.
        XCTAssertFalse(Fixtures.screen(Self.withQuestions, size: Size(width: 80, height: 24)).lines.joined().contains("reads it all"))
    }

    /// Two unread answers (1 yesterday, 3 this morning) and an emergency sign reported at 11:00: the crisis banner
    /// keeps its rows at any size, so at 60×18 Home has no room for the answer's line.
    static var twoAnswersUnderAnAlert: PortalSnapshot {
        var s = withQuestions
        s.record.questions.append(VisitQuestion(id: 3, askedAt: asked, text: "Can I swim?", answer: "Yes, from next week.",
                                                answeredAt: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 9, minute: 0)!),
                                                answeredBy: Fixtures.therapist))
        s.signReports.append(SignReport(id: 950, date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!,
                                        signs: ["chest-pain", "trouble-breathing", "seizure", "dizziness-fainting"]))
        return s
    }

    /// Issue 23 (QA): Home marked every unread answer read as it loaded, though it shows only the newest and at a
    /// small size perhaps none, so the brief stopped mentioning answers she had not seen. Now an answer is read
    /// only once it is drawn whole: on Home the newest, when its line fits; on Questions those in view.
    func testAnAnswerIsMarkedReadOnlyOnceItIsDrawn() {
        let small = Size(width: 60, height: 18)
        var app = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = app.update(.resized(small))
        XCTAssertEqual(app.update(.loaded(Self.twoAnswersUnderAnAlert)), [], "at 60×18 under the alert Home draws no answer")
        let home = app.view(size: small).lines
        // Its line is cut under the alert (the answer is not all there), so it is not read yet.
        XCTAssertFalse(home.joined(separator: " ").contains("(you asked: Can I swim?)"), home.joined(separator: "\n"))
        XCTAssertTrue(home.contains { $0.contains("Emergency") }, home.joined(separator: "\n"))
        XCTAssertEqual(app.press(.down), [], "a key on Home marks nothing it does not draw")
        // Questions draws them: what it shows whole is read, and only once.
        let shown = app.press(.character("t"))
        let questions = app.view(size: small).lines.joined(separator: "\n")
        guard case .questions(let screen) = app.top else { return XCTFail("\(app.top.kind)") }
        let drawn = screen.drawnUnreadAnswers(app.context, area: Rect(size: app.context.area))
        XCTAssertFalse(drawn.isEmpty, questions)
        XCTAssertEqual(shown, [.markAnswersRead(Self.shown(Self.twoAnswersUnderAnAlert, drawn))], questions)
        for id in drawn {
            let answer = Self.twoAnswersUnderAnAlert.record.questions.first { $0.id == id }!.answer
            // Words as drawn, whatever the line breaks and the indent of a second row.
            let words = questions.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(words.contains(String(answer.prefix(12))), "\(id) is on screen:\n\(questions)")
        }
        XCTAssertEqual(app.press(.down), [], "asked once")

        // A larger window: Home draws the newest answer (3) and marks that one, not the one it does not show.
        var large = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = large.update(.resized(Size(width: 200, height: 50)))
        XCTAssertEqual(large.update(.loaded(Self.twoAnswersUnderAnAlert)), [.markAnswersRead(Self.shown(Self.twoAnswersUnderAnAlert, [3]))])
        XCTAssertTrue(large.view(size: Size(width: 200, height: 50)).lines.contains { $0.hasPrefix(" Answer      from your therapist, today: Yes") })
        // Growing the window from 60×18 draws it, and marks it then.
        var growing = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = growing.update(.resized(small))
        XCTAssertEqual(growing.update(.loaded(Self.twoAnswersUnderAnAlert)), [])
        XCTAssertEqual(growing.update(.resized(Size(width: 200, height: 50))), [.markAnswersRead(Self.shown(Self.twoAnswersUnderAnAlert, [3]))])
    }

    /// An answer too long for Home's three rows ends in "…" there: not drawn whole, so not read until the
    /// Questions screen shows it. Without the check of a cut line, Home marked it read at 80×24.
    func testAnAnswerHomeCutsShortIsNotMarkedRead() {
        var s = Self.withQuestions
        let long = String(repeating: "Keep the walks short this week and build up slowly, ", count: 2) + "and we talk at the visit."
        s.record.questions.append(VisitQuestion(id: 3, askedAt: Self.asked, text: "Can I walk further?", answer: long,
                                                answeredAt: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 9, minute: 0)!),
                                                answeredBy: Fixtures.therapist))
        let size = Size(width: 80, height: 24)
        var app = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = app.update(.resized(size))
        XCTAssertEqual(app.update(.loaded(s)), [], app.view(size: size).lines.joined(separator: "\n"))
        XCTAssertTrue(app.view(size: size).lines.contains { $0.contains("Answer") && $0.contains("from your therapist") })
        // Home's summary is at most `HomeScreen.measure` wide, so no larger window shows it whole there either.
        var large = PortalApp(snapshot: Fixtures.empty, content: Fixtures.content)
        _ = large.update(.resized(Size(width: 200, height: 50)))
        XCTAssertEqual(large.update(.loaded(s)), [])
        // The Questions screen shows it whole: read there.
        guard case .markAnswersRead(let ids)? = app.press(.character("t")).first else { return XCTFail("nothing marked on Questions") }
        XCTAssertTrue(ids.map(\.id).contains(3), "\(ids)")
    }

    /// The answers of questions `ids` in `snapshot`, as a screen shows them.
    static func shown(_ snapshot: PortalSnapshot, _ ids: [Int64]) -> [ShownAnswer] {
        ids.compactMap { id in snapshot.record.questions.first { $0.id == id }?.shown }
    }
}
