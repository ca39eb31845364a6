@testable import PortalCore
import StoreTestSupport
import XCTest

/// The content decoded on first use (the full-screen start) is the same content, and a broken file is still
/// found and named: at once by `init(folder:)` and `check()`, on first use by the on-demand library.
final class OnDemandContentTests: XCTestCase {
    private var folder: URL!

    /// A copy of the shipped Resources/ to break.
    override func setUpWithError() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Resources").standardizedFileURL
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: shipped, to: folder)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func testOnDemandGivesTheSameContentAsTheCheckedLibrary() throws {
        let lazy = try ContentLibrary.bundledOnDemand()
        XCTAssertEqual(lazy.safety, sharedContent.safety)
        XCTAssertEqual(lazy.exercises.name("clamshell"), sharedContent.exercises.name("clamshell"))
        XCTAssertEqual(lazy.exercises.exercises, sharedContent.exercises.exercises)
        XCTAssertEqual(lazy.carePlan, sharedContent.carePlan)
        XCTAssertEqual(lazy.programs, sharedContent.programs)
        XCTAssertEqual(lazy.articles, sharedContent.articles)
        XCTAssertEqual(lazy.quiz, sharedContent.quiz)
        XCTAssertEqual(lazy.measures, sharedContent.measures)
        XCTAssertTrue(lazy.problems.isEmpty)
        XCTAssertNoThrow(try lazy.check())
    }

    func testABrokenArticleIsNamedAtOnceByTheCheckedLibraryAndOnFirstUseByTheOnDemandOne() throws {
        try write("no header here\n\nbody", to: "articles/hip-pain-in-pregnancy.md")
        XCTAssertThrowsError(try ContentLibrary(folder: folder)) { error in
            XCTAssertTrue("\(error)".contains("hip-pain-in-pregnancy"), "\(error)")
        }
        let lazy = try ContentLibrary(onDemand: folder)
        XCTAssertTrue(lazy.problems.isEmpty, "nothing read yet")
        XCTAssertNil(lazy.article("hip-pain-in-pregnancy"))
        XCTAssertEqual(lazy.articles.count, sharedContent.articles.count - 1, "the other articles are still there")
        XCTAssertEqual(lazy.problems.count, 1)
        XCTAssertTrue("\(lazy.problems[0])".contains("hip-pain-in-pregnancy"), "\(lazy.problems[0])")
        XCTAssertThrowsError(try lazy.check())
    }

    func testABrokenCheckInSaysItCouldNotBeReadAndIsNamed() throws {
        let file = "measures/pelvic-floor-check-in.json"
        try write("{\"title\": 3}", to: file)
        XCTAssertThrowsError(try ContentLibrary(folder: folder)) { XCTAssertTrue("\($0)".contains(file), "\($0)") }
        let lazy = try ContentLibrary(onDemand: folder)
        XCTAssertTrue(lazy.quiz.questions.isEmpty)
        XCTAssertTrue(lazy.quiz.intro.contains("could not be read"))
        XCTAssertTrue("\(lazy.problems)".contains(file))
    }

    func testABrokenSafetyGuideStopsEvenTheOnDemandStart() throws {
        try write("{", to: "safety.json")
        XCTAssertThrowsError(try ContentLibrary(onDemand: folder)) { XCTAssertTrue("\($0)".contains("safety.json"), "\($0)") }
    }

    func testExerciseDetailsBrokenLeaveTheNamesAndAreNamed() throws {
        let url = folder.appendingPathComponent("exercises.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        // The first "steps" list becomes a number: the names still decode, the whole exercises do not.
        try write(text.replacingOccurrences(of: "\"steps\": [", with: "\"steps\": 1, \"x\": [", options: [], range: text.range(of: "\"steps\": [")), to: "exercises.json")
        let lazy = try ContentLibrary(onDemand: folder)
        XCTAssertEqual(lazy.exercises.name("clamshell"), sharedContent.exercises.name("clamshell"))
        XCTAssertTrue(lazy.exercises.knows("clamshell"))
        XCTAssertTrue(lazy.problems.isEmpty)
        XCTAssertNil(lazy.exercises.exercise("clamshell"))
        XCTAssertTrue("\(lazy.problems)".contains("exercises.json"), "\(lazy.problems)")
        XCTAssertThrowsError(try ContentLibrary(folder: folder))
    }

    func testFirstUseFromManyThreadsAtOnceDecodesOnce() throws {
        let lazy = try ContentLibrary(onDemand: folder)
        final class Counts: @unchecked Sendable {
            let lock = NSLock()
            var seen: [Int] = []
        }
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let n = lazy.articles.count + lazy.programs.count + lazy.exercises.exercises.count
            counts.lock.withLock { counts.seen.append(n) }
        }
        let expected = sharedContent.articles.count + sharedContent.programs.count + sharedContent.exercises.exercises.count
        XCTAssertEqual(counts.seen, Array(repeating: expected, count: 8))
        XCTAssertTrue(lazy.problems.isEmpty)
    }
}
