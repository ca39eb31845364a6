import Foundation
import PortalCore

/// What went wrong talking to the server, before it is put into words for the patient (`portalError`).
enum PGError: Error, Equatable {
    /// The connection is gone (server stopped, network cut).
    case notAnswering
    /// Connecting failed; libpq's message.
    case connect(String)
    /// The server refused a statement: its SQLSTATE code and message, and the name of the rule it broke where
    /// the server gives one (`PG_DIAG_CONSTRAINT_NAME`: a constraint's, or a trigger's `RAISE … CONSTRAINT`).
    case server(sqlState: String, message: String, constraint: String = "")
    /// The database was set up by a newer portal.
    case newerSchema
    /// A column was missing or held something the portal cannot read.
    case unreadable(String)
    /// No server accepting changes (a primary) answered within the connection's waiting limit, and no
    /// commit was in doubt: nothing was written.
    case noPrimary(seconds: Double)
    /// A COMMIT was sent and its answer never came (the server went away, or a synchronous standby never
    /// acknowledged it), and no primary answered in time to find out: the change may or may not be stored.
    case inDoubt

    static let noPrimaryPrefix = "The clinic server did not answer within "
    static func noPrimaryText(_ seconds: Double) -> String { noPrimaryPrefix + Self.seconds(seconds) }

    static let notAnsweringOnConnectText = "The clinic server is not answering. Please try again in a moment."
    static let notAnsweringText = "The clinic server is not answering, so nothing was saved. Please try again in a moment."

    /// A serialisation failure or a deadlock: the same transaction may succeed when run again.
    var isRetryable: Bool {
        if case .server(let code, _, _) = self { return code == "40001" || code == "40P01" }
        return false
    }

    /// The connection is gone (or the server is ending it): the call may go on once a primary answers again.
    var isConnectionLoss: Bool {
        switch self {
        case .notAnswering: return true
        case .server(let code, _, _): return code.hasPrefix("08") || ["57P01", "57P02", "57P03", "25006"].contains(code)
        default: return false
        }
    }

    /// A connection attempt that failed for want of a primary (none answering, still starting, read-only, in
    /// recovery), worth trying again until the waiting limit; not a refusal such as an unknown role or
    /// database, which no wait cures. libpq gives connection failures as text only, one line per server tried.
    var isTransientConnectFailure: Bool {
        guard case .connect(let message) = self else { return false }
        let refusals = ["authentication failed", "does not exist", "no pg_hba.conf entry", "permission denied",
                        "Permission denied", "invalid connection option", "missing \"=\"", "invalid URI", "invalid integer value"]
        if refusals.contains(where: message.contains) { return false }
        let passing = ["No such file or directory", "Connection refused", "timeout expired", "could not translate host name",
                       "read-only", "hot standby", "starting up", "shutting down", "in recovery", "not yet accepting",
                       "closed the connection", "Connection reset", "could not connect", "No route to host",
                       "Network is unreachable", "too many clients", "server is not in",
                       // A server going down answers a login begun just then with a FATAL, and libpq then tries
                       // no other server: worth another try, which reaches the one that took over.
                       "terminating connection", "postmaster exit", "the database system is", "server closed",
                       "could not receive data", "no connection to the server"]
        return passing.contains(where: message.contains)
    }

    /// The SQLSTATE code, for callers that tell refusals apart.
    var sqlState: String? {
        if case .server(let code, _, _) = self { return code }
        return nil
    }

    /// In words a patient can act on. The server's own text is English written for administrators, so it
    /// is shown only where nothing better can be said.
    var portalError: PortalError { portalError(reading: false) }

