import XCTest
import PortalCore

/// The contract's profile changes: "About me" with its reading list, and the program's upcoming weeks.
extension StoreContract {
    func checkUpdatingTheProfileSavesHerAndHerReading() throws {
        XCTAssertThrowsError(try makeStore().updateProfile(pregnantPatient(), readingList: [], today: today)) {
            XCTAssertTrue("\($0)".contains("No one is set up"), "\($0)")
        }
        let store = try seededStore()
        let after = Patient(name: "Dana", stage: .postpartum(birthDate: day("2026-11-08"), delivery: .cesarean),
                            conditions: [.cSectionScar, .hipPiriformis], therapist: "T", clinic: "C")
        try store.updateProfile(after, readingList: ["a", "b", "c"], today: today)
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.readingList(), ["a", "b", "c"])
        // Set-up's rules hold: a scar without a C-section is refused, and nothing changes.
        var wrong = after
        wrong.stage = .postpartum(birthDate: day("2026-11-08"), delivery: .vaginal)
        XCTAssertThrowsError(try store.updateProfile(wrong, readingList: ["z"], today: today))
        XCTAssertEqual(try store.patient(), after)
        XCTAssertEqual(try store.readingList(), ["a", "b", "c"])
    }

    func checkOnlyWeeksNotStartedAreReplaced() throws {
        let patients = try seededStore()  // week 2 started on 9 Nov; today is 10 Nov
        let store = try careTeam(of: patients)
        let library = sharedContent.exercises
        let started = ProgramWeek(number: 2, starts: day("2026-11-16"), note: "", prescriptions: [rx("clamshell")])
        XCTAssertThrowsError(try store.replaceUpcomingWeeks([started], library: library, today: today)) {
            XCTAssertTrue("\($0)".contains("has started"), "\($0)")
        }
        XCTAssertEqual(try store.program().weeks, Self.weeks)
        let three = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "New", prescriptions: [rx("clamshell")])
        let four = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("glute-bridge")])
        try store.replaceUpcomingWeeks([three, four], library: library, today: today)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [three, four])
        // Offered again with other exercises: the weeks not started are replaced, the rest kept.
        let other = ProgramWeek(number: 3, starts: day("2026-11-17"), note: "Other", prescriptions: [rx("cat-cow")])
        try store.replaceUpcomingWeeks([other], library: library, today: today)
        XCTAssertEqual(try store.program().weeks, Self.weeks + [other])
    }
}
