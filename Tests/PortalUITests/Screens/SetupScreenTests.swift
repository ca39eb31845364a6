import PortalCore
import XCTest
@testable import PortalUI

final class SetupScreenTests: XCTestCase {
    let ctx = Fixtures.context(Fixtures.empty)

    func type(_ text: String, into screen: inout SetupScreen) {
        for key in Fixtures.chars(text) { XCTAssertEqual(screen.handle(key, ctx), .stay) }
    }

    /// A form filled in the way a patient would: name, due date, two conditions, first visit, therapist, clinic.
    func filledPregnant() -> SetupScreen {
        var s = SetupScreen()
        type("Ana Ruiz", into: &s)
        _ = s.handle(.tab, ctx)            // stage: pregnant already
        _ = s.handle(.tab, ctx)            // due date
        type("2027-03-14", into: &s)
        _ = s.handle(.tab, ctx)            // conditions, cursor on the first
        _ = s.handle(.down, ctx)
        _ = s.handle(.down, ctx)
        _ = s.handle(.down, ctx)
        _ = s.handle(.character(" "), ctx) // low back
        _ = s.handle(.down, ctx)
        _ = s.handle(.character(" "), ctx) // pelvic girdle
        _ = s.handle(.tab, ctx)            // first visit
        type("2026-12-03 09:30", into: &s)
        _ = s.handle(.tab, ctx)
        type("Sam Rivera, PT", into: &s)
        _ = s.handle(.tab, ctx)
        type("210 Harbor Street", into: &s)
        _ = s.handle(.tab, ctx)            // save
        return s
    }

    // MARK: Drawing

    func testTheFormAt80x24() {
        let app = Fixtures.app(Fixtures.empty, keys: [.character("s")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Set up                                                     Fri 27 Nov",
            "",
            " A few details to set up your visits and exercises.",
            "",
            " › Your name",
            "   Stage          [✓] Pregnant   [ ] Postpartum",
            "   Due date                     YYYY-MM-DD",
            "   Conditions     what your therapist is treating",
            "     [ ] Hip pain: piriformis (buttock)",
            "     [ ] Pain on the side of the hip (gluteal tendons)",
            "     [ ] Round ligament pain (front of hip, groin)",
            "     [ ] Low back pain",
            "     [ ] Pelvic girdle / SI joint pain",
            "     [ ] Diastasis recti (tummy gap)",
            "     [ ] Bladder leaks",
            "     [ ] Pelvic pain",
            "   First visit    YYYY-MM-DD HH:MM   optional; a past one counts as done",
            "   Therapist      optional",
            "   Clinic address optional",
            "",
            "                  [ Save ]  Enter, or Ctrl-S from any field",
            "",
            "",
            "Tab next field  Shift-Tab back a field  Ctrl-S save  Esc back  F1 help",
        ])
        let buffer = app.view(size: Size(width: 80, height: 24))
        XCTAssertEqual(buffer.cursor, Point(x: 18, y: 4), "the terminal cursor sits in the name field")
        XCTAssertTrue(buffer[18, 4].style.underline, "an empty field is still visible")
    }

