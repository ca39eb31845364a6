import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

final class ReportLayoutTests: XCTestCase {
    func report(notes: [String]) throws -> TherapistReport {
        let entries = notes.enumerated().map { i, n in
            PainEntry(id: Int64(i + 1), date: day("2026-11-27").adding(days: -i), time: time("08:00"), score: 4,
                      sites: [SiteSide(.lowBack)], note: n)
        }
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.painEntries = entries
        let data = ExportData(today: day("2026-11-27"), record: record, identity: "t", content: sharedContent)
        return try TherapistReport(data: data, period: .lastDays(28))
    }

    func testNotesThatDoNotFitThePageAreCountedNeverCut() throws {
        let long = String(repeating: "Douleur 痛い après la marche, ", count: 33)
        let r = try report(notes: Array(repeating: long, count: 12))
        let text = ReportText.text(r)
        let lines = text.components(separatedBy: "\n").dropLast()
        XCTAssertLessThanOrEqual(lines.count, ReportText.pageLines)
        XCTAssertTrue(lines.allSatisfy { ReportText.cells($0) <= ReportText.width })
        let shown = text.components(separatedBy: "(pain 4):").count - 1
        XCTAssertGreaterThan(shown, 0)
        XCTAssertLessThan(shown, 12)
        XCTAssertTrue(text.contains("\(12 - shown) more notes in the full export"), text)
        // Every note shown is whole: its last words are there as often as its first.
        XCTAssertEqual(text.components(separatedBy: "Douleur").count - 1, shown * 33)

        let html = ReportHTML.html(r)
        let inHTML = html.components(separatedBy: "<span class=\"note\">").count - 1
        XCTAssertTrue(html.contains("\(12 - inHTML) more notes in the full export"))
        XCTAssertEqual(html.components(separatedBy: "Douleur").count - 1, inHTML * 33)
    }

    /// Her questions have a budget on the one page: a long one is cut, saying how many more lines the portal has,
    /// and questions past the budget are counted.
    func testLongQuestionsAreCutToTheirBudgetSayingHowManyMoreLines() throws {
        var r = try report(notes: ["a"])
        let long = "Asked 3 Dec: " + String(repeating: "Can I lift my toddler six weeks after the birth? ", count: 10)
        r.questions = ["Asked 1 Dec: Can I run yet? (not answered yet)", long, long, "Asked 4 Dec: Is swimming fine? (not answered yet)"]
        let lines = ReportText.text(r).components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: "QUESTIONS FOR THE VISIT")) + 1
        let section = Array(lines[start...].prefix { !$0.isEmpty })
        XCTAssertLessThanOrEqual(section.count, ReportText.questionLines, section.joined(separator: "\n"))
        XCTAssertEqual(section.first, "  Asked 1 Dec: Can I run yet? (not answered yet)")
        XCTAssertTrue(section.contains { $0.range(of: #"^    \(\d+ more lines in the portal\)$"#, options: .regularExpression) != nil },
                      section.joined(separator: "\n"))
        XCTAssertEqual(section.last, "  1 more question in the portal.")
        XCTAssertFalse(section.joined().contains("swimming"), "the one past the budget is counted, not shown")

        let html = ReportHTML.html(r)
        XCTAssertTrue(html.range(of: #" … \(\d+ more lines in the portal\)</li>"#, options: .regularExpression) != nil, html)
        XCTAssertTrue(html.contains("2 more questions in the portal."), "a narrower column: fewer fit \(html)")
        XCTAssertFalse(html.contains("swimming"))
        // Short questions are shown whole, with nothing said.
        r.questions = ["Asked 1 Dec: Can I run yet? (not answered yet)"]
        XCTAssertFalse(ReportText.text(r).contains("in the portal"))
        XCTAssertFalse(ReportHTML.html(r).contains("in the portal"))
    }

    func testOneEntryOnOneDayIsCountedInTheSingularInEveryFormat() throws {
        let r = try report(notes: ["a"])
        XCTAssertTrue(ReportText.text(r).contains("PAIN  1 entry on 1 day"), ReportText.text(r))
        XCTAssertTrue(ReportText.markdown(r).contains("\n1 entry on 1 day. "), ReportText.markdown(r))
        XCTAssertTrue(ReportHTML.html(r).contains("<h2>Pain: 1 entry on 1 day</h2>"))
        let two = try report(notes: ["a", "b"])
        XCTAssertTrue(ReportHTML.html(two).contains("<h2>Pain: 2 entries on 2 days</h2>"))
        XCTAssertTrue(ReportText.markdown(two).contains("\n2 entries on 2 days. "))
    }

    func testTheTextChartHasOneColumnADayAndSaysWhatItShows() throws {
        let r = try report(notes: ["a", "", "b"])
        let (means, highs, days) = ReportText.chart(r)
        XCTAssertEqual(days, 28)
        XCTAssertEqual(means.count, 28)
        XCTAssertEqual(String(highs.suffix(3)), "444")
        XCTAssertEqual(String(highs.prefix(1)), "·")
    }

    /// A report of today alone (`--since` today) charts one day: "1 day to …", not "1 days".
    func testAChartOfOneDaySaysDayInTheSingular() throws {
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.painEntries = [PainEntry(id: 1, date: day("2026-11-27"), time: time("08:00"), score: 4)]
        let data = ExportData(today: day("2026-11-27"), record: record, identity: "t", content: sharedContent)
        let text = ReportText.text(try TherapistReport(data: data, period: .since(day("2026-11-27"))))
        XCTAssertTrue(text.contains("  1 day to 2026-11-27; · no entry; X is 10."), text)
        XCTAssertTrue(ReportText.text(try report(notes: ["a"])).contains("  28 days to 2026-11-27;"))
    }
}
