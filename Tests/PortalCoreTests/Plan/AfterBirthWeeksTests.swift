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
    /// planned for her pregnancy, and says so and holds what her program after the birth brings in only later,
    /// as week 1 would have.
    func testAPregnancyWeekThatStartedAfterTheBirthStillSaysToCheckAndHolds() {
        let w1 = week(1, "2026-12-09", [rx("cat-cow"), rx("pelvic-floor-long-holds")])
        let w2 = week(2, "2026-12-16", [rx("cat-cow", sets: 3), rx("pelvic-floor-long-holds"), rx("bird-dog")])
        let w3 = week(3, "2026-12-23", [rx("ankle-pumps"), rx("bird-dog")])
        let w4 = week(4, "2026-12-30", [rx("bird-dog"), rx("cat-cow")])
        let program = self.program([w1, w2, w3, w4], [.pregnancy, .pregnancy, .afterBirth, .afterBirth])
        let mum = mum(born: "2026-12-14")
        XCTAssertTrue(AfterBirthCheck.applies(to: mum, week: w2, of: program), "planned for her pregnancy, whatever its dates")
        XCTAssertFalse(AfterBirthCheck.applies(to: mum, week: w3, of: program), "planned after the birth")
        let holds = PrescriptionHolds(patient: mum, rules: rules, program: program)
        let today = day("2026-12-17")
        XCTAssertEqual(holds.hold(rx("cat-cow", sets: 3), in: w2, on: today)?.until, day("2026-12-30"), "brought in by week 4")
        XCTAssertNil(holds.hold(rx("bird-dog"), in: w2, on: today), "her program after the birth has it from its first week")
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w2, on: today))
        XCTAssertNil(holds.hold(rx("cat-cow"), in: w4, on: day("2026-12-30")), "the week planned after the birth keeps its own rules only")
        // A week that does not say what it was planned for (stored before the portal recorded it, after the
        // birth) goes by its dates: one that started after the birth is not taken for a pregnancy week.
        let unknown = self.program([w1, w2, w3, w4], [.pregnancy, nil, .afterBirth, .afterBirth])
        XCTAssertFalse(AfterBirthCheck.applies(to: mum, week: w2, of: unknown))
        XCTAssertTrue(unknown.plannedForPregnancy(w2, birth: day("2026-12-16")))
        XCTAssertNil(PrescriptionHolds(patient: mum, rules: rules, program: unknown).hold(rx("cat-cow", sets: 3), in: w2, on: today))
    }

    /// QA J1: after a C-section, the week under way planned for her pregnancy held the log roll (how she gets out
    /// of bed), deep belly activation and cat-cow "until 8 weeks after your C-section", while her program after
    /// the birth gave deep belly activation and cat-cow three days later. It holds only what that program brings
    /// in after its first week, until the day it does: never what it has from its first week, nor what it never
    /// has (the log roll), nor the pelvic floor and breathing the first weeks are for.
    func testAfterACSectionAPregnancyWeekHoldsOnlyWhatTheProgramAfterTheBirthBringsInLater() {
        let w1 = week(1, "2026-12-09", [rx("cat-cow"), rx("bird-dog"), rx("pelvic-floor-long-holds"), rx("diaphragmatic-breathing"),
                                        rx("log-roll"), rx("tra-activation")])
        let w2 = week(2, "2026-12-16", [rx("tra-activation"), rx("ankle-pumps"), rx("pelvic-floor-long-holds")])
        let w3 = week(3, "2026-12-23", [rx("tra-activation"), rx("cat-cow"), rx("diaphragmatic-breathing"), rx("pelvic-floor-long-holds")])
        let w4 = week(4, "2026-12-30", [rx("bird-dog"), rx("pelvic-floor-long-holds")])
        let w5 = week(5, "2027-01-06", [rx("bird-dog"), rx("log-roll")])
        let program = self.program([w1, w2, w3, w4, w5], [.pregnancy, .afterBirth, .afterBirth, .afterBirth, .afterBirth], drafts: [5])
        let mother = mum(born: "2026-12-11")
        let holds = PrescriptionHolds(patient: mother, rules: rules, program: program)
        let today = day("2026-12-12")
        XCTAssertEqual(holds.hold(rx("cat-cow"), in: w1, on: today)?.until, day("2026-12-23"), "the day week 3 brings it in")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w1, on: day("2026-12-15"))?.until, day("2026-12-30"))
        XCTAssertNil(holds.hold(rx("tra-activation"), in: w1, on: today), "in the first week after the birth")
        XCTAssertNil(holds.hold(rx("log-roll"), in: w1, on: today), "never in her program after the birth (a draft is not hers yet)")
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w1, on: today))
        XCTAssertNil(holds.hold(rx("diaphragmatic-breathing"), in: w1, on: today), "breathing, though week 3 brings it in")
        XCTAssertEqual(ExerciseLog(program: program, sessions: [], holds: holds).today(today).prescribed, 4)
        XCTAssertEqual(holds.hold(rx("cat-cow"), in: w1, on: today)?.text("Cat-cow", for: mother),
                       "Cat-cow waits until your program after the C-section brings it in (Wed 23 Dec). Skip it until then.")
        XCTAssertEqual(holds.hold(rx("cat-cow"), in: w1, on: today)?.ruleText, "not before her program after the C-section brings it in")
        let vaginal = PrescriptionHolds(patient: mum(born: "2026-12-11", .vaginal), rules: rules, program: program)
        XCTAssertNil(vaginal.hold(rx("cat-cow"), in: w1, on: today), "after a vaginal birth she checks first; nothing more is held")
        // Without weeks planned after the birth (her therapist's to write), what the week planned for her
        // pregnancy brings (all of week 1) waits the library's rule for exercise after a C-section, 8 weeks (the
        // review of the merge: with nothing to go by, nothing new from a week planned before the surgery); side
        // plank waits its own 8 weeks; nothing is held without the rules.
        let theirs = self.program([week(1, "2026-12-09", [rx("cat-cow"), rx("side-plank-knees")], origin: .therapist)], [.pregnancy])
        let alone = PrescriptionHolds(patient: mother, rules: rules, program: theirs)
        XCTAssertEqual(alone.hold(rx("cat-cow"), in: theirs.weeks[0], on: today)?.until, day("2027-02-05"))
        XCTAssertEqual(alone.hold(rx("side-plank-knees"), in: theirs.weeks[0], on: today)?.rule, ExerciseRule(.weeksAfterCesarean, weeks: 8))
        XCTAssertNil(PrescriptionHolds(patient: mother, rules: .none, program: program).hold(rx("cat-cow"), in: w1, on: today))
    }

    /// QA J1 from set-up: Cara, pregnant with low back and round ligament pain, her program from Thu 3 Dec, has
    /// her baby by C-section on Mon 7 Dec and records it that day (low back pain and her scar). Her program after
    /// the birth takes the place of the weeks not started, from Thu 10 Dec. In week 1, under way, nothing that
    /// program has in its first week is held, nor the log roll; whatever is held waits until the very day that
    /// program brings it in. The same for other conditions and birth days.
    func testAfterACSectionTheWeekUnderWayAgreesWithHerProgramAfterTheBirth() throws {
        let onboarding = Onboarding(content: sharedContent)
        let cases: [(before: [Condition], after: [Condition], born: String)] = [
            ([.lowBack, .roundLigament], [.lowBack, .cSectionScar], "2026-12-07"),
            ([.pelvicGirdle, .hipPiriformis, .roundLigament], [.pelvicGirdle, .hipPiriformis, .cSectionScar], "2026-12-06"),
            ([.lowBack], [.lowBack], "2026-12-08"),
            ([.bladderLeaks, .hipITBand], [.bladderLeaks, .hipITBand, .cSectionScar], "2026-12-09"),
        ]
        for c in cases {
            let pregnant = Patient(name: "Cara", stage: .pregnant(dueDate: day("2026-12-20")), conditions: c.before)
            let planned = onboarding.program(for: pregnant, startingOn: day("2026-12-03"))
            let before = Program(weeks: planned, plannedFor: Dictionary(uniqueKeysWithValues: planned.map { ($0.number, PlannedFor.pregnancy) }))
            let mother = Patient(name: "Cara", stage: .postpartum(birthDate: day(c.born), delivery: .cesarean), conditions: c.after)
            let today = day(c.born)
            let change = try onboarding.change(from: pregnant, to: mother, program: before, readingList: [], today: today)
            XCTAssertTrue(change.replacesWithoutAsking, "\(c)")
            let kept = planned.filter { Program.hasStarted($0, on: today) }
            let after = change.offeredWeeks
            let program = Program(weeks: kept + after, plannedFor: Dictionary(uniqueKeysWithValues:
                kept.map { ($0.number, PlannedFor.pregnancy) } + after.map { ($0.number, PlannedFor.afterBirth) }))
            let holds = PrescriptionHolds(patient: mother, rules: rules, program: program)
            let week1 = try XCTUnwrap(program.currentWeek(on: today))
            XCTAssertEqual(week1.number, 1)
            let first = try XCTUnwrap(after.first)
            for d in 0..<today.days(until: first.starts) {
                let on = today.adding(days: d)
                for p in week1.prescriptions {
                    let hold = holds.hold(p, in: week1, on: on)
                    if first.prescription(for: p.exerciseID) != nil || after.allSatisfy({ $0.prescription(for: p.exerciseID) == nil }) {
                        XCTAssertNil(hold, "\(c): \(p.exerciseID) on \(on): her program after the birth has it from its first week, or never")
                    } else if let hold, hold.rule == nil {
                        XCTAssertEqual(hold.until, after.first { $0.prescription(for: p.exerciseID) != nil }?.starts,
                                       "\(c): \(p.exerciseID) waits until the day her program after the birth brings it in")
                    }
                }
                for id in ["log-roll", "tra-activation", "diaphragmatic-breathing"] {
                    if let p = week1.prescription(for: id) { XCTAssertNil(holds.hold(p, in: week1, on: on), "\(c): \(id)") }
                }
            }
            if c.before.contains(.roundLigament) {
                XCTAssertNotNil(week1.prescription(for: "log-roll"), "the case has the log roll to keep")
            }
        }
    }

    /// QA J9: the program after the birth, week 2 of hers, said "Your first week brings together …". Its first
    /// week says the program goes on from this week; a program set up new still says her first week.
    func testTheProgramAfterTheBirthDoesNotCallItsFirstWeekHerFirst() throws {
        let onboarding = Onboarding(content: sharedContent)
        let pregnant = Patient(name: "Cara", stage: .pregnant(dueDate: day("2026-12-20")), conditions: [.lowBack])
        let planned = onboarding.program(for: pregnant, startingOn: day("2026-12-03"))
        let mother = Patient(name: "Cara", stage: .postpartum(birthDate: day("2026-12-07"), delivery: .cesarean), conditions: [.lowBack, .cSectionScar])
        let change = try onboarding.change(from: pregnant, to: mother, program: Program(weeks: planned), readingList: [], today: day("2026-12-07"))
        let first = try XCTUnwrap(change.offeredWeeks.first)
        XCTAssertEqual(first.number, 2)
        XCTAssertFalse(first.note.contains("Your first week"), first.note)
        XCTAssertTrue(first.note.contains("From this week, your program brings together your low back and pelvic girdle pain and c-section recovery programs."), first.note)
        let fresh = onboarding.program(for: mother, startingOn: day("2026-12-08"))
        XCTAssertTrue(fresh[0].note.contains("Your first week brings together your low back and pelvic girdle pain and c-section recovery programs."), fresh[0].note)
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
        // Her program after the birth brings bird dog in only in its second week (QA J1).
        let w3 = week(3, "2026-12-23", [rx("ankle-pumps")]), w4 = week(4, "2026-12-30", [rx("bird-dog")])
        let program = self.program([w1, w2, w3, w4], [.pregnancy, .pregnancy, .afterBirth, .afterBirth])
        let onboarding = Onboarding(content: sharedContent)
        let holds = PrescriptionHolds(patient: mum(born: "2026-12-14"), rules: rules, program: program)
        let note = onboarding.note(of: w2, in: program, holds: holds, today: day("2026-12-17"))
        XCTAssertFalse(note.lowercased().contains("bird dog"), note)
        XCTAssertTrue(note.contains(sharedContent.exercises.name("pelvic-floor-long-holds").lowercased()), note)
        let vaginal = PrescriptionHolds(patient: mum(born: "2026-12-14", .vaginal), rules: rules, program: program)
        XCTAssertEqual(onboarding.note(of: w2, in: program, holds: vaginal, today: day("2026-12-17")), w2.note, "nothing held: her note as written")
        var theirs = w2
        theirs.origin = .therapist
        let therapist = self.program([w1, theirs, w3, w4], [.pregnancy, .pregnancy, .afterBirth, .afterBirth])
        XCTAssertEqual(onboarding.note(of: theirs, in: therapist, holds: PrescriptionHolds(patient: mum(born: "2026-12-14"), rules: rules, program: therapist),
                                       today: day("2026-12-17")), w2.note)
    }
}
