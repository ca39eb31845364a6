import PortalCore
import XCTest
@testable import PortalUI

/// Review of QA G2 on the screens: Ana (low back pain) set up pregnant with visit 1 on Fri 20 Nov; her therapist
/// wrote week 3 while she was pregnant; her baby came by C-section on Wed 25 Nov, recorded on Fri 27 Nov as the
/// set-up form records it. Week 2, under way from that day, was planned for her pregnancy; her therapist's week 3
/// stays, and is named with the word to check with her therapist first.
final class AfterBirthScreensTests: XCTestCase {
    static let clock = PortalClock(today: CalendarDate("2026-11-27")!, time: TimeOfDay(hour: 10, minute: 0)!)

    /// `pregnantWith`: her conditions while pregnant (round ligament pain is left out after the birth).
    func snapshot(pregnantWith: [Condition] = [.lowBack]) throws -> PortalSnapshot {
        let store = try SQLiteStore.inMemory()
        let library = Fixtures.content.exercises, today = Self.clock.today
        let pregnant = Patient(name: "Ana", stage: .pregnant(dueDate: CalendarDate("2027-03-01")!), conditions: pregnantWith)
        let onboarding = Onboarding(content: Fixtures.content)
        try onboarding.setUp(pregnant, firstVisit: LocalDateTime("2026-11-20T09:30")!, store: store, clock: Self.clock)
        var three = try XCTUnwrap(store.program().week(number: 3))
        three.origin = .therapist
        three.note = "Keep your knees together when you roll."
        try store.addProgramWeek(three, library: library, today: today)
        var born = pregnant
        born.stage = .postpartum(birthDate: CalendarDate("2026-11-25")!, delivery: .cesarean)
        born.conditions = [.cSectionScar, .lowBack]
        let change = try onboarding.change(from: pregnant, to: born, program: try store.program(), readingList: try store.readingList(), today: today)
        XCTAssertTrue(change.replacesWithoutAsking)
        try store.updateProfile(change.patient, readingList: change.readingList, upcomingWeeks: change.offeredWeeks, library: library, today: today)
        var s = try PortalSnapshot.load(from: store, clock: Self.clock)
        s.exerciseRules = library.rules  // as the app sets them
        return s
    }

    func text(_ app: PortalApp, _ width: Int, _ height: Int) -> String {
        app.view(size: Size(width: width, height: height)).lines.joined(separator: "\n")
    }

    func testHomeNamesHerTherapistsWeekPlannedBeforeTheBirthAtEverySize() throws {
        let s = try snapshot()
        for (w, h) in [(60, 18), (80, 24), (200, 50)] {
            let home = words(text(Fixtures.app(s), w, h))
            XCTAssertTrue(home.contains("After the birth, check with your provider or therapist before you exercise again."), "\(w)x\(h): \(home)")
            XCTAssertTrue(home.contains("Your therapist planned week 3 before the birth: check with your therapist before you do it."), "\(w)x\(h): \(home)")
        }
    }

    func testExercisesSaysItAboveHerTherapistsWeekAndNamesNoHeldExerciseInTheNote() throws {
        let s = try snapshot(pregnantWith: [.lowBack, .roundLigament])
        let week2 = text(Fixtures.app(s, keys: [.character("e")]), 80, 24)
        XCTAssertTrue(week2.contains("After the birth: Check"), week2)
        let note = week2.components(separatedBy: "\n").filter { $0.contains("About this week") }.joined()
        XCTAssertFalse(note.isEmpty, week2)
        let held = try XCTUnwrap(s.currentWeek).prescriptions.filter { s.holds.isHeld($0, on: Self.clock.today) }
        XCTAssertFalse(held.isEmpty, "sit to stand waits for her program after the birth")
        for p in held {
            XCTAssertFalse(note.lowercased().contains(Fixtures.content.exercises.name(p.exerciseID).lowercased()), "\(p.exerciseID) waits: \(week2)")
        }
        let week3 = text(Fixtures.app(s, keys: [.character("e"), .right]), 80, 24)
        XCTAssertTrue(week3.contains("Viewing week 3"), week3)
        XCTAssertTrue(words(week3).contains("Your therapist planned this week before the birth: check with your therapist before you do it."), week3)
    }

    /// QA J8: the banner said "After the birth: After the birth, check …", and Space on an exercise that waits
    /// printed why twice (the notice and the words under the list). Each is said once, at every size; where the
    /// banner's two rows hold it, it says too that the week was planned for her pregnancy.
    func testExercisesSaysTheBirthOnceAndWhyAnExerciseWaitsOnce() throws {
        let s = try snapshot(pregnantWith: [.lowBack, .roundLigament])
        let week = try XCTUnwrap(s.currentWeek)
        let i = try XCTUnwrap(week.prescriptions.firstIndex { s.holds.isHeld($0, on: Self.clock.today) }, "week 2 holds one: \(week.prescriptions)")
        let name = Fixtures.content.exercises.name(week.prescriptions[i].exerciseID)
        for (w, h) in [(60, 18), (80, 24), (200, 50)] {
            let keys: [Key] = [.character("e")] + Array(repeating: Key.down, count: i) + [.character(" ")]
            let screen = words(text(Fixtures.app(s, keys: keys), w, h))
            XCTAssertEqual(screen.components(separatedBy: "After the birth").count - 1, 1, "\(w)x\(h): \(screen)")
            XCTAssertTrue(screen.contains("After the birth: Check with your provider or therapist before you exercise again."), "\(w)x\(h): \(screen)")
            XCTAssertEqual(screen.components(separatedBy: "\(name) waits until").count - 1, 1, "\(w)x\(h): \(screen)")
        }
        let wide = words(text(Fixtures.app(s, keys: [.character("e")]), 200, 50))
        XCTAssertTrue(wide.contains("before you exercise again. This week's exercises were planned for your pregnancy."), wide)
    }

    /// Words with any run of spaces and line breaks as one space, without the pain chart's axis beside them at
    /// 200x50: how wrapped text compares.
    func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0 != "│" }.joined(separator: " ") }
}
