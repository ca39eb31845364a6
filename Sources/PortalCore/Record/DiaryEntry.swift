/// What a new entry is checked against inside the store's write (`StoreRules`): the time it is saved at, and
/// the content its ids must be known to (the warning signs of safety.json, a questionnaire's items).
public struct EntryRules: Sendable {
    public var now: LocalDateTime
    public var content: ContentLibrary
    /// The zone her dates and times are in: a time its clock skips is refused, and a timed entry keeps its offset
    /// from UTC there. The store sets its own (`RecordStore.zone`) before it checks.
    public var zone: LocalZone

    public init(now: LocalDateTime, content: ContentLibrary, zone: LocalZone = .current) {
        self.now = now
        self.content = content
        self.zone = zone
    }
}

/// A record type kept as entries she adds one by one on a day: a diary. Warning signs reported on their own
/// are one; a new diary (the bladder diary) is another type conforming here, its map, and its part of the
/// record (`RecordPart`): the store reads and adds its entries through `RecordStore.entries` and `add`, with no
/// method of its own on the store, in either store or any fake of one.
public protocol DiaryEntry: Sendable, Equatable {
    /// The store's id for it, nil until it is saved.
    var id: Int64? { get set }
    /// The entries from `from` to `to` inclusive (nil: no bound), oldest first, read through the map.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [Self]
    /// Writes a new entry (already checked) and returns it as it now reads back, with its id.
    static func insert(_ entry: Self, _ db: any RecordDatabase) throws -> Self
    /// Replaces the saved entry `entry.id` (already checked) in place; false when there is no such entry (or the
    /// diary keeps its entries as they were written).
    static func update(_ entry: Self, _ db: any RecordDatabase) throws -> Bool
    /// Deletes the entry `id` and what belongs to it; false when there is no such entry.
    static func delete(id: Int64, _ db: any RecordDatabase) throws -> Bool
    /// The entry as it is to be stored, checked by its rules (`StoreRules`); a `PortalError` naming the field at
    /// fault when it breaks one. Called inside the store's write transaction.
    func checked(_ rules: EntryRules) throws -> Self
}

/// A diary kept as one row an entry in one table, written from the entry's `values` (the bladder diary, the
/// bowel log): adding, changing and removing an entry are the same statements on its table, written once here.
/// Each keeps its own `read` (its columns into its type), its rules (`checked`) and its table in its map.
public protocol RowDiaryEntry: DiaryEntry {
    /// The table its entries are rows of.
    static var table: RecordTable { get }
    /// The entry as its table's columns and values (every column but the id).
    static func values(_ entry: Self) -> [(String, StoredValue)]
}

extension RowDiaryEntry {
    public static func insert(_ entry: Self, _ db: any RecordDatabase) throws -> Self {
        var saved = entry
        saved.id = try db.insert(table, values(entry))
        return saved
    }

    public static func update(_ entry: Self, _ db: any RecordDatabase) throws -> Bool {
        guard let id = entry.id else { return false }
        return try db.update(table, set: values(entry), where: .equal("id", .int(id))) == 1
    }

    public static func delete(id: Int64, _ db: any RecordDatabase) throws -> Bool {
        try db.delete(table, where: .equal("id", .int(id))) == 1
    }
}
