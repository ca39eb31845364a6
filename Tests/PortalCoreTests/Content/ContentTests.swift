@testable import PortalCore
import StoreTestSupport
import XCTest

/// Checks the shipped content itself, not only the code that reads it.
final class ContentTests: XCTestCase {
    let content = sharedContent

    func testTheLibraryIsBigEnoughAndComplete() {
        XCTAssertGreaterThanOrEqual(content.exercises.exercises.count, 30)
        XCTAssertEqual(Set(content.exercises.exercises.map(\.id)).count, content.exercises.exercises.count, "ids are unique")
        for e in content.exercises.exercises {
            XCTAssertGreaterThanOrEqual(e.steps.count, 3, e.id)
            XCTAssertFalse(e.cues.isEmpty, e.id)
            XCTAssertFalse(e.position.isEmpty, e.id)
            XCTAssertNoThrow(try e.dose.validate(at: e.id))
        }
    }

    func testBackLyingExercisesWarnLaterInPregnancy() {
        for e in content.exercises.exercises where e.position.lowercased().contains("on your back") {
            XCTAssertTrue(e.precautions.contains { $0.applies == .pregnantAfter20Weeks }, "\(e.id) is done on the back")
        }
    }

    func testTheCarePlanTemplateHasSixVisits() throws {
        XCTAssertEqual(content.carePlan.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(content.carePlan.first?.kind, .evaluation)
        XCTAssertEqual(content.carePlan.last?.kind, .discharge)
        XCTAssertTrue(content.carePlan.contains { $0.kind == .reEvaluation })
    }

    func testEveryProgramTemplateRunsSixChangingWeeksOfKnownExercises() {
        XCTAssertGreaterThanOrEqual(content.programs.count, 5)
        for t in content.programs {
            XCTAssertEqual(t.weeks.map(\.number), [1, 2, 3, 4, 5, 6], t.family)
            for w in t.weeks {
                // Scar massage is placed by onboarding, by its rule, not by the week that lists it.
                let placed = w.prescriptions.filter { $0.exerciseID != Onboarding.scarMassageID }
                XCTAssertTrue((2...5).contains(placed.count), "\(t.family) week \(w.number)")
                XCTAssertNoThrow(try ProgramWeekFile.validate(w, library: content.exercises))
            }
            let program = Program(weeks: t.weeks)
            for w in t.weeks.dropFirst() {
                XCTAssertFalse(program.diff(for: w).isEmpty, "\(t.family) week \(w.number) changes nothing")
            }
        }
    }

    func testEveryShippedWeekPassesTheImporter() throws {
        for t in content.programs {
            for w in t.weeks {
                let data = try ProgramWeekFile.encode(w)
                // Read from a file, a week is the therapist's; the templates' own weeks are the portal's.
                var read = try ProgramWeekFile.parse(data, library: content.exercises)
                XCTAssertEqual(read.origin, .therapist)
                XCTAssertEqual(w.origin, .generated)
                read.origin = .generated
                XCTAssertEqual(read, w, "\(t.family) week \(w.number)")
            }
        }
    }

    func testArticlesAreTaggedAndSubstantial() {
        XCTAssertGreaterThanOrEqual(content.articles.count, 10)
        let vocabulary = Set(Condition.allCases.map(\.rawValue) + ["general", "safety", "pregnant", "postpartum"])
        for a in content.articles {
            XCTAssertFalse(a.summary.isEmpty, a.id)
            XCTAssertGreaterThan(a.body.split(separator: " ").count, 200, a.id)
            for tag in a.tags { XCTAssertTrue(vocabulary.contains(tag), "\(a.id): unknown tag \(tag)") }
        }
        XCTAssertNotNil(content.article("hip-pain-in-pregnancy"))
    }

    func testTheQuizAndSafetyGuide() {
        XCTAssertTrue((8...12).contains(content.quiz.questions.count))
        let areas = Set(content.quiz.areas.map(\.area))
        for q in content.quiz.questions { XCTAssertTrue(areas.contains(q.area), q.id) }
        XCTAssertTrue(content.safety.signs.contains { $0.urgency == .emergency })
        XCTAssertTrue(content.safety.signs.contains { $0.stage == .pregnant })
        XCTAssertTrue(content.safety.signs.contains { $0.stage == .postpartum })
        XCTAssertTrue(content.safety.emergencyAdvice.contains("911"))
    }
}
