import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

private func calendarData(_ visits: [Visit], zone: String = "America/New_York") throws -> ExportData {
    var record = PatientRecord.empty
    record.patient = pregnantPatient()
    record.plan = try CarePlan(visits: visits)
    return ExportData(today: day("2026-11-27"), generatedAt: Date(timeIntervalSince1970: 1_795_000_000),
                      timeZone: TimeZone(identifier: zone)!, record: record, identity: "test", content: sharedContent)
}

private func sixVisits() -> [Visit] {
    (1...6).map { n in
        Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: .toSchedule, start: nil, durationMinutes: 45, mode: .inPerson)
    }
}

final class ICalendarExportTests: XCTestCase {
    func testOnlyBookedAndCompletedVisitsInUTCWithStableUIDs() throws {
        var visits = sixVisits()
        visits[0].status = .completed
        visits[0].start = at("2026-11-02T09:00")
        visits[0].location = "1 Main St, Suite 4; back door"
        visits[1].status = .booked
        visits[1].start = at("2026-12-03T10:15")
        visits[1].mode = .virtual
        visits[1].location = "https://video.example.org/room?id=1,2"
        visits[2].status = .cancelled
        visits[3].status = .missed
        visits[3].start = at("2026-12-10T10:15")
        let ics = ICalendarExport.calendar(try calendarData(visits))
        XCTAssertEqual(ics.components(separatedBy: "BEGIN:VEVENT").count - 1, 2)
        XCTAssertTrue(ics.contains("DTSTART:20261102T140000Z\r\n"), "09:00 in New York in November is 14:00 UTC")
        XCTAssertTrue(ics.contains("DTEND:20261203T160000Z\r\n"), ics)
        XCTAssertTrue(ics.contains("SUMMARY:Visit 2 of 6 — follow-up\r\n"))
        XCTAssertTrue(ics.contains("LOCATION:1 Main St\\, Suite 4\\; back door\r\n"), ics)
        XCTAssertTrue(ics.contains("URL:https://video.example.org/room?id=1,2\r\n"), ics)
        XCTAssertTrue(ics.contains("DTSTAMP:"))
        let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        XCTAssertEqual(Set(uids).count, 2)

        visits[1].start = at("2026-12-04T15:00")
        let moved = ICalendarExport.calendar(try calendarData(visits))
        XCTAssertEqual(moved.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }, uids, "moving a visit keeps its UID")
        XCTAssertTrue(moved.contains("DTSTART:20261204T200000Z"))
    }

    func testTextIsEscapedAndFoldedWithoutSplittingACharacter() {
        XCTAssertEqual(ICalendarExport.text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")
        let long = "DESCRIPTION:" + String(repeating: "é日😀x", count: 40)
        let folded = ICalendarExport.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(lines.count, 3)
        for (i, line) in lines.enumerated() {
            XCTAssertLessThanOrEqual(line.utf8.count, 75)
            if i > 0 { XCTAssertTrue(line.hasPrefix(" ")) }
        }
        // Unfolding (remove CRLF + one space) gives back the exact line: no character was cut.
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), long)
    }
}

/// Each booked visit carries an alarm at each time before a visit she asked to be reminded, read back by the
/// `icalendar` parser (in the venv `make test` makes).
final class ICalendarAlarmTests: XCTestCase {
    func calendar(offsets: [String]) throws -> String {
        var visits = sixVisits()
        visits[0].status = .completed
        visits[0].start = at("2026-11-02T09:00")
        visits[1].status = .booked
        visits[1].start = at("2026-12-03T10:15")
        var data = try calendarData(visits)
        data.visitReminders = try offsets.map(VisitReminderOffset.parse)
        return ICalendarExport.calendar(data)
    }

    func testABookedVisitHasAnAlarmAtEachTimeBefore() throws {
        let ics = try calendar(offsets: ["2h", "24h", "90m", "2d"])
        XCTAssertEqual(ics.components(separatedBy: "BEGIN:VALARM").count - 1, 4, "the completed visit has none")
        for trigger in ["-P2D", "-PT24H", "-PT2H", "-PT1H30M"] {
            XCTAssertTrue(ics.contains("TRIGGER:\(trigger)\r\n"), trigger)
        }
        XCTAssertTrue(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT24H\r\nDESCRIPTION:Visit 2 of 6 — follow-up\\, in 24 hours\r\nEND:VALARM\r\n"), ics)
        XCTAssertFalse(try calendar(offsets: []).contains("VALARM"), "no visit reminders set: no alarms")
    }

    func testTheIcalendarParserReadsEachAlarmAsATimeBeforeTheVisit() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("No Python venv at \(python): run `make test`, which creates it with icalendar.")
        }
        let file = try makeTempFolder(self).appendingPathComponent("visits.ics")
        try Data(try calendar(offsets: ["24h", "2h", "90m"]).utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [root.appendingPathComponent("Tests/Validation/validate_exports.py").path, "ics", file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], String(decoding: data, as: UTF8.self))
        XCTAssertEqual(summary["problems"] as? [String], [])
        XCTAssertEqual(p.terminationStatus, 0)
        let alarms = try XCTUnwrap(summary["alarms"] as? [[String: Any]])
        XCTAssertEqual(alarms.map { $0["minutesBefore"] as? Int }, [1440, 120, 90])
        XCTAssertEqual(Set(alarms.map { $0["event"] as? String }), ["Visit 2 of 6 — follow-up"])
        XCTAssertEqual(Set(alarms.map { $0["action"] as? String }), ["DISPLAY"])
        // 10:15 in New York on 3 December is 15:15 UTC: the alarms go off 24 h, 2 h and 90 min before it.
        XCTAssertEqual(alarms.map { $0["at"] as? String }, ["2026-12-02T15:15:00+00:00", "2026-12-03T13:15:00+00:00", "2026-12-03T13:45:00+00:00"])
    }
}
