/// Warning signs reported on their own, without a pain score.
public enum SignReportMap {
    public static let reports = RecordTable("sign_report", columns: [
        .id(),
        .date("date"),
        RecordColumn("time", .time),
        // Sign ids from safety.json joined by commas, like pain_entry.warning_signs.
        .text("signs", rule: .length(1...2000)),
        .note("note", limit: SignReport.noteLimit),
        // Minutes east of UTC where she reported them (migration 8), as for a pain entry.
        .integer("utc_offset", -1080...1080, nullable: true),
        // Where the report stands in the order she wrote her signs (change 17), set by the database.
        SignReviewMap.entered,
    ], key: ["id"], indexes: [.init("sign_report_by_date", ["date", "time"]), .init("sign_report_by_entered", ["entered"])], access: [
        // In a clinic a warning sign she reported stays for her therapist to see: she neither changes nor
        // deletes a report (her own portal's file is hers to change; SQLite keeps no rights).
        Access(.patient, [.select, .insert]),
        Access(.therapist, [.select]),
    ])

    /// Reports from `from` to `to` inclusive (nil: no bound), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try db.rows(reports, ["id", "date", "time", "signs", "note", "utc_offset"], where: .between("date", from, to),
                    orderBy: [.ascending("date"), .ascending("time"), .ascending("id")]) { r in
            SignReport(id: try r.int64(0), date: try r.date(1), time: try r.time(2),
                       signs: try r.text(3).split(separator: ",").map(String.init), note: try r.text(4), utcOffset: try r.optionalInt(5))
        }
    }

    /// Writes a report and returns it with its id.
    @discardableResult
    static func insert(_ s: SignReport, _ db: any RecordDatabase) throws -> SignReport {
        var saved = s
        saved.id = try db.insert(reports, [("date", .date(s.date)), ("time", .time(s.time)), ("signs", .text(s.signs.joined(separator: ","))),
                                           ("note", .text(s.note)), ("utc_offset", .optional(s.utcOffset))])
        return saved
    }
}

/// Warning signs reported on their own are a diary: the store reads and adds them through `RecordStore.entries`
/// and `add`.
extension SignReport: DiaryEntry {
    public static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try SignReportMap.read(db, from: from, to: to)
    }

    public static func insert(_ entry: SignReport, _ db: any RecordDatabase) throws -> SignReport {
        try SignReportMap.insert(entry, db)
    }

    /// A report of warning signs stands as it was made: it is not changed afterwards.
    public static func update(_ entry: SignReport, _ db: any RecordDatabase) throws -> Bool { false }

    public static func delete(id: Int64, _ db: any RecordDatabase) throws -> Bool {
        try db.delete(SignReportMap.reports, where: .equal("id", .int(id))) == 1
    }

    /// Known signs, not in the future, a plain-text note; each sign once (`StoreRules.checkSignReport`).
    public func checked(_ rules: EntryRules) throws -> SignReport {
        try StoreRules.checkSignReport(self, guide: rules.content.safety, now: rules.now, zone: rules.zone)
    }
}
