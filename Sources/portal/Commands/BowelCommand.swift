import ArgumentParser
import PortalCore

/// `portal bowel TYPE`: logs a bowel movement by its Bristol type; without a type, shows the last two weeks.
struct BowelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bowel",
        abstract: "The bowel log: log a movement by its stool type (1–7), or show the last two weeks.",
        discussion: """
        Stool types (the Bristol scale):
        \(BristolType.allCases.map { "  \($0.rawValue): \($0.words)" }.joined(separator: "\n"))

        Nothing is written if any part is wrong. A type is a fact to share with your therapist, not a diagnosis.

        Examples:
          portal bowel 4
          portal bowel 2 --strain --pain 3
          portal bowel 6 --urgent --leak liquid --time 07:40
        """)

    // Collected as text (`positionals`), so `bowel -1` is judged as a stool type rather than read as an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The stool type, 1 to 7 (see above). Leave it out to see the last two weeks.", valueName: "type"))
    var types: [String] = []

    @Flag(help: "You had to strain.")
    var strain = false

    @Flag(help: "You had to rush: a sudden need, hard to put off.")
    var urgent = false

    @Option(help: ArgumentHelp("What leaked: \(BowelLeak.allCases.map(\.rawValue).joined(separator: "|")) (wind is gas). Repeat for more.", valueName: "leak"))
    var leak: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Pain with it, 0 (none) to 10 (worst possible).", valueName: "0-10"))
    var pain: String?

    @Option(parsing: .unconditional, help: "A short note (at most \(BowelEntry.noteLimit) characters).", transform: TextOption.value)
    var note: String = ""

    @OptionGroup var when: MomentOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let type = types.isEmpty ? nil : try positionals(types, ["one stool type"], command: "bowel")[0]
        guard let type else {
            guard leak.isEmpty, pain == nil, !strain, !urgent, note.isEmpty, when.date == nil, when.time == nil else {
                throw PortalError.invalidInput("Give the stool type first, a whole number from 1 to 7, e.g. `portal bowel 4 --strain`.")
            }
            return try show()
        }
        let form = try BristolType.parse(type)
        let leaks = try leak.map(BowelLeak.parse)
        // A leak given twice says nothing more (QA J12): refused, as a single-value option given twice is.
        if let i = leaks.indices.first(where: { leaks[..<$0].contains(leaks[$0]) }) {
            let given = leak.indices.filter { leaks[$0] == leaks[i] }.map { PlainText.quoted(leak[$0]) }.joined(separator: ", ")
            throw PortalError.invalidInput("--leak \(leaks[i].rawValue) is given twice (\(given)); give each leak once. Nothing was saved.")
        }
        let pain = try self.pain.map { text -> Int in
            guard let p = Int(text.trimmingCharacters(in: .whitespaces)), (0...10).contains(p) else {
                throw PortalError.invalidInput("--pain \(PlainText.quoted(text)) is not a pain score; use a whole number from 0 (no pain) to 10 (worst possible).")
            }
            return p
        }
        let clock = try PortalClock.fromEnvironment()
        let (day, at) = try when.moment(clock)
        let draft = BowelEntry(date: day, time: at, type: form, straining: strain, urgency: urgent, leaks: leaks, pain: pain, note: note)
        try draft.validate(now: clock.latestEntry)
        let content = try ContentLibrary.forPortal()
        let ctx = try Context(storeOptions, content: content)
        let patient = try ctx.requirePatient()
        let saved = try ctx.store.add(draft, rules: EntryRules(now: clock.latestEntry, content: ctx.content))
        print("Saved: \(printable(saved.summary)) on \(saved.date)")
        print("Type \(saved.type.rawValue): \(saved.type.words). That is \(saved.type.group.title).")
        if !saved.note.isEmpty { print("Note: \(printable(saved.note))") }
        for line in SafetyRules.advice(for: saved, stage: patient.stage, guide: ctx.content.safety) { print(line) }
    }

    private func show() throws {
        let ctx = try Context(storeOptions)
        _ = try ctx.requirePatient()
        let entries = try ctx.store.entries(BowelEntry.self, from: ctx.today.adding(days: -13), to: ctx.today)
        for week in BowelWeek.weeks(entries, endingOn: ctx.today, count: 2) {
            print("\(week.start.shortText) to \(week.end.shortText): \(week.text)")
        }
        let recent = entries.suffix(7)
        if !recent.isEmpty {
            print("")
            for e in recent { print("\(e.date.shortText) \(printable(e.summary))") }
        }
    }
}
