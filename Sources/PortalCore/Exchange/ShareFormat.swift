import Foundation

/// The kinds of file the patient can share, and how each is made from `ExportData`: the one place that
/// turns a choice into bytes, for the commands and the Share screen alike.
public enum ShareFormat: String, Sendable, CaseIterable, Hashable {
    case reportHTML = "report-html"
    case reportText = "report-text"
    case fhir
    case ics
    case json
    case csv

    public var title: String {
        switch self {
        case .reportHTML: return "One-page report to print (HTML)"
        case .reportText: return "One-page report (plain text)"
        case .fhir: return "Health record (FHIR R4, JSON)"
        case .ics: return "Visits for your calendar (ICS)"
        case .json: return "Everything (JSON)"
        case .csv: return "Pain diary for a spreadsheet (CSV)"
        }
    }

    /// `portal-report-2026-11-27.html`.
    public func fileName(on day: CalendarDate) -> String {
        switch self {
        case .reportHTML: return "portal-report-\(day).html"
        case .reportText: return "portal-report-\(day).txt"
        case .fhir: return "portal-fhir-\(day).json"
        case .ics: return "portal-visits-\(day).ics"
        case .json: return "portal-export-\(day).json"
        case .csv: return "portal-pain-\(day).csv"
        }
    }

    /// The parts of the data this format can hold at all (a calendar holds only visits).
    public var possibleSections: Set<ExportSection> {
        switch self {
        case .ics: return [.visits]
        case .csv: return [.pain, .notes, .warningSigns]
        default: return Set(ExportSection.allCases)
        }
    }

    /// The file's bytes. `data` must already be limited to what the patient chose; the reports cover `period`,
    /// their header naming who made them (`madeBy`: the store's `viewer`).
    public func render(_ data: ExportData, period: TherapistReport.Period = .lastDays(28), madeBy: Viewer = .patient) throws -> Data {
        switch self {
        case .reportHTML: return Data(ReportHTML.html(try TherapistReport(data: data, period: period, madeBy: madeBy)).utf8)
        case .reportText: return Data(ReportText.text(try TherapistReport(data: data, period: period, madeBy: madeBy)).utf8)
        case .fhir: return try FHIRExport.bundle(data) + Data([0x0A])
        case .json: return try Exporter.json(data) + Data([0x0A])
        case .csv: return Data(try Exporter.csv(.pain, data).utf8)
        case .ics:
            guard data.includes(.visits) else {
                throw PortalError.invalidInput("The calendar holds only your visits, and they are left out: there would be nothing in it.")
            }
            return Data(ICalendarExport.calendar(data).utf8)
        }
    }
}
