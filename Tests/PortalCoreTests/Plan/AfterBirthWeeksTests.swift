@testable import PortalCore
import StoreTestSupport
import XCTest

/// Review of QA G2: after the birth the portal goes by what each week was planned for (`Program.plannedFor`),
/// not by its dates; after a C-section week 1 of a pregnancy program holds what is new too; her therapist's weeks
/// planned before the birth are named; a generated week's note never names what is held; and the wait after a
/// C-section is the library's own rule.
final class AfterBirthWeeksTests: XCTestCase {
    let rules = sharedContent.exercises.rules

    func mum(born: String, _ delivery: Delivery = .cesarean) -> Patient {
        Patient(name: "A", stage: .postpartum(birthDate: day(born), delivery: delivery), conditions: [.lowBack])
    }

    func week(_ n: Int, _ starts: String, _ ps: [Prescription], origin: WeekOrigin = .generated, note: String = "") -> ProgramWeek {
        ProgramWeek(number: n, starts: day(starts), note: note, prescriptions: ps, origin: origin)
    }

    /// `weeks`, each planned for what `planned` says (in order; nil: not recorded).
    func program(_ weeks: [ProgramWeek], _ planned: [PlannedFor?], drafts: Set<Int> = []) -> Program {
        Program(weeks: weeks, drafts: drafts,
                plannedFor: Dictionary(uniqueKeysWithValues: zip(weeks, planned).compactMap { w, p in p.map { (w.number, $0) } }))
    }

