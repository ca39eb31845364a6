import ArgumentParser
import Foundation
import PortalCore

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "The therapist's weekly program update: print a template, import a week, export a week.",
        discussion: "The file format is documented in Resources/README.md (\"portal.program-week\", version 1).",
        subcommands: [Template.self, Import.self, Export.self])

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a program week to start from.",
            discussion: """
            With a portal database that has a program, this is the next week to write: in her own portal, the \
            week after the one under way (the portal's own week of that number, not started yet, is replaced when \
            you import it), from this week's exercises; in a clinic, or when no week is under way, the week after \
            the latest, numbered to follow it and starting a week after it (or tomorrow, when that day has passed). \
            Ready to edit and import. Without one, an example week.
            """)

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let content = try ContentLibrary.forPortal()
            let clock = try PortalClock.fromEnvironment()
            var week: ProgramWeek
            // The same next week the therapist's editor starts from (`WeekDraft.next`).
            // A named patient must be one of her caseload, as for every --patient command (a mistyped name gets
            // no template); without one, a database that cannot be read gives the example week.
            let store = storeOptions.patient != nil ? try Context(storeOptions).store : try? Context(storeOptions).store
            let program = storeOptions.patient != nil ? try store?.program() : try? store?.program()
            // In her own portal (no drafts) the week after the one under way, which an import replaces while it
            // has not started (`RecordStore.addProgramWeek`); in a clinic a published week is changed in the editor.
            let following = store?.addsDraftWeeks == false ? program.flatMap { WeekDraft.upcoming(in: $0, today: clock.today) } : nil
            if let program, let next = following ?? WeekDraft.next(after: program, today: clock.today) {
                week = next.week
            } else {
                guard let example = content.programs.first?.weeks.dropFirst().first else {
                    throw PortalError.notFound("No program templates are installed.")
                }
                week = example
                week.number = 2
                week.starts = clock.today.adding(days: 8 - clock.today.isoWeekday) // next Monday
            }
            FileHandle.standardOutput.write(try ProgramWeekFile.encode(week) + Data("\n".utf8))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a program week file and add it to the program.",
            discussion: "Nothing is written when any part of the file is wrong; the error names the field and where it is.")

        @Argument(help: ArgumentHelp("The program week JSON file.", valueName: "file"))
        var file: String

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let data = try ProgramWeekFile.read(path: file)
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            let week = try ProgramWeekFile.parse(data, library: ctx.content.exercises)
            let replaced = try ctx.store.program().week(number: week.number)
            try ctx.store.addProgramWeek(week, library: ctx.content.exercises, today: ctx.today)
            let program = try ctx.store.program()
            let diff = program.diff(for: week)
            let name = { (id: String) in printable(ctx.content.exercises.name(id)) }
            let what = replaced.map { "Replaced program week \($0.number) (\($0.origin == .generated ? "the portal's" : "the one before"), not started yet) with this one" } ?? "Added program week \(week.number)"
            print("\(what), starting \(week.starts.shortText) \(week.starts.year), with \(week.prescriptions.count.counted("exercise")).")
            if let prev = program.previous(to: week) {
                print("Changes from week \(prev.number):")
            }
            for p in diff.added { print("  \(DoseChange.new.mark()) \(name(p.exerciseID)) (\(p.dose.summary))") }
            for p in diff.progressed {
                print("  \(p.change.mark()) \(name(p.exerciseID)): \(p.text())")
            }
            for p in diff.removed { print("  \(DoseChange.dropped.mark()) \(name(p.exerciseID))") }
            if diff.isEmpty { print("  No changes: the same exercises and doses.") }
            if let patient = storeOptions.patient, ctx.store.addsDraftWeeks {
                print("It is a draft: \(printable(patient)) sees it once you run `portal clinic publish --patient \(printable(patient)) --week \(week.number)`.")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a program week in the import format.")

        @Option(parsing: .unconditional, help: "The week to write (this week by default).")
        var week: Int?

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(help: "Replace the --output file if it already exists.")
        var force = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let ctx = try Context(storeOptions)
            let program = try ctx.store.program()
            guard let shown = week.map({ program.week(number: $0) }) ?? program.currentWeek(on: ctx.today) else {
                let weeks = program.weeks.isEmpty ? "no weeks yet" : "weeks \(program.weeks.first!.number)–\(program.weeks.last!.number)"
                throw PortalError.invalidInput(week.map { "Week \($0) is not in the program; it has \(weeks)." } ?? "The program has no week that has started.")
            }
            let data = try ProgramWeekFile.encode(shown) + Data("\n".utf8)
            if let output, output != "-" {
                try Exporter.write(data, to: output, overwrite: force, protected: ctx.store.files)
                printError("Wrote week \(shown.number) to \(output).")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
