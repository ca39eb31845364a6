import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import PortalRuntime
import PortalUI
import StoreTestSupport
import XCTest

/// The therapist's full-screen portal (issue 23) on a private cluster, as the real roles log in: `portal` with
/// a therapist's login opens her caseload (`ClinicDesk`), which lists her patients only, because the database
/// lets her read no one else's; her patient's chart opens from it, offers none of the patient's own forms, and
/// its report says the therapist made it. t1 treats A (a warning sign 4 days ago) and a patient with no record
/// yet; t2 treats B.
final class TherapistPortalTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))

    func testOnlyATherapistsLoginOpensACaseload() throws {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        XCTAssertEqual(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent)?.login, world.t1)
        XCTAssertNil(try ClinicDesk.open(c.conninfo(world.a.patientRole), limits: .command, content: sharedContent),
                     "a patient's login opens her own record, as before")
        XCTAssertNil(try ClinicDesk.open(c.conninfo("postgres"), limits: .command, content: sharedContent),
                     "an administrator's login (no row-level security) is no therapist: the portal refuses it as before")
    }

    func testHerCaseloadListsHerPatientsOnlyAndHerChartIsARecordToRead() throws {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        let newcomer = try c.newPatient(therapist: world.t1)
        let desk = try XCTUnwrap(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })

        let rows = runtime.app.context.caseload
        XCTAssertEqual(rows.map(\.login), [world.a.patientRole, newcomer], "hers, the one who needs her first; never t2's patient")
        XCTAssertTrue(rows[0].reasons.contains { $0.isUrgent }, "A's warning sign puts her first")
        let screen = runtime.view(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.lines.contains { $0.contains("2 patients · 1 needs you first") }, screen.lines.joined(separator: "\n"))
        XCTAssertFalse(screen.lines.contains { $0.contains(world.b.patientRole) })

        // A chart not hers is not opened, even when asked for by name: the database has no such patient for her.
        guard case .failed(_, let refused) = runtime.runner.perform(.openChart(login: world.b.patientRole)).last else {
            return XCTFail("t1 opened B's chart")
        }
        XCTAssertEqual(refused.description, "There is no patient “\(world.b.patientRole)” in your caseload.")

        runtime.key(.enter)
        XCTAssertEqual(runtime.app.top.kind, .home)
        XCTAssertEqual(runtime.app.context.chart?.login, world.a.patientRole)
        XCTAssertNotNil(runtime.app.context.patient)
        let home = runtime.view(size: Size(width: 200, height: 50)).lines
        XCTAssertFalse(home.contains { $0.contains("Log pain") || $0.contains("Share with your therapist") }, home.joined(separator: "\n"))

        runtime.key(.character("s"))
        guard case .report(let report) = runtime.app.top else { return XCTFail("no report: \(runtime.app.flash?.text ?? "")") }
        XCTAssertTrue(report.text.contains("by her therapist (\(world.t1)) from the clinic's record"), report.text)

        // What the screens do not offer, the database refuses too: her pain diary is hers to write.
        let asTherapist = try world.store(world.t1, for: world.a)
        XCTAssertFalse(Viewer.therapist(login: world.t1).may(.painDiary))
        XCTAssertThrowsError(try asTherapist.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 2),
                                                          now: at("2026-11-27T12:00")))

        runtime.key(.escape)
        runtime.key(.escape)
        XCTAssertEqual(runtime.app.top.kind, .caseload)
        XCTAssertEqual(runtime.app.context.caseload.map(\.login), [world.a.patientRole, newcomer])
        XCTAssertNil(runtime.runner.store)
    }
}
