import Foundation
import XCTest
@testable import PortalCore

/// A fresh folder under the system temp directory, removed when the test ends.
func makeTempFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
func at(_ text: String) -> LocalDateTime { LocalDateTime(text)! }
func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

/// The content shipped in Resources/, loaded once.
let sharedContent: ContentLibrary = try! ContentLibrary.bundled()

func rx(_ id: String, sets: Int = 2, reps: Int = 10, hold: Int = 0, days: Int = 7, times: Int = 1) -> Prescription {
    Prescription(exerciseID: id, dose: Dose(sets: sets, reps: reps, holdSeconds: hold, timesPerDay: times, daysPerWeek: days))
}

func pregnantPatient(due: String = "2027-03-01", conditions: [Condition] = [.hipPiriformis]) -> Patient {
    Patient(name: "Test Patient", stage: .pregnant(dueDate: day(due)), conditions: conditions)
}

/// A store on a real temporary file with a patient and a two-week program starting 2026-11-02 (for the
/// tests about the file; the others use `makeMemoryStore()`).
func makeStore(_ test: XCTestCase) throws -> (SQLiteStore, URL) {
    let folder = try makeTempFolder(test)
    let url = folder.appendingPathComponent("portal.sqlite")
    let store = try SQLiteStore.open(url: url)
    try fill(store)
    return (store, url)
}

/// The same record as `makeStore`, in memory.
func makeMemoryStore() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    try fill(store)
    return store
}

private func fill(_ store: SQLiteStore) throws {
    let onboarding = Onboarding(content: sharedContent)
    let patient = pregnantPatient()
    let plan = try onboarding.carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
    let weeks = [
        ProgramWeek(number: 1, starts: day("2026-11-02"), note: "Start", prescriptions: [rx("clamshell", days: 5), rx("cat-cow", times: 2)]),
        ProgramWeek(number: 2, starts: day("2026-11-09"), note: "More", prescriptions: [rx("clamshell", sets: 3, days: 5), rx("glute-bridge")]),
    ]
    try store.setUp(patient: patient, plan: plan, weeks: weeks, readingList: [])
}

func sha(_ url: URL) throws -> Data { try Data(contentsOf: url) }
