import XCTest
import PortalCore

/// The contract's profile changes: "About me" with its reading list, and the program's upcoming weeks.
extension StoreContract {
    func checkUpdatingTheProfileSavesHerAndHerReading() throws {
        XCTAssertThrowsError(try makeStore().updateProfile(pregnantPatient(), readingList: [], today: today)) {
            XCTAssertTrue("\($0)".contains("No one is set up"), "\($0)")
        }
        let store = try seededStore()
        var after = Patient(name: "Dana", stage: .postpartum(birthDate: day("2026-11-08"), delivery: .cesarean),
                            conditions: [.cSectionScar, .hipPiriformis], therapist: "T", clinic: "C")
        if store.isRemote {
            // In a clinic her therapist's name is the clinic's (QA H10): a change of it is refused, nothing changed.
            try assertRefused(store, "her therapist renamed by her") { try store.updateProfile(after, readingList: ["z"], today: today) }
            after.therapist = try XCTUnwrap(try store.patient()).therapist
        }
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

    /// Issue 18: "About me" and the upcoming weeks that come with it are written in one transaction. Stopped
    /// between the two (where a killed portal would stop), or with a week refused once her new details are
    /// written, neither is saved; otherwise both are, and the weeks are checked against her as she is now.
    func checkTheProfileAndItsWeeksAreSavedTogether() throws {
        // The care team's session (in a clinic she writes no program week: issue 21, point 1).
        let store = try careTeam(of: try seededStore())  // pregnant, buttock pain; weeks 1 and 2 (2 and 9 Nov); today is 10 Nov
        let library = sharedContent.exercises
        let before = try contents(store)
        var after = pregnantPatient(conditions: [.hipPiriformis, .lowBack])
        after.name = "Dana"
        let three = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "New", prescriptions: [rx("cat-cow")], origin: .generated)
        let four = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("cat-cow", sets: 3)], origin: .generated)
        struct Killed: Error {}
        WritePoint.onReach = { if $0 == .profileBeforeWeeks { throw Killed() } }
        defer { WritePoint.onReach = nil }
        XCTAssertThrowsError(try store.updateProfile(after, readingList: ["a", "b", "c"], upcomingWeeks: [three, four],
                                                     library: library, today: today)) { XCTAssertTrue($0 is Killed, "\($0)") }
        XCTAssertEqual(try contents(store), before, "stopped between her details and her weeks: neither is saved")
        WritePoint.onReach = nil
        // A week refused by her new details (the outer hip stretch is not for pain on the side of the hip),
        // though the old ones allowed it: neither is saved.
        var sideOfHip = after
        sideOfHip.conditions.append(.hipITBand)
        let stretch = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("itb-tfl-stretch")], origin: .generated)
        try assertRefused(store, "the week breaks a rule for her as she is now") {
            try store.updateProfile(sideOfHip, readingList: ["a"], upcomingWeeks: [stretch], library: library, today: today)
        }
        try assertRefused(store, "a week under way is never rewritten") {
            try store.updateProfile(after, readingList: ["a"], upcomingWeeks: [Self.weeks[1]], library: library, today: today)
        }
        // Both together.
        try store.updateProfile(after, readingList: ["a", "b", "c"], upcomingWeeks: [three, four], library: library, today: today)
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.readingList(), ["a", "b", "c"])
        XCTAssertEqual(try store.program().weeks, Self.weeks + [three, four])
        // No weeks: her details alone, the program as it was.
        after.name = "Dana Lee"
        try store.updateProfile(after, readingList: ["a"], today: today)
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [three, four])
    }

    /// Review of QA G2: the store sets what each week was planned for from her stage as stored when it writes
    /// the week (set-up, an imported week, the weeks a change of details brings, a week replaced), so after the
    /// birth the weeks planned for her pregnancy are known whatever their dates; a whole record moved in keeps
    /// what its weeks were planned for.
    func checkEachWeekIsPlannedForHerStageWhenWritten() throws {
        let store = try careTeam(of: try seededStore())  // pregnant; weeks 1 and 2 (2 and 9 Nov); today is 10 Nov
        let library = sharedContent.exercises
        XCTAssertEqual(try store.program().plannedFor, [1: .pregnancy, 2: .pregnancy])
        // Where weeks are hers at once, her therapist's week 3 written while she is pregnant (in a clinic it
        // would be a draft until published, `TherapistProgramEditorTests`).
        let theirs = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "From her", prescriptions: [rx("cat-cow")])
        let hers = !store.addsDraftWeeks
        if hers { try store.addProgramWeek(theirs, library: library, today: today) }
        // The birth on 8 Nov, recorded today: the weeks it brings are planned for after it; hers stays as planned.
        let born = Patient(name: "Dana", stage: .postpartum(birthDate: day("2026-11-08"), delivery: .cesarean), conditions: [.cSectionScar])
        let next = ProgramWeek(number: hers ? 4 : 3, starts: day(hers ? "2026-11-23" : "2026-11-16"), note: "", prescriptions: [rx("ankle-pumps")],
                               origin: .generated)
        try store.updateProfile(born, readingList: ["a"], upcomingWeeks: [next], library: library, today: today)
        let program = try store.program()
        XCTAssertEqual(program.plannedFor, hers ? [1: .pregnancy, 2: .pregnancy, 3: .pregnancy, 4: .afterBirth]
                                                : [1: .pregnancy, 2: .pregnancy, 3: .afterBirth])
        XCTAssertTrue(program.plannedForPregnancy(program.week(number: 2)!, birth: day("2026-11-08")), "started after the birth, planned before it")
        XCTAssertFalse(program.plannedForPregnancy(program.week(number: next.number)!, birth: day("2026-11-08")))
        guard hers else { return }
        // Her therapist's week 3 put right after the birth: planned for after it now.
        var again = theirs
        again.note = "After the birth"
        try store.addProgramWeek(again, library: library, today: today)
        XCTAssertEqual(try store.program().plannedFor[3], .afterBirth)
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
        try store.addProgramWeek(theirs, library: library, today: theirs.starts.adding(days: -1))
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

    /// Issue 18 QA (b): a change of details replaces every generated week not started, also one before a
    /// week the therapist wrote; hers stays where it is, as it is, and the weeks stay numbered without a gap.
    func checkTheGeneratedWeeksAroundATherapistsWeekAreReplaced() throws {
        // The care team's session (in a clinic she writes no program week: issue 21, point 1).
        let store = try careTeam(of: try seededStore())  // weeks 1 and 2 generated, week 2 started on 9 Nov; today is 10 Nov
        let library = sharedContent.exercises
        let g = { (n: Int, id: String) in
            ProgramWeek(number: n, starts: day("2026-11-02").adding(days: 7 * (n - 1)), note: "", prescriptions: [rx(id)], origin: .generated)
        }
        try store.replaceUpcomingWeeks([g(3, "clamshell")], library: library, today: today)
        let theirs = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "From her", prescriptions: [rx("cat-cow")])
        try store.addProgramWeek(theirs, library: library, today: theirs.starts.adding(days: -1))
        try store.addProgramWeek(g(5, "clamshell"), library: library, today: g(5, "clamshell").starts.adding(days: -1))
        let new = [g(3, "glute-bridge"), g(5, "glute-bridge"), g(6, "glute-bridge")]
        try store.replaceUpcomingWeeks(new, library: library, today: today)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [new[0], theirs, new[1], new[2]], "week 3 before hers is replaced too")
        // A week of hers later on: the generated week 5 before it cannot be dropped and leave a gap.
        let later = ProgramWeek(number: 7, starts: day("2026-12-14"), note: "Later", prescriptions: [rx("cat-cow")])
        try store.addProgramWeek(later, library: library, today: later.starts.adding(days: -1))
        let before = try contents(store)
        try assertRefused(store, "week 5 would be missing") {
            try store.replaceUpcomingWeeks([g(3, "cat-cow")], library: library, today: today)
        }
        XCTAssertEqual(try contents(store), before)
        try store.replaceUpcomingWeeks([g(3, "cat-cow"), g(5, "cat-cow"), g(6, "cat-cow")], library: library, today: today)
        XCTAssertEqual(try store.program().weeks.map(\.origin), [.generated, .generated, .generated, .therapist, .generated, .generated, .therapist])
        XCTAssertEqual(try store.program().week(number: 4), theirs)
        XCTAssertEqual(try store.program().week(number: 7), later)
        XCTAssertEqual(try store.program().week(number: 5)?.prescriptions.map(\.exerciseID), ["cat-cow"])
    }

    /// Issue 18: a therapist's decision to prescribe an exercise against its rules is stored with its reason;
    /// without a reason, the week that breaks the rule is refused, naming the exercise, the week and the rule.
    func checkAWeekThatBreaksARuleNeedsTheTherapistsReason() throws {
        let store = try careTeam(of: try seededStore())  // pregnant, due 2027-03-01: 28 weeks in mid-November
        let library = sharedContent.exercises
        var week = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("head-lift"), rx("cat-cow")])
        try assertRefused(store, "head lifts are for after the birth") { try store.addProgramWeek(week, library: library, today: week.starts.adding(days: -1)) }
        do {
            try store.addProgramWeek(week, library: library, today: week.starts.adding(days: -1))
        } catch {
            XCTAssertTrue("\(error)".contains("Week 3"), "\(error)")
            XCTAssertTrue("\(error)".contains("head-lift"), "\(error)")
            XCTAssertTrue("\(error)".contains("not during pregnancy"), "\(error)")
        }
        // Issue 18 QA (c): a decision of only spaces or line breaks gives her no reason: refused like none.
        for blank in ["   ", " \n\t", "\u{00A0}", "\u{3000}\n"] {
            week.prescriptions[0].therapistDecision = blank
            try assertRefused(store, "a blank decision \(blank.unicodeScalars.map { $0.value }) is no reason") {
                try store.addProgramWeek(week, library: library, today: week.starts.adding(days: -1))
            }
        }
        week.prescriptions[0].therapistDecision = "Chosen with you at visit 2; stop if your belly domes."
        try store.addProgramWeek(week, library: library, today: week.starts.adding(days: -1))
        XCTAssertEqual(try store.program().week(number: 3)?.prescriptions[0].therapistDecision, "Chosen with you at visit 2; stop if your belly domes.")
    }

    /// Her therapist's name as the store keeps it, apart from her own details (screens-h: the report and About me
    /// in a clinic): a file keeps none (the name in her details is the one); a clinic keeps the display name its
    /// administrator gave her therapist (none while she is in no caseload, as the contract's clinic patients are:
    /// `TherapistNameTests` reads one as the real roles); the report's read (`therapistName()`) and the
    /// screens' (the snapshot's) agree.
    /// QA H6: two sessions open "About me" on the same details; the first saves a new name, the second (its form
    /// still showing the old one) a new due date. The second is refused, nothing written, in words saying what
    /// her details say now; the first's name stays. Saved over nothing but her say (`over: nil`), hers is written,
    /// and only the column her form changed: the first's name stays still. The same for a pain entry.
    func checkAStaleFormNeverWritesOverAnotherSessionsChange() throws {
        let first = try seededStore()
        let second = try secondConnection(to: first) ?? first
        let opened = try XCTUnwrap(try first.patient())
        var renamed = opened
        renamed.name = "Ana LimaZ"
        try first.updateProfile(renamed, over: opened, readingList: ["a", "b"], upcomingWeeks: [], askingTherapist: nil,
                                library: sharedContent.exercises, today: today)
        var moved = opened
        moved.stage = .pregnant(dueDate: day("2027-03-08"))
        try assertRefused(second, "a stale form's change") {
            do {
                try second.updateProfile(moved, over: opened, readingList: ["a", "b"], upcomingWeeks: [], askingTherapist: nil,
                                         library: sharedContent.exercises, today: today)
            } catch let error as PortalError {
                XCTAssertEqual(error, .rule(Patient.changedElsewhere + "; here is what they say now: name “Ana LimaZ”. Nothing was saved."))
                throw error
            }
        }
        XCTAssertEqual(try first.patient(), renamed)

        // A pain entry: the first adds a note, the second (showing none) changes the score.
        let entry = try first.addPainEntry(PainEntry(date: day("2026-11-10"), time: time("17:44"), score: 9), now: at("2026-11-10T18:00"))
        var noted = entry
        noted.note = "Anote"
        try first.updatePainEntry(noted, over: entry, now: at("2026-11-10T18:01"))
        var lower = entry
        lower.score = 5
        try assertRefused(second, "a stale pain form's change") {
            do {
                try second.updatePainEntry(lower, over: entry, now: at("2026-11-10T18:02"))
            } catch let error as PortalError {
                XCTAssertEqual(error, .rule(PainEntry.changedElsewhere + "; here is what it says now: note “Anote”. Nothing was saved."))
                throw error
            }
        }
        XCTAssertEqual(try first.painEntries().first { $0.id == entry.id }?.note, "Anote")
    }

    func checkTheTherapistIsNamedAsTheStoreKeepsHer() throws {
        let store = try seededStore()
        let name = try store.therapistName()
        if !store.isRemote { XCTAssertNil(name, "a file keeps no name of its own") }
        if let name { XCTAssertFalse(PlainText.isBlank(name), "a clinic's name is never blank") }
        let snapshot = try store.snapshot(clock: PortalClock(today: today, time: time("12:00")))
        XCTAssertEqual(snapshot.therapistName, name, "the report and the screens name her alike")
    }
}
