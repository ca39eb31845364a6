import ArgumentParser
import PortalCore

/// `portal exercises` shows a week (the default); `portal exercises done` records a session.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises", abstract: "The exercise program: show a week, or mark an exercise done.",
        subcommands: [ExercisesShowCommand.self, ExercisesDoneCommand.self], defaultSubcommand: ExercisesShowCommand.self)
}

struct ExercisesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One week of the exercise program (this week by default).")

    @Option(help: "The program week to show.")
    var week: Int?

    @Flag(help: "List every exercise in the library with its id, instead of the program.")
    var library = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if library {
            // The library is content shipped with the portal: no database is needed (or created).
            for e in try ContentLibrary.forPortal().exercises.exercises {
                print("\(e.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(e.name) (\(e.category.title.lowercased()))")
            }
            return
        }
        let ctx = try Context(storeOptions)
        _ = try ctx.requirePatient()
        let program = try ctx.store.program()
        guard !program.weeks.isEmpty else { throw PortalError.notFound("There is no exercise program yet.") }
        let shown: ProgramWeek
        if let week {
            guard let w = program.week(number: week) else {
                throw PortalError.invalidInput("--week \(week) does not exist; the program has weeks \(program.weeks.map { String($0.number) }.joined(separator: ", ")).")
            }
            shown = w
        } else {
            guard let w = program.currentWeek(on: ctx.today) ?? program.weeks.first else { return }
            shown = w
        }
        let current = program.currentWeek(on: ctx.today)?.number == shown.number
        // No "of N": the stored weeks are not the program's length (the therapist adds a week at a time).
        print("Program week \(shown.number), from \(shown.starts.shortText)\(current ? " (this week)" : "")")
        if !shown.note.isEmpty { print("\(shown.origin.noteLabel)\(printable(shown.note))") }
        let diff = program.diff(for: shown)
        let log = ExerciseLog(program: program, sessions: try ctx.store.sessions(from: ctx.today, to: ctx.today))
        print("")
        for p in shown.prescriptions {
            // In the first week everything is new, so nothing is marked.
            let tag = program.change(of: p.exerciseID, in: shown).map { "  " + $0.word.uppercased() } ?? ""
            let mark = current ? (log.isDone(p, on: ctx.today) ? "[x] " : "[ ] ") : ""
            print("\(mark)\(printable(ctx.content.exercises.name(p.exerciseID))) — \(p.dose.summary), \(p.dose.frequency)\(tag)")
            if !p.note.isEmpty { print("    \(printable(p.note))") }
            if !p.therapistDecision.isEmpty { print("    Your therapist's decision: \(printable(p.therapistDecision))") }
        }
        if shown.number > 1, !diff.removed.isEmpty {
            print("")
            print("No longer in the program: " + diff.removed.map { printable(ctx.content.exercises.name($0.exerciseID)) }.joined(separator: ", "))
        }
    }
}
