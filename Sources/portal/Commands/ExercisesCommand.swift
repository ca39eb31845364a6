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

    @Option(parsing: .unconditional, help: "The program week to show.")
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
        let patient = try ctx.requirePatient()
        let program = try ctx.store.program()
        guard !program.weeks.isEmpty else { throw PortalError.notFound("There is no exercise program yet.") }
        // Week 1 from the first visit's start on its day, as Home and `portal today` say (QA E2).
        let thisWeek = program.currentWeek(at: ctx.clock.now, firstVisit: try ctx.store.carePlan()?.visits.first)
        let shown: ProgramWeek
        if let week {
            guard let w = program.week(number: week) else {
                throw PortalError.invalidInput("--week \(week) does not exist; the program has weeks \(program.weeks.map { String($0.number) }.joined(separator: ", ")).")
            }
            shown = w
        } else {
            guard let w = thisWeek ?? program.weeks.first else { return }
            shown = w
        }
        let current = thisWeek?.number == shown.number
        // A sign that means stopping exercise, reported today or yesterday: said first, as the Exercises screen
        // says it above the week (QA I1), and nothing counts what is left to do today.
        let stop = try exerciseStop(ctx)
        if let stop { print(stop.text + "\n") }
        // No "of N": the stored weeks are not the program's length (the therapist adds a week at a time).
        // Her latest week, once her program has run out, is not "this week" (QA J6): she is told when it ended.
        let ranOut = current ? program.ranOut(on: ctx.today) : nil
        print("Program week \(shown.number), from \(shown.starts.shortText)\(current ? (ranOut == nil ? " (this week)" : " (your latest week)") : "")")
        if let ranOut { print(PortalCore.Program.ranOutText(ranOut)) }
        // What Home and the Exercises screen say once the baby has arrived, while she has weeks planned for her
        // pregnancy (QA G2): above the week under way, and above a week her therapist planned before the birth.
        let check = AfterBirthCheck(patient: patient, program: program, current: thisWeek, today: ctx.today)
        if current, let check {
            print(check.whole)
        } else if let check, check.therapistWeeks.contains(shown.number) {
            print(AfterBirthCheck.therapistWeekText)
        }
        let holds = PrescriptionHolds(patient: patient, rules: ctx.content.exercises.rules, program: program)
        let note = Onboarding(content: ctx.content).note(of: shown, in: program, holds: holds, today: ctx.today)
        if !note.isEmpty { print("\(shown.origin.noteLabel)\(printable(note))") }
        let diff = program.diff(for: shown)
        let log = ExerciseLog(program: program, sessions: try ctx.store.sessions(from: ctx.today, to: ctx.today), holds: holds)
        // What her stage holds back is judged today in this week, on its first day in a week to come.
        let day = PrescriptionHolds.shownDay(for: shown, in: program, today: ctx.today)
        print("")
        for p in shown.prescriptions {
            let name = ctx.content.exercises.name(p.exerciseID)
            // In the first week everything is new, so nothing is marked.
            let tag = program.change(of: p.exerciseID, in: shown).map { "  " + $0.word.uppercased() } ?? ""
            let hold = day.flatMap { holds.hold(p, in: shown, on: $0) }
            let mark = current ? (hold != nil ? "[-] " : log.isDone(p, on: ctx.today) ? "[x] " : "[ ] ") : ""
            print("\(mark)\(printable(name)) — \(p.dose.summary), \(p.dose.frequency)\(tag)")
            if let hold {
                print(indented(hold.shortLabel + ". " + hold.text(name, for: patient)))
            }
            if !p.note.isEmpty { print(indented(p.note)) }
            if !p.therapistDecision.isEmpty { print(indented("Your therapist's decision: " + p.therapistDecision)) }
        }
        if current, stop != nil {
            print("")
            print(Self.stoppedText.prefix(1).uppercased() + Self.stoppedText.dropFirst())
        } else if current, ranOut == nil {
            let (done, due) = log.today(ctx.today)
            print("")
            print("\(done) of \(due) done today" + (due < shown.prescriptions.count ? " (what waits is not counted)." : "."))
        }
        if shown.number > 1, !diff.removed.isEmpty {
            print("")
            print("No longer in the program: " + diff.removed.map { printable(ctx.content.exercises.name($0.exerciseID)) }.joined(separator: ", "))
        }
    }
}

extension ExercisesShowCommand {
    /// What `portal exercises` and `portal today` say instead of "N of M done today" while a stop sign is recent.
    static let stoppedText = SafetyRules.noExercisesNow
}

/// On a day she reported a sign that means stopping exercise (today or yesterday), the message the Exercises
/// screen and the timer show above everything (`PortalSnapshot.exerciseStop`: "Important: Stop exercising and call
/// your provider now."), for the commands that show or log her exercises to say first (QA I1); nil on other days.
func exerciseStop(_ ctx: Context) throws -> SafetyAlert? {
    // Home's read holds the days a sign is said on; the guide is read only when a sign was reported in them.
    try ctx.store.homeSnapshot(clock: ctx.clock).exerciseStop(guide: ctx.content.safety)
}

/// `text` printed under an exercise: every line indented four spaces, so a note of several lines keeps its place.
func indented(_ text: String, by spaces: Int = 4) -> String {
    let pad = String(repeating: " ", count: spaces)
    return printable(text).split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
}
