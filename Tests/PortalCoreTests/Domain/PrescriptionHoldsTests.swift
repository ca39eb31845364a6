@testable import PortalCore
import StoreTestSupport
import XCTest

/// Issue 18 QA, points 1, 2 and 5: a week kept when her details change (the week under way, a therapist's week)
/// can hold an exercise her stage no longer allows. It is held back at read time: not counted as prescribed
/// (today, adherence), not markable, and named with why; a therapist's decision is never held.
final class PrescriptionHoldsTests: XCTestCase {
    // A C-section on Mon 2 Nov: side plank from the knees waits until Mon 28 Dec (8 weeks).
    let birth = day("2026-11-02")
    var patient: Patient { Patient(name: "A", stage: .postpartum(birthDate: birth, delivery: .cesarean), conditions: [.diastasisRecti]) }
    var holds: PrescriptionHolds { PrescriptionHolds(patient: patient, rules: sharedContent.exercises.rules) }

    // Week 7 from Thu 24 Dec (past the 8 weeks on its 5th day), week 8 from Thu 31 Dec; a therapist's week 9
    // from Thu 7 Jan with the side plank as her decision.
    func program(origin: WeekOrigin = .generated) -> Program {
        Program(weeks: [
            ProgramWeek(number: 6, starts: day("2026-12-17"), note: "", prescriptions: [rx("side-plank-knees"), rx("heel-slides")], origin: origin),
            ProgramWeek(number: 7, starts: day("2026-12-24"), note: "", prescriptions: [rx("side-plank-knees"), rx("heel-slides")], origin: origin),
        ])
    }

