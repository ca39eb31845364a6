/// A report or export she sent her therapist from Share in a clinic (issue 21, point 7): the file as it was
/// made, what kind and which parts, and when she sent it.
public struct SharedReport: Sendable, Hashable {
    public var id: Int64?
    public var date: CalendarDate
    public var time: TimeOfDay
    public var format: ShareFormat
    /// The parts she chose (those the format can hold).
    public var sections: [ExportSection]
    /// The file's text, as `portal export` or `portal report` would write it.
    public var body: String

    public init(id: Int64? = nil, date: CalendarDate, time: TimeOfDay, format: ShareFormat, sections: [ExportSection], body: String) {
        self.id = id
        self.date = date
        self.time = time
        self.format = format
        self.sections = sections
        self.body = body
    }

    /// "One-page report (plain text), sent Fri 27 Nov at 14:05": how the caseload names it.
    public var summary: String { "\(format.title), sent \(date.shortText) at \(time)" }
}

/// Where what she sends her therapist is kept. A table of the map, clinic-only (`RecordPart.clinicOnlyTables`):
/// her own portal has no therapist to send to (Share writes a file there), so SQLite keeps none, and no export,
/// backup or import carries it. Its rights are its `access`, made into grants and row policies like every
/// table's (`ClinicSecurity`): she sends and reads her own, her therapist reads them, nobody changes or deletes one.
public enum SharedReportMap {
    public static let sent = RecordTable("shared_report", columns: [
        .id(),
        .date("date"),
        RecordColumn("time", .time),
        .oneOf("format", ShareFormat.self),
        .text("parts", rule: .length(0...400)),
        .text("body", rule: .length(1...SharedReportMap.bodyLimit)),
    ], key: ["id"], indexes: [.init("shared_report_by_date", ["date", "time"])], access: [
        Access(.patient, [.select, .insert]),
        Access(.therapist, [.select]),
    ])

    /// The longest file kept (characters): years of a full diary as FHIR fit.
    public static let bodyLimit = 20_000_000

    @discardableResult
    public static func insert(_ r: SharedReport, _ db: any RecordDatabase) throws -> SharedReport {
        var saved = r
        saved.id = try db.insert(sent, [("date", .date(r.date)), ("time", .time(r.time)), ("format", .text(r.format.rawValue)),
                                        ("parts", .text(r.sections.map(\.rawValue).joined(separator: ","))), ("body", .text(r.body))])
        // When it was sent is the server's to say (a clinic's trigger, change 18): what it kept is what she is told.
        if let id = saved.id, let kept = try db.rows(sent, ["date", "time"], where: .equal("id", .int(id)), { r in
            (try r.date(0), try r.time(1))
        }).first {
            (saved.date, saved.time) = kept
        }
        return saved
    }

    /// Newest first; `limit` of them (nil: all). `bodies` false: without the files' text (a caseload's line).
    public static func read(_ db: any RecordDatabase, limit: Int?, bodies: Bool = true) throws -> [SharedReport] {
        try db.rows(sent, ["id", "date", "time", "format", "parts"] + (bodies ? ["body"] : []),
                    orderBy: [.descending("date"), .descending("time"), .descending("id")], limit: limit) { r in
            SharedReport(id: try r.int64(0), date: try r.date(1), time: try r.time(2),
                         format: ShareFormat(rawValue: try r.text(3)) ?? .reportText,
                         sections: try r.text(4).split(separator: ",").compactMap { ExportSection(rawValue: String($0)) },
                         body: bodies ? try r.text(5) : "")
        }
    }
}

extension RecordPart {
    /// Tables of the map kept only on a clinic's server, outside every part of the record (what she sent her
    /// therapist): made there with their rules from the map, never in her own file.
    public static let clinicOnlyTables: [RecordTable] = [SharedReportMap.sent]
}

extension SharedReport {
    /// QA H15: what she is told when her clinic has taken as many reports from her today as it takes in a day
    /// (`reports`): in her words, with the way on, never the database's sentence.
    public static func dailyLimitReached(_ reports: Int) -> String {
        // What to do if something worries her comes before the way on, so a small window's three lines keep it.
        // The server's one refusal stands for either of its limits (reports or characters), so the sentence is
        // true of both: it never says she sent ten when two long ones reached the limit (review of the merge).
        "You have sent your therapist as much as the clinic takes in a day (at most \(reports) reports); if something worries you now, call your clinic. "
            + sendTomorrow + "."
    }
    /// The way on where no file can be written instead.
    public static let sendTomorrow = "You can send again tomorrow"
    /// The way on from Share where a file can be written too (its w key).
    public static let sendTomorrowOrWrite = "You can send again tomorrow, or press w to write the file"
    /// Whether `message` is `dailyLimitReached`'s.
    public static func isDailyLimit(_ message: String) -> Bool {
        message.hasPrefix("You have sent your therapist ") && message.hasSuffix(sendTomorrow + ".")
    }
}
