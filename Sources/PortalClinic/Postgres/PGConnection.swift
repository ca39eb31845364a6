import CLibPQ
import Foundation
import PortalCore

/// One session with a PostgreSQL server through libpq, blocking, as the portal's loop expects.
///
/// Values only ever travel as parameters (`$1`, `$2`, …), never spliced into the SQL text, so nothing a patient
/// types can change what a statement means. Every call is serialised by a lock: a libpq connection must not
/// be used from two threads at once.
///
/// It follows the primary. The connection string may name several servers (`host=a,b`); the session only
/// ever lands on one that accepts changes (`target_session_attrs=read-write` unless the string says
/// otherwise). When the server goes away, a transaction waits for a primary to answer again (the standby,
/// once promoted), up to `Limits.waitSeconds`, and runs again there. A COMMIT whose answer was lost is never
/// simply run again: see `transaction(_:readOnly:receipt:_:)`.
public final class PGConnection: @unchecked Sendable {
    /// How long the connection waits, and for what.
    public struct Limits: Sendable, Equatable {
        /// libpq's `connect_timeout` for each server named, unless the connection string sets its own.
        public var connectSeconds: Int
        /// The longest one statement may wait for its answer; past it the connection is taken as lost.
        public var statementSeconds: Double
        /// How long a call goes on trying to reach a primary once the connection is lost (and a first
        /// connection, to reach one at all); nil: as long as it takes (the full-screen portal, which says
        /// "Reconnecting to the clinic…" meanwhile and keeps what she typed).
        public var waitSeconds: Double?

        public init(connectSeconds: Int = 5, statementSeconds: Double = 15, waitSeconds: Double? = 30) {
            self.connectSeconds = connectSeconds
            self.statementSeconds = statementSeconds
            self.waitSeconds = waitSeconds
        }

        /// A command: it gives up (non-zero exit, a message) when no primary answered for 30 s.
        public static let command = Limits()
    }

    private var conn: OpaquePointer?
    private let lock = NSRecursiveLock()
    /// The connection string it was opened with, for messages.
    public let conninfo: String
    private var inTransaction = false
    /// WARNINGs the server sent on this connection (counted by the notice receiver, libpq's thread = ours).
    private let warnings = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    /// `limits`, `reconnecting` and `commitInDoubt` are read from other threads (the screen's loop) while a
    /// call holds `lock`, so they have a lock of their own.
    private let stateLock = NSLock()
    private var _limits: Limits
    private var _reconnecting = false
    private var _inDoubt = false

    /// Connects with any libpq connection string (`postgresql:///portal?host=/run/portal`,
    /// `host=/tmp/a,/tmp/b dbname=portal user=jo`), waiting up to `limits.waitSeconds` for a primary. Throws a
    /// `PortalError` a patient can read.
    public init(_ conninfo: String, limits: Limits = .command) throws {
        self.conninfo = conninfo
        _limits = limits
        warnings.initialize(to: 0)
        try Self.loadLibPQ()
        do {
            try connect(outageSince: ContinuousClock.now)
        } catch let e as PGError {
            throw e.portalError
        }
    }

    deinit {
        if let conn { PQfinish(conn) }
        warnings.deallocate()
    }

    public var limits: Limits {
        get { stateLock.withLock { _limits } }
        set { stateLock.withLock { _limits = newValue } }
    }

    /// True while the connection is lost and a call is waiting for a primary to answer again.
    public var isReconnecting: Bool { stateLock.withLock { _reconnecting } }

    /// True from the moment a COMMIT's answer was lost (a commit in doubt) until a later commit on this
    /// connection was acknowledged: a change on its way may or may not be stored.
    public var hasCommitInDoubt: Bool { stateLock.withLock { _inDoubt } }

    /// The server the session is on now (`host:port`, a socket folder for a local one), nil when lost.
    public var server: String? {
        lock.withLock {
            guard let conn, PQstatus(conn) == CONNECTION_OK else { return nil }
            return String(cString: PQhost(conn)) + ":" + String(cString: PQport(conn))
        }
    }

    /// libpq is loaded here, the first time a clinic connection is opened, not when the portal starts: a
    /// local start does not pay for it, and a machine without it runs the local portal. Without it, the
    /// error names the library and its package.
    static func loadLibPQ() throws {
        if let problem = portal_pq_load() { throw libPQMissing(String(cString: problem)) }
    }

