import PortalCore
import XCTest
@testable import PortalUI

/// Next week's program on the therapist's screen (issue 23, point 3), from the demo's chart (four weeks, the
/// latest begun three days ago): it starts from the latest week, adds from the library and removes, refuses a
/// number out of range on the field, asks for her decision where a precaution needs one, shows the week as the
/// patient will see it, and saves or publishes only through effects the viewer may ask for.
final class ProgramEditorScreenTests: XCTestCase {
    /// Her chart's Home, then `n`: the editor, and then `keys`.
    func editorApp(_ keys: [Key] = []) -> PortalApp {
        Fixtures.therapistApp(keys: [.enter, .character("n")] + keys)
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

    func testOnlyTheTherapistsHomeOffersNextWeeksProgram() {
        XCTAssertTrue(text(Fixtures.therapistApp(keys: [.enter]), Size(width: 200, height: 50)).contains("Next week's program"))
        XCTAssertFalse(text(Fixtures.app(Fixtures.demo), Size(width: 200, height: 50)).contains("Next week's program"))
        XCTAssertEqual(Fixtures.app(Fixtures.demo, keys: [.character("n")]).top.kind, .home, "the patient's n opens nothing")
    }

    func testItStartsFromTheLatestWeekAsTheNextNumberedCopy() throws {
        let app = editorApp()
        let e = try editor(app)
        let latest = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        XCTAssertEqual(e.draft.week.number, latest.number + 1)
        XCTAssertEqual(e.draft.week.prescriptions, latest.prescriptions)
        XCTAssertEqual(e.draft.week.origin, .therapist)
        XCTAssertFalse(e.hasUnsavedChanges)
        let screen = text(app)
        XCTAssertTrue(screen.contains("Week \(latest.number + 1) for \(Fixtures.demo.patient!.name)"), screen)
        XCTAssertTrue(screen.contains("A copy of week \(latest.number) to change: not saved yet"), screen)
    }

    func testANumberOutOfRangeIsRefusedOnTheFieldWithItsRange() throws {
        // Sets is the first number: 9 is taken, 99 is refused and the 9 stays.
        let app = editorApp([.character("9"), .character("9")])
        let e = try editor(app)
        let first = try XCTUnwrap(e.draft.week.prescriptions.first)
        XCTAssertEqual(first.dose.sets, 9)
        XCTAssertEqual(e.notice, "Sets is 1 to 10, not 99.")
        XCTAssertTrue(e.noticeIsProblem)
        XCTAssertTrue(text(app).contains("Sets is 1 to 10, not 99."), text(app))
        // ← at the lowest says the range too, and stays there.
        let low = try editor(editorApp([.character("1"), .left]))
        XCTAssertEqual(low.draft.week.prescriptions.first?.dose.sets, 1)
        XCTAssertEqual(low.notice, "Sets is 1 to 10.")
        // Every number of the dose and the side: Tab moves, → changes.
        let rest = try editor(editorApp([.tab, .tab, .tab, .tab, .tab, .tab, .right]))
        XCTAssertEqual(rest.item, .rest)
        let before = try XCTUnwrap(Fixtures.demo.program.weeks.last?.prescriptions.first).dose.restSeconds
        XCTAssertEqual(rest.draft.week.prescriptions.first?.dose.restSeconds, min(300, before + 5))
    }

    func testAnExerciseAddedFromTheLibraryAndOneRemovedAreWhatSheWillSeeAsNew() throws {
        let latest = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let start = try editor(editorApp()).draft.week.starts
        var app = editorApp([.character("a")])
        guard case .exercisePicker(let picker) = app.top else { return XCTFail("no picker: \(app.top.kind)") }
        // Searched by name, condition or category: the picker lists what the library's search finds.
        let found = picker.found(app.context)
        XCTAssertEqual(found.map(\.id), Fixtures.content.exercises.search("").map(\.id))
        let candidate = try XCTUnwrap(found.first { e in
            !latest.prescriptions.contains { $0.exerciseID == e.id }
                && PrescriptionRules(library: Fixtures.content.exercises).check(
                    ProgramWeek(number: 5, starts: start, note: "", prescriptions: [Prescription(exerciseID: e.id, dose: e.dose)]),
                    for: Fixtures.demo.patient!, includingDecisions: true).isEmpty
        })
        for key in Fixtures.chars(candidate.name) { _ = app.update(.key(key)) }
        guard case .exercisePicker(let searched) = app.top else { return XCTFail("typing left the picker") }
        let list = searched.found(app.context)
        XCTAssertEqual(list.map(\.id), Fixtures.content.exercises.search(candidate.name).map(\.id))
        let at = try XCTUnwrap(list.firstIndex { $0.id == candidate.id })
        for _ in 0..<at { _ = app.update(.key(.down)) }
        _ = app.update(.key(.enter))
        var e = try editor(app)
        XCTAssertEqual(e.draft.week.prescriptions.last?.exerciseID, candidate.id)
        XCTAssertEqual(e.draft.change(of: candidate.id), .new)
        XCTAssertTrue(e.hasUnsavedChanges)
        // The first exercise removed.
        _ = app.update(.key(.home))
        _ = app.update(.key(.character("x")))
        e = try editor(app)
        let removed = latest.prescriptions[0].exerciseID
        XCTAssertNil(e.draft.week.prescription(for: removed))
        XCTAssertEqual(e.draft.changes.removed.map(\.exerciseID), [removed])

        // Her view: Home's own New line for the week, from her program with this week in it on its first day.
        _ = app.update(.key(.character("v")))
        let shown = text(app, Size(width: 200, height: 50))
        var her = Fixtures.demo
        her.program = Program(weeks: her.program.weeks + [e.draft.week])
        her.clock = PortalClock(today: e.draft.week.starts, time: her.clock.time)
        let ctx = ScreenContext(snapshot: her, content: Fixtures.content, glyphs: .unicode)
        let newLine = try XCTUnwrap(HomeScreen.exerciseLines(ctx, sparkline: false).first { $0.label == "New" })
        XCTAssertTrue(newLine.text.contains(Fixtures.content.exercises.name(candidate.id)))
        XCTAssertTrue(shown.contains("On Home: " + newLine.text.replacingOccurrences(of: "\u{00A0}", with: " ")), shown)
        XCTAssertTrue(shown.contains("once you publish it"), shown)
    }

    func testAPrecautionIsShownAsSheEditsAndSavingWaitsForHerDecision() throws {
        let start = try editor(editorApp()).draft.week.starts
        let patient = try XCTUnwrap(Fixtures.demo.patient)
        let rules = PrescriptionRules(library: Fixtures.content.exercises)
        let latest = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let breaking = try XCTUnwrap(Fixtures.content.exercises.exercises.first { e in
            !latest.prescriptions.contains { $0.exerciseID == e.id }
                && !rules.check(ProgramWeek(number: 5, starts: start, note: "", prescriptions: [Prescription(exerciseID: e.id, dose: e.dose)]),
                                for: patient, includingDecisions: true).isEmpty
        }, "the demo (24 weeks pregnant) has an exercise her stage holds back")
        var app = editorApp([.character("a")])
        for key in Fixtures.chars(breaking.name) { _ = app.update(.key(key)) }
        guard case .exercisePicker(let picker) = app.top else { return XCTFail("no picker") }
        let at = try XCTUnwrap(picker.found(app.context).firstIndex { $0.id == breaking.id })
        XCTAssertTrue(text(app, Size(width: 200, height: 50)).contains("! rule"), "the library marks it before she adds it")
        for _ in 0..<at { _ = app.update(.key(.down)) }
        _ = app.update(.key(.enter))
        let screen = text(app, Size(width: 200, height: 50))
        XCTAssertTrue(screen.contains("record it as your decision (d)"), screen)

        // Saving is refused before it reaches the store: the reason and the ways out.
        XCTAssertEqual(app.update(.key(.character("s"))), [])
        var e = try editor(app)
        XCTAssertTrue(e.noticeIsProblem)
        XCTAssertTrue(e.notice?.contains("breaks a precaution") ?? false, e.notice ?? "")
        // QA J10: a reason she cannot read is refused where it is typed, with the rule; typing goes on.
        _ = app.update(.key(.character("d")))
        for key in Fixtures.chars("x") { _ = app.update(.key(key)) }
        _ = app.update(.key(.enter))
        e = try editor(app)
        XCTAssertTrue(e.noticeIsProblem)
        XCTAssertTrue(e.notice?.contains("at least \(Prescription.decisionMinimumLength) characters") ?? false, e.notice ?? "")
        XCTAssertNotNil(e.typing, "still typing her reason")
        XCTAssertEqual(e.draft.week.prescription(for: breaking.id)?.therapistDecision, "", "no decision recorded")
        _ = app.update(.key(.backspace))
        // Her decision, with the reason the patient is shown: then the week saves.
        for key in Fixtures.chars("Checked with her: no pain lying back") { _ = app.update(.key(key)) }
        _ = app.update(.key(.enter))
        e = try editor(app)
        XCTAssertEqual(e.draft.week.prescription(for: breaking.id)?.therapistDecision, "Checked with her: no pain lying back")
        XCTAssertEqual(app.update(.key(.character("s"))), [.saveDraftWeek(e.draft.week)])
    }

    func testSavingAndPublishingAreEffectsAndPublishingAsksFirst() throws {
        var app = editorApp([.character("n")] + Fixtures.chars("Keep it gentle this week") + [.enter])
        XCTAssertEqual(try editor(app).draft.week.note, "Keep it gentle this week")
        let week = try editor(app).draft.week
        XCTAssertEqual(app.update(.key(.character("s"))), [.saveDraftWeek(week)])
        XCTAssertEqual(app.update(.key(.character("p"))), [], "publishing asks first")
        XCTAssertTrue(try editor(app).confirmingPublish)
        let question = text(app)
        XCTAssertTrue(question.contains("Publish week \(week.number) to"), question)
        XCTAssertEqual(app.update(.key(.character("n"))), [], "any other key: not now")
        XCTAssertFalse(try editor(app).confirmingPublish)
        _ = app.update(.key(.character("p")))
        XCTAssertEqual(app.update(.key(.character("y"))), [.publishWeek(week)])
    }

    func testAViewerWhoMayNotWriteTheProgramIsOfferedNeitherSaveNorPublish() {
        // The editor's own keys follow `Viewer.may`: the patient's login may not publish, so it is not offered.
        var ctx = Fixtures.therapistApp(keys: [.enter]).context
        let therapist = ProgramEditorScreen(ctx).keyTable(ctx)
        XCTAssertTrue(therapist.bindings.contains { $0.keys.contains(.character("p")) && $0.active })
        ctx.viewer = .patient
        let patient = ProgramEditorScreen(ctx).keyTable(ctx)
        XCTAssertFalse(patient.bindings.contains { $0.keys.contains(.character("p")) && $0.active })
        // And the app sends no effect the viewer may not ask for (the second line).
        XCTAssertEqual(Effect.publishWeek(Fixtures.demo.program.weeks[0]).write, .publishing)
        XCTAssertEqual(Effect.saveDraftWeek(Fixtures.demo.program.weeks[0]).write, .programWeeks)
    }

    func testADraftSavedBeforeIsWhereSheGoesOn() throws {
        var chart = Fixtures.demo
        let latest = try XCTUnwrap(chart.program.weeks.last)
        var draft = try XCTUnwrap(WeekDraft.next(after: chart.program, today: chart.today))
        draft.week.note = "Saved yesterday"
        chart.program = Program(weeks: chart.program.weeks + [draft.week])
        chart.draftWeeks = [draft.week.number]
        var charts = Fixtures.charts
        charts[Fixtures.caseload[0].login] = chart
        let app = Fixtures.therapistApp(keys: [.enter, .character("n")], charts: charts)
        let e = try editor(app)
        XCTAssertEqual(e.draft.week, draft.week)
        XCTAssertEqual(e.draft.previous, latest)
        XCTAssertTrue(text(app).contains("Saved, not published: she does not see it until you publish it (p)"), text(app))
    }

    /// QA D11a: `[` stops at the earliest day saving accepts and says why (the latest week's 7 days are its own),
    /// rather than moving the week before the one before it and leaving `s` to refuse it as "overlaps".
    func testTheFirstDayMovesOnlyWithinWhatSavingAccepts() throws {
        let latest = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let earliest = latest.starts.adding(days: Program.minimumWeekDays)
        var app = editorApp()
        XCTAssertEqual(try editor(app).draft.week.starts, earliest, "the template's day is the earliest")
        app = editorApp([.character("["), .character("["), .character("[")])
        var e = try editor(app)
        XCTAssertEqual(e.draft.week.starts, earliest, "not a day before it")
        XCTAssertEqual(e.notice, "Week \(latest.number + 1) starts on \(earliest.shortText) at the earliest: week \(latest.number) (from \(latest.starts.shortText)) keeps its 7 days.")
        XCTAssertTrue(e.noticeIsProblem)
        app = editorApp([.character("]"), .character("]"), .character("[")])
        e = try editor(app)
        XCTAssertEqual(e.draft.week.starts, earliest.adding(days: 1))
        XCTAssertEqual(e.notice, "Week \(latest.number + 1) now starts on \(earliest.adding(days: 1).shortText).")
        // And the day it stopped on is one saving takes.
        app = editorApp([.character("[")])
        XCTAssertEqual(app.update(.key(.character("s"))), [.saveDraftWeek(try editor(app).draft.week)])
    }
}
