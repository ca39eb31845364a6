/// One table of the patient's record, as both stores keep it: its columns and their rules, its key, the row it
/// belongs to, and who may do what with it in a clinic. Each store's dialect (`SQLiteDialect`, the clinic's
/// `PostgresDialect`) turns it into SQL, so neither store spells a column of its own, and the tests prove each
/// store's migrated schema agrees with it (`RecordSchemaAgreement`).
///
/// A table never holds whose record a row is: a SQLite file is one record, and the clinic's dialect adds the
/// patient's id (`patient_id`) to every table, statement and policy.
public struct RecordTable: Sendable, Hashable {
    public let name: String
    public let columns: [RecordColumn]
    /// The columns that identify a row within one record (the clinic's key adds `patient_id` before them).
    public let key: [String]
    /// The row this one belongs to (a pain entry's site belongs to its entry): deleted with it.
    public let parent: Parent?
    /// Column sets no two rows of one record share, besides the key.
    public let unique: [[String]]
    /// Rules across columns, in SQL both dialects read alike.
    public let checks: [TableCheck]
    /// Indexes for the reads the map makes (a date range), in the columns' order.
    public let indexes: [Index]
    /// True for a table with one row per record (the patient herself): SQLite keeps its row as `id = 1`.
    public let singleRow: Bool
    /// Who may do what with the table's rows on a clinic's server (`ClinicSecurity` makes the policies and
    /// grants from it): every table is part of a patient's record, readable by her and her therapist.
    public let access: [Access]

    public init(_ name: String, columns: [RecordColumn], key: [String], parent: Parent? = nil, unique: [[String]] = [],
                checks: [TableCheck] = [], indexes: [Index] = [], singleRow: Bool = false, access: [Access] = Access.patientWrites) {
        self.name = name
        self.columns = columns
        self.key = key
        self.parent = parent
        self.unique = unique
        self.checks = checks
        self.indexes = indexes
        self.singleRow = singleRow
        self.access = access
    }

    /// The row a row belongs to: `columns` here name the parent's `key`, in order.
    public struct Parent: Sendable, Hashable {
        public let table: String
        public let columns: [String]
        public init(_ table: String, _ columns: [String]) {
            self.table = table
            self.columns = columns
        }
    }

    /// A rule across columns: `sql` is a boolean expression both dialects accept as it is. `refusing` names
    /// rows that break it, as column values over any row the table accepts, for the schema agreement's probes.
    public struct TableCheck: Sendable, Hashable {
        public let sql: String
        public let columns: [String]
        public init(_ sql: String, columns: [String]) {
            self.sql = sql
            self.columns = columns
        }
    }

    public struct Index: Sendable, Hashable {
        public let name: String
        public let columns: [String]
        public init(_ name: String, _ columns: [String]) {
            self.name = name
            self.columns = columns
        }
    }

    public func column(_ name: String) -> RecordColumn? { columns.first { $0.name == name } }

    /// The column the store numbers itself (a pain entry's id), if any.
    public var generatedID: RecordColumn? { columns.first { $0.kind == .generatedID } }

    /// The columns both stores keep (not the clinic's own, such as when a week was published).
    public var sharedColumns: [RecordColumn] { columns.filter { !$0.kind.isClinicOnly } }
}

