@testable import PortalCore
import StoreTestSupport
import XCTest

final class OnboardingTests: XCTestCase {
    let onboarding = Onboarding(content: sharedContent)
    let today = day("2026-11-27")

    private func ids(_ weeks: [ProgramWeek]) -> Set<String> { Set(weeks.flatMap { $0.prescriptions.map(\.exerciseID) }) }

    func testPostpartumWithDiastasisAndLeaksGetsBothPrograms() throws {
        let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-09-20"), delivery: .vaginal),
                        conditions: [.diastasisRecti, .bladderLeaks])
        XCTAssertEqual(onboarding.families(for: p).map(\.family), ["diastasis-recti", "pelvic-floor"])
        let weeks = onboarding.program(for: p, startingOn: today)
        XCTAssertEqual(weeks.count, 6)
        XCTAssertEqual(weeks.first?.starts, today)
        XCTAssertEqual(weeks.last?.starts, today.adding(days: 35))
        for w in weeks { XCTAssertTrue((2...Onboarding.maxExercisesPerWeek).contains(w.prescriptions.count)) }
        let pelvicFloor = Set(sharedContent.exercises.exercises.filter { $0.category == .pelvicFloor }.map(\.id))
        XCTAssertFalse(ids(weeks).isDisjoint(with: pelvicFloor), "bladder leaks bring pelvic-floor training")
        let reading = onboarding.readingList(for: p)
        XCTAssertTrue(reading.contains("diastasis-recti"))
        XCTAssertTrue(reading.contains { $0.contains("bladder") })
        XCTAssertFalse(reading.contains("round-ligament-pain"))
        XCTAssertFalse(reading.contains("hip-pain-in-pregnancy"))
    }

    func testMergedWeeksOnlyNameExercisesThatAreThere() throws {
        let p = Patient(name: "A", stage: .postpartum(birthDate: day("2026-11-20"), delivery: .cesarean),
                        conditions: [.cSectionScar, .hipPiriformis])
        let weeks = onboarding.program(for: p, startingOn: today)
        XCTAssertTrue(weeks[0].note.contains("brings together"), weeks[0].note)
        var leftOut = 0
        for (i, week) in weeks.enumerated() {
            let allowed = Set(week.prescriptions.map(\.exerciseID) + (i > 0 ? weeks[i - 1].prescriptions.map(\.exerciseID) : []))
            // The sentence saying which exercises are left out to keep the week to six names only those.
            let parts = week.note.components(separatedBy: "To keep your week to ")
            let said = parts[0] + parts.dropFirst().map { $0.components(separatedBy: "which ones you do.").dropFirst().joined() }.joined()
            let left = parts.dropFirst().map { $0.components(separatedBy: "which ones you do.")[0] }.joined()
            for e in sharedContent.exercises.exercises {
                if !allowed.contains(e.id) {
                    XCTAssertFalse(said.lowercased().contains(e.name.lowercased()), "week \(week.number) names \(e.name): \(week.note)")
                }
                if week.prescriptions.contains(where: { $0.exerciseID == e.id }) {
                    XCTAssertFalse(left.lowercased().contains(e.name.lowercased()), "week \(week.number) leaves out \(e.name), which is there: \(week.note)")
                }
            }
            if !left.isEmpty { leftOut += 1 }
        }
        XCTAssertGreaterThan(leftOut, 0, "two programs with the long holds pass six: the week says what is left out")
    }

    func testPregnantWithRoundLigamentPainGetsItsOwnProgramAndNoPostpartumPrograms() throws {
        let p = pregnantPatient(conditions: [.roundLigament])
        // Issue 18: advice and exercises aimed at it (slow position changes), not the general hip program.
        XCTAssertEqual(onboarding.families(for: p).map(\.family), ["round-ligament"])
        let ids = Set(onboarding.program(for: p, startingOn: today).flatMap { $0.prescriptions.map(\.exerciseID) })
        XCTAssertTrue(ids.isSuperset(of: ["log-roll", "sit-to-stand"]), "\(ids)")
        XCTAssertTrue(ids.isDisjoint(with: ["clamshell", "side-lying-hip-abduction"]), "\(ids)")
        let reading = onboarding.readingList(for: p)
        XCTAssertEqual(reading.first.flatMap { sharedContent.article($0) }?.tags.contains("round-ligament"), true)
        XCTAssertFalse(reading.contains { $0.contains("c-section") })
        XCTAssertFalse(reading.contains("returning-to-exercise-after-birth"), "postpartum reading stays off a pregnant patient's list")
        XCTAssertTrue(reading.contains("warning-signs-when-to-call"))
        // A pregnant patient never gets the C-section or diastasis programs, even if those conditions are listed.
        let odd = pregnantPatient(conditions: [.cSectionScar])
        XCTAssertFalse(onboarding.families(for: odd).contains { $0.stage == .postpartum })
    }

    /// Issue 19, point 3, and issue 18 QA (b): a change of details never rewrites a week the therapist wrote, and
    /// replaces every generated week not started, also those before hers: the new weeks take their places and
    /// dates, hers stays where it is, and the question says so.
    func testAChangeReplacesTheGeneratedWeeksAroundTheTherapistsAndSaysWhichStay() throws {
        let before = Patient(name: "A", stage: .postpartum(birthDate: day("2026-11-01"), delivery: .vaginal), conditions: [.diastasisRecti])
        var weeks = onboarding.program(for: before, startingOn: today)
        weeks.append(ProgramWeek(number: 7, starts: today.adding(days: 42), note: "Hers",
                                 prescriptions: [Prescription(exerciseID: "bird-dog", dose: Dose(sets: 2, reps: 8))]))
        let program = Program(weeks: weeks)
        var after = before
        after.conditions.append(.bladderLeaks)
        let change = try onboarding.change(from: before, to: after, program: program, readingList: [], today: today.adding(days: 3))
        XCTAssertEqual(change.offeredWeeks.map(\.number), [2, 3, 4, 5, 6, 8])
        XCTAssertEqual(change.offeredWeeks.map(\.starts), [1, 2, 3, 4, 5, 7].map { today.adding(days: 7 * $0) })
        // The new program starts gently, from its first week, which is week 2 of hers: not called her first (QA J9).
        XCTAssertEqual(change.offeredWeeks.first?.note,
                       onboarding.program(for: after, startingOn: today.adding(days: 7)).first?.note
                           .replacingOccurrences(of: "Your first week brings together", with: "From this week, your program brings together"))
        XCTAssertTrue(change.offeredWeeks.first?.note.hasPrefix("From this week, your program brings together") == true)
        XCTAssertEqual(change.keptWeeks, [7])
        XCTAssertEqual(change.therapistWeeks, [7])
        XCTAssertEqual(change.offerText, "weeks 2 to 8, from \(today.adding(days: 7).shortText) (week 7, from your therapist, stays as it is)")
        XCTAssertTrue(change.offeredWeeks.allSatisfy { $0.origin == .generated })
        let stored = try StoreRules.checkUpcomingWeeks(change.offeredWeeks, library: sharedContent.exercises, stored: program,
                                                       today: today.adding(days: 3), patient: after)
        XCTAssertEqual(stored.weeks.map(\.number), Array(1...8))
        XCTAssertEqual(stored.week(number: 7), weeks[6], "her week is where it was, as it was")
        // Without her week, the generated weeks not started are the ones offered again.
        let plain = try onboarding.change(from: before, to: after, program: Program(weeks: Array(weeks.prefix(6))), readingList: [], today: today.adding(days: 3))
        XCTAssertEqual(plain.offeredWeeks.first?.number, 2)
        XCTAssertEqual(plain.keptText, "")
    }

    /// Issue 18 QA (b): a C-section recorded after the program was written, her therapist's week 9 still to
    /// come. The generated weeks before hers held the side plank from the knees, which waits 8 weeks:
    /// they are replaced without asking, and no week the portal wrote breaks a rule; where her therapist's
    /// week comes after the new program would end, its last week goes on until hers.
    func testARecordedCSectionReplacesTheGeneratedWeeksBeforeTheTherapistsToo() throws {
        let start = day("2027-01-04")
        let before = Patient(name: "A", stage: .postpartum(birthDate: day("2026-12-14"), delivery: .vaginal), conditions: [.diastasisRecti])
        let generated = onboarding.program(for: before, startingOn: start)
        let theirs = ProgramWeek(number: 9, starts: start.adding(days: 56), note: "Hers", prescriptions: [rx("bird-dog")])
        var after = before
        after.stage = .postpartum(birthDate: day("2026-12-14"), delivery: .cesarean)
        let rules = PrescriptionRules(library: sharedContent.exercises)
        let more = [7, 8].map { ProgramWeek(number: $0, starts: start.adding(days: 7 * ($0 - 1)), note: "", prescriptions: generated[5].prescriptions, origin: .generated) }
        let program = Program(weeks: generated + more + [theirs])
        XCTAssertFalse(rules.check(program.weeks.filter { $0.origin == .generated && $0.starts > start }, for: after).isEmpty,
                       "the weeks written for a vaginal birth break the C-section's rules")
        let change = try onboarding.change(from: before, to: after, program: program, readingList: [], today: start.adding(days: 2))
        XCTAssertTrue(change.replacesWithoutAsking)
        XCTAssertEqual(change.offeredWeeks.map(\.number), [2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(change.keptWeeks, [9])
        XCTAssertEqual(rules.check(change.offeredWeeks, for: after).map(\.message), [])
        XCTAssertEqual(change.offeredWeeks.last?.note, Onboarding.keepGoing, "the new program's 6 weeks end before hers: its last goes on")
        XCTAssertEqual(change.offeredWeeks.last?.prescriptions.map(\.exerciseID), change.offeredWeeks[5].prescriptions.map(\.exerciseID))
        let stored = try StoreRules.checkUpcomingWeeks(change.offeredWeeks, library: sharedContent.exercises, stored: program,
                                                       today: start.adding(days: 2), patient: after)
        XCTAssertEqual(stored.week(number: 9), theirs)
        XCTAssertEqual(stored.weeks.count, 9)
    }

    func testSetUpWritesEverythingOnce() throws {
        let store = try SQLiteStore.inMemory()
        let p = pregnantPatient(conditions: [.roundLigament])
        try onboarding.setUp(p, firstVisit: at("2026-12-01T09:00"), store: store, clock: PortalClock(today: today, time: time("12:00")))
        XCTAssertEqual(try store.patient(), p)
        XCTAssertEqual(try store.carePlan()?.nextVisit(after: at("2026-11-27T09:00"))?.number, 1)
        XCTAssertEqual(try store.program().weeks.count, 6)
        XCTAssertFalse(try store.readingList().isEmpty)
        XCTAssertThrowsError(try onboarding.setUp(p, firstVisit: nil, store: store, clock: PortalClock(today: today, time: time("12:00"))))
    }

    func testTheDemoIsBelievable() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: today).load(into: store)
        let patient = try XCTUnwrap(try store.patient())
        XCTAssertEqual(patient.progress(on: today).pregnancyWeek, 24)
        let plan = try XCTUnwrap(try store.carePlan())
        XCTAssertEqual(plan.visits.map(\.status), [.completed, .completed, .booked, .booked, .toSchedule, .toSchedule])
        XCTAssertFalse(plan.visits[0].notes.isEmpty)
        let now = LocalDateTime(date: today, time: time("08:00"))
        XCTAssertEqual(plan.unrecorded(now: now).map(\.number), [3], "visit 3's time has passed: Home asks whether it took place")
        XCTAssertTrue((1...7).contains(plan.visits[2].start!.date.days(until: today)), "a few days ago")
        let next = try XCTUnwrap(plan.nextVisit(after: now))
        XCTAssertEqual(next.number, 4)
        XCTAssertTrue((1...7).contains(today.days(until: next.start!.date)))
        let program = try store.program()
        XCTAssertEqual(program.weeks.count, 4)
        XCTAssertEqual(program.currentWeek(on: today)?.number, 4)
        for w in program.weeks.dropFirst() { XCTAssertFalse(program.diff(for: w).isEmpty) }
        let entries = try store.painEntries()
        XCTAssertEqual(entries.first?.date, today.adding(days: -21))
        let trend = PainTrend(entries: entries)
        XCTAssertTrue(trend.days.contains { $0.count > 1 }, "some days have several entries")
        XCTAssertEqual(trend.changeSinceFirstWeek(today: today)?.verdict, .improved)
        let adherence = ExerciseLog(program: program, sessions: try store.sessions()).adherenceByWeek(today: today)
        XCTAssertTrue(adherence.dropLast().allSatisfy { (40...95).contains($0.percent) }, "\(adherence.map(\.percent))")
        XCTAssertThrowsError(try DemoPatient(content: sharedContent, today: today).load(into: store), "refuses a database with a patient")
    }

    func testWithoutTheLateVisitVisit3IsBookedForNextWeekAndNothingIsLeftToRecord() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: today, lateVisit: false).load(into: store)
        let plan = try XCTUnwrap(try store.carePlan())
        XCTAssertEqual(plan.visits.map(\.status), [.completed, .completed, .booked, .toSchedule, .toSchedule, .toSchedule])
        let now = LocalDateTime(date: today, time: time("08:00"))
        XCTAssertEqual(plan.unrecorded(now: now), [])
        XCTAssertEqual(plan.nextVisit(after: now)?.number, 3)
    }
}
