import Foundation
import GRDB

extension PortalStore {
    public func quizResults() throws -> [QuizResult] {
        try read { db in try Self.quizResults(db) }
    }

    static func quizResults(_ db: Database) throws -> [QuizResult] {
        // One decoder for all rows: making one per row cost more than decoding (a weekly check-in adds 52 a year).
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT * FROM quiz_result ORDER BY taken_on, id").map { row in
            let json: String = row["answers"]
            let answers = Self.flatAnswers(json) ?? (try? decoder.decode([String: Bool].self, from: Data(json.utf8))) ?? [:]
            return QuizResult(id: row["id"], date: CalendarDate(row["taken_on"] as String)!, answers: answers)
        }
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
