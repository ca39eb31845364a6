import ArgumentParser
import PortalCore

struct LogCommand: ParsableCommand, NamesWarningSigns, PatientsOwn {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log a pain score (0–10).",
        discussion: """
        Adds one pain entry; several a day are fine. Nothing is written if any part is wrong.

        Sites: \(PainSite.allCases.map(\.rawValue).joined(separator: ", ")).
        Add a side with :left, :right or :both (e.g. --site hip-side:left).
        Triggers: \(PainTrigger.allCases.map(\.rawValue).joined(separator: ", ")).
        Warning signs (--sign): see `portal signs --help`; to report signs without a pain score, use `portal signs`.

        Examples:
          portal log 4 --site buttock:right --trigger sitting-long
          portal log 3 --date 2026-03-02 --time 20:15 --note "Better after stretching"
          portal log 6 --sign severe-headache
        """)

    // Unrecognised arguments are collected here so that a negative score such as `-1` is reported as a bad
    // score rather than as a missing argument.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Pain from 0 (no pain) to 10 (worst possible), a whole number.", valueName: "score"))
    var score: [String] = []

    @Option(name: .customLong("site"), help: ArgumentHelp("Where it hurts, with an optional side. Repeat for more.", valueName: "site[:side]"))
    var sites: [String] = []

    @Option(name: .customLong("trigger"), help: ArgumentHelp("What made it worse. Repeat for more.", valueName: "trigger"))
    var triggers: [String] = []

    @Option(name: .customLong("sign"), help: ArgumentHelp("A warning sign you have now (an id from `portal signs --help`). Repeat for more.", valueName: "id"))
    var signs: [String] = []

    @Option(parsing: .unconditional, help: "A short note (at most \(PainEntry.noteLimit) characters).", transform: TextOption.value)
    var note: String = ""

    @OptionGroup var when: MomentOptions

    @OptionGroup var options: StoreOptions
    var storeOptions: StoreOptions { options }
    var onlyHers: ((String?) -> String)? { OnlyHers.pain }

    var signIDs: [String] { signs }
    var positionalWords: [String] { score }

    func run() throws {
        // `--` ends the options, so what follows is the score even when it starts with "-" (`portal log -- -1`):
        // it is then judged as a score (out of range), not as an option.
        let afterDashes = self.score.first == "--"
        let scoreArgs = afterDashes ? Array(self.score.dropFirst()) : self.score
        // Check everything that needs no database before opening it.
        // `--pain N` (the way `exercises done` takes it) is not an option here: say where the score goes.
        if !afterDashes, let pain = scoreArgs.first(where: { $0 == "--pain" || $0.hasPrefix("--pain=") }) {
            throw PortalError.invalidInput("\(PlainText.quoted(pain)): `portal log` takes the pain score on its own, a whole number from 0 (no pain) to 10 (worst possible), for example `portal log 4`.")
        }
        if !afterDashes, let option = scoreArgs.first(where: { $0.hasPrefix("--") || ($0.hasPrefix("-") && !$0.dropFirst().allSatisfy { $0.isNumber || $0 == "." }) }) {
            throw PortalError.invalidInput("Unknown option \(PlainText.quoted(option)). See `portal log --help`.")
        }
        guard scoreArgs.count == 1 else {
            throw PortalError.invalidInput(scoreArgs.isEmpty ? "Give a pain score from 0 (no pain) to 10 (worst possible), e.g. `portal log 4`."
                                                     : "Give one pain score, not \(scoreArgs.count): \(scoreArgs.joined(separator: " ")).")
        }
        let score = try PainEntry.parseScore(scoreArgs[0])
        let sites = try self.sites.map(SiteSide.parse)
        let triggers = try self.triggers.map(PainTrigger.parse)
        let clock = try PortalClock.fromEnvironment()
        let (day, at) = try when.moment(clock)
        let content = try ContentLibrary.forPortal()
        let signs = try self.signs.map { try SignsCommand.sign($0, guide: content.safety).id }
        let draft = PainEntry(date: day, time: at, score: score, sites: sites, triggers: triggers, note: note, warningSigns: signs)
        try draft.validate(now: clock.latestEntry)
        let ctx = try Context(options, content: content)
        try ctx.requireHerOwnLogin(OnlyHers.pain, patient: options.patient)
        _ = try ctx.requirePatient()
        // The signs she has now, with an entry for an earlier day, are reported for now (QA M2), first.
        let (entry, report) = try ctx.store.savePain(draft, changing: false, signsAt: clock.now, now: clock.latestEntry, content: ctx.content)
        print("Saved: pain \(entry.score)/10 on \(entry.date) at \(entry.time)"
              + (entry.sites.isEmpty ? "" : " · " + entry.sites.map(\.title).joined(separator: ", "))
              + (entry.triggers.isEmpty ? "" : " · worse with " + entry.triggers.map { $0.title.lowercased() }.joined(separator: ", ")))
        if !entry.note.isEmpty { print("Note: \(printable(entry.note))") }
        if !entry.warningSigns.isEmpty { print("Warning signs: \(entry.warningSigns.joined(separator: ", "))") }
        if let report {
            print("Warning signs you have now, saved for \(report.date) at \(report.time): \(report.signs.joined(separator: ", "))")
        }
        // The same messages, in the same words, as Home shows for this entry. The signs' message was said before
        // anything could refuse the line (SafetyFirst); a high score's is said once it is saved.
        let alerts = SafetyRules.alerts(for: [entry], guide: ctx.content.safety, today: entry.date).filter { $0.level == .highPain }
        if !alerts.isEmpty {
            print("")
            for alert in alerts { print(alert.text) }
        }
    }
}
