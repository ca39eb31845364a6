@testable import PortalCore
import StoreTestSupport
import XCTest

/// Issue 7, points 1 and 5: a merged program keeps each condition's core exercises in every week, whatever the
/// order the conditions were ticked in, and never starts an exercise before its precautions allow it.
final class MergedProgramTests: XCTestCase {
    let onboarding = Onboarding(content: sharedContent)
    let start = day("2026-11-27")

    private var stages: [(String, Stage)] {
        [("pregnant", .pregnant(dueDate: day("2027-03-01"))),
         ("postpartum vaginal", .postpartum(birthDate: day("2026-11-01"), delivery: .vaginal)),
         ("postpartum cesarean", .postpartum(birthDate: day("2026-10-01"), delivery: .cesarean))]
    }

    private func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[T]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }

    private func combinations(_ k: Int) -> [[Condition]] {
        let all = Condition.allCases
        if k == 2 { return all.indices.flatMap { i in all.indices.filter { $0 > i }.map { [all[i], all[$0]] } } }
        return all.indices.flatMap { i in all.indices.filter { $0 > i }.flatMap { j in all.indices.filter { $0 > j }.map { [all[i], all[j], all[$0]] } } }
    }

    func testEveryTemplateHasOneOrTwoCoreExercisesEachWeek() {
        for t in sharedContent.programs {
            XCTAssertFalse(t.core.isEmpty, "\(t.family) names its core exercises")
            for w in t.weeks {
                let core = w.prescriptions.filter { t.core.contains($0.exerciseID) }.count
                XCTAssertTrue((1...2).contains(core), "\(t.family) week \(w.number) has \(core) core exercises")
            }
        }
    }

    func testEveryPairAndTripleKeepsEachConditionsCoreEveryWeekInAnyOrder() {
        var checked = 0
        for (name, stage) in stages {
            for set in combinations(2) + combinations(3) {
                for order in permutations(set) {
                    let patient = Patient(name: "A", stage: stage, conditions: order)
                    let families = onboarding.families(for: patient)
                    // Core exercises stay whether or not they fit in six: hers, the pelvic floor squeezes every
                    // program carries, and scar massage, which the merge places with them.
                    let core = Set(families.flatMap(\.core) + sharedContent.programs.filter { !$0.forEveryone.isEmpty }.flatMap(\.core)
                                   + [Onboarding.scarMassageID])
                    let weeks = onboarding.program(for: patient, startingOn: start)
                    XCTAssertEqual(weeks.count, 6)
                    XCTAssertNoThrow(try Program.validate(weeks))
                    for (i, week) in weeks.enumerated() {
                        let have = Set(week.prescriptions.map(\.exerciseID))
                        let coreHere = week.prescriptions.filter { core.contains($0.exerciseID) }.count
                        XCTAssertLessThanOrEqual(week.prescriptions.count, max(Onboarding.maxExercisesPerWeek, coreHere),
                                                 "\(name) \(order) week \(i + 1): only core exercises go past six")
                        let rules = PrescriptionRules(library: sharedContent.exercises)
                        for f in families {
                            // Kept unless its rules hold it back that week, or another family leads it (issue 18).
                            for p in f.weeks[i].prescriptions where f.core.contains(p.exerciseID)
                                && rules.allows(p.exerciseID, for: patient, from: week.starts, through: week.starts.adding(days: 6))
                                && !families.contains(where: { $0.family != f.family && $0.leads.contains(p.exerciseID) }) {
                                XCTAssertTrue(have.contains(p.exerciseID), "\(name) \(order.map(\.rawValue)) week \(i + 1) lost \(p.exerciseID) of \(f.family)")
                            }
                        }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 3 * (45 * 2 + 120 * 6))
    }

    func testBladderLeaksWithAnotherConditionTrainThePelvicFloorEveryWeek() {
        // Pelvic pain leads the squeezes (relaxation first): `testPelvicPainLeadsTheSqueezesInAMerge`.
        for other in Condition.allCases where other != .bladderLeaks && other != .pelvicPain {
            for order in [[other, .bladderLeaks], [.bladderLeaks, other]] {
                let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-11-01"), delivery: .vaginal), conditions: order)
                for week in onboarding.program(for: p, startingOn: start) {
                    XCTAssertTrue(week.prescriptions.contains { $0.exerciseID == "pelvic-floor-long-holds" }, "\(order) week \(week.number)")
                    if week.number >= 2 {
                        XCTAssertTrue(week.prescriptions.contains { $0.exerciseID == "pelvic-floor-quick-squeezes" }, "\(order) week \(week.number)")
                    }
                }
            }
        }
    }

    func testPelvicPainStartsWithBreathingAndRelaxationNotHolds() {
        let p = pregnantPatient(conditions: [.pelvicPain])
        let weeks = onboarding.program(for: p, startingOn: start)
        for week in weeks.prefix(2) {
            let ids = Set(week.prescriptions.map(\.exerciseID))
            XCTAssertTrue(ids.isSuperset(of: ["diaphragmatic-breathing", "pelvic-floor-relaxation"]), "week \(week.number)")
            XCTAssertTrue(ids.isDisjoint(with: ["pelvic-floor-long-holds", "pelvic-floor-quick-squeezes"]), "week \(week.number)")
        }
        for week in weeks { XCTAssertTrue(week.prescriptions.contains { $0.exerciseID == "pelvic-floor-relaxation" }) }
    }

    /// Issue 18, point 2: pelvic pain's first principle, relaxation before squeezes, survives a merge with
    /// bladder leaks or a perineal tear. Week 1 is breathing and letting go; the squeezes enter as they do in
    /// the pelvic-pain program alone, at its dose, and the note says why.
    func testPelvicPainLeadsTheSqueezesInAMerge() throws {
        let alone = onboarding.program(for: Patient(name: "A", stage: .postpartum(birthDate: day("2026-10-01"), delivery: .vaginal),
                                                    conditions: [.pelvicPain]), startingOn: start)
        let squeezes: Set = ["pelvic-floor-long-holds", "pelvic-floor-quick-squeezes"]
        for other in [Condition.bladderLeaks, .perinealTear] {
            for order in [[other, .pelvicPain], [.pelvicPain, other]] {
                let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-10-01"), delivery: .vaginal), conditions: order)
                let weeks = onboarding.program(for: p, startingOn: start)
                let first = weeks[0].prescriptions.map(\.exerciseID)
                XCTAssertTrue(Set(first).isDisjoint(with: squeezes), "\(order) week 1: \(first)")
                for id in first {
                    let category = sharedContent.exercises.exercise(id)!.category
                    XCTAssertTrue([.breathing, .pelvicFloor, .stretch].contains(category), "\(order) week 1 has \(id) (\(category))")
                }
                XCTAssertTrue(first.contains("pelvic-floor-relaxation") && first.contains("diaphragmatic-breathing"), "\(first)")
                for (i, week) in weeks.enumerated() {
                    let mine = week.prescriptions.filter { squeezes.contains($0.exerciseID) }
                    let theirs = alone[i].prescriptions.filter { squeezes.contains($0.exerciseID) }
                    XCTAssertEqual(mine, theirs, "\(order) week \(i + 1): the squeezes as pelvic pain alone has them")
                }
                XCTAssertTrue(weeks[0].note.contains("letting go comes before squeezing"), weeks[0].note)
            }
        }
    }

    func testScarMassageStartsInTheFirstWeekBeginningSixWeeksAfterTheBirth() throws {
        func weeksWithMassage(born: String) -> [Int] {
            let p = Patient(name: "A", stage: .postpartum(birthDate: day(born), delivery: .cesarean), conditions: [.cSectionScar])
            return onboarding.program(for: p, startingOn: start).filter { $0.prescriptions.contains { $0.exerciseID == "scar-massage" } }.map(\.number)
        }
        // Born 7 days before the first visit: week 6 starts 42 days after the birth.
        XCTAssertEqual(weeksWithMassage(born: "2026-11-20"), [6])
        // One day later, and no week of the six starts 6 weeks after the birth.
        XCTAssertEqual(weeksWithMassage(born: "2026-11-21"), [])
        // Born 10 weeks ago: healed from the first week.
        XCTAssertEqual(weeksWithMassage(born: "2026-09-18"), [1, 2, 3, 4, 5, 6])
        // Born 4 weeks ago: from week 3 (starts 2026-12-11, 42 days after 2026-10-30).
        XCTAssertEqual(weeksWithMassage(born: "2026-10-30"), [3, 4, 5, 6])

        let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-10-30"), delivery: .cesarean), conditions: [.cSectionScar, .bladderLeaks])
        let weeks = onboarding.program(for: p, startingOn: start)
        XCTAssertTrue(weeks[2].note.contains(Onboarding.scarMassageStarts), weeks[2].note)
        XCTAssertFalse(weeks[3].note.contains(Onboarding.scarMassageStarts))
        for w in weeks.prefix(2) { XCTAssertFalse(w.note.lowercased().contains("scar massage"), w.note) }
    }

    func testTheFirstNoteListsThreeProgramsReadably() {
        let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-10-23"), delivery: .cesarean),
                        conditions: [.bladderLeaks, .pelvicPain, .cSectionScar])
        let note = onboarding.program(for: p, startingOn: start)[0].note
        XCTAssertTrue(note.hasPrefix("Your first week brings together your pelvic floor, pelvic pain and c-section recovery programs."), note)
    }

    func testNoWeekNoteSpeaksOfTheBabyArrivingAfterTheBirth() {
        for set in combinations(2) {
            let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-11-01"), delivery: .vaginal), conditions: set)
            for w in onboarding.program(for: p, startingOn: start) {
                XCTAssertFalse(w.note.contains("baby arrives"), w.note)
            }
        }
    }
}
