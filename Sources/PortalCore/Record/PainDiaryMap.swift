/// The pain diary: each entry, with its sites and triggers (each once, in the order given) in tables of their
/// own, and the warning signs ticked with it.
public enum PainDiaryMap {
    public static let entries = RecordTable("pain_entry", columns: [
        .id(),
        .date("date"),
        RecordColumn("time", .time),
        .integer("score", 0...10).called("pain score"),
        .note("note", limit: PainEntry.noteLimit),
        // Sign ids from safety.json joined by commas (checked in Swift against the content when saved).
        .note("warning_signs"),
        // Minutes east of UTC in force at the entry's time where it was saved (migration 8); nil for rows the
        // migration could not place.
        .integer("utc_offset", -1080...1080, nullable: true),
        // Where the entry stands in the order her sign-carrying rows were written (change 17): the database sets
        // it on every insert and every change (`SignReviewMap.entered`), never the portal.
        SignReviewMap.entered,
    ], key: ["id"], indexes: [.init("pain_entry_by_date", ["date", "time"]), .init("pain_entry_by_entered", ["entered"])],
       access: keepsSigns)

    /// Her diary, but in a clinic an entry that reported warning signs stays as it was for her therapist to see:
    /// she changes and deletes only entries without signs (and their sites and triggers). The same rule for
    /// her screens and commands is `PainEntry.keptForTherapist`.
    static let keepsSigns = [
        Access(.patient, [.select, .insert]),
        Access(.patient, [.update, .delete], only: [.init("warning_signs", "")]),
        Access(.therapist, [.select]),
    ]

    /// An entry's sites and triggers keep its signs' rule, adding included (qa-f F7: sites and triggers were
    /// added to an entry that reported warning signs, after any review): she adds them to an entry without
    /// signs, or to one written in the same transaction (a new entry with its sites and triggers). The clinic's
    /// `pain_entry_is_open` (`ClinicSchema.guards`) tells which, reading the entry with its owner's rights.
    static let partsKeepSigns = [
        Access(.patient, [.select]),
        Access(.patient, [.insert], check: "public.\(openEntry)(patient_id, entry_id)"),
        // What an update makes of a row is held to the same rule as a new one (qa-h H1: sites of an entry
        // without signs were moved onto one that reported them by changing their `entry_id`).
        Access(.patient, [.update], only: [.init("warning_signs", "")], check: "public.\(openEntry)(patient_id, entry_id)"),
        Access(.patient, [.delete], only: [.init("warning_signs", "")]),
        Access(.therapist, [.select]),
    ]

    /// The clinic's function that says whether sites and triggers may be added to an entry (`partsKeepSigns`).
    public static let openEntry = "pain_entry_is_open"

    public static let sites = RecordTable("pain_site", columns: [
        RecordColumn("entry_id", .reference),
        .integer("position"),
        .oneOf("site", PainSite.self),
        .oneOf("side", BodySide.self),
    ], key: ["entry_id", "site", "side"], parent: .init("pain_entry", ["entry_id"]), access: partsKeepSigns)

    public static let triggers = RecordTable("pain_trigger", columns: [
        RecordColumn("entry_id", .reference),
        .integer("position"),
        .oneOf("trigger", PainTrigger.self),
    ], key: ["entry_id", "trigger"], parent: .init("pain_entry", ["entry_id"]), access: partsKeepSigns)

