import Foundation
import PortalCore
import XCTest

// What the store tests of both test targets stand on (PortalCoreTests and PortalClinicTests): the shipped
// content, short names for dates and times, and the patient and prescriptions the contract seeds. Only
// PortalCore's public API, so the clinic's tests use it exactly as the portal does.

/// A fresh folder under the system temp directory, removed when the test ends.
public func makeTempFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

public func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
public func at(_ text: String) -> LocalDateTime { LocalDateTime(text)! }
public func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

/// The content shipped in Resources/, loaded once.
public let sharedContent: ContentLibrary = try! ContentLibrary.bundled()

public func rx(_ id: String, sets: Int = 2, reps: Int = 10, hold: Int = 0, days: Int = 7, times: Int = 1) -> Prescription {
    Prescription(exerciseID: id, dose: Dose(sets: sets, reps: reps, holdSeconds: hold, timesPerDay: times, daysPerWeek: days))
}

public func pregnantPatient(due: String = "2027-03-01", conditions: [Condition] = [.hipPiriformis]) -> Patient {
    Patient(name: "Test Patient", stage: .pregnant(dueDate: day(due)), conditions: conditions)
}

/// A count two threads may bump at once.
public final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    public init() {}
    public func increment() { lock.lock(); count += 1; lock.unlock() }
    public var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
