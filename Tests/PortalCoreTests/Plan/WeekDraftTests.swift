import StoreTestSupport
import XCTest
@testable import PortalCore

/// The therapist's next week while she writes it (issue 23, point 3): it starts as a copy of the latest week,
/// her changes keep to the dose limits, the change from the week before is the patient's "New this week", the
/// precautions are checked as she edits, and saving is checked as the store checks it.
final class WeekDraftTests: XCTestCase {
    let library = sharedContent.exercises
    /// 24 weeks pregnant on 27 Nov 2026 (25 when week 3 starts), with buttock hip pain: lying on the back is held back from week 20.
    let patient = Patient(name: "Jordan", stage: .pregnant(dueDate: day("2026-11-27").adding(days: 16 * 7 - 3)), conditions: [.hipPiriformis])
    let program = Program(weeks: [
        ProgramWeek(number: 1, starts: day("2026-11-17"), note: "One", prescriptions: [rx("clamshell"), rx("seated-piriformis-stretch")]),
        ProgramWeek(number: 2, starts: day("2026-11-24"), note: "Two", prescriptions: [rx("clamshell", sets: 3), rx("cat-cow")]),
    ])

    func testTheNextWeekIsACopyOfTheLatestNumberedAndDatedToFollowIt() throws {
        let draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        XCTAssertEqual(draft.week.number, 3)
        XCTAssertEqual(draft.week.starts, day("2026-12-01"), "a week after week 2 starts")
        XCTAssertEqual(draft.week.prescriptions, program.weeks[1].prescriptions)
        XCTAssertEqual(draft.week.note, "", "her note is hers to write for each week")
        XCTAssertEqual(draft.week.origin, .therapist)
        XCTAssertEqual(draft.previous, program.weeks[1])
        XCTAssertTrue(draft.changes.isEmpty, "nothing changed yet")
        XCTAssertNil(WeekDraft.next(after: Program(weeks: []), today: day("2026-11-27")))
    }

    /// A late next week starts tomorrow, however late: once a program has run out, the 8 weeks' typo guard no
    /// longer pulls it back into the past (QA D23: it proposed a week months ago).
    func testALateNextWeekStartsTomorrowEvenMonthsLater() throws {
        XCTAssertEqual(WeekDraft.next(after: program, today: day("2026-12-10"))?.week.starts, day("2026-12-11"))
        XCTAssertEqual(WeekDraft.next(after: program, today: day("2027-03-01"))?.week.starts, day("2027-03-02"))
    }

    func testADraftSavedBeforeIsEditedAsItWasAfterTheWeekBeforeIt() throws {
        var weeks = program.weeks
        weeks.append(ProgramWeek(number: 3, starts: day("2026-12-01"), note: "Draft", prescriptions: [rx("cat-cow")]))
        let draft = try XCTUnwrap(WeekDraft.editing(3, in: Program(weeks: weeks)))
        XCTAssertEqual(draft.week.note, "Draft")
        XCTAssertEqual(draft.previous?.number, 2)
        XCTAssertEqual(draft.changes.removed.map(\.exerciseID), ["clamshell"])
        XCTAssertNil(WeekDraft.editing(9, in: program))
    }

    func testEachChangeIsWhatThePatientWillSeeAsNewThisWeek() throws {
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        try draft.add("standing-hip-extension", library: library)
        draft.step(.sets, of: "cat-cow", by: 1)
        draft.step(.sets, of: "clamshell", by: -1)
        XCTAssertEqual(draft.change(of: "standing-hip-extension"), .new)
        XCTAssertEqual(draft.change(of: "cat-cow"), .more)
        XCTAssertEqual(draft.change(of: "clamshell"), .eased)
        draft.setSide(.each, of: "clamshell")
        draft.step(.sets, of: "clamshell", by: 1)
        XCTAssertEqual(draft.change(of: "clamshell"), .more, "each side is twice the work")
        draft.remove("clamshell")
        XCTAssertEqual(draft.changes.removed.map(\.exerciseID), ["clamshell"])
        // The same diff the patient's program makes once the week is hers.
        var weeks = program.weeks
        weeks.append(draft.week)
        XCTAssertEqual(Program(weeks: weeks).diff(for: draft.week), draft.changes)
        // Taken out and put back, it comes back at last week's dose: nothing to tell her.
        try draft.add("clamshell", library: library)
        XCTAssertNil(draft.change(of: "clamshell"))
        XCTAssertEqual(draft.week.prescription(for: "standing-hip-extension")?.dose,
                       library.exercise("standing-hip-extension")?.dose, "a new exercise starts at the library's dose")
    }

    func testAddingIsRefusedForAnUnknownARepeatedOrOneTooManyExercise() throws {
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        XCTAssertThrowsError(try draft.add("moonwalk", library: library)) { XCTAssertTrue("\($0)".contains("not in the exercise library"), "\($0)") }
        XCTAssertThrowsError(try draft.add("cat-cow", library: library)) { XCTAssertEqual("\($0)", "Cat-cow is in week 3 already.") }
        for e in library.exercises.filter({ draft.week.prescription(for: $0.id) == nil }).prefix(ProgramWeekFile.maxPrescriptions - 2) {
            try draft.add(e.id, library: library)
        }
        XCTAssertEqual(draft.week.prescriptions.count, ProgramWeekFile.maxPrescriptions)
        XCTAssertThrowsError(try draft.add("calf-raise", library: library)) { XCTAssertTrue("\($0)".contains("the most a week holds"), "\($0)") }
    }

