import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

final class CSVTablesTests: XCTestCase {
    func testACellASpreadsheetWouldRunCannotRun() {
        for risky in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            XCTAssertEqual(Exporter.safeText(risky), "'" + risky)
        }
        for plain in ["ok", "", "a=b", " =x", "3-4"] {
            XCTAssertEqual(Exporter.safeText(plain), plain)
        }
        let csv = Exporter.csv([PainEntry(date: day("2026-11-20"), time: time("08:15"), score: 4, note: "=1+1, then rest")])
        XCTAssertTrue(csv.contains(",\"'=1+1, then rest\","), csv)
    }

    func testEachTableAndItsPartLeftOut() throws {
        let (store, _) = try makeStore(self)
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-03"), today: day("2026-11-04"))
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-04"), today: day("2026-11-04"), sets: 1, pain: 3)
        try store.saveQuizResult(QuizResult(date: day("2026-11-04"), answers: ["leak-cough-sneeze": true, "urgency": false]))
        let data = try ExportData.load(from: store, content: sharedContent, today: day("2026-11-27"))
        let exercises = try Exporter.csv(.exercises, data)
        XCTAssertEqual(exercises, "date,week,exercise,name,sets_done,prescribed,pain_during\r\n"
                       + "2026-11-03,1,clamshell,Clamshell,2,\"2 × 10, 5 days a week\",\r\n"
                       + "2026-11-04,1,clamshell,Clamshell,1,\"2 × 10, 5 days a week\",3\r\n")
        // Leaving pain out leaves out the pain felt during an exercise, not the exercise.
        let noPain = try Exporter.csv(.exercises, data.limited(to: try ExportSection.choose(include: [], exclude: ["pain"])))
        XCTAssertTrue(noPain.hasSuffix("2026-11-04,1,clamshell,Clamshell,1,\"2 × 10, 5 days a week\",\r\n"), noPain)
        let visits = try Exporter.csv(.visits, data).components(separatedBy: "\r\n")
        XCTAssertEqual(visits.count, 8)
        XCTAssertTrue(visits[1].hasPrefix("1,evaluation,booked,2026-11-02,09:00,"), visits[1])
        let checkins = try Exporter.csv(.checkins, data).components(separatedBy: "\r\n")
        XCTAssertTrue(checkins[0].hasPrefix("date,leak-cough-sneeze,leak-activity,urgency,"))
        XCTAssertTrue(checkins[1].hasPrefix("2026-11-04,yes,,no,"), checkins[1])
        XCTAssertTrue(checkins[1].hasSuffix(",bladder"), checkins[1])
        let limited = data.limited(to: try ExportSection.choose(include: [], exclude: ["visits"]))
        XCTAssertThrowsError(try Exporter.csv(.visits, limited)) { XCTAssertTrue("\($0)".contains("left out")) }
        XCTAssertThrowsError(try ExportSection.choose(include: ["pain,diary"], exclude: [])) { XCTAssertTrue("\($0)".contains("diary")) }
        XCTAssertEqual(try ExportSection.choose(include: ["pain,visits"], exclude: ["visits"]), [.pain])
    }

    /// A questionnaire's answers are listed in its questions' order (1, 2, … 24), not as text sorts them (1, 10, 11, …).
    func testMeasureAnswersAreInTheQuestionnairesOrder() throws {
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        var answers: [String: Int] = [:]
        for i in 1...24 { answers["\(i)"] = i == 2 || i == 10 ? 1 : 0 }
        record.measureResponses = [MeasureResponse(id: 1, measureID: "rmdq", date: day("2026-11-20"), answers: answers)]
        let data = ExportData(today: day("2026-11-27"), record: record, identity: "t", content: sharedContent)
        let rows = try Exporter.csv(.measures, data).components(separatedBy: "\r\n")
        let expected = (1...24).map { "\($0)=\($0 == 2 || $0 == 10 ? 1 : 0)" }.joined(separator: ";")
        XCTAssertTrue(rows[1].hasSuffix("," + expected), rows[1])
    }
}