    /// Planned while she was pregnant: week 1 from Wed 9 Dec, week 2 from Wed 16 Dec. The baby came by C-section
    /// on Mon 14 Dec and was recorded on Thu 17 Dec, so week 2, under way, started after the birth: it was still
    /// planned for her pregnancy, and says so and holds what it adds or makes harder as week 1 would have.
    func testAPregnancyWeekThatStartedAfterTheBirthStillSaysToCheckAndHolds() {
        let w1 = week(1, "2026-12-09", [rx("cat-cow"), rx("pelvic-floor-long-holds")])
        let w2 = week(2, "2026-12-16", [rx("cat-cow", sets: 3), rx("pelvic-floor-long-holds"), rx("bird-dog")])
        let w3 = week(3, "2026-12-23", [rx("ankle-pumps"), rx("bird-dog")])
        let program = self.program([w1, w2, w3], [.pregnancy, .pregnancy, .afterBirth])
        let mum = mum(born: "2026-12-14")
        XCTAssertTrue(AfterBirthCheck.applies(to: mum, week: w2, of: program), "planned for her pregnancy, whatever its dates")
        XCTAssertFalse(AfterBirthCheck.applies(to: mum, week: w3, of: program), "planned after the birth")
        let holds = PrescriptionHolds(patient: mum, rules: rules, program: program)
        let today = day("2026-12-17")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w2, on: today)?.until, day("2027-02-08"), "new: 8 weeks after the C-section")
        XCTAssertNotNil(holds.hold(rx("cat-cow", sets: 3), in: w2, on: today), "made harder")
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w2, on: today))
        XCTAssertNil(holds.hold(rx("bird-dog"), in: w3, on: day("2026-12-23")), "the week planned after the birth keeps its own rules only")
        // A week that does not say what it was planned for (stored before the portal recorded it, after the
        // birth) goes by its dates: one that started after the birth is not taken for a pregnancy week.
        let unknown = self.program([w1, w2, w3], [.pregnancy, nil, .afterBirth])
        XCTAssertFalse(AfterBirthCheck.applies(to: mum, week: w2, of: unknown))
        XCTAssertTrue(unknown.plannedForPregnancy(w2, birth: day("2026-12-16")))
        XCTAssertNil(PrescriptionHolds(patient: mum, rules: rules, program: unknown).hold(rx("bird-dog"), in: w2, on: today))
    }

    /// Week 1 has no week before it: planned for her pregnancy, everything in it is new to her after a C-section,
    /// and waits, but the pelvic floor and breathing exercises the first weeks after a C-section are for.
    func testAfterACSectionWeek1PlannedForPregnancyHoldsAllButPelvicFloorAndBreathing() {
        let w1 = week(1, "2026-12-09", [rx("cat-cow"), rx("bird-dog"), rx("pelvic-floor-long-holds"), rx("diaphragmatic-breathing")])
        let program = self.program([w1], [.pregnancy])
        let holds = PrescriptionHolds(patient: mum(born: "2026-12-11"), rules: rules, program: program)
        let today = day("2026-12-12")
        XCTAssertEqual(holds.hold(rx("cat-cow"), in: w1, on: today)?.until, day("2027-02-05"))
        XCTAssertNotNil(holds.hold(rx("bird-dog"), in: w1, on: today))
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w1, on: today))
        XCTAssertNil(holds.hold(rx("diaphragmatic-breathing"), in: w1, on: today))
        XCTAssertEqual(ExerciseLog(program: program, sessions: [], holds: holds).today(today).prescribed, 2)
        let vaginal = PrescriptionHolds(patient: mum(born: "2026-12-11", .vaginal), rules: rules, program: program)
        XCTAssertNil(vaginal.hold(rx("cat-cow"), in: w1, on: today), "after a vaginal birth she checks first; nothing more is held")
        XCTAssertNil(holds.hold(rx("cat-cow"), in: w1, on: day("2027-02-05")), "8 weeks on")
    }

    /// The wait is the library's `weeks-after-cesarean` rule: a library that says 10 weeks holds for 10, and a
    /// library with no such rule holds nothing this way.
    func testTheWaitAfterACSectionIsTheLibrarysOwnRule() {
        XCTAssertEqual(rules.afterCesarean, ExerciseRule(.weeksAfterCesarean, weeks: 8))
        let w1 = week(1, "2026-12-09", [rx("bird-dog")])
        let program = self.program([w1], [.pregnancy])
        let ten = ExerciseRules(["side-plank-knees": [ExerciseRule(.weeksAfterCesarean, weeks: 10)]], categories: ["bird-dog": .core])
        let holds = PrescriptionHolds(patient: mum(born: "2026-12-11"), rules: ten, program: program)
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w1, on: day("2026-12-12"))?.until, day("2027-02-19"))
        XCTAssertEqual(holds.afterCesarean, ExerciseRule(.weeksAfterCesarean, weeks: 10))
        let none = PrescriptionHolds(patient: mum(born: "2026-12-11"), rules: ExerciseRules([:], categories: ["bird-dog": .core]), program: program)
        XCTAssertNil(none.hold(rx("bird-dog"), in: w1, on: day("2026-12-12")))
    }

    /// Her therapist's weeks survive the program after the birth: each planned before it is named, with the word
    /// to check with her first, under way or to come; a week planned after the birth, or a draft, is not.
    func testHerTherapistsWeeksPlannedBeforeTheBirthAreNamed() {
        let weeks = [
            week(1, "2026-12-09", [rx("cat-cow")]),
            week(2, "2026-12-16", [rx("ankle-pumps")]),
            week(3, "2026-12-23", [rx("cat-cow")], origin: .therapist),
            week(4, "2026-12-30", [rx("cat-cow")], origin: .therapist),
            week(5, "2027-01-06", [rx("cat-cow")], origin: .therapist),
            week(6, "2027-01-13", [rx("cat-cow")], origin: .therapist),
        ]
        let program = self.program(weeks, [.pregnancy, .afterBirth, .pregnancy, .pregnancy, .afterBirth, .pregnancy], drafts: [6])
        let mum = mum(born: "2026-12-12", .vaginal)
        let check = AfterBirthCheck(patient: mum, program: program, current: weeks[1], today: day("2026-12-17"))
        XCTAssertNil(check?.week, "the week under way was planned after the birth")
        XCTAssertEqual(check?.therapistWeeks, [3, 4])
        XCTAssertEqual(check?.line, "Your therapist planned weeks 3 and 4 before the birth: check with your therapist before you do them.")
        XCTAssertEqual(check?.whole, check?.line)
        // Under way in her week 3: it is named as this week, with the check before exercising.
        let inWeek3 = AfterBirthCheck(patient: mum, program: program, current: weeks[2], today: day("2026-12-24"))
        XCTAssertEqual(inWeek3?.line, AfterBirthCheck.text)
        // The words themselves, once, so a change of them is a change a test sees (neutral words: QA-i I10).
        XCTAssertEqual(AfterBirthCheck.text, "After the birth, check with your provider or therapist before you exercise again.")
        XCTAssertEqual(inWeek3?.whole, AfterBirthCheck.text + " Your therapist planned this week and week 4 before the birth: check with your therapist before you do them.")
        // In a week the portal planned for her pregnancy: its own detail, then her therapist's weeks.
        let inWeek1 = AfterBirthCheck(patient: mum, program: program, current: weeks[0], today: day("2026-12-13"))
        XCTAssertEqual(inWeek1?.whole, AfterBirthCheck.text + " Your therapist planned weeks 3 and 4 before the birth: check with your therapist before you do them. "
                       + AfterBirthCheck.detail)
        XCTAssertNil(AfterBirthCheck(patient: mum, program: program, current: weeks[4], today: day("2027-01-06")), "all over")
        XCTAssertNil(AfterBirthCheck(patient: pregnantPatient(), program: program, current: weeks[0], today: day("2026-12-13")))
    }

    /// QA G2's week 2 said "New this week: bird dog." beside bird dog held after the C-section: the note she
    /// reads is made again from what changed, leaving out what is held; one with nothing held is the week's own;
    /// her therapist's is never rewritten.
    func testAGeneratedWeeksNoteNeverNamesAHeldExercise() {
        let w1 = week(1, "2026-12-09", [rx("cat-cow"), rx("pelvic-floor-long-holds")], note: "This week: cat-cow and pelvic floor long holds.")
        let w2 = week(2, "2026-12-16", [rx("cat-cow"), rx("pelvic-floor-long-holds", sets: 3), rx("bird-dog")],
                      note: "New this week: bird dog. A little more of: pelvic floor long holds.")
        let program = self.program([w1, w2], [.pregnancy, .pregnancy])
        let onboarding = Onboarding(content: sharedContent)
        let holds = PrescriptionHolds(patient: mum(born: "2026-12-14"), rules: rules, program: program)
        let note = onboarding.note(of: w2, in: program, holds: holds, today: day("2026-12-17"))
        XCTAssertFalse(note.lowercased().contains("bird dog"), note)
        XCTAssertTrue(note.contains(sharedContent.exercises.name("pelvic-floor-long-holds").lowercased()), note)
        let vaginal = PrescriptionHolds(patient: mum(born: "2026-12-14", .vaginal), rules: rules, program: program)
        XCTAssertEqual(onboarding.note(of: w2, in: program, holds: vaginal, today: day("2026-12-17")), w2.note, "nothing held: her note as written")
        var theirs = w2
        theirs.origin = .therapist
        let therapist = self.program([w1, theirs], [.pregnancy, .pregnancy])
        XCTAssertEqual(onboarding.note(of: theirs, in: therapist, holds: PrescriptionHolds(patient: mum(born: "2026-12-14"), rules: rules, program: therapist),
                                       today: day("2026-12-17")), w2.note)
    }
}
