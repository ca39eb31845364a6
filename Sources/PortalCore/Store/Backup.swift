import Foundation
import GRDB

/// `portal backup` and `portal restore`: whole-database copies made with SQLite's online backup API, so a
/// copy is consistent even while a portal has the file open and is writing to it.
public enum Backup {
    /// Copies the open `store` to `path`: a private (0600) SQLite file holding everything committed when
    /// the copy began. Refuses the database and its companion files, a folder, and an existing file unless
    /// `overwrite`. Written to a temporary file and renamed, so `path` is never half a backup.
    public static func write(_ store: SQLiteStore, to path: String, overwrite: Bool) throws {
        let url = try checkTarget(path, protected: store.files, overwrite: overwrite)
        let temp = try privateTempFile(beside: url)
        do {
            let queue = try DatabaseQueue(path: temp.path)
            // One step (all pages) under one read transaction: a snapshot, while writers go on.
            try store.writer.backup(to: queue)
            // The copy carries the database's WAL flag; a backup is one self-contained file instead.
            _ = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
            try syncFile(temp.path)
            guard rename(temp.path, url.path) == 0 else { throw PortalError.storage(String(cString: strerror(errno))) }
        } catch {
            unlink(temp.path)
            if let e = error as? PortalError { throw e }
            throw PortalError.storage("Cannot write the backup \(path): \(error).")
        }
    }