    func testTheFormAt60x18ScrollsToTheFocusedField() {
        var app = Fixtures.app(Fixtures.empty, keys: [.character("s")])
        let size = Size(width: 60, height: 18)
        _ = app.update(.resized(size))
        assertLines(app.view(size: size), [
            " Portal → Set up                                 Fri 27 Nov",
            "",
            " A few details to set up your visits and exercises.",
            "",
            " › Your name",
            "   Stage          [✓] Pregnant   [ ] Postpartum",
            "   Due date                     YYYY-MM-DD",
            "   Conditions     what your therapist is treating",
            "     [ ] Hip pain: piriformis (buttock)",
            "     [ ] Pain on the side of the hip (gluteal tendons)",
            "     [ ] Round ligament pain (front of hip, groin)",
            "     [ ] Low back pain",
            "     [ ] Pelvic girdle / SI joint pain",
            "     [ ] Diastasis recti (tummy gap)",
            "     [ ] Bladder leaks",
            "     [ ] Pelvic pain",
            "   First visit    YYYY-MM-DD HH:MM   optional        ↓ more",
            "Tab next field  Shift-Tab back a field  Esc back  F1 help",
        ])
        _ = app.update(.key(.backTab))  // round to Save
        assertLines(app.view(size: size), [
            " Portal → Set up                                 Fri 27 Nov",
            "",
            " A few details to set up your visits and exercises.",
            "",
            "     [ ] Hip pain: piriformis (buttock)              ↑ more",
            "     [ ] Pain on the side of the hip (gluteal tendons)",
            "     [ ] Round ligament pain (front of hip, groin)",
            "     [ ] Low back pain",
            "     [ ] Pelvic girdle / SI joint pain",
            "     [ ] Diastasis recti (tummy gap)",
            "     [ ] Bladder leaks",
            "     [ ] Pelvic pain",
            "   First visit    YYYY-MM-DD HH:MM   optional",
            "   Therapist      optional",
            "   Clinic address optional",
            "",
            " ›                [ Save ]  Enter, or Ctrl-S from any field",
            "Enter save  Tab next field  Esc back  ? help",
        ])
    }

    func testPostpartumShowsBirthDateAndDelivery() {
        var s = SetupScreen()
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        let lines = Fixtures.draw(s, ctx, width: 58, height: 15).lines
        XCTAssertEqual(lines[3], "› Stage          [ ] Pregnant   [✓] Postpartum")
        XCTAssertEqual(lines[4], "  Birth date                   YYYY-MM-DD")
        XCTAssertEqual(lines[5], "  Birth          [ ] Vaginal   [ ] C-section", "nothing is chosen for her")
        XCTAssertEqual(s.fields, [.name, .stage, .birthDate, .delivery, .conditions, .firstVisit, .therapist, .clinic, .save])
    }

    func testAsciiGlyphsAndStaysInside() {
        var s = filledPregnant()
        let ascii = Fixtures.context(Fixtures.empty, glyphs: .ascii)
        let lines = Fixtures.draw(s, ascii, width: 58, height: 15).lines
        XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(lines)")
        XCTAssertTrue(lines.contains("    [x] Low back pain"), "\(lines)")
        Fixtures.assertStaysInside(s, ctx)
        _ = s.handle(.tab, ctx)
        Fixtures.assertStaysInside(s, ctx)
    }

    // MARK: Keys

    func testTypingFillsTheNameAndMarksTheFormChanged() {
        var s = SetupScreen()
        XCTAssertTrue(s.capturesText)
        XCTAssertFalse(s.hasUnsavedChanges)
        type("Ana q?", into: &s)
        XCTAssertEqual(s.name.value, "Ana q?", "q and ? are letters in a text field")
        XCTAssertTrue(s.hasUnsavedChanges)
        XCTAssertEqual(s.handle(.backspace, ctx), .stay)
        XCTAssertEqual(s.handle(.left, ctx), .stay)
        XCTAssertEqual(s.handle(.delete, ctx), .stay)
        XCTAssertEqual(s.name.value, "Ana ")
        XCTAssertEqual(s.handle(.ctrl("u"), ctx), .stay)
        XCTAssertEqual(s.name.value, "")
        XCTAssertEqual(s.focus, .name)
    }

    func testTabAndShiftTabGoRoundTheFields() {
        var s = SetupScreen()
        var seen: [SetupScreen.Field] = [s.focus]
        for _ in 0..<8 {
            XCTAssertEqual(s.handle(.tab, ctx), .stay)
            seen.append(s.focus)
        }
        XCTAssertEqual(seen, [.name, .stage, .dueDate, .conditions, .firstVisit, .therapist, .clinic, .save, .name])
        _ = s.handle(.backTab, ctx)
        XCTAssertEqual(s.focus, .save)
        _ = s.handle(.backTab, ctx)
        XCTAssertEqual(s.focus, .clinic)
        XCTAssertFalse(s.hasUnsavedChanges, "moving around changes nothing")
    }

