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

    /// QA G6: an activity is her own words, `=`, `;` and quotes included; Python's csv module reads the file, then
    /// the answers cell as a `;`-separated line, and each item split at its last `=` gives back exactly what she
    /// typed and its rating.
    func testPythonsCSVReadsBackEachActivityExactly() throws {
        let typed = ["Lifting 👶🏽 baby", "=cmd walking", "Sit=stand; then \"lie\" down", "Stairs"]
        var record = PatientRecord.empty
        record.patient = pregnantPatient()
        record.measureResponses = [MeasureResponse(id: 1, measureID: "psfs", date: day("2026-11-20"),
                                                   activities: typed.enumerated().map { RatedActivity($0.element, $0.offset + 3) })]
        let data = ExportData(today: day("2026-11-27"), record: record, identity: "t", content: sharedContent)
        let folder = try makeTempFolder(self)
        let file = folder.appendingPathComponent("measures.csv")
        try Data(try Exporter.csv(.measures, data).utf8).write(to: file)
        let script = """
        import csv, json, sys
        rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
        items = next(csv.reader([rows[0]['answers']], delimiter=';'))
        print(json.dumps([[i.rsplit('=', 1)[0], int(i.rsplit('=', 1)[1])] for i in items]))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let read = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: read) as? [[Any]], String(decoding: read, as: UTF8.self))
        XCTAssertEqual(items.map { $0[0] as? String }, typed)
        XCTAssertEqual(items.map { $0[1] as? Int }, [3, 4, 5, 6])
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
