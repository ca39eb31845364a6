import ArgumentParser
import Foundation
import PortalCore

/// `portal remind …`: the reminders she sets and the timer that gives them.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Reminders: a timer on your computer that reminds you of what is still due today.",
        discussion: """
        `portal remind install` installs a systemd user timer where `systemctl --user` works, else a line in \
        your crontab; it runs `portal remind now` every \(ReminderTimer.everyMinutes) minutes, which reminds you \
        (a desktop notification through notify-send, from Debian's libnotify-bin) of what is still not done, \
        at most once a day for each kind. `--dry-run` prints what it would install. On a clinic's server the \
        timer is off: Home is your reminder there.
        """,
        subcommands: [Install.self, Uninstall.self, Now.self])

    /// Timers need her own computer: on a clinic's server the timer would run there, for no one to see.
    static func refuseOnClinic(_ options: StoreOptions, environment env: [String: String]) throws {
        guard ClinicLocation.connectionString(option: options.db, environment: env) != nil else { return }
        throw PortalError.rule("""
            Reminders by timer are off in the clinic's portal: a timer would run on the clinic's server, not on your \
            computer. Home shows what is still due each time you log in.
            """)
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the timer that runs `portal remind now` every \(ReminderTimer.everyMinutes) minutes (systemd user timer, else crontab).",
            discussion: """
            Installing again replaces what was installed. The timer reminds you of the database this command \
            opens (--db, PORTAL_DB or the default), through the portal you ran this with.
            """)

        @Flag(help: "Print what would be written and run, and change nothing.")
        var dryRun = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let env = ProcessInfo.processInfo.environment
            try RemindCommand.refuseOnClinic(storeOptions, environment: env)
            // The database must be hers already: a timer for a file that does not exist would remind no one.
            let database = try StoreLocation.resolve(option: storeOptions.db, environment: env)
            let store = try StoreLocation.open(option: storeOptions.db, environment: env, mode: .existingOnly, check: .header)
            guard try store.patient() != nil else {
                throw PortalError.notFound("No patient is set up in \(store.location) yet, so there is nothing to remind you of. Run `portal` to set up first.")
            }
            let timer = try ReminderTimer(portal: ReminderInstaller.portalPath(environment: env), database: database.path)
            let installer = ReminderInstaller(environment: env)
            print(dryRun ? try installer.plan(timer) : try installer.install(timer))
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the timer `portal remind install` installed (the systemd user timer, the crontab line, or both).")

        func run() throws {
            print(try ReminderInstaller(environment: ProcessInfo.processInfo.environment).uninstall())
        }
    }

    struct Now: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give the reminders due now (what the timer runs): what is still not done, once a day for each kind.",
            discussion: """
            A desktop notification when a desktop session is there (notify-send); otherwise the reminder waits \
            for your next `portal today --brief` line or full-screen start. Nothing is said of what is already \
            done. Without a database it does nothing.
            """)

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let env = ProcessInfo.processInfo.environment
            try RemindCommand.refuseOnClinic(storeOptions, environment: env)
            let clock = try PortalClock.fromEnvironment(env)
            let url = try StoreLocation.resolve(option: storeOptions.db, environment: env)
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            let store: any RecordStore
            do {
                store = try StoreLocation.open(option: storeOptions.db, environment: env, mode: .existingOnly, check: .header)
            } catch PortalError.noDatabase {
                return
            }
            let snapshot = try store.snapshot(clock: clock, rules: try ContentLibrary.forPortal(env, onDemand: true).exercises.rules)
            // Her settings and the reminders already given are parts of the record still to come (they need
            // the record map, issue 20): until then nothing is set, so nothing is given.
            let settings = ReminderSettings.allOff
            let given: [ReminderDelivery] = []
            let notifier = NotifySend(environment: env)
            for reminder in ReminderPlan.due(snapshot, settings: settings, given: given) {
                let outcome = notifier.deliver(reminder)
                print(RemindCommand.said(reminder, outcome))
            }
        }
    }

    /// One line for the timer's log (the journal, cron's mail): what was given and how.
    static func said(_ reminder: Reminder, _ outcome: ReminderDelivery.Outcome) -> String {
        switch outcome {
        case .notified: return "\(reminder.title): shown on the desktop."
        case .waiting: return "\(reminder.title): no desktop session; it waits for the next brief line or full-screen start."
        case .failed(let why): return "\(reminder.title): could not be shown (\(why)); Home will say so."
        }
    }
}
