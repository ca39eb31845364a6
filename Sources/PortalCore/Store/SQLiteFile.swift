import Foundation
import GRDB

extension SQLiteStore {
    /// Whether opening may create the database.
    public enum OpenMode: Sendable {
        /// Create the folder and the file when they are missing (the full-screen portal, the demo).
        case createIfMissing
        /// Refuse, creating nothing, when there is no portal database yet (commands that read, or that
        /// need a patient to exist already).
        case existingOnly
    }

    /// The connections the store keeps to the file.
    public enum Connections: Sendable {
        /// A writer and readers beside it (GRDB's pool): the full-screen portal, whose background integrity
        /// check and reads run beside its saves. Opening a pool writes to the file when its WAL is empty (GRDB
        /// makes sure the WAL is not: a table made and dropped, so the schema version goes up).
        case pool
        /// One connection, which writes nothing until a save asks it to: for the commands, which read or
        /// write once and exit, so `portal today` leaves the file exactly as it was.
        case single
    }

    /// How much of an existing file `open` checks before using it.
    public enum IntegrityCheck: Sendable {
        /// A second, read-only connection runs `PRAGMA quick_check` over every page first (it grows with the
        /// history, about 1 ms a year): for the commands, which read or write once and exit.
        case full
        /// The same look (header, application id, schema version) without `quick_check`: for the full-screen
        /// portal, which should paint at once. A damaged page is still refused the moment anything reads it
        /// (`corruptDatabase`); `checkIntegrity()` runs the full check later, after the first paint.
        case header
    }

    /// Opens the portal's SQLite file at `url`, creating it (folder 0700, file 0600) when missing if `mode`
    /// allows. A file that is not a portal database, is damaged, comes from a newer version or cannot be read
    /// is refused and left exactly as it was, with no `-wal` or `-shm` file left beside it (with
    /// `check: .header`, a damaged page that no read touches yet is found by `checkIntegrity()` instead).
    public static func open(url: URL, mode: OpenMode = .createIfMissing, check: IntegrityCheck = .full,
                            connections: Connections = .pool, zone: LocalZone = .current) throws -> SQLiteStore {
        let path = url.path
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
        // A file she may read but not write (0444, or in a folder she cannot write to, where SQLite could not
        // make its -wal and -shm files) is opened read-only and immutable: reading works and nothing is left
        // beside it; a write says plainly that the file is read-only.
        let readOnly = exists && !isDir.boolValue && !isWritable(path: path, folder: folder.path)
        // Whether the portal fills the file now: then it is the portal's to make private, whoever made it.
        var filling = !exists
        if exists {
            if isDir.boolValue { throw PortalError.notAPortalDatabase(path: path) }
            let found = try inspectExisting(path: path, pageCheck: check == .full, immutable: readOnly)
            if found == .empty, mode == .existingOnly { throw PortalError.noDatabase(path: path) }
            if found == .empty, !readOnly {
                // An empty file someone made (`touch`, a script) becomes her record: private before the first
                // byte goes in, so the -wal and -shm files SQLite makes with its mode are private too.
                guard chmod(path, 0o600) == 0 else {
                    throw PortalError.storage("Cannot make \(path) private (0600): \(String(cString: strerror(errno))). Nothing was written to it; choose a file of your own.")
                }
                filling = true
            }
        } else {
            // Create the file ourselves so it is private (0600) from its first byte.
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else {
                throw PortalError.storage("Cannot create \(path): \(String(cString: strerror(errno))).")
            }
            close(fd)
        }

        let store: SQLiteStore
        do {
            if readOnly {
                var config = configuration
                config.readonly = true
                // Which of the two is read-only decides what a refused write names.
                let fileWritable = isWritable(path: path)
                store = try SQLiteStore(readOnly: DatabaseQueue(path: immutableURI(path), configuration: config), path: path,
                                        folder: fileWritable ? folder.path : nil, zone: zone)
            } else if connections == .single {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                // A file being filled takes WAL, as a pool would set it (two portals then read and write at once).
                if filling { _ = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") } }
                store = try SQLiteStore(queue, zone: zone)
            } else {
                store = try SQLiteStore(DatabasePool(path: path, configuration: configuration), zone: zone)
            }
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        }
        // Only a file the portal fills is its own to make private; an existing record keeps its mode (0444
        // stays 0444), and SQLite gives the -wal and -shm files the database's own mode.
        if filling { keepPrivate(path) }
        return store
    }

    /// True when this user may write the file and the folder beside it. The mode bits count too, so a file
    /// made read-only with chmod is treated as read-only even by root, who could write it anyway.
    static func isWritable(path: String, folder: String) -> Bool {
        isWritable(path: path) && isWritable(path: folder)
    }

    /// True when this user may write `path` (a file or a folder), its mode bits included.
    static func isWritable(path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & 0o222 != 0 && access(path, W_OK) == 0
    }

    /// An SQLite URI that opens `path` as immutable: no locks, no -wal or -shm file made beside it.
    static func immutableURI(_ path: String) -> String {
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? path
        return "file:\(escaped)?immutable=1"
    }

    /// The portal's connection settings.
    private static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // A saved entry must survive a power cut, not only a crash of the portal.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    private static func keepPrivate(_ path: String) {
        chmod(path, 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
    }

    /// Runs SQLite's `quick_check` over every page; throws `corruptDatabase` naming the first problem.
    /// The full-screen portal calls it after its first paint, off the main thread (reads run beside writes).
    public func checkIntegrity() throws {
        let check = try read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer" }
        guard check == "ok" else { throw PortalError.corruptDatabase(path: path, detail: check) }
    }

    /// What an existing file holds, once inspected.
    enum Inspection { case empty, portal }

    /// Looks at an existing file read-only and refuses it unless it is a healthy portal database
    /// from this version or an older one. `.empty` is a file with nothing in it yet (no bytes, or SQLite
    /// with no tables), which can become a new database. A refused file is left exactly as it was: the
    /// `-wal` and `-shm` files SQLite may create beside it while looking are removed again.
    private static func inspectExisting(path: String, pageCheck: Bool, immutable: Bool = false) throws -> Inspection {
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
        // Another portal closing the file checkpoints and removes its -wal; a look at that moment is busy
        // for a few milliseconds, which is a reason to wait, not to refuse the file.
        config.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                if pageCheck {
                    let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
                    guard check == "ok" else { throw PortalError.corruptDatabase(path: path, detail: check) }
                }
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
}
