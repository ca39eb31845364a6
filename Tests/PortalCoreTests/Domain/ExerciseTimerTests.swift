import XCTest
@testable import PortalCore

final class ExerciseTimerTests: XCTestCase {
    /// A compact picture of where the timer is, so a whole sequence reads as one list.
    private func where_(_ t: ExerciseTimer) -> String {
        "\(t.phase) s\(t.set) r\(t.rep) side\(t.sideIndex) \(t.secondsLeft)s"
    }

    /// Skips through every phase and records each one until the timer finishes.
    private func walk(_ dose: Dose) -> [String] {
        var t = ExerciseTimer(dose: dose)
        var seen = [where_(t)]
        while t.phase != .finished, seen.count < 200 {
            t.skip()
            seen.append(where_(t))
        }
        return seen
    }

    func testHoldsAlternateWithReleasesAndSetsAreSeparatedByRest() {
        let dose = Dose(sets: 2, reps: 2, holdSeconds: 5, restSeconds: 20)
        XCTAssertEqual(walk(dose), [
            "getReady s1 r1 side1 5s",
            "work s1 r1 side1 5s",
            "release s1 r1 side1 5s",
            "work s1 r2 side1 5s",
            "rest s1 r2 side1 20s",
            "work s2 r1 side1 5s",
            "release s2 r1 side1 5s",
            "work s2 r2 side1 5s",
            "finished s2 r2 side1 0s",
        ])
    }

    func testWithoutAHoldRepsArePacedWithoutARelease() {
        let dose = Dose(sets: 1, reps: 3, holdSeconds: 0, restSeconds: 30)
        XCTAssertEqual(walk(dose), [
            "getReady s1 r1 side1 5s",
            "work s1 r1 side1 3s",
            "work s1 r2 side1 3s",
            "work s1 r3 side1 3s",
            "finished s1 r3 side1 0s",
        ])
        var t = ExerciseTimer(dose: dose)
        t.skip()
        XCTAssertEqual(t.instruction, "Rep 1")
    }

    func testEachSideDoesEverySetOnTheLeftThenSwitchesToTheRight() {
        let dose = Dose(sets: 2, reps: 1, holdSeconds: 4, restSeconds: 10, side: .each)
        XCTAssertEqual(walk(dose), [
            "getReady s1 r1 side1 5s",
            "work s1 r1 side1 4s",
            "rest s1 r1 side1 10s",
            "work s2 r1 side1 4s",
            "switchSides s1 r1 side2 8s",
            "work s1 r1 side2 4s",
            "rest s1 r1 side2 10s",
            "work s2 r1 side2 4s",
            "finished s2 r1 side2 0s",
        ])
    }

    func testInstructionsNameTheSideAndTheNextSet() {
        var t = ExerciseTimer(dose: Dose(sets: 2, reps: 1, holdSeconds: 4, restSeconds: 10, side: .each))
        XCTAssertEqual(t.sides, 2)
        XCTAssertEqual(t.instruction, "Get into position (left side)")
        t.skip()
        XCTAssertEqual(t.instruction, "Hold (left side)")
        t.skip()
        XCTAssertEqual(t.instruction, "Rest before set 2")
        t.skip()
        t.skip()
        XCTAssertEqual(t.instruction, "Switch to the right side")
        XCTAssertEqual(t.sideName, "right side")
        t.skip()
        XCTAssertEqual(t.instruction, "Hold (right side)")
        t.skip()
        t.skip()
        t.skip()
        XCTAssertEqual(t.instruction, "All done. Well done!")

        var one = ExerciseTimer(dose: Dose(sets: 1, reps: 2, holdSeconds: 5))
        XCTAssertNil(one.sideName)
        one.skip()
        XCTAssertEqual(one.instruction, "Hold")
        one.skip()
        XCTAssertEqual(one.instruction, "Relax")
    }

