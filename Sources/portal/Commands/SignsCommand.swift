import ArgumentParser
import Foundation
import PortalCore

/// `portal signs ID...`: reports warning signs without a pain score, and prints the message Home shows.
struct SignsCommand: ParsableCommand, NamesWarningSigns, PatientsOwn {
    static let configuration = CommandConfiguration(
        commandName: "signs",
        abstract: "Report warning signs you have now, without a pain score.",
        discussion: """
        Saves the signs and prints what to do, in the same words as the portal's screens. The portal cannot \
        call for you: act on the message straight away. Nothing is written if any part is wrong.

        Signs that mean call 911:
        \(list(.emergency))

        Signs that mean call your provider now:
        \(list(.provider))

        --list prints the warning signs you reported in the last 120 days instead, newest first, with the \
        answers of your check-ins that report one; in a clinic, each sign your therapist has reviewed says so, \
        with the day.

        Examples:
          portal signs severe-headache vision-changes
          portal signs fever --date 2026-03-02 --time 21:40 --note "After my nap"
          portal signs --list
        """)

    @Argument(help: ArgumentHelp("One or more warning-sign ids (listed above).", valueName: "id"))
    var signs: [String] = []

    @Option(parsing: .unconditional, help: "A short note (at most \(SignReport.noteLimit) characters).", transform: TextOption.value)
    var note: String = ""

    @Flag(help: "List the warning signs you reported lately (and, in a clinic, which your therapist reviewed) instead.")
    var list = false

    @OptionGroup var when: MomentOptions

    @OptionGroup var options: StoreOptions
    var storeOptions: StoreOptions { options }
    /// Reporting is hers; `--list` only reads, which her therapist may.
    var onlyHers: ((String?) -> String)? {
        guard !list else { return nil }
        return OnlyHers.signs
    }

    var signIDs: [String] { signs }
    var positionalWords: [String] { signs }

    /// The ids of one urgency, for the help text (the bundled safety guide; nothing when it cannot be read).
    /// The parser builds this text at every start of the portal, whatever the command: the guide alone is read
    /// for it, once (the whole content, decoded and checked twice, took 16 ms of the caseload's start).
    private static func list(_ urgency: Urgency) -> String {
        let signs = helpGuide?.signs.filter { $0.urgency == urgency } ?? []
        return signs.map { "  \($0.id): \($0.text)" }.joined(separator: "\n")
    }

    private static let helpGuide = try? ContentLibrary.bundledSafety()

    /// The sign with this id, typed as a person types it (`SafetyGuide.signID(typed:)`: "Chest pain" is
    /// chest-pain), or an error that lists the ids there are.
    static func sign(_ id: String, guide: SafetyGuide) throws -> WarningSign {
        guard let sign = guide.typedSign(id) else {
            throw PortalError.invalidInput("\(PlainText.quoted(id)) is not a warning sign. Use one of: \(guide.signs.map(\.id).joined(separator: ", ")) (see `portal signs --help`).")
        }
        return sign
    }

    func run() throws {
        if list {
            guard signs.isEmpty, note.isEmpty else {
                throw PortalError.invalidInput("--list takes no signs and no note: `portal signs --list`.")
            }
            return try printList()
        }
        guard !signs.isEmpty else {
            throw PortalError.invalidInput("Name at least one warning sign, e.g. `portal signs severe-headache`. See `portal signs --help` for the list.")
        }
        let content = try ContentLibrary.forPortal()
        let chosen = try signs.map { try Self.sign($0, guide: content.safety) }
        let clock = try PortalClock.fromEnvironment()
        let (day, at) = try when.moment(clock)
        // What to do was said before this command ran (SafetyFirst), from the signs she gave, before the store
        // is even opened: a server that is down or busy, or a file that refuses the write, must never keep
        // "call 911 now" from her (the Warning signs screen shows it as soon as a box is ticked). Whether it was
        // saved is said after it.
        let draft = SignReport(date: day, time: at, signs: chosen.map(\.id), note: note)
        try draft.validate(now: clock.latestEntry, guide: content.safety)
        let ctx = try Context(options, content: content)
        try ctx.requireHerOwnLogin(OnlyHers.signs, patient: options.patient)
        _ = try ctx.requirePatient()
        let saved = try ctx.store.add(draft, rules: EntryRules(now: clock.latestEntry, content: ctx.content))
        print("Saved: warning signs on \(saved.date) at \(saved.time): \(saved.signs.joined(separator: ", "))")
        if !saved.note.isEmpty { print("Note: \(printable(saved.note))") }
        // A sign's message stays up for the day it is dated and the day after (QA M2): one dated earlier is
        // history, and she is told how to report what she has now.
        if saved.date < SafetyRules.recentFrom(clock.today) {
            print("This is saved for \(saved.date.shortText). If you still have it now, report it for today too: "
                  + "`portal signs \(saved.signs.joined(separator: " "))`, so Home keeps its message up.")
        }
    }

    /// The signs of the screens' window, newest first, as the Warning signs list shows them: each with the pain
    /// score logged with it, and in a clinic her therapist's review (on her own file no one reviews them); her
    /// check-ins' answers that report a sign among them, on their day after the signs of that day reported at a
    /// time, as the list on the screen orders them (`PortalSnapshot.checkInSigns`).
    func printList() throws {
        let content = try ContentLibrary.forPortal()
        let ctx = try Context(options, content: content)
        _ = try ctx.requirePatient()
        let snapshot = try ctx.store.snapshot(clock: ctx.clock)
        let record = snapshot.record
        let signs = record.reportedSigns().reversed()
        var checkIns = snapshot.checkInSigns(guide: content.safety, today: ctx.today)
        guard !signs.isEmpty || !checkIns.isEmpty else {
            print(ctx.store.viewer.words.say(you: "You", she: "She") + " reported no warning signs in the last \(PortalSnapshot.historyDays) days.")
            return
        }
        let whose = ctx.store.viewer.words.say(you: "your", she: "her")
        func checkInsUntil(_ date: CalendarDate?) {
            while let c = checkIns.first, date.map({ c.date > $0 }) ?? true {
                checkIns.removeFirst()
                for sign in c.signs { print("\(c.date)        \(sign.text) · in \(whose) check-in") }
            }
        }
        for s in signs {
            checkInsUntil(s.date)
            let words = content.safety.sign(s.sign)?.text ?? s.sign
            let pain = s.painScore.map { " (pain \($0)/10)" } ?? ""
            var line = "\(s.date) \(s.time)  \(words)\(pain)"
            if ctx.store.viewer != .patient, let review = record.review(of: s) {
                // Her therapist reads who reviewed it, as the chart says; she reads the kind words her screens use.
                line += " · " + review.text(for: ctx.store.viewer, today: ctx.today)
            }
            print(line)
            if !s.note.isEmpty { print("  Note: " + printable(s.note).replacingOccurrences(of: "\n", with: " ")) }
        }
        checkInsUntil(nil)
    }
}
