import Foundation

/// The private cluster one XCTest class shares between its tests: started by the class's `setUp`, stopped by
/// its `tearDown`. A cluster that could not start is kept as its error, so each test fails with the reason
/// (PostgreSQL not installed, initdb's message) instead of the class crashing.
///
///     static let cluster = ClassCluster()
///     override class func setUp() { super.setUp(); cluster.start() }
///     override class func tearDown() { cluster.stop(); super.tearDown() }
public final class ClassCluster: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Result<PrivateCluster, Error>?

    public init() {}

    public func start() {
        let result = Result { try PrivateCluster.start() }
        lock.withLock { started = result }
    }

    public func stop() {
        let result = lock.withLock { () -> Result<PrivateCluster, Error>? in
            defer { started = nil }
            return started
        }
        if case .success(let c)? = result { c.stop() }
    }

    /// The running cluster, or the reason there is none.
    public func get() throws -> PrivateCluster {
        guard let started = lock.withLock({ started }) else { throw ClusterError("the cluster was not started (the class's setUp calls start())") }
        return try started.get()
    }
}
