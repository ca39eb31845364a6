import PortalCore
import XCTest
@testable import PortalUI

/// The bladder diary and the bowel log screens, drawn from the snapshot's record: quick logging, the details form,
/// the day summary, the three-day diary, the Bristol types, and refusals that say what is accepted.
final class DiaryScreensTests: XCTestCase {
    let today = Fixtures.today
    /// The demo with the entries of `DiaryFixtures` in its record.
    var ctx: ScreenContext { Fixtures.context(withDiaries(Fixtures.demo)) }
    func withDiaries(_ snapshot: PortalSnapshot) -> PortalSnapshot { DiaryFixtures.withDiaries(snapshot) }
    var bladderSnapshot: PortalSnapshot { DiaryFixtures.bladderSnapshot }
    var entries: [BladderEvent] { DiaryFixtures.entries }
    var bowel: [BowelEntry] { DiaryFixtures.bowel }

    /// The whole portal at `size` with `screen` opened over Home, after `keys`.
    func whole(_ screen: ScreenState, _ size: Size, snapshot: PortalSnapshot? = nil, keys: [Key] = []) -> Buffer {
        var app = PortalApp(snapshot: snapshot ?? withDiaries(Fixtures.demo), content: Fixtures.content, glyphs: .unicode)
        _ = app.update(.resized(size))
        app.stack.append(screen)
        for key in keys { _ = app.update(.key(key)) }
        return app.view(size: size)
    }

    // MARK: Bladder diary

    func testPAndLLogAPeeAndALeakAtOnceAndEnterAddsTheRest() {
        var screen = BladderDiaryScreen(ctx)
        XCTAssertEqual(screen.handle(.character("l"), ctx), .effects(.saveBladder(BladderEvent(date: today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .leak))))
        XCTAssertEqual(screen.handle(.character("p"), ctx), .effects(.saveBladder(BladderEvent(date: today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .pee))))
        XCTAssertEqual(screen.handle(.character("a"), ctx), .effects(.saveBladder(BladderEvent(date: today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .pad))))
        XCTAssertNil(screen.form, "nothing more is asked before it is saved")
        // Once saved, it is selected and Enter opens its details.
        _ = screen.completed(.saveBladder(BladderEvent(date: today, time: TimeOfDay("10:25")!, kind: .leak)), ctx)
        XCTAssertEqual(screen.cursor, 4)
        XCTAssertEqual(screen.notice, "Leak logged at 10:25. Enter adds how much and what you were doing.")
        _ = screen.handle(.enter, ctx)
        XCTAssertEqual(screen.form?.id, 5)
        XCTAssertEqual(screen.field, .amount)
        _ = screen.handle(.right, ctx)
        XCTAssertEqual(screen.form?.amount, .soaked, "→ moves on from what it was (wet)")
        _ = screen.handle(.right, ctx)
        XCTAssertNil(screen.form?.amount, "then round to not said")
    }

