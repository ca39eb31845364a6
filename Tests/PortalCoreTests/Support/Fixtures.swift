import Foundation
import StoreTestSupport
import XCTest
@testable import PortalCore

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
