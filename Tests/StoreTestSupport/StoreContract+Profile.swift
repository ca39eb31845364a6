import XCTest
import PortalCore

/// The contract's profile changes: "About me" with its reading list, and the program's upcoming weeks.
extension StoreContract {
    func checkUpdatingTheProfileSavesHerAndHerReading() throws {
        XCTAssertThrowsError(try makeStore().updateProfile(pregnantPatient(), readingList: [], today: today)) {
            XCTAssertTrue("\($0)".contains("No one is set up"), "\($0)")
        }
        let store = try seededStore()
        let after = Patient(name: "Dana", stage: .postpartum(birthDate: day("2026-11-08"), delivery: .cesarean),
                            conditions: [.cSectionScar, .hipPiriformis], therapist: "T", clinic: "C")
        try store.updateProfile(after, readingList: ["a", "b", "c"], today: today)
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.readingList(), ["a", "b", "c"])
        // Set-up's rules hold: a scar without a C-section is refused, and nothing changes.
        var wrong = after
        wrong.stage = .postpartum(birthDate: day("2026-11-08"), delivery: .vaginal)
        XCTAssertThrowsError(try store.updateProfile(wrong, readingList: ["z"], today: today))
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.readingList(), ["a", "b", "c"])
    }

    func checkOnlyWeeksNotStartedAreReplaced() throws {
        let patients = try seededStore()  // week 2 started on 9 Nov; today is 10 Nov
        let store = try careTeam(of: patients)
        let library = sharedContent.exercises
        let started = ProgramWeek(number: 2, starts: day("2026-11-16"), note: "", prescriptions: [rx("clamshell")])
        XCTAssertThrowsError(try store.replaceUpcomingWeeks([started], library: library, today: today)) {
            XCTAssertTrue("\($0)".contains("has started"), "\($0)")
        }
        XCTAssertEqual(try store.program().weeks, Self.weeks)
        let three = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "New", prescriptions: [rx("clamshell")], origin: .generated)
        let four = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("glute-bridge")], origin: .generated)
        try store.replaceUpcomingWeeks([three, four], library: library, today: today)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [three, four])
        // Offered again with other exercises: the weeks not started are replaced, the rest kept.
        let other = ProgramWeek(number: 3, starts: day("2026-11-17"), note: "Other", prescriptions: [rx("cat-cow")], origin: .generated)
        try store.replaceUpcomingWeeks([other], library: library, today: today)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [other])
    }

    /// Issue 19, point 3: a week the therapist wrote is never replaced by a change of details, and weeks that
    /// replace upcoming ones are the portal's own; where each week came from is stored and read back.
    func checkATherapistsWeekIsNeverReplaced() throws {
        let store = try careTeam(of: try seededStore())  // weeks 1 and 2 generated; today is 10 Nov
        let library = sharedContent.exercises
        let theirs = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "From her", prescriptions: [rx("cat-cow")])
        XCTAssertEqual(theirs.origin, .therapist)
        try store.addProgramWeek(theirs, library: library)
        XCTAssertEqual(try store.program().week(number: 3)?.origin, .therapist)
        XCTAssertEqual(try store.program().week(number: 1)?.origin, .generated)
        let mine = ProgramWeek(number: 3, starts: day("2026-11-17"), note: "", prescriptions: [rx("clamshell")], origin: .generated)
        try assertRefused(store, "the therapist's week 3 is not replaced") {
            try store.replaceUpcomingWeeks([mine], library: library, today: today)
        }
        var afterHers = mine
        afterHers.number = 4
        afterHers.starts = day("2026-11-23")
        try store.replaceUpcomingWeeks([afterHers], library: library, today: today)
        XCTAssertEqual(try store.program().weeks.map(\.origin), [.generated, .generated, .therapist, .generated])
        var claimed = afterHers
        claimed.origin = .therapist
        try assertRefused(store, "only generated weeks replace upcoming ones") {
            try store.replaceUpcomingWeeks([claimed], library: library, today: today)
        }
    }

    /// Issue 18: a therapist's decision to prescribe an exercise against its rules is stored with its reason;
    /// without a reason, the week that breaks the rule is refused, naming the exercise, the week and the rule.
    func checkAWeekThatBreaksARuleNeedsTheTherapistsReason() throws {
        let store = try careTeam(of: try seededStore())  // pregnant, due 2027-03-01: 28 weeks in mid-November
        let library = sharedContent.exercises
        var week = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("head-lift"), rx("cat-cow")])
        try assertRefused(store, "head lifts are for after the birth") { try store.addProgramWeek(week, library: library) }
        do {
            try store.addProgramWeek(week, library: library)
        } catch {
            XCTAssertTrue("\(error)".contains("Week 3"), "\(error)")
            XCTAssertTrue("\(error)".contains("head-lift"), "\(error)")
            XCTAssertTrue("\(error)".contains("not during pregnancy"), "\(error)")
        }
        week.prescriptions[0].therapistDecision = "Chosen with you at visit 2; stop if your belly domes."
        try store.addProgramWeek(week, library: library)
        XCTAssertEqual(try store.program().week(number: 3)?.prescriptions[0].therapistDecision, "Chosen with you at visit 2; stop if your belly domes.")
    }
}
