import CLibPQ
import Foundation
import PortalCore

/// One session with a PostgreSQL server through libpq, blocking, as the portal's loop expects.
///
/// Values only ever travel as parameters (`$1`, `$2`, …), never spliced into the SQL text, so nothing a patient
/// types can change what a statement means. Every call is serialised by a lock: a libpq connection must not
/// be used from two threads at once.
public final class PGConnection: @unchecked Sendable {
    private let conn: OpaquePointer
    private let lock = NSRecursiveLock()
    /// The connection string it was opened with, for messages.
    public let conninfo: String
    private var inTransaction = false

    /// Connects with any libpq connection string (`postgresql:///portal?host=/run/portal`,
    /// `host=/tmp/x dbname=portal user=jo`). Throws a `PortalError` a patient can read.
    public init(_ conninfo: String) throws {
        self.conninfo = conninfo
        try Self.loadLibPQ()
        guard let c = PQconnectdb(conninfo) else { throw PGError.notAnswering.portalError }
        conn = c
        // Every property is set by now, so a throw below still runs deinit, which closes `c`.
        guard PQstatus(c) == CONNECTION_OK else {
            throw PGError.connect(String(cString: PQerrorMessage(c))).portalError
        }
        portal_pq_silence(c)
        // Dates and times come back as 2026-11-02 and 09:00:00 whatever the server's settings.
        do { try query("SET datestyle = ISO") } catch let e as PGError { throw e.portalError }
    }

    deinit { PQfinish(conn) }

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

    /// Runs one statement with its parameters and returns its rows. Throws `PGError`; `transaction` turns
    /// it into a `PortalError`.
    @discardableResult
    func query(_ sql: String, _ params: [(any PGParam)?] = []) throws -> PGResult {
        lock.lock()
        defer { lock.unlock() }
        let texts = params.map { $0?.pgText }
        let cStrings = texts.map { $0.flatMap { strdup($0) } }
        defer { cStrings.forEach { free($0) } }
        let pointers = cStrings.map { UnsafePointer<CChar>($0) }
        let result = pointers.withUnsafeBufferPointer { buf in
            PQexecParams(conn, sql, Int32(params.count), nil, buf.baseAddress, nil, nil, 0)
        }
        guard let result else { throw lostOrFailed(nil) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return PGResult(result)
        default:
            throw lostOrFailed(result)
        }
    }

    /// Runs a fixed script of several statements (a migration) with no parameters at all: the simple-query
    /// protocol, which `query` does not use because it cannot carry parameters.
    func script(_ sql: String) throws {
        lock.lock()
        defer { lock.unlock() }
        guard let result = PQexec(conn, sql) else { throw lostOrFailed(nil) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw lostOrFailed(result) }
    }

    private func lostOrFailed(_ result: OpaquePointer?) -> PGError {
        if PQstatus(conn) != CONNECTION_OK { return .notAnswering }
        guard let result else { return .server(sqlState: "", message: String(cString: PQerrorMessage(conn))) }
        let field = { (code: Character) -> String in
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) } ?? ""
        }
        return .server(sqlState: field("C"), message: field("M"))
    }

    /// How a transaction sees other sessions' commits.
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back on any error (the rules'
    /// `PortalError`s as well as the server's). A serialisation failure or deadlock is retried a few times,
    /// since the other session's commit may have made the change valid or invalid; `body` must therefore
    /// only talk to the database. Every error leaves as a `PortalError`.
    @discardableResult
    public func transaction<T>(_ isolation: Isolation = .readCommitted, readOnly: Bool = false,
                               _ body: (PGConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        precondition(!inTransaction, "transactions do not nest")
        inTransaction = true
        defer { inTransaction = false }
        try reconnectIfLost()
        var attempt = 0
        while true {
            attempt += 1
            do {
                try query("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
                let value = try body(self)
                try query("COMMIT")
                return value
            } catch let error as PGError {
                rollback()
                if error.isRetryable, attempt < 4 { continue }
                throw error.portalError
            } catch {
                rollback()
                throw error
            }
        }
    }

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
        guard PQstatus(conn) == CONNECTION_OK else { return }
        _ = try? query("ROLLBACK")
    }

    /// A server restarted since the last call gets one new try before giving up.
    private func reconnectIfLost() throws {
        guard PQstatus(conn) != CONNECTION_OK else { return }
        PQreset(conn)
        guard PQstatus(conn) == CONNECTION_OK else { throw PGError.notAnswering.portalError }
        portal_pq_silence(conn)
        do { try query("SET datestyle = ISO") } catch let e as PGError { throw e.portalError }
    }
}

/// A value a statement takes as a parameter, sent as text (nil is SQL NULL).
public protocol PGParam { var pgText: String? { get } }
extension String: PGParam { public var pgText: String? { self } }
extension Int: PGParam { public var pgText: String? { String(self) } }
extension Int64: PGParam { public var pgText: String? { String(self) } }
extension Bool: PGParam { public var pgText: String? { self ? "true" : "false" } }
extension Optional: PGParam where Wrapped: PGParam { public var pgText: String? { self?.pgText } }
