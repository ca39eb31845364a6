import ArgumentParser
import Foundation
import PortalCore
import PortalTerminal
import PortalUI

@main
struct Portal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Your physical-therapy portal: pain log, weekly exercises, visits and progress.",
        discussion: """
        Run `portal` on its own for the full-screen portal. Everything is kept in one private SQLite file on \
        this computer; nothing is sent anywhere.

        Set PORTAL_TODAY=YYYY-MM-DD to pin today's date (demos, tests).
        """,
        version: "0.1.0",
        subcommands: [LogCommand.self, SignsCommand.self, TodayCommand.self, VisitsCommand.self, ExercisesCommand.self,
                      ExportCommand.self, ReportCommand.self, BackupCommand.self, RestoreCommand.self,
                      ProgramCommand.self, DemoCommand.self, ClinicCommand.self])

    @Flag(help: "Load the demo patient first if the database has no patient yet.")
    var demoIfEmpty = false

    @OptionGroup var storeOptions: StoreOptions

    /// ArgumentParser's own entry point, with the command line's hints added to PortalCore's errors.
    static func main() {
        do {
            // `portal` on its own, the way patients start it many times a day: nothing to parse, so
            // ArgumentParser (about 20 M instructions of reflection) is not asked.
            if CommandLine.arguments.count == 1 {
                let status = try runFullScreen(demoIfEmpty: false, db: nil, patient: nil)
                if status != 0 { throw ExitCode(status) }
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: CommandLineHints.adding(to: error))
        }
    }

    func run() throws {
        let status = try Self.runFullScreen(demoIfEmpty: demoIfEmpty, db: storeOptions.db, patient: storeOptions.patient)
        // By now the store is released: its connections are closed and the WAL checkpointed, so
        // portal.sqlite alone holds everything even after SIGHUP, SIGTERM or a hung-up terminal.
        if status != 0 { throw ExitCode(status) }
    }

    /// Everything that holds the store lives in this function, so it is gone when it returns.
    private static func runFullScreen(demoIfEmpty: Bool, db: String?, patient: String?) throws -> Int32 {
        // Before anything else (no database opened, nothing drawn): a terminal that cannot show the portal
        // gets a message naming the problem and exit status 1.
        do {
            try Terminal.checkDrawable(minimum: PortalApp.minimumSize)
        } catch let problem as TerminalError {
            throw FullScreenUnavailable(problem: problem)
        }
        // While the screen runs, SIGHUP is a stop request (PortalTerminal). When the terminal goes away the
        // kernel's SIGHUP can come just after the loop has stopped and put the old action back: ignored,
        // not fatal, it cannot kill the portal before the store below is closed.
        signal(SIGHUP, SIG_IGN)
        let ctx = try Context(db: db, patient: patient, create: true, check: .header)
        if demoIfEmpty, try ctx.store.isEmpty() {
            try DemoPatient(content: ctx.content, today: ctx.today, time: ctx.clock.time).load(into: ctx.store)
        }
        return try FullScreen.run(ctx)
    }
}


/// The terminal cannot show the full-screen portal: the problem, and that the commands still work.
struct FullScreenUnavailable: Error, CustomStringConvertible {
    let problem: TerminalError

    var description: String {
        let text = "\(problem)"
        return text.prefix(1).uppercased() + text.dropFirst()
            + " The commands work without it: `portal today`, `portal log` and the others (see `portal --help`)."
    }
}
