import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import PortalRuntime
import PortalUI
import StoreTestSupport
import XCTest

/// Next week's program on screen (issue 23, point 3), as the real therapist's role on the private cluster: she
/// opens A's chart, writes week 3 in the editor, saves it as a draft (twice: the draft is replaced), and publishes
/// it after the question. A sees nothing of the draft, then the published week, and her Home announces it in the
/// words the editor showed her therapist.
extension TherapistPortalTests {
    func testSheWritesNextWeekOnScreenSavesADraftAndPublishesAndThePatientSeesOnlyThePublishedWeek() throws {
        let c = try Self.cluster.get()
        let world = try ClinicWorld(c)
        let desk = try XCTUnwrap(try ClinicDesk.open(c.conninfo(world.t1), limits: .command, content: sharedContent))
        let clock = clock
        let runtime = try Runtime(therapist: desk, content: sharedContent, clock: { clock })
        runtime.key(.enter)
        XCTAssertEqual(runtime.app.context.chart?.login, world.a.patientRole)
        let before = try world.a.program()
        runtime.key(.character("n"))
        guard case .programEditor(let opened) = runtime.app.top else { return XCTFail("no editor: \(runtime.app.top.kind)") }
        XCTAssertEqual(opened.draft.week.number, before.weeks.count + 1)
        XCTAssertEqual(opened.draft.week.prescriptions, before.weeks.last?.prescriptions, "a copy of her latest week")

        // One more set of the first exercise, and a note to her.
        runtime.key(.right)
        runtime.key(.character("n"))
        for ch in "One more set now" { runtime.key(.character(ch)) }
        runtime.key(.enter)
        runtime.key(.character("s"))
        guard case .programEditor(let saved) = runtime.app.top else { return XCTFail("left the editor") }
        XCTAssertNil(saved.noticeIsProblem ? saved.notice : nil)
        let asTherapist = try world.store(world.t1, for: world.a)
        XCTAssertEqual(try asTherapist.draftWeeks(), [3])
        XCTAssertEqual(try asTherapist.program().week(number: 3), saved.draft.week)
        XCTAssertEqual(try world.a.program(), before, "a draft: she sees nothing of it")
        XCTAssertEqual(rowsTouched(try world.sql(world.a.patientRole), "SELECT * FROM program_week WHERE number = 3"), 0, "not even in SQL")
        XCTAssertFalse(saved.hasUnsavedChanges)

        // Saved again after another change: the draft is replaced, never a second week.
        runtime.key(.right)
        runtime.key(.character("s"))
        guard case .programEditor(let edited) = runtime.app.top else { return XCTFail("left the editor") }
        XCTAssertEqual(try asTherapist.draftWeeks(), [3])
        XCTAssertEqual(try asTherapist.program().weeks.count, before.weeks.count + 1)
        XCTAssertEqual(try asTherapist.program().week(number: 3)?.prescriptions.first?.dose.sets,
                       (before.weeks.last?.prescriptions.first?.dose.sets ?? 0) + 2)

        // Publishing asks first; then she sees it.
        runtime.key(.character("p"))
        XCTAssertEqual(try asTherapist.draftWeeks(), [3], "only asked so far")
        runtime.key(.character("y"))
        XCTAssertEqual(runtime.app.top.kind, .home, "published: back on her chart")
        XCTAssertEqual(try asTherapist.draftWeeks(), [])
        let published = try XCTUnwrap(try world.a.program().week(number: 3))
        XCTAssertEqual(published, edited.draft.week)
        XCTAssertEqual(published.note, "One more set now")

        // Her own Home on the week's first day announces it as the editor's view of her week did.
        let herClock = PortalClock(today: published.starts, time: time("09:00"))
        let her = PortalApp(snapshot: try world.a.snapshot(clock: herClock, rules: sharedContent.exercises.rules), content: sharedContent,
                            glyphs: .unicode)
        let home = her.view(size: Size(width: 200, height: 50)).lines
        let first = sharedContent.exercises.name(try XCTUnwrap(published.prescriptions.first).exerciseID)
        XCTAssertTrue(home.contains { $0.contains("Week 3:") && $0.contains("↑ " + first) }, home.joined(separator: "\n"))

        // A published week is hers: no draft replaces it, and her therapist's delete reaches drafts only.
        XCTAssertThrowsError(try asTherapist.saveDraftWeek(published, library: sharedContent.exercises))
        XCTAssertEqual(rowsTouched(try world.sql(world.t1), ClinicWorld.deleting("program_week", ["number": "3"]), [world.a.patientID]), 0)
        XCTAssertEqual(try world.a.program().week(number: 3), published)
    }
}
