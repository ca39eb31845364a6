import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The libpq wrapper: values only as parameters, a rollback on any error, a lost server in plain words.
/// Each test has its own cluster, since one of them stops it.
final class PGConnectionTests: XCTestCase {
    func cluster() throws -> PrivateCluster {
        let c = try PrivateCluster.start()
        addTeardownBlock { c.stop() }
        return c
    }

    func testValuesTravelAsParametersAndAFailedTransactionLeavesNothing() throws {
        let c = try cluster()
        let store = try PostgresStore.open(c.conninfo(try c.newPatient()))
        try ClinicWorld.seed(store, c)
        let sly = "x'); DELETE FROM pain_entry; --"
        let saved = try store.addPainEntry(PainEntry(date: day("2026-11-21"), time: time("09:00"), score: 2, note: sly), now: at("2026-11-27T12:00"))
        XCTAssertEqual(try store.painEntries().map(\.note), ["private note", sly], "stored as text, nothing run")

        let db = try PGConnection(c.conninfo(store.patientRole))
        let delete = ClinicWorld.deleting("pain_entry", ["id": "\(saved.id!)"])
        XCTAssertThrowsError(try db.transaction { db in
            try db.query(delete, [store.patientID])
            throw PortalError.rule("changed my mind")
        }) { XCTAssertEqual($0 as? PortalError, .rule("changed my mind")) }
        XCTAssertThrowsError(try db.transaction { db in
            try db.query(delete, [store.patientID])
            try db.query("INSERT INTO pain_entry (patient_id, date, time, score) VALUES ($1, '2026-11-21', '09:00', 11)", [store.patientID])
        }) { XCTAssertEqual("\($0)", "The pain score is a whole number from 0 to 10, so nothing was saved.") }
        XCTAssertEqual(try store.painEntries().count, 2, "both transactions were rolled back")
    }

    /// Every session the portal opens reads dates as ISO and compiles no plan with LLVM (issue 26: in a large clinic the
    /// caseload's probes passed `jit_above_cost` and PostgreSQL spent longer compiling them than running them).
    func testEverySessionTakesTheSettingsItNeeds() throws {
        let c = try cluster()
        let db = try PGConnection(c.conninfo(try c.newPatient()))
        let r = try XCTUnwrap(try db.query("SELECT current_setting('jit') AS jit, current_setting('datestyle') AS style").rows.first)
        XCTAssertEqual(try r.text("jit"), "off")
        let style = try r.text("style")
        XCTAssertTrue(style.hasPrefix("ISO"), style)
    }

    func testALostServerSaysItIsNotAnswering() throws {
        let c = try cluster()
        let store = try PostgresStore.open(c.conninfo(try c.newPatient()), limits: .init(waitSeconds: 1))
        XCTAssertTrue(try store.isEmpty())
        c.stop()
        for call in [{ _ = try store.isEmpty() }, { try store.setReadingList(["a"]) }] {
            XCTAssertThrowsError(try call()) {
                XCTAssertEqual("\($0)", "The clinic server did not answer within 1 second, so nothing was changed. Please try again in a moment.")
            }
        }
        XCTAssertThrowsError(try PostgresStore.open(c.conninfo("pt_1"), limits: .init(waitSeconds: 1))) {
            XCTAssertEqual("\($0)", "The clinic server did not answer within 1 second, so nothing was changed. Please try again in a moment.")
        }
    }
}
