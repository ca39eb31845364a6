import ArgumentParser
import Foundation
import PortalClinic
import PortalCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A one-page summary for your therapist (text, Markdown or HTML to print).",
        discussion: ReportOptions.discussion)

    @OptionGroup var report: ReportOptions

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try report.make(try Context(storeOptions))
    }
}

/// The report's period, format and parts, and where it goes: the same for `portal report` (the patient's own)
/// and `portal clinic report` (her therapist's, from the clinic database).
struct ReportOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, html
    }

    static let discussion = """
        Who you are and your stage, the period, your pain (daily average and highest, the change since your \
        first week), where it hurts and what makes it worse, exercise done of prescribed, your notes, check-ins, \
        warning signs and days of high pain, your visits, and your bladder diary, bowel log and questionnaires \
        (when you keep them). The period is the last 28 days unless you give \
        --since or --since-last-visit.

        The HTML file needs nothing else (no network) and prints on one page of A4 or Letter. The text form \
        fits 80 columns and one printed page; notes that do not fit are counted, never cut.
        """

    @Option(help: ArgumentHelp("Start the period on this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Flag(help: "Start the period on the day of your last completed visit.")
    var sinceLastVisit = false

    @Option(help: "text, markdown or html.")
    var format: Format = .text

    @OptionGroup var share: ShareOptions

    func validate() throws {
        if since != nil, sinceLastVisit { throw ValidationError("Give --since or --since-last-visit, not both.") }
    }

    /// Everything is checked before the store is opened; the report is then read in one go and delivered.
    func make(_ openContext: @autoclosure () throws -> Context) throws {
        let period: TherapistReport.Period
        if let since { period = .since(try parseDate(since, option: "--since")) } else if sinceLastVisit { period = .sinceLastVisit } else { period = .lastDays(28) }
        let sections = try share.sections()
        let ctx = try openContext()
        _ = try ctx.requirePatient()
        let data = try ExportData.load(from: ctx.store, content: ctx.content, today: ctx.today).limited(to: sections)
        // Her therapist's session (`portal clinic report`, or `--patient`) makes the report in her own name.
        // By the name her clinic keeps for her (change 26); her login only where it keeps none.
        let report = try TherapistReport(data: data, period: period, madeBy: ctx.store.viewer,
                                         therapistName: ctx.store.viewer.isTherapist ? try ctx.store.therapistName() : nil)
        let text: String
        switch format {
        case .text: text = ReportText.text(report)
        case .markdown: text = ReportText.markdown(report)
        case .html: text = ReportHTML.html(report)
        }
        try share.deliver(Data(text.utf8), ctx: ctx)
    }
}
