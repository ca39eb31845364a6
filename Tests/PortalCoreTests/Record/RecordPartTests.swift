import Foundation
import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The record's list of parts (`RecordPart`) is the one list everything walks: every part's sample
/// (`RecordSamples`) reaches every export that carries it, the snapshot, a whole read and a backup, and every
/// field of the record is one part's. A part added to the list is in these tests at once.
final class RecordPartTests: XCTestCase {
    func filledStore() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try RecordSamples.fill(store, content: sharedContent)
        return store
    }

    func data(_ record: PatientRecord) -> ExportData {
        ExportData(today: RecordSamples.today, timeZone: TimeZone(identifier: "UTC")!, record: record, identity: "samples", content: sharedContent)
    }

    /// Each part's sample is in each export that carries it (the safety defect of issue 20: a warning sign
    /// reported without a pain score was missing from the JSON, the report and the FHIR bundle), and is gone
    /// when that part alone is left out, so what is found came from that part.
    func testEveryPartReachesEveryExportThatCarriesIt() throws {
        let whole = try filledStore().record(.whole)
        var carried = 0
        for part in RecordPart.allCases {
            XCTAssertGreaterThan(whole.count(part), 0, "\(part) has its sample")
            var without = whole
            without.clear(part)
            XCTAssertEqual(without.count(part), 0, "\(part) is cleared")
            for destination in RecordSamples.Destination.allCases {
                guard let marker = RecordSamples.marker(part, in: destination) else { continue }
                carried += 1
                XCTAssertTrue(try RecordSamples.render(destination, data(whole), part: part).contains(marker),
                              "\(destination) carries \(part): “\(marker)”")
                XCTAssertFalse(try RecordSamples.render(destination, data(without), part: part).contains(marker),
                               "\(destination)'s “\(marker)” comes from \(part)")
            }
        }
        XCTAssertGreaterThan(carried, RecordPart.allCases.count * 3, "most parts go to most exports")
    }

    /// A sign reported on its own is in the report's warning signs, the CSV and the FHIR bundle with its words,
    /// with no pain score invented for it.
    func testASignReportedWithoutAPainScoreIsReportedAsSuch() throws {
        let store = try SQLiteStore.inMemory()
        try store.setUp(patient: pregnantPatient(), plan: try Onboarding(content: sharedContent).carePlan(firstVisit: nil, location: "", therapist: ""),
                        weeks: [], readingList: [])
        try store.add(SignReport(date: day("2026-11-26"), time: time("07:10"), signs: ["leg-swelling"]), rules: EntryRules(now: at("2026-11-27T12:00"), content: sharedContent))
        let d = data(try store.record(.whole))
        let report = try TherapistReport(data: d, period: .lastDays(28))
        XCTAssertEqual(report.warningSigns, [.init(date: day("2026-11-26"), text: "Swelling, redness, pain or warmth in a leg")])
        XCTAssertTrue(ReportText.text(report).contains("Warning signs reported: 26 Nov: Swelling, redness, pain or warmth in a leg."),
                      ReportText.text(report))
        XCTAssertEqual(try Exporter.csv(.warningSigns, d), "date,time,sign,warning_sign,pain_score\r\n2026-11-26,07:10,leg-swelling,\"Swelling, redness, pain or warmth in a leg\",\r\n")
        let fhir = String(decoding: try FHIRExport.bundle(d), as: UTF8.self)
        XCTAssertTrue(fhir.contains("\"effectiveDateTime\" : \"2026-11-26T07:10:00+00:00\""), fhir)
        XCTAssertEqual(fhir.components(separatedBy: "\"valueInteger\"").count, 1, "no pain score in the bundle")
    }

    /// The snapshot holds every part (all of the samples are within its window), and a backup put back holds
    /// the whole record.
    func testEveryPartReachesTheSnapshotAndComesBackFromABackup() throws {
        let folder = try makeTempFolder(self)
        let store = try SQLiteStore.open(url: folder.appendingPathComponent("portal.sqlite"))
        try RecordSamples.fill(store, content: sharedContent)
        let whole = try store.record(.whole)
        for part in RecordPart.allCases { XCTAssertGreaterThan(whole.count(part), 0, "\(part) has its sample") }
        XCTAssertEqual(try store.snapshot(clock: RecordSamples.clock).record, whole)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        try store.backUp(to: backup, overwrite: false)
        let restored = folder.appendingPathComponent("restored.sqlite")
        try Backup.restore(from: backup, to: restored.path)
        XCTAssertEqual(try SQLiteStore.open(url: restored, mode: .existingOnly).record(.whole), whole)
    }

    /// The check a backup passes before it replaces her database reads every part of the record: a backup that
    /// lacks any one table of any part is refused and the database is left as it was.
    func testTheBackupCheckReadsEveryPart() throws {
        let folder = try makeTempFolder(self)
        let database = folder.appendingPathComponent("portal.sqlite")
        let store = try SQLiteStore.open(url: database)
        try RecordSamples.fill(store, content: sharedContent)
        let whole = try store.record(.whole)
        let good = folder.appendingPathComponent("good.sqlite").path
        try store.backUp(to: good, overwrite: false)
        var refused = 0
        for part in RecordPart.allCases {
            for table in part.tables {
                let damaged = folder.appendingPathComponent("without-\(table.name).sqlite").path
                try FileManager.default.copyItem(atPath: good, toPath: damaged)
                let queue = try DatabaseQueue(path: damaged)
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    try db.execute(sql: "DROP TABLE \(table.name)")
                }
                try queue.close()
                XCTAssertThrowsError(try Backup.restore(from: damaged, to: database.path), "\(part): a backup without \(table.name)") {
                    XCTAssertTrue("\($0)".contains("is damaged") || "\($0)".contains("is not a portal backup"), "refused by the check, not for another reason: \($0)")
                }
                refused += 1
            }
        }
        XCTAssertEqual(refused, RecordPart.tables.count)
        XCTAssertEqual(try SQLiteStore.open(url: database, mode: .existingOnly).record(.whole), whole, "her database as it was")
    }

    /// Every field of `PatientRecord` is cleared by exactly one part: a field added without its part (so
    /// without its read, its export, its import) fails here.
    func testEveryFieldOfTheRecordBelongsToOnePart() throws {
        let whole = try filledStore().record(.whole)
        let fields = Mirror(reflecting: whole).children.compactMap(\.label)
        var covered = Set<String>()
        for part in RecordPart.allCases {
            var r = whole
            r.clear(part)
            let changed = zip(Mirror(reflecting: whole).children, Mirror(reflecting: r).children)
                .filter { "\($0.value)" != "\($1.value)" }.compactMap(\.0.label)
            XCTAssertFalse(changed.isEmpty, "\(part) holds a field of the record")
            XCTAssertTrue(covered.isDisjoint(with: changed), "\(changed) belong to one part only")
            covered.formUnion(changed)
        }
        XCTAssertEqual(covered, Set(fields), "every field of the record is a part's")
    }

    /// Every table of the record is one part's, each once, parents before the rows that belong to them.
    func testEveryTableIsOnePartsAndParentsComeFirst() {
        let names = RecordPart.tables.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "each table once")
        for (i, table) in RecordPart.tables.enumerated() {
            guard let parent = table.parent else { continue }
            let p = try? XCTUnwrap(names.firstIndex(of: parent.table), "\(table.name)'s parent \(parent.table) is a table of the record")
            XCTAssertLessThan(p ?? .max, i, "\(parent.table) comes before \(table.name)")
        }
    }
}