/// One column of a record table: its name, the kind of value, whether it may be empty (NULL), and the rule its
/// values keep. The kind says how each dialect stores it: a date is `TEXT` checked by SQLite's `date()` and a
/// `date` in PostgreSQL.
public struct RecordColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A number the store gives each new row (SQLite's rowid, the clinic's identity column).
        case generatedID
        /// A number that names a generated id of another table (a site's entry).
        case reference
        case integer
        case text
        /// A calendar day, `YYYY-MM-DD`.
        case date
        /// A time of day to the minute, `HH:MM`.
        case time
        /// A local date and time to the minute, `YYYY-MM-DDTHH:MM`.
        case dateTime
        /// A JSON object of names to values of one kind (`{"leak-cough":true}`, `{"q1":3}`): the shape the map's
        /// read decodes, which the clinic's server holds every write to (`ClinicSchema.jsonShapes`).
        case jsonObject(JSONValue)
        /// When a therapist's draft was published to the patient: the clinic's alone (a file has no drafts).
        case publication

        public var isClinicOnly: Bool { self == .publication }
    }

    /// The values of a `jsonObject`'s names, as the map's read decodes them (`[String: Int]`, `[String: Bool]`).
    public enum JSONValue: String, Sendable, Hashable {
        /// A whole number of at most `JSONValue.integerDigits` digits (a questionnaire's answer on its scale).
        case integer
        /// `true` or `false` (a check-in's yes or no).
        case boolean

        /// The most digits an `integer` has: any answer on a scale, and a sum of a great many never overflows.
        public static let integerDigits = 9
    }

    /// What values a column accepts, besides its kind.
    public enum Rule: Sendable, Hashable {
        /// An integer in the range.
        case range(ClosedRange<Int>)
        /// One of the values (an enum's raw values).
        case oneOf([String])
        /// Text whose length (in Unicode scalars) is in the range.
        case length(ClosedRange<Int>)
        /// Text whose length, once spaces at either end are trimmed, is in the range (a name).
        case trimmedLength(ClosedRange<Int>)
    }

    public let name: String
    public let kind: Kind
    public let nullable: Bool
    public let rule: Rule?
    /// How the portal's screens and commands name the column to her or her therapist ("pain score"), when its
    /// name in words would not (`called`); every message about a column takes its words from here
    /// (`RecordPart.words(table:column:)`), never from the table's or column's name.
    public private(set) var words: String? = nil
    /// The text a row gets when a write leaves the column out (and rows stored before the column existed);
    /// nil for none.
    public let defaultText: String?
    /// Text that is empty ('') when a write leaves it out.
    public var emptyByDefault: Bool { defaultText == "" }

    public init(_ name: String, _ kind: Kind, nullable: Bool = false, rule: Rule? = nil, emptyByDefault: Bool = false,
                defaultText: String? = nil) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
        self.rule = rule
        self.defaultText = defaultText ?? (emptyByDefault ? "" : nil)
    }

    /// The column as the portal's screens and commands name it (`words`).
    public func called(_ words: String) -> RecordColumn {
        var c = self
        c.words = words
        return c
    }

    public static func id(_ name: String = "id") -> RecordColumn { RecordColumn(name, .generatedID) }
    public static func integer(_ name: String, _ range: ClosedRange<Int>? = nil, nullable: Bool = false) -> RecordColumn {
        RecordColumn(name, .integer, nullable: nullable, rule: range.map { .range($0) })
    }
    public static func text(_ name: String, rule: Rule? = nil, nullable: Bool = false, emptyByDefault: Bool = false) -> RecordColumn {
        RecordColumn(name, .text, nullable: nullable, rule: rule, emptyByDefault: emptyByDefault)
    }
    /// Text she or her therapist wrote, empty by default, at most `limit` long when there is a limit.
    public static func note(_ name: String, limit: Int? = nil) -> RecordColumn {
        RecordColumn(name, .text, rule: limit.map { .length(0...$0) }, emptyByDefault: true)
    }
    /// One of an enum's raw values; `default` is the value of rows that leave it out.
    public static func oneOf<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type, nullable: Bool = false,
                                                                 default value: E? = nil) -> RecordColumn
        where E.RawValue == String {
        RecordColumn(name, .text, nullable: nullable, rule: .oneOf(E.allCases.map(\.rawValue)), defaultText: value?.rawValue)
    }
    public static func date(_ name: String, nullable: Bool = false) -> RecordColumn { RecordColumn(name, .date, nullable: nullable) }

    /// The years a date (`date`, `dateTime`) of a record falls in: a birth, a visit, a diary's day. The clinic's
    /// server refuses any other, and the non-finite `infinity` (`ClinicSchema.dateBounds`; qa-h H2: a booked
    /// visit at `infinity` stopped her therapist's whole caseload).
    public static let recordYears = 1900...2199

    /// True for the kinds `recordYears` holds.
    public var holdsADay: Bool { kind == .date || kind == .dateTime }
}

/// Who may do what with a table's rows on a clinic's server. A patient's role works on her own record only and
/// her therapist's on her caseload's; `rows` narrows that further (a patient sees published weeks only),
/// `columns` says which columns an UPDATE may set (the others are refused by the server, whatever their value),
/// and `check` is a rule every row the role writes must keep (a patient books a visit, never records its
/// outcome). A command no `Access` names is refused; no role deletes what no `Access` lets it delete.
public struct Access: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable { case patient, therapist }
    public enum Command: String, Sendable, Hashable, CaseIterable { case select, insert, update, delete }
    /// Which of the record's rows.
    public enum Rows: String, Sendable, Hashable {
        case all
        /// Published ones: a row of a table with a `publication` column, or whose parent's is set.
        case published
        /// Drafts: not published yet.
        case drafts
        /// Published weeks that have not started by the clinic server's day (`starts` after it: the clinic's
        /// `clinic_today()`), or rows of one: the weeks her therapist may still put right before she begins them.
        /// A week that has started is the administrator's alone to change.
        case upcoming
    }

    /// A column that must hold a value (one of `values`), on the row or, when the table has no such column, on
    /// its parent row.
    public struct Match: Sendable, Hashable {
        public let column: String
        public let values: [String]
        public init(_ column: String, _ value: String) {
            self.column = column
            self.values = [value]
        }
        public init(_ column: String, oneOf values: [String]) {
            precondition(!values.isEmpty, "a match needs a value")
            self.column = column
            self.values = values
        }
        /// The one value (the first of several).
        public var value: String { values[0] }
        /// The part of a policy's name that says it: the value, or the column when the value says little.
        public var name: String {
            values.count == 1 && values[0].allSatisfy({ $0.isLetter || $0.isNumber }) && !values[0].isEmpty
                ? values[0] : (values == [""] ? "no_" : "") + column
        }
    }

    public let role: Role
    public let commands: [Command]
    public let rows: Rows
    /// Narrows `rows` further: only rows (or rows whose parent) hold these values (a patient changes only a
    /// visit still hers to book, never one her therapist recorded as missed).
    ///
    /// `rows` and `only` say which rows a command reaches as they stand before it (an UPDATE's or DELETE's
    /// USING half, an INSERT's new row); what an UPDATE may make of a row is `check`'s.
    public let only: [Match]
    /// The columns an UPDATE may set; nil for every column of the map (never `patient_id` nor a row's id).
    public let columns: [String]?
    /// A condition (SQL over the row's columns) every row written (inserted, or as an update leaves it) keeps.
    public let check: String?

    public init(_ role: Role, _ commands: [Command], rows: Rows = .all, only: [Match] = [], columns: [String]? = nil, check: String? = nil) {
        self.role = role
        self.commands = commands
        self.rows = rows
        self.only = only
        self.columns = columns
        self.check = check
    }

    /// Her own diary: she does everything with it, her therapist reads it.
    public static let patientWrites = [Access(.patient, Command.allCases), Access(.therapist, [.select])]
}

