import ArgumentParser
import Foundation
import PortalCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty database with a demo patient.",
        discussion: "A patient 24 weeks pregnant with hip pain, two visits done, one past visit to record, four weeks of program and three weeks of pain entries, all dated relative to today.")

    @Flag(help: "Replace everything in a database that already holds a patient (a dated copy of it is kept beside it first: NAME.before-demo-YYYYMMDD-HHMMSS.sqlite).")
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
        var kept: String?
        if try !ctx.store.isEmpty() {
            // Her record is never replaced without a copy she can put back (QA E19), and the refusal points to a
            // file of the demo's own rather than to the flag that erases her record.
            guard force else {
                throw PortalError.rule("\(ctx.store.location) already holds a patient's record, so the demo was not loaded and nothing was changed. The demo goes in a file of its own: portal demo --db demo.sqlite")
            }
            try demo.check()
            let copy = Backup.datedCopyPath(of: ctx.store.location, before: "demo", now: Date())
            try ctx.store.backUp(to: copy, overwrite: false)
            kept = copy
            try ctx.store.eraseAll()
        }
        try demo.load(into: ctx.store)
        if let kept { print("Kept a copy of the record that was there: \(kept) (`portal restore \(kept)` puts it back).") }
        print("Loaded the demo patient into \(ctx.store.location).")
        print("Try `portal`, `portal today`, `portal visits` or `portal exercises`.")
    }
}
