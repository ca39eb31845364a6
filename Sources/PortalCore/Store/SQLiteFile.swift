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
        /// `PRAGMA quick_check` over every page and every row's CHECK constraints first (dates parsed, lists
        /// compared: 2.4 G instructions on ten years): for a record about to go into the clinic (`clinic import-local`).
        case full
        /// Every page's structure first (`PageCheck.structure`: `quick_check` without the CHECK constraints, what
        /// the full-screen portal's `checkIntegrity()` reads): for the commands, which read or write once and exit.
        /// A damaged page is refused before anything is written; a row of hers still meets every CHECK constraint
        /// when it is written (issue 26: the commands paid twenty times this for the constraints of rows already there).
        case pages
        /// The same look (header, application id, schema version) without `quick_check`: for the full-screen
        /// portal, which should paint at once. A damaged page is still refused the moment anything reads it
        /// (`corruptDatabase`); `checkIntegrity()` runs the full check later, after the first paint.
        case header
    }

    /// Opens the portal's SQLite file at `url`, creating it (folder 0700, file 0600) when missing if `mode`
    /// allows. A file that is not a portal database, is damaged, comes from a newer version or cannot be read
    /// is refused and left exactly as it was, with no `-wal` or `-shm` file left beside it (with
    /// `check: .header`, a damaged page that no read touches yet is found by `checkIntegrity()` instead).
    ///
    /// `migrate: false` is for a read that must never write (`portal today --brief`, run at every prompt): a file
    /// from an older portal is refused (`olderDatabase`) and left exactly as it was, rather than brought up to date.
    public static func open(url: URL, mode: OpenMode = .createIfMissing, check: IntegrityCheck = .pages,
                            connections: Connections = .pool, zone: LocalZone = .current, migrate: Bool = true) throws -> SQLiteStore {
        let path = url.path
        let fm = FileManager.default
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        // A path that cannot be reached is not a missing database, nor a place to make one (QA J11).
        if !exists { try refuseUnreachable(path) }
        if exists, isDir.boolValue {
            throw PortalError.invalidInput(field: .databasePath, "\(path) is a folder, not a portal database; give a file in it, for example \(url.appendingPathComponent("portal.sqlite").path). Nothing in it was changed.")
        }
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
        let filling = FillingFlag(!exists)
        // The look at an existing file, made by the store's own first connection before anything writes (GRDB's
        // pool writes to the file as it opens, after this), so the schema is parsed once: nil when a second,
        // read-only connection looks first instead (a read-only file, or a hot rollback journal, which a
        // connection that may write would roll back into the file before the look).
        var firstLook: FirstLook?
        // The placeholder `-wal` this open made (`placeWAL`), removed again if the open fails.
        var placeholder: String?
        if exists {
            if isDir.boolValue { throw PortalError.notAPortalDatabase(path: path) }
            try refuseUnlessRegularFile(path)
            // GRDB's pool writes as it opens when the file has no WAL or an empty one (it makes and drops a
            // table so that its readers find a WAL), which is every full-screen start after a clean close. A
            // look with `.header` skips the pages only when nothing writes on open: a placeholder `-wal`
            // (`placeWAL`) makes that the usual case. Where the pool would still write (the placeholder could
            // not be made, the file is not in WAL mode yet) every page is read first, so a damaged file is
            // refused before that write and is truly left as it was (QA E8); the pages' structure is what is read
            // (`PageCheck.structure`). Either way the full look at every page runs after the first paint
            // (`checkIntegrity()`), and a damaged page is refused the moment anything reads it.
            let pageCheck: PageCheck
            switch check {
            case .full: pageCheck = .full
            case .pages: pageCheck = .structure
            case .header:
                if !readOnly, connections == .pool, !hasWAL(path), !fm.fileExists(atPath: path + "-journal"), isInWALMode(path) {
                    placeholder = placeWAL(path)
                }
                pageCheck = (!readOnly && connections == .pool && !(hasWAL(path) && isInWALMode(path))) ? .structure : .none
            }
            if readOnly || fm.fileExists(atPath: path + "-journal") {
                let found = try inspectExisting(path: path, pageCheck: pageCheck, immutable: readOnly)
                if found == .empty { try takeEmpty(path: path, mode: mode, readOnly: readOnly, filling: filling) }
                if found == .older, !migrate { throw PortalError.olderDatabase(path: path) }
            } else {
                // Not SQLite at all (a text file): refused before SQLite opens it.
                let header = try readHeader(path)
                guard header.isEmpty || header == sqliteHeader else { throw PortalError.notAPortalDatabase(path: path) }
                firstLook = FirstLook(path: path, pageCheck: pageCheck, mode: mode, migrate: migrate, filling: filling)
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
        // Side files the first look may leave behind when it refuses the file (removed again, as the separate look's are).
        let sideFiles = ["-wal", "-shm"].map { path + $0 }.filter { !fm.fileExists(atPath: $0) || $0 == placeholder }
        var settings = configuration
        if let firstLook { settings.prepareDatabase { db in try firstLook.look(db) } }
        do {
            if readOnly {
                var config = settings
                config.readonly = true
                // Which of the two is read-only decides what a refused write names.
                let fileWritable = isWritable(path: path)
                store = try SQLiteStore(readOnly: DatabaseQueue(path: immutableURI(path), configuration: config), path: path,
                                        folder: fileWritable ? folder.path : nil, zone: zone)
            } else if connections == .single {
                let queue = try DatabaseQueue(path: path, configuration: settings)
                // A file being filled takes WAL, as a pool would set it (two portals then read and write at once).
                if filling.value { _ = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") } }
                store = try SQLiteStore(queue, zone: zone)
            } else {
                let pool = try DatabasePool(path: path, configuration: settings)
                // GRDB's pool sets `synchronous = NORMAL` on its writer after `prepareDatabase` ran ("many
                // applications choose NORMAL in WAL mode"): a commit could then be lost in a power cut. Back to FULL.
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                store = try SQLiteStore(pool, zone: zone)
            }
        } catch {
            if let placeholder { removeNewSideFiles([placeholder]) }
            if firstLook?.refused == true { removeNewSideFiles(sideFiles) }
            guard let error = error as? DatabaseError else { throw error }
            guard !filling.value, error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_FULL, !hasWAL(path) else {
                throw translate(error, path: path)
            }
            // SQLite could not grow its -shm index beside the file, which even a read needs: a full disk, after
            // which a failed save leaves a 3-byte -shm (QA G5). With nothing in the WAL the file alone holds her
            // whole record, so it is read as it is (immutable, writing nothing), and a write says why it cannot.
            removeNewSideFiles(sideFiles)
            guard try inspectExisting(path: path, pageCheck: check == .full ? .full : .structure, immutable: true) == .portal else { throw translate(error, path: path) }
            var config = configuration
            config.readonly = true
            // Each save first tries to open the file as usual again: once there is room, it saves (QA-i I7).
            let reopen = { () throws -> any DatabaseWriter in
                let again = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header, connections: connections, zone: zone, migrate: migrate)
                guard !again.isWaitingForRoom else { throw PortalError.storage(diskFullNothingSaved) }
                return again.writer
            }
            store = try SQLiteStore(readOnly: DatabaseQueue(path: immutableURI(path), configuration: config), path: path, zone: zone,
                                    cannotWriteBecause: translate(error, path: path).description, reopen: reopen)
        }
        // Only a file the portal fills is its own to make private; an existing record keeps its mode (0444
        // stays 0444), and SQLite gives the -wal and -shm files the database's own mode.
        if filling.value { keepPrivate(path) }
        return store
    }

    /// True when `path` has a WAL beside it with something in it (another portal has the file open).
    private static func hasWAL(_ path: String) -> Bool {
        var st = stat()
        return stat(path + "-wal", &st) == 0 && st.st_size > 0
    }

    /// Whether the file's header says WAL (bytes 18 and 19 are 2): a pool then opens it without changing its mode.
    private static func isInWALMode(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = handle.readData(ofLength: 20)
        return header.count == 20 && header[18] == 2 && header[19] == 2
    }

    /// GRDB 7.10's pool writes to the file as it opens when its `-wal` is missing or empty (`Database.setUpWALMode`
    /// makes and drops a table, `grdb_issue_102`, so that its readers find a WAL), which is every start after a
    /// clean close, and so needed every page read first (QA E8; 60 % of the first Home on ten years, issue 26).
    /// A `-wal` of one byte stops that write and holds nothing: SQLite reads a WAL shorter than its 32-byte header
    /// as empty, writes its header over the byte at the first save, and deletes the file at the last close as
    /// ever, so a closed record is on disk what it was (only `portal.sqlite`). Made only where there was none
    /// (O_EXCL: a WAL another portal is using is never touched), with the file's mode and owner, as SQLite
    /// makes it. Returns its path, or nil when it could not be made (a full disk: then the pool writes, after
    /// the page check, as before). GRDB's other reason for a non-empty WAL (issue 1383: `sqlite3_snapshot_get` needs
    /// a WAL written to) concerns snapshots and `ValueObservation`, which the portal does not use. Kept `-wal` files (`SQLITE_FCNTL_PERSIST_WAL`) were measured and not taken:
    /// a kept WAL beside a file copied back over the record replays its pages onto the copy.
    private static func placeWAL(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let wal = path + "-wal"
        let fd = Foundation.open(wal, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, st.st_mode & 0o777)
        guard fd >= 0 else { return nil }
        var byte: UInt8 = 0
        let written = pwrite(fd, &byte, 1, 0)
        if geteuid() == 0 { _ = fchown(fd, st.st_uid, st.st_gid) }
        _ = fchmod(fd, st.st_mode & 0o777)
        close(fd)
        guard written == 1 else { unlink(wal); return nil }
        return wal
    }

    /// "SQLite format 3" and a zero byte: how every SQLite database file begins.
    private static let sqliteHeader = Data("SQLite format 3\0".utf8)

    /// The first 16 bytes of `path` (fewer for a shorter file).
    private static func readHeader(_ path: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PortalError.storage("Cannot read \(path): permission denied.")
        }
        defer { try? handle.close() }
        return handle.readData(ofLength: 16)
    }

    /// Whether `open` fills the file (a new one, or an empty one someone made): set by the first look too.
    final class FillingFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var filling: Bool
        init(_ value: Bool) { filling = value }
        var value: Bool {
            get { lock.withLock { filling } }
            set { lock.withLock { filling = newValue } }
        }
    }

    /// The look at an existing file (`inspect`) made on the store's own first connection, inside GRDB's
    /// `prepareDatabase`, which runs before GRDB's pool writes anything: a file refused here is left as it was.
    /// Only the first connection looks (a pool's readers, opened later, run `prepareDatabase` too).
    final class FirstLook: @unchecked Sendable {
        let path: String
        let pageCheck: PageCheck
        let mode: OpenMode
        let migrate: Bool
        let filling: FillingFlag
        private let lock = NSLock()
        private var looked = false
        private var refusedIt = false

        init(path: String, pageCheck: PageCheck, mode: OpenMode, migrate: Bool, filling: FillingFlag) {
            self.path = path
            self.pageCheck = pageCheck
            self.mode = mode
            self.migrate = migrate
            self.filling = filling
        }

        /// True when the look threw (the file is refused, or could not be read).
        var refused: Bool { lock.withLock { refusedIt } }

        func look(_ db: Database) throws {
            let first = lock.withLock { () -> Bool in
                defer { looked = true }
                return !looked
            }
            guard first else { return }
            do {
                switch try SQLiteStore.inspect(db, path: path, pageCheck: pageCheck) {
                case .empty: try SQLiteStore.takeEmpty(path: path, mode: mode, readOnly: false, filling: filling)
                case .older where !migrate: throw PortalError.olderDatabase(path: path)
                case .older where pageCheck != .full:
                    // Bringing it up to date writes: every page and row is checked first, so a damaged file is refused unchanged.
                    _ = try SQLiteStore.inspect(db, path: path, pageCheck: .full)
                case .older, .portal: break
                }
            } catch {
                lock.withLock { refusedIt = true }
                throw error
            }
        }
    }

    /// A path `fileExists` says is not there, because it cannot be reached: a folder on its way she may not enter
    /// (EACCES), or a file where a folder should be (ENOTDIR). Said as it is, the way an unreadable file is
    /// ("Cannot read …: permission denied"), rather than "there is no portal database … set one up" (QA J11).
    static func refuseUnreachable(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) != 0 else { return }
        switch errno {
        case EACCES: throw PortalError.storage("Cannot reach \(path): permission denied on its folder.")
        case ENOTDIR: throw PortalError.storage("Cannot reach \(path): a part of its path is a file, not a folder.")
        default: return
        }
    }

    /// A device, a pipe or a socket is never her record: refused before anything opens it, changes its mode or
    /// makes a journal beside it (QA E16: `--db /dev/null` run as root made the machine's /dev/null private).
    static func refuseUnlessRegularFile(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG else { return }
        throw PortalError.invalidInput(field: .databasePath, "\(path) is not a file but a device, a pipe or a socket, so the portal did not open it and nothing was changed. The portal keeps your record in a file of its own: choose a file name, for example portal.sqlite.")
    }

    /// An existing file that holds nothing yet: refused when opening may not create (`existingOnly`), else
    /// it becomes her record, private (0600) before its first byte goes in, so the -wal and -shm files SQLite
    /// makes with its mode are private too.
    static func takeEmpty(path: String, mode: OpenMode, readOnly: Bool, filling: FillingFlag) throws {
        if mode == .existingOnly { throw PortalError.noDatabase(path: path) }
        guard !readOnly else { return }
        guard chmod(path, 0o600) == 0 else {
            throw PortalError.storage("Cannot make \(path) private (0600): \(String(cString: strerror(errno))). Nothing was written to it; choose a file of your own.")
        }
        filling.value = true
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
        // On a reader (read-only): SQLite evaluates no CHECK constraint there, whatever `constraints` says.
        let check = try readBesideWriter { db in try Self.quickCheck(db, constraints: true) }
        guard check == "ok" else { throw PortalError.corruptDatabase(path: path, detail: check) }
    }

    /// What an existing file holds, once inspected.
    enum Inspection { case empty, portal, older }

    /// Looks at an existing file read-only and refuses it unless it is a healthy portal database
    /// from this version or an older one. `.empty` is a file with nothing in it yet (no bytes, or SQLite
    /// with no tables), which can become a new database. A refused file is left exactly as it was: the
    /// `-wal` and `-shm` files SQLite may create beside it while looking are removed again.
    private static func inspectExisting(path: String, pageCheck: PageCheck, immutable: Bool = false) throws -> Inspection {
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
            return try queue.read { db in try inspect(db, path: path, pageCheck: pageCheck) }
        } catch {
            // The queue is closed by now (defer). Only files that did not exist before and hold no
            // unsaved changes are removed: an empty -wal, and the -shm index that goes with it.
            removeNewSideFiles(sideFiles)
            if let error = error as? DatabaseError { throw translate(error, path: path) }
            throw error
        }
    }

    /// How much of an existing file the look at it reads (`inspect`).
    enum PageCheck: Sendable {
        /// The header and the schema only.
        case none
        /// Every page, for the b-trees' structure and NOT NULL (`quick_check` with the CHECK constraints left out):
        /// a damaged page is found before GRDB's pool writes as it opens. This is what the pool's background check
        /// (`checkIntegrity()`, on a read-only reader, where SQLite parses no CHECK constraint) always read; on the
        /// pool's writer, evaluating every row's CHECK constraints (dates parsed, lists compared) was 95 % of the
        /// check: 2,450 M against 124 M instructions on ten years, 200 ms before the first Home (issue 26).
        case structure
        /// Every page and every row's CHECK constraints (`quick_check`).
        case full
    }

    /// What the database `db` is connected to holds: refused (thrown) unless it is a healthy portal database
    /// from this version or an older one (`pageCheck`: how much `quick_check` reads first); `.empty` when it has no
    /// tables and no portal application id yet. Reads only.
    static func inspect(_ db: Database, path: String, pageCheck: PageCheck) throws -> Inspection {
        if pageCheck != .none {
            let check = try quickCheck(db, constraints: pageCheck == .full)
            guard check == "ok" else { throw PortalError.corruptDatabase(path: path, detail: check) }
        }
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID != Schema.applicationID {
            if tables > 0 { throw PortalError.notAPortalDatabase(path: path) }
            return .empty
        }
        if try Schema.migrator.hasBeenSuperseded(db) { throw PortalError.newerDatabase(path: path) }
        return try Schema.migrator.hasCompletedMigrations(db) ? .portal : .older
    }

    /// `PRAGMA quick_check`'s first line; without `constraints`, the CHECK constraints are not evaluated (SQLite
    /// skips them while `ignore_check_constraints` is on). The connection may be the pool's writer: the setting
    /// is put back and read back before it is used for anything else, so no write of hers ever skips a CHECK.
    static func quickCheck(_ db: Database, constraints: Bool) throws -> String {
        guard !constraints else { return try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer" }
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        let check = Result { try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer" }
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        guard try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints") == false else {
            throw PortalError.storage("The database's CHECK constraints could not be switched back on; nothing was written.")
        }
        return try check.get()
    }

    /// Removes the `-wal`/`-shm` files in `candidates` (files that did not exist before the inspection, or the
    /// placeholder `-wal` it made) that exist now, unless the `-wal` holds data (a page: more than its 32-byte header).
    private static func removeNewSideFiles(_ candidates: [String]) {
        let fm = FileManager.default
        for file in candidates where fm.fileExists(atPath: file) {
            let size = (try? fm.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            if file.hasSuffix("-wal"), size > 32 { continue }
            try? fm.removeItem(atPath: file)
        }
    }
}
