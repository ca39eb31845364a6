import Foundation

/// A value made the first time it is asked for, then kept. Content is decoded this way so that a start-up
/// pays only for what its first screen shows (decoding everything was most of the portal's start-up). The
/// lock makes the first use safe from any thread (the key loop, or a worker carrying out an effect); after
/// that, a read is a lock and a copy.
final class OnFirstUse<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// A value that is already known (content built in code, tests).
    init(value: Value) { made = value }

    /// The value if it was made already, without making it.
    var ifMade: Value? { lock.withLock { made } }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let v = make!()
        made = v
        make = nil
        return v
    }
}
