import XCTest
import PortalCore
@testable import PortalUI

final class ExercisesScreenTests: XCTestCase {
    typealias F = Fixtures
    let ctx = Fixtures.context()

    /// The demo's week 4, in order.
    let ids = ["side-lying-hip-abduction", "sit-to-stand", "standing-hip-extension", "seated-piriformis-stretch",
               "pelvic-floor-long-holds", "pelvic-floor-quick-squeezes"]

    private func app(_ snapshot: PortalSnapshot = Fixtures.demo, glyphs: Glyphs = .unicode) throws -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: F.content, glyphs: glyphs)
        try F.press([.character("e")], on: &app)
        guard case .exercises = app.top else { XCTFail("e opens the exercises from home"); return app }
        return app
    }

    private func screen(_ app: PortalApp) -> ExercisesScreen? {
        if case .exercises(let s) = app.top { return s }
        return nil
    }

    /// The demo with week 4 changed by `change`.
    private func withWeek4(_ change: (inout ProgramWeek) -> Void) -> PortalSnapshot {
        var s = F.demo
        s.program = Program(weeks: s.program.weeks.map { w in
            var w = w
            if w.number == 4 { change(&w) }
            return w
        })
        return s
    }

    // MARK: - View

    /// QA E14: after a sign whose message is "Stop exercising and call 911", the Exercises screen and the timer
    /// said nothing of it and offered the week's exercises as on any day.
    func testASignThatStopsExerciseIsSaidAboveTheWeekAndTheTimer() throws {
        var snapshot = F.demo
        snapshot.signReports.append(SignReport(date: F.today, time: TimeOfDay(hour: 7, minute: 0)!, signs: ["chest-pain"]))
        let lines = try app(snapshot).view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(lines[2].contains("Emergency: Stop exercising and call 911 now."), lines[2])
        XCTAssertTrue(lines[4].hasPrefix(" Week 4"), "the week under it: \(lines[4])")
        let ctx = F.context(snapshot)
        let timer = F.draw(TimerScreen(exerciseID: ids[1], dose: Dose(sets: 2, reps: 12)), ctx, width: 78, height: 21).lines
        XCTAssertTrue(timer[0].contains("Emergency: Stop exercising and call 911 now."), timer[0])
        var own = snapshot
        own.signReports = []
        XCTAssertFalse(try app(own).view(size: Size(width: 80, height: 24)).lines.joined().contains("Emergency"), "only on those days")
    }

    /// QA G3: with thoughts of harm (911) and heavy bleeding (call your provider) Home said "call 911" and the
    /// Exercises screen and the timer "call your provider"; with thoughts of harm alone they said nothing.
    func testTheExercisesAndTheTimerSayHomesMostUrgentAction() throws {
        for (signs, said) in [(["thoughts-of-harm", "heavy-bleeding"], "Emergency: Stop exercising and call 911 now."),
                              (["thoughts-of-harm"], "Emergency: Call 911 now.")] {
            var snapshot = F.demo
            snapshot.signReports.append(SignReport(date: F.today, time: TimeOfDay(hour: 7, minute: 0)!, signs: signs))
            let lines = try app(snapshot).view(size: Size(width: 80, height: 24)).lines
            XCTAssertTrue(lines[2].contains(said), "\(signs): \(lines[2])")
            let timer = F.draw(TimerScreen(exerciseID: ids[1], dose: Dose(sets: 2, reps: 12)), F.context(snapshot), width: 78, height: 21).lines
            XCTAssertTrue(timer[0].contains(said), "\(signs): \(timer[0])")
        }
    }

    func testThisWeekAt80x24() throws {
        assertLines(try app().view(size: Size(width: 80, height: 24)), [
            " Portal → Exercises                                     Jordan Lee · Fri 27 Nov",
            "",
            " Week 4 · from Tue 24 Nov · 1 of 6 done today",
            " About this week: Halfway there. Clamshells have done their job, so this week",
            " adds a standing leg lift and a few more sit-to-stands. A little more of:",
            " pelvic floor long holds.",
            "",
            " › [✓] Side-lying hip abduction                                          ↑ more",
            "       3 × 10, each side · 5 days a week",
            "   [ ] Sit to stand                                                      ↑ more",
            "       2 × 12 · 5 days a week",
            "   [ ] Standing hip extension                                               NEW",
            "       2 × 10, each side · 5 days a week",
            "   [ ] Seated piriformis stretch",
            "       1 × 3, hold 30 s, each side · 5 days a week",
            "   [ ] Pelvic floor long holds                             0 of 3 today  ↑ more",
            "       1 × 12, hold 8 s · 3× a day, daily",
            "   [ ] Pelvic floor quick squeezes                                 0 of 3 today",
            "       1 × 10, hold 1 s · 3× a day, daily",
            "",
            " No longer in your program: Clamshell",
            "",
            "",
            "↑↓ move  Enter details  Space undo  t timer  ←→ week  Esc back  ? help",
        ])
    }

    /// A number and its unit ("3 s", "1 × 8") stay on one row when the change wraps.
    func testAChangeWrapsBetweenWholeAmounts() throws {
        let snapshot = withWeek4 { w in
            w.prescriptions = w.prescriptions.map { p in
                guard p.exerciseID == "side-lying-hip-abduction" else { return p }
                var p = p
                p.dose = Dose(sets: 1, reps: 8, holdSeconds: 3, restSeconds: 30, timesPerDay: 1, daysPerWeek: 4, side: .each)
                return p
            }
        }
        let before = try XCTUnwrap(F.demo.program.week(number: 3)?.prescription(for: "side-lying-hip-abduction")).dose
        XCTAssertEqual(before, Dose(sets: 2, reps: 10, holdSeconds: 0, restSeconds: 30, timesPerDay: 1, daysPerWeek: 5, side: .each))
        // 30 rows: the week of 6 fills 80×24 down to the hints, and the change is said under the list.
        let lines = try app(snapshot).view(size: Size(width: 80, height: 30)).lines
        XCTAssertEqual(Array(lines[22...23]), [
            " Side-lying hip abduction, eased from week 3: 2 × 10, each side → 1 × 8, hold",
            " 3 s, each side; 5 days a week → 4 days a week",
        ])
    }

    /// A dose whose rest between sets alone changed says so in words under the list: its row and the "~" tag
    /// beside it cannot show the rest (before, the detail read "Before:" the same dose as now).
    func testAChangeOfRestAloneIsSaidInWords() throws {
        let before = try XCTUnwrap(F.demo.program.week(number: 3)?.prescription(for: "side-lying-hip-abduction")).dose
        let snapshot = withWeek4 { w in
            w.prescriptions = w.prescriptions.map { p in
                guard p.exerciseID == "side-lying-hip-abduction" else { return p }
                var p = p
                p.dose = before
                p.dose.restSeconds = before.restSeconds + 30
                return p
            }
        }
        let lines = try app(snapshot).view(size: Size(width: 80, height: 30)).lines
        XCTAssertTrue(lines[7].hasSuffix(" changed"), lines[7])
        XCTAssertEqual(lines[22], " Side-lying hip abduction, changed from week 3: rest \(before.restSeconds) s → rest \(before.restSeconds + 30) s")
        let ascii = try app(snapshot, glyphs: .ascii).view(size: Size(width: 80, height: 30)).lines
        XCTAssertEqual(ascii[22], " Side-lying hip abduction, changed from week 3: rest \(before.restSeconds) s -> rest \(before.restSeconds + 30) s")
    }

    /// At 200 columns the therapist's notes keep to the 78-column measure the list's tags end at.
    func testThisWeekAt200x50KeepsTheNotesToTheListsMeasure() throws {
        var app = try app()
        let lines = app.view(size: Size(width: 200, height: 50)).lines
        XCTAssertEqual(Array(lines[2...7]), [
            " Week 4 · from Tue 24 Nov · 1 of 6 done today",
            " About this week: Halfway there. Clamshells have done their job, so this week",
            " adds a standing leg lift and a few more sit-to-stands. A little more of:",
            " pelvic floor long holds.",
            "",
            " › [✓] Side-lying hip abduction                                          ↑ more",
        ])
        try F.press([.down, .down], on: &app)
        let moved = app.view(size: Size(width: 200, height: 50)).lines
        XCTAssertEqual(Array(moved[20...23]), [
            " No longer in your program: Clamshell",
            "",
            " Note on Standing hip extension: Hold the counter. Skip it and tell your",
            " therapist if standing on one leg hurts your pelvis.",
        ])
        XCTAssertTrue(moved.dropFirst().dropLast().allSatisfy { DisplayWidth.of($0) <= 1 + PortalApp.readingMeasure },
                      "between the title bar and the hints no row runs past the measure")
    }

    func testThisWeekAtTheMinimumSize() throws {
        assertLines(try app().view(size: Size(width: 60, height: 18)), [
            " Portal → Exercises                 Jordan Lee · Fri 27 Nov",
            "",
            " Week 4 · from Tue 24 Nov · 1 of 6 done today",
            " About this week: Halfway there. Clamshells have done their",
            " job, so this week adds a standing leg lift and a few more",
            " sit-to-stands. A little more of: pelvic floor long holds.",
            "",
            " › [✓] Side-lying hip abduction                      ↑ more",
            "       3 × 10, each side · 5 days a week",
            "   [ ] Sit to stand                                  ↑ more",
            "       2 × 12 · 5 days a week",
            "   [ ] Standing hip extension                           NEW",
            "       2 × 10, each side · 5 days a week",
            "   [ ] Seated piriformis stretch",
            "       1 × 3, hold 30 s, each side · 5 days a week",
            "",
            " ↓ 2 more below",
            "↑↓ move  Enter details  Space undo  Esc back  ? help",
        ], "hints that do not fit are dropped from the end")
    }

    func testTheSelectedExercisesNoteShowsUnderTheListWhenThereIsRoom() throws {
        var app = try app()
        try F.press([.down, .down], on: &app)
        // 30 rows: the week of 6 fills 80×24 down to the hints, and the note needs the room under the list.
        let lines = app.view(size: Size(width: 80, height: 30)).lines
        XCTAssertEqual(lines[11], " › [ ] Standing hip extension                                               NEW")
        XCTAssertEqual(Array(lines[20...24]), [
            " No longer in your program: Clamshell",
            "",
            " Note on Standing hip extension: Hold the counter. Skip it and tell your",
            " therapist if standing on one leg hurts your pelvis.",
            "",
        ])
        XCTAssertEqual(lines[29], "↑↓ move  Enter details  Space done  t timer  ←→ week  Esc back  ? help", "Space marks it done")
        // At the minimum size the list comes first and the note is left out.
        XCTAssertFalse(app.view(size: Size(width: 60, height: 18)).contains("Note on"))
    }

    /// At 80x24 a week of six left no room under the list for the selected exercise's note (the tests looked at
    /// 80x30). The note is read there now: "No longer in your program" gives way to it (it is not about the
    /// exercise she is on), and where the whole list and the note do not fit the list scrolls, keeping
    /// `minimumShown` exercises and the one she is on in view. At 60x18 the list keeps its rows as before.
    func testTheSelectedExercisesNoteIsReadAt80x24() throws {
        var app = try app()
        try F.press([.down, .down], on: &app)
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[11], " › [ ] Standing hip extension                                               NEW")
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains(" Note on Standing hip extension: Hold the counter. Skip it and tell your\n therapist if standing on one leg hurts your pelvis."), text)
        XCTAssertEqual(lines[23], "↑↓ move  Enter details  Space done  t timer  ←→ week  Esc back  ? help")
        XCTAssertTrue(text.contains("Pelvic floor long holds"), "the whole list still fits: \(text)")
        // A longer note (three rows) and a hold on the exercise: the list scrolls to leave them room.
        let long = withWeek4 { w in
            w.prescriptions = w.prescriptions.map { p in
                guard p.exerciseID == "standing-hip-extension" else { return p }
                var p = p
                p.note = "Hold the counter with both hands and keep your hips level. Skip it and tell your therapist if standing on one leg hurts your pelvis or your back."
                p.therapistDecision = "Kept on purpose while you are pregnant: it is gentle."
                return p
            }
        }
        var busy = try self.app(long)
        try F.press([.down, .down], on: &busy)
        let scrolled = busy.view(size: Size(width: 80, height: 24)).lines
        let said = scrolled.joined(separator: "\n")
        XCTAssertTrue(said.contains(" Note on Standing hip extension: Hold the counter"), said)
        XCTAssertTrue(said.contains("decision on Standing hip extension"), said)
        XCTAssertTrue(said.contains("Standing hip extension "), "the exercise she is on stays in view: \(said)")
        XCTAssertTrue(said.contains("more below"), "the list says it scrolls: \(said)")
        let shown = scrolled.filter { $0.contains("[ ]") || $0.contains("[✓]") }.count
        XCTAssertGreaterThanOrEqual(shown, ExercisesScreen.minimumShown, said)
        // Moving on keeps the note of the exercise she is on.
        try F.press([.down], on: &busy)
        XCTAssertFalse(busy.view(size: Size(width: 80, height: 24)).contains("Note on Standing hip extension"))
        // Every size stays inside and the list keeps rows at the minimum.
        let small = busy.view(size: Size(width: 60, height: 18)).lines
        XCTAssertGreaterThanOrEqual(small.filter { $0.contains("[ ]") || $0.contains("[✓]") }.count, ExercisesScreen.minimumShown, small.joined(separator: "\n"))
    }

    func testASCIIFallbackUsesOnlyTheGlyphSet() throws {
        let lines = try app(glyphs: .ascii).view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[7], " > [x] Side-lying hip abduction                                          ^ more")
        XCTAssertEqual(lines[9], "   [ ] Sit to stand                                                      ^ more")
        XCTAssertEqual(lines[23], "Up/Down move  Enter details  Space undo  t timer  Esc back  ? help")
        // Only PortalCore's text (× and ·) may be non-ASCII; the terminal layer transliterates those.
        for line in lines {
            XCTAssertTrue(line.unicodeScalars.allSatisfy { $0.isASCII || "×·".unicodeScalars.contains($0) }, line)
        }
    }

    func testAPastWeekIsReadOnlyAndSaysWhatWasDropped() {
        let s = ExercisesScreen(weekNumber: 3)
        let lines = F.drawInScreenArea(s, ctx).lines
        XCTAssertEqual(lines[2], " Viewing week 3 (past) · Tue 17 Nov to Mon 23 Nov")
        XCTAssertEqual(lines[3], " About this week: You're building a good base. The rocking makes way for")
        XCTAssertEqual(lines[7], " › • Clamshell                                                           ↑ more")
        XCTAssertEqual(lines[11], "   • Sit to stand                                                           NEW")
        XCTAssertEqual(lines[20], " Dropped in week 3: Hands-and-knees rock back")
        XCTAssertFalse(lines.joined().contains("[✓]"), "no done boxes in another week")
        XCTAssertEqual(s.hints(ctx).map(\.label), ["move", "details", "timer", "week"], "no Space in a past week")
    }

    func testTheFirstWeekMarksNothingAsNew() {
        let lines = F.drawInScreenArea(ExercisesScreen(weekNumber: 1), ctx).lines
        XCTAssertEqual(lines[2], " Viewing week 1 (past) · Tue 3 Nov to Mon 9 Nov")
        XCTAssertEqual(lines[9], " › • Clamshell", "under the week's note, which ends with what the squeezes are for")
        XCTAssertFalse(lines.joined().contains("NEW"))
        XCTAssertFalse(lines.joined().contains("No longer"))
    }

    func testAWeekThatHasNotStartedSaysWhenItStarts() {
        var snap = F.demo
        snap.program = Program(weeks: snap.program.weeks + [
            ProgramWeek(number: 5, starts: CalendarDate("2026-12-01")!, note: "Next week.",
                        prescriptions: [Prescription(exerciseID: "sit-to-stand", dose: Dose(sets: 3, reps: 12, daysPerWeek: 5))]),
        ])
        let c = F.context(snap)
        var s = ExercisesScreen()
        XCTAssertEqual(s.handle(.right, c), .stay)
        XCTAssertEqual(s.weekNumber, 5)
        let lines = F.drawInScreenArea(s, c).lines
        XCTAssertEqual(lines[2], " Viewing week 5 (starts Tue 1 Dec)")
        XCTAssertEqual(lines[3], " From your therapist: Next week.")
        XCTAssertEqual(lines[5], " › • Sit to stand                                                        ↑ more")
        XCTAssertEqual(lines[6], "       3 × 12 · 5 days a week")
        XCTAssertTrue(lines.contains(" Dropped in week 5: Side-lying hip abduction, Standing hip extension, Seated"), lines.joined(separator: "\n"))
    }

    /// Issue 19, point 3: only a week the therapist wrote says "From your therapist"; the demo's weeks come from
    /// the templates. Issue 18: her decision to prescribe an exercise against its rules shows with her reason.
    func testOnlyTheTherapistsWeekSpeaksForHerAndHerDecisionShows() {
        let generated = F.drawInScreenArea(ExercisesScreen(), F.context(F.demo)).lines.joined(separator: "\n")
        XCTAssertTrue(generated.contains(" About this week: Halfway there."), generated)
        XCTAssertFalse(generated.contains("From your therapist"), generated)
        let theirs = withWeek4 { w in
            w.origin = .therapist
            w.prescriptions[0].therapistDecision = "Chosen at visit 3."
        }
        // 30 rows: her decision is said under the week of 6, which fills 80×24.
        let lines = F.drawInScreenArea(ExercisesScreen(), F.context(theirs), width: 80, height: 30).lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains(" From your therapist: Halfway there."), lines)
        XCTAssertTrue(lines.contains("Your therapist's decision on Side-lying hip abduction: Chosen at visit 3."), lines)
    }

    func testTwiceADayShowsHowManyAreDone() {
        let snap = F.snapshot(sessions: [F.session("sit-to-stand")], from: withWeek4 { w in
            w.prescriptions[1].dose.timesPerDay = 2
        })
        let c = F.context(snap)
        let lines = F.drawInScreenArea(ExercisesScreen(), c).lines
        XCTAssertEqual(lines[2], " Week 4 · from Tue 24 Nov · 0 of 6 done today")
        XCTAssertEqual(lines[9], "   [ ] Sit to stand                                        1 of 2 today  ↑ more")
        XCTAssertEqual(lines[10], "       2 × 12 · 2× a day, 5 days a week")
        var s = ExercisesScreen(weekNumber: nil, selected: 1)
        XCTAssertEqual(s.handle(.character(" "), c), .effects(.markDone(exerciseID: "sit-to-stand", date: F.today)),
                       "half done is not done: Space marks the second session")
        XCTAssertEqual(s.handle(.character("u"), c), .effects(.undoDone(exerciseID: "sit-to-stand", date: F.today)),
                       "u takes back the first session")
    }

    // Issue 19, point 5: a session of 1 of 2 sets is not ticked here (it was, while Space refused another
    // session as "already marked done"); it says it is partial, and Space records the whole session.
    func testAPartialSessionIsNotTickedAndSpaceRecordsTheWholeOne() {
        let partial = ExerciseSession(date: F.today, exerciseID: "sit-to-stand", week: 4, setsDone: 1)
        let c = F.context(F.snapshot(sessions: [partial]))
        let lines = F.drawInScreenArea(ExercisesScreen(), c).lines
        XCTAssertEqual(lines[2], " Week 4 · from Tue 24 Nov · 0 of 6 done today")
        XCTAssertEqual(lines[9], "   [ ] Sit to stand                                partial: 1 of 2 sets  ↑ more")
        var s = ExercisesScreen(weekNumber: nil, selected: 1)
        XCTAssertEqual(s.handle(.character(" "), c), .effects(.markDone(exerciseID: "sit-to-stand", date: F.today)))
        XCTAssertNil(s.notice)
    }

    func testALongNoteIsWholeWhenThereIsRoomAndCutOtherwise() {
        let note = String(repeating: "Keep going, you are doing well. ", count: 12)
        let snap = withWeek4 { $0.note = note }
        // 30 rows: at 80×24 the week of 6 leaves the note fewer rows than it needs.
        let lines = F.drawInScreenArea(ExercisesScreen(), F.context(snap), width: 80, height: 30).lines
        let shown = lines[3...].prefix { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertEqual(shown, "About this week: " + note.trimmingCharacters(in: .whitespaces), "the whole note at 80×30")
        XCTAssertTrue(lines.contains(" › [✓] Side-lying hip abduction                                          ↑ more"))
        let small = F.drawInScreenArea(ExercisesScreen(), F.context(snap), width: 60, height: 18).lines
        XCTAssertTrue(small[5].hasSuffix("…"), "cut to three rows at the minimum: \(small)")
        XCTAssertTrue(small.contains { $0.contains("Side-lying hip abduction") })
    }

    func testEverythingDoneTodayIsSaid() {
        // The pelvic floor squeezes are three times a day: done is all three.
        let times = Dictionary(uniqueKeysWithValues: F.demo.currentWeek!.prescriptions.map { ($0.exerciseID, $0.dose.timesPerDay) })
        let snap = F.snapshot(sessions: ids.flatMap { id in Array(repeating: F.session(id), count: times[id] ?? 1) })
        let lines = F.drawInScreenArea(ExercisesScreen(), F.context(snap)).lines
        XCTAssertEqual(lines[2], " Week 4 · from Tue 24 Nov · 6 of 6 done today")
        XCTAssertEqual(lines.filter { $0.contains("[✓]") }.count, 6)
    }

    func testAShortAreaScrollsAndSaysWhatIsOutOfView() {
        var s = ExercisesScreen()
        for _ in 0..<3 { _ = s.handle(.down, ctx) }
        var buffer = Buffer(size: Size(width: 58, height: 11))
        s.view(ctx, into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.lines, [
            "Week 4 · from Tue 24 Nov · 1 of 6 done today",
            "About this week: Halfway there. Clamshells have done their",
            "job, so this week adds a standing leg lift and a few more",
            "sit-to-stands. A little more of: pelvic floor long holds.",
            "",
            "  [ ] Standing hip extension                           NEW",
            "      2 × 10, each side · 5 days a week",
            "› [ ] Seated piriformis stretch",
            "      1 × 3, hold 30 s, each side · 5 days a week",
            "",
            "↑ 2 more above  ↓ 2 more below",
        ])
    }

    func testNoProgramYet() {
        var snap = F.demo
        snap.program = Program(weeks: [])
        let c = F.context(snap)
        var s = ExercisesScreen()
        let lines = F.drawInScreenArea(s, c).lines
        XCTAssertEqual(lines[2], " Your exercise program starts after your first visit.")
        XCTAssertEqual(lines[4], " Your therapist sets it up for you, and it shows here week by week.")
        XCTAssertEqual(s.hints(c), [])
        XCTAssertEqual(s.handle(.enter, c), .unhandled)
        XCTAssertEqual(s.handle(.character(" "), c), .unhandled)
    }

    func testNeverDrawsOutsideItsArea() {
        F.assertStaysInside(ExercisesScreen(), ctx)
        F.assertStaysInside(ExercisesScreen(weekNumber: 2, selected: 3), ctx)
        var s = ExercisesScreen()
        _ = s.handle(.right, ctx)  // leaves a notice on screen
        F.assertStaysInside(s, ctx)
        F.assertStaysInside(ExercisesScreen(), F.context(glyphs: .ascii))
    }

    // MARK: - Keys

    func testMovingTheSelectionStopsAtBothEnds() {
        var s = ExercisesScreen()
        XCTAssertEqual(s.handle(.up, ctx), .stay)
        XCTAssertEqual(s.selected, 0)
        XCTAssertEqual(s.handle(.down, ctx), .stay)
        XCTAssertEqual(s.selected, 1)
        XCTAssertEqual(s.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(s.selected, 2)
        XCTAssertEqual(s.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(s.selected, 1)
        XCTAssertEqual(s.handle(.end, ctx), .stay)
        XCTAssertEqual(s.selected, 5)
        XCTAssertEqual(s.handle(.down, ctx), .stay)
        XCTAssertEqual(s.selected, 5)
        XCTAssertEqual(s.handle(.home, ctx), .stay)
        XCTAssertEqual(s.selected, 0)
        XCTAssertEqual(s.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(s.selected, 5)
        XCTAssertEqual(s.handle(.pageUp, ctx), .stay)
        XCTAssertEqual(s.selected, 0)
    }

    func testEnterOpensTheDetailOfTheShownWeek() {
        var s = ExercisesScreen(weekNumber: nil, selected: 2)
        XCTAssertEqual(s.handle(.enter, ctx), .push(.exerciseDetail(ExerciseDetailScreen(exerciseID: "standing-hip-extension", week: 4))))
        var past = ExercisesScreen(weekNumber: 2, selected: 0)
        XCTAssertEqual(past.handle(.enter, ctx), .push(.exerciseDetail(ExerciseDetailScreen(exerciseID: "clamshell", week: 2))))
    }

    func testTOpensTheTimerWithThePrescribedDose() {
        var s = ExercisesScreen(weekNumber: nil, selected: 0)
        let dose = F.demo.currentWeek!.prescriptions[0].dose
        XCTAssertEqual(dose.sets, 3)
        XCTAssertEqual(s.handle(.character("t"), ctx), .push(.timer(TimerScreen(exerciseID: "side-lying-hip-abduction", dose: dose))))
    }

    func testSpaceAndXMarkDoneAndSpaceUndoesWhatIsDone() {
        var s = ExercisesScreen(weekNumber: nil, selected: 1)
        XCTAssertEqual(s.handle(.character(" "), ctx), .effects(.markDone(exerciseID: "sit-to-stand", date: F.today)))
        XCTAssertEqual(s.handle(.character("x"), ctx), .effects(.markDone(exerciseID: "sit-to-stand", date: F.today)))
        XCTAssertEqual(s, ExercisesScreen(weekNumber: nil, selected: 1), "marking changes nothing until it is saved")

        var done = ExercisesScreen(weekNumber: nil, selected: 0)
        XCTAssertEqual(done.handle(.character(" "), ctx), .effects(.undoDone(exerciseID: "side-lying-hip-abduction", date: F.today)))
        XCTAssertEqual(done.handle(.character("u"), ctx), .effects(.undoDone(exerciseID: "side-lying-hip-abduction", date: F.today)))
        XCTAssertEqual(done.handle(.character("x"), ctx), .stay, "x only marks; it never takes back")
        XCTAssertEqual(done.notice, "Side-lying hip abduction is already done today. Press u to undo.")
        XCTAssertTrue(F.drawInScreenArea(done, ctx).contains("Side-lying hip abduction is already done today. Press u to undo."))
    }

    func testUndoWithNothingDoneSaysSo() {
        var s = ExercisesScreen(weekNumber: nil, selected: 3)
        XCTAssertEqual(s.handle(.character("u"), ctx), .stay)
        XCTAssertEqual(s.notice, "Seated piriformis stretch is not marked done today, so there is nothing to undo.")
        XCTAssertEqual(s.handle(.down, ctx), .stay)
        XCTAssertNil(s.notice, "the next key clears it")
    }

    func testOtherWeeksCannotBeMarked() {
        var s = ExercisesScreen(weekNumber: 3, selected: 1)
        for key in [Key.character(" "), .character("x"), .character("u")] {
            XCTAssertEqual(s.handle(key, ctx), .stay)
            XCTAssertEqual(s.notice, "You are looking at week 3. Exercises can be marked done in this week's program (week 4).")
        }
    }

    func testLeftAndRightChangeTheWeekKeepingTheExercise() {
        var s = ExercisesScreen(weekNumber: nil, selected: 0)  // side-lying hip abduction
        XCTAssertEqual(s.handle(.left, ctx), .stay)
        XCTAssertEqual(s, ExercisesScreen(weekNumber: 3, selected: 1), "week 3 has it second")
        XCTAssertEqual(s.handle(.character("["), ctx), .stay)
        XCTAssertEqual(s, ExercisesScreen(weekNumber: 2, selected: 1))
        XCTAssertEqual(s.handle(.character("["), ctx), .stay)
        XCTAssertEqual(s, ExercisesScreen(weekNumber: 1, selected: 0), "week 1 does not have it: the first row")
        XCTAssertEqual(s.handle(.left, ctx), .stay)
        XCTAssertEqual(s.weekNumber, 1)
        XCTAssertEqual(s.notice, "Week 1 is the first week of your program.")
        XCTAssertEqual(s.handle(.right, ctx), .stay)
        XCTAssertEqual(s.weekNumber, 2)
        XCTAssertEqual(s.handle(.character("]"), ctx), .stay)
        XCTAssertEqual(s.handle(.right, ctx), .stay)
        XCTAssertEqual(s.weekNumber, nil, "back at this week: follows the date again")
        XCTAssertEqual(s.handle(.right, ctx), .stay)
        XCTAssertEqual(s.weekNumber, nil)
        XCTAssertEqual(s.notice, "Week 5 is not out yet. Your therapist adds each week after looking at how it went.")
    }

    func testKeysItDoesNotUseAreLeftToTheApp() {
        var s = ExercisesScreen()
        for key in [Key.escape, .backspace, .character("q"), .character("?"), .tab] {
            XCTAssertEqual(s.handle(key, ctx), .unhandled, "\(key)")
        }
    }

    // MARK: - Completed effects

    func testCompletedKeepsTheSelectionOnTheMarkedExercise() {
        var s = ExercisesScreen(weekNumber: nil, selected: 0)
        XCTAssertEqual(s.completed(.markDone(exerciseID: "standing-hip-extension", date: F.today), ctx), .stay)
        XCTAssertEqual(s.selected, 2)
        XCTAssertEqual(s.completed(.undoDone(exerciseID: "seated-piriformis-stretch", date: F.today), ctx), .stay)
        XCTAssertEqual(s.selected, 3)
        XCTAssertEqual(s.completed(.markDone(exerciseID: "clamshell", date: F.today), ctx), .stay)
        XCTAssertEqual(s.selected, 3, "an exercise not in the week leaves the selection alone")
        XCTAssertEqual(s.completed(.markArticleRead("x"), ctx), .stay)
    }

    func testMarkingDoneThroughTheAppSavesAndShowsIt() throws {
        let store = try F.store()
        var app = try app(try PortalSnapshot.load(from: store, clock: F.clock))
        try F.press([.down, .character(" ")], on: &app, store: store)
        XCTAssertEqual(screen(app)?.selected, 1)
        var lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[2], " Week 4 · from Tue 24 Nov · 2 of 6 done today")
        XCTAssertEqual(lines[9], " › [✓] Sit to stand                                                      ↑ more")
        XCTAssertEqual(lines[22], " Marked done: Sit to stand.")
        XCTAssertEqual(try store.sessions(from: F.today, to: F.today).map(\.exerciseID).sorted(),
                       ["side-lying-hip-abduction", "sit-to-stand"])

        try F.press([.character(" ")], on: &app, store: store)
        lines = app.view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[9], " › [ ] Sit to stand                                                      ↑ more")
        XCTAssertEqual(lines[22], " Marked not done: Sit to stand.")
        XCTAssertEqual(try store.sessions(from: F.today, to: F.today).map(\.exerciseID), ["side-lying-hip-abduction"])
    }
}
