import ArgumentParser
import PortalCore

struct VisitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visits", abstract: "The six visits of the care plan.")

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
