import ArgumentParser
import PortalCore

struct VisitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visits", abstract: "The six visits of the care plan: list them, book one, record how it went.",
        subcommands: [List.self, Book.self, Complete.self, Cancel.self, Missed.self], defaultSubcommand: List.self)
}

extension VisitsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The six visits with their status, date and place.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            guard let plan = try ctx.store.carePlan() else { throw PortalError.notFound("There is no care plan yet.") }
            let next = plan.nextVisit(after: ctx.clock.now)
            print("Care plan: \(plan.completedCount) of 6 visits completed")
            for v in plan.visits {
                let when = v.start.map { "\($0.date.shortText) \($0.date.year) \($0.time)" } ?? "not scheduled"
                let marker = v.number == next?.number ? "→" : " "
                print("\(marker) \(v.number). \(pad(v.kind.title, 14)) \(pad(v.status.title, 12)) \(pad(when, 22)) \(v.mode.title), \(v.durationMinutes) min")
                if v.number == next?.number, let s = v.start {
                    print("     Next visit, \(countdownText(from: ctx.clock.now, to: s)). \(v.mode == .virtual ? "Link" : "Where"): \(v.location.isEmpty ? "to be confirmed" : v.location)")
                }
                if !v.focus.isEmpty { print("     Focus: \(v.focus)") }
                if !v.notes.isEmpty { print("     Notes: \(v.notes)") }
            }
        }

        private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    }
}

/// Shared by the commands that change one visit: finds it, applies the change, saves, and says what changed.
private func changeVisit(_ number: Int, _ options: StoreOptions,
                         _ change: (Visit, LocalDateTime) throws -> Visit) throws {
    guard (1...Visit.planSize).contains(number) else {
        throw PortalError.invalidInput("There is no visit \(number); the care plan has visits 1 to 6.")
    }
    let ctx = try Context(options)
    _ = try ctx.requirePatient()
    guard let visit = try ctx.store.carePlan()?.visits.first(where: { $0.number == number }) else {
        throw PortalError.notFound("There is no care plan yet.")
    }
    let changed = try change(visit, ctx.clock.now)
    try ctx.store.saveVisit(changed)
    let when = changed.start.map { "\($0.date.shortText) \($0.date.year) at \($0.time)" } ?? "no date"
    print("Saved: visit \(number) of 6 (\(changed.kind.title.lowercased())) is \(changed.status.title.lowercased()), \(when), \(changed.mode.title.lowercased()).")
}

extension VisitsCommand {
    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a visit, or move a booked one.",
            discussion: "Example: portal visits book 3 2026-12-03 10:15 --virtual --where https://video.example.org/room")

        @Argument(help: "The visit, 1 to 6.") var number: Int
        @Argument(help: ArgumentHelp("The day.", valueName: "YYYY-MM-DD")) var date: String
        @Argument(help: ArgumentHelp("The start time (24-hour).", valueName: "HH:MM")) var time: String
        @Flag(help: "In person at the clinic.") var inPerson = false
        @Flag(help: "A video visit.") var virtual = false
        @Option(name: .customLong("where"), help: "The clinic's address, or the video link.") var location: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let day = try parseDate(date, option: "The date")
            guard let at = TimeOfDay(time) else {
                throw PortalError.invalidInput("“\(time)” is not a time. Use 24-hour HH:MM, for example 10:15.")
            }
            guard !(inPerson && virtual) else { throw PortalError.invalidInput("Choose --in-person or --virtual, not both.") }
            let mode: VisitMode? = inPerson ? .inPerson : (virtual ? .virtual : nil)
            try changeVisit(number, storeOptions) { v, now in
                try v.booking(at: LocalDateTime(date: day, time: at), mode: mode, location: location, now: now)
            }
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a visit as done, with the therapist's notes.")
        @Argument(help: "The visit, 1 to 6.") var number: Int
        @Option(help: "What the therapist noted (at most 2000 characters).") var notes: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            if let notes, notes.count > 2000 { throw PortalError.invalidInput("The notes are \(notes.count) characters; at most 2000 fit.") }
            try changeVisit(number, storeOptions) { v, now in try v.completing(notes: notes, now: now) }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booked visit (it can be booked again).")
        @Argument(help: "The visit, 1 to 6.") var number: Int
        @OptionGroup var storeOptions: StoreOptions

        func run() throws { try changeVisit(number, storeOptions) { v, _ in try v.cancelling() } }
    }

    struct Missed: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a booked visit did not happen.")
        @Argument(help: "The visit, 1 to 6.") var number: Int
        @OptionGroup var storeOptions: StoreOptions

        func run() throws { try changeVisit(number, storeOptions) { v, now in try v.missing(now: now) } }
    }
}
