extension PortalError {
    /// How `RowReader.unreadable` begins: a value of a row the map could not read.
    static let unreadableValue = "A saved value could not be read"
}

/// A value as the record map writes it; the dialect binds it for its database (a date goes as its
/// `YYYY-MM-DD` text, which the clinic's dialect casts to `date` by the column's kind).
public enum StoredValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    case null

    public static func int(_ v: Int) -> StoredValue { .int(Int64(v)) }
    public static func optional(_ v: Int?) -> StoredValue { v.map { .int(Int64($0)) } ?? .null }
    public static func optional(_ v: String?) -> StoredValue { v.map { .text($0) } ?? .null }
    public static func date(_ d: CalendarDate) -> StoredValue { .text(d.description) }
    public static func time(_ t: TimeOfDay) -> StoredValue { .text(t.description) }
}

/// Which rows a statement touches, in the map's words; the dialect writes the SQL (and the clinic's adds the
/// record's `patient_id`).
public indirect enum RowFilter: Sendable {
    case all
    case equal(String, StoredValue)
    case atLeast(String, StoredValue)
    case atMost(String, StoredValue)
    case and([RowFilter])
    /// Rows whose parent row (`RecordTable.parent`) matches the filter: a date range's sites and triggers.
    case parent(RowFilter)
    /// Rows not published yet: a clinic's drafts (the table's `publication` column unset). A file publishes every
    /// row as it is written, so none there.
    case unpublished

    /// `column` from `from` to `to` inclusive; nil is no bound.
    public static func between(_ column: String, _ from: CalendarDate?, _ to: CalendarDate?) -> RowFilter {
        .and([from.map { .atLeast(column, .date($0)) }, to.map { .atMost(column, .date($0)) }].compactMap { $0 })
    }
}

/// The order rows are read in.
public enum RowOrder: Sendable {
    case ascending(String)
    case descending(String)
}

/// What a new row does when its key is taken already.
public enum OnConflict: Sendable {
    /// The write fails (a rule was broken; the store's checks should have said which first).
    case fail
    /// The row is left as it was and nothing is written (an article already read keeps its first day).
    case keep
}

/// One row as a read gives it, column by column in the order asked for. A value that is missing or does not
/// read as its kind throws a `PortalError` rather than crash: the schema and the map disagree.
public protocol RowReader {
    func optionalText(_ column: Int) throws -> String?
    func optionalInt(_ column: Int) throws -> Int?
}

extension RowReader {
    public func text(_ column: Int) throws -> String {
        guard let v = try optionalText(column) else { throw Self.unreadable(column) }
        return v
    }
    public func int(_ column: Int) throws -> Int {
        guard let v = try optionalInt(column) else { throw Self.unreadable(column) }
        return v
    }
    public func int64(_ column: Int) throws -> Int64 { Int64(try int(column)) }
    public func date(_ column: Int) throws -> CalendarDate { try parsed(column, CalendarDate.init) }
    public func time(_ column: Int) throws -> TimeOfDay { try parsed(column, TimeOfDay.init) }
    public func optionalDate(_ column: Int) throws -> CalendarDate? {
        guard let text = try optionalText(column) else { return nil }
        guard let d = CalendarDate(text) else { throw Self.unreadable(column) }
        return d
    }
    public func optionalDateTime(_ column: Int) throws -> LocalDateTime? {
        guard let text = try optionalText(column) else { return nil }
        guard let d = LocalDateTime(text) else { throw Self.unreadable(column) }
        return d
    }
    func parsed<T>(_ column: Int, _ parse: (String) -> T?) throws -> T {
        guard let v = parse(try text(column)) else { throw Self.unreadable(column) }
        return v
    }
    public static func unreadable(_ column: Int) -> PortalError {
        PortalError.storage("\(PortalError.unreadableValue) (column \(column + 1) of a row); the database may be damaged.")
    }
}

