import Foundation

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

    static func isConnectionString(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        if v.hasPrefix("postgresql://") || v.hasPrefix("postgres://") { return true }
        let keywords = ["host", "hostaddr", "port", "dbname", "user", "service", "sslmode", "application_name"]
        guard let eq = v.firstIndex(of: "=") else { return false }
        return keywords.contains(v[..<eq].trimmingCharacters(in: .whitespaces))
    }
}