    /// The error `loadLibPQ` would give if the library were called `soname` (tests: a name that is absent).
    static func probeLibPQ(_ soname: String) -> PortalError? {
        var why = [CChar](repeating: 0, count: 512)
        guard portal_pq_probe(soname, &why, why.count) != nil else { return nil }
        return libPQMissing(String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private static func libPQMissing(_ reason: String) -> PortalError {
        .storage("Clinic mode needs PostgreSQL's client library libpq.so.5, which could not be loaded (\(reason)). "
            + "On Debian or Ubuntu it comes with the package libpq5.")
    }

    /// The role the server knows this session as (`current_user`).
    public func currentUser() throws -> String {
        try query("SELECT current_user::text AS u").rows.first?.text("u") ?? ""
    }

    // MARK: Connecting

    /// Opens a session on a primary, trying again while the failure is one a wait may cure (no server
    /// answering, the standby not promoted yet) until `waitSeconds` have passed since `outageSince`.
    private func connect(outageSince: ContinuousClock.Instant) throws {
        var pause = 0.05
        while true {
            let limits = self.limits
            // Defaults first: the connection string's own settings, expanded from `dbname`, override them.
            let keywords = ["connect_timeout", "target_session_attrs", "keepalives_idle", "keepalives_interval", "keepalives_count", "dbname"]
            let values = [String(limits.connectSeconds), "read-write", "10", "5", "3", conninfo]
            let c = Self.quietly { withCStrings(keywords) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } } }
            guard let c else { throw PGError.notAnswering }
            if PQstatus(c) == CONNECTION_OK {
                conn = c
                warnings.pointee = 0
                portal_pq_watch(c, warnings)
                do {
                    // Dates and times come back as 2026-11-02 and 09:00:00 whatever the server's settings. And no
                    // plan is compiled with LLVM (JIT): the portal's statements read a few hundred rows by index, and
                    // in a large clinic their estimated cost passes `jit_above_cost`, so PostgreSQL 15 spent more time
                    // compiling the caseload's probes than running them (issue 26). One statement, one round trip.
                    _ = try run("SELECT set_config('datestyle', 'ISO', false), set_config('jit', 'off', false)", [], simple: false)
                } catch let error as PGError where error.isConnectionLoss {
                    drop()
                    continue
                }
                setReconnecting(false)
                return
            }
            let failure = PGError.connect(String(cString: PQerrorMessage(c)))
            PQfinish(c)
            guard failure.isTransientConnectFailure else { throw failure }
            let waited = ContinuousClock.now - outageSince
            if let limit = limits.waitSeconds, waited >= .seconds(limit) { throw PGError.noPrimary(seconds: limit) }
            setReconnecting(true)
            usleep(useconds_t(pause * 1e6))
            pause = min(pause * 2, 0.5)
        }
    }

    /// Runs a blocking connect with standard error pointed at /dev/null. Before a connection exists there is
    /// no way to give it our notice receiver, and libpq's default one prints what a server going down says
    /// during the login ("FATAL: terminating connection…") on standard error: the patient's terminal, in the
    /// middle of the full-screen portal. Every failure still comes back in PQerrorMessage. The portal writes
    /// nothing to standard error while it is connected (only at its end), so nothing of its own is lost.
    private static func quietly<T>(_ body: () -> T) -> T {
        stderrLock.lock()
        defer { stderrLock.unlock() }
        let saved = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard saved >= 0, null >= 0 else {
            if saved >= 0 { close(saved) }
            if null >= 0 { close(null) }
            return body()
        }
        dup2(null, STDERR_FILENO)
        close(null)
        defer {
            dup2(saved, STDERR_FILENO)
            close(saved)
        }
        return body()
    }

    private static let stderrLock = NSLock()

    private func setReconnecting(_ on: Bool) { stateLock.withLock { _reconnecting = on } }

