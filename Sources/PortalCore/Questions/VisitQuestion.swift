import Foundation

/// A question she writes down for her next visit (issue 23, point 4). On her own portal it is her list to take
/// along; in a clinic her therapist reads it and may answer it before the visit, and she sees the answer on Home.
public struct VisitQuestion: Sendable, Hashable, Codable {
    /// The longest question kept (characters, as `PlainText.length` counts them).
    public static let textLimit = 500
    /// The longest answer kept.
    public static let answerLimit = 2000
    /// The longest name of who answered (a clinic's database login).
    public static let answeredByLimit = 100

    /// The store's number for it: how `portal questions remove N` and `answer N` name it.
    public var id: Int64?
    public var askedAt: LocalDateTime
    public var text: String
    /// Her therapist's answer; empty until answered.
    public var answer: String
    public var answeredAt: LocalDateTime?
    /// The login of the therapist who answered (the clinic's database role); empty until answered.
    public var answeredBy: String
    /// When she last saw the answer (Home, `portal questions`); nil until she has.
    public var readAt: LocalDateTime?

    public init(id: Int64? = nil, askedAt: LocalDateTime, text: String, answer: String = "", answeredAt: LocalDateTime? = nil,
                answeredBy: String = "", readAt: LocalDateTime? = nil) {
        self.id = id
        self.askedAt = askedAt
        self.text = text
        self.answer = answer
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
        self.readAt = readAt
    }

    public var isAnswered: Bool { answeredAt != nil }

    /// Answered, and she has not read it since it was written: an answer changed after she read it is new again
    /// (the clinic's database clears `read_at` when the answer changes: `ClinicSchema.guards`). Never a
    /// comparison of the two times, which come from two clocks (the answer's is the server's).
    public var hasUnreadAnswer: Bool { answeredAt != nil && readAt == nil }

    /// Who answered, in the words `viewer` reads (issue 23, point 3; the rule of `SignReview` too): to her
    /// therapist, the login that answered; to her, "your therapist". A login is how the database knows a
    /// therapist, not a name she knows her by, and the clinic keeps no display name for a therapist.
    public func answeredByText(for viewer: Viewer) -> String {
        viewer.isTherapist && !answeredBy.isEmpty ? PlainText.removingControls(answeredBy) : "your therapist"
    }

    /// `text` as it is kept: spaces at either end trimmed; refused when empty, too long, or not plain text on
    /// one line, with a message naming the problem and what is accepted.
    public static func checkedText(_ text: String) throws -> String {
        try checked(text, what: "The question", field: .question, limit: textLimit)
    }

    /// The answer as it is kept, checked as a question is.
    public static func checkedAnswer(_ text: String) throws -> String {
        try checked(text, what: "The answer", field: .answer, limit: answerLimit)
    }

    static func checked(_ text: String, what: String, field: PortalError.Field, limit: Int) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !PlainText.isBlank(trimmed) else {
            throw PortalError.invalidInput(field: field, "\(what) is empty. Write 1 to \(limit) characters of plain text on one line.")
        }
        try PlainText.check(trimmed, field: what, as: field, maxLength: limit, multiline: false)
        return trimmed
    }
}

/// An answer as a screen showed it to her: its question's number and its words then. Marking it read marks
/// that answer only: one her therapist changed meanwhile stays new (QA H9).
public struct ShownAnswer: Sendable, Hashable {
    public var id: Int64
    public var answer: String
    public init(id: Int64, answer: String) {
        self.id = id
        self.answer = answer
    }
}

extension VisitQuestion {
    /// Its answer as shown now (nil for a question never saved).
    public var shown: ShownAnswer? { id.map { ShownAnswer(id: $0, answer: answer) } }
}

extension Array where Element == VisitQuestion {
    /// Those still waiting for an answer.
    public var unanswered: [VisitQuestion] { filter { !$0.isAnswered } }
    /// Those answered since she last looked.
    public var unreadAnswers: [VisitQuestion] { filter(\.hasUnreadAnswer) }
}
