import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The diaries' and questionnaires' effects carried out for real (issue 22, phase 2): what a screen says it
/// saved is in the store, and the snapshot the screen then draws from holds it.
final class EffectRunnerDiaryTests: XCTestCase {

    func testABladderEntryIsSavedChangedAndDeleted() throws {
        let store = try demoStore()
        let leak = BladderEvent(date: today, time: TimeOfDay(hour: 11, minute: 0)!, kind: .leak)
        let saved = Answer(runner(store).perform(.saveBladder(leak)), on: store)
        guard case .bladderEvent(let stored)? = saved.saved else { return XCTFail("not saved: \(String(describing: saved.failed))") }
        XCTAssertEqual(try store.entries(BladderEvent.self, from: today, to: today), [stored])
        XCTAssertEqual(saved.snapshot?.record.bladderEvents, [stored], "the screen's snapshot holds it")

        var details = stored
        details.amount = .wet
        details.activity = .lift
        _ = Answer(runner(store).perform(.updateBladder(details)), on: store)
        XCTAssertEqual(try store.entries(BladderEvent.self, from: today, to: today).first?.leakKind, .stress)

        let deleted = Answer(runner(store).perform(.deleteBladder(id: stored.id!)), on: store)
        XCTAssertEqual(deleted.saved, .deletedBladderEvent(id: stored.id!))
        XCTAssertEqual(try store.entries(BladderEvent.self, from: nil, to: nil), [])
    }

    func testAnEntryTheRulesRefuseIsNotSaved() throws {
        let store = try demoStore()
        let drink = BladderEvent(date: today, time: TimeOfDay(hour: 11, minute: 0)!, kind: .drink, volumeML: 9000)
        let answer = Answer(runner(store).perform(.saveBladder(drink)), on: store)
        XCTAssertNotNil(answer.failed)
        XCTAssertEqual(try store.entries(BladderEvent.self, from: nil, to: nil), [])
    }

    func testABowelEntryAndAQuestionnaireAreSaved() throws {
        let store = try demoStore()
        let bowel = Answer(runner(store).perform(.saveBowel(BowelEntry(date: today, time: TimeOfDay(hour: 8, minute: 0)!, type: .four))), on: store)
        XCTAssertNil(bowel.failed)
        XCTAssertEqual(try store.entries(BowelEntry.self, from: nil, to: nil).map(\.type), [.four])
        let psfs = MeasureResponse(measureID: "psfs", date: today, activities: [RatedActivity("Lifting", 3), RatedActivity("Walking", 5), RatedActivity("Sitting", 4)])
        let measure = Answer(runner(store).perform(.saveMeasure(psfs)), on: store)
        XCTAssertNil(measure.failed)
        XCTAssertEqual(try store.entries(MeasureResponse.self, from: nil, to: nil).map(\.activities), [psfs.activities])
        XCTAssertEqual(measure.snapshot?.record.measureResponses.count, 1)
    }
}