    func testTheDetailsFormChangesAnEntryAndSaysWhatIsWrong() {
        var screen = BladderDiaryScreen(ctx)
        _ = screen.handle(.down, ctx)
        _ = screen.handle(.enter, ctx)  // the 07:00 pee
        XCTAssertEqual(screen.form?.id, 2)
        XCTAssertEqual(screen.field, .volume)
        XCTAssertTrue(screen.capturesText)
        for _ in 0..<3 { _ = screen.handle(.backspace, ctx) }
        for key in Fixtures.chars("5") { _ = screen.handle(key, ctx) }
        XCTAssertEqual(screen.handle(.enter, ctx), .stay)
        XCTAssertEqual(screen.error, "“5” is not a volume for a pee; use a whole number of mL from 10 to 1500.")
        _ = screen.handle(.backspace, ctx)
        for key in Fixtures.chars("350") { _ = screen.handle(key, ctx) }
        _ = screen.handle(.tab, ctx)
        XCTAssertEqual(screen.field, .urgency)
        _ = screen.handle(.character("1"), ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.character(" "), ctx)
        var expected = entries[1]
        expected.volumeML = 350
        expected.urgency = 1
        expected.wokeAtNight = true
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.updateBladder(expected)))
        _ = screen.completed(.updateBladder(expected), ctx)
        XCTAssertNil(screen.form)
    }

    func testADrinkAsksForItsMillilitresAndEscGoesBackToTheDay() {
        var screen = BladderDiaryScreen(ctx)
        XCTAssertEqual(screen.handle(.character("w"), ctx), .stay)
        XCTAssertEqual(screen.form?.kind, .drink)
        XCTAssertEqual(screen.form?.drink, .water)
        XCTAssertTrue(screen.hasUnsavedChanges)
        _ = screen.handle(.enter, ctx)
        XCTAssertEqual(screen.error, "“” is not a volume for a drink; use a whole number of mL from 10 to 2000.")
        for key in Fixtures.chars("330") { _ = screen.handle(key, ctx) }
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.right, ctx)
        XCTAssertEqual(screen.form?.drink, .coffee)
        let reaction = screen.handle(.enter, ctx)
        XCTAssertEqual(reaction, .effects(.saveBladder(BladderEvent(date: today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .drink, volumeML: 330, drink: .coffee))))
        _ = screen.handle(.character("w"), ctx)
        XCTAssertEqual(screen.handle(.escape, ctx), .stay)
        XCTAssertNil(screen.form, "Esc leaves the form, not the diary")
    }

    func testAnEarlierDayIsLoggedThroughTheFormWithItsTime() {
        var screen = BladderDiaryScreen(ctx)
        XCTAssertEqual(screen.handle(.right, ctx), .unhandled, "no day after today")
        _ = screen.handle(.left, ctx)
        XCTAssertEqual(screen.day, CalendarDate("2026-11-26"))
        XCTAssertEqual(screen.handle(.character("l"), ctx), .stay, "not saved at once: it needs its time")
        XCTAssertEqual(screen.field, .amount)
        _ = screen.handle(.enter, ctx)
        XCTAssertEqual(screen.error, "“” is not a time. Use 24-hour HH:MM, for example 08:30.")
        _ = screen.handle(.backTab, ctx)
        for key in Fixtures.chars("21:40") { _ = screen.handle(key, ctx) }
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.saveBladder(BladderEvent(date: CalendarDate("2026-11-26")!, time: TimeOfDay("21:40")!, kind: .leak))))
    }

    func testDeleteAsksFirst() {
        var screen = BladderDiaryScreen(ctx)
        _ = screen.handle(.character("d"), ctx)
        XCTAssertEqual(screen.confirmingDelete, 1)
        XCTAssertTrue(Fixtures.draw(screen, ctx, width: 78, height: 21).lines.contains { $0.hasPrefix("Delete “03:10 Pee · 300 mL · woke me”?") })
        XCTAssertEqual(screen.handle(.character("n"), ctx), .stay)
        _ = screen.handle(.character("d"), ctx)
        XCTAssertEqual(screen.handle(.character("y"), ctx), .effects(.deleteBladder(id: 1)))
    }

    func testTheBladderDiaryAt80x24() {
        let screen = whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(bladderSnapshot))),
                           Size(width: 80, height: 24), snapshot: bladderSnapshot, keys: [.down])
        Fixtures.assertScreen(screen, [
            " Portal → Bladder diary                                 Jordan Lee · Fri 27 Nov",
            "",
            " Today, Fri 27 Nov                                               ←→ another day",
            " Bladder diary: day 2 of 3",
            "",
            " Pees          1 by day, 1 at night · 700 mL measured in 2",
            " Leaks         2 (1 with effort (cough, lift, exercise), 1 with an urge)",
            " Pads changed  1",
            " Drinks        1 · 250 mL · 1 with caffeine (coffee or tea)",
            "",
            " Entries",
            "   03:10 Pee · 300 mL · woke me",
            " › 07:00 Pee · 400 mL · urgency 3 (strong)",
            "   07:30 Drink · 250 mL · coffee",
            "   09:00 Leak · a few drops · coughing, sneezing or laughing",
            "   10:25 Leak · wet · on the way to the toilet (a sudden urge)",
            "   11:05 Pad changed",
            "", "", "", "", "", "",
            "p pee  l leak  w drink  a pad  Enter details  d delete  Esc back  ? help",
        ])
        XCTAssertEqual(Fixtures.style(of: "Bladder diary: day 2 of 3", row: 3, in: screen), .new)
    }

    func testTheBladderDiaryAt60x18ScrollsItsEntries() {
        let screen = whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(bladderSnapshot))),
                           PortalApp.minimumSize, snapshot: bladderSnapshot, keys: [.down, .down, .down, .down, .down])
        Fixtures.assertScreen(screen, [
            " Portal → Bladder diary             Jordan Lee · Fri 27 Nov",
            "",
            " Today, Fri 27 Nov                           ←→ another day",
            " Bladder diary: day 2 of 3",
            "",
            " Pees          1 by day, 1 at night · 700 mL measured in 2",
            " Leaks         2 (1 with effort (cough, lift, exercise), 1",
            "               with an urge)",
            " Pads changed  1",
            " Drinks        1 · 250 mL · 1 with caffeine (coffee or tea)",
            "",
            " Entries",
            "   07:00 Pee · 400 mL · urgency 3 (strong)",
            "   07:30 Drink · 250 mL · coffee",
            "   09:00 Leak · a few drops · coughing, sneezing or laughi…",
            "   10:25 Leak · wet · on the way to the toilet (a sudden u…",
            " › 11:05 Pad changed",
            "p pee  l leak  w drink  a pad  Esc back  ? help",
        ])
    }

    func testTheDetailsFormAt200x50() {
        let size = Size(width: 200, height: 50)
        let screen = whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(bladderSnapshot))), size,
                           snapshot: bladderSnapshot, keys: [.down, .down, .down, .enter, .right, .right])
        let lines = screen.lines
        XCTAssertEqual(lines.count, 50)
        XCTAssertTrue(lines[2].contains("Leak at 09:00 · Today, Fri 27 Nov"), lines[2])
        XCTAssertEqual(lines[4].trimmingCharacters(in: .whitespaces), "Time        09:00")
        XCTAssertTrue(lines[5].contains("› How much    ←→ Wet"), lines[5])
        XCTAssertTrue(lines[6].contains("Doing       Coughing, sneezing or laughing"), lines[6])
        // The help is a sentence: it keeps the reading measure (`Paragraph`).
        XCTAssertEqual(lines[9].trimmingCharacters(in: .whitespaces), "Enter saves. Tab moves to the next field. Esc goes back to the day without")
        XCTAssertEqual(lines[10].trimmingCharacters(in: .whitespaces), "saving.")
        XCTAssertEqual(lines[49], "Enter save  Tab next  ←→ choose  Esc back  ? help")
    }

    func testWithoutBladderLeaksThereIsNoThreeDayLine() {
        let lines = Fixtures.draw(BladderDiaryScreen(Fixtures.context()), Fixtures.context(), width: 58, height: 15).lines
        XCTAssertEqual(lines[0], "Today, Fri 27 Nov                           ←→ another day")
        XCTAssertEqual(lines[1], "", "no three-day line: she has no bladder leaks")
        XCTAssertEqual(lines[2], "Pees          0 by day, 0 at night")
        XCTAssertEqual(lines[7], "Nothing logged today. p logs a pee, l a leak, w a drink, a")
        XCTAssertEqual(lines[8], "a pad.")
    }

    // MARK: Bowel log


    func testADigitStartsAnEntryOfThatTypeAndEnterSavesIt() {
        var screen = BowelLogScreen(ctx)
        XCTAssertEqual(screen.handle(.character("8"), ctx), .unhandled, "there is no type 8")
        _ = screen.handle(.character("3"), ctx)
        XCTAssertEqual(screen.form?.type, .three)
        XCTAssertEqual(screen.field, .straining)
        _ = screen.handle(.character(" "), ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.tab, ctx)
        _ = screen.handle(.character(" "), ctx)
        XCTAssertEqual(screen.form?.leaks, [.gas])
        for _ in 0..<3 { _ = screen.handle(.tab, ctx) }
        XCTAssertEqual(screen.field, .pain)
        _ = screen.handle(.character("1"), ctx)
        _ = screen.handle(.character("0"), ctx)
        XCTAssertEqual(screen.form?.pain, 10, "1 then 0 is 10")
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.saveBowel(BowelEntry(date: today, time: TimeOfDay(hour: 12, minute: 0)!, type: .three,
                                                                                   straining: true, leaks: [.gas], pain: 10))))
        _ = screen.completed(.saveBowel(BowelEntry(date: today, time: TimeOfDay(hour: 12, minute: 0)!, type: .three)), ctx)
        XCTAssertNil(screen.form)
    }

    /// QA J12: Type 7 has no solid pieces, so "Leaked solid" with it is refused on the form, by the rule the
    /// store and `portal bowel` keep (`BowelEntry.checkAnswersAgree`), and nothing is sent; liquid is saved.
    func testType7WithLeakedSolidIsRefusedAndLiquidIsSaved() {
        var screen = BowelLogScreen(ctx)
        _ = screen.handle(.character("7"), ctx)
        for _ in 0..<4 { _ = screen.handle(.tab, ctx) }
        _ = screen.handle(.character(" "), ctx)
        XCTAssertEqual(screen.form?.leaks, [.solid])
        XCTAssertEqual(screen.handle(.enter, ctx), .stay, "nothing is sent")
        XCTAssertEqual(screen.error, "Type 7 is watery, with no solid pieces, so what leaked with it was liquid stool, not solid. Choose liquid, or the stool type that matches.")
        XCTAssertNotNil(screen.form, "what she entered is still there")
        _ = screen.handle(.character(" "), ctx)
        _ = screen.handle(.backTab, ctx)
        _ = screen.handle(.character(" "), ctx)
        XCTAssertEqual(screen.form?.leaks, [.liquid])
        XCTAssertEqual(screen.handle(.enter, ctx), .effects(.saveBowel(BowelEntry(date: today, time: TimeOfDay(hour: 12, minute: 0)!, type: .seven, leaks: [.liquid]))))
    }

    func testRReadsTheBowelArticle() {
        var screen = BowelLogScreen(ctx)
        XCTAssertEqual(screen.handle(.character("r"), ctx), .push(.reader(ReaderScreen(articleID: "bowel-movements-after-birth", title: "Bowel movements after birth"))))
    }

    func testTheBowelLogAt80x24() {
        let screen = whole(.bowelLog(BowelLogScreen(ctx)), Size(width: 80, height: 24))
        Fixtures.assertScreen(screen, [
            " Portal → Bowel log                                     Jordan Lee · Fri 27 Nov",
            "",
            " Today, Fri 27 Nov                                               ←→ another day",
            " Last 7 days: 2 movements: 1 hard (types 1–2), 1 in the usual range (types",
            " 3–4); strained 1, rushed 0, leaks 0",
            "",
            " Entries",
            " › 07:40 Type 2 · strained · pain 3",
            "",
            " Stool types (the Bristol scale)",
            " 1 separate hard lumps, like nuts; hard to pass",
            " 2 sausage-shaped but lumpy",
            " 3 sausage-shaped with cracks on the surface",
            " 4 smooth and soft, like a sausage or snake",
            " 5 soft blobs with clear edges; passed easily",
            " 6 mushy, fluffy pieces with ragged edges",
            " 7 watery, with no solid pieces",
            "", "", "", "", "",
            " r reads “Bowel movements after birth”.",
            "1-7 log a stool type  d delete  r read  ←→ day  Esc back  ? help",
        ])
    }

    func testTheBowelFormAt60x18() {
        let screen = whole(.bowelLog(BowelLogScreen(ctx)), PortalApp.minimumSize, keys: [.character("6")])
        Fixtures.assertScreen(screen, [
            " Portal → Bowel log                 Jordan Lee · Fri 27 Nov",
            "",
            " New entry · Today, Fri 27 Nov",
            "",
            "   Stool type     Type 6: mushy, fluffy pieces with ragged…",
            "   Time           12:00",
            " › Strained       no",
            "   Had to rush    no",
            "   Leaked gas     no",
            "   Leaked liquid  no",
            "   Leaked solid   no",
            "   Pain 0-10      not said",
            "   Note           optional",
            "",
            " Enter saves. Tab moves to the next field; Space says yes",
            " or no. Esc goes back without saving.",
            "",
            "Enter save  Tab next  Space yes/no  Esc back  ? help",
        ])
    }

    /// QA: at 60×18 the legend stopped at type 6, with nothing to say it was cut. It is whole there, in the
    /// form that fits, and the article line stays under it.
    func testTheBowelLogAt60x18ShowsTheWholeLegend() {
        let screen = whole(.bowelLog(BowelLogScreen(ctx)), PortalApp.minimumSize)
        Fixtures.assertScreen(screen, [
            " Portal → Bowel log                 Jordan Lee · Fri 27 Nov",
            "",
            " Today, Fri 27 Nov                           ←→ another day",
            " Last 7 days: 2 movements: 1 hard (types 1–2), 1 in the",
            " usual range (types 3–4); strained 1, rushed 0, leaks 0",
            "",
            " Entries",
            " › 07:40 Type 2 · strained · pain 3",
            "",
            " Stool types (the Bristol scale): 1 separate hard lumps,",
            " like nuts; hard to pass · 2 sausage-shaped but lumpy · 3",
            " sausage-shaped with cracks on the surface · 4 smooth and",
            " soft, like a sausage or snake · 5 soft blobs with clear",
            " edges; passed easily · 6 mushy, fluffy pieces with ragged",
            " edges · 7 watery, with no solid pieces",
            "",
            " r reads “Bowel movements after birth”.",
            "1-7 log a stool type  d delete  r read  Esc back  ? help",
        ])
    }

    /// QA G7: a bowel movement with pain of 8 or more, or leaked stool, was saved without a word. The day's list
    /// now says what Log pain says of high pain, and that leaked stool is worth telling her therapist; gas alone
    /// and an ordinary entry say nothing, and her therapist reading the chart is not given the patient's advice.
    func testHighPainAndLeakedStoolAreWorthTellingHerTherapist() {
        var snapshot = withDiaries(Fixtures.demo)
        snapshot.record.bowelEntries.append(BowelEntry(id: 90, date: today, time: TimeOfDay(hour: 9, minute: 5)!, type: .six,
                                                       leaks: [.gas, .liquid], pain: 9))
        var context = Fixtures.context(snapshot)
        let screen = BowelLogScreen(context)
        var buffer = Buffer(size: Size(width: 80, height: 24))
        screen.view(context, into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 24))
        let text = buffer.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(text.contains("High pain: Pain of 9 out of 10 with a bowel movement. Your pain is high."), text)
        XCTAssertTrue(text.contains("Leaking stool, or not being able to hold on until you reach a toilet, is not something you have to live with: tell your therapist or provider."), text)
        context.viewer = .therapist(login: Fixtures.therapist)
        var hers = Buffer(size: Size(width: 80, height: 24))
        screen.view(context, into: &hers, area: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertFalse(hers.lines.joined().contains("not something you have to live with"))
        // The fixtures' own day (strained, pain 3) is worth no message.
        var plain = Buffer(size: Size(width: 80, height: 24))
        BowelLogScreen(ctx).view(ctx, into: &plain, area: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertFalse(plain.lines.joined().contains("High pain"))
        XCTAssertFalse(plain.lines.joined().contains("live with"))
        // At 60×18 the words would take the entries' rows: they are named in one line, and the entries stay.
        let small = whole(.bowelLog(BowelLogScreen(context)), PortalApp.minimumSize, snapshot: snapshot).lines
        XCTAssertTrue(small.contains { $0.hasPrefix(" › 07:40 Type 2") }, small.joined(separator: "\n"))
        XCTAssertTrue(small.joined(separator: " ").split(separator: " ").joined(separator: " ")
            .contains("Worth telling your therapist or provider today: pain of 9 and leaked stool"), small.joined(separator: "\n"))
        let gasOnly = BowelEntry(date: today, time: TimeOfDay(hour: 9, minute: 0)!, type: .four, leaks: [.gas], pain: 7)
        XCTAssertEqual(SafetyRules.advice(for: gasOnly, stage: nil, guide: Fixtures.content.safety), [])
    }

    /// QA-j J2 and J3: a leak that may be a warning sign says which, with its action, to her (not on her chart):
    /// in pregnancy a soaking leak with nothing in particular (fluid from the vagina: call her provider), and
    /// leaked stool (a new loss of bowel control: 911). In the smallest window too, whole, before the entries.
    func testALeakThatMayBeAWarningSignSaysWhich() {
        var snapshot = bladderSnapshot
        snapshot.record.bladderEvents.append(BladderEvent(id: 8, date: today, time: TimeOfDay("11:30")!, kind: .leak, amount: .soaked, activity: .nothing))
        let flat = { (b: Buffer) in b.lines.joined(separator: " ").split(separator: " ").joined(separator: " ") }
        let sign = "If this could be fluid from the vagina rather than pee, it is a warning sign: fluid leaking or gushing from the vagina. Call your provider now."
        for size in [Size(width: 80, height: 24), PortalApp.minimumSize] {
            let screen = whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(snapshot))), size, snapshot: snapshot)
            XCTAssertTrue(flat(screen).contains(sign), screen.lines.joined(separator: "\n"))
        }
        XCTAssertFalse(flat(whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(bladderSnapshot))), Size(width: 80, height: 24),
                                  snapshot: bladderSnapshot)).contains("warning sign"), "a few drops on a cough and a wet leak on the way to the toilet: nothing")
        var chart = Fixtures.context(snapshot)
        chart.viewer = .therapist(login: Fixtures.therapist)
        var hers = Buffer(size: Size(width: 80, height: 24))
        BladderDiaryScreen(chart).view(chart, into: &hers, area: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertFalse(flat(hers).contains("warning sign"), "her therapist's chart is not given her advice")

        var stool = withDiaries(Fixtures.demo)
        stool.record.bowelEntries.append(BowelEntry(id: 90, date: today, time: TimeOfDay("09:05")!, type: .six, leaks: [.solid]))
        let bowelScreen = whole(.bowelLog(BowelLogScreen(Fixtures.context(stool))), Size(width: 80, height: 24), snapshot: stool)
        XCTAssertTrue(flat(bowelScreen).contains("If this is new and sudden, it may be a warning sign: new numbness between your legs"),
                      bowelScreen.lines.joined(separator: "\n"))
        XCTAssertTrue(flat(bowelScreen).contains("Call 911 now."), bowelScreen.lines.joined(separator: "\n"))
        // At 60×18 the rest is named in one line, but the sign is said whole, and the entry stays.
        let small = whole(.bowelLog(BowelLogScreen(Fixtures.context(stool))), PortalApp.minimumSize, snapshot: stool)
        XCTAssertTrue(flat(small).contains("If this is new and sudden, it may be a warning sign: new numbness between your legs or around your "
            + "genitals or anus, new loss of bladder or bowel control, or new leg weakness. Call 911 now."), small.lines.joined(separator: "\n"))
        XCTAssertTrue(small.lines.contains { $0.contains("› 07:40 Type 2") }, "the entries keep a row (the list scrolls): \(small.lines.joined(separator: "\n"))")
    }

    func testTheBowelLogAt200x50() {
        let lines = whole(.bowelLog(BowelLogScreen(ctx)), Size(width: 200, height: 50), keys: [.left, .left]).lines
        XCTAssertTrue(lines[2].hasPrefix(" Wed 25 Nov   "), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("←→ another day"), lines[2])
        // Its sentence keeps the reading measure (`Paragraph`), the window's width is the rows'.
        XCTAssertEqual(lines[3], " Last 7 days: 1 movement: 1 in the usual range (types 3–4); strained 0, rushed")
        XCTAssertEqual(lines[4], " 0, leaks 0")
        XCTAssertEqual(lines[7], " › 08:00 Type 4")
        XCTAssertEqual(lines[48], " r reads “Bowel movements after birth”.")
    }

    // MARK: The questionnaire screen at the three sizes

    func testAQuestionnaireAt60x18And80x24And200x50() {
        let rmdq = Fixtures.content.measure("rmdq")!
        for size in [PortalApp.minimumSize, Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let lines = whole(.measure(MeasureScreen(rmdq)), size).lines
            XCTAssertEqual(lines[2], " Roland-Morris Disability Questionnaire (RMDQ)", "\(size)")
            XCTAssertTrue(lines.contains { $0.hasPrefix(" › Start") }, "\(size): the start stays in view\n\(lines.joined(separator: "\n"))")
            let ticked = whole(.measure(MeasureScreen(rmdq)), size, keys: [.enter, .character(" ")]).lines
            XCTAssertTrue(ticked.contains { $0.contains("› [✓] I stay at home most of the time because of my back.") }, "\(size)")
            XCTAssertTrue(ticked.last?.hasPrefix("Space tick  Enter done") == true, "\(size): \(ticked.last ?? "")")
        }
    }

    func testDiaryScreensDrawOnlyInsideTheirArea() {
        Fixtures.assertStaysInside(BladderDiaryScreen(ctx), ctx)
        var form = BladderDiaryScreen(ctx)
        _ = form.handle(.enter, ctx)
        Fixtures.assertStaysInside(form, ctx)
        Fixtures.assertStaysInside(BowelLogScreen(ctx), ctx)
        var bowelForm = BowelLogScreen(ctx)
        _ = bowelForm.handle(.character("5"), ctx)
        Fixtures.assertStaysInside(bowelForm, ctx)
    }
}