    /// Replaces the database at `databasePath` with the backup at `backupPath`, and returns the path of the
    /// dated copy of the database it replaced (nil when there was none). Refuses a file that is not a portal
    /// backup, is damaged or is from a newer portal, and a database another portal has open. The backup is
    /// first copied beside the database and checked there; the database is replaced by a rename only once
    /// that copy is whole, so it is never half restored.
    @discardableResult
    public static func restore(from backupPath: String, to databasePath: String, now: Date = Date()) throws -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: backupPath, isDirectory: &isDir), !isDir.boolValue else {
            throw PortalError.notFound("There is no backup file at \(backupPath).")
        }
        let target = URL(fileURLWithPath: databasePath)
        if Exporter.resolved(URL(fileURLWithPath: backupPath)) == Exporter.resolved(target) {
            throw PortalError.invalidInput("\(backupPath) is the database itself; give the backup file to restore from.")
        }
        let folder = target.deletingLastPathComponent()
        if !fm.fileExists(atPath: folder.path) {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temp = try privateTempFile(beside: target)
        var lock: DatabaseQueue?
        defer { try? lock?.close() }
        do {
            try copyBytes(from: backupPath, to: temp.path)
            try check(temp.path, named: backupPath)
            try syncFile(temp.path)
            var keptCopy: String?
            if fm.fileExists(atPath: databasePath) {
                lock = try exclusiveAccess(databasePath)
                keptCopy = try keepDatedCopy(of: databasePath, now: now)
            }
            guard rename(temp.path, databasePath) == 0 else { throw PortalError.storage(String(cString: strerror(errno))) }
            return keptCopy
        } catch {
            unlink(temp.path)
            for suffix in ["-journal", "-wal", "-shm"] { unlink(temp.path + suffix) }
            if let e = error as? PortalError { throw e }
            if let e = error as? DatabaseError { throw PortalError.storage("Cannot restore \(backupPath): \(e.message ?? "\(e)").") }
            throw PortalError.storage("Cannot restore \(backupPath): \(error).")
        }
    }

    /// Checks that `path` is a healthy portal database from this version or an older one, holding a record
    /// every part of which reads back (`RecordPart`, so a part added later is checked too). It brings the file
    /// (the private copy being restored) up to this version on the way.
    static func check(_ path: String, named name: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw PortalError.storage("Cannot read \(name).") }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        let notABackup = PortalError.invalidInput("\(name) is not a portal backup; nothing was restored.")
        guard header == Data("SQLite format 3\0".utf8) else { throw notABackup }
        // From here it is an SQLite file: one SQLite cannot open or read through (cut short in a copy, say)
        // is a damaged file, which is what she needs to know, not a file of some other kind.
        // SQLite's report (pages, error codes) means nothing to her: what it means is said instead (QA-i I4).
        let damaged = { (_: String) in PortalError.invalidInput("\(name) is damaged and cannot be read; nothing was restored. Choose another backup.") }
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            try queue.read { db in
                let check = (try? String.fetchOne(db, sql: "PRAGMA integrity_check")) ?? "unreadable"
                guard check == "ok" else { throw damaged(check) }
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID,
                      try db.tableExists("patient") else { throw notABackup }
                if try Schema.migrator.hasBeenSuperseded(db) {
                    throw PortalError.invalidInput("\(name) was made by a newer version of the portal; update the portal, then restore it. Nothing was restored.")
                }
            }
            // Every part of the record reads back (`RecordPart`), the copy brought up to this version on the way.
            do {
                _ = try SQLiteStore(queue).record(.whole)
            } catch let error as DatabaseError {
                throw damaged(error.message ?? "\(error.resultCode)")
            } catch {
                throw damaged("\(error)")
            }
        } catch let error as DatabaseError {
            throw damaged(error.message ?? "\(error.resultCode)")
        }
    }

    /// Takes the database for ourselves: leaving WAL mode needs every other connection closed (so a portal
    /// still open is found, not overwritten under its feet), checkpoints the WAL into the file and removes it;
    /// the exclusive lock then keeps a new portal out until the rename is done.
    static func exclusiveAccess(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(2)
        let queue = try DatabaseQueue(path: path, configuration: config)
        do {
            let mode = try queue.writeWithoutTransaction { db -> String in
                let m = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") ?? ""
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "BEGIN EXCLUSIVE; COMMIT")
                return m
            }
            guard mode.lowercased() == "delete" else { throw PortalError.storage("busy") }
        } catch let error as DatabaseError where error.resultCode != .SQLITE_BUSY && error.resultCode != .SQLITE_LOCKED {
            try? queue.close()
            throw PortalError.storage("Cannot take over \(path) to restore into it: \(error.message ?? "\(error)"). Nothing was restored.")
        } catch {
            try? queue.close()
            throw PortalError.storage("The portal database \(path) is open in another portal; close every portal window, then restore again. Nothing was restored.")
        }
        return queue
    }

    /// `portal.before-restore-20261201-101700.sqlite` beside the database: a byte copy (the database is ours
    /// alone by now and has no WAL), private.
    static func keepDatedCopy(of path: String, now: Date) throws -> String {
        let copy = URL(fileURLWithPath: datedCopyPath(of: path, before: "restore", now: now))
        guard !FileManager.default.fileExists(atPath: copy.path) else {
            throw PortalError.storage("\(copy.path) already exists; wait a second and restore again.")
        }
        let fd = open(copy.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw PortalError.storage("Cannot keep a copy of the current database: \(String(cString: strerror(errno))).") }
        close(fd)
        try copyBytes(from: path, to: copy.path)
        try syncFile(copy.path)
        return copy.path
    }

    /// The dated copies kept beside the database at `path` (`datedCopyPath`), oldest first (their names sort
    /// by date): what a damaged file's message names as a backup at hand.
    public static func keptCopies(beside path: String) -> [String] {
        guard path != ":memory:", !path.isEmpty else { return [] }
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent + ".before-"
        let ext = "." + (url.pathExtension.isEmpty ? "sqlite" : url.pathExtension)
        let folder = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(base) && $0.hasSuffix(ext) }
            .sorted { $0.dropLast(ext.count).suffix(15) < $1.dropLast(ext.count).suffix(15) }  // YYYYMMDD-HHMMSS
            .map { folder.appendingPathComponent($0).path }
    }

    /// Where a dated copy of the database at `path` is kept before `what` replaces it, beside it:
    /// `portal.before-restore-20261201-101700.sqlite`, `portal.before-demo-….sqlite`.
    public static func datedCopyPath(of path: String, before what: String, now: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = .current
        let p = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension.isEmpty ? "sqlite" : url.pathExtension
        return url.deletingLastPathComponent().appendingPathComponent("\(base).before-\(what)-\(stamp).\(ext)").path
    }

    /// The target of a backup: the rules of every file the portal writes for her (`OutputFile`), and an
    /// existing file replaced only when asked (the command line's words: `--force`).
    static func checkTarget(_ path: String, protected: [String], overwrite: Bool) throws -> URL {
        do {
            return try OutputFile.destination(path, protected: protected, overwrite: overwrite, what: "the backup",
                                              example: "portal-backup.sqlite")
        } catch PortalError.fileExists {
            throw PortalError.invalidInput("\(path) already exists; use --force to replace it, or choose another name.")
        }
    }

    /// A new empty file, private from its first byte, in the folder of `url` (so a rename can replace `url`).
    static func privateTempFile(beside url: URL) throws -> URL {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw PortalError.storage("Cannot write in \(url.deletingLastPathComponent().path): \(String(cString: strerror(errno))).") }
        close(fd)
        return temp
    }

    static func copyBytes(from source: String, to destination: String) throws {
        guard let input = FileHandle(forReadingAtPath: source), let output = FileHandle(forWritingAtPath: destination) else {
            throw PortalError.storage("Cannot copy \(source).")
        }
        defer { try? input.close(); try? output.close() }
        try output.truncate(atOffset: 0)
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
    }

    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
