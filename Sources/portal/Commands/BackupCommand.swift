import ArgumentParser
import Foundation
import PortalCore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy your whole database to a file, safely even while the portal is open.",
        discussion: """
        Uses SQLite's online backup: the copy holds everything saved when it began, even if a portal is \
        writing at the same time. The file is readable by you only (0600). An existing file is replaced only \
        with --force, and never the database itself. Bring it back with `portal restore FILE`.
        """)

    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var file: String

    @Flag(help: "Replace the file if it already exists.")
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try StoreLocation.open(option: storeOptions.db, mode: .existingOnly)
        try store.backUp(to: file, overwrite: force)
        print("Backed up \(store.location) to \(file).")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace your database with a backup made by `portal backup`.",
        discussion: """
        Checks the backup first (a portal database, undamaged, not from a newer portal), keeps the current \
        database beside it as a dated copy (NAME.before-restore-YYYYMMDD-HHMMSS.sqlite), then puts the backup \
        in its place in one step. Close every portal window first.
        """)

    @Argument(help: ArgumentHelp("The backup file to restore from.", valueName: "file"))
    var file: String

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard ClinicLocation.connectionString(option: storeOptions.db, environment: ProcessInfo.processInfo.environment) == nil else {
            throw PortalError.invalidInput(field: .databasePath,
                                           "A clinic database is restored by the clinic (pg_restore), not with portal restore.")
        }
        let path = try StoreLocation.resolve(option: storeOptions.db).path
        let kept = try Backup.restore(from: file, to: path)
        print("Restored \(file) into \(path).")
        if let kept { print("Your database as it was is kept in \(kept).") }
    }
}
