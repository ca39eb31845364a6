import Foundation
import XCTest
import PortalCore

/// The contract's rules: the care plan's schedule, the program's weeks, the exercise log, two writers.
extension StoreContract {
    // MARK: Visits

    func checkSavingAVisitKeepsTheScheduleWhoeverCalls() throws {
        let store = try seededStore()
        var v2 = try XCTUnwrap(try store.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-02T09:30") // during visit 1 (09:00 to 10:00)
        XCTAssertThrowsError(try store.saveVisit(v2)) { XCTAssertTrue("\($0)".contains("would overlap visit 1"), "\($0)") }
        v2.start = at("2026-11-01T09:00") // before the evaluation
        XCTAssertThrowsError(try store.saveVisit(v2)) { XCTAssertTrue("\($0)".contains("must come after visit 1"), "\($0)") }
        v2.start = at("2026-11-09T09:00")
        XCTAssertEqual(try store.saveVisit(v2), v2)
        var v3 = try XCTUnwrap(try store.carePlan()?.visits[2])
        v3.status = .booked
        v3.start = at("2026-11-05T09:00")
        try assertRefused(store, "before visit 2") { try store.saveVisit(v3) }
        XCTAssertEqual(try store.carePlan()?.visits[2].status, .toSchedule, "nothing was saved")
        var seventh = v3
        seventh.number = 7
        try assertRefused(store, "a seventh visit") { try store.saveVisit(seventh) }
    }

    func checkACompletedVisitKeepsItsDateAndStatus() throws {
        let store = try seededStore()
        let team = try careTeam(of: store)
        var v = try XCTUnwrap(try store.carePlan()?.visits.first)
        v.status = .completed
        v.notes = "Went well"
        try team.saveVisit(v)
        v.start = at("2026-11-05T09:00")
        try assertRefused(store, "a new date") { try team.saveVisit(v) }
        v.start = at("2026-11-02T09:00")
        v.status = .cancelled
        try assertRefused(store, "a new status") { try team.saveVisit(v) }
        v.status = .completed
        v.notes = "Went well. Keep going."
        try team.saveVisit(v)
        XCTAssertEqual(try store.carePlan()?.visits.first?.start, at("2026-11-02T09:00"))
        XCTAssertEqual(try store.carePlan()?.visits.first?.notes, "Went well. Keep going.", "notes can still be corrected")
    }

    /// QA G4: a form saves over the visit as it read it; booked elsewhere in the meantime (another portal, a
    /// command), the save is refused naming what the visit is now, in the store's own transaction.
    func checkAVisitChangedInTheMeantimeIsNotWrittenOver() throws {
        let store = try seededStore()
        let read = try XCTUnwrap(try store.carePlan()?.visits[1])
        var elsewhere = read
        elsewhere.status = .booked
        elsewhere.start = at("2026-11-12T11:00")
        elsewhere.location = "Annex B"
        try store.saveVisit(elsewhere)
        var mine = read
        mine.status = .booked
        mine.start = at("2026-11-10T10:00")
        try assertRefused(store, "booked in the meantime") { try store.saveVisit(mine, over: read) }
        XCTAssertThrowsError(try store.saveVisit(mine, over: read)) {
            XCTAssertEqual("\($0)", "Visit 2 was changed in the meantime (in another portal window, or from the command line): it is now booked for Thu 12 Nov 2026 at 11:00 (Annex B). Nothing was saved.")
        }
        XCTAssertEqual(try store.saveVisit(mine, over: elsewhere), mine, "over the visit as it is now")
        XCTAssertEqual(try store.carePlan()?.visits[1], mine)
    }

    func checkStoredTextIsPlainText() throws {
        let store = try seededStore()
        var v = try XCTUnwrap(try store.carePlan()?.visits.first)
        v.location = "Room\u{1B}[31m"
        XCTAssertThrowsError(try store.saveVisit(v)) {
            XCTAssertEqual("\($0)", "The location contains control characters (ESC); use plain text.")
            XCTAssertEqual(($0 as? PortalError)?.field, .visitLocation)
        }
        v.location = String(repeating: "x", count: 301)
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertEqual("\($0)", "The location is 301 characters; at most 300 fit.") }
        v.location = "1 Main St"
        v.notes = String(repeating: "n", count: 2001)
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertTrue("\($0)".contains("at most 2000 fit"), "\($0)") }
        v.notes = "Went well.\nKeep going.\u{07}"
        XCTAssertThrowsError(try store.saveVisit(v)) { XCTAssertTrue("\($0)".contains("(BEL)"), "\($0)") }
        XCTAssertEqual(try store.carePlan()?.visits.first?.notes, "")

