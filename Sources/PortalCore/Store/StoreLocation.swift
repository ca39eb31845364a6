import Foundation

/// Where the database file lives: `--db PATH`, else `PORTAL_DB`, else
/// `$XDG_DATA_HOME/portal/portal.sqlite` (by default `~/.local/share/portal/portal.sqlite`).
public enum StoreLocation {
    public static func resolve(option: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let option {
            guard !option.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PortalError.invalidInput("--db needs a file path, for example --db ~/portal.sqlite.")
            }
            return URL(fileURLWithPath: expand(option, env))
        }
        if let path = env["PORTAL_DB"], !path.isEmpty { return URL(fileURLWithPath: expand(path, env)) }
        return try defaultFolder(env).appendingPathComponent("portal.sqlite")
    }

    /// The portal's own folder under the XDG data directory.
    public static func defaultFolder(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("portal", isDirectory: true)
        }
        guard let home = env["HOME"], !home.isEmpty else {
            throw PortalError.storage("HOME is not set, so the portal cannot find its data folder. Use --db PATH or set PORTAL_DB.")
        }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/portal", isDirectory: true)
    }

    private static func expand(_ path: String, _ env: [String: String]) -> String {
        if path == "~" || path.hasPrefix("~/"), let home = env["HOME"] {
            return home + path.dropFirst()
        }
        return path
    }
}
