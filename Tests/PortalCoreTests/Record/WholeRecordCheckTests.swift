import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// A whole record from outside the store (a patient's file moved into the clinic) is held to the rules each row
/// was written under, as of its own day, and nothing in it may be dated after today: an edited file cannot bring
/// in what the portal itself would refuse (hostile QA D22), while years of honest history still move in.
final class WholeRecordCheckTests: XCTestCase {
    let now = RecordSamples.clock.latestEntry

    func sample() throws -> PatientRecord {
        let store = try SQLiteStore.inMemory()
        try RecordSamples.fill(store, content: sharedContent)
        return try store.record(.whole)
    }

    func refusal(_ record: PatientRecord) -> String? {
        do { try record.checkWhole(now: now, content: sharedContent); return nil } catch { return "\(error)" }
    }

    func testEveryPartsSampleIsTakenAndOldHistoryIsNotRefusedForItsAge() throws {
        var record = try sample()
        XCTAssertNil(refusal(record))
        // Two years back: older than anything she could type today, but the portal took it on its day.
        let old = try XCTUnwrap(CalendarDate("2024-11-01"))
        record.painEntries.append(PainEntry(date: old, time: TimeOfDay(hour: 9, minute: 0)!, score: 4, note: "before"))
        record.signReports.append(SignReport(date: old, time: TimeOfDay(hour: 10, minute: 0)!, signs: ["severe-headache"]))
        XCTAssertNil(refusal(record))
    }

    func testAnEditedRowIsRefusedByPartAndDateWithTheRulesOwnWords() throws {
        let base = try sample()
        let tomorrow = now.date.adding(days: 1)

        var future = base
        future.painEntries.append(PainEntry(date: CalendarDate("2099-01-01")!, time: TimeOfDay(hour: 9, minute: 0)!, score: 5,
                                            warningSigns: ["chest-pain"]))
        XCTAssertEqual(refusal(future).map { $0.contains("pain entry of 2099-01-01") && $0.contains("after today") }, true, refusal(future) ?? "")

        var escape = base
        escape.painEntries[0].note = "n\u{1B}]52;c;aGk=\u{07}"
        XCTAssertEqual(refusal(escape)?.contains("pain entry of \(base.painEntries[0].date)"), true, refusal(escape) ?? "")

        var name = base
        name.patient?.name = "\u{1B}[31mLia"
        XCTAssertEqual(refusal(name)?.contains("Her details"), true, refusal(name) ?? "")

        var sign = base
        sign.painEntries[0].warningSigns = ["not-a-sign"]
        XCTAssertEqual(refusal(sign)?.contains("“not-a-sign” is not a warning sign"), true, refusal(sign) ?? "")

        var measure = base
        measure.measureResponses.append(MeasureResponse(measureID: "made-up", date: now.date, answers: ["1": 1]))
        XCTAssertEqual(refusal(measure)?.contains("“made-up” is not a questionnaire"), true, refusal(measure) ?? "")

        var bowel = base
        if !bowel.bowelEntries.isEmpty {
            bowel.bowelEntries[0].date = tomorrow
            XCTAssertEqual(refusal(bowel)?.contains("bowel log entry of \(tomorrow)"), true, refusal(bowel) ?? "")
        } else { XCTFail("the samples have a bowel entry") }
    }
}
