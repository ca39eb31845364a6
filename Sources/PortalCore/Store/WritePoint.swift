import Foundation

/// A point inside a store's write where tests stop it as a killed portal would, to prove that what one
/// write holds together is saved together or not at all. Debug builds only: in a release build `reach` does
/// nothing.
public enum WritePoint: String, Sendable, CaseIterable {
    /// "About me" is written (her details and reading list), the program's upcoming weeks not yet.
    case profileBeforeWeeks = "profile-before-weeks"
    /// "About me" is written, her request for a new program to her therapist (a clinic's) not yet.
    case profileBeforeRequest = "profile-before-request"

    #if DEBUG
    /// Tests in the same process: called at each point; what it throws ends the write there.
    nonisolated(unsafe) public static var onReach: (@Sendable (WritePoint) throws -> Void)?
    /// `PORTAL_TEST_KILL_AT=<point>` kills the portal there (SIGKILL: nothing after it runs, not even a
    /// rollback), for the command-line tests; read once.
    static let killAt = ProcessInfo.processInfo.environment["PORTAL_TEST_KILL_AT"].flatMap(WritePoint.init(rawValue:))
    #endif

    /// The store's write has reached this point.
    public func reach() throws {
        #if DEBUG
        if Self.killAt == self { kill(getpid(), SIGKILL) }
        try Self.onReach?(self)
        #endif
    }
}
