import ArgumentParser
import Foundation
import PortalCore

struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, fhir, ics
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your data as CSV, JSON, FHIR R4 or a calendar (ICS).",
        discussion: """
        CSV follows RFC 4180: a header row, one row per pain entry (date,time,score,sites,triggers,note,\
        warning_signs), lists separated by ';'. --what picks another table: exercises (with the pain felt during \
        each, when you said), visits, checkins or warning-signs (every sign you reported, with the pain score \
        logged with it or none). A cell \
        that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a \
        leading apostrophe; JSON keeps every text exactly.

        JSON holds everything, exactly as stored: the patient, visits, program weeks, exercise log, pain entries, \
        warning signs reported without a pain score, check-ins and your reading.

        FHIR is an R4 Bundle (type collection) for health records: the Patient, one Observation per pain entry \
        (LOINC 72514-3, body sites in SNOMED CT), per exercise you said hurt (on its day, with the exercise \
        and sets done) and per report of warning signs made without a pain score, the visits as Appointments, \
        check-ins as QuestionnaireResponses \
        and the program as a CarePlan of ServiceRequests.

        ICS is your booked and completed visits for a calendar program, in UTC. Each visit keeps its UID from one \
        export to the next, even after it is moved, so importing again updates the event.

        A file written with --output is readable by you only (0600).
        """)

    @Option(help: "csv, json, fhir or ics.")
    var format: Format

    @Option(help: ArgumentHelp("For CSV: pain (the default), exercises, visits or checkins.", valueName: "table"))
    var what: String?

    @Option(help: ArgumentHelp("Only entries from this day on.", valueName: "YYYY-MM-DD"))
    var since: String?

    @OptionGroup var share: ShareOptions

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if what != nil, format != .csv {
            throw ValidationError("--what chooses a CSV table; it goes with --format csv.")
        }
    }

    func run() throws {
        let since = try self.since.map { try parseDate($0, option: "--since") }
        let table = try what.map { try CSVTable.parse($0) } ?? .pain
        let sections = try share.sections()
        let ctx = try Context(storeOptions)
        let data = try ExportData.load(from: ctx.store, content: ctx.content, today: ctx.today, since: since)
            .limited(to: sections)
        let bytes: Data
        switch format {
        case .csv: bytes = Data(try Exporter.csv(table, data).utf8)
        case .json: bytes = try ShareFormat.json.render(data)
        case .fhir: bytes = try ShareFormat.fhir.render(data)
        case .ics: bytes = try ShareFormat.ics.render(data)
        }
        try share.deliver(bytes, ctx: ctx)
    }
}
