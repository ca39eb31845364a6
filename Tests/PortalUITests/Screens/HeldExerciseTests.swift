import XCTest
import PortalCore
@testable import PortalUI

/// Issue 18 QA, points 1, 2 and 5: a week kept when her details changed (here: a C-section recorded 3 weeks ago,
/// after week 4 was written with a side plank, which waits 8 weeks) shows the exercise as waiting, with why, in
/// every place that counts or ticks it: Exercises, the exercise's page and Home. It cannot be marked done.
final class HeldExerciseTests: XCTestCase {
    typealias F = Fixtures

    /// The demo 3 weeks after a C-section (Fri 6 Nov: the side plank waits until Fri 1 Jan), week 4 starting with
    /// the side plank from the knees, as a week written before the birth was recorded.
    func held(origin: WeekOrigin = .generated, decision: String = "") -> PortalSnapshot {
        var s = F.demo
        s.patient?.stage = .postpartum(birthDate: CalendarDate("2026-11-06")!, delivery: .cesarean)
        s.program = Program(weeks: s.program.weeks.map { w in
            var w = w
            if w.number == 4 {
                w.prescriptions.insert(Prescription(exerciseID: "side-plank-knees", dose: Dose(sets: 2, reps: 5), therapistDecision: decision), at: 0)
                w.origin = origin
            }
            return w
        })
        return s
    }

    func testExercisesShowsItWaitingWithWhyAndDoesNotCountIt() {
        // 30 rows: the week of 6 and the side plank fill 80×24 down to the hints; why is said under the list.
        let lines = F.screen(held(), size: Size(width: 80, height: 30), keys: [.character("e")]).lines
        XCTAssertTrue(lines[2].contains("1 of 6 done today"), "the side plank is not counted: \(lines[2])")
        guard let row = lines.firstIndex(where: { $0.contains("Side plank from the knees") }) else { return XCTFail("\(lines)") }
        XCTAssertTrue(lines[row].contains("WAIT"), lines[row])
        XCTAssertFalse(lines[row].contains("[ ]"), "no box to tick: \(lines[row])")
        XCTAssertTrue(lines[row + 1].contains("Wait: not yet right for you (from Fri 1 Jan)"), lines[row + 1])
        XCTAssertTrue(lines.contains { $0.contains("waits until 8 weeks after your C-section") }, "why, under the list: \(lines)")
    }

    func testSpaceDoesNotMarkAHeldExerciseAndSaysWhy() {
        let ctx = F.context(held())
        var s = ExercisesScreen()
        XCTAssertEqual(s.handle(.character(" "), ctx), .stay)
        XCTAssertTrue(s.notice?.hasPrefix("Side plank from the knees waits until 8 weeks after your C-section (Fri 1 Jan).") == true, s.notice ?? "")
        XCTAssertFalse(s.hints(ctx).map(\.label).contains("done"), "no Space done for it")
        // The next exercise is marked as before.
        s.selected = 2
        XCTAssertEqual(s.handle(.character(" "), ctx), .effects(.markDone(exerciseID: "sit-to-stand", date: F.today)))

        var detail = ExerciseDetailScreen(exerciseID: "side-plank-knees", week: 4)
        XCTAssertEqual(detail.handle(.character(" "), ctx), .stay)
        XCTAssertNotNil(detail.notice)
        let page = F.draw(detail, ctx, width: 80, height: 24).lines
        XCTAssertTrue(page.contains { $0.contains("Wait: not yet right for you") }, "\(page)")
        XCTAssertTrue(page.contains { $0.contains("waits until 8 weeks after your") }, "\(page)")
    }

    func testInHerTherapistsWeekSheIsSentToHerTherapist() {
        let ctx = F.context(held(origin: .therapist))
        var s = ExercisesScreen()
        _ = s.handle(.character(" "), ctx)
        XCTAssertTrue(s.notice?.contains("Your therapist wrote this week; ask her before you do it.") == true, s.notice ?? "")
    }

    func testATherapistsDecisionIsNotHeld() {
        let ctx = F.context(held(origin: .therapist, decision: "Checked in clinic: her scar has healed well."))
        var s = ExercisesScreen()
        XCTAssertEqual(s.handle(.character(" "), ctx), .effects(.markDone(exerciseID: "side-plank-knees", date: F.today)))
        let lines = F.screen(held(origin: .therapist, decision: "x"), size: Size(width: 80, height: 24), keys: [.character("e")]).lines
        XCTAssertTrue(lines[2].contains("1 of 7 done today"), lines[2])
    }

    func testHomeListsItAsWaitingAndLeavesItOutOfTheCount() {
        let lines = F.screen(held(), size: Size(width: 200, height: 50)).lines
        XCTAssertTrue(lines.contains { $0.contains("1 of 6 done today (week 4)") }, "\(lines)")
        guard let row = lines.firstIndex(where: { $0.contains("Side plank from the knees  wait") }) else { return XCTFail("\(lines)") }
        XCTAssertFalse(lines[row].contains("[ ]"), lines[row])
        XCTAssertEqual(F.context(held()).snapshot.log.today(F.today).prescribed, 6)
    }

    /// Home's "New" line announces what week 4 brings, but never an exercise she is told to wait for.
    func testHomesNewLineDoesNotAnnounceAHeldExercise() {
        let lines = F.screen(held(), size: Size(width: 200, height: 50)).lines
        guard let new = lines.first(where: { $0.hasPrefix(" New ") }) else { return XCTFail("\(lines)") }
        XCTAssertTrue(new.contains("Week 4: + Standing hip extension"), new)
        XCTAssertFalse(new.contains("Side plank"), new)
        // Her therapist's decision is hers to make: not held, so announced.
        let decided = F.screen(held(decision: "Checked in clinic."), size: Size(width: 200, height: 50)).lines
        XCTAssertTrue(decided.contains { $0.hasPrefix(" New ") && $0.contains("Side plank from the knees") }, "\(decided)")
    }
}
