import ArgumentParser
import PortalCore

struct VisitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visits", abstract: "The six visits of the care plan: list them, book one, record how it went.",
        subcommands: [List.self, Book.self, Complete.self, Cancel.self, Missed.self], defaultSubcommand: List.self)
}

extension VisitsCommand {
    /// "Visit 3 was Thu 3 Dec — did it take place? portal visits complete 3, or portal visits missed 3", as
    /// `portal visits` and `portal today` ask it; on her clinic login, who records it instead.
    static func passedQuestion(_ v: Visit, recordsVisits: Bool) -> String {
        Visit.passedQuestion(v) + " " + (recordsVisits ? "portal visits complete \(v.number), or portal visits missed \(v.number)"
                                                      : Visit.recordedByCareTeamNote)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The six visits with their status, date and place.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            guard let plan = try ctx.store.carePlan() else { throw PortalError.notFound("There is no care plan yet.") }
            let next = plan.nextVisit(after: ctx.clock.now)
            print("Care plan: \(plan.completedCount) of \(plan.size) visits completed")
            for v in plan.visits {
                let when = v.start.map { "\($0.date.shortText) \($0.date.year) \($0.time)" } ?? "not scheduled"
                let marker = v.number == next?.number ? "→" : " "
                print("\(marker) \(v.number). \(pad(v.kind.title, 14)) \(pad(v.status.title, 12)) \(pad(when, 22)) \(v.mode.title), \(v.durationMinutes) min")
                if v.number == next?.number, v.start != nil {
                    print("     Next visit, \(v.countdown(from: ctx.clock.now)). \(v.mode == .virtual ? "Link" : "Where"): \(v.location.isEmpty ? "to be confirmed" : printable(v.location))")
                }
                if v.status == .booked, v.hasEnded(at: ctx.clock.now) {
                    print("     " + VisitsCommand.passedQuestion(v, recordsVisits: ctx.store.recordsVisits))
                }
                if !v.focus.isEmpty { print("     Focus: \(printable(v.focus))") }
                if !v.notes.isEmpty { print("     Notes: \(printable(v.notes))") }
            }
            // Once all six are done: what comes next, in the care plan's words, as Home says it.
            if plan.isComplete {
                print("")
                print("\(CarePlan.completeText) \(printable(ctx.content.afterCarePlan))")
            }
        }

        private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    }
}

/// A visit number typed by a person: 1 to 6.
private func visitNumber(_ text: String) throws -> Int {
    guard let n = Int(text), (1...Visit.planSize).contains(n) else {
        throw PortalError.invalidInput("There is no visit \(printable(text)); the care plan has visits 1 to \(Visit.planSize).")
    }
    return n
}

/// A date and time typed with `--at`.
private func pastTime(_ text: String) throws -> LocalDateTime {
    guard let t = LocalDateTime(text) else {
        throw PortalError.invalidInput("--at \(PlainText.quoted(text)) is not a date and time. Use YYYY-MM-DDTHH:MM, for example 2026-11-02T09:00.")
    }
    return t
}

/// Shared by the commands that change one visit: finds it, applies the change, saves, and says what changed.
/// `records`: the change records how the visit went (completed or missed), which her care team does on a clinic.
private func changeVisit(_ number: Int, _ options: StoreOptions, records: Bool = false,
                         _ change: (Visit, LocalDateTime) throws -> Visit) throws {
    let ctx = try Context(options)
    _ = try ctx.requirePatient()
    guard !records || ctx.store.recordsVisits else { throw PortalError.rule(Visit.recordedByCareTeam) }
    guard let plan = try ctx.store.carePlan(), let visit = plan.visits.first(where: { $0.number == number }) else {
        throw PortalError.notFound("There is no care plan yet.")
    }
    // Her own clinic login books, moves and cancels; a visit her therapist recorded stays as recorded.
    guard records || ctx.store.recordsVisits || !visit.status.isRecorded else { throw PortalError.rule(Visit.recordedStays(visit)) }
    let changed = try ctx.store.saveVisit(try change(visit, ctx.clock.now))
    let when = changed.start.map { "\($0.date.shortText) \($0.date.year) at \($0.time)" } ?? "no date"
    print("Saved: visit \(number) of \(plan.size) (\(changed.kind.title.lowercased())) is \(changed.status.title.lowercased()), \(when), \(changed.mode.title.lowercased()).")
}

