import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-m's findings on what the server answered and took (M1, M9), each sent as the real login, in SQL.
final class QAMRulesTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// M1: `pain_entry_is_open` (the policy's question whether an entry takes new sites) answers only of the
    /// calling login's own record: another patient's login learns nothing of whether her entries reported a
    /// warning sign; her own sites still go onto her entry without signs and never onto one with signs.
    func testNoLoginLearnsWhetherAnotherPatientsEntryReportedASign() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let now = at("2026-11-27T12:00")
        let plain = try XCTUnwrap(try w.b.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 2), now: now).id)
        let signed = try XCTUnwrap(try w.b.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 7,
                                                                  warningSigns: ["fever"]), now: now).id)
        let ask = "SELECT public.\(PainDiaryMap.openEntry)($1, $2)::text AS o"
        func answer(_ db: PGConnection, _ record: Int64, _ entry: Int64) throws -> String? {
            try db.transaction { try $0.query(ask, [record, entry]).rows.first?.text("o") }
        }
        // A asks of B's record: the same answer for both entries, whichever reported a sign.
        XCTAssertEqual(try answer(w.aSQL, w.b.patientID, plain), try answer(w.aSQL, w.b.patientID, signed), "nothing told apart")
        XCTAssertEqual(try answer(w.aSQL, w.b.patientID, plain), "false")
        // B's own login still gets the policy's answer for her own record.
        let bSQL = try w.sql(w.b.patientRole)
        XCTAssertEqual(try answer(bSQL, w.b.patientID, plain), "true")
        XCTAssertEqual(try answer(bSQL, w.b.patientID, signed), "false")
        XCTAssertEqual(rowsTouched(bSQL, "INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, 0, 'groin', 'left')",
                                   [w.b.patientID, plain]), 1, "her sites go onto her entry without signs")
        XCTAssertEqual(refusal(bSQL, "INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, 0, 'groin', 'left')",
                               [w.b.patientID, signed]), "42501", "and never onto one that reported signs")
    }

    /// M9: her login stores a questionnaire of the portal's only, and a questionnaire of activities (PSFS) only
    /// with as many activities as it takes, at commit (the content's numbers: `Measure.activities`); a whole PSFS
    /// written as the portal writes it (response and activities in one transaction) is kept.
    func testAQuestionnaireIsOneOfThePortalsAndAPSFSHoldsItsActivities() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let psfs = try XCTUnwrap(sharedContent.measures.first { $0.kind == .activities })
        let counts = try XCTUnwrap(psfs.activities)
        func kept() throws -> [Int] { try w.a.entries(MeasureResponse.self, from: nil, to: nil).filter { $0.measureID == psfs.id }.map(\.activities.count) }
        let before = try kept()  // her seeded record's
        let insert = "INSERT INTO measure_response (patient_id, id, measure_id, taken_on, answers) VALUES ($1, 0, $2, '2026-11-27', '{}'::jsonb)"
        XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, "foo"]), "23514", "an id the portal does not know")
        XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, psfs.id]), "23514", "a PSFS of no activities")
        func psfsWith(_ n: Int) throws {
            try w.aSQL.transaction { db in
                let id = try XCTUnwrap(try db.query(insert + " RETURNING id", [w.a.patientID, psfs.id]).rows.first?.int64("id"))
                for i in 0..<n {
                    try db.query("INSERT INTO measure_activity (patient_id, response_id, position, activity, score) VALUES ($1, $2, $3, $4, 5)",
                                 [w.a.patientID, id, i, "walking \(i)"])
                }
            }
        }
        XCTAssertThrowsError(try psfsWith(counts.min - 1), "fewer than it takes")
        XCTAssertThrowsError(try psfsWith(counts.max + 1), "more than it takes")
        XCTAssertNoThrow(try psfsWith(counts.min))
        // Nothing of hers was kept by the refusals.
        XCTAssertEqual(try kept(), before + [counts.min])
        // The portal's own write of a PSFS is kept.
        _ = try w.a.add(MeasureResponse(measureID: psfs.id, date: day("2026-11-27"),
                                        activities: (0..<counts.max).map { RatedActivity("stairs \($0)", 4) }),
                        rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        XCTAssertEqual(try kept(), before + [counts.min, counts.max])
    }
}
