/// One completed screening quiz: the answers, keyed by question id, and the day it was taken.
public struct QuizResult: Sendable, Hashable, Codable {
    public var id: Int64?
    public var date: CalendarDate
    public var answers: [String: Bool]

    public init(id: Int64? = nil, date: CalendarDate, answers: [String: Bool]) {
        self.id = id
        self.date = date
        self.answers = answers
    }

    /// The areas (bladder, bowel, prolapse, pain) with at least one "yes", in the quiz's order.
    public func flaggedAreas(in quiz: Quiz) -> [Quiz.Area] {
        let yes = Set(quiz.questions.filter { answers[$0.id] == true }.map(\.area))
        return quiz.areas.filter { yes.contains($0.area) }
    }

    public var yesCount: Int { answers.values.filter { $0 }.count }
}
