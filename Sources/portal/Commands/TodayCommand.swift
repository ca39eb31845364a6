import ArgumentParser
import PortalCore

struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", abstract: "Today's pain entries, exercises done of prescribed, a bladder diary day or questionnaires due, and the next visit.",
        discussion: """
        --brief prints one line of at most 80 columns with what is still due today (pain not logged, exercises \
        left, a visit within a day, a bladder diary day, questionnaires), and nothing at all when nothing is due or there is no database yet: for \
        a shell prompt or a login message, for example `portal today --brief` in ~/.bashrc.
        """)

    @Flag(help: "One line (at most 80 columns) of what is still due today; nothing when nothing is due.")
    var brief = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if brief { return try TodayBrief.run(db: storeOptions.db, patient: storeOptions.patient) }
        let ctx = try Context(storeOptions)
        // The same snapshot Home is drawn from, read in one transaction, so both always agree.
        let snap = try ctx.store.snapshot(clock: ctx.clock, rules: ctx.content.exercises.rules)
        guard let patient = snap.patient else { throw ctx.noPatient() }
        let today = snap.today
        print("\(printable(patient.name)) · \(patient.progress(on: today).summary)")
        // From the due date on, until the birth is recorded: Home's question, with how to answer it here.
        if let question = patient.progress(on: today).birthQuestion {
            print("\(question) Record the birth with `portal profile --born YYYY-MM-DD --delivery vaginal|cesarean`.")
        }
        print("Today, \(today.shortText) \(today.year)")
        print("")
        // What to do about a warning sign comes first, as Home's banner does (QA E14), before anything asks her to
        // exercise.
        for a in snap.safetyAlerts(guide: ctx.content.safety) {
            print(a.text)
            print("")
        }
        let entries = snap.entries(on: today)
        // Pain during an exercise is pain: listed with the diary's, as Home shows it.
        let during = PainScore.all(entries: [], sessions: snap.sessions.filter { $0.date == today })
        print(entries.isEmpty ? "Pain: nothing logged yet today. Log it with `portal log SCORE`." : "Pain:")
        for e in entries {
            var line = "  \(e.time)  \(e.score)/10"
            if !e.sites.isEmpty { line += "  " + e.sites.map(\.title).joined(separator: ", ") }
            if !e.triggers.isEmpty { line += "  (worse with " + e.triggers.map { $0.title.lowercased() }.joined(separator: ", ") + ")" }
            print(line)
            if !e.note.isEmpty { print("         \(printable(e.note))") }
        }
        for d in during {
            print("  \(d.score)/10 during \(printable(ctx.content.exercises.name(d.exerciseID ?? "")))")
        }
        let log = snap.log
        let (done, prescribed) = snap.exercisesToday
        print("")
        if snap.exerciseStop(guide: ctx.content.safety) != nil {
            print("Exercises: " + ExercisesShowCommand.stoppedText)
        } else if let week = snap.currentWeek {
            // Once her program has run out nothing of it is due (QA J6): said, with what to do, in place of the count.
            if let last = snap.programRanOut {
                print("Exercises: " + PortalCore.Program.ranOutText(last) + " (program week \(week.number))")
            } else {
                print("Exercises: \(done) of \(prescribed) done today (program week \(week.number))")
            }
            if let check = snap.afterBirth { print("  \(check.whole)") }
            for p in week.prescriptions {
                // One her stage holds back today is not counted: it says so, and `portal exercises` says why.
                if let hold = snap.holds.hold(p, in: week, on: today) {
                    print("  [-] \(printable(ctx.content.exercises.name(p.exerciseID))) — \(hold.label.prefix(1).lowercased() + hold.label.dropFirst())")
                    continue
                }
                // Done by the one rule Home and Exercises use (`ExerciseTally`); a partial session says so.
                let day = log.day(p, on: today)
                let state = day.isDone || day.sessions.isEmpty ? "" : " (\(day.stateText))"
                print("  \(day.isDone ? "[x]" : "[ ]") \(printable(ctx.content.exercises.name(p.exerciseID))) — \(p.dose.summary)\(state)")
            }
            let streak = snap.streak
            if streak.activeDays > 0 { print("  Streak: \(streak.activeDays) exercise day\(streak.activeDays == 1 ? "" : "s") without a break (planned rest days don’t break it)") }
        } else {
            print("Exercises: your program has not started yet.")
        }
        // The diary day and the questionnaires due come from the list the brief line reads (`DueToday`), so
        // `today` and `today --brief` never disagree about them.
        let due = DueToday.items(snap, measures: ctx.content.measureTimings, safety: ctx.content.safety)
        for item in due {
            let said = printable(item.text.prefix(1).uppercased() + item.text.dropFirst())
            switch item.kind {
            case .diary: print("\n\(said): note each pee, leak and drink today (`portal bladder pee`, `leak`, `drink`, `pad`).")
            case .measure: print("\n\(said): `portal measure` lists them.")
            case .safety, .pain, .exercises, .visit, .answer: continue  // said above, in full
            }
        }
        print("")
        let plan = snap.plan
        if let next = snap.nextVisit, let start = next.start {
            print("Next visit: \(next.number) of \(plan?.size ?? Visit.planSize), \(next.kind.title.lowercased()), \(start.date.shortText) at \(start.time) (\(next.countdown(from: snap.clock.now))) · \(next.mode.title.lowercased())")
            if let place = next.placeNow(at: snap.clock.now) { print("  \(place.label): \(printable(place.text))") }
        } else {
            if let plan, plan.isComplete {
                print("Next visit: none. \(CarePlan.completeText) \(printable(ctx.content.afterCarePlan))")
            } else if let passed = plan?.unrecorded(now: snap.clock.now).first {
                // As Home and `portal visits` ask it (qa-g, E18), not "none booked".
                print("Next visit: " + VisitsCommand.passedQuestion(passed, recordsVisits: ctx.store.recordsVisits))
            } else {
                print("Next visit: none booked. \(plan.map { "\($0.completedCount) of \($0.size) visits completed." } ?? "")")
            }
        }
    }
}
