import XCTest
import PortalCore
@testable import PortalUI

final class ExerciseDetailScreenTests: XCTestCase {
    typealias F = Fixtures
    let ctx = Fixtures.context()

    private func detail(_ id: String, week: Int = 4) -> ExerciseDetailScreen { ExerciseDetailScreen(exerciseID: id, week: week) }

    /// The app with the detail of the third exercise of this week (standing hip extension) on top.
    private func app(glyphs: Glyphs = .unicode) throws -> PortalApp {
        var app = PortalApp(snapshot: F.demo, content: F.content, glyphs: glyphs)
        try F.press([.character("e"), .down, .down, .enter], on: &app)
        XCTAssertEqual(app.top, .exerciseDetail(detail("standing-hip-extension")))
        return app
    }

    /// The demo with glute bridge (flat on the back: a precaution after 20 weeks of pregnancy) added to week 4.
    private var withBridge: PortalSnapshot {
        var s = F.demo
        s.program = Program(weeks: s.program.weeks.map { w in
            var w = w
            if w.number == 4 {
                w.prescriptions.append(Prescription(exerciseID: "glute-bridge", dose: Dose(sets: 2, reps: 10, timesPerDay: 2, daysPerWeek: 5)))
            }
            return w
        })
        return s
    }

    // MARK: - View

    func testANewExerciseAt80x24() throws {
        assertLines(try app().view(size: Size(width: 80, height: 24)), [
            " Portal → Exercise                                      Jordan Lee · Fri 27 Nov",
            "",
            " Standing hip extension                                  [ ] Not done yet today",
            " Your dose: 2 × 10, each side, 5 days a week",
            "",
            " Strength · Standing, holding a counter · Counter or sturdy chair for support",
            " Works on: Buttock muscles (gluteus maximus)",
            " New in week 4.",
            "",
            " Note: Hold the counter. Skip it and tell your therapist if standing on one leg",
            " hurts your pelvis.",
            "",
            " Steps",
            " 1. Stand tall facing a counter, holding it lightly with both hands.",
            " 2. Shift your weight onto one leg and keep that knee soft.",
            " 3. Breathe out and slowly move the other leg straight back, squeezing that",
            "    buttock.",
            " 4. Stop before your lower back arches or your hips twist.",
            " 5. Bring the leg back slowly. Finish your reps, then switch sides.",
            "",
            " Cues",
            " • A small, controlled movement is enough",
            " ↓ More below: Precautions (PgDn)",
            "Space mark done  t timer  ↑↓ move  PgDn next section  Esc back  ? help",
        ])
    }

    func testANewExerciseAtTheMinimumSize() throws {
        assertLines(try app().view(size: Size(width: 60, height: 18)), [
            " Portal → Exercise                  Jordan Lee · Fri 27 Nov",
            "",
            " Standing hip extension              [ ] Not done yet today",
            " Your dose: 2 × 10, each side, 5 days a week",
            "",
            " Strength · Standing, holding a counter · Counter or sturdy",
            " chair for support",
            " Works on: Buttock muscles (gluteus maximus)",
            " New in week 4.",
            "",
            " Note: Hold the counter. Skip it and tell your therapist if",
            " standing on one leg hurts your pelvis.",
            "",
            " Steps",
            " 1. Stand tall facing a counter, holding it lightly with",
            "    both hands.",
            " ↓ More below: Cues, Precautions (PgDn)",
            "Space mark done  t timer  ↑↓ move  Esc back  ? help",
        ])
    }

