import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The FHIR export writes the very bytes it wrote before it was made to stream (the goldens in `Goldens/` were
/// written by the export as it was at 052be63, which built the whole Bundle as a tree and wrote it at the end):
/// the demo patient, and a varied record (every part of it, the bladder diary and the bowel log around both
/// changes of the clocks in New York, notes with quotes, slashes, line breaks and letters beyond ASCII).
/// `PORTAL_WRITE_GOLDENS=1` writes them again (only for a change meant to change the export). The demo's was
/// written again when every program gained the pelvic floor squeezes (NICE NG210): its weeks, notes and log.
final class FHIRGoldenTests: XCTestCase {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static let generatedAt = Date(timeIntervalSince1970: 1_796_216_583)  // 2026-12-01T10:03:03Z
    static let newYork = TimeZone(identifier: "America/New_York")!

    func check(_ bundle: Data, golden name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.goldens.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PORTAL_WRITE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try bundle.write(to: url)
        }
        let golden = try Data(contentsOf: url)
        XCTAssertEqual(bundle.count, golden.count, "\(name): the export's length changed", file: file, line: line)
        if bundle != golden {
            let at = zip(bundle, golden).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(bundle.count, golden.count)
            let around = { (d: Data) in String(decoding: d[max(0, at - 200)..<min(d.count, at + 200)], as: UTF8.self) }
            XCTFail("\(name): differs at byte \(at)\nnow:\n\(around(bundle))\ngolden:\n\(around(golden))", file: file, line: line)
        }
    }

    func testTheDemoExportIsTheSameAsBefore() throws {
        let store = try SQLiteStore.inMemory()
        let today = day("2026-11-27")
        try DemoPatient(content: sharedContent, today: today).load(into: store)
        var data = try ExportData.load(from: store, content: sharedContent, today: today, timeZone: Self.newYork)
        data.generatedAt = Self.generatedAt
        try check(try FHIRExport.bundle(data), golden: "demo.fhir.json")
    }

    func testAVariedExportIsTheSameAsBefore() throws {
        let store = try SQLiteStore.inMemory()
        try RecordSamples.fill(store, content: sharedContent)
        let rules = EntryRules(now: LocalDateTime("2026-11-27T12:00")!, content: sharedContent)
        // Around the autumn change (1 November 2026: 01:00–02:00 twice) and the days before and after it.
        for (n, date) in ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"].enumerated() {
            let d = day(date)
            try store.add(BladderEvent.pee(d, TimeOfDay("01:30")!, ml: 250 + n, urgency: n % 5, atNight: true), rules: rules)
            try store.add(BladderEvent.pee(d, TimeOfDay("23:59")!), rules: rules)
            try store.add(BladderEvent.leak(d, TimeOfDay("00:00")!, amount: .wet, activity: .urge,
                                            note: "Nuit / \"pas\" bien\nencore — ça 😀"), rules: rules)
            try store.add(BladderEvent.drink(d, TimeOfDay("10:05")!, ml: 330, kind: n % 2 == 0 ? .coffee : .fizzy), rules: rules)
            try store.add(BladderEvent.pad(d, TimeOfDay("12:00")!), rules: rules)
            try store.add(BowelEntry(date: d, time: TimeOfDay("01:15")!, type: BristolType(rawValue: 1 + n)!, straining: n % 2 == 0,
                                     urgency: n % 2 == 1, leaks: n == 2 ? [.gas, .liquid] : [], pain: n == 3 ? nil : n,
                                     note: n == 0 ? "" : "Tab here"), rules: rules)
        }
        try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-26"), activities: [
            RatedActivity("Lifting my toddler", 7), RatedActivity("Walking / stairs", 8), RatedActivity("Sitting \"long\"", 6),
        ]), rules: rules)
        try store.addPainEntry(PainEntry(date: day("2026-11-01"), time: time("01:30"), score: 5, sites: [SiteSide(.buttock, .right), SiteSide(.lowBack)],
                                         triggers: [.stairs], note: "Après la marche", warningSigns: []), now: at("2026-11-01T09:00"))
        var data = try ExportData.load(from: store, content: sharedContent, today: day("2026-11-27"), timeZone: Self.newYork)
        data.generatedAt = Self.generatedAt
        try check(try FHIRExport.bundle(data), golden: "varied.fhir.json")
        // What she leaves out stays out as before: the pain scores (her notes kept), and her notes.
        try check(try FHIRExport.bundle(data.limited(to: Set(ExportSection.allCases).subtracting([.pain]))), golden: "varied-no-pain.fhir.json")
        try check(try FHIRExport.bundle(data.limited(to: Set(ExportSection.allCases).subtracting([.notes]))), golden: "varied-no-notes.fhir.json")
    }

    /// Spring forward: the diaries keep no offset, so 02:30 on 8 March 2026 is read at the offset before the change.
    func testTheSpringChangeIsTheSameAsBefore() throws {
        let record = PatientRecord.empty
        var data = ExportData(today: day("2026-03-20"), generatedAt: Self.generatedAt, timeZone: Self.newYork, record: record,
                              identity: "portal-patient:Spring", content: sharedContent)
        for (n, date) in ["2026-03-07", "2026-03-08", "2026-03-09"].enumerated() {
            for t in ["00:00", "01:59", "02:00", "02:30", "03:00", "23:59"] {
                var e = BladderEvent.pee(day(date), TimeOfDay(t)!, ml: 100 + n, urgency: 1)
                e.id = Int64(data.bladderEvents.count + 1)
                data.bladderEvents.append(e)
            }
        }
        try check(try FHIRExport.bundle(data), golden: "spring.fhir.json")
    }
}
