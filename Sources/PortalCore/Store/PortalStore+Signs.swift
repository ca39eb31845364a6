import GRDB

extension PortalStore {
    /// Warning-sign reports from `from` to `to` inclusive, oldest first (all when both are nil).
    public func signReports(from: CalendarDate? = nil, to: CalendarDate? = nil) throws -> [SignReport] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sign_report WHERE date >= ? AND date <= ? ORDER BY date, time, id",
                             arguments: [from?.description ?? "0000-01-01", to?.description ?? "9999-12-31"]).map { r in
                let signs: String = r["signs"]
                return SignReport(id: r["id"], date: CalendarDate(r["date"] as String)!, time: TimeOfDay(r["time"] as String)!,
                                  signs: signs.split(separator: ",").map(String.init), note: r["note"])
            }
        }
    }

    /// Saves a report of warning signs and returns it with its id. Checked first; nothing is written when it fails.
    @discardableResult
    public func addSignReport(_ report: SignReport, guide: SafetyGuide, now: LocalDateTime) throws -> SignReport {
        try report.validate(now: now, guide: guide)
        var unique: [String] = []
        for s in report.signs where !unique.contains(s) { unique.append(s) }
        return try write { db in
            try db.execute(sql: "INSERT INTO sign_report (date, time, signs, note) VALUES (?, ?, ?, ?)",
                           arguments: [report.date.description, report.time.description, unique.joined(separator: ","), report.note])
            var saved = report
            saved.id = db.lastInsertedRowID
            saved.signs = unique
            return saved
        }
    }
}
