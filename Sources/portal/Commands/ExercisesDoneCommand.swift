import ArgumentParser
import PortalCore

/// `portal exercises done ID [--date ..] [--sets N] [--pain N]`: one session of a prescribed exercise, today or
/// on one of the last 7 days, with the sets actually done and the pain during it. The store checks it all.
struct ExercisesDoneCommand: ParsableCommand, PatientsOwn {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Mark one session of an exercise done (today, or a day of the last week).",
        discussion: "A session with fewer sets than prescribed counts as partial in your progress.")

    @Argument(help: ArgumentHelp("The exercise's id, as `portal exercises --library` lists it.", valueName: "id"))
    var exerciseID: String

    @Option(help: ArgumentHelp("The day it was done, YYYY-MM-DD: today (the default) or up to \(ExerciseSession.maxDaysBack) days back.",
                               valueName: "date"))
    var date: String?

    // `.unconditional`: the next word is the value even when it starts with "-" (`--sets -1`, `--pain -1`), so
    // a negative number gets the portal's own message naming the limit, not "Missing value".
    @Option(parsing: .unconditional,
            help: ArgumentHelp("The sets you did, from 1 to the sets prescribed (default: all of them).", valueName: "n"))
    var sets: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Pain during the exercise, 0 (none) to 10 (worst possible).", valueName: "n"))
    var pain: String?

    @OptionGroup var storeOptions: StoreOptions
    var onlyHers: ((String?) -> String)? { OnlyHers.exercises }

    func run() throws {
        // Read as text so a mistake ("-1", "two") gets the portal's own message naming the limit.
        let setsDone = try sets.map { text -> Int in
            // The upper limit is the exercise's own prescribed sets, which the store's rule names (`StoreRules.session`).
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
                throw PortalError.invalidInput(field: .exerciseSets, "--sets \(PlainText.quoted(text)) is not a number of sets. Use a whole number from 1 to the sets your program asks for.")
            }
            return n
        }
        let painDuring = try pain.map { text -> Int in
            do { return try PainEntry.parseScore(text) } catch {
                throw PortalError.invalidInput(field: .exercisePain, "--pain \(PlainText.quoted(text)) is not a pain score. Use a whole number from 0 (no pain) to 10 (worst possible).")
            }
        }
        let ctx = try Context(storeOptions)
        try ctx.requireHerOwnLogin(OnlyHers.exercises, patient: storeOptions.patient)
        _ = try ctx.requirePatient()
        let day = try date.map { try parseDate($0, option: "--date") } ?? ctx.today
        // A sign that means stopping exercise, reported today or yesterday: its message first (QA I1). What she did
        // is saved all the same: the portal never loses what she says she did.
        if let stop = try exerciseStop(ctx) {
            print(stop.text)
            print("")
        }
        // One she is told to wait for is refused with the screen's own sentence, nothing written (QA J4).
        let session = try ctx.store.markDone(exerciseID: exerciseID, on: day, today: ctx.today, sets: setsDone, pain: painDuring,
                                             library: ctx.content.exercises)
        let prescribed = try ctx.store.program().week(number: session.week)?.prescription(for: exerciseID)?.dose.sets ?? session.setsDone
        let partial = session.setsDone < prescribed ? ", partial" : ""
        let painText = session.pain.map { ", pain \($0)/10" } ?? ""
        print("Saved: \(printable(ctx.content.exercises.name(exerciseID))) on \(day.shortText), \(session.setsDone) of \(prescribed.counted("set"))\(partial)\(painText).")
        // Pain during an exercise is pain: the same message, in the same words, as `portal log` and Home show.
        let alerts = SafetyRules.alerts(for: [], sessions: [session], guide: ctx.content.safety, today: session.date)
        if !alerts.isEmpty {
            print("")
            for alert in alerts { print(alert.text) }
        }
    }
}