/// Home and Progress with the diaries in the record (issue 22, phase 2).
final class DiaryHomeAndProgressTests: XCTestCase {
    let base = DiaryFixtures.self

    func testHomeLogsALeakOrAPeeInTwoKeysAndSaysTheDayOfTheThreeDayDiary() {
        var app = PortalApp(snapshot: base.bladderSnapshot, content: Fixtures.content, glyphs: .unicode)
        _ = app.update(.resized(Size(width: 80, height: 24)))
        let home = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(home.contains(" Bladder     Bladder diary: day 2 of 3. Press d."), home.joined(separator: "\n"))
        XCTAssertTrue(home.contains { $0.hasPrefix(" To do       Before visit 4: ") && $0.contains("short questionnaire") },
                      "the re-evaluation is Monday: the PSFS is due\n" + home.joined(separator: "\n"))
        XCTAssertEqual(app.update(.key(.character("d"))), [])
        XCTAssertEqual(app.top.kind, .bladderDiary)
        XCTAssertEqual(app.update(.key(.character("l"))), [.saveBladder(BladderEvent(date: Fixtures.today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .leak))],
                       "d then l: a leak is saved, at once")
        var again = PortalApp(snapshot: base.bladderSnapshot, content: Fixtures.content, glyphs: .unicode)
        _ = again.update(.key(.character("d")))
        XCTAssertEqual(again.update(.key(.character("p"))), [.saveBladder(BladderEvent(date: Fixtures.today, time: TimeOfDay(hour: 12, minute: 0)!, kind: .pee))])
    }