    func testArrowsMoveBetweenFieldsAndThroughTheConditions() {
        var s = SetupScreen()
        _ = s.handle(.down, ctx)
        XCTAssertEqual(s.focus, .stage)
        XCTAssertFalse(s.capturesText)
        _ = s.handle(.character("j"), ctx)
        XCTAssertEqual(s.focus, .dueDate)
        XCTAssertTrue(s.capturesText)
        _ = s.handle(.character("j"), ctx)
        XCTAssertEqual(s.dueDate.value, "j", "j is a letter in a text field")
        _ = s.handle(.backspace, ctx)
        _ = s.handle(.down, ctx)
        XCTAssertEqual(s.focus, .conditions)
        XCTAssertEqual(s.conditions.cursor, 0)
        // Pregnant: the eight conditions that go with a pregnancy (C-section scar and perineal tear come after a birth).
        for _ in 0..<7 { _ = s.handle(.down, ctx) }
        XCTAssertEqual(s.conditions.cursor, 7)
        _ = s.handle(.down, ctx)
        XCTAssertEqual(s.focus, .firstVisit)
        _ = s.handle(.up, ctx)
        XCTAssertEqual(s.focus, .conditions)
        XCTAssertEqual(s.conditions.cursor, 7, "coming back up lands on the last condition")
        _ = s.handle(.home, ctx)
        XCTAssertEqual(s.conditions.cursor, 0)
        _ = s.handle(.character("k"), ctx)
        XCTAssertEqual(s.focus, .dueDate)
        _ = s.handle(.up, ctx)
        _ = s.handle(.up, ctx)
        _ = s.handle(.up, ctx)
        XCTAssertEqual(s.focus, .name, "the arrows stop at the first field")
    }

    func testStageAndDeliveryToggle() {
        var s = SetupScreen()
        _ = s.handle(.tab, ctx)
        XCTAssertEqual(s.handle(.right, ctx), .stay)
        XCTAssertFalse(s.pregnant)
        XCTAssertTrue(s.hasUnsavedChanges)
        _ = s.handle(.left, ctx)
        XCTAssertTrue(s.pregnant)
        _ = s.handle(.character(" "), ctx)
        XCTAssertFalse(s.pregnant)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        XCTAssertEqual(s.focus, .delivery)
        _ = s.handle(.character(" "), ctx)
        XCTAssertEqual(s.delivery, .cesarean)
        _ = s.handle(.character("h"), ctx)
        XCTAssertEqual(s.delivery, .vaginal)
        _ = s.handle(.character("l"), ctx)
        XCTAssertEqual(s.delivery, .cesarean)
        XCTAssertEqual(s.handle(.enter, ctx), .stay)
        XCTAssertEqual(s.focus, .conditions, "Enter moves on")
    }

    func testOnlyTheConditionUnderTheCursorIsMarked() {
        var s = SetupScreen()
        for _ in 0..<3 { _ = s.handle(.tab, ctx) }
        _ = s.handle(.down, ctx)
        let buffer = Fixtures.draw(s, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.lines[5], "  Conditions     what your therapist is treating")
        XCTAssertEqual(buffer.lines[6], "    [ ] Hip pain: piriformis (buttock)")
        XCTAssertEqual(buffer.lines[7], "  › [ ] Pain on the side of the hip (gluteal tendons)")
        XCTAssertTrue(buffer[4, 7].style.reverse)
        XCTAssertEqual(buffer.lines.filter { $0.contains("›") }.count, 1)
    }

    func testSpaceTicksAConditionAndEnterMovesOn() {
        var s = SetupScreen()
        for _ in 0..<3 { _ = s.handle(.tab, ctx) }
        _ = s.handle(.down, ctx)
        XCTAssertEqual(s.handle(.character(" "), ctx), .stay)
        XCTAssertEqual(s.conditions.items.map(\.checked), [false, true] + Array(repeating: false, count: 8))
        _ = s.handle(.character(" "), ctx)
        XCTAssertEqual(s.conditions.checkedCount, 0)
        XCTAssertTrue(s.hasUnsavedChanges)
        _ = s.handle(.enter, ctx)
        XCTAssertEqual(s.focus, .firstVisit)
    }