    func testEndShowsThePrecautionsThatApplyFirst() throws {
        var app = try app()
        try F.press([.end], on: &app)
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal → Exercise                  Jordan Lee · Fri 27 Nov",
            "",
            " Standing hip extension              [ ] Not done yet today",
            " Your dose: 2 × 10, each side, 5 days a week",
            "",
            " Precautions",
            " Important for you now",
            " • Stop and tell your therapist if your pain gets sharply",
            "   worse. Keep breathing; don't hold your breath.",
            "",
            " Good to know",
            " • This means standing on one leg, which often aggravates",
            "   pelvic girdle pain. If it does, skip it and ask your",
            "   therapist for a version on hands and knees.",
            "",
            "",
            "",
            "Space mark done  t timer  ↑↓ move  Esc back  ? help",
        ])
    }

    func testAProgressedExerciseSaysWhatItWasAndThatItIsDone() {
        let lines = F.drawInScreenArea(detail("side-lying-hip-abduction"), ctx).lines
        XCTAssertEqual(lines[2], " Side-lying hip abduction                                        [✓] Done today")
        XCTAssertEqual(lines[3], " Your dose: 3 × 10, each side, 5 days a week")
        XCTAssertEqual(lines[8], " Progressed in week 4: 2 × 10, each side → 3 × 10, each side.")
        XCTAssertEqual(detail("side-lying-hip-abduction").hints(ctx).first, KeyHint("u", "undo"))
    }

    /// A change of rest between sets alone is said in words (it used to read "Changed in week 4. Before:" and
    /// the very dose she has now), and so is a change of how often.
    func testAChangeOfRestOrHowOftenIsSaidInWords() throws {
        let before = try XCTUnwrap(F.demo.program.week(number: 3)?.prescription(for: "side-lying-hip-abduction")).dose
        var s = F.demo
        s.program = Program(weeks: s.program.weeks.map { w in
            var w = w
            if w.number == 4 {
                w.prescriptions = w.prescriptions.map { p in
                    guard p.exerciseID == "side-lying-hip-abduction" else { return p }
                    var p = p
                    p.dose = before
                    p.dose.restSeconds = before.restSeconds + 30
                    p.dose.daysPerWeek = 7
                    return p
                }
            }
            return w
        })
        let c = Fixtures.context(s)
        let text = F.drawInScreenArea(detail("side-lying-hip-abduction"), c).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Progressed in week 4: \(before.frequency) → daily; rest \(before.restSeconds) s"), text)
        XCTAssertTrue(text.contains("→ rest \(before.restSeconds + 30) s."), text)
        XCTAssertFalse(text.contains("Before:"), text)
    }

    /// Issue 18: an exercise the therapist prescribed against one of its rules shows her reason; issue 19,
    /// point 3: a note in a generated week is not presented as the therapist's.
    func testTheTherapistsDecisionAndWhoseNoteItIs() {
        var snap = F.demo
        snap.program = Program(weeks: snap.program.weeks.map { w in
            var w = w
            if w.number == 4 {
                w.prescriptions.append(Prescription(exerciseID: "figure-4-stretch", dose: Dose(sets: 1, reps: 3, holdSeconds: 30),
                                                    note: "Slowly.", therapistDecision: "Propped on pillows, for a minute."))
            }
            return w
        })
        let generated = F.drawInScreenArea(detail("figure-4-stretch"), F.context(snap)).lines.joined(separator: "\n")
        XCTAssertTrue(generated.contains("Your therapist's decision: Propped on pillows, for a minute."), generated)
        XCTAssertTrue(generated.contains(" Note: Slowly."), generated)
        snap.program = Program(weeks: snap.program.weeks.map { w in var w = w; w.origin = .therapist; return w })
        XCTAssertTrue(F.drawInScreenArea(detail("figure-4-stretch"), F.context(snap)).lines.joined(separator: "\n").contains("From your therapist: Slowly."))
    }

    func testAPrecautionForThisPatientIsPointedOutAtTheTop() {
        let c = F.context(withBridge)
        var s = detail("glute-bridge")
        let lines = F.drawInScreenArea(s, c).lines
        XCTAssertEqual(lines[2], " Glute bridge                                            [ ] Not done yet today")
        XCTAssertEqual(lines[3], " Your dose: 2 × 10, 2× a day, 5 days a week")
        XCTAssertTrue(lines.contains(" Please read \"Important for you now\" under Precautions before you start (End)."),
                      lines.joined(separator: "\n"))
        XCTAssertEqual(s.handle(.end, c), .stay)
        let end = F.drawInScreenArea(s, c).lines
        let important = end.firstIndex(of: " Important for you now")!
        // The specific one (24 weeks pregnant: not long flat on the back) comes before the general one.
        XCTAssertTrue(end[important + 1].hasPrefix(" • After 20 weeks of pregnancy"), end[important + 1])
        XCTAssertTrue(end.contains(" Good to know"), "the C-section one does not apply, but is still there")
        XCTAssertLessThan(important, end.firstIndex(of: " Good to know")!)
    }

    func testHalfDoneTwiceADay() {
        let whole = ExerciseSession(date: F.today, exerciseID: "glute-bridge", week: 4, setsDone: 2)
        let snap = F.snapshot(sessions: [whole], from: withBridge)
        let c = F.context(snap)
        var s = detail("glute-bridge")
        XCTAssertEqual(F.drawInScreenArea(s, c).lines[2], " Glute bridge                                             [ ] 1 of 2 done today")
        XCTAssertEqual(s.handle(.character(" "), c), .effects(.markDone(exerciseID: "glute-bridge", date: F.today)))
        XCTAssertEqual(s.handle(.character("u"), c), .effects(.undoDone(exerciseID: "glute-bridge", date: F.today)))
    }

    // Issue 19, point 5: a session of 1 of its 2 sets is partial, here as on Home, Exercises and `portal today`.
    func testAPartialSessionIsShownAsPartialAndSpaceStillRecordsAWholeOne() {
        let partial = ExerciseSession(date: F.today, exerciseID: "glute-bridge", week: 4, setsDone: 1)
        let c = F.context(F.snapshot(sessions: [partial], from: withBridge))
        var s = detail("glute-bridge")
        XCTAssertEqual(F.drawInScreenArea(s, c).lines[2], " Glute bridge                                  [ ] 0 of 2 done today, 1 partial")
        XCTAssertEqual(s.handle(.character(" "), c), .effects(.markDone(exerciseID: "glute-bridge", date: F.today)))
    }

    func testAPastWeekShowsThatWeeksDoseAndCannotBeMarked() {
        var s = detail("clamshell", week: 2)
        let lines = F.drawInScreenArea(s, ctx).lines
        XCTAssertEqual(lines[2], " Clamshell                                                        Week 2 (past)")
        XCTAssertEqual(lines[3], " Your dose: 2 × 12, each side, 5 days a week")
        XCTAssertEqual(s.hints(ctx).map(\.key), ["t", ctx.glyphs.up + ctx.glyphs.down, "PgDn"])
        for key in [Key.character(" "), .character("x"), .character("u")] {
            XCTAssertEqual(s.handle(key, ctx), .stay)
            XCTAssertEqual(s.notice, "This is week 2. Exercises can be marked done in this week's program (week 4).")
        }
        XCTAssertTrue(F.drawInScreenArea(s, ctx).contains(" This is week 2. Exercises can be marked done in this week's program (week"))
    }

    func testASCIIFallback() throws {
        var app = try app(glyphs: .ascii)
        try F.press([.pageDown, .pageDown], on: &app)
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[2], " Standing hip extension                                  [ ] Not done yet today")
        XCTAssertEqual(lines[5], " Cues")
        XCTAssertEqual(lines[6], " - A small, controlled movement is enough")
        for line in lines {
            XCTAssertTrue(line.unicodeScalars.allSatisfy { $0.isASCII || "×·".unicodeScalars.contains($0) }, line)
        }
    }

    func testAnExerciseMissingFromTheLibrary() {
        var snap = F.demo
        snap.program = Program(weeks: [ProgramWeek(number: 1, starts: F.today, note: "",
                                                    prescriptions: [Prescription(exerciseID: "gone", dose: Dose(sets: 1, reps: 5))])])
        let lines = F.drawInScreenArea(detail("gone", week: 1), F.context(snap)).lines
        XCTAssertEqual(lines[2], " gone                                                    [ ] Not done yet today")
        XCTAssertEqual(lines[5], " This exercise is not in the library any more. Ask your therapist about it.")
    }

    func testNeverDrawsOutsideItsArea() {
        F.assertStaysInside(detail("standing-hip-extension"), ctx)
        var s = detail("side-lying-hip-abduction", week: 3)
        _ = s.handle(.end, ctx)
        _ = s.handle(.character(" "), ctx)
        F.assertStaysInside(s, ctx)
        F.assertStaysInside(detail("glute-bridge"), F.context(withBridge, glyphs: .ascii))
    }

    // MARK: - Keys

    func testScrollingMovesAParagraphAtATimeAndPagesBySection() {
        var s = detail("standing-hip-extension")
        let blocks = s.blocks(ctx)
        let steps = blocks.firstIndex { $0.section == "Steps" }!
        let cues = blocks.firstIndex { $0.section == "Cues" }!
        let precautions = blocks.firstIndex { $0.section == "Precautions" }!
        XCTAssertEqual([steps, cues, precautions], [4, 10, 14])
        XCTAssertEqual(s.handle(.down, ctx), .stay)
        XCTAssertEqual(s.offset, 1)
        XCTAssertEqual(s.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(s.offset, 2)
        XCTAssertEqual(s.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(s.offset, 1)
        XCTAssertEqual(s.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(s.offset, steps)
        XCTAssertEqual(s.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(s.offset, cues)
        XCTAssertEqual(s.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(s.offset, steps)
        XCTAssertEqual(s.handle(.end, ctx), .stay)
        XCTAssertEqual(s.offset, precautions)
        XCTAssertEqual(s.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(s.offset, blocks.count - 1, "past the last section: the last paragraph")
        XCTAssertEqual(s.handle(.down, ctx), .stay)
        XCTAssertEqual(s.offset, blocks.count - 1, "never past it")
        XCTAssertEqual(s.handle(.home, ctx), .stay)
        XCTAssertEqual(s.offset, 0)
        XCTAssertEqual(s.handle(.up, ctx), .stay)
        XCTAssertEqual(s.offset, 0)
        XCTAssertEqual(s.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(s.offset, 0)
    }

    func testScrollingDrawsFromTheParagraphAndSaysWhatIsLeft() {
        var s = detail("standing-hip-extension")
        _ = s.handle(.pageDown, ctx)
        _ = s.handle(.down, ctx)
        let lines = F.drawInScreenArea(s, ctx, width: 60, height: 18).lines
        XCTAssertEqual(Array(lines[5...8]), [
            " 1. Stand tall facing a counter, holding it lightly with",
            "    both hands.",
            " 2. Shift your weight onto one leg and keep that knee soft.",
            " 3. Breathe out and slowly move the other leg straight",
        ])
        XCTAssertEqual(lines[16], " ↓ More below: Precautions (PgDn)")
    }

    func testATallWindowShowsEverythingWhateverTheScroll() {
        var s = detail("standing-hip-extension")
        _ = s.handle(.end, ctx)
        let lines = F.drawInScreenArea(s, ctx, width: 120, height: 40).lines
        XCTAssertEqual(lines[5], " Strength · Standing, holding a counter · Counter or sturdy chair for support")
        XCTAssertEqual(lines[29], "   therapist for a version on hands and knees.")
        XCTAssertFalse(lines.joined().contains("More below"))
    }

    func testSpaceMarksDoneAndUndoesOnceDone() {
        var s = detail("standing-hip-extension")
        XCTAssertEqual(s.handle(.character(" "), ctx), .effects(.markDone(exerciseID: "standing-hip-extension", date: F.today)))
        XCTAssertEqual(s.handle(.character("x"), ctx), .effects(.markDone(exerciseID: "standing-hip-extension", date: F.today)))
        XCTAssertEqual(s.handle(.character("u"), ctx), .stay)
        XCTAssertEqual(s.notice, "Not marked done today, so there is nothing to undo.")

        var done = detail("side-lying-hip-abduction")
        XCTAssertEqual(done.handle(.character(" "), ctx), .effects(.undoDone(exerciseID: "side-lying-hip-abduction", date: F.today)))
        XCTAssertEqual(done.handle(.character("u"), ctx), .effects(.undoDone(exerciseID: "side-lying-hip-abduction", date: F.today)))
        XCTAssertEqual(done.handle(.character("x"), ctx), .stay)
        XCTAssertEqual(done.notice, "Already done today. Press u to undo.")
        XCTAssertEqual(done.handle(.down, ctx), .stay)
        XCTAssertNil(done.notice)
    }

    func testTStartsTheTimerWithTheWeeksDose() {
        var s = detail("clamshell", week: 2)
        let dose = F.demo.program.week(number: 2)!.prescription(for: "clamshell")!.dose
        XCTAssertEqual(s.handle(.character("t"), ctx), .push(.timer(TimerScreen(exerciseID: "clamshell", dose: dose))))
    }

    func testKeysItDoesNotUseAreLeftToTheApp() {
        var s = detail("sit-to-stand")
        for key in [Key.escape, .backspace, .enter, .character("q"), .character("?"), .left] {
            XCTAssertEqual(s.handle(key, ctx), .unhandled, "\(key)")
        }
    }

    func testMarkingDoneThroughTheAppUpdatesTodaysState() throws {
        let store = try F.store()
        var app = PortalApp(snapshot: try PortalSnapshot.load(from: store, clock: F.clock), content: F.content)
        try F.press([.character("e"), .down, .down, .enter, .character(" ")], on: &app, store: store)
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[2], " Standing hip extension                                          [✓] Done today")
        XCTAssertEqual(lines[22], " Marked done: Standing hip extension.")
        try F.press([.escape], on: &app)
        XCTAssertEqual(app.view(size: Size(width: 80, height: 24)).lines[11],
                       " › [✓] Standing hip extension                                               NEW")
    }
}
