@testable import PortalCore
import StoreTestSupport
import XCTest

/// The figures a snapshot keeps (trend, log, adherence, streak) are worked out once, and never outlive the
/// data: a change to the snapshot in place, or to a copy, gives figures of the data as it now is.
final class SnapshotFiguresTests: XCTestCase {
    let today = day("2026-11-27")
    // From 21 Nov: today (27 Nov) is its seventh day, so the week is under way (after it the program runs out, QA J6).
    let week = ProgramWeek(number: 1, starts: day("2026-11-21"), note: "", prescriptions: [rx("clamshell", sets: 2, days: 7, times: 1)])

    func snapshot() -> PortalSnapshot {
        var record = PatientRecord.empty
        record.program = Program(weeks: [week])
        record.sessions = [ExerciseSession(date: day("2026-11-26"), exerciseID: "clamshell", week: 1, setsDone: 2)]
        record.painEntries = [PainEntry(date: day("2026-11-26"), time: time("08:00"), score: 6)]
        return PortalSnapshot(clock: PortalClock(today: today, time: time("12:00")), record: record)
    }

    func testFiguresMatchTheDomainAndFollowChangesInPlace() {
        var snap = snapshot()
        XCTAssertEqual(snap.streak, ExerciseLog(program: snap.program, sessions: snap.sessions).streak(today: today))
        XCTAssertEqual(snap.streak.activeDays, 1)
        XCTAssertEqual(snap.adherenceByWeek.first?.done, 1)
        XCTAssertEqual(snap.trend.sevenDayAverage(endingOn: today), 6)

        // As the runtime does after a save: the snapshot changes in place, and its figures with it.
        snap.sessions.append(ExerciseSession(date: today, exerciseID: "clamshell", week: 1, setsDone: 2))
        snap.painEntries.append(PainEntry(date: today, time: time("09:00"), score: 2))
        XCTAssertEqual(snap.streak.activeDays, 2)
        XCTAssertEqual(snap.adherenceByWeek.first?.done, 2)
        XCTAssertEqual(snap.trend.sevenDayAverage(endingOn: today), 4)
        XCTAssertTrue(snap.log.isDone(week.prescriptions[0], on: today))

        // A new day moves the figures too.
        snap.clock = PortalClock(today: today.adding(days: 2), time: time("08:00"))
        XCTAssertEqual(snap.streak.activeDays, 0)
    }

    func testAChangedCopyNeverSharesTheOriginalsFigures() {
        let original = snapshot()
        XCTAssertEqual(original.streak.activeDays, 1)  // worked out, and kept with the original
        var copy = original
        copy.sessions = []
        XCTAssertEqual(copy.streak.activeDays, 0)
        XCTAssertEqual(copy.adherenceByWeek.first?.done, 0)
        XCTAssertEqual(original.streak.activeDays, 1)
        XCTAssertEqual(original.adherenceByWeek.first?.done, 1)
    }

    /// The Exercises screen and the timer ask on every frame whether a sign today means stopping exercise: the
    /// answer is worked out once per snapshot (the guide read once), and a change to the snapshot asks afresh.
    func testTheExerciseStopIsWorkedOutOncePerSnapshot() {
        var snap = snapshot()
        snap.signReports = [SignReport(date: today, time: time("07:00"), signs: ["chest-pain"])]
        var reads = 0
        func guide() -> SafetyGuide { reads += 1; return sharedContent.safety }
        let first = snap.exerciseStop(guide: guide())
        XCTAssertNotNil(first)
        for _ in 0..<5 { XCTAssertEqual(snap.exerciseStop(guide: guide()), first) }
        XCTAssertEqual(reads, 1, "the guide is read, and the stop worked out, once")
        snap.signReports = []
        XCTAssertNil(snap.exerciseStop(guide: guide()), "a changed snapshot asks afresh")
        snap.signReports = [SignReport(date: today, time: time("07:00"), signs: ["chest-pain"])]
        XCTAssertEqual(snap.exerciseStop(guide: guide()), first)
        XCTAssertEqual(reads, 2)
    }
}
