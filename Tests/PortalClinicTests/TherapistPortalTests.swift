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
        XCTAssertTrue(screen.lines.contains { $0.contains("2 patients · 1 urgent") }, screen.lines.joined(separator: "\n"))
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

    /// D10: a warning sign written by another session reaches her open caseload at the next change check (a
    /// second), and her cursor stays on the patient it was on; with nothing written, the caseload is not read again.
    func testANewWarningSignReachesTheOpenCaseloadAndTheCursorStaysOnHerPatient() throws {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        let other = try PostgresStore.open(c.conninfo(try c.newPatient(therapist: world.t1)))
        try ClinicWorld.seed(other, c)
        let desk = CountingDesk(try XCTUnwrap(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent)))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        let logins = runtime.app.context.caseload.map(\.login)
        XCTAssertEqual(logins.count, 2)
        let patient = logins[1] == other.patientRole ? other : world.a
        XCTAssertEqual(logins[1], patient.patientRole)
        runtime.key(.character("j"))
        let selected = { () -> String? in
            guard case .caseload(let screen) = runtime.app.stack[0] else { return nil }
            return runtime.app.context.caseload[screen.selected].login
        }
        XCTAssertEqual(selected(), patient.patientRole)
        let reads = desk.reads
        runtime.tick(1)
        runtime.tick(1)
        XCTAssertEqual(desk.reads, reads, "nothing written: the caseload is not read again")

        try patient.add(SignReport(date: day("2026-11-27"), time: time("11:50"), signs: ["chest-pain"]),
                        rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        runtime.tick(1)
        let row = try XCTUnwrap(runtime.app.context.caseload.first { $0.login == patient.patientRole })
        let words = try XCTUnwrap(sharedContent.safety.sign("chest-pain")?.text)
        XCTAssertTrue(row.reasons.contains { if case .warningSigns(let signs, _) = $0 { return signs.contains(words) } else { return false } },
                      "\(row.reasons)")
        XCTAssertTrue(runtime.view(size: Size(width: 200, height: 50)).lines.contains { $0.contains(words) })
        XCTAssertEqual(selected(), patient.patientRole, "her cursor stays on the same patient")
        XCTAssertEqual(desk.reads, reads + 1)
    }

    /// Her therapist's portal (the first therapist of a new `ClinicWorld`) with Enter pressed on the caseload's
    /// first row: patient A's chart open.
    private func chartOfHerFirstPatient() throws -> (ClinicWorld, Runtime) {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        let desk = try XCTUnwrap(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.context.chart?.login, world.a.patientRole)
        return (world, runtime)
    }

    /// Her open chart asks once a second whether her record changed (`PostgresStore.changeToken`: the record's
    /// count of changes, clinic change 23) and reads it again only then: a change her portal makes reaches the chart
    /// at the next check, and a chart left open with nothing counted is not read again, however long it stays open.
    func testAChangeElsewhereReachesTheOpenChartAndNothingIsReadWithoutOne() throws {
        let (world, runtime) = try chartOfHerFirstPatient()
        runtime.tick(1)  // the first check after opening may read once (the token it knew was the caseload's)
        // A row put in past the history's trigger (its triggers off, as only the server's administrator can): no
        // change is counted, so a chart that reads only on a change never shows it, while one read every
        // `Runtime.reloadSeconds` would.
        try world.sql("postgres").transaction { db in
            try db.query("SET LOCAL session_replication_role = replica")
            try db.query("INSERT INTO pain_entry (patient_id, id, date, time, score, note) VALUES ($1, 900, '2026-11-26', '07:00', 2, 'uncounted')",
                         [world.a.patientID])
        }
        for _ in 0..<(Int(Runtime.reloadSeconds) * 2) { runtime.tick(1) }
        XCTAssertFalse(runtime.app.context.snapshot.painEntries.contains { $0.note == "uncounted" }, "nothing counted: not read again")

        try world.a.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("09:00"), score: 5, note: "from her portal"),
                                 now: at("2026-11-27T12:00"))
        runtime.tick(1)
        let notes = runtime.app.context.snapshot.painEntries.map(\.note)
        XCTAssertTrue(notes.contains("from her portal"), "her change reached the open chart at the next check: \(notes)")
        XCTAssertTrue(notes.contains("uncounted"), "read again, whole: \(notes)")
        // Her own session has no count (no grant on record_change): read every few seconds, as before.
        XCTAssertNil(try world.a.changeToken())
        XCTAssertNotNil(try world.store(world.t1, for: world.a).changeToken())
    }

    /// qa-f F2: a patient moved to another therapist while her chart was open read as an empty record there ("She
    /// reported none" of a sign she had reported). The chart's next read is refused by the store, and the app goes
    /// back to the caseload saying so; the record is not shown as empty, and the caseload no longer lists her.
    func testAPatientMovedAwayClosesHerOpenChartInsteadOfShowingItEmpty() throws {
        let (world, runtime) = try chartOfHerFirstPatient()
        runtime.tick(1)
        XCTAssertFalse(runtime.app.context.snapshot.painEntries.isEmpty)
        let hers = try world.store(world.t1, for: world.a)
        _ = try world.sql("postgres").query("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [world.t2, world.a.patientID])
        runtime.tick(1)
        XCTAssertNil(runtime.app.context.chart, "her chart is closed")
        XCTAssertEqual(runtime.app.stack.count, 1)
        guard case .caseload = runtime.app.stack[0] else { return XCTFail("back on the caseload") }
        XCTAssertEqual(runtime.app.flash?.prefix, "Closed:")
        XCTAssertTrue(runtime.app.flash?.text.contains("is no longer in your caseload") == true, "\(String(describing: runtime.app.flash))")
        runtime.tick(1)
        XCTAssertFalse(runtime.app.context.caseload.contains { $0.login == world.a.patientRole })
        // Her therapist's store refuses the read outright (a command as well as the screen).
        XCTAssertThrowsError(try hers.snapshot(clock: clock)) {
            XCTAssertEqual($0 as? PortalError, .notFound(PostgresStore.notInCaseload(world.a.patientRole)))
        }
    }

    /// A change in place (her name, a pain entry's score edited: no row added or removed) reaches the open
    /// caseload at the next change check too: the token is her record's count of changes (change 23), which
    /// every insert, update and delete moves, not a count of her rows.
    func testAChangeInPlaceReachesTheOpenCaseload() throws {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        let desk = CountingDesk(try XCTUnwrap(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent)))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        let row = { runtime.app.context.caseload.first { $0.login == world.a.patientRole } }
        var entry = try XCTUnwrap(try XCTUnwrap(row()).lastPain)
        XCTAssertEqual(entry.score, 4)
        runtime.tick(1)
        let reads = desk.reads

        var patient = try XCTUnwrap(try world.a.patient())
        patient.name = "Ana Renamed"
        try world.a.savePatient(patient)
        runtime.tick(1)
        XCTAssertEqual(row()?.name, "Ana Renamed")
        XCTAssertTrue(runtime.view(size: Size(width: 80, height: 24)).lines.contains { $0.contains("Ana Renamed") })
        XCTAssertEqual(desk.reads, reads + 1)

        entry.score = 8
        try world.a.updatePainEntry(entry, now: at("2026-11-27T12:00"))
        runtime.tick(1)
        XCTAssertEqual(row()?.lastPain?.score, 8)
        XCTAssertEqual(desk.reads, reads + 2)
        runtime.tick(1)
        XCTAssertEqual(desk.reads, reads + 2, "nothing more written")
    }
}

/// A therapist's desk that counts its caseload reads.
final class CountingDesk: TherapistDesk, @unchecked Sendable {
    private let desk: any TherapistDesk
    private(set) var reads = 0
    init(_ desk: any TherapistDesk) { self.desk = desk }
    var login: String { desk.login }
    func caseload(clock: PortalClock) throws -> [CaseloadRow] {
        reads += 1
        return try desk.caseload(clock: clock)
    }
    func changeToken() throws -> Int64? { try desk.changeToken() }
    func chart(_ login: String) throws -> any RecordStore { try desk.chart(login) }
}
