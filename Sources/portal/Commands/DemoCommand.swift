import ArgumentParser
import PortalCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty database with a demo patient.",
        discussion: "A patient 24 weeks pregnant with hip pain, two visits done, one past visit to record, four weeks of program and three weeks of pain entries, all dated relative to today.")

    @Flag(help: "Replace everything in a database that already holds a patient.")
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let ctx = try Context(storeOptions, create: true)
        // In a clinic the record is set up by her care team (its administrator), never by her or her therapist's
        // login: the demo is refused there before anything is read or written.
        guard !ctx.store.isRemote else {
            throw PortalError.rule("In a clinic your care team sets up your record (the administrator's `portal clinic add-patient`); nothing was changed. A demo of your own goes in a file: portal demo --db demo.sqlite")
        }
        let demo = DemoPatient(content: ctx.content, today: ctx.today, time: ctx.clock.time)
        if force {
            try demo.check()
            try ctx.store.eraseAll()
        } else if try !ctx.store.isEmpty() {
            throw PortalError.rule("This database already holds a patient. Use --force to replace everything in it with the demo.")
        }
        try demo.load(into: ctx.store)
        print("Loaded the demo patient into \(ctx.store.location).")
        print("Try `portal`, `portal today`, `portal visits` or `portal exercises`.")
    }
}
