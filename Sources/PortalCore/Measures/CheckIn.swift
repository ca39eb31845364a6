/// The pelvic-floor check-in is a measure of the questionnaire engine (`measures/pelvic-floor-check-in.json`);
/// its results are kept as they always were (`QuizResult`: yes or no by question id). These turn one into
/// the other, so the measure screen, its scoring and its change in words serve the check-in too.
extension Measure {
    public static let checkInID = "pelvic-floor-check-in"
}

extension QuizResult {
    /// The check-in as a measure response: yes is 1, no is 0.
    public var measureResponse: MeasureResponse {
        MeasureResponse(id: id, measureID: Measure.checkInID, date: date, answers: answers.mapValues { $0 ? 1 : 0 })
    }
}

extension MeasureResponse {
    /// A check-in response as the check-in's stored result; nil for any other measure.
    public var quizResult: QuizResult? {
        guard measureID == Measure.checkInID else { return nil }
        return QuizResult(id: id, date: date, answers: answers.mapValues { $0 != 0 })
    }
}
