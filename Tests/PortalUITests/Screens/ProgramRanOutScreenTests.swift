import PortalCore
import XCTest
@testable import PortalUI

/// QA J6: once her program has run out (`Program.ranOut(on:)`), Home and Exercises say when its last week ended
/// and what to do, at every size, and count nothing of it as due.
final class ProgramRanOutScreenTests: XCTestCase {
    /// The screen's rows as one text, wrapped rows joined.
    func text(_ buffer: Buffer) -> String {
        (0..<buffer.size.height).map { buffer.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
    }

    func testHomeAndExercisesSayWhenTheLastWeekEndedAndCountNothingDue() throws {
        let last = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let ended = last.starts.adding(days: 6)
        let onLastDay = Fixtures.demo(at: Fixtures.noon, on: ended)
        XCTAssertNil(onLastDay.programRanOut)
        XCTAssertGreaterThan(onLastDay.exercisesToday.prescribed, 0)
        let later = Fixtures.demo(at: Fixtures.noon, on: ended.adding(days: 20))
        XCTAssertEqual(later.programRanOut, ended)
        XCTAssertEqual(later.exercisesToday.prescribed, 0, "nothing due")
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            for glyphs in [Glyphs.unicode, .ascii] {
                let home = text(Fixtures.screen(later, size: size, glyphs: glyphs))
                XCTAssertTrue(home.contains("Your program's last week ended on \(ended.shortText)."), "\(size): \(home)")
                XCTAssertFalse(home.contains("done today"), "\(size): \(home)")
                let exercises = Fixtures.screen(later, size: size, keys: [.character("e")], glyphs: glyphs)
                XCTAssertTrue(text(exercises).contains("Week \(last.number)"), "\(size)")
                XCTAssertTrue(text(exercises).contains("ended \(ended.shortText)"), "\(size): \(text(exercises))")
                XCTAssertTrue(text(exercises).contains("Keep doing it if it still feels right"), "\(size): \(text(exercises))")
                XCTAssertFalse(text(exercises).contains("done today"), "\(size)")
            }
        }
        // On its last day it is still this week's, with its count.
        XCTAssertTrue(text(Fixtures.screen(onLastDay, size: Size(width: 80, height: 24))).contains("done today"))
    }

    /// A row that counts down what is due: "0 of 3 today".
    let dueCount = #"\d+ of \d+ today"#

    func exerciseRows(_ snapshot: PortalSnapshot, size: Size, glyphs: Glyphs = .unicode) -> String {
        Fixtures.screen(snapshot, size: size, keys: [.character("e")], glyphs: glyphs).lines.joined(separator: "\n")
    }

    /// Once her program has run out, or under a sign that means stopping exercise, nothing is due: the header said
    /// so, but each exercise done more than once a day still counted "0 of 3 today". The rows say what she did.
    func testNoRowCountsDownWhatIsDueWhenNothingIsDue() throws {
        let last = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let ranOut = Fixtures.demo(at: Fixtures.noon, on: last.starts.adding(days: 20))
        var stopped = Fixtures.demo
        stopped.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 7, minute: 0)!, signs: ["chest-pain"]))
        XCTAssertTrue(Fixtures.context(stopped).exerciseStopped, "the sign stops exercise")
        // On an ordinary day the twice- and thrice-daily exercises count down.
        XCTAssertNotNil(exerciseRows(Fixtures.demo, size: Size(width: 80, height: 24)).range(of: dueCount, options: .regularExpression))
        let thrice = try XCTUnwrap(last.prescriptions.first { $0.dose.timesPerDay > 1 })
        for snapshot in [ranOut, stopped] {
            for size in [PortalApp.minimumSize, Size(width: 80, height: 24), Size(width: 200, height: 50)] {
                for glyphs in [Glyphs.unicode, .ascii] {
                    let rows = exerciseRows(snapshot, size: size, glyphs: glyphs)
                    XCTAssertNil(rows.range(of: dueCount, options: .regularExpression), "\(size): \(rows)")
                }
            }
            // What she did is still said, without what would have been due.
            var did = snapshot
            did.sessions = [ExerciseSession(date: did.today, exerciseID: thrice.exerciseID, week: last.number, setsDone: thrice.dose.sets)]
            let rows = exerciseRows(did, size: Size(width: 80, height: 24))
            XCTAssertTrue(rows.contains("1 done today"), rows)
            XCTAssertNil(rows.range(of: dueCount, options: .regularExpression), rows)
        }
    }

    func testTheDoneTextSaysOnlyWhatWasDone() {
        func tally(_ sets: [Int], times: Int = 3) -> ExerciseTally {
            ExerciseTally(sets: 2, timesPerDay: times, sessions: sets.map { ExerciseSession(date: Fixtures.today, exerciseID: "x", week: 1, setsDone: $0) })
        }
        XCTAssertNil(ExercisesScreen.doneText(tally([])))
        XCTAssertEqual(ExercisesScreen.doneText(tally([2, 2])), "2 done today")
        XCTAssertEqual(ExercisesScreen.doneText(tally([1])), "1 partial today")
        XCTAssertEqual(ExercisesScreen.doneText(tally([2, 1])), "1 done, 1 partial today")
        XCTAssertNil(ExercisesScreen.doneText(tally([2], times: 1)), "once a day, done: its box says so")
    }

    /// Home's menu called the run-out program "Exercises for this week" (QA J6): no week follows it. The label is no
    /// longer than this week's, so at 60×18 the menu keeps its two columns.
    func testHomesMenuDoesNotCallTheLastWeekThisWeek() throws {
        let last = try XCTUnwrap(Fixtures.demo.program.weeks.last)
        let ranOut = Fixtures.demo(at: Fixtures.noon, on: last.starts.adding(days: 20))
        let onLastDay = Fixtures.demo(at: Fixtures.noon, on: last.starts.adding(days: 6))
        func label(_ ctx: ScreenContext) -> String? { HomeScreen.menu(ctx).first { $0.key == "e" }?.label }
        XCTAssertEqual(label(Fixtures.context(onLastDay)), "Exercises for this week")
        XCTAssertEqual(label(Fixtures.context(ranOut)), "Exercises (no new week)")
        var chart = Fixtures.context(ranOut)
        chart.viewer = .therapist(login: Fixtures.therapist)
        XCTAssertEqual(label(chart), "Exercises (no new week)")
        for size in [PortalApp.minimumSize, Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let home = Fixtures.screen(ranOut, size: size).lines.joined(separator: "\n")
            XCTAssertFalse(home.contains("this week"), "\(size): \(home)")
            XCTAssertTrue(home.contains("e Exercises (no new week)"), "\(size): \(home)")
        }
        let small = Fixtures.screen(ranOut, size: PortalApp.minimumSize).lines
        XCTAssertTrue(small.contains { $0.contains("e Exercises (no new week)") && $0.contains("o Bowel log") }, small.joined(separator: "\n"))
    }
}
