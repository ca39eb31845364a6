import Foundation
import PortalClinic
import PortalCore

/// Where the database file lives: `--db PATH`, else `PORTAL_DB`, else
/// `$XDG_DATA_HOME/portal/portal.sqlite` (by default `~/.local/share/portal/portal.sqlite`). Read here, in
/// the executable's wiring: PortalCore is handed a URL and never looks at options or the environment.
enum StoreLocation {
    static func resolve(option: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let option {
            guard !option.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PortalError.invalidInput(field: .databasePath, "--db needs a file path, for example --db ~/portal.sqlite.")
            }
            return URL(fileURLWithPath: expand(option, env))
        }
        if let path = env["PORTAL_DB"], !path.isEmpty { return URL(fileURLWithPath: expand(path, env)) }
        return try defaultFolder(env).appendingPathComponent("portal.sqlite")
    }

    /// The portal's own folder under the XDG data directory.
    static func defaultFolder(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("portal", isDirectory: true)
        }
        guard let home = env["HOME"], !home.isEmpty else {
            throw PortalError.storage("HOME is not set, so the portal cannot find its data folder. Use --db PATH or set PORTAL_DB.")
        }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/portal", isDirectory: true)
    }

    /// Opens the database where `--db`, `PORTAL_DB` or the XDG default says: a clinic's PostgreSQL database
    /// when that is a connection string (the record of the patient logged in), else the SQLite file.
    static func open(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                     mode: SQLiteStore.OpenMode, patient: String? = nil,
                     check: SQLiteStore.IntegrityCheck = .pages,
                     connections: SQLiteStore.Connections = .single,
                     limits: PGConnection.Limits? = nil, migrate: Bool = true) throws -> any RecordStore {
        if let clinic = ClinicLocation.connectionString(option: option, environment: environment) {
            return try PostgresStore.open(clinic, patient: patient, limits: try limits ?? ClinicLocation.limits(environment))
        }
        if patient != nil {
            throw PortalError.invalidInput(field: .databasePath, "--patient works with a clinic database only (--db postgresql://...).")
        }
        let url = try resolve(option: option, environment: environment)
        if mode == .createIfMissing, option == nil, environment["PORTAL_DB"]?.isEmpty ?? true {
            // The default folder is the portal's own: keep it private even if it already existed.
            let folder = url.deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            chmod(folder.path, 0o700)
        }
        return try SQLiteStore.open(url: url, mode: mode, check: check, connections: connections, migrate: migrate)
    }

    private static func expand(_ path: String, _ env: [String: String]) -> String {
        if path == "~" || path.hasPrefix("~/"), let home = env["HOME"] {
            return home + path.dropFirst()
        }
        return path
    }
}

extension PortalClock {
    /// The system clock, or the day `PORTAL_TODAY` pins (demos, tests); `YYYY-MM-DDTHH:MM` pins the time of
    /// day as well (what is due at a reminder's time, a visit a day away), and the clock then stands still.
    static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> PortalClock {
        let now = Date()
        if let pinned = env["PORTAL_TODAY"], !pinned.isEmpty {
            if pinned.count > 10, let moment = LocalDateTime(pinned) {
                return PortalClock(today: moment.date, time: moment.time)
            }
            guard let d = CalendarDate(pinned) else {
                throw PortalError.invalidInput(field: .pinnedDay, "PORTAL_TODAY is \(PlainText.quoted(pinned)); it must be a date in the form YYYY-MM-DD, or a date and time in the form YYYY-MM-DDTHH:MM.")
            }
            return PortalClock(at: now, pinned: d)
        }
        return PortalClock(at: now)
    }
}

extension ContentLibrary {
    /// What she is told when the folder `PORTAL_RESOURCES` names cannot be read.
    static let resourcesRemedy = "It is the folder PORTAL_RESOURCES names: give it a readable copy of the portal's Resources folder, or unset PORTAL_RESOURCES to use the portal's own content."

    /// The bundled content, or the folder `PORTAL_RESOURCES` names (for trying out edits to Resources/).
    /// `onDemand`: the bundled pieces are decoded on first use (the full-screen start, where a broken one is
    /// reported when the screen closes); a folder being tried out is always checked whole at once.
    static func forPortal(_ env: [String: String] = ProcessInfo.processInfo.environment, onDemand: Bool = false) throws -> ContentLibrary {
        if let folder = env["PORTAL_RESOURCES"], !folder.isEmpty {
            return try ContentLibrary(folder: URL(fileURLWithPath: folder), remedy: resourcesRemedy)
        }
        return try onDemand ? bundledOnDemand() : bundled()
    }
}
