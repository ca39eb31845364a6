import Foundation
import GRDB

/// The patient's record in SQLite, through GRDB. Built from any GRDB `DatabaseWriter`: a `DatabasePool` on
/// the portal's file (`SQLiteStore.open(url:mode:)`, which checks the file first) or a `DatabaseQueue` in
/// memory (`SQLiteStore.inMemory()`, for tests). Its reads and writes are the record map's
/// (`MappedRecordStore`), in SQLite's words (`SQLiteDialect`); this type opens the transactions: every write
/// is one short transaction that checks `StoreRules` against the rows it reads inside it, so when a method
/// returns the data is on disk (`synchronous = FULL`).
public final class SQLiteStore: MappedRecordStore {
    /// The connection to the file: swapped once, when a store opened on a full disk finds room again (`Connection`).
    var writer: any DatabaseWriter { connection.current.writer }
    private let connection: Connection
    /// True for a file she may read but not write (`SQLiteFile`): every write is refused with a plain message.
    /// (A file opened read-only on a full disk is not: it is waiting for room, `isWaitingForRoom`.)
    let readOnly: Bool
    /// True while a store opened on a full disk reads the file as it is and has not found room to write yet.
    var isWaitingForRoom: Bool { connection.current.cannotWriteBecause != nil }
    /// The file's path when the writer was opened through a URI (read-only files), for messages.
    private let filePath: String?
    /// For a read-only store whose file she may write but whose folder she may not: the folder, which is
    /// what the message must name (SQLite writes its -wal and -shm files there).
    private let readOnlyFolder: String?
    /// The writer, and for a store opened read-only because SQLite could not grow its side files (a full disk:
    /// `open`'s fallback) what a write says instead of "read-only" and how to open the file properly again.
    /// Each save tries that again first, so saving works once there is room (QA-i I7: it never did until the
    /// portal was closed and opened again).
    private final class Connection: @unchecked Sendable {
        struct State {
            var writer: any DatabaseWriter
            /// Nil once the file is open for writing.
            var cannotWriteBecause: String?
            var reopen: (() throws -> any DatabaseWriter)?
        }
        private let lock = NSLock()
        private var state: State
        init(_ state: State) { self.state = state }
        var current: State { lock.withLock { state } }

        /// Opens the file for writing when it was opened on a full disk, if there is room now; else the reason
        /// a write cannot be made. Nil: write (the file is open for writing).
        func reasonNotWritable() -> String? {
            lock.withLock {
                guard let reason = state.cannotWriteBecause else { return nil }
                guard let reopen = state.reopen, let writer = try? reopen() else { return reason }
                state = State(writer: writer, cannotWriteBecause: nil, reopen: nil)
                return nil
            }
        }
    }
    /// The zone her dates and times are in (the computer's): a time its clock skips is refused, and each
    /// timed entry is kept with its offset from UTC there (`StoreRules`).
    public let zone: LocalZone

    /// Takes a read-only, immutable connection to `path` as it is: no migration runs (it would write), and
    /// every write says the file, or `folder` when only the folder is read-only, cannot be written.
    init(readOnly writer: any DatabaseWriter, path: String, folder: String? = nil, zone: LocalZone = .current,
         cannotWriteBecause: String? = nil, reopen: (() throws -> any DatabaseWriter)? = nil) throws {
        self.connection = Connection(.init(writer: writer, cannotWriteBecause: cannotWriteBecause, reopen: reopen))
        self.readOnly = cannotWriteBecause == nil
        self.filePath = path
        self.readOnlyFolder = folder
        self.zone = zone
    }