        var p = try XCTUnwrap(try store.patient())
        p.clinic = "Clinic\u{1B}]0;PWNED\u{07}"
        XCTAssertThrowsError(try store.savePatient(p)) { XCTAssertTrue("\($0)".contains("The clinic contains control characters (ESC)"), "\($0)") }

        let week = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "\u{1B}[2J", prescriptions: [rx("clamshell")])
        XCTAssertThrowsError(try store.addProgramWeek(week, library: sharedContent.exercises, today: week.starts.adding(days: -1))) {
            XCTAssertEqual("\($0)", "note contains control characters (ESC); use plain text.")
        }
    }

    // MARK: Program and exercise log

    func checkProgramWeeksAreNumberedAndDatedInOrder() throws {
        let patients = try seededStore()
        let store = try careTeam(of: patients)
        let library = sharedContent.exercises
        try assertRefused(store, "a gap") {
            try store.addProgramWeek(ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("clamshell")]), library: library, today: day("2026-11-23").adding(days: -1))
        }
        try assertRefused(store, "week 2 again") {
            try store.addProgramWeek(ProgramWeek(number: 2, starts: day("2026-11-16"), note: "", prescriptions: [rx("clamshell")]), library: library, today: day("2026-11-16").adding(days: -1))
        }
        try assertRefused(store, "less than a week after week 2") {
            try store.addProgramWeek(ProgramWeek(number: 3, starts: day("2026-11-12"), note: "", prescriptions: [rx("clamshell")]), library: library, today: day("2026-11-12").adding(days: -1))
        }
        try assertRefused(store, "an exercise not in the library") {
            try store.addProgramWeek(ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("moonwalk")]), library: library, today: day("2026-11-16").adding(days: -1))
        }
        let week3 = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "On", prescriptions: [rx("clamshell", sets: 4)])
        try store.addProgramWeek(week3, library: library, today: week3.starts.adding(days: -1))
        XCTAssertEqual(try patients.program().weeks.last, week3)
    }

    /// QA D23: her program (weeks 1 and 2, from 2 and 9 Nov) ran out months ago; the next week is not given to her
    /// in the past, and starts tomorrow, though that is more than 8 weeks after week 2.
    func checkANewWeekNeverStartsInThePast() throws {
        let patients = try seededStore()
        let store = try careTeam(of: patients)
        let library = sharedContent.exercises
        let later = day("2027-03-01")
        let past = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: [rx("clamshell")])
        XCTAssertThrowsError(try store.addProgramWeek(past, library: library, today: later)) {
            XCTAssertEqual("\($0)", "starts: 2026-11-16 is in the past (today is 2027-03-01); a new week starts after today, so it is hers to follow from its first day. Week 3 can start on 2027-03-02 at the earliest.")
        }
        if store.addsDraftWeeks {
            XCTAssertThrowsError(try store.saveDraftWeek(past, library: library, today: later), "nor as a draft")
        }
        XCTAssertEqual(try store.program().weeks.map(\.number), [1, 2], "nothing written")
        let next = try XCTUnwrap(WeekDraft.next(after: try store.program(), today: later)).week
        XCTAssertEqual(next.starts, day("2027-03-02"))
        try store.addProgramWeek(next, library: library, today: later)
        XCTAssertEqual(try store.program().week(number: 3)?.starts, day("2027-03-02"))
    }

    /// QA G1: set-up builds several weeks at once, so her therapist's week for next week has a number the program
    /// has. In her own file (weeks hers at once) it takes the place of that week while it has not started (the
    /// rule the clinic's editor publishes by); in a clinic, where an import is a draft, it is refused naming the
    /// editor. A week under way is refused everywhere, naming the weeks that may be imported.
    func checkAnImportedWeekReplacesAnUpcomingOneWhereWeeksAreHers() throws {
        let patients = try seededStore()
        let store = try careTeam(of: patients)
        let library = sharedContent.exercises
        let before = day("2026-11-05")  // week 1 under way, week 2 (generated, from 9 Nov) not started
        let theirs = ProgramWeek(number: 2, starts: day("2026-11-09"), note: "From your therapist", prescriptions: [rx("clamshell", sets: 2), rx("cat-cow")], origin: .therapist)
        if store.addsDraftWeeks {
            try assertRefused(store, "a published week is changed in the editor") {
                try store.addProgramWeek(theirs, library: library, today: before)
            }
            XCTAssertThrowsError(try store.addProgramWeek(theirs, library: library, today: before)) {
                XCTAssertTrue("\($0)".contains("program editor"), "\($0)")
                XCTAssertTrue("\($0)".contains("or import week 3"), "\($0)")
            }
        } else {
            try store.addProgramWeek(theirs, library: library, today: before)
            XCTAssertEqual(try patients.program().weeks, [Self.weeks[0], theirs], "week 2 replaced, week 1 kept")
            // Her therapist may send it again, corrected, while it has not started.
            var again = theirs
            again.note = "Corrected"
            try store.addProgramWeek(again, library: library, today: before)
            XCTAssertEqual(try patients.program().week(number: 2)?.note, "Corrected")
        }
        // Week 2 under way: refused, naming the weeks she may import.
        try assertRefused(store, "week 2 has started") {
            try store.addProgramWeek(theirs, library: library, today: day("2026-11-10"))
        }
        XCTAssertThrowsError(try store.addProgramWeek(theirs, library: library, today: day("2026-11-10"))) {
            XCTAssertEqual("\($0)", "week: week 2 started on Mon 9 Nov, and a week under way is never rewritten. You can import week 3 (a new week after the last).")
        }
        // Before week 1 starts, both weeks are open.
        XCTAssertEqual(try patients.program().importChoicesText(today: day("2026-11-01")),
                       "You can import weeks 1 and 2 (not started yet: an import takes the place of the week of its number) or week 3 (a new week after the last).")
    }

    func checkMarkDoneRespectsTheProgram() throws {
        let store = try seededStore()
        XCTAssertThrowsError(try store.markDone(exerciseID: "cat-cow", on: today, today: today), "cat-cow left the program in week 2")
        XCTAssertThrowsError(try store.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: today), "future")
        XCTAssertThrowsError(try store.markDone(exerciseID: "clamshell", on: day("2026-10-30"), today: today), "before the program")
        let session = try store.markDone(exerciseID: "clamshell", on: today, today: today)
        XCTAssertEqual(session.week, 2, "the week current on that day")
        XCTAssertEqual(session.setsDone, 3, "that week's sets")
        XCTAssertNotNil(session.id)
        try assertRefused(store, "once a day") { try store.markDone(exerciseID: "clamshell", on: today, today: today) }
        XCTAssertEqual(try store.sessions(from: today, to: today), [session])
        XCTAssertTrue(try store.undoDone(exerciseID: "clamshell", on: today))
        XCTAssertFalse(try store.undoDone(exerciseID: "clamshell", on: today))
    }

    func checkTimesPerDayCountsEachDayApart() throws {
        let store = try seededStore()
        let d = day("2026-11-03") // week 1: cat-cow twice a day
        try store.markDone(exerciseID: "cat-cow", on: d, today: today)
        try store.markDone(exerciseID: "cat-cow", on: d, today: today)
        try assertRefused(store, "a third time") { try store.markDone(exerciseID: "cat-cow", on: d, today: today) }
        try store.markDone(exerciseID: "cat-cow", on: d.adding(days: 1), today: today)
        XCTAssertEqual(try store.sessions().map(\.week), [1, 1, 1])
    }

    func checkReadingAndQuiz() throws {
        let store = try seededStore()
        try store.markArticleRead("a", on: day("2026-11-03"))
        try store.markArticleRead("a", on: day("2026-11-05"))
        XCTAssertEqual(try store.articlesRead(), ["a": day("2026-11-03")], "the first day it was read is kept")
        try store.setReadingList(["c", "a", "c"])
        XCTAssertEqual(try store.readingList(), ["c", "a"])
        let first = try store.saveQuizResult(QuizResult(date: day("2026-11-04"), answers: ["leak-cough": true]))
        let second = try store.saveQuizResult(QuizResult(date: day("2026-11-06"), answers: ["leak-cough": false]))
        XCTAssertNotEqual(first.id, second.id)
        XCTAssertEqual(try store.quizResults(), [first, second])
    }

    // MARK: Two writers

    func checkTwoWritersAtOnceBothSucceed() throws {
        let a = try seededStore()
        let b = try secondConnection(to: a) ?? a
        let failures = LockedCounter()
        let now = self.now
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = i == 0 ? a : b
            for n in 0..<25 {
                do {
                    try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11, note: "writer \(i)"), now: now)
                } catch {
                    failures.increment()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try a.painEntries().count, 50)
        XCTAssertEqual(try b.painEntries().filter { $0.note == "writer 1" }.count, 25)
    }

    func checkTwoWritersCannotBothBookOneTime() throws {
        let a = try seededStore()
        let b = try secondConnection(to: a) ?? a
        var v2 = try XCTUnwrap(try a.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-09T09:00")
        var v3 = try XCTUnwrap(try b.carePlan()?.visits[2])
        v3.status = .booked
        v3.start = at("2026-11-09T09:15")
        let results = LockedCounter()
        let (first, second) = (v2, v3)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if (try? (i == 0 ? a.saveVisit(first) : b.saveVisit(second))) != nil { results.increment() }
        }
        XCTAssertEqual(results.value, 1, "the rule is checked inside the write, so only one booking wins")
        XCTAssertEqual(try a.carePlan()?.visits.filter { $0.status == .booked }.count, 2, "visit 1 and the winner")
    }

    /// The runtime re-reads the snapshot only when the token moves: it must move for every commit another
    /// connection makes, and stay put while nobody writes (else an idle portal reads for nothing). A store
    /// that cannot tell says nil, and the runtime then reads it every few seconds.
    func checkAChangeByAnotherConnectionChangesTheToken() throws {
        let a = try seededStore()
        guard let b = try secondConnection(to: a), let before = try a.changeToken() else { return }
        XCTAssertEqual(try a.changeToken(), before, "nobody wrote")
        try b.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 3), now: now)
        let after = try XCTUnwrap(try a.changeToken())
        XCTAssertNotEqual(after, before, "the other connection's commit is noticed")
        XCTAssertEqual(try a.changeToken(), after)
        try b.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("09:00"), score: 4), now: now)
        XCTAssertNotEqual(try a.changeToken(), after, "and the next one")
    }

    /// Warning signs reported without a pain score: each sign once, unknown signs and future times refused
    /// with nothing written, read back by date range and in the snapshot that raises the safety banner.
    func checkSignReportsAreCheckedKeptAndSnapshotted() throws {
        let store = try seededStore()
        let guide = sharedContent.safety
        let saved = try store.add(SignReport(date: day("2026-11-26"), time: time("21:15"),
                                                       signs: ["severe-headache", "severe-headache", "seizure"], note: "Zoë"),
                                            rules: EntryRules(now: now, content: sharedContent))
        XCTAssertNotNil(saved.id)
        XCTAssertEqual(saved.signs, ["severe-headache", "seizure"])
        XCTAssertThrowsError(try store.add(SignReport(date: day("2026-11-26"), time: time("21:15"), signs: ["no-such-sign"]),
                                                     rules: EntryRules(now: now, content: sharedContent)))
        XCTAssertThrowsError(try store.add(SignReport(date: day("2026-11-28"), time: time("08:00"), signs: ["seizure"]),
                                                     rules: EntryRules(now: now, content: sharedContent)))
        XCTAssertEqual(try store.signReports(), [saved])
        XCTAssertEqual(try store.signReports(from: day("2026-11-27"), to: nil), [])
        let snapshot = try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00")))
        XCTAssertEqual(snapshot.signReports, [saved])
        XCTAssertEqual(snapshot.safetyAlerts(guide: guide).first?.level, .emergency, "a seizure is a 911 sign")
    }
}
