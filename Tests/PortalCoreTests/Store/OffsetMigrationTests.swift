import GRDB
import XCTest
@testable import PortalCore
import StoreTestSupport

/// Issue 19, point 9: v5 gives the entries saved before it the offset from UTC their date and time have in
/// the zone of the computer that updates (what the README says it assumes), and the export uses what is stored.
final class OffsetMigrationTests: XCTestCase {
    private let newYork = LocalZone(TimeZone(identifier: "America/New_York")!)

    func testOldEntriesGetTheOffsetOfTheirTimeInTheZoneThatUpdatesAndTheExportUsesIt() throws {
        let url = try makeTempFolder(self).appendingPathComponent("old.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try Schema.migrator(zone: newYork).migrate(queue, upTo: "v3")
        try queue.write { db in
            for (id, date, time) in [(1, "2026-01-15", "08:00"), (2, "2026-07-15", "08:00"), (3, "2026-11-01", "01:30"), (4, "2027-03-14", "02:30")] {
                try db.execute(sql: "INSERT INTO pain_entry (id, date, time, score) VALUES (?, ?, ?, 4)", arguments: [id, date, time])
            }
            try db.execute(sql: "INSERT INTO sign_report (date, time, signs) VALUES ('2026-07-15', '09:00', 'fever')")
        }
        try queue.close()

        let store = try SQLiteStore.open(url: url, mode: .existingOnly, zone: newYork)
        // Winter, summer, the repeated hour (the first of the two) and a skipped time (the offset before the change).
        XCTAssertEqual(try store.painEntries().map(\.utcOffset), [-300, -240, -240, -300])
        XCTAssertEqual(try store.signReports().map(\.utcOffset), [-240])

        // Exported on a computer in another zone, each entry keeps the offset it has.
        let data = try ExportData.load(from: store, content: sharedContent, today: day("2027-03-20"),
                                       timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        let fhir = String(decoding: try FHIRExport.bundle(data), as: UTF8.self)
        for stamp in ["2026-01-15T08:00:00-05:00", "2026-07-15T08:00:00-04:00", "2026-11-01T01:30:00-04:00", "2027-03-14T02:30:00-05:00"] {
            XCTAssertTrue(fhir.contains("\"effectiveDateTime\" : \"\(stamp)\""), stamp)
        }
        XCTAssertFalse(fhir.contains("+09:00"), "not the offset of the zone it is exported in")
    }
}
