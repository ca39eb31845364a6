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

extension PatientRecord {
    /// Every questionnaire she has filled in, the check-ins (kept as `QuizResult`) with the rest: what the
    /// measure schedule counts as done, whoever asks.
    public var allMeasureResponses: [MeasureResponse] { measureResponses + quizResults.map(\.measureResponse) }
}

extension MeasureSchedule {
    /// The questionnaires still due today in `record`, the check-in among them: the one rule Home, the
    /// Questionnaires screen, `portal measure`, `portal today` and its brief line all ask, so they never
    /// disagree about whether the check-in (or any questionnaire) is due or done.
    public static func due(measures: @autoclosure () -> [MeasureTiming], record: PatientRecord, today: CalendarDate) -> DueMeasures? {
        due(measures: measures(), conditions: record.patient?.conditions ?? [], visits: record.plan?.visits ?? [],
            responses: record.allMeasureResponses, today: today)
    }
}