    /// Entries from `from` to `to` inclusive (nil: no bound), oldest first; the date index bounds all three reads.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [PainEntry] {
        let range = RowFilter.between("date", from, to)
        let byEntry: [RowOrder] = [.ascending("entry_id"), .ascending("position")]
        var sitesByEntry: [Int64: [SiteSide]] = [:]
        try db.select(sites, ["entry_id", "site", "side"], where: .parent(range), orderBy: byEntry, limit: nil) { s in
            guard let site = PainSite(rawValue: try s.text(1)) else { return }
            sitesByEntry[try s.int64(0), default: []].append(SiteSide(site, BodySide(rawValue: try s.text(2)) ?? .unspecified))
        }
        var triggersByEntry: [Int64: [PainTrigger]] = [:]
        try db.select(triggers, ["entry_id", "trigger"], where: .parent(range), orderBy: byEntry, limit: nil) { t in
            guard let trigger = PainTrigger(rawValue: try t.text(1)) else { return }
            triggersByEntry[try t.int64(0), default: []].append(trigger)
        }
        return try db.rows(entries, ["id", "date", "time", "score", "note", "warning_signs", "utc_offset"], where: range,
                           orderBy: [.ascending("date"), .ascending("time"), .ascending("id")]) { r in
            let id = try r.int64(0)
            let signs = try r.text(5)
            return PainEntry(id: id, date: try r.date(1), time: try r.time(2), score: try r.int(3), sites: sitesByEntry[id] ?? [],
                             triggers: triggersByEntry[id] ?? [], note: try r.text(4),
                             warningSigns: signs.isEmpty ? [] : signs.split(separator: ",").map(String.init), utcOffset: try r.optionalInt(6))
        }
    }

    /// The days of her latest `count` entries, newest first (fewer when she has fewer): the date index alone.
    static func latestDays(_ db: any RecordDatabase, count: Int) throws -> [CalendarDate] {
        try db.rows(entries, ["date"], orderBy: [.descending("date"), .descending("time"), .descending("id")], limit: count) { try $0.date(0) }
    }

    /// The day of her first entry ever, nil before any.
    static func firstDay(_ db: any RecordDatabase) throws -> CalendarDate? {
        try db.rows(entries, ["date"], orderBy: [.ascending("date")], limit: 1) { try $0.date(0) }.first
    }

    /// The entries of her first week (`PainTrend.baselineWeek`: 7 days from a day with entries, with entries on
    /// at least 3 of them) when it starts before `before` (from there on the snapshot's own entries hold it), else
    /// those of her first 7 days. Read from the date index 13 weeks at a time, from her first day on, skipping
    /// the gaps: one read of days for most, never her whole history.
    static func firstWeek(_ db: any RecordDatabase, before: CalendarDate) throws -> [PainEntry] {
        guard let first = try firstDay(db) else { return [] }
        let chunk = 91, whole = chunk - 7  // a start in the first `whole` days has its whole week in the chunk
        var from: CalendarDate? = first
        while let start = from, start < before {
            let days = try db.days(entries, "date", where: .between("date", start, start.adding(days: chunk - 1)))
                .map { DailyPain(date: $0, mean: 0, max: 0, count: 1) }
            if let found = PainTrend.baselineWeek(of: days).first?.date, found < start.adding(days: whole) {
                return try read(db, from: found, to: found.adding(days: 6))
            }
            from = try db.rows(entries, ["date"], where: .atLeast("date", .date(start.adding(days: whole))),
                               orderBy: [.ascending("date")], limit: 1) { try $0.date(0) }.first
        }
        return try read(db, from: first, to: first.adding(days: 6))
    }

    static func values(_ e: PainEntry) -> [(String, StoredValue)] {
        [("date", .date(e.date)), ("time", .time(e.time)), ("score", .int(e.score)), ("note", .text(e.note)),
         ("warning_signs", .text(e.warningSigns.joined(separator: ","))), ("utc_offset", .optional(e.utcOffset))]
    }

    /// Writes a new entry with its sites and triggers, and returns it as it now reads back (with its id).
    @discardableResult
    static func insert(_ e: PainEntry, _ db: any RecordDatabase) throws -> PainEntry {
        var saved = e
        saved.id = try db.insert(entries, values(e))
        try insertParts(&saved, db)
        return saved
    }

    /// Replaces entry `e.id` in place with its sites and triggers; false when there is no such entry.
    /// Its sites and triggers go first, while the entry is as it was: in a clinic her login changes the parts of
    /// an entry without warning signs only (`keepsSigns`), and the change may be the one that adds signs.
    static func update(_ e: inout PainEntry, _ db: any RecordDatabase) throws -> Bool {
        guard let id = e.id else { return false }
        try db.delete(sites, where: .equal("entry_id", .int(id)))
        try db.delete(triggers, where: .equal("entry_id", .int(id)))
        guard try db.update(entries, set: values(e), where: .equal("id", .int(id))) == 1 else { return false }
        try insertParts(&e, db)
        return true
    }

    /// The date, time and offset entry `id` is stored with, nil when there is no such entry: a change that keeps
    /// its time keeps its offset (`StoreRules.checkPain`).
    static func stored(id: Int64, _ db: any RecordDatabase) throws -> (at: LocalDateTime, utcOffset: Int?)? {
        try db.rows(entries, ["date", "time", "utc_offset"], where: .equal("id", .int(id)), limit: 1) { r in
            (LocalDateTime(date: try r.date(0), time: try r.time(1)), try r.optionalInt(2))
        }.first
    }

    /// Entry `id` as the diary reads it, with its sites and triggers; nil when there is no such entry.
    static func find(id: Int64, _ db: any RecordDatabase) throws -> PainEntry? {
        guard let at = try stored(id: id, db)?.at else { return nil }
        return try read(db, from: at.date, to: at.date).first { $0.id == id }
    }

    /// The warning signs entry `id` reported (empty for none), nil when there is no such entry.
    static func signs(id: Int64, _ db: any RecordDatabase) throws -> [String]? {
        try db.rows(entries, ["warning_signs"], where: .equal("id", .int(id)), limit: 1) { r in
            try r.text(0).split(separator: ",").map(String.init)
        }.first
    }

    /// Deletes an entry with its sites and triggers; false when there is no such entry.
    static func delete(id: Int64, _ db: any RecordDatabase) throws -> Bool {
        try db.delete(entries, where: .equal("id", .int(id))) == 1
    }

    /// Writes the sites and triggers of entry `e.id` (each once, in order) and leaves `e` as it now reads back.
    private static func insertParts(_ e: inout PainEntry, _ db: any RecordDatabase) throws {
        guard let id = e.id else { return }
        e.sites = e.sites.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        e.triggers = e.triggers.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        for (i, s) in e.sites.enumerated() {
            try db.insert(sites, [("entry_id", .int(id)), ("position", .int(i)), ("site", .text(s.site.rawValue)), ("side", .text(s.side.rawValue))])
        }
        for (i, t) in e.triggers.enumerated() {
            try db.insert(triggers, [("entry_id", .int(id)), ("position", .int(i)), ("trigger", .text(t.rawValue))])
        }
    }
}
