import ArgumentParser
import PortalCore

struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", abstract: "Today's pain entries, exercises done of prescribed, and the next visit.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let ctx = try Context(storeOptions)
        let patient = try ctx.requirePatient()
        let today = ctx.today
        print("\(printable(patient.name)) · \(patient.progress(on: today).summary)")
        print("Today, \(today.shortText) \(today.year)")
        print("")
        // Yesterday's entries too: the safety rules look back a day.
        let recent = try ctx.store.painEntries(from: today.adding(days: -1), to: today)
        let entries = recent.filter { $0.date == today }
        if entries.isEmpty {
            print("Pain: nothing logged yet today. Log it with `portal log SCORE`.")
        } else {
            print("Pain:")
            for e in entries {
                var line = "  \(e.time)  \(e.score)/10"
                if !e.sites.isEmpty { line += "  " + e.sites.map(\.title).joined(separator: ", ") }
                if !e.triggers.isEmpty { line += "  (worse with " + e.triggers.map { $0.title.lowercased() }.joined(separator: ", ") + ")" }
                print(line)
                if !e.note.isEmpty { print("         \(printable(e.note))") }
            }
        }
        let program = try ctx.store.program()
        let log = ExerciseLog(program: program, sessions: try ctx.store.sessions(from: today.adding(days: -60), to: today))
        let (done, prescribed) = log.today(today)
        print("")
        if let week = program.currentWeek(on: today) {
            print("Exercises: \(done) of \(prescribed) done today (program week \(week.number))")
            for p in week.prescriptions {
                let mark = log.isDone(p, on: today) ? "[x]" : "[ ]"
                print("  \(mark) \(printable(ctx.content.exercises.name(p.exerciseID))) — \(p.dose.summary)")
            }
            let streak = log.streak(today: today)
            if streak.activeDays > 0 { print("  Streak: \(streak.activeDays) exercise day\(streak.activeDays == 1 ? "" : "s") without a break (planned rest days don’t break it)") }
        } else {
            print("Exercises: your program has not started yet.")
        }
        print("")
        let plan = try ctx.store.carePlan()
        if let next = plan?.nextVisit(after: ctx.clock.now), let start = next.start {
            print("Next visit: \(next.number) of 6, \(next.kind.title.lowercased()), \(start.date.shortText) at \(start.time) (\(countdownText(from: ctx.clock.now, to: start))) · \(next.mode.title.lowercased())")
        } else {
            print("Next visit: none booked. \(plan.map { "\($0.completedCount) of 6 visits completed." } ?? "")")
        }
        let alerts = SafetyRules.alerts(for: recent, guide: ctx.content.safety, today: today)
        for a in alerts {
            print("")
            print("Important: \(a.headline) \(a.advice)")
        }
    }
}