    /// QA (U5): "For visit 1: 2 short questionnaires" stayed on Home after visit 1 was completed and a later visit
    /// had come. Home follows the measure schedule: the week after visit 1 while no later visit has come, then nothing.
    func testHomeAsksForVisit1sQuestionnairesOnlyUntilTheNextVisitComes() throws {
        func home(secondVisit: VisitStatus) throws -> [String] {
            var snapshot = Fixtures.demo  // today is Friday 27 Nov
            snapshot.patient?.conditions = [.lowBack]
            let kinds: [VisitKind] = [.evaluation, .followUp, .followUp, .reEvaluation, .followUp, .discharge]
            let statuses: [VisitStatus] = [.completed, secondVisit, .toSchedule, .toSchedule, .toSchedule, .toSchedule]
            let starts: [String?] = ["2026-11-23T09:00", "2026-11-26T09:00", nil, nil, nil, nil]
            snapshot.plan = try CarePlan(visits: (0..<6).map { i in
                Visit(number: i + 1, kind: kinds[i], status: statuses[i], start: starts[i].map { LocalDateTime($0)! }, durationMinutes: 45, mode: .inPerson)
            })
            snapshot.record.measureResponses = []
            return Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines
        }
        let before = try home(secondVisit: .cancelled)
        XCTAssertTrue(before.contains { $0.hasPrefix(" To do       For visit 1: 2 short questionnaires") }, before.joined(separator: "\n"))
        for status in [VisitStatus.completed, .missed] {
            let after = try home(secondVisit: status)
            XCTAssertFalse(after.joined().contains("For visit 1"), "visit 2 \(status) yesterday\n" + after.joined(separator: "\n"))
        }
    }

