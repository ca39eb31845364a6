import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// Home's own read (`RecordStore.homeSnapshot`, `RecordWindow.home`): the first paint reads only what Home
/// shows, and Home drawn from it is Home drawn from the whole snapshot, cell for cell, at every size, on the
/// demo and on ten years of dense history, whatever the streak's length and the latest entries' dates. (Written
/// first, this test found that Home lists the latest entries of the screens' 120 days only, not the latest 14 ever.)
final class HomeReadTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 130, height: 40), Size(width: 200, height: 50)]

    /// Home from `store`'s Home read and from its whole snapshot on `clock`, at every size.
    func assertSameHome(_ store: any RecordStore, _ clock: PortalClock, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let lean = try store.homeSnapshot(clock: clock)
        let whole = try store.snapshot(clock: clock)
        XCTAssertTrue(lean.isHomeOnly, file: file, line: line)
        XCTAssertFalse(whole.isHomeOnly, file: file, line: line)
        for size in Self.sizes {
            let a = PortalApp(snapshot: lean, content: content).view(size: size)
            let b = PortalApp(snapshot: whole, content: content).view(size: size)
            XCTAssertEqual(a, b, "\(what): Home at \(size.width)×\(size.height) differs between the two reads", file: file, line: line)
        }
        // What Home's figures come from, one by one (a difference the screen happens to hide still fails here).
        XCTAssertEqual(lean.streak, whole.streak, "\(what): streak", file: file, line: line)
        XCTAssertEqual(lean.painEntries.suffix(PortalSnapshot.homeLatestEntries), whole.painEntries.suffix(PortalSnapshot.homeLatestEntries),
                       "\(what): the latest entries", file: file, line: line)
        XCTAssertEqual(lean.trend.dailyMeans(endingOn: clock.today, count: 34), whole.trend.dailyMeans(endingOn: clock.today, count: 34),
                       "\(what): the chart's days", file: file, line: line)
        // Home shows no change since her first week (Progress does): its read takes none of it.
        XCTAssertEqual(lean.firstWeekPain, [], "\(what): Home's read takes no first week", file: file, line: line)
        // `portal today --brief` reads Home's read too: what is due today is the same.
        XCTAssertEqual(DueToday.items(lean, measures: content.measureTimings, safety: content.safety).map(\.text), DueToday.items(whole, measures: content.measureTimings, safety: content.safety).map(\.text), "\(what): due today", file: file, line: line)
        XCTAssertEqual(MeasureSchedule.due(measures: content.measureTimings, record: lean.record, today: clock.today),
                       MeasureSchedule.due(measures: content.measureTimings, record: whole.record, today: clock.today), "\(what): questionnaires due", file: file, line: line)
    }

    func testHomeFromItsOwnReadIsHomeFromTheWholeSnapshotOnTheDemo() throws {
        try assertSameHome(try demoStore(), noon, "demo")
    }

    /// Ten years of pain twice a day, exercises every day of the program (a streak of months: the read reaches
    /// back as far as the streak does), a bladder diary and a bowel log every day.
    func testHomeFromItsOwnReadIsHomeFromTheWholeSnapshotOnTenYears() throws {
        let (store, clock) = try history(years: 10, painEvery: 1, sessionGap: nil)
        try assertSameHome(store, clock, "10 years, dense")
        let lean = try store.homeSnapshot(clock: clock), whole = try store.snapshot(clock: clock)
        XCTAssertLessThan(lean.painEntries.count, whole.painEntries.count / 3, "Home's read takes its own days, not the screens' 120")
        // Home shows no bowel log: it reads the days whose high pain it says (QA I13), today's and yesterday's.
        XCTAssertEqual(lean.record.bowelEntries, whole.record.bowelEntries.filter { $0.date >= clock.today.adding(days: -1) })
        XCTAssertFalse(lean.record.bowelEntries.isEmpty)
        XCTAssertLessThan(lean.record.bowelEntries.count, whole.record.bowelEntries.count)
        XCTAssertGreaterThan(lean.streak.activeDays, PortalSnapshot.homeDays, "the streak reaches past Home's days: the read followed it")
        // By the days alone (issue 26): Home's sessions stay in its own days (and the week under way) however long
        // the streak, so the read does not grow with it; the streak's earlier days come by date.
        let start = min(clock.today.adding(days: -PortalSnapshot.homeDays), lean.currentWeek?.starts ?? clock.today)
        XCTAssertGreaterThanOrEqual(lean.sessions.first?.date ?? clock.today, start, "Home's read takes the sessions of its own days, not the streak's")
        XCTAssertLessThan(lean.sessions.count, whole.sessions.count)
        XCTAssertFalse(lean.earlierExerciseDays.isEmpty, "the streak's earlier days, by date")
        XCTAssertTrue(whole.earlierExerciseDays.isEmpty, "the whole snapshot's sessions reach back to the program's start")
        // Bounded by date (issue 26, round 2): the bladder diary's days Home counts, not its 35 days; the
        // prescriptions of the week under way and the one before it (a streak of exercise every day needs no
        // older week's); no first week of pain.
        XCTAssertEqual(lean.record.bladderEvents, whole.record.bladderEvents.filter { $0.date >= PortalSnapshot.homeBladderFrom(clock.today) })
        XCTAssertFalse(lean.record.bladderEvents.isEmpty)
        XCTAssertGreaterThan(whole.program.weeks.filter { !$0.prescriptions.isEmpty }.count, 2)
        XCTAssertEqual(lean.program.weeks.filter { !$0.prescriptions.isEmpty }.count, 2, "the prescriptions of this week and the one before")
        XCTAssertEqual(lean.program.weeks.map(\.number), whole.program.weeks.map(\.number), "every week, for the streak's walk")
        XCTAssertFalse(whole.firstWeekPain.isEmpty)
    }

    /// Her questionnaires, one filled in every few weeks for ten years: Home's read takes those the schedule can
    /// count for a visit whose window holds today, and what is due is the same as from all of them.
    func testHomeReadsTheQuestionnairesTheScheduleCounts() throws {
        let (store, clock) = try history(years: 2, painEvery: 1, sessionGap: nil, questionnaireEvery: 10)
        try assertSameHome(store, clock, "2 years of questionnaires")
        let lean = try store.homeSnapshot(clock: clock), whole = try store.snapshot(clock: clock)
        XCTAssertEqual(lean.record.measureResponses, whole.record.measureResponses.filter { $0.date >= PortalSnapshot.homeMeasuresFrom(clock.today) })
        XCTAssertLessThan(lean.record.measureResponses.count, whole.record.measureResponses.count)
    }

    /// A rest day inside the streak in the program's first week (her prescriptions ask for 5 days a week, so two
    /// are rest days): the walk needs that week's prescriptions, which Home's read leaves out at first, so the
    /// read takes the whole program then, and the streak is the whole read's.
    func testAStreakThroughARestDayOfAnOlderWeekReadsThatWeeksPrescriptions() throws {
        let (store, clock) = try history(years: 1, painEvery: 1, sessionGap: nil, daysPerWeek: 5, restInFirstWeek: true)
        let whole = try store.snapshot(clock: clock)
        XCTAssertGreaterThan(whole.program.weeks.count, 2, "week 1 is older than the two whose prescriptions Home's read takes first")
        try assertSameHome(store, clock, "a rest day in week 1")
        let lean = try store.homeSnapshot(clock: clock)
        XCTAssertEqual(lean.streak.restDays, 1, "the rest day is inside the streak")
        XCTAssertEqual(lean.program, whole.program, "the whole program, for the streak's walk")
    }

    /// Pain every 11 days (the latest entries go back months, to the edge of the screens' 120 days) and a week off exercises three weeks ago (the
    /// streak ends inside Home's days).
    func testHomeFromItsOwnReadIsHomeFromTheWholeSnapshotOnSparseHistory() throws {
        let (store, clock) = try history(years: 2, painEvery: 11, sessionGap: 17...23)
        try assertSameHome(store, clock, "2 years, sparse")
        let lean = try store.homeSnapshot(clock: clock)
        XCTAssertEqual(lean.painEntries, try store.snapshot(clock: clock).painEntries, "the latest 14 entries of the 120 days: all 11, months of them")
        XCTAssertLessThan(lean.painEntries.first!.date, clock.today.adding(days: -PortalSnapshot.homeDays))
        XCTAssertLessThan(lean.sessions.count, try store.snapshot(clock: clock).sessions.count, "the streak ends inside Home's days")
    }

    /// The terminal's runtime starts from Home's read and reads the whole snapshot at the first key, before the
    /// key opens anything: Progress is drawn from all of it.
    func testTheFirstKeyReadsTheWholeSnapshotBeforeAnotherScreenIsDrawn() throws {
        let (store, clock) = try history(years: 1, painEvery: 1, sessionGap: nil)
        let runtime = try Runtime(store: store, content: content, homeFirst: true, clock: { clock })
        XCTAssertTrue(runtime.app.context.snapshot.isHomeOnly, "the first paint's read is Home's")
        let whole = try store.snapshot(clock: clock)
        XCTAssertNotEqual(runtime.app.context.snapshot.painEntries, whole.painEntries)
        runtime.key(.character("p"))
        XCTAssertFalse(runtime.app.context.snapshot.isHomeOnly)
        XCTAssertEqual(runtime.app.context.snapshot.record, whole.record, "Progress is drawn from the whole snapshot")
        XCTAssertEqual(runtime.view(size: Size(width: 80, height: 24)),
                       try Runtime(store: store, content: content, clock: { clock }).then { $0.key(.character("p")) }.view(size: Size(width: 80, height: 24)))
        let plain = try Runtime(store: store, content: content, clock: { clock })
        XCTAssertFalse(plain.app.context.snapshot.isHomeOnly, "without homeFirst the runtime reads the whole snapshot")
    }

    /// The demo's record (as of `today`) with `years` of history before it and 60 more days after it, read on
    /// the last of them: pain every `painEvery` days, every prescription of the week each day but the days
    /// `sessionGap` before the last, and from the program's start only (older days have no week to log against).
    /// `daysPerWeek`: every prescription's days a week; `restInFirstWeek`: no session on the third day of week 1.
    func history(years: Int, painEvery: Int, sessionGap: ClosedRange<Int>?, daysPerWeek: Int? = nil,
                 restInFirstWeek: Bool = false, questionnaireEvery: Int? = nil) throws -> (SQLiteStore, PortalClock) {
        var record = try demoStore().record(.whole)
        if let daysPerWeek {
            record.program = Program(weeks: record.program.weeks.map { w in
                var w = w
                w.prescriptions = w.prescriptions.map { var p = $0; p.dose.daysPerWeek = daysPerWeek; return p }
                return w
            }, drafts: record.program.drafts, plannedFor: record.program.plannedFor)
        }
        let rest = restInFirstWeek ? record.program.weeks.first?.starts.adding(days: 2) : nil
        let last = today.adding(days: 60)
        let first = today.adding(days: -365 * years)
        let sites = record.painEntries.first { !$0.sites.isEmpty }?.sites ?? []
        record.painEntries = []
        record.sessions = []
        record.bladderEvents = []
        record.bowelEntries = []
        var day = first, n = 0
        while day <= last {
            if n % painEvery == 0 {
                record.painEntries.append(PainEntry(date: day, time: TimeOfDay(hour: 8, minute: 30)!, score: 2 + n % 5, sites: sites))
                if painEvery == 1 {
                    record.painEntries.append(PainEntry(date: day, time: TimeOfDay(hour: 20, minute: 0)!, score: 1 + n % 7, triggers: [.sittingLong]))
                }
            }
            let back = day.days(until: last)
            if let week = record.program.currentWeek(on: day), !(sessionGap?.contains(back) ?? false), day != rest {
                for p in week.prescriptions {
                    record.sessions.append(ExerciseSession(date: day, exerciseID: p.exerciseID, week: week.number, setsDone: max(1, p.dose.sets)))
                }
            }
            for (h, kind) in [(7, BladderEventKind.pee), (9, .drink), (13, .pee), (19, .pee)] {
                record.bladderEvents.append(BladderEvent(date: day, time: TimeOfDay(hour: h, minute: 0)!, kind: kind,
                                                         volumeML: kind == .drink ? 250 : nil))
            }
            record.bowelEntries.append(BowelEntry(date: day, time: TimeOfDay(hour: 10, minute: 0)!, type: .four))
            if let every = questionnaireEvery, n % every == 0 {
                record.measureResponses.append(MeasureResponse(measureID: "psfs", date: day, activities: [
                    RatedActivity("Lifting my baby", 4 + n % 3), RatedActivity("Walking", 6), RatedActivity("Sleeping", 5)]))
            }
            day = day.adding(days: 1)
            n += 1
        }
        let store = try SQLiteStore.inMemory()
        try store.writing { db in try record.write(into: db) }
        return (store, PortalClock(today: last, time: TimeOfDay(hour: 12, minute: 0)!))
    }
}

private extension Runtime {
    func then(_ body: (Runtime) -> Void) -> Runtime { body(self); return self }
}
