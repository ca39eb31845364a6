import ArgumentParser
import Foundation
import PortalCore

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
        subcommands: [LogCommand.self, TodayCommand.self, VisitsCommand.self, ExercisesCommand.self,
                      ExportCommand.self, ProgramCommand.self, DemoCommand.self, ClinicCommand.self])

    @Flag(help: "Load the demo patient first if the database has no patient yet.")
    var demoIfEmpty = false

    @OptionGroup var storeOptions: StoreOptions

    /// ArgumentParser's own entry point, with the command line's hints added to PortalCore's errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: CommandLineHints.adding(to: error))
        }
    }

    func run() throws {
        let ctx = try Context(storeOptions, create: true)
        if demoIfEmpty, try ctx.store.isEmpty() {
            try DemoPatient(content: ctx.content, today: ctx.today, time: ctx.clock.time).load(into: ctx.store)
        }
        try FullScreen.run(ctx)
    }
}

