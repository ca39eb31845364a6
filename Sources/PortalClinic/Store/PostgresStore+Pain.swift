import PortalCore

extension PostgresStore {
    public func painEntries(from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        try read { db, id in try Self.painEntries(db, id, from: from, to: to) }
    }

    static func painEntries(_ db: PGConnection, _ id: Int64, from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        let args: [(any PGParam)?] = [id, lowerBound(from), upperBound(to)]
        let rows = try db.query("""
            SELECT id, date::text AS date, to_char(time, 'HH24:MI') AS time, score, note, warning_signs, utc_offset::text AS utc_offset FROM pain_entry
            WHERE patient_id = $1 AND date >= $2::date AND date <= $3::date ORDER BY date, time, id
            """, args).rows
        let sites = try db.query("""
            SELECT s.entry_id, s.site, s.side FROM pain_site s
            JOIN pain_entry e ON e.patient_id = s.patient_id AND e.id = s.entry_id
            WHERE s.patient_id = $1 AND e.date >= $2::date AND e.date <= $3::date ORDER BY s.entry_id, s.position
            """, args).rows
        let triggers = try db.query("""
            SELECT t.entry_id, t.trigger FROM pain_trigger t
            JOIN pain_entry e ON e.patient_id = t.patient_id AND e.id = t.entry_id
            WHERE t.patient_id = $1 AND e.date >= $2::date AND e.date <= $3::date ORDER BY t.entry_id, t.position
            """, args).rows
        var sitesByEntry: [Int64: [SiteSide]] = [:]
        for s in sites {
            guard let site = PainSite(rawValue: try s.text("site")) else { continue }
            sitesByEntry[try s.int64("entry_id"), default: []].append(SiteSide(site, BodySide(rawValue: try s.text("side")) ?? .unspecified))
        }
        var triggersByEntry: [Int64: [PainTrigger]] = [:]
        for t in triggers {
            guard let trigger = PainTrigger(rawValue: try t.text("trigger")) else { continue }
            triggersByEntry[try t.int64("entry_id"), default: []].append(trigger)
        }
        return try rows.map { r in
            let entryID = try r.int64("id")
            let signs = try r.text("warning_signs")
            return PainEntry(id: entryID, date: try r.parsed("date", CalendarDate.init), time: try r.parsed("time", TimeOfDay.init),
                             score: try r.int("score"), sites: sitesByEntry[entryID] ?? [], triggers: triggersByEntry[entryID] ?? [],
                             note: try r.text("note"), warningSigns: signs.split(separator: ",").map(String.init),
                             utcOffset: try r.optional("utc_offset").flatMap { Int($0) })
        }
    }

    @discardableResult
    public func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try write { db, id in
            var saved = try StoreRules.checkPain(entry, now: now, zone: zone)
            let row = try db.query("""
                INSERT INTO pain_entry (patient_id, date, time, score, note, warning_signs, utc_offset) VALUES ($1, $2::date, $3::time, $4, $5, $6, $7)
                RETURNING id
                """, [id, saved.date.description, saved.time.description, saved.score, saved.note,
                      saved.warningSigns.joined(separator: ","), saved.utcOffset]).rows.first
            let entryID = try row?.int64("id") ?? 0
            saved.id = entryID
            try Self.insertParts(&saved, entryID: entryID, db, id)
            return saved
        }
    }

    @discardableResult
    public func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        guard let entryID = entry.id else { throw PortalError.notFound("That pain entry has not been saved yet.") }
        return try write { db, id in
            let old = try db.query("""
                SELECT date::text AS date, to_char(time, 'HH24:MI') AS time, utc_offset::text AS utc_offset FROM pain_entry
                WHERE patient_id = $1 AND id = $2
                """, [id, entryID]).rows.first
            var stored: (at: LocalDateTime, utcOffset: Int?)?
            if let r = old, let at = LocalDateTime("\(try r.text("date"))T\(try r.text("time"))") {
                stored = (at, try r.optional("utc_offset").flatMap { Int($0) })
            }
            let entry = try StoreRules.checkPain(entry, now: now, zone: zone, stored: stored)
            let n = try db.query("""
                UPDATE pain_entry SET date = $3::date, time = $4::time, score = $5, note = $6, warning_signs = $7, utc_offset = $8
                WHERE patient_id = $1 AND id = $2
                """, [id, entryID, entry.date.description, entry.time.description, entry.score, entry.note,
                      entry.warningSigns.joined(separator: ","), entry.utcOffset]).affected
            guard n == 1 else { throw PortalError.notFound("That pain entry no longer exists.") }
            try db.query("DELETE FROM pain_site WHERE patient_id = $1 AND entry_id = $2", [id, entryID])
            try db.query("DELETE FROM pain_trigger WHERE patient_id = $1 AND entry_id = $2", [id, entryID])
            var e = entry
            try Self.insertParts(&e, entryID: entryID, db, id)
            return e
        }
    }

    public func deletePainEntry(id entryID: Int64) throws {
        try write { db, id in
            let n = try db.query("DELETE FROM pain_entry WHERE patient_id = $1 AND id = $2", [id, entryID]).affected
            guard n == 1 else { throw PortalError.notFound("That pain entry no longer exists.") }
        }
    }

    /// Writes the sites and triggers of an entry (each once, in order) and leaves `e` as it now reads back.
    static func insertParts(_ e: inout PainEntry, entryID: Int64, _ db: PGConnection, _ id: Int64) throws {
        e.sites = e.sites.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        e.triggers = e.triggers.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        for (i, s) in e.sites.enumerated() {
            try db.query("INSERT INTO pain_site (patient_id, entry_id, position, site, side) VALUES ($1, $2, $3, $4, $5)",
                         [id, entryID, i, s.site.rawValue, s.side.rawValue])
        }
        for (i, t) in e.triggers.enumerated() {
            try db.query("INSERT INTO pain_trigger (patient_id, entry_id, position, trigger) VALUES ($1, $2, $3, $4)",
                         [id, entryID, i, t.rawValue])
        }
    }
}
