import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The therapist's portal through the runtime (issue 23): her caseload read before the first paint, a chart
/// opened on Enter and its record used by every effect after, the report made from it with her name in its
/// header, and the caseload read again when she comes back. The desk here holds SQLite stores in memory; the
/// clinic's (`ClinicDesk`, row-level security) is tested on a private cluster in PortalClinicTests.
final class TherapistRuntimeTests: XCTestCase {
    final class Desk: TherapistDesk, @unchecked Sendable {
        let login = "maria"
        let stores: [String: any RecordStore]
        var caseloadReads = 0
        /// What the next caseload reads throw, when set (qa-h H2).
        var failure: PortalError?
        /// What `changeToken` answers: nil, the desk cannot tell (the caseload is read every `reloadSeconds`).
        var token: Int64?
        init(_ stores: [String: any RecordStore]) { self.stores = stores }
        func changeToken() throws -> Int64? { token }
        func caseload(clock: PortalClock) throws -> [CaseloadRow] {
            caseloadReads += 1
            if let failure { throw failure }
            return CaseloadRow.ordered(try stores.map { CaseloadRow(login: $0.key, snapshot: try $0.value.snapshot(clock: clock), guide: content.safety) })
        }
        func chart(_ login: String) throws -> any RecordStore {
            guard let store = stores[login] else { throw PortalError.notFound("There is no patient “\(login)” in your caseload.") }
            return store
        }
    }

    func testSheOpensAChartReadsTheReportAndComesBackToAFreshCaseload() throws {
        // Jordan reported a warning sign this morning: she comes first.
        let jordan = try demoStore()
        try jordan.add(SignReport(date: today, time: TimeOfDay(hour: 8, minute: 0)!, signs: ["vaginal-bleeding"]),
                       rules: EntryRules(now: noon.latestEntry, content: content))
        let desk = Desk(["jordan": jordan, "bea": try SQLiteStore.inMemory()])
        let runtime = try Runtime(therapist: desk, content: content, clock: { noon })
        XCTAssertEqual(runtime.app.top.kind, .caseload)
        XCTAssertEqual(runtime.app.context.caseload.map(\.login), ["jordan", "bea"])
        XCTAssertNil(runtime.runner.store, "no record is open on her caseload")

        runtime.key(.enter)
        XCTAssertEqual(runtime.app.top.kind, .home)
        XCTAssertEqual(runtime.app.context.patient?.name, "Jordan Lee")
        XCTAssertEqual(runtime.app.context.chart, OpenChart(login: "jordan", name: "Jordan Lee"))

        runtime.key(.character("s"))
        guard case .report(let report) = runtime.app.top else { return XCTFail("the report is not shown: \(runtime.app.top.kind)") }
        XCTAssertTrue(report.text.contains("Made 2026-11-27 by her therapist (maria) from the clinic's record."), report.text)
        XCTAssertTrue(report.text.contains("Jordan Lee\n24 weeks pregnant"), "made from her record")

        runtime.key(.escape)
        runtime.key(.escape)
        XCTAssertEqual(runtime.app.top.kind, .caseload)
        XCTAssertEqual(desk.caseloadReads, 2, "read again on the way back")
        XCTAssertNil(runtime.runner.store)
        XCTAssertNil(runtime.app.context.patient)
    }

    /// qa-h H2: a caseload that cannot be read again while it is open says so on screen, and stops saying it
    /// once it is read; it is read again at the next check rather than kept as it was without a word.
    func testAnOpenCaseloadThatCannotBeReadAgainSaysSo() throws {
        let desk = Desk(["jordan": try demoStore()])
        desk.token = 1
        let runtime = try Runtime(therapist: desk, content: content, clock: { noon })
        desk.failure = .storage("The clinic database is busy with another change.")
        desk.token = 2
        runtime.tick(1)
        let screen = runtime.view(size: Size(width: 200, height: 50)).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("Your caseload could not be read again (The clinic database is busy with another change.)"), screen)
        desk.failure = nil
        runtime.tick(1)
        XCTAssertEqual(desk.caseloadReads, 3, "read again at the next check")
        XCTAssertFalse(runtime.view(size: Size(width: 200, height: 50)).lines.joined(separator: "\n").contains("could not be read again"))
    }

    /// Past midnight her caseload is read again once (its rows are worked out on the day), and then only when
    /// the desk's token moves: the caseload carries no record whose clock the new day would move, and the
    /// runtime used to find the day still new at every tick and read her whole caseload once a second.
    func testPastMidnightTheCaseloadIsReadOnceThenOnlyWhenSomethingChanged() throws {
        let desk = Desk(["jordan": try demoStore()])
        desk.token = 1
        final class Clock: @unchecked Sendable { var now = PortalClock(today: today, time: TimeOfDay(hour: 23, minute: 59)!) }
        let clock = Clock()
        let runtime = try Runtime(therapist: desk, content: content, clock: { clock.now })
        XCTAssertEqual(desk.caseloadReads, 1)
        runtime.tick(1)
        runtime.tick(1)
        XCTAssertEqual(desk.caseloadReads, 1, "nothing changed")
        clock.now = PortalClock(today: today.adding(days: 1), time: TimeOfDay(hour: 0, minute: 0)!)
        runtime.tick(1)
        XCTAssertEqual(desk.caseloadReads, 2, "a new day: read again")
        for _ in 0..<10 { runtime.tick(1) }
        XCTAssertEqual(desk.caseloadReads, 2, "and not again while nothing changes")
        desk.token = 2
        runtime.tick(1)
        XCTAssertEqual(desk.caseloadReads, 3, "someone wrote")
    }

    func testWithNoChartOpenAWriteIsRefusedInWordsAndAChartNotHersIsNotOpened() throws {
        let desk = Desk(["jordan": try demoStore()])
        let runner = EffectRunner(desk: desk, content: content, clock: { noon })
        let entry = PainEntry(date: today, time: TimeOfDay(hour: 9, minute: 0)!, score: 3)
        guard case .failed(_, let error) = runner.perform(.savePain(entry)).last else { return XCTFail("saved with no record open") }
        XCTAssertEqual(error.description, "No patient's chart is open, so nothing was saved.")
        guard case .failed(_, let refused) = runner.perform(.openChart(login: "ana")).last else { return XCTFail("opened") }
        XCTAssertEqual(refused.description, "There is no patient “ana” in your caseload.")
        XCTAssertNil(runner.store)
    }

    func testAPatientsRunnerMakesNoTherapistsReport() throws {
        let answer = runner(try demoStore()).perform(.makeReport(width: 78))
        guard case .failed(_, let error) = answer.last else { return XCTFail("a patient's portal made a therapist's report") }
        XCTAssertTrue(error.description.contains("Share with your therapist"), error.description)
    }
}