    func testEscAndQAreLeftToTheAppWhenNotTyping() {
        var s = SetupScreen()
        XCTAssertEqual(s.handle(.escape, ctx), .unhandled)
        _ = s.handle(.tab, ctx)
        XCTAssertEqual(s.handle(.character("q"), ctx), .unhandled)
        XCTAssertEqual(s.handle(.backspace, ctx), .unhandled)
    }

    func testLeavingAfterTypingAsksFirst() {
        var app = Fixtures.app(Fixtures.empty, keys: [.character("s")])
        _ = app.update(.key(.escape))
        XCTAssertEqual(app.stack, [.welcome(WelcomeScreen())], "nothing typed: Esc just goes back")
        app = Fixtures.app(Fixtures.empty, keys: [.character("s"), .character("A")])
        _ = app.update(.key(.escape))
        XCTAssertEqual(app.confirmation, .leave)
    }

    // MARK: Checking and saving

    func testAValidFormAsksToSetUpThePortal() {
        var s = filledPregnant()
        XCTAssertEqual(s.focus, .save)
        let patient = Patient(name: "Ana Ruiz", stage: .pregnant(dueDate: CalendarDate("2027-03-14")!),
                              conditions: [.lowBack, .pelvicGirdle], therapist: "Sam Rivera, PT", clinic: "210 Harbor Street")
        let visit = LocalDateTime(date: CalendarDate("2026-12-03")!, time: TimeOfDay(hour: 9, minute: 30)!)
        XCTAssertEqual(s.handle(.enter, ctx), .effects(.setUp(patient, firstVisit: visit)))
        XCTAssertNil(s.problem)
    }

