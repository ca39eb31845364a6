import Foundation

/// One activity she named for an activity-based measure (PSFS), with how well she can do it today.
public struct RatedActivity: Sendable, Hashable, Codable {
    public var text: String
    public var score: Int

    public init(_ text: String, _ score: Int) {
        self.text = text
        self.score = score
    }

    /// Whether two names are the same activity, rated again: the same words, whatever their case and spacing.
    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    private static func key(_ s: String) -> String {
        s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One filled-in measure: the answers by item id (or the rated activities), and the day.
public struct MeasureResponse: Sendable, Hashable, Codable {
    /// How far back a measure can be dated (the same year as a pain entry).
    public static let maxDaysBack = 366

    public var id: Int64?
    public var measureID: String
    public var date: CalendarDate
    /// Item id → the value of the option chosen.
    public var answers: [String: Int]
    /// For an activity-based measure, in the order she named them.
    public var activities: [RatedActivity]

    public init(id: Int64? = nil, measureID: String, date: CalendarDate, answers: [String: Int] = [:],
                activities: [RatedActivity] = []) {
        self.id = id
        self.measureID = measureID
        self.date = date
        self.answers = answers
        self.activities = activities
    }
}

extension Measure {
    /// Checks a response against this measure: every item answered with one of its scale's values (and no
    /// answer to an item it does not have), or `activities.min`–`max` activities, each named in plain text
    /// on one line and rated `from`–`to`, no name twice; dated today or in the last year. Each message names
    /// what is accepted.
    public func validate(_ r: MeasureResponse, today: CalendarDate) throws {
        guard r.measureID == id else {
            throw PortalError.invalidInput("These answers belong to \(PlainText.quoted(r.measureID)), not to \(abbreviation).")
        }
        guard r.date <= today else {
            throw PortalError.invalidInput("The date \(r.date) is in the future; a questionnaire can be dated today (\(today)) or earlier.")
        }
        guard r.date.days(until: today) <= MeasureResponse.maxDaysBack else {
            throw PortalError.invalidInput("The date \(r.date) is more than a year ago; a questionnaire can be dated in the last \(MeasureResponse.maxDaysBack) days.")
        }
        switch kind {
        case .items:
            guard r.activities.isEmpty else { throw PortalError.invalidInput("\(abbreviation) has questions, not activities.") }
            if let unknown = r.answers.keys.sorted().first(where: { item($0) == nil }) {
                throw PortalError.invalidInput("\(abbreviation) has no question \(PlainText.quoted(unknown)). Its questions are \(items.map(\.id).joined(separator: ", ")).")
            }
            for (n, item) in items.enumerated() {
                guard let scale = scale(of: item) else { continue }
                guard let value = r.answers[item.id] else {
                    throw PortalError.invalidInput("\(questionName(n).capitalizedFirst) has no answer; each of the \(items.count) questions needs one: \(scale.acceptedText).")
                }
                guard scale.option(value) != nil else {
                    throw PortalError.invalidInput("\(questionName(n).capitalizedFirst) cannot be answered \(value); accepted answers: \(scale.acceptedText).")
                }
            }
        case .activities:
            guard let a = activities else { return }
            guard r.answers.isEmpty else { throw PortalError.invalidInput("\(abbreviation) rates activities you name; it has no numbered questions.") }
            guard (a.min...a.max).contains(r.activities.count) else {
                throw PortalError.invalidInput("\(abbreviation) needs \(a.min) to \(a.max) activities, not \(r.activities.count).")
            }
            var names = Set<String>()
            for (n, activity) in r.activities.enumerated() {
                let field = "Activity \(n + 1)"
                guard !PlainText.blankAsEmpty(activity.text).isEmpty else {
                    throw PortalError.invalidInput("\(field) has no name; name each activity in a few words (at most \(a.textLimit) characters).")
                }
                try PlainText.check(activity.text, field: field, maxLength: a.textLimit, multiline: false)
                guard (a.from...a.to).contains(activity.score) else {
                    throw PortalError.invalidInput("\(field) (\(PlainText.quoted(activity.text))) is rated \(activity.score); rate it with a whole number from \(a.from) (\(a.lowLabel.lowercased())) to \(a.to) (\(a.highLabel.lowercased())).")
                }
                guard names.insert(activity.text.lowercased().trimmingCharacters(in: .whitespaces)).inserted else {
                    throw PortalError.invalidInput("\(PlainText.quoted(activity.text)) is named twice; name each activity once.")
                }
            }
        }
    }

    /// "question 24", or "question 1 (leak-cough-sneeze)" where an item's id is a word rather than its number:
    /// how a refusal names the `n`th question (from 0), once.
    func questionName(_ n: Int) -> String {
        let id = items[n].id
        return id == String(n + 1) ? "question \(n + 1)" : "question \(n + 1) (\(id))"
    }

    /// Parses `--answers A,B,…` for an item-based measure: one value per question, in order, each one of
    /// its scale's values (or its option's key, such as y or n).
    public func parseAnswers(_ text: String) throws -> [String: Int] {
        guard kind == .items else {
            throw PortalError.invalidInput("\(abbreviation) rates activities you name; give each as --activity \"TEXT=N\".")
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == items.count else {
            throw PortalError.invalidInput("\(abbreviation) has \(items.count.counted("question")), so --answers needs \(items.count.counted("answer")) separated by commas; \(parts.count) \(parts.count == 1 ? "was" : "were") given.")
        }
        var answers: [String: Int] = [:]
        for (n, (item, part)) in zip(items, parts).enumerated() {
            guard let scale = scale(of: item) else { continue }
            let byKey = scale.options.first { $0.key?.lowercased() == part.lowercased() }
            guard let value = byKey?.value ?? Int(part), scale.option(value) != nil else {
                throw PortalError.invalidInput("Answer \(n + 1) is \(PlainText.quoted(part)); accepted answers: \(scale.acceptedTyped).")
            }
            answers[item.id] = value
        }
        return answers
    }

    /// Parses one `--activity "TEXT=N"` for an activity-based measure: the text before the last `=`, the
    /// rating after it.
    public func parseActivity(_ text: String) throws -> RatedActivity {
        guard let a = activities else {
            throw PortalError.invalidInput("\(abbreviation) has numbered questions; answer them with --answers.")
        }
        guard let cut = text.lastIndex(of: "=") else {
            throw PortalError.invalidInput("\(PlainText.quoted(text)) has no rating; write the activity, =, and a whole number from \(a.from) to \(a.to), as in \"Lifting my baby=4\".")
        }
        let name = text[..<cut].trimmingCharacters(in: .whitespaces)
        let number = text[text.index(after: cut)...].trimmingCharacters(in: .whitespaces)
        guard number.allSatisfy({ $0.isASCII && $0.isNumber }), let score = Int(number), (a.from...a.to).contains(score) else {
            throw PortalError.invalidInput("\(PlainText.quoted(number)) is not a rating for \(PlainText.quoted(name)); use a whole number from \(a.from) (\(a.lowLabel.lowercased())) to \(a.to) (\(a.highLabel.lowercased())).")
        }
        return RatedActivity(name, score)
    }
}

private extension String {
    /// "Question 24" from "question 24".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
