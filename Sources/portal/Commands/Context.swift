import ArgumentParser
import Foundation
import PortalCore
import PortalTerminal

/// `--db PATH` (and `--patient USER` for a therapist in clinic mode), shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file, or a clinic's PostgreSQL connection string (postgresql://...).",
                                            discussion: "Default: PORTAL_DB, else $XDG_DATA_HOME/portal/portal.sqlite (~/.local/share/portal/portal.sqlite).",
                                            valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("In a clinic database, as her therapist: the patient (her user name) whose record to open.",
                               valueName: "user"))
    var patient: String?

    /// Checked by every command, even one that needs no database: `--db ""` is a mistake, not the default.
    func validate() throws {
        if let db { _ = try StoreLocation.resolve(option: db) }
    }
}

/// What a command needs: the store, the content and today's date. The command line's wiring: the only place
/// that reads `--db`, `PORTAL_DB`, XDG and `PORTAL_TODAY`.
struct Context {
    let store: any RecordStore
    let content: ContentLibrary
    let clock: PortalClock

    /// Opens the database. Only the full-screen portal and `demo` set one up (`create: true`); every other
    /// command needs one that already exists, and says how to make one instead of leaving an empty file.
    /// `--patient`: a therapist working on one patient of her caseload in a clinic database.
    /// `content` is the content the command already read to check its input before opening the store, so it
    /// is not decoded twice.
    init(_ options: StoreOptions, create: Bool = false, content: ContentLibrary? = nil) throws {
        try self.init(db: options.db, patient: options.patient, create: create, content: content)
    }

    /// The same, from `--db`'s value (nil when not given): `portal` without arguments never builds options.
    /// The full-screen portal checks only the file's header before painting (`check: .header`) and runs
    /// the full integrity check after its first paint.
    /// A command takes one connection (`.single`), which writes nothing unless it saves; the full-screen
    /// portal a pool (`.pool`).
    init(db: String?, patient: String? = nil, create: Bool = false, check: SQLiteStore.IntegrityCheck = .pages,
         connections: SQLiteStore.Connections = .single,
         content: ContentLibrary? = nil, environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        clock = try PortalClock.fromEnvironment(env)
        self.content = try content ?? ContentLibrary.forPortal(env)
        store = try StoreLocation.open(option: db, environment: env, mode: create ? .createIfMissing : .existingOnly,
                                       patient: patient, check: check, connections: connections)
    }

    var today: CalendarDate { clock.today }

    /// The patient, or a clear error pointing to the demo and the full-screen set-up.
    func requirePatient() throws -> Patient {
        guard let p = try store.patient() else { throw noPatient() }
        return p
    }

    /// The error for a database with no patient yet, pointing to the set-up and the demo.
    func noPatient() -> PortalError {
        .notFound("No patient is set up in \(store.location) yet. " + DemoFile.hint(forEmpty: store.location))
    }
}

/// Parses a `YYYY-MM-DD` option, naming the option in the error.
func parseDate(_ text: String, option: String) throws -> CalendarDate {
    guard let d = CalendarDate(text) else {
        throw PortalError.invalidInput("\(option) \(PlainText.quoted(text)) is not a date. Use the form YYYY-MM-DD, for example 2026-03-14.")
    }
    return d
}

/// Stored text made safe to print: control characters (an escape sequence would retitle or clear the
/// terminal) are removed, newlines and tabs kept. Every command that prints what a patient or therapist
/// wrote passes it through here, even though the store refuses such text, in case older data holds some.
func printable(_ text: String) -> String { PlainText.removingControls(text) }

/// Writes a message where the portal's messages go (the standard error it was started with: `ProcessOutput`),
/// without control characters, since a message may quote a path or a name from the environment.
func printError(_ message: String) {
    ProcessOutput.write(printable(message))
}
