import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The portal follows her life, through the screens and the store: changing "About me", the baby's
/// arrival with the program it offers, and visits that already happened.
final class PatientLifeTests: XCTestCase {
    private func type(_ text: String, _ runtime: Runtime) {
        for c in text { _ = runtime.key(.character(c)) }
    }

    private func screen(_ runtime: Runtime, _ size: Size = Size(width: 80, height: 24)) -> String {
        runtime.view(size: size).lines.joined(separator: "\n")
    }

    func testTheBabyArrivesAndTheProgramAfterTheBirthFollows() throws {
        let store = try demoStore()
        // Round ligament pain on her list, as a pregnant patient may have it: it ends with the pregnancy.
        var mum = try XCTUnwrap(try store.patient())
        mum.conditions.append(.roundLigament)
        try store.updateProfile(mum, readingList: try store.readingList(), today: noon.today)
        let before = try store.program().weeks
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        _ = runtime.key(.character("i"))
        _ = runtime.key(.character("b"))
        guard case .setup(let form) = runtime.app.top else { return XCTFail("no birth form: \(runtime.app.top)") }
        XCTAssertEqual(form.mode, .birth)
        XCTAssertEqual(form.birthDate.value, "2026-11-27", "today, to start with")
        _ = runtime.key(.ctrl("u"))
        type("2026-11-25", runtime)
        _ = runtime.key(.tab)
        _ = runtime.key(.right)  // C-section
        _ = runtime.key(.ctrl("s"))
        let patient = try XCTUnwrap(try store.patient())
        XCTAssertEqual(patient.stage, .postpartum(birthDate: CalendarDate("2026-11-25")!, delivery: .cesarean))
        XCTAssertEqual(patient.conditions, [.hipPiriformis], "round ligament pain ends with the pregnancy")
        XCTAssertTrue(try store.readingList().contains("mastitis-and-clogged-ducts"), "postpartum reading is added")
        // Saved, and (QA G2) the program after the birth takes the place of the weeks planned for her pregnancy
        // that have not started, without a question she could miss, and she is told to check first.
        let weeks = try store.program().weeks
        XCTAssertEqual(Array(weeks.prefix(4)), Array(before.prefix(4)), "the weeks already under way stay as they were")
        XCTAssertEqual(weeks.map(\.number), Array(1...10))
        XCTAssertEqual(weeks[4].starts, CalendarDate("2026-12-01"))
        let flash = try XCTUnwrap(runtime.app.flash?.text)
        XCTAssertTrue(flash.hasPrefix("Birth saved: check with your provider or therapist before you exercise again. "
                                      + "Your program goes on with weeks 5 to 10, from Tue 1 Dec"), flash)
        // The form hid round ligament pain at the new stage and the save took it off her list: said, not silent.
        XCTAssertTrue(flash.contains("Round ligament pain (front of hip, groin) happens during pregnancy: it is off your list now."), flash)
        guard case .profile = runtime.app.top else { return XCTFail("back on About me: \(runtime.app.top)") }
        XCTAssertTrue(screen(runtime).contains("Less than a week after birth · C-section birth"))
        XCTAssertFalse(screen(runtime).contains("b baby born"), "she is no longer pregnant")
    }

    func testChangingHerDetailsUsesSetUpsChecksAndKeepsTheProgramWhenSheSaysNo() throws {
        let store = try demoStore()
        let before = try store.program().weeks
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        _ = runtime.key(.character("i"))
        _ = runtime.key(.character("e"))
        guard case .setup(let form) = runtime.app.top else { return XCTFail("no edit form") }
        XCTAssertEqual(form.name.value, "Jordan Lee")
        XCTAssertFalse(form.fields.contains(.firstVisit), "visits are changed on the visit screens")
        let drawn = screen(runtime)
        XCTAssertTrue(drawn.contains("Change what has changed"), drawn)
        // An empty name is refused, as at set-up, and nothing is saved.
        _ = runtime.key(.ctrl("u"))
        _ = runtime.key(.ctrl("s"))
        XCTAssertTrue(screen(runtime).contains("Please enter your name."))
        XCTAssertEqual(try store.patient()?.name, "Jordan Lee")
        type("Jordan Q. Lee", runtime)
        // Tick low back pain (the fourth condition): its program is offered.
        _ = runtime.key(.tab); _ = runtime.key(.tab); _ = runtime.key(.tab)
        for _ in 0..<3 { _ = runtime.key(.down) }
        _ = runtime.key(.character(" "))
        _ = runtime.key(.ctrl("s"))
        let patient = try XCTUnwrap(try store.patient())
        XCTAssertEqual(patient.name, "Jordan Q. Lee")
        XCTAssertEqual(patient.conditions, [.hipPiriformis, .lowBack])
        XCTAssertTrue(screen(runtime).contains("There is a program for your conditions now: weeks 5 to 10"), screen(runtime))
        _ = runtime.key(.character("n"))
        XCTAssertEqual(try store.program().weeks, before, "no is no")
        guard case .profile = runtime.app.top else { return XCTFail("back on About me") }
        XCTAssertTrue(screen(runtime).contains("Low back pain"))
    }