    /// `reading`: the error ended a read-only transaction (`portal today`, a screen's read), which had nothing to
    /// save: a busy or slow server is said as what could not be done (qa-d D4: `portal today` said "nothing was
    /// saved").
    func portalError(reading: Bool) -> PortalError {
        if reading, case .server(let code, _, _) = self {
            switch code {
            case "40001", "40P01", "55P03":
                return .storage("The clinic database is busy with another change, so nothing could be read just now. Please try again in a moment.")
            case "57014":
                return .storage("The clinic database took too long to answer, so nothing could be read just now. Please try again in a moment.")
            default: break
            }
        }
        switch self {
        case .notAnswering:
            return .storage(Self.notAnsweringText)
        case .connect(let message):
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            if first.contains("No such file or directory") || first.contains("Connection refused")
                || first.contains("timeout expired") || first.contains("could not translate host name") {
                return .storage(Self.notAnsweringOnConnectText)
            }
            if first.contains("authentication failed") || first.contains("does not exist") && first.contains("role") {
                return .storage("The clinic database does not know you under this login; ask the clinic to add you.")
            }
            if first.contains("does not exist") && first.contains("database") {
                return .storage("The clinic database does not exist on this server; ask the clinic to set it up.")
            }
            // qa-f F10: her login's sessions are at the clinic's limit (`ClinicSchema.connectionsPerLogin`),
            // e.g. portals left open elsewhere or cut off a moment ago.
            if first.contains("too many connections for role") {
                return .storage(Self.tooManySessionsText)
            }
            // qa-f F6: the clinic turned her login off.
            if first.contains("is not permitted to log in") {
                return .storage("Your clinic login is turned off, so the portal cannot reach your record. Please call your clinic.")
            }
            return .storage("Cannot connect to the clinic database: \(Self.trimmed(Self.withoutConnectionPrefix(first))).")
        case .server(let code, let message, let constraint):
            switch code {
            case let c where c.hasPrefix("08") || c.hasPrefix("57P"):
                return .storage(Self.notAnsweringText)
            case let c where c.hasPrefix("23"):
                return .rule(ClinicRefusal.text(constraint: constraint, message: message))
            case "42501":
                return .rule("You are not allowed to see or change that record, so nothing was saved.")
            case "57014":
                return .storage("The clinic database took too long to answer, so nothing was saved. Please try again in a moment.")
            case "40001", "40P01", "55P03":
                return .storage("The clinic database is busy with another change; nothing was saved. Please try again.")
            case "54000" where message.contains(ClinicSchema.quotaMessage):
                return .storage(Self.quotaText)
            case "54000" where message.contains(ClinicSchema.sharedReportLimitMessage):
                // QA H15: the 11th report of the day, in her words with the way on.
                return .rule(SharedReport.dailyLimitReached(ClinicSchema.sharedReportsPerDay))
            case let c where c.hasPrefix("53"):
                return .storage("The clinic server is out of space or memory; nothing was saved.")
            default:
                return .storage("The clinic database refused the change (\(Self.trimmed(message))); nothing was saved.")
            }
        case .newerSchema:
            return .storage("The clinic database was set up by a newer version of the portal; please update the portal.")
        case .noPrimary(let seconds):
            return .storage(Self.noPrimaryText(seconds) + ", so nothing was changed. Please try again in a moment.")
        case .inDoubt:
            return .storage(Self.inDoubtText)
        case .unreadable(let column):
            return .storage("The clinic database holds something this portal cannot read (\(column)); it may need a newer portal.")
        }
    }

    /// A login past its daily write quota (`ClinicSchema.writeQuota`): what happened, that nothing was saved, when
    /// it ends, and what to do about a warning sign meanwhile (the sign's own safety message is shown before any
    /// save: `portal signs`, the Warning signs screen).
    static let quotaText = "Your login has saved as many changes today as the clinic's server takes from one login in a day, so nothing was saved. You can save again tomorrow (the clinic's day). If you need to record a warning sign now, call your clinic."

    static let inDoubtText = "The clinic server stopped answering just as your change was being saved, so it may or may not have been saved. Please look at your record before entering it again."

    static func seconds(_ s: Double) -> String {
        let n = Int(s.rounded())
        return n == 1 ? "1 second" : "\(n) seconds"
    }

    static let tooManySessionsText = "Your login already has \(ClinicSchema.connectionsPerLogin) sessions open with the clinic, as many as it allows: close a portal you left open elsewhere, or wait a minute for one that was cut off to end, then try again."

    /// libpq's "connection to server on socket "/run/…/.s.PGSQL.5432" failed: " (or "… at "host" (addr), port
    /// 5432 failed: "), which names machinery she cannot act on (qa-f F6): the server's own words after it.
    static func withoutConnectionPrefix(_ s: String) -> String {
        guard s.hasPrefix("connection to server"), let r = s.range(of: " failed: ") else { return s }
        return String(s[r.upperBound...])
    }

    private static func trimmed(_ s: String) -> String {
        var t = s
        if t.hasPrefix("FATAL:") || t.hasPrefix("ERROR:") { t = String(t.drop { $0 != ":" }.dropFirst()) }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PGConnection {
    /// An error met while the full-screen portal opened, in words for someone who only opened it: a server that
    /// did not answer ("… so nothing was saved" or "nothing was changed" would say she had changed something) is
    /// "could not reach the clinic"; every other error is as it was.
    public static func openingError(_ error: Error) -> Error {
        guard case .storage(let text) = error as? PortalError else { return error }
        if text.hasPrefix(PGError.noPrimaryPrefix) {
            let waited = text.dropFirst(PGError.noPrimaryPrefix.count).prefix { $0 != "," }
            return PortalError.storage("The portal could not reach the clinic: its server did not answer within \(waited). Please try again in a moment; if this keeps happening, tell your clinic.")
        }
        if text == PGError.notAnsweringText || text == PGError.notAnsweringOnConnectText {
            return PortalError.storage("The portal could not reach the clinic: its server is not answering. Please try again in a moment; if this keeps happening, tell your clinic.")
        }
        return error
    }
}
