import ArgumentParser
import PortalCore

/// `portal bladder`: the bladder diary from the command line: today's counts and the last three days, or one
/// pee, leak, drink or pad change logged. Nothing is written if any part is wrong.
struct BladderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bladder",
        abstract: "The bladder diary: show today and the last three days, or log a pee, a leak, a drink or a pad change.",
        discussion: """
        Without a subcommand, shows today's counts (pees by day and at night, leaks by kind, pads, drinks) and the \
        three days before. Nothing is written if any part is wrong.

        Examples:
          portal bladder
          portal bladder leak --amount damp --activity cough
          portal bladder pee --ml 250 --urgency 2
          portal bladder drink 300 --kind coffee
          portal bladder pad
        """,
        subcommands: [BladderShow.self, BladderLeak.self, BladderPee.self, BladderDrink.self, BladderPad.self],
        defaultSubcommand: BladderShow.self)

    /// Checks the entry, then opens the store and saves it, and prints the day's counts after it.
    static func save(_ draft: (PortalClock) throws -> BladderEvent, _ storeOptions: StoreOptions) throws {
        let clock = try PortalClock.fromEnvironment()
        let entry = try draft(clock)
        try entry.validate(now: clock.latestEntry)
        let content = try ContentLibrary.forPortal()
        let ctx = try Context(storeOptions, content: content)
        let patient = try ctx.requirePatient()
        let saved = try ctx.store.add(entry, rules: EntryRules(now: clock.latestEntry, content: ctx.content))
        print("Saved: \(printable(saved.summary)) on \(saved.date)")
        if !saved.note.isEmpty { print("Note: \(printable(saved.note))") }
        for line in SafetyRules.advice(for: saved, stage: patient.stage, guide: ctx.content.safety) { print(line) }
        let day = BladderDay(date: saved.date, events: try ctx.store.entries(BladderEvent.self, from: saved.date, to: saved.date))
        print("\(saved.date == clock.today ? "Today" : saved.date.description): " + day.rows.map { "\($0.label.lowercased()) \($0.value)" }.joined(separator: "; "))
    }
}

struct BladderShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Today's counts and the last three days (the default).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let ctx = try Context(storeOptions)
        let patient = try ctx.requirePatient()
        let from = ctx.today.adding(days: -3)
        let events = try ctx.store.entries(BladderEvent.self, from: from, to: ctx.today)
        if let diary = ThreeDayDiary.status(conditions: patient.conditions, visits: try ctx.store.carePlan()?.visits ?? [],
                                            loggedDays: Set(try ctx.store.entries(BladderEvent.self, from: ctx.today.adding(days: -ThreeDayDiary.windowDays),
                                                                                  to: ctx.today).map(\.date)),
                                            now: ctx.clock.now) {
            print(diary.headline)
            print("")
        }
        for offset in 0...3 {
            let d = ctx.today.adding(days: -offset)
            let day = BladderDay(date: d, events: events)
            print(offset == 0 ? "Today, \(d.shortText)" : d.shortText)
            if day.isEmpty { print("  nothing logged"); continue }
            for row in day.rows { print("  \(row.label): \(row.value)") }
        }
    }
}

struct BladderLeak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leak", abstract: "Log a leak.",
        discussion: """
        Amounts: \(LeakAmount.allCases.map(\.rawValue).joined(separator: ", ")).
        Activities: \(LeakActivity.allCases.map(\.rawValue).joined(separator: ", ")) (cough covers sneezing and laughing; urge is on the way to the toilet).
        """)

    @Option(help: ArgumentHelp("How much: \(LeakAmount.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "amount"))
    var amount: String?

    @Option(help: ArgumentHelp("What you were doing: \(LeakActivity.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "activity"))
    var activity: String?

    @Option(parsing: .unconditional, help: "A short note (at most \(BladderEvent.noteLimit) characters).", transform: TextOption.value)
    var note: String = ""

    @OptionGroup var when: MomentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let amount = try self.amount.map(LeakAmount.parse)
        let activity = try self.activity.map(LeakActivity.parse)
        try BladderCommand.save({ clock in
            let (day, at) = try when.moment(clock)
            return .leak(day, at, amount: amount, activity: activity, note: note)
        }, storeOptions)
    }
}

struct BladderPee: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pee", abstract: "Log a pee.")

    // `.unconditional`: the value is taken whatever it starts with, so `--ml -5` is judged as a volume (out of
    // range, the accepted ones named) rather than read as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("The volume measured with a jug, in mL (\(BladderEvent.peeVolumes.lowerBound)–\(BladderEvent.peeVolumes.upperBound)).", valueName: "mL"))
    var ml: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How strong the urge was: 0 (no urge) to 4 (could barely hold on).", valueName: "0-4"))
    var urgency: String?

    @Flag(help: "It woke you from sleep.")
    var night = false

    @OptionGroup var when: MomentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let ml = try self.ml.map { try BladderEvent.parseVolume($0, BladderEvent.peeVolumes, what: "a pee") }
        let urgency = try self.urgency.map(BladderEvent.parseUrgency)
        try BladderCommand.save({ clock in
            let (day, at) = try when.moment(clock)
            return .pee(day, at, ml: ml, urgency: urgency, atNight: night)
        }, storeOptions)
    }
}

struct BladderDrink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drink", abstract: "Log a drink.",
        discussion: "Kinds: \(DrinkKind.allCases.map(\.rawValue).joined(separator: ", ")).")

    // Collected as text (`positionals`), so `drink -5` is judged as a volume rather than read as an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("How much, in mL (\(BladderEvent.drinkVolumes.lowerBound)–\(BladderEvent.drinkVolumes.upperBound)).", valueName: "mL"))
    var ml: [String] = []

    @Option(help: ArgumentHelp("What it was: \(DrinkKind.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "kind"))
    var kind: String?

    @OptionGroup var when: MomentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let text = try positionals(self.ml, ["how much you drank in mL"], command: "bladder drink")[0]
        let ml = try BladderEvent.parseVolume(text, BladderEvent.drinkVolumes, what: "a drink")
        let kind = try self.kind.map(DrinkKind.parse)
        try BladderCommand.save({ clock in
            let (day, at) = try when.moment(clock)
            return .drink(day, at, ml: ml, kind: kind)
        }, storeOptions)
    }
}

struct BladderPad: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pad", abstract: "Log a pad change.")

    @OptionGroup var when: MomentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try BladderCommand.save({ clock in
            let (day, at) = try when.moment(clock)
            return .pad(day, at)
        }, storeOptions)
    }
}
