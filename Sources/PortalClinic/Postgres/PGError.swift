import Foundation
import PortalCore

/// What went wrong talking to the server, before it is put into words for the patient (`portalError`).
enum PGError: Error, Equatable {
    /// The connection is gone (server stopped, network cut).
    case notAnswering
    /// Connecting failed; libpq's message.
    case connect(String)
    /// The server refused a statement: its SQLSTATE code and message.
    case server(sqlState: String, message: String)
    /// The database was set up by a newer portal.
    case newerSchema
    /// A column was missing or held something the portal cannot read.
    case unreadable(String)

    static let notAnsweringText = "The clinic server is not answering, so nothing was saved. Please try again in a moment."

    /// A serialisation failure or a deadlock: the same transaction may succeed when run again.
    var isRetryable: Bool {
        if case .server(let code, _) = self { return code == "40001" || code == "40P01" }
        return false
    }

    /// The SQLSTATE code, for callers that tell refusals apart.
    var sqlState: String? {
        if case .server(let code, _) = self { return code }
        return nil
    }

    /// In words a patient can act on. The server's own text is English written for administrators, so it
    /// is shown only where nothing better can be said.
    var portalError: PortalError {
        switch self {
        case .notAnswering:
            return .storage(Self.notAnsweringText)
        case .connect(let message):
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            if first.contains("No such file or directory") || first.contains("Connection refused")
                || first.contains("timeout expired") || first.contains("could not translate host name") {
                return .storage("The clinic server is not answering. Please try again in a moment.")
            }
            if first.contains("authentication failed") || first.contains("does not exist") && first.contains("role") {
                return .storage("The clinic database does not know you under this login; ask the clinic to add you.")
            }
            if first.contains("does not exist") && first.contains("database") {
                return .storage("The clinic database does not exist on this server; ask the clinic to set it up.")
            }
            return .storage("Cannot connect to the clinic database: \(Self.trimmed(first)).")
        case .server(let code, let message):
            switch code {
            case let c where c.hasPrefix("08") || c.hasPrefix("57P"):
                return .storage(Self.notAnsweringText)
            case let c where c.hasPrefix("23"):
                return .rule("That change breaks a rule of the portal, so nothing was saved.")
            case "42501":
                return .rule("You are not allowed to see or change that record, so nothing was saved.")
            case "40001", "40P01", "55P03":
                return .storage("The clinic database is busy with another change; nothing was saved. Please try again.")
            case let c where c.hasPrefix("53"):
                return .storage("The clinic server is out of space or memory; nothing was saved.")
            default:
                return .storage("The clinic database refused the change (\(Self.trimmed(message))); nothing was saved.")
            }
        case .newerSchema:
            return .storage("The clinic database was set up by a newer version of the portal; please update the portal.")
        case .unreadable(let column):
            return .storage("The clinic database holds something this portal cannot read (\(column)); it may need a newer portal.")
        }
    }

    private static func trimmed(_ s: String) -> String {
        var t = s
        if t.hasPrefix("FATAL:") || t.hasPrefix("ERROR:") { t = String(t.drop { $0 != ":" }.dropFirst()) }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