    /// QA G2: a C-section on Sun 20 Dec, four days into week 2 of a program planned for her pregnancy (from Wed
    /// 16 Dec): bird dog (NEW) and cat-cow (↑ more) stayed prescribed the day after the surgery. What her program
    /// after the birth brings in only later (both, in week 4 from Wed 30 Dec) waits until then (QA J1); the
    /// pelvic floor (and her therapist's decision) does not; after a vaginal birth nothing more is held. She is
    /// told to check with her provider or therapist while that week is under way, and not in a week begun after
    /// the birth.
    func testAfterACSectionTheWeekPlannedForPregnancyAddsNothingNewOrHarder() {
        let birth = day("2026-12-20")
        let w1 = ProgramWeek(number: 1, starts: day("2026-12-09"), note: "", prescriptions: [rx("cat-cow"), rx("pelvic-floor-long-holds")], origin: .generated)
        let w2 = ProgramWeek(number: 2, starts: day("2026-12-16"), note: "", prescriptions: [rx("cat-cow", sets: 3), rx("pelvic-floor-long-holds"), rx("bird-dog"),
                                                                                           Prescription(exerciseID: "clamshell", dose: rx("clamshell").dose, therapistDecision: "Fine for her")], origin: .generated)
        let w3 = ProgramWeek(number: 3, starts: day("2026-12-23"), note: "", prescriptions: [rx("ankle-pumps")], origin: .generated)
        let w4 = ProgramWeek(number: 4, starts: day("2026-12-30"), note: "", prescriptions: [rx("ankle-pumps"), rx("bird-dog"), rx("cat-cow")], origin: .generated)
        let program = Program(weeks: [w1, w2, w3, w4])
        let mum = Patient(name: "A", stage: .postpartum(birthDate: birth, delivery: .cesarean), conditions: [.lowBack])
        let holds = PrescriptionHolds(patient: mum, rules: sharedContent.exercises.rules, program: program)
        let day1 = day("2026-12-21")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w2, on: day1)?.until, day("2026-12-30"), "when her program after the birth brings it in")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w2, on: day1)?.cause, .programAfterBirth)
        XCTAssertEqual(holds.hold(rx("cat-cow", sets: 3), in: w2, on: day1)?.until, day("2026-12-30"))
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w2, on: day1), "kept as it was")
        XCTAssertNil(holds.hold(w2.prescriptions[3], in: w2, on: day1), "her therapist's decision")
        XCTAssertEqual(ExerciseLog(program: program, sessions: [], holds: holds).today(day1).prescribed, 2)
        XCTAssertNil(holds.hold(rx("bird-dog"), in: w4, on: day("2026-12-30")), "a week begun after the birth keeps its own rules only")
        var vaginal = mum
        vaginal.stage = .postpartum(birthDate: birth, delivery: .vaginal)
        XCTAssertNil(PrescriptionHolds(patient: vaginal, rules: sharedContent.exercises.rules, program: program).hold(rx("bird-dog"), in: w2, on: day1))
        XCTAssertTrue(AfterBirthCheck.applies(to: mum, week: w2, of: program))
        XCTAssertTrue(AfterBirthCheck.applies(to: vaginal, week: w2, of: program))
        XCTAssertFalse(AfterBirthCheck.applies(to: mum, week: w3, of: program))
        XCTAssertFalse(AfterBirthCheck.applies(to: Patient(name: "A", stage: .pregnant(dueDate: day("2027-01-20")), conditions: []), week: w2, of: program))
    }

    /// The review of the merge: with no week planned after the birth (in a clinic recording the birth writes none;
    /// on her own computer she may keep her program), what a week planned for her pregnancy adds or makes harder
    /// waits the library's rule for exercise after a C-section (8 weeks), as before QA J1; the pelvic floor, and
    /// her therapist's decision, do not. Without the fallback nothing more was held at all.
    func testWithNoProgramAfterTheBirthWhatThePregnancyWeekAddsWaitsTheCSectionRule() {
        let birth = day("2026-12-20")
        let w1 = ProgramWeek(number: 1, starts: day("2026-12-09"), note: "", prescriptions: [rx("cat-cow"), rx("pelvic-floor-long-holds")], origin: .generated)
        let w2 = ProgramWeek(number: 2, starts: day("2026-12-16"), note: "", prescriptions: [rx("cat-cow", sets: 3), rx("pelvic-floor-long-holds"), rx("bird-dog"),
                                                                                           Prescription(exerciseID: "clamshell", dose: rx("clamshell").dose, therapistDecision: "Fine for her")], origin: .generated)
        let program = Program(weeks: [w1, w2])
        let mum = Patient(name: "A", stage: .postpartum(birthDate: birth, delivery: .cesarean), conditions: [.lowBack])
        let holds = PrescriptionHolds(patient: mum, rules: sharedContent.exercises.rules, program: program)
        let day1 = day("2026-12-21")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w2, on: day1)?.until, day("2027-02-14"), "8 weeks after the C-section")
        XCTAssertEqual(holds.hold(rx("bird-dog"), in: w2, on: day1)?.rule?.kind, .weeksAfterCesarean)
        XCTAssertEqual(holds.hold(rx("cat-cow", sets: 3), in: w2, on: day1)?.until, day("2027-02-14"), "made harder")
        XCTAssertNil(holds.hold(rx("pelvic-floor-long-holds"), in: w2, on: day1))
        XCTAssertNil(holds.hold(w2.prescriptions[3], in: w2, on: day1), "her therapist's decision")
        XCTAssertEqual(ExerciseLog(program: program, sessions: [], holds: holds).today(day1).prescribed, 2)
    }

    func testTheLazyLibraryReadsTheSameRulesAsTheWholeOne() throws {
        let lazy = try ContentLibrary.bundledOnDemand()
        let whole = ExerciseLibrary(exercises: sharedContent.exercises.exercises)
        XCTAssertFalse(whole.rules.isEmpty)
        XCTAssertEqual(lazy.exercises.rules, whole.rules)
        XCTAssertEqual(whole.rules["side-plank-knees"], [ExerciseRule(.weeksAfterCesarean, weeks: 8)])
    }

    func testAHeldExerciseIsNotPrescribedTodayAndCountsAgainTheDayItsRuleLifts() {
        let log = ExerciseLog(program: program(), sessions: [], holds: holds)
        XCTAssertTrue(log.isHeld(rx("side-plank-knees"), on: day("2026-12-26")))
        XCTAssertEqual(log.today(day("2026-12-26")).prescribed, 1, "only heel slides are due 7½ weeks after the C-section")
        XCTAssertFalse(log.isHeld(rx("side-plank-knees"), on: day("2026-12-28")))
        XCTAssertEqual(log.today(day("2026-12-28")).prescribed, 2, "8 weeks after: the side plank counts again, mid-week")
        // Without the rules nothing is held: the count the portal showed before.
        XCTAssertEqual(ExerciseLog(program: program(), sessions: []).today(day("2026-12-26")).prescribed, 2)
    }

    func testAdherenceLeavesOutTheDaysAnExerciseIsHeld() {
        // Week 6 (17–23 Dec): the side plank is held all week; heel slides done every day.
        let sessions = (17...23).map { ExerciseSession(date: day("2026-12-\($0)"), exerciseID: "heel-slides", week: 6, setsDone: 2) }
            + [ExerciseSession(date: day("2026-12-18"), exerciseID: "side-plank-knees", week: 6, setsDone: 2)]
        let w6 = ExerciseLog(program: program(), sessions: sessions, holds: holds).adherenceByWeek(today: day("2026-12-24")).first!
        XCTAssertEqual(w6.expected, 7, "the held side plank is not prescribed")
        XCTAssertEqual(w6.done, 7, "a side plank done while held does not count")
        XCTAssertEqual(w6.percent, 100)
        // Week 7, the last, ends on its seventh day (24–30 Dec; after it her program has run out, QA J6): heel
        // slides 7; the side plank is held 24–27 and prescribed 28–30 (3 days).
        let w7 = ExerciseLog(program: program(), sessions: [], holds: holds).adherenceByWeek(today: day("2026-12-31")).last!
        XCTAssertEqual(w7.expected, 7 + 3)
    }

    func testATherapistsDecisionIsNeverHeld() {
        var p = rx("side-plank-knees")
        p.therapistDecision = "Her strength allows it; checked in clinic."
        XCTAssertFalse(holds.isHeld(p, on: day("2026-12-20")))
        XCTAssertFalse(holds.mayHold(p))
        XCTAssertTrue(holds.isHeld(rx("side-plank-knees"), on: day("2026-12-20")))
    }

    func testHeldListsTheWeekUnderWayAndTheWeeksToComeWithWhyAndUntilWhen() {
        let list = holds.held(in: program(origin: .therapist), today: day("2026-12-20"))
        XCTAssertEqual(list.map(\.week.number), [6, 7])
        XCTAssertEqual(list.map(\.prescription.exerciseID), ["side-plank-knees", "side-plank-knees"])
        XCTAssertEqual(list.first?.hold.until, day("2026-12-28"))
        XCTAssertEqual(list.first?.day, day("2026-12-20"), "the week under way is judged today")
        XCTAssertEqual(list.last?.day, day("2026-12-24"), "a week to come is judged on its first day")
        let text = list[0].hold.text("Side plank from the knees", for: patient)
        XCTAssertTrue(text.hasPrefix("Side plank from the knees waits until 8 weeks after your C-section"), text)
        XCTAssertTrue(text.contains("Your therapist wrote this week"), text)
        // A week that is over is not flagged again.
        XCTAssertEqual(holds.held(in: program(), today: day("2026-12-26")).map(\.week.number), [7])
        // Nothing is held for no patient.
        XCTAssertTrue(PrescriptionHolds(patient: nil, rules: sharedContent.exercises.rules).held(in: program(), today: day("2026-12-20")).isEmpty)
    }

    func testASnapshotWithTheRulesCountsWhatHerStageAllows() {
        let record = PatientRecord(patient: patient, plan: nil, program: program(), sessions: [], painEntries: [],
                                   signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let s = PortalSnapshot(clock: PortalClock(today: day("2026-12-20"), time: TimeOfDay(hour: 12, minute: 0)!), record: record,
                               exerciseRules: sharedContent.exercises.rules)
        XCTAssertEqual(s.log.today(s.today).prescribed, 1)
        var without = s
        without.exerciseRules = .none
        XCTAssertEqual(without.log.today(s.today).prescribed, 2, "the figures are made again when the rules change")
    }
}