extension VisitsCommand {
    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a visit, or move a booked one.",
            discussion: """
            Visits keep their order and may not overlap: visit 3 comes after visits 1 and 2 and before visit 4.

            Example: portal visits book 3 2026-12-03 10:15 --virtual --where https://video.example.org/room
            """)

        // Collected as text so that `-1` is reported as a visit that does not exist, not as an unknown option.
        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("The visit (1 to 6), the day (YYYY-MM-DD) and the start time (24-hour HH:MM).",
                                     valueName: "visit date time"))
        var arguments: [String] = []
        @Flag(help: "In person at the clinic.") var inPerson = false
        @Flag(help: "A video visit.") var virtual = false
        @Option(name: .customLong("where"), parsing: .unconditional, help: "The clinic's address, or the video link (one line, at most \(Visit.locationLimit) characters).", transform: TextOption.value) var location: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let args = try positionals(arguments, ["the visit number", "the day", "the time"], command: "visits book")
            let number = try visitNumber(args[0])
            let (date, time) = (args[1], args[2])
            let day = try parseDate(date, option: "The date")
            guard let at = TimeOfDay(time) else {
                throw PortalError.invalidInput(TimeOfDay.notATime(time, example: "10:15"))
            }
            guard !(inPerson && virtual) else { throw PortalError.invalidInput("Choose --in-person or --virtual, not both.") }
            let mode: VisitMode? = inPerson ? .inPerson : (virtual ? .virtual : nil)
            // An empty --where would wipe the address the visit has: refuse it rather than guess.
            if let location, location.trimmingCharacters(in: .whitespaces).isEmpty {
                throw PortalError.invalidInput(field: .visitLocation, "--where is empty. Leave it out to keep the visit's address or link, or give the new one.")
            }
            // The store checks the link (https only) by the same rule as the booking form.
            try changeVisit(number, storeOptions) { v, now in
                try v.booking(at: LocalDateTime(date: day, time: at), mode: mode, location: location, now: now)
            }
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a visit as done, with the therapist's notes.",
            discussion: "A visit that took place before it was booked here: portal visits complete 1 --at 2026-11-02T09:00")
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The visit, 1 to 6.", valueName: "visit")) var arguments: [String] = []
        @Option(parsing: .unconditional, help: "What the therapist noted (plain text, at most \(Visit.notesLimit) characters).", transform: TextOption.value)
        var notes: String?
        @Option(help: ArgumentHelp("When it took place, if not at its booked time (YYYY-MM-DDTHH:MM, in the past).", valueName: "date-time"))
        var at: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let number = try visitNumber(positionals(arguments, ["the visit number"], command: "visits complete")[0])
            let when = try at.map(pastTime)
            try changeVisit(number, storeOptions, records: true) { v, now in
                if let when { return try v.recording(.completed, at: when, notes: notes, now: now) }
                return try v.completing(notes: notes, now: now)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booked visit (it can be booked again).")
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The visit, 1 to 6.", valueName: "visit")) var arguments: [String] = []
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let number = try visitNumber(positionals(arguments, ["the visit number"], command: "visits cancel")[0])
            try changeVisit(number, storeOptions) { v, _ in try v.cancelling() }
        }
    }

    struct Missed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a visit did not happen.",
            discussion: "A visit that was never booked here: portal visits missed 2 --at 2026-11-09T09:00")
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The visit, 1 to 6.", valueName: "visit")) var arguments: [String] = []
        @Option(help: ArgumentHelp("When it was to take place, if not at its booked time (YYYY-MM-DDTHH:MM, in the past).", valueName: "date-time"))
        var at: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let number = try visitNumber(positionals(arguments, ["the visit number"], command: "visits missed")[0])
            let when = try at.map(pastTime)
            try changeVisit(number, storeOptions, records: true) { v, now in
                if let when { return try v.recording(.missed, at: when, now: now) }
                return try v.missing(now: now)
            }
        }
    }
}
