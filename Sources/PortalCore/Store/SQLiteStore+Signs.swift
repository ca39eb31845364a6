import GRDB

extension SQLiteStore {
    /// Warning-sign reports from `from` to `to` inclusive, oldest first (nil: no bound).
    public func signReports(from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try read { db in try Self.signReports(db, from: from, to: to) }
    }

    static func signReports(_ db: Database, from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        var reports: [SignReport] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, date, time, signs, note, utc_offset FROM sign_report WHERE date >= ? AND date <= ? ORDER BY date, time, id",
                                       arguments: [from?.description ?? "0000-01-01", to?.description ?? "9999-12-31"])
        while let r = try rows.next() {
            let signs: String = r[3]
            reports.append(SignReport(id: r[0], date: CalendarDate(r[1] as String)!, time: TimeOfDay(r[2] as String)!,
                                      signs: signs.split(separator: ",").map(String.init), note: r[4], utcOffset: r[5]))
        }
        return reports
    }

    /// Saves a report of warning signs and returns it as stored (with its id, each sign once). Checked inside
    /// the transaction by `StoreRules.checkSignReport`; nothing is written when it fails.
    @discardableResult
    public func addSignReport(_ report: SignReport, guide: SafetyGuide, now: LocalDateTime) throws -> SignReport {
        try write { db in
            var saved = try StoreRules.checkSignReport(report, guide: guide, now: now, zone: zone)
            try db.execute(sql: "INSERT INTO sign_report (date, time, signs, note, utc_offset) VALUES (?, ?, ?, ?, ?)",
                           arguments: [saved.date.description, saved.time.description, saved.signs.joined(separator: ","), saved.note,
                                       saved.utcOffset])
            saved.id = db.lastInsertedRowID
            return saved
        }
    }
}