/// What a store's dialect does for the record map, inside the one transaction the store opened around the
/// map's work: the map names tables, columns, values and filters, the dialect writes and runs the SQL. A SQLite
/// file is one record; the clinic's dialect adds the record's `patient_id` to every statement.
public protocol RecordDatabase {
    /// Reads the rows of `table` matching `filter`, `columns` of each in that order, ordered by `order`, at most
    /// `limit`, handing each to `row` as it comes (never all of them copied first).
    func select(_ table: RecordTable, _ columns: [String], where filter: RowFilter, orderBy order: [RowOrder],
                limit: Int?, _ row: (any RowReader) throws -> Void) throws
    /// Writes a new row and returns the id the store gave it (`RecordTable.generatedID`), nil without one or
    /// when `conflict` kept the row that was there.
    @discardableResult
    func insert(_ table: RecordTable, _ values: [(String, StoredValue)], onConflict conflict: OnConflict) throws -> Int64?
    /// Changes the rows matching `filter`; returns how many.
    @discardableResult
    func update(_ table: RecordTable, set values: [(String, StoredValue)], where filter: RowFilter) throws -> Int
    /// Deletes the rows matching `filter` (and, by the schema, the rows that belong to them); returns how many.
    @discardableResult
    func delete(_ table: RecordTable, where filter: RowFilter) throws -> Int
    func count(_ table: RecordTable, where filter: RowFilter) throws -> Int
    /// The distinct days of the date column `column` among the rows of `table` matching `filter`, oldest first:
    /// a date-only read (the days of the streak), never the rows themselves.
    func days(_ table: RecordTable, _ column: String, where filter: RowFilter) throws -> [CalendarDate]
    /// Inside a write: holds the rows of `table` matching `filter` against every other writer until the
    /// transaction ends, taking the lock an UPDATE of them takes, earlier, so what is read of them next is what
    /// the write changes (a clinic's patient and her therapist write in sessions that do not take turns, clinic
    /// change 28). A file has one writer at a time for the whole transaction, so nothing to do there.
    func holdForWrite(_ table: RecordTable, where filter: RowFilter) throws
    /// Whose session this is: hers (a file is always hers), or her therapist's on a clinic's server, who may
    /// read only the tables the map's `access` gives her (`mayRead`).
    var role: Access.Role { get }
    /// The name her therapist goes by in her clinic (kept by the clinic's administrator, clinic change 26), asked of
    /// the therapist's account (`RecordStore.therapistName`: the report her therapist makes names her by it); nil
    /// where no clinic keeps one (a file of her own, whose therapist she writes herself, or a record in no
    /// therapist's caseload). Her details' `therapist` column says the same: the clinic's server keeps it from
    /// this name (change 32), so reading her details needs no second query.
    func therapistName() throws -> String?
    /// True where her therapist's name is the clinic's, not hers to write: a clinic's server, which keeps her
    /// details' `therapist` column itself (change 32). Her About me then shows it as the clinic's
    /// (`PortalSnapshot.therapistName`) and a change of it is refused (`Patient.therapistIsTheClinics`).
    var therapistIsClinics: Bool { get }
}

extension RecordDatabase {
    /// A file of her own has no clinic: the therapist is the one her details name.
    public func therapistName() throws -> String? { nil }
    public var therapistIsClinics: Bool { false }

    /// A file: SQLite lets one writer at a time hold the whole file (a write whose read went stale fails as busy).
    public func holdForWrite(_ table: RecordTable, where filter: RowFilter) throws {}

    /// Whether this session may read `table` at all, by the map's `access` (her therapist never reads her
    /// reminders): a whole read leaves out what the database would refuse.
    public func mayRead(_ table: RecordTable) -> Bool {
        table.access.contains { $0.role == role && $0.commands.contains(.select) }
    }

    /// The latest day in `column` of `table` from `from` to `to` inclusive (nil: no bound); nil when there is none.
    public func latestDay(_ table: RecordTable, _ column: String = "date", from: CalendarDate?, to: CalendarDate?) throws -> CalendarDate? {
        try rows(table, [column], where: .between(column, from, to), orderBy: [.descending(column)], limit: 1) { try $0.date(0) }.first
    }

    /// Every row of `table` matching `filter`, made into values by `make`.
    public func rows<T>(_ table: RecordTable, _ columns: [String], where filter: RowFilter = .all, orderBy order: [RowOrder] = [],
                        limit: Int? = nil, _ make: (any RowReader) throws -> T) throws -> [T] {
        var out: [T] = []
        try select(table, columns, where: filter, orderBy: order, limit: limit) { out.append(try make($0)) }
        return out
    }

    @discardableResult
    public func insert(_ table: RecordTable, _ values: [(String, StoredValue)]) throws -> Int64? {
        try insert(table, values, onConflict: .fail)
    }
}
