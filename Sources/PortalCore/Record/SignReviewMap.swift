/// Her therapist's review of the warning signs she reported (issue 23, point 2): who reviewed them (the
/// therapist's database login), when, and up to which moment of her record (`through`: every sign reported at
/// or before it, with a pain score or on its own, was on the therapist's screen when she reviewed them). A sign
/// reported later needs a review of its own: the caseload flags it again.
public struct SignReview: Sendable, Hashable {
    public var id: Int64?
    /// When she reviewed them.
    public var reviewedAt: LocalDateTime
    /// The signs reported at or before this moment are reviewed.
    public var through: LocalDateTime
    /// Her therapist's database login.
    public var reviewer: String

    public init(id: Int64? = nil, reviewedAt: LocalDateTime, through: LocalDateTime, reviewer: String) {
        self.id = id
        self.reviewedAt = reviewedAt
        self.through = through
        self.reviewer = reviewer
    }

    /// What the patient reads beside a reviewed sign: kind, plain, never a judgement of the sign.
    public func patientText(today: CalendarDate) -> String {
        "reviewed by your therapist " + (reviewedAt.date == today ? "today" : "on " + reviewedAt.date.shortText)
    }
}

extension PatientRecord {
    /// The review that covers a sign reported at `date` `time`: the first (oldest) whose `through` reaches it;
    /// nil while no review does (always on her own file, which has no therapist).
    public func review(ofSignAt date: CalendarDate, _ time: TimeOfDay) -> SignReview? {
        let at = LocalDateTime(date: date, time: time)
        return signReviews.filter { $0.through >= at }.min { $0.reviewedAt < $1.reviewedAt }
    }

    /// Up to when her therapist has reviewed her signs (the newest review's `through`); nil when never.
    public var signsReviewedThrough: LocalDateTime? { signReviews.map(\.through).max() }
}

/// Where the reviews are kept, in both stores: a file has the table and never a row (no therapist reviews
/// there). In a clinic the rights are its `access`: she reads the reviews of her record, only her therapist
/// adds one, in her own name (the server checks `reviewer` is the login writing), and nobody changes or deletes
/// one (the clinic's history keeps each insert, as for every table of the map).
public enum SignReviewMap {
    public static let reviews = RecordTable("sign_review", columns: [
        .id(),
        RecordColumn("reviewed_at", .dateTime),
        RecordColumn("signs_until", .dateTime),
        .text("reviewer", rule: .length(1...63)),
    ], key: ["id"], indexes: [.init("sign_review_by_until", ["signs_until"])], access: [
        Access(.patient, [.select]),
        Access(.therapist, [.select, .insert], check: "reviewer = current_user::text"),
    ])

    /// Every review, oldest first (a few a month).
    static func read(_ db: any RecordDatabase) throws -> [SignReview] {
        try db.rows(reviews, ["id", "reviewed_at", "signs_until", "reviewer"], orderBy: [.ascending("reviewed_at"), .ascending("id")]) { r in
            guard let at = try r.optionalDateTime(1), let through = try r.optionalDateTime(2) else { throw type(of: r).unreadable(1) }
            return SignReview(id: try r.int64(0), reviewedAt: at, through: through, reviewer: try r.text(3))
        }
    }

    /// Writes a review as it is (the store's `reviewSigns` checks one first); `clinic import-local` and the
    /// tests' samples write through it.
    @discardableResult
    public static func insert(_ review: SignReview, _ db: any RecordDatabase) throws -> SignReview {
        var saved = review
        saved.id = try db.insert(reviews, [("reviewed_at", .text(review.reviewedAt.description)), ("signs_until", .text(review.through.description)),
                                          ("reviewer", .text(review.reviewer))])
        return saved
    }
}