    func testADoseKeepsToTheLimitsTheImportChecks() throws {
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        XCTAssertThrowsError(try draft.set(.sets, of: "cat-cow", to: 11)) { XCTAssertEqual("\($0)", "Sets is 1 to 10, not 11.") }
        try draft.set(.holdSeconds, of: "cat-cow", to: 120)
        draft.step(.holdSeconds, of: "cat-cow", by: 3)
        XCTAssertEqual(draft.week.prescription(for: "cat-cow")?.dose.holdSeconds, 120, "a step stops at the limit")
        draft.step(.restSeconds, of: "cat-cow", by: -1)
        XCTAssertEqual(draft.week.prescription(for: "cat-cow")?.dose.restSeconds, 25, "rest moves 5 seconds a step")
        for field in Dose.Field.allCases {
            draft.step(field, of: "clamshell", by: 500)
            draft.step(field, of: "cat-cow", by: -500)
        }
        // Every value the editor can reach is one the import accepts, and the limits are the import's.
        XCTAssertNoThrow(try ProgramWeekFile.validate(draft.week, library: library))
        var over = draft.week
        over.prescriptions[0].dose.reps = 51
        XCTAssertThrowsError(try ProgramWeekFile.validate(over, library: library)) {
            XCTAssertEqual("\($0)", "prescriptions[0].reps is 51; it must be 1 to 50.")
        }
    }

    func testABrokenRuleIsShownWithItsWayOutAndSavingWaitsForOne() throws {
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        XCTAssertNoThrow(try draft.check(against: program, patient: patient, library: library))
        try draft.add("figure-4-stretch", library: library)
        let broken = draft.ruleBreaks(for: patient, library: library)
        XCTAssertEqual(broken.map(\.exerciseID), ["figure-4-stretch"])
        XCTAssertEqual(broken.first?.short, "Not lying on the back from week 20 of pregnancy: she is 25 weeks pregnant then.")
        // Saving is refused, as the store refuses it, with the way out named.
        XCTAssertThrowsError(try draft.check(against: program, patient: patient, library: library)) {
            XCTAssertTrue("\($0)".contains("therapistDecision"), "\($0)")
        }
        // Her decision, with a reason: still shown beside the exercise, no longer in the way of saving.
        draft.decide("figure-4-stretch", reason: "  Propped on two pillows, a minute at most.  ")
        XCTAssertEqual(draft.week.prescription(for: "figure-4-stretch")?.therapistDecision, "Propped on two pillows, a minute at most.")
        XCTAssertEqual(draft.ruleBreaks(for: patient, library: library).count, 1)
        XCTAssertNoThrow(try draft.check(against: program, patient: patient, library: library))
        draft.decide("figure-4-stretch", reason: " ")
        XCTAssertThrowsError(try draft.check(against: program, patient: patient, library: library), "an empty reason takes it back")
        // Or she changes it: without the exercise nothing is broken.
        draft.remove("figure-4-stretch")
        XCTAssertEqual(draft.ruleBreaks(for: patient, library: library), [])
    }

    func testTheWeeksDatesDecideARuleThatLiftsWithTime() throws {
        // Seven weeks after a C-section: the side plank waits until eight.
        let mother = Patient(name: "Ana", stage: .postpartum(birthDate: day("2026-10-13"), delivery: .cesarean), conditions: [.lowBack])
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        try draft.add("side-plank-knees", library: library)
        XCTAssertEqual(draft.ruleBreaks(for: mother, library: library).first?.short,
                       "Not before 8 weeks after a C-section: that is 7 weeks after her C-section.")
        XCTAssertTrue(draft.moveStart(by: 7, within: draft.startWindow(in: program, today: day("2026-11-27"))))
        XCTAssertEqual(draft.week.starts, day("2026-12-08"))
        XCTAssertEqual(draft.ruleBreaks(for: mother, library: library), [], "a week later, the rule has lifted")
        XCTAssertNoThrow(try draft.check(against: program, patient: mother, library: library))
    }

    func testSavingAgainReplacesTheDraftAndTheDatesMustStillFit() throws {
        var draft = try XCTUnwrap(WeekDraft.next(after: program, today: day("2026-11-27")))
        var weeks = program.weeks
        weeks.append(draft.week)
        XCTAssertNoThrow(try draft.check(against: Program(weeks: weeks), patient: patient, library: library),
                         "the draft saved before is the one this replaces, not a week in the way")
        // The editor's `[` stops at the earliest day saving accepts; a date put there otherwise is refused.
        XCTAssertFalse(draft.moveStart(by: -3, within: draft.startWindow(in: program, today: day("2026-11-27"))))
        XCTAssertNoThrow(try draft.check(against: program, patient: patient, library: library))
        draft.week.starts = draft.week.starts.adding(days: -3)
        XCTAssertThrowsError(try draft.check(against: program, patient: patient, library: library)) {
            XCTAssertTrue("\($0)".contains("overlaps week 2"), "\($0)")
        }
    }
}
