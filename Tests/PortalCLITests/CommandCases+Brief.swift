import Foundation
import XCTest
@testable import PortalCore

/// `portal today --brief` on both stores, across the day's states, with the clock pinned to the minute.
extension CommandCases {
    func theBriefLineSaysWhatIsStillDueAndNothingWhenNothingIs() throws {
        let portal = try makePortal()
        let evening = ["PORTAL_TODAY": "2026-11-27T20:05"]
        func brief(_ env: [String: String] = evening) throws -> String {
            let r = try portal.run(["today", "--brief"], env: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "")
            XCTAssertLessThanOrEqual(r.stdout.count, 81)
            return r.stdout
        }
        XCTAssertEqual(try brief(), "", "no record yet: nothing at all, so a prompt never breaks")

        try portal.demo()
        // The demo has today's pain logged and 1 of its 4 exercises done; visit 4 is on 3 December.
        XCTAssertEqual(try brief(), "3 of 4 exercises left\n")
        XCTAssertEqual(try portal.run(["today", "--brief", "--db", portal.database], env: evening).stdout, "3 of 4 exercises left\n",
                       "the same through the argument parser")
        XCTAssertEqual(try portal.runAsTherapist(["visits", "book", "4", "2026-11-28", "09:30"]).status, 0)
        XCTAssertEqual(try brief(), "3 of 4 exercises left · visit 4 tomorrow 09:30\n")
        XCTAssertEqual(try brief(["PORTAL_TODAY": "2026-11-27T09:29"]), "3 of 4 exercises left\n", "more than a day before the visit")

        let week = try XCTUnwrap(try portal.store().program().currentWeek(on: CalendarDate("2026-11-27")!))
        for p in week.prescriptions {
            _ = try portal.run(["exercises", "done", p.exerciseID])
        }
        XCTAssertEqual(try brief(), "visit 4 tomorrow 09:30\n")
        XCTAssertEqual(try brief(["PORTAL_TODAY": "2026-11-28T08:50"]), "Log today's pain · 4 of 4 exercises left · visit 4 in 40 min\n",
                       "the next morning: nothing logged yet")
        XCTAssertEqual(try portal.runAsTherapist(["visits", "book", "4", "2026-12-03", "10:15"]).status, 0)
        XCTAssertEqual(try brief(), "", "nothing due: nothing printed, exit 0")
    }
}
