/// The bowel log: each movement, its Bristol type, straining, rushing, what leaked and pain.
public enum BowelLogMap {
    public static let entries = RecordTable("bowel_entry", columns: [
        .id(),
        .date("date"),
        RecordColumn("time", .time),
        .integer("bristol_type", 1...7),
        .integer("straining", 0...1),
        .integer("urgency", 0...1),
        // What leaked, from `BowelLeak` joined by commas in the scale's order ("gas,liquid"); empty for nothing.
        RecordColumn("leaks", .text, rule: .length(0...40), emptyByDefault: true),
        .integer("pain", 0...10, nullable: true),
        .note("note", limit: BowelEntry.noteLimit),
    ], key: ["id"], indexes: [.init("bowel_entry_by_date", ["date", "time"])])

    /// The columns read, in the order `read` takes them: the table's own.
    static let columns = entries.columns.map(\.name)

    /// Entries from `from` to `to` inclusive (nil: no bound), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [BowelEntry] {
        try db.rows(entries, columns, where: .between("date", from, to),
                    orderBy: [.ascending("date"), .ascending("time"), .ascending("id")]) { r in
            guard let type = BristolType(rawValue: try r.int(3)) else { throw type(of: r).unreadable(3) }
            let leaks = try r.text(6)
            return BowelEntry(id: try r.int64(0), date: try r.date(1), time: try r.time(2), type: type, straining: try r.int(4) != 0,
                              urgency: try r.int(5) != 0,
                              leaks: leaks.split(separator: ",").compactMap { BowelLeak(rawValue: String($0)) },
                              pain: try r.optionalInt(7), note: try r.text(8))
        }
    }

    public static func values(_ e: BowelEntry) -> [(String, StoredValue)] {
        [("date", .date(e.date)), ("time", .time(e.time)), ("bristol_type", .int(e.type.rawValue)), ("straining", .int(e.straining ? 1 : 0)),
         ("urgency", .int(e.urgency ? 1 : 0)), ("leaks", .text(e.leaks.map(\.rawValue).joined(separator: ","))),
         ("pain", .optional(e.pain)), ("note", .text(e.note))]
    }
}

/// The bowel log is a diary (`RecordStore.entries`, `add`, `replace`, `remove`; a row of `BowelLogMap.entries` each).
extension BowelEntry: RowDiaryEntry {
    public static var table: RecordTable { BowelLogMap.entries }
    public static func values(_ entry: BowelEntry) -> [(String, StoredValue)] { BowelLogMap.values(entry) }

    public static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [BowelEntry] {
        try BowelLogMap.read(db, from: from, to: to)
    }

    /// Not in the future, at most a year back, pain 0–10, a plain-text note, answers that agree.
    public func checked(_ rules: EntryRules) throws -> BowelEntry {
        try validate(now: rules.now)
        try checkAnswersAgree()
        return self
    }
}