    /// Takes over `writer` and brings its schema up to date (the migrations in `Schema`; `zone` is where the
    /// rows a migration gives an offset from UTC are taken to have been made).
    public init(_ writer: any DatabaseWriter, zone: LocalZone = .current) throws {
        self.connection = Connection(.init(writer: writer))
        self.readOnly = false
        self.filePath = nil
        self.readOnlyFolder = nil
        self.zone = zone
        do {
            // Migrating takes the write lock even when there is nothing to do: asked only when there is. Asked on
            // the writer's own connection, which only reads here (a pool's reader would be one more connection
            // to close before the file's -wal and -shm can go).
            let migrator = Schema.migrator(zone: zone)
            if try !writer.writeWithoutTransaction({ try migrator.hasCompletedMigrations($0) }) {
                try migrator.migrate(writer)
            }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: writer.path)
        }
    }

    /// An empty store in memory, gone when the store is: for tests and previews.
    public static func inMemory(zone: LocalZone = .current) throws -> SQLiteStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        do {
            return try SQLiteStore(DatabaseQueue(configuration: config), zone: zone)
        } catch let error as DatabaseError {
            throw translate(error, path: ":memory:")
        }
    }

    /// The database file's path (":memory:" for a store in memory).
    public var path: String { filePath ?? writer.path }
    public var location: String { path }

    /// A file on this machine.
    public var isRemote: Bool { false }
    /// Weeks she or her therapist's file adds are hers at once: a file has no drafts.
    public var addsDraftWeeks: Bool { false }
    /// Nothing to publish: a file has no drafts.
    public func publishWeek(_ number: Int) throws {
        throw PortalError.rule("Week \(number) is hers already: a week added to this portal is the patient's at once, so there is nothing to publish.")
    }

    /// Nothing to publish, nobody else's week to replace: her own portal's weeks are hers as they are added (a
    /// change of her details replaces the upcoming generated ones: `replaceUpcomingWeeks`).
    public func publishWeek(_ week: ProgramWeek, library: ExerciseLibrary, today: CalendarDate) throws {
        try publishWeek(week.number)
    }

    /// A copy of the file made with SQLite's online backup (`Backup.write`).
    public func backUp(to path: String, overwrite: Bool) throws {
        try Backup.write(self, to: path, overwrite: overwrite)
    }

    /// The database file and the companion files SQLite keeps beside it.
    public var files: [String] {
        path == ":memory:" || path.isEmpty ? [] : [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Runs a write transaction, turning database errors into messages a patient can read.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let reason = connection.reasonNotWritable() { throw PortalError.storage(reason) }
        if readOnly {
            if let folder = readOnlyFolder {
                throw PortalError.storage("The folder \(folder) is read-only: the portal may read \(path) but cannot write beside it (SQLite keeps its -wal and -shm files there), so nothing was saved. Ask the folder's owner, or use a copy of the file in a folder of your own.")
            }
            throw PortalError.storage("\(path) is read-only: you may read it but not change it, so nothing was saved. Ask its owner, or use a copy of it.")
        }
        do {
            return try writer.write(body)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_CONSTRAINT {
                // The raw constraint text means nothing to a patient; the checks before every write give the
                // precise reason, so reaching this is a last line of defence, said in her words.
                throw PortalError.rule(Self.refusal(message: error.message ?? "", statement: error.sql ?? ""))
            }
            throw Self.translate(error, path: path)
        }
    }

    /// What a refusal by one of the file's constraints says to her: the column in her words
    /// (`RecordPart.words`) and the values it accepts, found from SQLite's `message` ("CHECK constraint failed:
    /// score BETWEEN 0 AND 10", "NOT NULL constraint failed: pain_entry.score") and the refused `statement`;
    /// never the table's or column's name. A rule it cannot tell is said as a rule of the portal.
    static func refusal(message: String, statement: String) -> String {
        let generic = "That change breaks a rule of the portal, so nothing was saved."
        let all = RecordPart.tables + RecordPart.clinicOnlyTables
        func identifiers(_ text: Substring) -> [String] {
            text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        }
        if let r = message.range(of: "NOT NULL constraint failed: ") {
            let named = message[r.upperBound...].split(separator: ".").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard named.count == 2, all.contains(where: { $0.name == named[0] && $0.column(named[1]) != nil }) else { return generic }
            return "The \(RecordPart.words(table: named[0], column: named[1])) must be given, so nothing was saved."
        }
        guard let r = message.range(of: "CHECK constraint failed: ") else { return generic }
        // The table the statement writes: INSERT [OR …] INTO t, UPDATE [OR …] t.
        let words = identifiers(Substring(statement)).map { $0.lowercased() }
        guard let verb = words.firstIndex(where: { $0 == "into" || $0 == "update" }),
              let table = words[(verb + 1)...].first(where: { w in all.contains { $0.name == w } }),
              let mapped = all.first(where: { $0.name == table }),
              let column = identifiers(message[r.upperBound...]).lazy.compactMap({ mapped.column($0) }).first else { return generic }
        let named = RecordPart.words(table: table, column: column.name)
        if let rule = column.rule { return "The \(named) is \(RecordPart.accepted(rule)), so nothing was saved." }
        return "The \(named) is not one the portal accepts, so nothing was saved."
    }

    /// Runs a read transaction: everything read inside `body` is from one moment.
    ///
    /// On a pool it runs on the writer's own connection, read-only (`query_only`), in a deferred transaction: that
    /// connection has parsed the schema already (the look at the file, `SQLiteFile`), and the full screen's store
    /// calls take turns on one worker anyway, so a reader connection would only open a second connection and parse
    /// the whole schema a second time before the first paint (issue 26). Only the integrity check after the first
    /// paint reads beside the writer, on a reader of its own (`readBesideWriter`), so it never holds a save up.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            guard let pool = writer as? DatabasePool else { return try writer.read(body) }
            return try pool.writeWithoutTransaction { db in
                try db.readOnly {
                    var value: T?
                    try db.inTransaction(.deferred) {
                        value = try body(db)
                        return .commit
                    }
                    return value!
                }
            }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path, writing: false)
        }
    }

    /// Runs a read transaction on a connection of its own beside the writer (a pool's reader): for a long read
    /// that must not hold up a save (`checkIntegrity()`). Elsewhere the same as `read`.
    func readBesideWriter<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path, writing: false)
        }
    }

    public func reading<T>(_ body: (any RecordDatabase) throws -> T) throws -> T {
        try read { db in try body(SQLiteDialect(db: db)) }
    }

    public func writing<T>(_ body: (any RecordDatabase) throws -> T) throws -> T {
        try write { db in try body(SQLiteDialect(db: db)) }
    }

    /// What a failed write says when the disk is full: every path (the commands, the full screen, a read that
    /// SQLite could not give room to) says it in these words.
    public static let diskFullNothingSaved = "The disk is full; nothing was saved. Free some space and try again."

    /// The one mapping of SQLite's errors to what she reads. A full disk is SQLITE_FULL, or an I/O error while
    /// the disk holding `path` has almost no room left (`diskIsFull`): SQLite reports a -wal or -shm file it
    /// cannot grow as "disk I/O error" (QA G5). `writing` false: a read, which saved nothing to begin with.
    static func translate(_ error: DatabaseError, path: String, writing: Bool = true,
                          freeBytes: (String) -> Int64? = SQLiteStore.freeBytes(near:)) -> PortalError {
        if isFullDisk(error, path: path, freeBytes: freeBytes) {
            return .storage(writing ? diskFullNothingSaved
                : "The disk is full, so \(path) cannot be read: SQLite needs a little room beside it. Free some space and try again.")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notAPortalDatabase(path: path)
        case .SQLITE_CORRUPT: return .corruptDatabase(path: path, detail: error.message ?? "corrupt")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storage("The database \(path) is busy in another program; please try again.")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return .storage("Cannot write to \(path): \(error.message ?? "permission denied").")
        default: return .storage("Database error in \(path): \(error.message ?? "\(error)")")
        }
    }

    /// Below this much room, an I/O error is taken to be the full disk (a -shm index needs 32 KB, a WAL frame a page).
    static let nearlyFullBytes: Int64 = 1 << 20

    /// Whether `error` comes from a full disk (see `translate`).
    static func isFullDisk(_ error: DatabaseError, path: String, freeBytes: (String) -> Int64? = SQLiteStore.freeBytes(near:)) -> Bool {
        if error.resultCode == .SQLITE_FULL { return true }
        guard error.resultCode == .SQLITE_IOERR else { return false }
        return freeBytes(path).map { $0 < nearlyFullBytes } ?? false
    }

    /// The room left for her on the disk holding `path` (its folder when the file is not there), or nil when
    /// it cannot be told (":memory:").
    static func freeBytes(near path: String) -> Int64? {
        guard path != ":memory:", !path.isEmpty else { return nil }
        var st = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(FileManager.default.fileExists(atPath: path) ? path : (folder.isEmpty ? "." : folder), &st) == 0 else { return nil }
        return Int64(st.f_bavail) * Int64(st.f_frsize)
    }

    /// SQLite's `PRAGMA data_version` on the writing connection: it changes when any other connection
    /// (another portal's process included) commits, and costs one pragma. Nil in memory, where no one else
    /// can write.
    public func changeToken() throws -> Int64? {
        guard path != ":memory:", !path.isEmpty else { return nil }
        do {
            return try writer.writeWithoutTransaction { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }
}
