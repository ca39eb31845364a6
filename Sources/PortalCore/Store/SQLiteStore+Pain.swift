import GRDB

extension SQLiteStore {
    public func painEntries(from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        try read { db in try Self.painEntries(db, from: from, to: to) }
    }

    /// Columns are named in the query and read by position through a cursor: looking every column up by
    /// name in a copied row cost more than SQLite's own work. The date index bounds all three queries.
    static func painEntries(_ db: Database, from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        let args: StatementArguments = [from?.description ?? "0000-01-01", to?.description ?? "9999-12-31"]
        var sitesByEntry: [Int64: [SiteSide]] = [:]
        let sites = try Row.fetchCursor(db, sql: """
            SELECT s.entry_id, s.site, s.side FROM pain_site s JOIN pain_entry e ON e.id = s.entry_id
            WHERE e.date >= ? AND e.date <= ? ORDER BY s.rowid
            """, arguments: args)
        while let s = try sites.next() {
            guard let site = PainSite(rawValue: s[1]) else { continue }
            sitesByEntry[s[0], default: []].append(SiteSide(site, BodySide(rawValue: s[2]) ?? .unspecified))
        }
        var triggersByEntry: [Int64: [PainTrigger]] = [:]
        let triggers = try Row.fetchCursor(db, sql: """
            SELECT t.entry_id, t.trigger FROM pain_trigger t JOIN pain_entry e ON e.id = t.entry_id
            WHERE e.date >= ? AND e.date <= ? ORDER BY t.rowid
            """, arguments: args)
        while let t = try triggers.next() {
            guard let trigger = PainTrigger(rawValue: t[1]) else { continue }
            triggersByEntry[t[0], default: []].append(trigger)
        }
        var entries: [PainEntry] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, date, time, score, note, warning_signs, utc_offset FROM pain_entry WHERE date >= ? AND date <= ? ORDER BY date, time, id
            """, arguments: args)
        while let r = try rows.next() {
            let id: Int64 = r[0]
            let signs: String = r[5]
            entries.append(PainEntry(
                id: id, date: CalendarDate(r[1] as String)!, time: TimeOfDay(r[2] as String)!, score: r[3],
                sites: sitesByEntry[id] ?? [], triggers: triggersByEntry[id] ?? [], note: r[4],
                warningSigns: signs.isEmpty ? [] : signs.split(separator: ",").map(String.init), utcOffset: r[6]))
        }
        return entries
    }

    @discardableResult
    public func addPainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        try write { db in
            var saved = try StoreRules.checkPain(entry, now: now, zone: zone)
            saved.id = nil
            try Self.insertEntry(&saved, db)
            return saved
        }
    }

    /// Replaces an existing entry: its row is updated in place, its sites and triggers written again.
    @discardableResult
    public func updatePainEntry(_ entry: PainEntry, now: LocalDateTime) throws -> PainEntry {
        guard let id = entry.id else { throw PortalError.notFound("That pain entry has not been saved yet.") }
        return try write { db in
            let old = try Row.fetchOne(db, sql: "SELECT date, time, utc_offset FROM pain_entry WHERE id = ?", arguments: [id])
            let stored = old.flatMap { r in
                LocalDateTime("\(r[0] as String)T\(r[1] as String)").map { (at: $0, utcOffset: r[2] as Int?) }
            }
            let entry = try StoreRules.checkPain(entry, now: now, zone: zone, stored: stored)
            try db.execute(sql: "UPDATE pain_entry SET date = ?, time = ?, score = ?, note = ?, warning_signs = ?, utc_offset = ? WHERE id = ?",
                           arguments: [entry.date.description, entry.time.description, entry.score, entry.note,
                                       entry.warningSigns.joined(separator: ","), entry.utcOffset, id])
            guard db.changesCount == 1 else { throw PortalError.notFound("That pain entry no longer exists.") }
            try db.execute(sql: "DELETE FROM pain_site WHERE entry_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM pain_trigger WHERE entry_id = ?", arguments: [id])
            var e = entry
            try Self.insertParts(&e, id: id, db)
            return e
        }
    }

    public func deletePainEntry(id: Int64) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM pain_entry WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw PortalError.notFound("That pain entry no longer exists.") }
        }
    }

    static func insertEntry(_ e: inout PainEntry, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO pain_entry (id, date, time, score, note, warning_signs, utc_offset) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [e.id, e.date.description, e.time.description, e.score, e.note,
                                   e.warningSigns.joined(separator: ","), e.utcOffset])
        let id = e.id ?? db.lastInsertedRowID
        e.id = id
        try insertParts(&e, id: id, db)
    }

    /// Writes the sites and triggers of entry `id` (each once) and leaves `e` as it now reads back.
    static func insertParts(_ e: inout PainEntry, id: Int64, _ db: Database) throws {
        var seen = Set<SiteSide>()
        for s in e.sites where seen.insert(s).inserted {
            try db.execute(sql: "INSERT INTO pain_site (entry_id, site, side) VALUES (?, ?, ?)",
                           arguments: [id, s.site.rawValue, s.side.rawValue])
        }
        for t in Set(e.triggers) {
            try db.execute(sql: "INSERT INTO pain_trigger (entry_id, trigger) VALUES (?, ?)", arguments: [id, t.rawValue])
        }
        e.sites = e.sites.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        e.triggers = e.triggers.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}