    /// Forgets a session that is lost or cannot be trusted any more (a statement past its limit).
    private func drop() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    private var isConnected: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }

    // MARK: Statements

    /// Runs one statement with its parameters and returns its rows. Throws `PGError`; `transaction` turns
    /// it into a `PortalError`.
    @discardableResult
    func query(_ sql: String, _ params: [(any PGParam)?] = []) throws -> PGResult {
        lock.lock()
        defer { lock.unlock() }
        return try run(sql, params, simple: false)
    }

    /// Runs a fixed script of several statements (a migration) with no parameters at all: the simple-query
    /// protocol, which `query` does not use because it cannot carry parameters.
    func script(_ sql: String) throws {
        lock.lock()
        defer { lock.unlock() }
        _ = try run(sql, [], simple: true)
    }

    /// Sends a statement and waits for its answer, at most `statementSeconds`: libpq's asynchronous calls and
    /// poll(2), since its blocking calls would wait for a silent server for as long as TCP does. Past the
    /// limit the session is dropped (the next call connects again) and the statement counts as lost.
    private func run(_ sql: String, _ params: [(any PGParam)?], simple: Bool) throws -> PGResult {
        guard let conn, PQstatus(conn) == CONNECTION_OK else { throw PGError.notAnswering }
        let sent: Int32
        if simple {
            sent = PQsendQuery(conn, sql)
        } else {
            let texts = params.map { $0?.pgText }
            let cStrings = texts.map { $0.flatMap { strdup($0) } }
            defer { cStrings.forEach { free($0) } }
            let pointers = cStrings.map { UnsafePointer<CChar>($0) }
            sent = pointers.withUnsafeBufferPointer { buf in
                PQsendQueryParams(conn, sql, Int32(params.count), nil, buf.baseAddress, nil, nil, 0)
            }
        }
        guard sent == 1 else { throw lostOrFailed(nil) }
        let deadline = ContinuousClock.now + .milliseconds(Int(limits.statementSeconds * 1000))
        // Every result of the statement (a script has several); the first error, else the last.
        var kept: OpaquePointer?
        defer { if let kept { PQclear(kept) } }
        var failed = false
        while true {
            guard waitForInput(conn, until: deadline) else {
                drop()
                throw PGError.notAnswering
            }
            guard let result = PQgetResult(conn) else { break }
            if failed {
                PQclear(result)
                continue
            }
            let status = PQresultStatus(result)
            if let previous = kept { PQclear(previous) }
            kept = result
            failed = status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY
        }
        guard let result = kept else { throw lostOrFailed(nil) }
        guard !failed else { throw lostOrFailed(result) }
        return PGResult(result)
    }

    /// Waits until libpq has a whole result to give (or the connection broke, which PQgetResult then
    /// reports); false when `deadline` passed first.
    private func waitForInput(_ conn: OpaquePointer, until deadline: ContinuousClock.Instant) -> Bool {
        while PQisBusy(conn) == 1 {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            let (s, atto) = left.components
            var fd = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
            guard fd.fd >= 0 else { return true }
            let ms = Int32(min(Double(s) * 1000 + Double(atto) / 1e15 + 1, 60_000))
            let ready = poll(&fd, 1, ms)
            if ready < 0, errno == EINTR { continue }
            if ready != 0, PQconsumeInput(conn) == 0 { return true }
        }
        return true
    }

    private func lostOrFailed(_ result: OpaquePointer?) -> PGError {
        guard let conn, PQstatus(conn) == CONNECTION_OK else { return .notAnswering }
        guard let result else { return .server(sqlState: "", message: String(cString: PQerrorMessage(conn))) }
        let field = { (code: Character) -> String in
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) } ?? ""
        }
        return .server(sqlState: field("C"), message: field("M"), constraint: field("n"))
    }

    // MARK: Transactions

    /// How a transaction sees other sessions' commits.
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// A write's idempotency key, which tells "it committed" from "it did not" when the answer to its COMMIT
    /// was lost. `claim` runs first in every attempt of the write, inside its transaction, and records the key
    /// (a row the transaction commits with it); it returns false when the key is already there, that is
    /// when an earlier attempt of this same write committed. `confirm` then writes in that row, so the
    /// transaction that reports it commits a change of its own: its COMMIT waits for the synchronous standby
    /// like any other, and the standby, which receives the log in order, then holds the earlier commit too.
    public struct Receipt {
        public let claim: (PGConnection) throws -> Bool
        public let confirm: (PGConnection) throws -> Void

        public init(claim: @escaping (PGConnection) throws -> Bool, confirm: @escaping (PGConnection) throws -> Void) {
            self.claim = claim
            self.confirm = confirm
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back on any error (the rules'
    /// `PortalError`s as well as the server's). A serialisation failure or deadlock is retried a few times,
    /// since the other session's commit may have made the change valid or invalid; `body` must therefore
    /// only talk to the database. Every error leaves as a `PortalError`.
    ///
    /// When the server goes away, the transaction waits for a primary (up to `limits.waitSeconds`) and:
    /// - lost before its COMMIT was sent: runs again there (nothing of it was committed);
    /// - lost while its COMMIT was on its way (the commit is in doubt): a read-only one runs again; a write
    ///   with a `receipt` runs again too, and the receipt's key decides: already there, the first attempt
    ///   committed and its value is returned (after a commit of its own that the standby acknowledges);
    ///   not there, it did not, and this attempt writes it. The unique key makes a late commit of the first
    ///   attempt and this one exclude each other. A write without a receipt throws "may or may not have been
    ///   saved" at once, and so does one whose wait ran out with its commit still in doubt.
    /// - gave up with nothing in doubt: "did not answer within N seconds, so nothing was changed".
    /// A COMMIT answered with a WARNING (a synchronous standby's wait cut short: committed on the primary
    /// alone) counts as in doubt, never as saved.
    @discardableResult
    public func transaction<T>(_ isolation: Isolation = .readCommitted, readOnly: Bool = false, receipt: Receipt? = nil,
                               _ body: (PGConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        precondition(!inTransaction, "transactions do not nest")
        inTransaction = true
        defer { inTransaction = false }
        var retries = 0
        var outageSince: ContinuousClock.Instant?
        /// The value of the attempt whose COMMIT is in doubt (set while one is).
        var doubtful: T?
        while true {
            do {
                // An outage (or a commit in doubt) waits at most `waitSeconds` in all, however it goes.
                if let since = outageSince, let limit = limits.waitSeconds, ContinuousClock.now - since >= .seconds(limit) {
                    throw doubtful != nil ? PGError.inDoubt : PGError.noPrimary(seconds: limit)
                }
                if !isConnected {
                    drop()
                    let since = outageSince ?? .now
                    outageSince = since
                    do {
                        try connect(outageSince: since)
                    } catch PGError.noPrimary(let seconds) {
                        throw doubtful != nil ? PGError.inDoubt : PGError.noPrimary(seconds: seconds)
                    }
                }
                _ = try run("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")", [], simple: false)
                if let receipt, try !receipt.claim(self) {
                    guard let value = doubtful else {
                        throw PortalError.storage("This change was already saved once; it was not saved again.")
                    }
                    try receipt.confirm(self)
                    try commit(inDoubt: true)
                    settled()
                    return value
                }
                let value = try body(self)
                do {
                    try commit(inDoubt: false)
                } catch PGError.inDoubt {
                    doubtful = value
                    stateLock.withLock { _inDoubt = true }
                    if readOnly { return value }  // nothing to lose: what it read is what it read
                    guard receipt != nil else { throw PGError.inDoubt }
                    outageSince = outageSince ?? .now
                    throw PGError.notAnswering
                }
                settled()
                return value
            } catch let error as PGError {
                if error.isConnectionLoss {
                    drop()  // a server that turned read-only is left too: the primary is elsewhere now
                    outageSince = outageSince ?? .now
                    if doubtful != nil { usleep(100_000) }
                    continue
                }
                rollback()
                if doubtful != nil {
                    // Settling a commit in doubt: a wait cut short (the first attempt still holds its key,
                    // waiting for the standby) is waited out within the limit; anything else leaves it in doubt.
                    guard ["57014", "55P03", "40001", "40P01"].contains(error.sqlState ?? "") else { throw PGError.inDoubt.portalError }
                    usleep(100_000)
                    continue
                }
                if error.isRetryable, retries < 3 {
                    retries += 1
                    continue
                }
                throw error.portalError(reading: readOnly)
            } catch {
                rollback()
                throw error
            }
        }
    }

    /// Sends COMMIT. A lost answer, or an answer that came with a WARNING (a synchronous standby's wait cut
    /// short), is `.inDoubt`; a refusal (a deferred check, a serialisation failure) is the server's error
    /// and nothing was committed. `inDoubt`: the transaction only confirms an earlier commit that is in
    /// doubt, so losing its answer leaves that one in doubt still.
    private func commit(inDoubt: Bool) throws {
        let before = warnings.pointee
        do {
            _ = try run("COMMIT", [], simple: false)
        } catch let error as PGError where error.isConnectionLoss {
            throw inDoubt ? PGError.notAnswering : PGError.inDoubt
        }
        if warnings.pointee != before { throw inDoubt ? PGError.notAnswering : PGError.inDoubt }
    }

    /// A commit was acknowledged: nothing of this connection is in doubt any more.
    private func settled() { stateLock.withLock { _inDoubt = false } }

    /// Runs one statement in its own transaction, for administration.
    public func execute(_ sql: String, _ params: [(any PGParam)?] = []) throws {
        _ = try transaction { try $0.query(sql, params) }
    }

    /// Runs one statement outside any transaction, for the few PostgreSQL refuses inside one
    /// (CREATE DATABASE). Administration only.
    public func executeAlone(_ sql: String, _ params: [(any PGParam)?] = []) throws {
        do { try query(sql, params) } catch let e as PGError { throw e.portalError }
    }

    private func rollback() {
        guard isConnected else { return }
        _ = try? run("ROLLBACK", [], simple: false)
    }
}

/// Calls `body` with `strings` as a NULL-terminated C array (libpq's keyword and value lists).
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// A value a statement takes as a parameter, sent as text (nil is SQL NULL).
public protocol PGParam { var pgText: String? { get } }
extension String: PGParam { public var pgText: String? { self } }
extension Int: PGParam { public var pgText: String? { String(self) } }
extension Int64: PGParam { public var pgText: String? { String(self) } }
extension Bool: PGParam { public var pgText: String? { self ? "true" : "false" } }
extension Optional: PGParam where Wrapped: PGParam { public var pgText: String? { self?.pgText } }
