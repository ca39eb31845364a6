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
}