    func testWithoutTheThreeDaysHomeGivesTodaysCountsOnceSomethingIsLogged() {
        var snapshot = Fixtures.demo
        XCTAssertFalse(Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines.contains { $0.hasPrefix(" Bladder ") },
                       "nothing logged, no line")
        snapshot.record.bladderEvents = base.entries
        let lines = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(lines.contains(" Bladder     Today: 2 pees, 2 leaks, 250 mL to drink"), lines.joined(separator: "\n"))
    }

    func testProgressShowsLeaksPerDayByWeekTheBowelsAndEachQuestionnairesChange() {
        var snapshot = base.withDiaries(Fixtures.demo)
        snapshot.record.measureResponses = [
            MeasureResponse(id: 1, measureID: "psfs", date: CalendarDate("2026-11-02")!,
                            activities: [RatedActivity("Lifting", 3), RatedActivity("Walking", 4), RatedActivity("Sitting", 4)]),
            MeasureResponse(id: 2, measureID: "psfs", date: CalendarDate("2026-11-27")!,
                            activities: [RatedActivity("Lifting", 6), RatedActivity("Walking", 7), RatedActivity("Sitting", 6)]),
        ]
        let page = ProgressScreen.page(Fixtures.context(snapshot), days: 30, size: Size(width: 80, height: 22))
        var buffer = Buffer(size: Size(width: 80, height: page.height))
        page.draw(offset: 0, into: &buffer, area: Rect(size: Size(width: 80, height: page.height)), glyphs: .unicode)
        // The lines joined with spaces: the page wraps at 80 columns.
        let text = buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(text.contains("Bladder: leaks per day, by week"), text)
        XCTAssertTrue(text.contains("1.0 a day (2 in 2 days kept)"), text)
        XCTAssertTrue(text.contains("Bowels, by week"), text)
        XCTAssertTrue(text.contains("2 movements: 1 hard (types 1–2), 1 in the usual range (types 3–4); strained 1, rushed 0, leaks 0"), text)
        XCTAssertTrue(text.contains("That is a change that matters"), text)
    }

