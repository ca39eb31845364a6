import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The therapist's caseload shows who has logged nothing for a week (issue 24: in clinic mode there is no
/// timer, so the therapist sees who has gone quiet), each patient read through her own row-level rules.
final class CaseloadTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testPatientsWhoHaveLoggedNothingForAWeekComeAfterWarningSignsAndSaySince() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let today = day("2026-11-27")
        // Active: the demo as of today. Quiet: the demo as it was on 15 November, nothing since. New: no record.
        let active = try c.newPatient(therapist: therapist), quiet = try c.newPatient(therapist: therapist)
        let new = try c.newPatient(therapist: therapist)
        // Loaded by the administrator: the demo's visits are recorded and its weeks written, which are not the
        // patient's to write in a clinic (issue 21).
        try DemoPatient(content: sharedContent, today: today).load(into: try c.admin().record(of: active))
        try DemoPatient(content: sharedContent, today: day("2026-11-15")).load(into: try c.admin().record(of: quiet))

        let clock = PortalClock(today: today, time: time("12:00"))
        let rows = try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: clock, guide: sharedContent.safety)
        let byRole = Dictionary(uniqueKeysWithValues: rows.map { ($0.login, $0) })
        let quietReason = CaseloadReason.quiet(lastLogged: day("2026-11-15"), everLogged: true)
        XCTAssertEqual(byRole[active]?.lastLogged, today)
        XCTAssertFalse(byRole[active]?.reasons.contains { $0.rank == quietReason.rank } ?? true)
        XCTAssertEqual(byRole[quiet]?.lastLogged, day("2026-11-15"))
        XCTAssertTrue(byRole[quiet]?.reasons.contains(quietReason) ?? false)
        XCTAssertEqual(byRole[new]?.reasons, [], "no record yet: nothing to have stopped")
        XCTAssertEqual(rows.last?.login, new, "a login with no record needs nothing yet")

        let out = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(therapist)], in: self)
        XCTAssertEqual(out.0, 0, out.1)
        let printed = out.1.split(separator: "\n").map(String.init)
        let quietAt = try XCTUnwrap(printed.firstIndex { $0.contains("\(quiet) (Jordan Lee)") }, out.1)
        let quietReasons = printed[(quietAt + 1)...].prefix { $0.hasPrefix("    ") }
        XCTAssertTrue(quietReasons.contains("    nothing logged for 12 days (last on Sun 15 Nov)"), out.1)
        let activeAt = try XCTUnwrap(printed.firstIndex { $0.contains("\(active) (Jordan Lee)") })
        XCTAssertLessThan(quietAt, activeAt, "the quiet patient, with more to look at, is listed before the active one of the same name")
        XCTAssertFalse(printed[(activeAt + 1)...].prefix { $0.hasPrefix("    ") }.contains { $0.contains("nothing logged") }, out.1)
        // A patient not set up yet is named once in brackets, not twice (QA on issue 24: "((not set up yet))").
        XCTAssertTrue(printed.contains { $0.contains("\(new) (not set up yet): no record yet") }, out.1)
        XCTAssertFalse(out.1.contains("(("), out.1)
    }

    /// A patient who keeps only her bladder diary is not quiet, and her questionnaires' change since the first
    /// is on her line (issue 22).
    func testTheDiariesCountAsLoggingAndTheQuestionnairesChangeIsShown() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let today = day("2026-11-27")
        let patient = try c.newPatient(therapist: therapist)
        // Her care team sets her record up (the administrator's session: the visits and weeks are not hers to
        // write); she keeps her diaries and questionnaires herself.
        try DemoPatient(content: sharedContent, today: day("2026-11-15")).load(into: try c.admin().record(of: patient))
        let store = try PostgresStore.open(c.conninfo(patient))
        let rules = EntryRules(now: at("2026-11-27T12:00"), content: sharedContent)
        try store.add(BladderEvent.leak(day("2026-11-26"), time("08:00")), rules: rules)
        try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-02"),
                                      activities: [RatedActivity("Lifting", 3), RatedActivity("Walking", 4), RatedActivity("Sitting", 4)]), rules: rules)
        try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-26"),
                                      activities: [RatedActivity("Lifting", 6), RatedActivity("Walking", 7), RatedActivity("Sitting", 6)]), rules: rules)
        let lines = try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: PortalClock(today: today, time: time("12:00")),
                                               guide: sharedContent.safety, measures: sharedContent.measures)
        XCTAssertEqual(lines.first?.lastLogged, day("2026-11-26"), "the diary and the questionnaire are logging")
        XCTAssertEqual(lines.first?.reasons.contains { if case .quiet = $0 { return true } else { return false } }, false)
        XCTAssertEqual(lines.first?.reasons.contains(.newResults(["bladder diary", "PSFS"])), true, "\(lines.first?.reasons ?? [])")
        XCTAssertEqual(lines.first?.measureChanges, ["PSFS up 2.6 since 2 Nov: better, a change that matters"])
        let out = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(therapist)], in: self)
        XCTAssertTrue(out.1.contains("    questionnaires: PSFS up 2.6 since 2 Nov: better, a change that matters"), out.1)
    }

    /// Issue 18 QA, point 2: a week written while she was pregnant holds a side plank; a C-section recorded since
    /// holds it back 8 weeks. Her therapist's caseload names the week, the exercise, the rule and until when.
    func testTheCaseloadNamesWhatHerStageNowHoldsBack() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let changed = try c.newPatient(therapist: therapist)
        // The administrator's session: the demo's visits and weeks, and week 5, are not hers to write (issue 21, point 1).
        let store = try c.admin().record(of: changed)
        try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
        let week5 = ProgramWeek(number: 5, starts: day("2026-12-01"), note: "", prescriptions: [rx("side-plank-knees"), rx("sit-to-stand")],
                                origin: .generated)
        try store.addProgramWeek(week5, library: sharedContent.exercises, today: week5.starts.adding(days: -1))
        var patient = try XCTUnwrap(try store.patient())
        patient.stage = .postpartum(birthDate: day("2026-11-25"), delivery: .cesarean)
        try store.savePatient(patient)

        let clock = PortalClock(today: day("2026-12-02"), time: time("12:00"))
        let connection = try PGConnection(c.conninfo(therapist))
        let line = try XCTUnwrap(try PostgresStore.caseload(connection, clock: clock, guide: sharedContent.safety,
                                                                        rules: sharedContent.exercises.rules).first)
        // Week 5 was planned for her pregnancy (safety-h): besides the side plank's own rule, what it makes harder
        // than week 4 (sit to stand, at the dose a new prescription takes) waits the C-section's 8 weeks too.
        XCTAssertEqual(line.heldBack, ["week 5: side-plank-knees, not before 8 weeks after a C-section (until Wed 20 Jan)",
                                       "week 5: sit-to-stand, not before 8 weeks after a C-section (until Wed 20 Jan)"])
        XCTAssertEqual(try PostgresStore.caseload(connection, clock: clock, guide: sharedContent.safety).first?.heldBack, [], "without the rules nothing is held")

        let out = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(therapist)], in: self, today: "2026-12-02")
        XCTAssertEqual(out.0, 0, out.1)
        XCTAssertTrue(out.1.contains("    held back by her stage now: week 5: side-plank-knees, not before 8 weeks after a C-section (until Wed 20 Jan)"), out.1)
    }
}
