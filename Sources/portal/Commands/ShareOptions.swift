import ArgumentParser
import Foundation
import PortalCore

/// `--include` / `--exclude`, `--output` and `--force`: what goes into a file the patient shares, and where.
struct ShareOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only these parts (repeat, or separate with commas): \(ExportSection.allCases.map(\.listing).joined(separator: ", ")).",
                               valueName: "part"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Leave these parts out (same names as --include). `notes` removes every note you wrote; your questions for the visit go with `\(RecordPart.questions.section.rawValue)`.",
                               valueName: "part"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the --output file if it already exists.")
    var force = false

    func sections() throws -> Set<ExportSection> { try ExportSection.choose(include: include, exclude: exclude) }

    /// Writes to `--output` (0600, never over the database, replacing only with --force) or to standard output.
    func deliver(_ data: Data, ctx: Context) throws {
        if let output, output != "-" {
            try Exporter.write(data, to: output, overwrite: force, protected: ctx.store.files)
            printError("Exported to \(output).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
