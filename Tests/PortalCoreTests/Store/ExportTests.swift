@testable import PortalCore
import StoreTestSupport
import XCTest

final class ExportTests: XCTestCase {
    func testCSVFollowsRFC4180() {
        let entries = [
            PainEntry(date: day("2026-11-20"), time: time("08:15"), score: 4, sites: [SiteSide(.hipSide, .left), SiteSide(.lowBack)],
                      triggers: [.stairs, .walking], note: "Said \"ouch\", then rested\nall day"),
            PainEntry(date: day("2026-11-21"), time: time("21:00"), score: 0),
        ]
        XCTAssertEqual(Exporter.csv(entries), """
        date,time,score,sites,triggers,note,warning_signs\r
        2026-11-20,08:15,4,hip-side:left;low-back,stairs;walking,"Said ""ouch"", then rested
        all day",\r
        2026-11-21,21:00,0,,,,\r

        """)
    }

    func testJSONHoldsEverythingAndDecodes() throws {
        let store = try makeMemoryStore()
        try store.addPainEntry(PainEntry(date: day("2026-11-03"), time: time("09:00"), score: 5, note: "n"), now: at("2026-11-27T12:00"))
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-03"), today: day("2026-11-04"))
        try store.saveQuizResult(QuizResult(date: day("2026-11-04"), answers: ["leak-cough": true]))
        let data = try Exporter.json(ExportData.load(from: store, content: sharedContent, today: day("2026-11-27")))
        let doc = try JSONDecoder().decode(Exporter.Document.self, from: data)
        XCTAssertEqual(doc.patient?.name, "Test Patient")
        XCTAssertEqual(doc.visits.count, 6)
        XCTAssertEqual(doc.programWeeks.map(\.week), [1, 2])
        XCTAssertEqual(doc.programWeeks.first?.prescriptions.first?.name, "Clamshell")
        XCTAssertEqual(doc.exerciseLog.map(\.exercise), ["clamshell"])
        XCTAssertEqual(doc.painEntries.map(\.score), [5])
        XCTAssertEqual(doc.quizResults.count, 1)
        let since = try JSONDecoder().decode(Exporter.Document.self, from: Exporter.json(ExportData.load(from: store, content: sharedContent,
                                                                                          today: day("2026-11-27"), since: day("2026-11-04"))))
        XCTAssertTrue(since.painEntries.isEmpty)
    }

    func testWrittenFilesArePrivate() throws {
        let url = try makeTempFolder(self).appendingPathComponent("out.csv")
        try Exporter.write(Data("a\r\n".utf8), to: url.path)
        let mode = (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o600)
        XCTAssertThrowsError(try Exporter.write(Data("b\r\n".utf8), to: url.path)) { XCTAssertEqual($0 as? PortalError, .fileExists(path: url.path), "the command line adds how to replace it") }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a\r\n", "not replaced without overwrite")
        try Exporter.write(Data("b\r\n".utf8), to: url.path, overwrite: true)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "b\r\n")
    }

    func testAnExportNeverReplacesTheDatabase() throws {
        let (store, url) = try makeStore(self)
        let before = try Data(contentsOf: url)
        for target in [url.path, url.path + "-wal", url.deletingLastPathComponent().appendingPathComponent("./portal.sqlite").path] {
            XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: target, overwrite: true, protected: store.files)) {
                XCTAssertTrue("\($0)".contains("own database file"), "\($0)")
            }
        }
        let link = url.deletingLastPathComponent().appendingPathComponent("link.sqlite")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: url)
        XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: link.path, overwrite: true, protected: store.files))
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertThrowsError(try Exporter.write(Data("x".utf8), to: "/nonexistent-folder/x.csv")) { XCTAssertTrue("\($0)".contains("does not exist")) }
    }
}