    /// At 60 columns the note under the list wraps: "not a diagnosis" is never cut off.
    func testTheQuestionnairesNoteIsWholeAt60x18() {
        var app = PortalApp(snapshot: base.bladderSnapshot, content: Fixtures.content, glyphs: .unicode)
        _ = app.update(.resized(Size(width: 60, height: 18)))
        _ = app.update(.key(.character("m")))
        let text = app.view(size: Size(width: 60, height: 18)).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(text.contains("Scores are to talk over with your therapist, not a diagnosis."), text)
        XCTAssertTrue(text.contains("Back pain and daily life"), "every questionnaire still listed: \(text)")
    }

    func testTheQuestionnairesListSaysWhatIsDueAndOpensOne() {
        var app = PortalApp(snapshot: base.bladderSnapshot, content: Fixtures.content, glyphs: .unicode)
        _ = app.update(.resized(Size(width: 80, height: 24)))
        _ = app.update(.key(.character("m")))
        XCTAssertEqual(app.top.kind, .measures)
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(lines.contains { $0.contains("Before visit 4:") && $0.contains("short questionnaire") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("(due)") }, lines.joined(separator: "\n"))
        _ = app.update(.key(.enter))
        XCTAssertEqual(app.top.kind, .measure)
    }
}

/// The entries the diary screens' tests draw: a bladder day on Fri 27 Nov and one pee the day before, two bowel entries.
enum DiaryFixtures {
    /// The demo with the entries below in its record.
    static func withDiaries(_ snapshot: PortalSnapshot) -> PortalSnapshot {
        var s = snapshot
        s.record.bladderEvents = entries
        s.record.bowelEntries = bowel
        return s
    }