    /// Review of G2: the form offers the conditions that go with the stage she chose, by the rule set-up and
    /// `portal profile` refuse the others by (`Condition.offered`): no round ligament pain after the birth, no
    /// C-section scar before a C-section. One ticked and then hidden by a change of stage is not saved, and comes
    /// back ticked with the stage it goes with.
    func testTheFormOffersOnlyTheConditionsThatGoWithHerStage() {
        func shown(_ s: SetupScreen) -> [Condition] {
            s.rows.compactMap { if case .condition(let i) = $0 { return Condition.allCases[i] } else { return nil } }
        }
        var s = SetupScreen()
        XCTAssertEqual(shown(s), Condition.allCases.filter { $0 != .cSectionScar && $0 != .perinealTear })
        type("Bea", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx) // conditions: the third is round-ligament pain
        _ = s.handle(.down, ctx)
        _ = s.handle(.down, ctx)
        _ = s.handle(.character(" "), ctx)
        XCTAssertTrue(s.conditions.items[2].checked)
        _ = s.handle(.backTab, ctx)
        _ = s.handle(.backTab, ctx)
        _ = s.handle(.right, ctx) // postpartum
        XCTAssertFalse(shown(s).contains(.roundLigament))
        XCTAssertTrue(shown(s).contains(.cSectionScar), "not said how the baby was born yet")
        _ = s.handle(.tab, ctx)
        type("2026-10-01", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.left, ctx) // vaginal
        XCTAssertEqual(shown(s), Condition.allCases.filter { $0 != .roundLigament && $0 != .cSectionScar })
        _ = s.handle(.right, ctx) // C-section
        XCTAssertEqual(shown(s), Condition.allCases.filter { $0 != .roundLigament })
        let lines = Fixtures.draw(s, ctx, width: 80, height: 24).lines.joined(separator: "\n")
        XCTAssertFalse(lines.contains("Round ligament"), lines)
        _ = s.handle(.backTab, ctx)
        _ = s.handle(.backTab, ctx)
        XCTAssertEqual(s.focus, .stage)
        _ = s.handle(.left, ctx) // pregnant again
        XCTAssertTrue(shown(s).contains(.roundLigament))
        XCTAssertTrue(s.conditions.items[2].checked, "ticked as she left it")
        _ = s.handle(.right, ctx) // and after the birth: not saved
        guard case .setUp(let p, _)? = s.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("saved: \(String(describing: s.problem))") }
        XCTAssertEqual(p.conditions, [], "the hidden round-ligament pain is not hers after the birth")
    }

    func testCtrlSWorksFromAnyField() {
        var s = filledPregnant()
        _ = s.handle(.tab, ctx)
        XCTAssertEqual(s.focus, .name)
        guard case .setUp(let p, let visit)? = s.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("no set-up") }
        XCTAssertEqual(p.name, "Ana Ruiz")
        XCTAssertEqual(visit?.description, "2026-12-03T09:30")
    }

    func testAPostpartumFormWithoutAFirstVisit() {
        var s = SetupScreen()
        type("  Bea  ", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        _ = s.handle(.tab, ctx)
        type("2026-10-01", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        let patient = Patient(name: "Bea", stage: .postpartum(birthDate: CalendarDate("2026-10-01")!, delivery: .cesarean), conditions: [])
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .effects(.setUp(patient, firstVisit: nil)))
    }

    /// QA E12: a pre-ticked "Vaginal" saved untouched recorded a vaginal birth, and a mother after a C-section
    /// got the exercises that wait 8 weeks after one two weeks early. The form asks; it does not assume.
    func testAPostpartumFormIsNotSavedUntilSheSaysHowTheBabyWasBorn() {
        var s = SetupScreen()
        type("Bea", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        _ = s.handle(.tab, ctx)
        type("2026-10-01", into: &s)
        XCTAssertNil(s.delivery)
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .stay, "nothing saved")
        XCTAssertEqual(s.problem?.field, .delivery)
        XCTAssertEqual(s.focus, .delivery, "the focus goes to the question")
        XCTAssertEqual(s.problem?.message, "Please choose how your baby was born, Vaginal or C-section: after a C-section some exercises wait longer.")
        _ = s.handle(.right, ctx)
        XCTAssertNil(s.problem, "choosing answers it")
        let patient = Patient(name: "Bea", stage: .postpartum(birthDate: CalendarDate("2026-10-01")!, delivery: .cesarean), conditions: [])
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .effects(.setUp(patient, firstVisit: nil)))
    }

    func testRecordingTheBirthAsksHowTheBabyWasBorn() {
        let pregnant = Patient(name: "Ada", stage: .pregnant(dueDate: CalendarDate("2026-12-20")!), conditions: [.diastasisRecti])
        var s = SetupScreen(birthOf: pregnant, today: Fixtures.today)
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .stay, "one key cannot record a birth she has not described")
        XCTAssertEqual(s.problem?.field, .delivery)
        _ = s.handle(.left, ctx)
        guard case .updateProfile(let p, _)? = s.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("not saved once chosen") }
        XCTAssertEqual(p.stage, .postpartum(birthDate: Fixtures.today, delivery: .vaginal))
    }

    /// QA H6: her details changed in another session since the form opened: the store refuses (nothing written),
    /// the form says what they say now, keeps what she typed, and the next Ctrl-S saves hers over them, as it said.
    func testDetailsChangedElsewhereAreSavedOverOnlyWhenSheSaysSo() {
        let opened = Patient(name: "Ana Lima", stage: .pregnant(dueDate: CalendarDate("2027-03-01")!), conditions: [.lowBack])
        var s = SetupScreen(editing: opened)
        s.focus = .dueDate
        for _ in 0..<2 { _ = s.handle(.backspace, ctx) }
        _ = s.handle(.character("0"), ctx)
        _ = s.handle(.character("8"), ctx)
        guard case .updateProfile(let mine, let over)? = s.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("not saved") }
        XCTAssertEqual(over, opened, "over her details as the form opened on them")
        XCTAssertEqual(mine.stage, .pregnant(dueDate: CalendarDate("2027-03-08")!))
        var now = opened
        now.name = "Ana LimaZ"
        XCTAssertEqual(s.failed(.updateProfile(mine, over: over), .rule(now.changedMeanwhile(since: opened)), ctx), .stay)
        XCTAssertEqual(s.problem?.message, "Your details were changed in another session since you opened this form; here is what they say now: name “Ana LimaZ”. Nothing was saved. Ctrl-S saves yours over them; Esc leaves them as they are now.")
        XCTAssertEqual(s.dueDate.value, "2027-03-08", "what she typed stays")
        XCTAssertEqual(s.handle(.ctrl("s"), ctx).effects, [.updateProfile(mine, over: nil)], "hers over them, once told")
    }

    /// QA-i I9: a birth before the pregnancy could have begun (a slip of the year) is refused on the birth date,
    /// in the words the command line uses (`Patient.validateChange`), naming the dates accepted.
    func testABirthBeforeThePregnancyBeganIsRefusedWithTheCommandLinesWords() throws {
        let pregnant = Patient(name: "Ada", stage: .pregnant(dueDate: CalendarDate("2027-02-20")!), conditions: [])
        var s = SetupScreen(birthOf: pregnant, today: Fixtures.today)
        _ = s.handle(.ctrl("u"), ctx)
        for c in "2025-12-07" { _ = s.handle(.character(c), ctx) }
        s.delivery = .vaginal
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .stay, "nothing saved")
        XCTAssertEqual(s.problem?.field, .birthDate)
        let slip = Patient(name: "Ada", stage: .postpartum(birthDate: CalendarDate("2025-12-07")!, delivery: .vaginal), conditions: [])
        XCTAssertThrowsError(try slip.validateChange(from: pregnant, today: Fixtures.today)) { XCTAssertEqual("\($0)", s.problem?.message) }
        XCTAssertEqual(s.problem?.message, "Sun 7 Dec 2025 is before this pregnancy began: with a due date of Sat 20 Feb 2027, the birth date is from 2026-05-02 to today, \(Fixtures.today). Check the year.")
        XCTAssertFalse(s.introText.contains("Congratulations"), "neutral words: the form records every birth (QA-i I10)")
    }

    /// QA-i I9: About me cannot turn a recorded birth back into a pregnancy without a word.
    func testAboutMeDoesNotEraseARecordedBirth() {
        let born = Patient(name: "Ada", stage: .postpartum(birthDate: CalendarDate("2026-11-20")!, delivery: .cesarean), conditions: [])
        var s = SetupScreen(editing: born)
        s.pregnant = true
        s.dueDate.set("2027-03-01")
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .stay, "nothing saved")
        XCTAssertEqual(s.problem?.field, .dueDate)
        XCTAssertEqual(s.problem?.message, "Your baby's birth is recorded (Fri 20 Nov 2026, C-section); a due date would remove it, so nothing was changed. To put it right, change the birth date or how your baby was born instead.")
    }

    func testAnEmptyNameIsRefusedAtTheTop() {
        var s = filledPregnant()
        for _ in 0..<7 { _ = s.handle(.backTab, ctx) }
        XCTAssertEqual(s.focus, .name)
        for _ in 0..<8 { _ = s.handle(.backspace, ctx) }
        for _ in 0..<7 { _ = s.handle(.tab, ctx) }
        XCTAssertEqual(s.focus, .save)
        XCTAssertEqual(s.handle(.enter, ctx), .stay)
        XCTAssertEqual(s.problem, SetupScreen.Problem(field: .name, message: "Please enter your name."))
        XCTAssertEqual(s.focus, .name, "the focus goes to the field at fault")
        let buffer = Fixtures.draw(s, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.lines[0], "Please enter your name.")
        XCTAssertEqual(buffer.lines[2], "› Your name")
        XCTAssertEqual(Fixtures.style(of: "Please", in: buffer), Style(foreground: .red, bold: true))
        XCTAssertEqual(Fixtures.style(of: "Your name", in: buffer)?.foreground, .red)
        // Typing in the field clears the problem.
        _ = s.handle(.character("A"), ctx)
        XCTAssertNil(s.problem)
    }

    func testAMalformedDueDate() {
        var s = SetupScreen()
        type("Ana", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        type("14/03/2027", into: &s)
        XCTAssertEqual(s.handle(.ctrl("s"), ctx), .stay)
        XCTAssertEqual(s.problem, SetupScreen.Problem(field: .dueDate,
                                                      message: "Please type the due date as YYYY-MM-DD, for example 2027-04-16."))
        XCTAssertEqual(s.focus, .dueDate)
        let lines = Fixtures.draw(s, ctx, width: 58, height: 15).lines
        XCTAssertEqual(Array(lines.prefix(5)), [
            "Please type the due date as YYYY-MM-DD, for example",
            "2027-04-16.",
            "",
            "  Your name      Ana",
            "  Stage          [✓] Pregnant   [ ] Postpartum",
        ])
        XCTAssertEqual(lines[5], "› Due date       14/03/2027    YYYY-MM-DD")
    }

    func testAnEmptyDueDateAndADayThatDoesNotExist() {
        var s = SetupScreen()
        type("Ana", into: &s)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem?.field, .dueDate)
        XCTAssertEqual(s.problem?.message, "Please enter your due date as YYYY-MM-DD, for example 2027-04-16.")
        type("2027-02-30", into: &s)
        XCTAssertNil(s.problem)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem?.field, .dueDate)
    }

    func testADueDateInTheFarPastIsAProblem() {
        var s = SetupScreen()
        type("Ana", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        type("2025-01-10", into: &s)
        for _ in 0..<10 { _ = s.handle(.tab, ctx) }
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem, SetupScreen.Problem(field: .dueDate,
                                                      message: "A due date must be within the next 40 weeks (or at most 2 weeks past)."))
        XCTAssertEqual(s.focus, .dueDate)
        let lines = Fixtures.draw(s, ctx, width: 58, height: 15).lines
        XCTAssertEqual(lines[0], "Problem: A due date must be within the next 40 weeks (or")
        XCTAssertEqual(lines[1], "at most 2 weeks past).")
    }

    func testABirthDateInTheFutureIsAProblem() {
        var s = SetupScreen()
        type("Bea", into: &s)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        _ = s.handle(.tab, ctx)
        type("2026-12-01", into: &s)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem, SetupScreen.Problem(field: .birthDate, message: "The birth date cannot be in the future."))
        XCTAssertEqual(s.focus, .birthDate)
        XCTAssertTrue(Fixtures.draw(s, ctx, width: 58, height: 15).lines[0] == "Problem: The birth date cannot be in the future.")
        // Switching back to pregnant makes a birth-date problem out of date.
        _ = s.handle(.backTab, ctx)
        _ = s.handle(.left, ctx)
        XCTAssertNil(s.problem)
    }

    func testAMalformedOrLongAgoFirstVisit() {
        var s = filledPregnant()
        for _ in 0..<3 { _ = s.handle(.backTab, ctx) }
        XCTAssertEqual(s.focus, .firstVisit)
        _ = s.handle(.ctrl("u"), ctx)
        type("3 Dec 9:30", into: &s)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem, SetupScreen.Problem(field: .firstVisit,
            message: "Please type the first visit as YYYY-MM-DD HH:MM, for example 2026-12-04 09:30, or leave it empty."))
        _ = s.handle(.ctrl("u"), ctx)
        type("2025-11-20 09:30", into: &s)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertEqual(s.problem?.field, .firstVisit)
        XCTAssertEqual(s.problem?.message, "The first visit is more than a year ago. Please check the year.")
        // A first visit that already took place is accepted: set-up records it as completed.
        _ = s.handle(.ctrl("u"), ctx)
        type("2026-11-20 09:30", into: &s)
        guard case .setUp(_, let visit)? = s.handle(.ctrl("s"), ctx).effects.first else { return XCTFail("no set-up") }
        XCTAssertNil(s.problem)
        XCTAssertEqual(visit, LocalDateTime("2026-11-20T09:30"))
        _ = s.handle(.ctrl("u"), ctx)
        _ = s.handle(.ctrl("s"), ctx)
        XCTAssertNil(s.problem, "the first visit is optional")
    }

    func testSetUpLeadsHome() {
        var app = Fixtures.app(Fixtures.empty, keys: [.character("s")])
        var s = filledPregnant()
        let effects = s.handle(.enter, ctx).effects
        XCTAssertEqual(effects.count, 1)
        // The runtime saves, loads a snapshot with the patient, then reports the effect done.
        _ = app.update(.loaded(Fixtures.demo))
        _ = app.update(.completed(effects[0], .nothing))
        XCTAssertEqual(app.stack, [.home(HomeScreen())])
        XCTAssertEqual(app.flash?.text, "Your portal is ready.")
    }
}
