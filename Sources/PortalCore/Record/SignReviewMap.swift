/// Her therapist's review of the warning signs she reported (issue 23, point 2): who reviewed them (the
/// therapist's database login), when, and which of them: every sign written into her record up to the newest
/// on the therapist's screen when she reviewed them, by the order they were written (`enteredThrough`), never
/// by the date on them. A sign she writes later, whatever day she dates it, needs a review of its own: the
/// caseload flags it again, and it is "not reviewed yet" on the chart and to her.
public struct SignReview: Sendable, Hashable {
    public var id: Int64?
    /// When she reviewed them (in a clinic the server's clock, whatever a write names).
    public var reviewedAt: LocalDateTime
    /// The date and time of the newest sign on her screen when she reviewed them (what she was told she marks).
    public var through: LocalDateTime
    /// The signs written at or before this place in the order she wrote them (`SignEntryOrder`) are reviewed:
    /// the newest on the therapist's screen. Reviews made before change 17 were given the place of the last sign
    /// then dated up to `through`, so they cover what they covered.
    public var enteredThrough: Int64
    /// Her therapist's database login.
    public var reviewer: String

    public init(id: Int64? = nil, reviewedAt: LocalDateTime, through: LocalDateTime, enteredThrough: Int64, reviewer: String) {
        self.id = id
        self.reviewedAt = reviewedAt
        self.through = through
        self.enteredThrough = enteredThrough
        self.reviewer = reviewer
    }

    /// What the patient reads beside a reviewed sign: kind, plain, never a judgement of the sign.
    public func patientText(today: CalendarDate) -> String {
        "reviewed by your therapist " + (reviewedAt.date == today ? "today" : "on " + reviewedAt.date.shortText)
    }
}

/// Where each of her rows that carry warning signs stands in the order they were written into her record (the
/// `entered` column of pain entries and sign reports, by id): what a review covers. The database numbers them,
/// on every insert and every change, so a sign dated yesterday but written after a review comes after it, and
/// an entry changed to add a sign comes after it too.
///
/// `==` compares the places too: two records whose places differ do not say the same of which signs a review
/// covers. A record moved to another store is numbered again there (the clinic numbers rows as they are
/// written), so a comparison across stores says what it leaves out.
public struct SignEntryOrder: Sendable {
    public var painEntries: [Int64: Int64] = [:]
    public var signReports: [Int64: Int64] = [:]
    public init() {}
    /// The newest place of all.
    public var newest: Int64? { (Array(painEntries.values) + Array(signReports.values)).max() }
}

extension SignEntryOrder: Equatable {}

extension PatientRecord {
    /// The review that covers `sign`: the first made whose `enteredThrough` reaches its place; nil while none
    /// does (always on her own file, which has no therapist, and for a sign whose place is not known yet: one
    /// she wrote in this session).
    public func review(of sign: ReportedSign) -> SignReview? {
        guard let place = sign.entered else { return nil }
        return signReviews.filter { $0.enteredThrough >= place }.min { ($0.reviewedAt, $0.id ?? 0) < ($1.reviewedAt, $1.id ?? 0) }
    }

    /// The signs no review covers, oldest first (`reportedSigns`).
    public func unreviewedSigns() -> [ReportedSign] { reportedSigns().filter { review(of: $0) == nil } }
}

/// Where the reviews are kept, in both stores: a file has the table and never a row (no therapist reviews
/// there). In a clinic the rights are its `access`: she reads the reviews of her record, only her therapist
/// adds one, in her own name (the server checks `reviewer` is the login writing, sets `reviewed_at` to its own
/// clock and refuses a place beyond her newest row: `ClinicSchema.guards`), and nobody changes or deletes
/// one (the clinic's history keeps each insert, as for every table of the map).
public enum SignReviewMap {
    /// The place a row holds in the order her sign-carrying rows were written (pain entries and sign reports,
    /// 1, 2, …): one more than the newest place in her record, set by each store's database on every insert
    /// and update of the row (change 17: SQLite's triggers, the clinic's `record_entered`), whatever a write
    /// names. Rows from before the change were numbered by their date, as the reviews of then covered them.
    public static let entered = RecordColumn("entered", .integer, defaultText: "0")

