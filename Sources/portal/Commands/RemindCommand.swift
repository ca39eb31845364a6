import ArgumentParser
import Foundation
import PortalCore

/// `portal remind …`: the reminders she sets and the timer that gives them.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Reminders: list, set and switch off the reminders you want, and the timer that gives them.",
        discussion: """
        `portal remind` lists your reminders. `portal remind set pain|exercises|diary HH:MM [--days mon,tue,…]` \
        sets a daily one; `portal remind set visits 24h` (or 2h, 30m, 2d; several with commas) how long before \
        each booked visit; `portal remind off KIND` switches one off. Nothing is set until you set it.

        `portal remind install` installs a systemd user timer where `systemctl --user` works, else a line in \
        your crontab; it runs `portal remind now` every \(ReminderTimer.everyMinutes) minutes, which reminds you \
        (a desktop notification through notify-send, from Debian's libnotify-bin) of what is still not done, \
        at most once a day for each kind. `--dry-run` prints what it would install. On a clinic's server the \
        timer is off: Home is your reminder there.
        """,
        subcommands: [List.self, SetReminder.self, Off.self, Install.self, Uninstall.self, Now.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your reminders (what `portal remind` alone does).")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            print(RemindCommand.listing(try ctx.store.reminderSettings(), clinic: ctx.store.isRemote), terminator: "")
        }
    }

    struct SetReminder: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a reminder: pain, exercises or diary at a time of day; visits a time before each visit.",
            discussion: """
            Examples:
              portal remind set pain 20:00
              portal remind set exercises 18:30 --days mon,wed,fri
              portal remind set visits 24h,2h
            Setting a kind again replaces it. Nothing is written if any part is wrong.
            """)

        @Argument(help: ArgumentHelp("pain, exercises, diary or visits.", valueName: "kind"))
        var kind: String

        // What is not an option is collected here, so an offset such as `-2h` is judged as an offset (it is not
        // more than zero) rather than taken for an unknown option.
        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("HH:MM for pain, exercises and diary; 24h, 2h, 30m or 2d (several with commas) for visits.",
                                     valueName: "when"))
        var when: [String] = []

        @Option(help: ArgumentHelp("The days of the week, e.g. mon,wed,fri (or weekdays, daily). Every day unless given.", valueName: "days"))
        var days: String?

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            // Everything she typed is checked before the database is opened: a refusal writes nothing.
            let kind = try ReminderKind.parse(self.kind)
            // `--` ends the options (`portal remind set visits -- 2h`); before it, a word of two dashes is an
            // option this command does not have.
            let when = self.when.first == "--" ? Array(self.when.dropFirst()) : self.when
            if self.when.first != "--", let option = when.first(where: { $0.hasPrefix("--") }) {
                throw PortalError.invalidInput("Unknown option \(PlainText.quoted(option)). See `portal remind set --help`.")
            }
            // The probe checks what she typed; whether the kind is settable where the store is comes below,
            // once the store says whether it is a clinic's.
            var probe = ReminderSettings.allOff
            try probe.set(kind, from: when, days: days, inClinic: false)
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            var settings = try ctx.store.reminderSettings()
            // In a clinic's portal the daily ones are off (no timer there): the reminder screen's rule.
            try settings.set(kind, from: when, days: days, inClinic: ctx.store.isRemote)
            try ctx.store.saveReminderSettings(settings)
            print("\(kind.title) reminder: \(settings.summary(kind)).")
            print(RemindCommand.howItComes(clinic: ctx.store.isRemote))
        }
    }

    struct Off: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Switch a reminder off: pain, exercises, diary or visits.")

        @Argument(help: ArgumentHelp("pain, exercises, diary or visits.", valueName: "kind"))
        var kind: String

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let kind = try ReminderKind.parse(self.kind)
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            var settings = try ctx.store.reminderSettings()
            guard settings.isSet(kind) else {
                print("\(kind.title) reminder: already off.")
                return
            }
            settings.turnOff(kind)
            try ctx.store.saveReminderSettings(settings)
            print("\(kind.title) reminder: off.")
        }
    }

    /// `portal remind`: one line a kind, then how to change them.
    static func listing(_ settings: ReminderSettings, clinic: Bool) -> String {
        let width = ReminderKind.allCases.map(\.rawValue.count).max() ?? 0
        var out = "Your reminders:\n"
        for kind in ReminderKind.allCases {
            out += "  " + kind.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + settings.summary(kind) + "\n"
        }
        out += settings.isEmpty
            ? "None is set. Set one with `portal remind set pain 20:00` (or exercises, diary at a time; visits 24h before).\n"
            : "Change one with `portal remind set KIND …`, switch one off with `portal remind off KIND`.\n"
        if clinic { out += howItComes(clinic: true) + "\n" }
        return out
    }

    /// What gives the reminders she set.
    static func howItComes(clinic: Bool) -> String {
        clinic
            ? ReminderKind.noTimerInClinic + " The calendar export carries your visit reminders."
            : "`portal remind install` puts the timer on your computer that gives them; `portal today --brief` shows what is due."
    }

    /// Timers need her own computer: on a clinic's server the timer would run there, for no one to see.
    static func refuseOnClinic(_ options: StoreOptions, environment env: [String: String]) throws {
        guard ClinicLocation.connectionString(option: options.db, environment: env) != nil else { return }
        throw PortalError.rule(ReminderKind.noTimerInClinic)
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
            // Her settings and the reminders already given are in the snapshot: nothing is given twice in a day,
            // nothing already done is reminded of, and each one given (or not) is kept, so Home can say a failure.
            let content = try ContentLibrary.forPortal(env, onDemand: true)
            let snapshot = try store.snapshot(clock: clock, rules: content.exercises.rules)
            let notifier = NotifySend(environment: env)
            for reminder in ReminderPlan.due(snapshot, safety: content.safety) {
                let outcome = notifier.deliver(reminder)
                try store.logReminder(ReminderDelivery(reminder, at: clock.now, outcome: outcome))
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
