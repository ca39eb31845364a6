import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The record's list of parts on the clinic's side: every part of a local portal moves in with
/// `clinic import-local`, her therapist's report from the clinic carries every part the report carries, and the
/// caseload flags a warning sign reported without a pain score (the safety defect of issue 20).
final class ClinicRecordPartTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func testEveryPartMovesInAndReachesHerTherapistsReportAndCaseload() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let role = try c.newPatient(therapist: therapist)
        let file = try makeTempFolder(self).appendingPathComponent("portal.sqlite")
        try RecordSamples.fill(try SQLiteStore.open(url: file), content: sharedContent)

        let local = try LocalRecord.read(file: file.path)
        for part in RecordPart.allCases { XCTAssertGreaterThan(local.count(part), 0, "the file holds \(part)") }
        try c.admin().importLocal(local, patient: role, therapist: nil, replace: false)
        let hers = try PostgresStore.open(c.conninfo(role))
        // Every part, as far as it is hers to say (qa-h H12: no review or answer in her therapist's name).
        var herWord = try LocalRecord.herOwnWord(local).record
        // Her therapist there is the clinic's, the one she was added with (QA H10), whatever her file named.
        herWord.patient?.therapist = therapist
        XCTAssertEqual(RecordSamples.withoutIDs(try hers.record(.whole)), RecordSamples.withoutIDs(herWord), "every part moved in")
        XCTAssertEqual(RecordSamples.withoutIDs(try hers.snapshot(clock: RecordSamples.clock).record), RecordSamples.withoutIDs(herWord))

        // Her therapist's report (`portal clinic report`), made from the clinic's record.
        let asTherapist = try PostgresStore.open(c.conninfo(therapist), patient: role)
        let data = try ExportData.load(from: asTherapist, content: sharedContent, today: RecordSamples.today, timeZone: TimeZone(identifier: "UTC")!)
        for part in RecordPart.allCases {
            // A part the map keeps from her therapist (her reminders) is in none of what her therapist makes.
            let therapistReads = part.tables.allSatisfy { t in t.access.contains { $0.role == .therapist && $0.commands.contains(.select) } }
            for destination in RecordSamples.Destination.allCases {
                guard let marker = RecordSamples.marker(part, in: destination) else { continue }
                XCTAssertEqual(try RecordSamples.render(destination, data, part: part).contains(marker), therapistReads,
                               "the clinic's \(destination) \(therapistReads ? "carries" : "never shows her therapist") \(part): “\(marker)”")
            }
        }
        XCTAssertEqual(data.record.count(.reminderSettings) + data.record.count(.reminderLog), 0, "her reminders are hers alone")

        // The one sign she reported had no pain score; her therapist's caseload still flags it.
        let line = try XCTUnwrap(try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: RecordSamples.clock,
                                                            guide: sharedContent.safety).first { $0.login == role })
        let words = try XCTUnwrap(sharedContent.safety.sign("leg-swelling")?.text)
        XCTAssertEqual(line.reasons.first, .warningSigns([words], lastOn: CalendarDate("2026-11-26")!), "\(line.reasons)")
    }
}
