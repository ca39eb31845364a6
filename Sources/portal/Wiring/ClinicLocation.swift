import Foundation
import PortalClinic
import PortalCore

/// A `--db` or `PORTAL_DB` value that names a clinic's PostgreSQL database rather than a file: a libpq
/// connection URI (`postgresql:///portal?host=/run/portal`, `postgres://…`) or a libpq key=value string
/// (`host=/run/portal dbname=portal`). Anything else is a file path.
enum ClinicLocation {
    /// The clinic database on this server, through PostgreSQL's own socket folder, as the login's role.
    static let defaultConnection = "postgresql:///portal"

    static func connectionString(option: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let value = option ?? env["PORTAL_DB"].flatMap { $0.isEmpty ? nil : $0 }
        guard let value else { return nil }
        return isConnectionString(value) ? value : nil
    }

    /// How long a command waits for a clinic server that accepts changes (a primary) before it gives up with
    /// a message and a non-zero exit: `PORTAL_DB_WAIT` seconds (1 to 3600), 30 by default. Each server named
    /// gets libpq's `connect_timeout` (5 s unless the connection string sets one) and each statement 15 s.
    /// The full-screen portal waits as long as it is open once it has started ("Reconnecting to the clinic…").
    static func limits(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> PGConnection.Limits {
        var limits = PGConnection.Limits.command
        if let text = env["PORTAL_DB_WAIT"], !text.isEmpty {
            guard let seconds = Int(text), (1...3600).contains(seconds) else {
                throw PortalError.invalidInput(field: .databasePath, "PORTAL_DB_WAIT is \(PlainText.quoted(text)); it must be a whole number of seconds from 1 to 3600.")
            }
            limits.waitSeconds = Double(seconds)
        }
        return limits
    }

    static func isConnectionString(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        if v.hasPrefix("postgresql://") || v.hasPrefix("postgres://") { return true }
        let keywords = ["host", "hostaddr", "port", "dbname", "user", "service", "sslmode", "application_name"]
        guard let eq = v.firstIndex(of: "=") else { return false }
        return keywords.contains(v[..<eq].trimmingCharacters(in: .whitespaces))
    }
}