    func testAdvanceSaysWhetherThePhaseChanged() {
        var t = ExerciseTimer(dose: Dose(sets: 1, reps: 2, holdSeconds: 5))
        XCTAssertFalse(t.advance(by: 2), "still getting ready")
        XCTAssertEqual(t.phase, .getReady)
        XCTAssertEqual(t.remaining, 3, accuracy: 1e-9)
        XCTAssertEqual(t.secondsLeft, 3)
        XCTAssertFalse(t.advance(by: 0.5))
        XCTAssertEqual(t.secondsLeft, 3, "2.5 s left shows as 3, as a countdown does")
        XCTAssertTrue(t.advance(by: 2.5), "exactly at the end of get-ready the hold starts")
        XCTAssertEqual(t.phase, .work)
        XCTAssertEqual(t.remaining, 5, accuracy: 1e-9)
        XCTAssertTrue(t.advance(by: 6), "past the hold into the release")
        XCTAssertEqual(t.phase, .release)
        XCTAssertEqual(t.remaining, 4, accuracy: 1e-9, "the extra second counts towards the release")
        XCTAssertFalse(t.advance(by: 0))
        XCTAssertFalse(t.advance(by: -3))
        XCTAssertEqual(t.remaining, 4, accuracy: 1e-9)
    }

    func testOneLongAdvanceRunsThroughSeveralPhasesToTheEnd() {
        var t = ExerciseTimer(dose: Dose(sets: 2, reps: 2, holdSeconds: 5, restSeconds: 20))
        // 5 ready + (5 + 5 + 5) + 20 rest + (5 + 5 + 5) = 55 s in all.
        XCTAssertTrue(t.advance(by: 54.5))
        XCTAssertEqual(where_(t), "work s2 r2 side1 1s")
        XCTAssertTrue(t.advance(by: 100))
        XCTAssertEqual(t.phase, .finished)
        XCTAssertEqual(t.remaining, 0)
        XCTAssertFalse(t.advance(by: 1), "nothing changes once finished")
        t.skip()
        XCTAssertEqual(t.phase, .finished)
    }

    func testPauseStopsTheClockUntilResumed() {
        var t = ExerciseTimer(dose: Dose(sets: 1, reps: 1, holdSeconds: 5))
        t.togglePause()
        XCTAssertTrue(t.isPaused)
        XCTAssertFalse(t.advance(by: 30))
        XCTAssertEqual(t.phase, .getReady)
        XCTAssertEqual(t.remaining, 5)
        t.togglePause()
        XCTAssertFalse(t.isPaused)
        XCTAssertTrue(t.advance(by: 5))
        XCTAssertEqual(t.phase, .work)
    }

    func testSkipWhilePausedMovesOnAndFinishingClearsThePause() {
        var t = ExerciseTimer(dose: Dose(sets: 1, reps: 1, holdSeconds: 5))
        t.togglePause()
        t.skip()
        XCTAssertEqual(t.phase, .work)
        XCTAssertTrue(t.isPaused, "skipping does not resume")
        t.skip()
        XCTAssertEqual(t.phase, .finished)
        XCTAssertFalse(t.isPaused, "a finished timer is not shown as paused")
        t.togglePause()
        XCTAssertFalse(t.isPaused, "a finished timer cannot be paused")
    }

    func testReleaseLastsAsLongAsTheHoldBetweenTwoAndTenSeconds() {
        var long = ExerciseTimer(dose: Dose(sets: 1, reps: 2, holdSeconds: 30))
        long.skip()
        long.skip()
        XCTAssertEqual(long.phase, .release)
        XCTAssertEqual(long.secondsLeft, 10)
        var short = ExerciseTimer(dose: Dose(sets: 1, reps: 2, holdSeconds: 1))
        short.skip()
        short.skip()
        XCTAssertEqual(short.secondsLeft, 2)
    }

    func testNoRestStillPausesOneSecondBetweenSets() {
        var t = ExerciseTimer(dose: Dose(sets: 2, reps: 1, holdSeconds: 0, restSeconds: 0))
        t.skip()
        t.skip()
        XCTAssertEqual(t.phase, .rest)
        XCTAssertEqual(t.secondsLeft, 1)
    }

    func testPhaseProgressRunsFromZeroToOne() {
        var t = ExerciseTimer(dose: Dose(sets: 1, reps: 1, holdSeconds: 10))
        XCTAssertEqual(t.phaseSeconds, 5)
        XCTAssertEqual(t.phaseProgress, 0, accuracy: 1e-9)
        t.advance(by: 2.5)
        XCTAssertEqual(t.phaseProgress, 0.5, accuracy: 1e-9)
        t.advance(by: 2.5)
        XCTAssertEqual(t.phaseSeconds, 10, "the hold's own length")
        XCTAssertEqual(t.phaseProgress, 0, accuracy: 1e-9)
        t.advance(by: 7.5)
        XCTAssertEqual(t.phaseProgress, 0.75, accuracy: 1e-9)
        t.skip()
        XCTAssertEqual(t.phase, .finished)
        XCTAssertEqual(t.phaseProgress, 1)
    }
}
