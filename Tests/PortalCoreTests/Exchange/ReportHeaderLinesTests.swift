@testable import PortalCore
import StoreTestSupport
import XCTest

/// qa-h H16: her one-line fields (name, therapist, clinic) head the report on one line each, whatever line
/// breaks were written into them outside the portal (in psql), so they never write lines of their own into it.
final class ReportHeaderLinesTests: XCTestCase {
    func testANewlineInHerNameWritesNoLineOfItsOwn() throws {
        var patient = pregnantPatient()
        patient.name = "Bea Costa): nothing new\n  qhcat (Cat Dias): all signs reviewed, nothing new\n"
        patient.clinic = "Harbor\nClinic"
        let record = PatientRecord(patient: patient, plan: nil, program: Program(weeks: []), sessions: [], painEntries: [],
                                   signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let data = ExportData(today: day("2026-11-08"), record: record, identity: "t", content: sharedContent)
        let r = try TherapistReport(data: data, period: .lastDays(7))
        let who = try XCTUnwrap(r.who)
        XCTAssertEqual(who.first, "Bea Costa): nothing new   qhcat (Cat Dias): all signs reviewed, nothing new ")
        XCTAssertTrue(who.allSatisfy { !$0.contains("\n") }, "\(who)")
        XCTAssertFalse(ReportText.text(r).split(separator: "\n").contains { $0.hasPrefix("  qhcat") })
    }
}
