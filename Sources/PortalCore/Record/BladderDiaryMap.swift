/// The bladder diary: each pee, leak, drink and pad change, one row each. Only the columns of the entry's kind
/// are set (`BladderEvent.validate` says which); the others are empty (NULL).
public enum BladderDiaryMap {
    public static let events = RecordTable("bladder_event", columns: [
        .id(),
        .date("date"),
        RecordColumn("time", .time),
        .oneOf("kind", BladderEventKind.self),
        // A pee's measured volume or a drink's, in mL: the wider of the two ranges (each kind's own is checked
        // in Swift, with a message naming it).
        .integer("volume_ml", BladderEvent.peeVolumes.lowerBound...BladderEvent.drinkVolumes.upperBound, nullable: true),
        .integer("urgency", BladderEvent.urgencies, nullable: true),
        .integer("woke_at_night", 0...1),
        .oneOf("amount", LeakAmount.self, nullable: true),
        .oneOf("activity", LeakActivity.self, nullable: true),
        .oneOf("drink", DrinkKind.self, nullable: true),
        .note("note", limit: BladderEvent.noteLimit),
    ], key: ["id"], indexes: [.init("bladder_event_by_date", ["date", "time"])])

    /// The columns read, in the order `read` takes them: the table's own.
    static let columns = events.columns.map(\.name)

    /// Entries from `from` to `to` inclusive (nil: no bound), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [BladderEvent] {
        try db.rows(events, columns, where: .between("date", from, to),
                    orderBy: [.ascending("date"), .ascending("time"), .ascending("id")]) { r in
            guard let kind = BladderEventKind(rawValue: try r.text(3)) else { throw type(of: r).unreadable(3) }
            return BladderEvent(id: try r.int64(0), date: try r.date(1), time: try r.time(2), kind: kind,
                                volumeML: try r.optionalInt(4), urgency: try r.optionalInt(5), wokeAtNight: try r.int(6) != 0,
                                amount: try r.optionalText(7).flatMap(LeakAmount.init(rawValue:)),
                                activity: try r.optionalText(8).flatMap(LeakActivity.init(rawValue:)),
                                drink: try r.optionalText(9).flatMap(DrinkKind.init(rawValue:)), note: try r.text(10))
        }
    }

    public static func values(_ e: BladderEvent) -> [(String, StoredValue)] {
        [("date", .date(e.date)), ("time", .time(e.time)), ("kind", .text(e.kind.rawValue)), ("volume_ml", .optional(e.volumeML)),
         ("urgency", .optional(e.urgency)), ("woke_at_night", .int(e.wokeAtNight ? 1 : 0)), ("amount", .optional(e.amount?.rawValue)),
         ("activity", .optional(e.activity?.rawValue)), ("drink", .optional(e.drink?.rawValue)), ("note", .text(e.note))]
    }
}

/// The bladder diary is a diary: the store reads, adds, changes and removes its entries through
/// `RecordStore.entries`, `add`, `replace` and `remove` (a row of `BladderDiaryMap.events` each: `RowDiaryEntry`).
extension BladderEvent: RowDiaryEntry {
    public static var table: RecordTable { BladderDiaryMap.events }
    public static func values(_ entry: BladderEvent) -> [(String, StoredValue)] { BladderDiaryMap.values(entry) }

    public static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [BladderEvent] {
        try BladderDiaryMap.read(db, from: from, to: to)
    }

    /// Its kind's fields in range and no other kind's, not in the future, at most a year back, a plain-text note.
    public func checked(_ rules: EntryRules) throws -> BladderEvent {
        try validate(now: rules.now)
        return self
    }
}
