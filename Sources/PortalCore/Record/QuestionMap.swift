/// Her questions for the visit and her therapist's answers (issue 23, point 4; change 16 in both stores). In a
/// clinic only she and her therapist read them: she asks and takes back a question not answered yet, and marks
/// an answer read; her therapist writes only the answer (what, when, and her own login as who). The grants, row policies
/// and history are made from `access` (`ClinicSecurity`), like every table's.
public enum QuestionMap {
    public static let questions = RecordTable("visit_question", columns: [
        .id(),
        RecordColumn("asked_at", .dateTime),
        .text("question", rule: .length(1...VisitQuestion.textLimit)),
        .note("answer", limit: VisitQuestion.answerLimit),
        RecordColumn("answered_at", .dateTime, nullable: true),
        .note("answered_by", limit: VisitQuestion.answeredByLimit),
        RecordColumn("read_at", .dateTime, nullable: true),
    ], key: ["id"], indexes: [.init("visit_question_by_time", ["asked_at"])], access: [
        Access(.patient, [.select]),
        // She asks: a question, never its answer.
        Access(.patient, [.insert], check: unansweredRow),
        // She takes back a question only while it waits for an answer.
        Access(.patient, [.delete], only: [Access.Match("answer", "")]),
        // She marks an answer read, and only an answer.
        Access(.patient, [.update], columns: ["read_at"], check: "answered_at IS NOT NULL"),
        // Her therapist reads them and writes the answer in her own name; never her question, nor when she read it.
        Access(.therapist, [.select]),
        Access(.therapist, [.update], columns: answerColumns, check: "answer <> '' AND answered_at IS NOT NULL AND answered_by = current_user::text"),
    ])

    /// What a new question holds of an answer: nothing.
    static let unansweredRow = "answer = '' AND answered_at IS NULL AND answered_by = '' AND read_at IS NULL"
    /// The columns answering writes.
    public static let answerColumns = ["answer", "answered_at", "answered_by"]

    static let columns = ["id", "asked_at", "question", "answer", "answered_at", "answered_by", "read_at"]

    /// All of them, oldest first: a short list, read whole wherever it is read.
    static func read(_ db: any RecordDatabase) throws -> [VisitQuestion] {
        try db.rows(questions, columns, orderBy: [.ascending("asked_at"), .ascending("id")]) { r in
            guard let asked = try r.optionalDateTime(1) else { throw type(of: r).unreadable(1) }
            return VisitQuestion(id: try r.int64(0), askedAt: asked, text: try r.text(2), answer: try r.text(3),
                                 answeredAt: try r.optionalDateTime(4), answeredBy: try r.text(5), readAt: try r.optionalDateTime(6))
        }
    }

    static func count(_ db: any RecordDatabase) throws -> Int { try db.count(questions, where: .all) }

    /// Writes a question as it is (a whole record moved at once keeps its answers) and returns it with its id.
    @discardableResult
    static func insert(_ q: VisitQuestion, _ db: any RecordDatabase) throws -> VisitQuestion {
        var saved = q
        saved.id = try db.insert(questions, [
            ("asked_at", .text(q.askedAt.description)), ("question", .text(q.text)), ("answer", .text(q.answer)),
            ("answered_at", .optional(q.answeredAt?.description)), ("answered_by", .text(q.answeredBy)),
            ("read_at", .optional(q.readAt?.description)),
        ])
        return saved
    }

    static func find(_ id: Int64, _ db: any RecordDatabase) throws -> VisitQuestion? {
        try read(db).first { $0.id == id }
    }
}