    func testPastTheDueDateHomeAsksWhetherTheBabyHasArrived() throws {
        let store = try SQLiteStore.inMemory()
        let patient = Patient(name: "Ana", stage: .pregnant(dueDate: CalendarDate("2026-11-20")!), conditions: [.lowBack])
        try Onboarding(content: content).setUp(patient, firstVisit: nil, store: store, clock: noon)
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        let home = screen(runtime)
        XCTAssertTrue(home.contains("Question    Your due date passed 7 days ago. Has your baby arrived? Press a."), home)
        _ = runtime.key(.character("a"))
        guard case .setup(let form) = runtime.app.top else { return XCTFail("no birth form") }
        XCTAssertEqual(form.mode, .birth)
        // Six weeks later she is still never shown past 42 weeks.
        XCTAssertEqual(patient.progress(on: CalendarDate("2027-01-30")!).pregnancyWeek, 42)
    }

    func testABookedVisitWhoseTimeHasPassedIsAskedAboutUntilRecorded() throws {
        let store = try demoStore()  // visit 3 is booked for Thu 3 Dec at 10:15
        let later = PortalClock(today: CalendarDate("2026-12-03")!, time: TimeOfDay(hour: 12, minute: 0)!)
        let runtime = try Runtime(store: store, content: content, clock: { later })
        runtime.resized(Size(width: 80, height: 24))
        XCTAssertTrue(screen(runtime).contains("Visit 3 was Thu 3 Dec — did it take place? Press a."), screen(runtime))
        _ = runtime.key(.character("a"))
        XCTAssertEqual(runtime.app.top, .visitDetail(VisitDetailScreen(number: 3)))
        XCTAssertTrue(screen(runtime).contains("m missed"))
        _ = runtime.key(.character("m"))
        XCTAssertTrue(screen(runtime).contains("Record visit 3 as missed?"))
        _ = runtime.key(.character("y"))
        XCTAssertEqual(try store.carePlan()?.visits[2].status, .missed)
        XCTAssertTrue(screen(runtime).contains("[ ] Missed"), screen(runtime))
        _ = runtime.key(.escape)
        XCTAssertFalse(screen(runtime).contains("did it take place?"), "answered")
    }

    /// The demo a newcomer opens has visit 3 three days ago, not recorded: Home asks about it at once.
    func testTheNewcomersDemoAsksWhetherItsLateVisitTookPlaceAndTakesTheAnswer() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: content, today: today, time: noon.time).load(into: store)
        let runtime = try Runtime(store: store, content: content, demo: true, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        XCTAssertTrue(screen(runtime).contains("Visit 3 was Tue 24 Nov — did it take place? Press a."), screen(runtime))
        _ = runtime.key(.character("a"))
        XCTAssertEqual(runtime.app.top, .visitDetail(VisitDetailScreen(number: 3)))
        _ = runtime.key(.character("m"))
        _ = runtime.key(.character("y"))
        XCTAssertEqual(try store.carePlan()?.visits[2].status, .missed)
        _ = runtime.key(.escape)
        XCTAssertFalse(screen(runtime).contains("did it take place?"), "answered")
        XCTAssertTrue(screen(runtime).contains("4 of 6 · Thu 3 Dec 10:15"), screen(runtime))
    }

    func testAVisitThatHappenedBeforeThePortalIsRecordedWithItsPastTime() throws {
        let store = try SQLiteStore.inMemory()
        try Onboarding(content: content).setUp(Patient(name: "Ana", stage: .pregnant(dueDate: CalendarDate("2027-03-01")!), conditions: []),
                                               firstVisit: nil, store: store, clock: noon)
        let runtime = try Runtime(store: store, content: content, clock: { noon })
        runtime.resized(Size(width: 80, height: 24))
        _ = runtime.key(.character("v"))
        _ = runtime.key(.enter)
        XCTAssertEqual(runtime.app.top, .visitDetail(VisitDetailScreen(number: 1)))
        _ = runtime.key(.character("c"))
        guard case .visitBooking(let form) = runtime.app.top else { return XCTFail("no form") }
        XCTAssertEqual(form.outcome, .completed)
        XCTAssertTrue(screen(runtime).contains("Record completed visit 1 of 6"), screen(runtime))
        type("2026-12-20", runtime)
        _ = runtime.key(.tab)
        type("09:00", runtime)
        _ = runtime.key(.enter)
        XCTAssertTrue(screen(runtime).contains("has not happened yet; book the visit instead"), screen(runtime))
        guard case .visitBooking(let refused) = runtime.app.top else { return XCTFail("the form stays open") }
        XCTAssertEqual(refused.focus, .date, "on the date to fix")
        XCTAssertEqual(try store.carePlan()?.visits.first?.status, .toSchedule, "nothing saved")
        _ = runtime.key(.ctrl("u"))
        type("2026-11-20", runtime)
        _ = runtime.key(.enter)
        let first = try XCTUnwrap(try store.carePlan()?.visits.first)
        XCTAssertEqual(first.status, .completed)
        XCTAssertEqual(first.start, LocalDateTime("2026-11-20T09:00"))
        XCTAssertEqual(runtime.app.top, .visitDetail(VisitDetailScreen(number: 1)))
    }

    func testTheDemoSaysItIsTheDemo() throws {
        let mine = try Runtime(store: try demoStore(), content: content, clock: { noon })
        XCTAssertTrue(screen(mine).hasPrefix(" Portal → Home"))
        let demo = try Runtime(store: try demoStore(), content: content, demo: true, clock: { noon })
        XCTAssertTrue(screen(demo).hasPrefix(" Portal DEMO → Home"), screen(demo))
        XCTAssertTrue(DemoPatient.isDemo(try demoStore().patient()))
        XCTAssertFalse(DemoPatient.isDemo(Patient(name: "Ana", stage: .pregnant(dueDate: today), conditions: [])))
    }
}