    /// The demo with bladder leaks among her conditions and visit 4 (the re-evaluation) on Monday 30 Nov.
    static var bladderSnapshot: PortalSnapshot {
        var s = Fixtures.demo
        s.patient?.conditions.append(.bladderLeaks)
        var visits = s.plan!.visits
        visits[3].status = .booked
        visits[3].start = LocalDateTime(date: CalendarDate("2026-11-30")!, time: TimeOfDay(hour: 9, minute: 0)!)
        s.plan = try! CarePlan(visits: visits)
        return withDiaries(s)
    }

    static var entries: [BladderEvent] {
        let d = { CalendarDate($0)! }, t = { TimeOfDay($0)! }
        return [
            BladderEvent(id: 1, date: d("2026-11-27"), time: t("03:10"), kind: .pee, volumeML: 300, wokeAtNight: true),
            BladderEvent(id: 2, date: d("2026-11-27"), time: t("07:00"), kind: .pee, volumeML: 400, urgency: 3),
            BladderEvent(id: 3, date: d("2026-11-27"), time: t("07:30"), kind: .drink, volumeML: 250, drink: .coffee),
            BladderEvent(id: 4, date: d("2026-11-27"), time: t("09:00"), kind: .leak, amount: .drops, activity: .cough),
            BladderEvent(id: 5, date: d("2026-11-27"), time: t("10:25"), kind: .leak, amount: .wet, activity: .urge),
            BladderEvent(id: 6, date: d("2026-11-27"), time: t("11:05"), kind: .pad),
            BladderEvent(id: 7, date: d("2026-11-26"), time: t("08:00"), kind: .pee),
        ]
    }

    static var bowel: [BowelEntry] {
        [BowelEntry(id: 1, date: CalendarDate("2026-11-27")!, time: TimeOfDay("07:40")!, type: .two, straining: true, pain: 3),
         BowelEntry(id: 2, date: CalendarDate("2026-11-25")!, time: TimeOfDay("08:00")!, type: .four)]
    }
}
