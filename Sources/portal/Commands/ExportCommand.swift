import ArgumentParser
import Foundation
import PortalCore

struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your data as CSV (pain entries) or JSON (everything).",
        discussion: """
        CSV follows RFC 4180: a header row (date,time,score,sites,triggers,note,warning_signs), one row per pain \
        entry, lists separated by ';'.

        JSON holds the patient, visits, program weeks, exercise log, pain entries and quiz results.

        A file written with --output is readable by you only (0600).
        """)

    @Option(help: "csv or json.")
    var format: Format

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Only entries from this day on.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Flag(help: "Replace the --output file if it already exists.")
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let since = try self.since.map { try parseDate($0, option: "--since") }
        let ctx = try Context(storeOptions)
        let data: Data
        switch format {
        case .csv: data = Data(Exporter.csv(try ctx.store.painEntries(from: since)).utf8)
        case .json:
            var json = try Exporter.json(store: ctx.store, library: ctx.content.exercises, today: ctx.today, since: since)
            json.append(0x0A)
            data = json
        }
        if let output, output != "-" {
            try Exporter.write(data, to: output, overwrite: force, protected: ctx.store.files)
            printError("Exported to \(output).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
