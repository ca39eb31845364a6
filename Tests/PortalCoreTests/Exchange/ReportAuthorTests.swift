import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The report's header says who made it (issue 23): the patient with her own portal, or her therapist from the
/// clinic's record, in every form; and the text can be laid out for a window narrower than the page.
final class ReportAuthorTests: XCTestCase {
    func report(madeBy: Viewer, therapistName: String? = nil) throws -> TherapistReport {
        let entries = (0..<3).map { i in
            PainEntry(id: Int64(i + 1), date: day("2026-11-27").adding(days: -i), time: time("08:00"), score: 4,
                      sites: [SiteSide(.lowBack)], note: "Worse after the stairs at work, better after the stretches in the evening.")
        }
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.painEntries = entries
        let data = ExportData(today: day("2026-11-27"), record: record, identity: "t", content: sharedContent)
        return try TherapistReport(data: data, period: .lastDays(28), madeBy: madeBy, therapistName: therapistName)
    }

    /// Clinic change 26: the report her therapist makes names her as the clinic does ("Maria Silva"), her login
    /// only where the clinic keeps no name, in every form.
    func testTheTherapistIsNamedByTheNameHerClinicKeeps() throws {
        let named = try report(madeBy: .therapist(login: "t_rivera"), therapistName: "Maria Silva")
        for text in [ReportText.text(named), ReportText.markdown(named), ReportHTML.html(named)] {
            XCTAssertTrue(text.contains("Made 2026-11-27 by her therapist (Maria Silva) from the clinic"), text)
            XCTAssertFalse(text.contains("t_rivera"), text)
        }
        for missing in [nil, "", " "] as [String?] {
            let text = ReportText.text(try report(madeBy: .therapist(login: "t_rivera"), therapistName: missing))
            XCTAssertTrue(text.contains("Made 2026-11-27 by her therapist (t_rivera) from the clinic"), "\(String(describing: missing)): \(text)")
        }
        // A name is never a way to an escape sequence in the header.
        let odd = ReportText.text(try report(madeBy: .therapist(login: "t_rivera"), therapistName: "Maria\u{1B}[2J Silva"))
        XCTAssertFalse(odd.contains("\u{1B}"), odd)
    }

    func testTheHeaderSaysTheTherapistMadeItWhenSheDid() throws {
        let hers = try report(madeBy: .therapist(login: "t_rivera"))
        for text in [ReportText.text(hers), ReportText.markdown(hers), ReportHTML.html(hers)] {
            XCTAssertTrue(text.contains("Made 2026-11-27 by her therapist (t_rivera) from the clinic"), text)
            XCTAssertFalse(text.contains("own portal"), text)
        }
        let own = try report(madeBy: .patient)
        for text in [ReportText.text(own), ReportText.markdown(own)] {
            XCTAssertTrue(text.contains("Made 2026-11-27 with the patient's own portal."), text)
            XCTAssertFalse(text.contains("therapist ("), text)
        }
        XCTAssertTrue(ReportHTML.html(own).contains("Made 2026-11-27 with the patient&#39;s own portal."))
        // On her clinic login (Share, portal report) it is hers, but not from a portal of her own.
        let clinic = try report(madeBy: .clinicPatient)
        for text in [ReportText.text(clinic), ReportText.markdown(clinic)] {
            XCTAssertTrue(text.contains("Made 2026-11-27 by the patient from her clinic's record."), text)
            XCTAssertFalse(text.contains("own portal") || text.contains("therapist ("), text)
        }
    }

    func testTheTextLaidOutForANarrowWindowKeepsEveryWordWithinIt() throws {
        let r = try report(madeBy: .therapist(login: "t_rivera"))
        let page = ReportText.text(r), narrow = ReportText.text(r, width: 58)
        let lines = narrow.components(separatedBy: "\n")
        XCTAssertTrue(lines.allSatisfy { ReportText.cells($0) <= 58 }, narrow)
        XCTAssertTrue(page.components(separatedBy: "\n").contains { ReportText.cells($0) > 58 }, "the page itself is wider")
        let words = { (t: String) in t.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
        XCTAssertEqual(words(narrow), words(page), "only the line breaks differ")
        XCTAssertEqual(ReportText.text(r), page, "the page's own width is back once the narrow text is made")
    }
}
