import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// Every effect, carried out against a real store in memory: what it saved comes back with the fresh
/// snapshot; a failure comes back as `.failed` with nothing saved and no snapshot.
final class EffectRunnerTests: XCTestCase {
    private func assertFails(_ effect: Effect, on store: any RecordStore, field: PortalError.Field? = nil,
                             file: StaticString = #filePath, line: UInt = #line) throws -> PortalError? {
        let before = try contents(store)
        let answer = Answer(runner(store).perform(effect), on: store)
        XCTAssertEqual(answer.count, 1, "only .failed", file: file, line: line)
        XCTAssertNil(answer.completed, file: file, line: line)
        XCTAssertEqual(answer.failed?.0, effect, file: file, line: line)
        if let field { XCTAssertEqual(answer.failed?.1.field, field, file: file, line: line) }
        XCTAssertEqual(try contents(store), before, "nothing saved", file: file, line: line)
        return answer.failed?.1
    }

    func testSavePainCarriesBackTheEntryWithItsID() throws {
        let store = try demoStore()
        let entry = PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 0)!, score: 3, sites: [SiteSide(.buttock, .left)])
        let answer = Answer(runner(store).perform(.savePain(entry)), on: store)
        XCTAssertEqual(answer.completed?.0, .savePain(entry))
        guard case .painEntry(let saved)? = answer.saved else { return XCTFail("\(String(describing: answer.saved))") }
        XCTAssertNotNil(saved.id)
        XCTAssertEqual(saved.score, 3)
        XCTAssertEqual(try store.painEntries(from: today, to: today).last, saved)
        XCTAssertEqual(answer.snapshot?.entries(on: today).last, saved, "the snapshot already holds it")
    }

    /// QA M2: the form asks about the signs she has now. Ticked with an entry for an earlier day, they are
    /// reported for now, first, and the snapshot she sees next stops exercise and raises Home's banner; the entry
    /// keeps its day without them. Changing an entry that already had signs keeps those on it.
    func testSignsTickedWithAnEarlierDaysPainAreReportedForNow() throws {
        let store = try demoStore()
        let saturday = today.adding(days: -3)
        let entry = PainEntry(date: saturday, time: TimeOfDay(hour: 12, minute: 0)!, score: 5, warningSigns: ["thoughts-of-harm"])
        let answer = Answer(runner(store).perform(.savePain(entry)), on: store)
        guard case .painEntryAndSignsNow(let saved, let report)? = answer.saved else { return XCTFail("\(String(describing: answer.saved))") }
        XCTAssertEqual([saved.date, report.date], [saturday, today])
        XCTAssertEqual(saved.warningSigns, [])
        XCTAssertEqual(report.signs, ["thoughts-of-harm"])
        XCTAssertEqual(report.time, noon.time)
        XCTAssertEqual(try store.signReports().last?.signs, ["thoughts-of-harm"])
        let snapshot = try XCTUnwrap(answer.snapshot, "read again: two rows on two days")
        XCTAssertEqual(snapshot.exerciseStop(guide: content.safety)?.level, .emergency)
        XCTAssertEqual(snapshot.safetyAlerts(guide: content.safety).first?.level, .emergency)

        // Today's entry keeps its signs, as before.
        let now = PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 0)!, score: 4, warningSigns: ["fever"])
        guard case .painEntry(let kept)? = Answer(runner(store).perform(.savePain(now)), on: store).saved else { return XCTFail() }
        XCTAssertEqual(kept.warningSigns, ["fever"])

        // A change to an earlier entry: the signs it had stay; one added now is reported for now.
        let older = try store.addPainEntry(PainEntry(date: saturday, time: TimeOfDay(hour: 8, minute: 0)!, score: 2, warningSigns: ["fever"]),
                                           now: noon.latestEntry)
        var changed = older
        changed.warningSigns = ["fever", "leg-swelling"]
        guard case .painEntryAndSignsNow(let updated, let added)? = Answer(runner(store).perform(.updatePain(changed, over: older)), on: store).saved
        else { return XCTFail() }
        XCTAssertEqual(updated.warningSigns, ["fever"])
        XCTAssertEqual(added.signs, ["leg-swelling"])
    }

    func testABadPainEntryFailsNamingItsField() throws {
        let store = try demoStore()
        _ = try assertFails(.savePain(PainEntry(date: today, time: TimeOfDay(hour: 11, minute: 0)!, score: 11)), on: store, field: .painScore)
        _ = try assertFails(.savePain(PainEntry(date: today, time: TimeOfDay(hour: 13, minute: 0)!, score: 2)), on: store, field: .painTime)
    }

    func testUpdateAndDeletePain() throws {
        let store = try demoStore()
        var entry = try XCTUnwrap(try store.painEntries(from: today, to: today).first)
        entry.score = 1
        let updated = Answer(runner(store).perform(.updatePain(entry)), on: store)
        XCTAssertEqual(updated.saved, .painEntry(entry))
        XCTAssertEqual(updated.snapshot?.entries(on: today).first?.score, 1)
        let deleted = Answer(runner(store).perform(.deletePain(id: entry.id!)), on: store)
        XCTAssertEqual(deleted.saved, .deletedPainEntry(id: entry.id!))
        XCTAssertEqual(deleted.snapshot?.entries(on: today).contains { $0.id == entry.id }, false)
        XCTAssertEqual(try assertFails(.deletePain(id: entry.id!), on: store), .notFound("That pain entry no longer exists."))
        _ = try assertFails(.updatePain(entry), on: store)
    }

    func testMarkAndUndoDone() throws {
        let store = try demoStore()
        let snap = try store.snapshot(clock: noon)
        let week = try XCTUnwrap(snap.currentWeek)
        let p = try XCTUnwrap(week.prescriptions.first { rx in
            snap.sessions.filter { $0.date == today && $0.exerciseID == rx.exerciseID }.count < rx.dose.timesPerDay
        })
        let answer = Answer(runner(store).perform(.markDone(exerciseID: p.exerciseID, date: today)), on: store)
        guard case .session(let session)? = answer.saved else { return XCTFail("\(String(describing: answer.saved))") }
        XCTAssertEqual(session.week, week.number)
        XCTAssertEqual(session.setsDone, p.dose.sets)
        XCTAssertNotNil(session.id)
        XCTAssertTrue(answer.snapshot?.sessions.contains(session) ?? false)
        let undone = Answer(runner(store).perform(.undoDone(exerciseID: p.exerciseID, date: today)), on: store)
        XCTAssertEqual(undone.saved, .removedSession(exerciseID: p.exerciseID, date: today))
        XCTAssertFalse(undone.snapshot?.sessions.contains(session) ?? true)
    }

    func testMarkDoneAndUndoDoneFailWithNothingSaved() throws {
        let store = try demoStore()
        _ = try assertFails(.markDone(exerciseID: "moonwalk", date: today), on: store)
        _ = try assertFails(.markDone(exerciseID: "clamshell", date: today.adding(days: 1)), on: store, field: .exerciseDate)
        let never = try XCTUnwrap(try store.program().currentWeek(on: today)?.prescriptions.last)
        while (try? store.undoDone(exerciseID: never.exerciseID, on: today.adding(days: -1))) == true {}
        XCTAssertEqual(try assertFails(.undoDone(exerciseID: never.exerciseID, date: today.adding(days: -1)), on: store),
                       .notFound("It was not marked done."))
    }

    func testMarkArticleReadUsesTheClockOfTheMoment() throws {
        let store = try demoStore()
        let id = try XCTUnwrap(try store.readingList().last)
        let later = PortalClock(today: today.adding(days: 1), time: TimeOfDay(hour: 0, minute: 5)!)
        let answer = Answer(runner(store, clock: later).perform(.markArticleRead(id)), on: store, clock: later)
        XCTAssertEqual(answer.saved, .articleRead(id, on: later.today), "read today as the clock says now, past midnight")
        XCTAssertEqual(answer.snapshot?.articlesRead[id], later.today)
        XCTAssertEqual(answer.snapshot?.today, later.today)
    }

    func testSaveQuizCarriesBackItsID() throws {
        let store = try demoStore()
        let result = QuizResult(date: today, answers: ["leak-cough": true])
        let answer = Answer(runner(store).perform(.saveQuiz(result)), on: store)
        guard case .quizResult(let saved)? = answer.saved else { return XCTFail("\(String(describing: answer.saved))") }
        XCTAssertNotNil(saved.id)
        XCTAssertEqual(answer.snapshot?.quizResults.last, saved)
    }

    func testSaveVisit() throws {
        let store = try demoStore()
        let plan = try XCTUnwrap(try store.carePlan())
        let visit4 = try plan.visits[3].booking(at: LocalDateTime(date: today.adding(days: 20), time: TimeOfDay(hour: 10, minute: 0)!),
                                                now: noon.now)
        let answer = Answer(runner(store).perform(.saveVisit(visit4)), on: store)
        XCTAssertEqual(answer.saved, .visit(visit4))
        XCTAssertEqual(answer.snapshot?.plan?.visits[3], visit4)
        let visit3 = plan.visits[2]
        var clash = visit4
        clash.start = LocalDateTime(date: visit3.start!.date, time: TimeOfDay(hour: 10, minute: 30)!)
        let error = try assertFails(.saveVisit(clash), on: store)
        XCTAssertTrue(error?.description.contains("would overlap visit 3") ?? false, "\(String(describing: error))")
    }

    func testSetUpAndTheDemoFillAnEmptyStoreOnly() throws {
        let store = try SQLiteStore.inMemory()
        let patient = Patient(name: "Ana", stage: .pregnant(dueDate: today.adding(days: 100)), conditions: [.lowBack])
        let answer = Answer(runner(store).perform(.setUp(patient, firstVisit: nil)), on: store)
        XCTAssertEqual(answer.saved, .patient(patient))
        XCTAssertEqual(answer.snapshot?.patient, patient)
        XCTAssertEqual(answer.snapshot?.plan?.size, Visit.planSize)
        _ = try assertFails(.setUp(patient, firstVisit: nil), on: store)
        _ = try assertFails(.loadDemo, on: store)

        let empty = try SQLiteStore.inMemory()
        let demo = Answer(runner(empty).perform(.loadDemo), on: empty)
        XCTAssertEqual(demo.saved, .patient(DemoPatient(content: content, today: today).patient))
        XCTAssertFalse(demo.snapshot?.painEntries.isEmpty ?? true)
    }

    func testStartingHerOwnPortalRemovesTheDemoOnlyNeverHerOwnRecord() throws {
        let demo = try demoStore()
        let answer = Answer(runner(demo).perform(.startOwnPortal), on: demo)
        XCTAssertEqual(answer.saved, .nothing)
        XCTAssertTrue(try demo.isEmpty())
        XCTAssertNil(answer.snapshot?.patient)
        XCTAssertTrue(answer.snapshot?.painEntries.isEmpty ?? false)

        let own = try SQLiteStore.inMemory()
        let ana = Patient(name: "Ana", stage: .pregnant(dueDate: today.adding(days: 100)), conditions: [.lowBack])
        _ = runner(own).perform(.setUp(ana, firstVisit: nil))
        let error = try assertFails(.startOwnPortal, on: own)
        XCTAssertEqual(error?.description, "This portal holds your own record, not the demo, so nothing was removed.")
        XCTAssertEqual(try own.patient(), ana)
        _ = try assertFails(.startOwnPortal, on: try SQLiteStore.inMemory())
    }

    func testTheBellAndQuittingAreNotTheStoresBusiness() throws {
        let store = try demoStore()
        XCTAssertEqual(runner(store).perform(.bell).count, 0)
        XCTAssertEqual(runner(store).perform(.quit).count, 0)
    }

    func testAnyBackendsFailureReachesThePatientAsWords() throws {
        let store = FullDiskStore(try demoStore())
        let error = try assertFails(.savePain(PainEntry(date: today, time: TimeOfDay(hour: 9, minute: 0)!, score: 2)), on: store)
        XCTAssertTrue(error?.description.contains("nothing was saved") ?? false, "\(String(describing: error))")
        for effect: Effect in [.markArticleRead("x"), .saveQuiz(QuizResult(date: today, answers: [:])), .loadDemo,
                               .deletePain(id: 1), .markDone(exerciseID: "clamshell", date: today)] {
            _ = try assertFails(effect, on: store)
        }
    }
}
