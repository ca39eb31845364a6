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
        try DemoPatient(content: sharedContent, today: today).load(into: try PostgresStore.open(c.conninfo(active)))
        try DemoPatient(content: sharedContent, today: day("2026-11-15")).load(into: try PostgresStore.open(c.conninfo(quiet)))

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
        XCTAssertTrue(printed.contains { $0.contains("\(new) ((not set up yet)): no record yet") }, out.1)
    }
}
