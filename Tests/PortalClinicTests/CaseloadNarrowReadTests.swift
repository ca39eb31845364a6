import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The caseload's narrow read (issue 26: all her patients in a few set-based queries, `CaseloadRead`) makes the
/// rows her patients' whole snapshots make, by the one rule, on a varied caseload and on days that put each part's
/// bounds to the test.
final class CaseloadNarrowReadTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testTheNarrowReadMakesTheRowsOfTheWholeReadOnAVariedCaseload() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let today = day("2026-11-27")
        let rules = EntryRules(now: at("2026-11-27T12:00"), content: sharedContent)
        // Active today; quiet since 15 November; no record yet.
        let active = try c.newPatient(therapist: therapist), quiet = try c.newPatient(therapist: therapist)
        _ = try c.newPatient(therapist: therapist)
        try DemoPatient(content: sharedContent, today: today).load(into: try c.admin().record(of: active))
        try DemoPatient(content: sharedContent, today: day("2026-11-15")).load(into: try c.admin().record(of: quiet))

        // Her diaries and questionnaires, a sign on its own, high pain, questions, a report sent, a request.
        let diaries = try c.newPatient(therapist: therapist)
        try DemoPatient(content: sharedContent, today: day("2026-11-10")).load(into: try c.admin().record(of: diaries))
        let her = try PostgresStore.open(c.conninfo(diaries))
        try her.add(BladderEvent.leak(day("2026-11-26"), time("08:00")), rules: rules)
        try her.add(BladderEvent.leak(day("2026-10-20"), time("08:00")), rules: rules)
        try her.add(BowelEntry(date: day("2026-11-02"), time: time("07:00"), type: .six, urgency: true, leaks: [.liquid]), rules: rules)
        try her.add(MeasureResponse(measureID: "psfs", date: day("2026-11-02"),
                                    activities: [RatedActivity("Lifting", 3), RatedActivity("Walking", 4), RatedActivity("Sitting", 4)]), rules: rules)
        try her.add(MeasureResponse(measureID: "psfs", date: day("2026-11-26"),
                                    activities: [RatedActivity("Lifting", 6), RatedActivity("Walking", 7), RatedActivity("Sitting", 6)]), rules: rules)
        try her.add(SignReport(date: day("2026-09-20"), time: time("07:30"), signs: ["severe-headache"]), rules: rules)
        try her.add(SignReport(date: day("2026-11-25"), time: time("07:30"), signs: ["fever"]), rules: rules)
        try her.addPainEntry(PainEntry(date: day("2026-09-01"), time: time("08:00"), score: 3, warningSigns: ["leg-swelling"]), now: at("2026-11-27T12:00"))
        try her.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("21:00"), score: 9, sites: [SiteSide(.buttock, .left)],
                                       triggers: [.stairs], note: "bad night"), now: at("2026-11-27T12:00"))
        try her.saveQuizResult(QuizResult(date: day("2026-11-22"), answers: ["leak-cough": true]))
        // Burning when peeing in a check-in this week, one without it since: the week's check-ins are read.
        try her.saveQuizResult(QuizResult(date: day("2026-11-24"), answers: ["burning": true]))
        try her.saveQuizResult(QuizResult(date: day("2026-11-26"), answers: ["burning": false]))
        try her.ask("a question waiting", at: at("2026-11-25T20:00"))
        try her.send(SharedReport(date: day("2026-11-25"), time: time("18:00"), format: .reportText, sections: [.pain], body: "sent"))
        try her.askForProgram("after the birth: new program asked")

        // Her warning signs reviewed up to 20 September: the later ones are not; her whole seeded record.
        let seeded = try c.newPatient(therapist: therapist)
        try ClinicWorld.seed(try PostgresStore.open(c.conninfo(seeded)), c)

        // Her stage now holds back a week's exercise, and her therapist has a draft week for her.
        let held = try c.newPatient(therapist: therapist)
        let admin = try c.admin().record(of: held)
        try DemoPatient(content: sharedContent, today: today).load(into: admin)
        try admin.addProgramWeek(ProgramWeek(number: 5, starts: day("2026-12-01"), note: "", prescriptions: [rx("side-plank-knees"), rx("sit-to-stand")],
                                             origin: .generated), library: sharedContent.exercises, today: day("2026-12-01").adding(days: -1))
        var patient = try XCTUnwrap(try admin.patient())
        patient.stage = .postpartum(birthDate: day("2026-11-25"), delivery: .cesarean)
        try admin.savePatient(patient)
        let chart = try PostgresStore.open(c.conninfo(therapist), patient: held)
        try chart.saveDraftWeek(ProgramWeek(number: 6, starts: day("2026-12-08"), note: "", prescriptions: [rx("sit-to-stand")], origin: .therapist),
                                library: sharedContent.exercises, today: day("2026-12-07"))
        // Her therapist reviewed the headache of 20 September, the first sign she wrote; the fever and the leg
        // swelling written after it are not reviewed.
        let diariesChart = try PostgresStore.open(c.conninfo(therapist), patient: diaries)
        let headache = try XCTUnwrap(try diariesChart.snapshot(clock: PortalClock(today: today, time: time("12:00")), rules: sharedContent.exercises.rules)
            .record.reportedSigns().first { $0.sign == "severe-headache" }?.entered)
        try diariesChart.reviewSigns(SignReview(reviewedAt: at("2026-11-01T09:00"), through: at("2026-09-20T08:00"), enteredThrough: headache,
                                                reviewer: therapist))

        let connection = try PGConnection(c.conninfo(therapist))
        // Today; the week after (the week under way changes, the draft and the held week come due); a month on
        // (everyone quiet, each one's latest day of each part far back); a year on (past the screens' 120 days).
        for (now, why) in [("2026-11-27T12:00", "today"), ("2026-12-02T08:00", "a week on"), ("2026-12-28T18:00", "a month on"),
                           ("2027-11-27T12:00", "a year on")] {
            let clock = PortalClock(today: at(now).date, time: at(now).time)
            let (narrow, readWhole) = try PostgresStore.caseloadRead(connection, clock: clock, guide: sharedContent.safety,
                                                                     rules: sharedContent.exercises.rules, measures: sharedContent.measures)
            // The held patient's weeks were planned for her pregnancy: after her C-section what they add or make
            // harder waits (QA G2), so on some days nothing of the week under way is expected and adherence is
            // judged on an older week than the narrow read's sessions: her row alone may then be read whole
            // (`CaseloadRead.needsWholeRead`), by design. Every other row comes from the narrow read, every day.
            XCTAssertTrue(readWhole.allSatisfy { $0 == held }, "\(why): every other row from the narrow read: \(readWhole)")
            let whole = try PostgresStore.caseloadReadWhole(connection, clock: clock, guide: sharedContent.safety, rules: sharedContent.exercises.rules,
                                                            measures: sharedContent.measures)
            XCTAssertEqual(narrow.count, 6, why)
            for (a, b) in zip(narrow, whole) { XCTAssertEqual(a, b, "\(why): \(b.login)") }
            XCTAssertEqual(narrow, whole, why)
        }
        // The world is varied: the rows today say most of what a row can say.
        let rows = try PostgresStore.caseload(connection, clock: PortalClock(today: today, time: time("12:00")), guide: sharedContent.safety,
                                              rules: sharedContent.exercises.rules, measures: sharedContent.measures)
        let ranks = Set(rows.flatMap(\.reasons).map(\.rank))
        for reason in [0, 1, 3, 6, 7, 8, 9, 10, 12] { XCTAssertTrue(ranks.contains(reason), "no reason of rank \(reason) in \(rows.map(\.reasons))") }
        XCTAssertTrue(rows.flatMap(\.reasons).contains(.checkInSigns(["Burning or pain when you pee, or not being able to pee"], lastOn: day("2026-11-24"))),
                      "\(rows.map(\.reasons))")
    }

    /// The caseload's window (`RecordWindow.caseload`) decides about every part of the record, and its fetch
    /// brings all the window reads: on a record with rows in every part her therapist may read (the seeded world,
    /// which names every part), the snapshot read from the fetched rows is the one read from the store itself
    /// through the same window, part by part, and the fetch takes the tables of exactly the parts the window
    /// reads. A part added to the record map fails here until the caseload's window and fetch decide about it.
    func testTheCaseloadWindowDecidesEveryPartAndItsFetchBringsAllItReads() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let seeded = try c.newPatient(therapist: therapist)
        try ClinicWorld.seed(try PostgresStore.open(c.conninfo(seeded)), c)
        let connection = try PGConnection(c.conninfo(therapist))
        let chart = try PostgresStore(connection: connection, patient: seeded)
        let whole = try chart.record(.whole)
        // The seeded day, and a month on (her latest day of each part is then read from before the window's weeks).
        for now in ["2026-11-27T12:00", "2026-12-28T18:00"] {
            let clock = PortalClock(today: at(now).date, time: at(now).time)
            let window = RecordWindow.caseload(today: clock.today)
            let fromStore = try chart.reading { db in try PortalSnapshot.read(db, clock: clock, window: window) }
            let (fetch, id) = try connection.transaction(.repeatableRead, readOnly: true) { db in
                let id = try db.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [seeded]).rows[0].int64("patient_id")
                return (try CaseloadFetch(db, ids: [id], today: clock.today), id)
            }
            let fromFetch = try PortalSnapshot.read(fetch.rows(of: id), clock: clock, window: window)
            for part in RecordPart.allCases {
                let mayRead = part.tables.allSatisfy { t in t.access.contains { $0.role == .therapist && $0.commands.contains(.select) } }
                if mayRead { XCTAssertGreaterThan(whole.count(part), 0, "the seeded world has no \(part): give it some, so the caseload is held to it") }
                XCTAssertEqual(part.tables.filter { fetch.fetched.contains($0.name) }.map(\.name), window.reads(part) ? part.tables.map(\.name) : [],
                               "\(part): the fetch takes its tables exactly when the caseload's window reads it")
                if window.reads(part), mayRead, now.hasPrefix("2026-11-27") {
                    XCTAssertGreaterThan(fromStore.record.count(part), 0, "\(part): the window reads some of it on the seeded day")
                } else if !window.reads(part) {
                    XCTAssertEqual(fromStore.record.count(part), 0, "\(part): the window reads none of it")
                }
                var a = fromFetch.record, b = fromStore.record
                for other in RecordPart.allCases where other != part { a.clear(other); b.clear(other) }
                XCTAssertEqual(a, b, "\(now) \(part): the fetched rows read as the store's")
            }
            XCTAssertEqual(fromFetch.firstWeekPain, fromStore.firstWeekPain, now)
            XCTAssertEqual(fromFetch.draftWeeks, fromStore.draftWeeks, now)
        }
    }

    /// The narrow read makes a patient's snapshot from fetched rows through the map: bounded, yet each fact the
    /// rule uses is there (her latest day of each part, her first pain entry ever, the week adherence is judged on).
    func testTheNarrowReadNeedsTheWholeReadOnlyWhenAdherenceIsJudgedBeforeItsSessions() throws {
        let program = Program(weeks: [
            ProgramWeek(number: 1, starts: day("2026-11-02"), note: "", prescriptions: [rx("clamshell")]),
            ProgramWeek(number: 2, starts: day("2026-11-09"), note: "", prescriptions: [rx("clamshell")]),
            ProgramWeek(number: 3, starts: day("2026-11-16"), note: "", prescriptions: []),
            ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("clamshell")]),
        ])
        XCTAssertEqual(CaseloadRead.sessionsFrom(program: program, today: day("2026-11-27")), day("2026-11-14"))
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.program = program
        // Four days into week 4: judged on it.
        XCTAssertFalse(CaseloadRead.needsWholeRead(PortalSnapshot(clock: PortalClock(today: day("2026-11-26"), time: time("12:00")), record: record)))
        // Two days into week 4, week 3 prescribes nothing: week 2 would be judged, from sessions not fetched.
        XCTAssertTrue(CaseloadRead.needsWholeRead(PortalSnapshot(clock: PortalClock(today: day("2026-11-24"), time: time("12:00")), record: record)))
    }
}
