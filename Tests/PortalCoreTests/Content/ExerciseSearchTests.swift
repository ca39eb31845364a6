import StoreTestSupport
import XCTest
@testable import PortalCore

/// The library searched by name, condition or category, as the therapist's editor adds exercises (issue 23).
final class ExerciseSearchTests: XCTestCase {
    let library = sharedContent.exercises

    func testByNameFirstThenByConditionOrCategory() {
        let hip = library.search("hip").map(\.id)
        // Names with "hip" come first, then the exercises for hip pain that do not say so in their name.
        let byName = hip.prefix { library.name($0).lowercased().contains("hip") }
        XCTAssertTrue(byName.contains("standing-hip-extension"))
        XCTAssertTrue(hip.dropFirst(byName.count).contains("clamshell"), "clamshell is for hip pain")
        XCTAssertFalse(hip.dropFirst(byName.count).contains { library.name($0).lowercased().contains("hip") })
        XCTAssertFalse(hip.contains("pelvic-floor-quick-squeezes"))
    }

    func testEveryWordMustMatchAndCaseAndAccentsDoNotMatter() {
        let found = library.search("PELVIC  Floor")
        XCTAssertEqual(Set(found.map(\.id)), Set(library.exercises.filter { $0.category == .pelvicFloor }.map(\.id)))
        let strengthForHip = library.search("strength piriformis")
        XCTAssertFalse(strengthForHip.isEmpty)
        XCTAssertTrue(strengthForHip.allSatisfy { $0.category == .strength && $0.conditions.contains(.hipPiriformis) })
        XCTAssertEqual(library.search("clámshell").map(\.id), ["clamshell"])
        XCTAssertEqual(library.search("no such thing"), [])
        XCTAssertEqual(library.search("  ").count, library.exercises.count, "no query: the whole library")
    }
}
