import PortalCore
import XCTest
@testable import PortalUI

/// Every shipped article and exercise, read to the end on screen at 80 columns and at the minimum width:
/// nothing may be cut off or run past the edge.
final class ContentRenderingTests: XCTestCase {
    let content = Fixtures.content
    /// The content areas PortalApp gives a screen at 80×24 and at the minimum 60×18.
    let sizes = [Size(width: 78, height: 21), Size(width: 58, height: 15)]

    private func words(_ text: String) -> Set<String> {
        Set(text.replacingOccurrences(of: "## ", with: " ").replacingOccurrences(of: "\n- ", with: " ")
            .split(whereSeparator: { $0.isWhitespace }).map(String.init))
    }

    private func screenWords(_ lines: [String]) -> Set<String> {
        Set(lines.joined(separator: " ").split(whereSeparator: { $0.isWhitespace }).map(String.init))
    }

    func testEveryArticleReadsToTheEndAtBothWidths() throws {
        let demo = Fixtures.context(Fixtures.demo)
        for article in content.articles {
            for size in sizes {
                let ctx = demo.with(area: size)  // the reader pages by the area it is drawn in
                var reader = ReaderScreen(articleID: article.id, title: article.title)
                var seen: [String] = []
                for _ in 0..<100 {
                    var b = Buffer(size: size)
                    reader.view(ctx, into: &b, area: b.area)
                    XCTAssertTrue(b.lines.allSatisfy { DisplayWidth.of($0) <= size.width }, article.id)
                    seen += b.lines
                    if b.contains("End of the article") { break }
                    _ = reader.handle(.pageDown, ctx)
                }
                let missing = words(article.body).subtracting(screenWords(seen))
                XCTAssertTrue(missing.isEmpty, "\(article.id) at \(size.width) columns never shows: \(missing.sorted().prefix(10))")
            }
        }
    }

    func testEveryExerciseShowsAllItsStepsCuesAndPrecautionsAtBothWidths() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        for exercise in content.exercises.exercises {
            for size in sizes {
                var detail = ExerciseDetailScreen(exerciseID: exercise.id, week: 4)
                var seen: [String] = []
                for _ in 0..<200 {
                    var b = Buffer(size: size)
                    detail.view(ctx, into: &b, area: b.area)
                    XCTAssertTrue(b.lines.allSatisfy { DisplayWidth.of($0) <= size.width }, exercise.id)
                    seen += b.lines
                    let before = detail
                    _ = detail.handle(.down, ctx)
                    if detail == before { break }
                }
                let text = (exercise.steps + exercise.cues + exercise.precautions.map(\.text)).joined(separator: " ")
                let missing = words(text).subtracting(screenWords(seen))
                XCTAssertTrue(missing.isEmpty, "\(exercise.id) at \(size.width) columns never shows: \(missing.sorted().prefix(10))")
            }
        }
    }
}