    public static let reviews = RecordTable("sign_review", columns: [
        .id(),
        RecordColumn("reviewed_at", .dateTime),
        RecordColumn("signs_until", .dateTime),
        .text("reviewer", rule: .length(1...63)),
        RecordColumn("entered_through", .integer, defaultText: "0"),
    ], key: ["id"], indexes: [.init("sign_review_by_until", ["signs_until"])], access: [
        Access(.patient, [.select]),
        Access(.therapist, [.select, .insert], check: "reviewer = current_user::text"),
    ])

    static let columns = ["id", "reviewed_at", "signs_until", "reviewer", "entered_through"]

    /// Every review, oldest first (a few a month).
    static func read(_ db: any RecordDatabase, where filter: RowFilter = .all) throws -> [SignReview] {
        try db.rows(reviews, columns, where: filter, orderBy: [.ascending("reviewed_at"), .ascending("id")]) { r in
            guard let at = try r.optionalDateTime(1), let through = try r.optionalDateTime(2) else { throw type(of: r).unreadable(1) }
            return SignReview(id: try r.int64(0), reviewedAt: at, through: through, enteredThrough: try r.int64(4), reviewer: try r.text(3))
        }
    }

    /// The places of the rows among `painEntries` and `signReports` that carry signs (`SignEntryOrder`), read
    /// over the days they span.
    /// The reviews, and the place of each sign `r` already holds (its pain entries and reports are read first):
    /// every read of the record takes both here, since a sign whose place is not read counts as never reviewed.
    static func read(_ db: any RecordDatabase, into r: inout PatientRecord) throws {
        r.signReviews = try read(db)
        r.signsEntered = try readOrder(db, painEntries: r.painEntries, signReports: r.signReports)
    }

    static func readOrder(_ db: any RecordDatabase, painEntries: [PainEntry], signReports: [SignReport]) throws -> SignEntryOrder {
        var order = SignEntryOrder()
        let entries = painEntries.filter { !$0.warningSigns.isEmpty }
        let entryIDs = Set(entries.compactMap(\.id))
        if let from = entries.map(\.date).min(), let to = entries.map(\.date).max() {
            try db.select(PainDiaryMap.entries, ["id", "entered"], where: .between("date", from, to), orderBy: [], limit: nil) { r in
                let id = try r.int64(0)
                if entryIDs.contains(id) { order.painEntries[id] = try r.int64(1) }
            }
        }
        let reportIDs = Set(signReports.compactMap(\.id))
        if let from = signReports.map(\.date).min(), let to = signReports.map(\.date).max() {
            try db.select(SignReportMap.reports, ["id", "entered"], where: .between("date", from, to), orderBy: [], limit: nil) { r in
                let id = try r.int64(0)
                if reportIDs.contains(id) { order.signReports[id] = try r.int64(1) }
            }
        }
        return order
    }

    /// The newest place in her record (0 before she wrote anything): no review reaches beyond it.
    static func newestPlace(_ db: any RecordDatabase) throws -> Int64 {
        let entry = try db.rows(PainDiaryMap.entries, ["entered"], orderBy: [.descending("entered")], limit: 1) { try $0.int64(0) }.first
        let report = try db.rows(SignReportMap.reports, ["entered"], orderBy: [.descending("entered")], limit: 1) { try $0.int64(0) }.first
        return max(entry ?? 0, report ?? 0)
    }

    /// Writes a review and returns it as it now reads back (in a clinic the server sets when it was made; the
    /// store's `reviewSigns` checks one first); `clinic import-local` and the tests' samples write through it.
    @discardableResult
    public static func insert(_ review: SignReview, _ db: any RecordDatabase) throws -> SignReview {
        let id = try db.insert(reviews, [("reviewed_at", .text(review.reviewedAt.description)), ("signs_until", .text(review.through.description)),
                                         ("reviewer", .text(review.reviewer)), ("entered_through", .int(review.enteredThrough))])
        var saved = review
        saved.id = id
        if let id, let stored = try read(db, where: .equal("id", .int(id))).first { saved = stored }
        return saved
    }
}
