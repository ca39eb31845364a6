import Foundation
import GRDB

/// The portal's one SQLite file. Owns the connection pool, runs migrations when it opens, and offers
/// writes named for what a patient or therapist does; every write is one short transaction, so when a
/// method returns the data is on disk (`synchronous = FULL`).
public final class PortalStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Whether opening may create the database.
    public enum OpenMode: Sendable {
        /// Create the folder and the file when they are missing (the full-screen portal, the demo).
        case createIfMissing
        /// Refuse, creating nothing, when there is no portal database yet (commands that read, or that
        /// need a patient to exist already).
        case existingOnly
    }

    /// Opens the database at `url`, creating it when missing if `mode` allows. A file that is not a portal
    /// database, is damaged, or comes from a newer version is refused and left exactly as it was.
    public init(url: URL, mode: OpenMode = .createIfMissing) throws {
        path = url.path
        let fm = FileManager.default
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        if mode == .existingOnly, !exists {
            throw PortalError.noDatabase(path: path)
        }
        if !fm.fileExists(atPath: folder.path) {
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw PortalError.storage("Cannot create the folder \(folder.path): \(error.localizedDescription)")
            }
        }
        if exists {
            if isDir.boolValue { throw PortalError.notAPortalDatabase(path: path) }
            let found = try Self.inspectExisting(path: path)
            if found == .empty, mode == .existingOnly { throw PortalError.noDatabase(path: path) }
        } else {
            // Create the file ourselves so it is private (0600) from its first byte.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else {
                throw PortalError.storage("Cannot create \(path): \(String(cString: strerror(errno))).")
            }
            close(fd)
        }

        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // A saved entry must survive a power cut, not only a crash of the portal.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
        chmod(path, 0o600)
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
    }

    /// Opens the database where `--db`, `PORTAL_DB` or the XDG default says.
    public convenience init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            mode: OpenMode = .createIfMissing) throws {
        let url = try StoreLocation.resolve(option: option, environment: environment)
        if mode == .createIfMissing, option == nil, environment["PORTAL_DB"]?.isEmpty ?? true {
            // The default folder is the portal's own: keep it private even if it already existed.
            let folder = url.deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            chmod(folder.path, 0o700)
        }
        try self.init(url: url, mode: mode)
    }

    /// What an existing file holds, once inspected.
    enum Inspection { case empty, portal }

    /// Looks at an existing file read-only and refuses it unless it is a healthy portal database
    /// from this version or an older one. `.empty` is a file with nothing in it yet (no bytes, or SQLite
    /// with no tables), which can become a new database. A refused file is left exactly as it was: the
    /// `-wal` and `-shm` files SQLite may create beside it while looking are removed again.
    private static func inspectExisting(path: String) throws -> Inspection {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PortalError.storage("Cannot read \(path): permission denied.")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        if header.isEmpty { return .empty }
        guard header == Data("SQLite format 3\0".utf8) else { throw PortalError.notAPortalDatabase(path: path) }

        let fm = FileManager.default
        let sideFiles = ["-wal", "-shm"].map { path + $0 }.filter { !fm.fileExists(atPath: $0) }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
                guard check == "ok" else { throw PortalError.corruptDatabase(path: path, detail: check) }
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if appID != Schema.applicationID {
                    if tables > 0 { throw PortalError.notAPortalDatabase(path: path) }
                    return .empty
                }
                if try Schema.migrator.hasBeenSuperseded(db) { throw PortalError.newerDatabase(path: path) }
                return .portal
            }
        } catch {
            // The queue is closed by now (defer). Only files that did not exist before and hold no
            // unsaved changes are removed: an empty -wal, and the -shm index that goes with it.
            removeNewSideFiles(sideFiles)
            if let error = error as? DatabaseError { throw translate(error, path: path) }
            throw error
        }
    }

    /// Removes the `-wal`/`-shm` files in `candidates` (files that did not exist before the inspection)
    /// that exist now, unless the `-wal` holds data.
    private static func removeNewSideFiles(_ candidates: [String]) {
        let fm = FileManager.default
        for file in candidates where fm.fileExists(atPath: file) {
            let size = (try? fm.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            if file.hasSuffix("-wal"), size > 0 { continue }
            try? fm.removeItem(atPath: file)
        }
    }

    private static func translate(_ error: DatabaseError, path: String) -> PortalError {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notAPortalDatabase(path: path)
        case .SQLITE_CORRUPT: return .corruptDatabase(path: path, detail: error.message ?? "corrupt")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storage("The database \(path) is busy in another program; please try again.")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return .storage("Cannot write to \(path): \(error.message ?? "permission denied").")
        case .SQLITE_FULL: return .storage("The disk is full; nothing was saved.")
        default: return .storage("Database error in \(path): \(error.message ?? "\(error)")")
        }
    }

    /// Runs a write transaction, turning database errors into messages a patient can read.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_CONSTRAINT {
                // The raw constraint text means nothing to a patient; the checks before every write give the
                // precise reason, so reaching this is a last line of defence.
                throw PortalError.rule("That change breaks a rule of the portal, so nothing was saved.")
            }
            throw Self.translate(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// The database file and the companion files SQLite keeps beside it.
    public var files: [String] { [path, path + "-wal", path + "-shm", path + "-journal"] }

    /// True when no patient has been set up yet.
    public func isEmpty() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patient") ?? 0 } == 0
    }

    /// Deletes everything the patient entered (used by `portal demo --force`).
    public func eraseAll() throws {
        try write { db in
            for table in ["pain_trigger", "pain_site", "pain_entry", "exercise_session", "prescription", "program_week",
                          "visit", "patient_condition", "patient", "reading_list", "article_read", "quiz_result"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }
}
