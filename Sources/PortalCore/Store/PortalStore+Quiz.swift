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
            let answers = (try? decoder.decode([String: Bool].self, from: Data(json.utf8))) ?? [:]
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
}
