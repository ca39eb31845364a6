import Foundation
import GRDB

extension SQLiteStore {
    public func quizResults() throws -> [QuizResult] {
        try read { db in try Self.quizResults(db) }
    }

    static func quizResults(_ db: Database) throws -> [QuizResult] {
        try decodeQuizResults(db, sql: "SELECT id, taken_on, answers FROM quiz_result ORDER BY taken_on, id")
    }

    /// The latest `limit` check-ins, oldest first, and how many older ones there are: what the snapshot holds,
    /// so years of weekly check-ins are counted, not decoded. Both walk `quiz_result_by_date`.
    static func latestQuizResults(_ db: Database, limit: Int) throws -> (latest: [QuizResult], older: Int) {
        let latest = try decodeQuizResults(db, sql: "SELECT id, taken_on, answers FROM quiz_result ORDER BY taken_on DESC, id DESC LIMIT ?",
                                           arguments: [limit]).reversed()
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM quiz_result") ?? 0
        return (Array(latest), max(0, total - latest.count))
    }

    /// Rows of (id, taken_on, answers). One decoder for all rows, and only for answers `flatAnswers` cannot
    /// read: making one per row cost more than decoding.
    private static func decodeQuizResults(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [QuizResult] {
        var decoder: JSONDecoder?
        var results: [QuizResult] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let json: String = row[2]
            var answers = Self.flatAnswers(json)
            if answers == nil {
                let d = decoder ?? JSONDecoder()
                decoder = d
                answers = try? d.decode([String: Bool].self, from: Data(json.utf8))
            }
            results.append(QuizResult(id: row[0], date: CalendarDate(row[1] as String)!, answers: answers ?? [:]))
        }
        return results
    }

    @discardableResult
    public func saveQuizResult(_ result: QuizResult) throws -> QuizResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(result.answers), as: UTF8.self)
        return try write { db in
            try db.execute(sql: "INSERT INTO quiz_result (taken_on, answers) VALUES (?, ?)", arguments: [result.date.description, json])
            var saved = result
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    /// The answers as `saveQuizResult` writes them (`{"id":true,"other":false}`), read without JSONDecoder,
    /// which took 85 % of a snapshot with ten years of weekly check-ins. Anything else (escapes, spaces in odd
    /// places, a repeated key) returns nil and goes through JSONDecoder as before.
    static func flatAnswers(_ json: String) -> [String: Bool]? {
        let b = Array(json.utf8)
        var i = 0
        func skip() { while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 } }
        func take(_ c: UInt8) -> Bool {
            skip()
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard take(UInt8(ascii: "{")) else { return nil }
        var answers: [String: Bool] = [:]
        if take(UInt8(ascii: "}")) { skip(); return i == b.count ? answers : nil }
        while true {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
            let key = String(decoding: b[start..<i], as: UTF8.self)
            i += 1
            guard take(UInt8(ascii: ":")) else { return nil }
            skip()
            let value: Bool
            if b[i...].starts(with: "true".utf8) { value = true; i += 4 }
            else if b[i...].starts(with: "false".utf8) { value = false; i += 5 }
            else { return nil }
            guard answers.updateValue(value, forKey: key) == nil else { return nil }
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return nil }
            skip()
            return i == b.count ? answers : nil
        }
    }
}
