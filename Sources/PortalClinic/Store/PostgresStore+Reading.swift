import Foundation
import PortalCore

extension PostgresStore {
    public func readingList() throws -> [String] {
        try read { db, id in try Self.readingList(db, id) }
    }

    static func readingList(_ db: PGConnection, _ id: Int64) throws -> [String] {
        try db.query("SELECT article_id FROM reading_list WHERE patient_id = $1 ORDER BY position", [id]).rows.map { try $0.text("article_id") }
    }

    public func setReadingList(_ ids: [String]) throws {
        try write { db, id in
            try db.query("DELETE FROM reading_list WHERE patient_id = $1", [id])
            try Self.insertReadingList(ids, db, id)
        }
    }

    /// Each id once, in the order given.
    static func insertReadingList(_ ids: [String], _ db: PGConnection, _ id: Int64) throws {
        for (i, article) in ids.enumerated() {
            try db.query("INSERT INTO reading_list (patient_id, article_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                         [id, article, i])
        }
    }

    public func articlesRead() throws -> [String: CalendarDate] {
        try read { db, id in try Self.articlesRead(db, id) }
    }

    static func articlesRead(_ db: PGConnection, _ id: Int64) throws -> [String: CalendarDate] {
        var out: [String: CalendarDate] = [:]
        for row in try db.query("SELECT article_id, read_on::text AS read_on FROM article_read WHERE patient_id = $1", [id]).rows {
            out[try row.text("article_id")] = try row.parsed("read_on", CalendarDate.init)
        }
        return out
    }

    public func markArticleRead(_ article: String, on day: CalendarDate) throws {
        try write { db, id in
            try db.query("INSERT INTO article_read (patient_id, article_id, read_on) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING",
                         [id, article, day.description])
        }
    }

    public func quizResults() throws -> [QuizResult] {
        try read { db, id in try Self.quizResults(db, id) }
    }

    static func quizResults(_ db: PGConnection, _ id: Int64) throws -> [QuizResult] {
        try decodeQuizResults(db.query("SELECT id, taken_on::text AS taken_on, answers::text AS answers FROM quiz_result WHERE patient_id = $1 ORDER BY taken_on, id",
                                       [id]))
    }

    /// The latest `limit` check-ins, oldest first, and how many older ones there are (the snapshot's share).
    static func latestQuizResults(_ db: PGConnection, _ id: Int64, limit: Int) throws -> (latest: [QuizResult], older: Int) {
        let latest = try decodeQuizResults(db.query("""
            SELECT id, taken_on::text AS taken_on, answers::text AS answers FROM quiz_result WHERE patient_id = $1
            ORDER BY taken_on DESC, id DESC LIMIT $2
            """, [id, Int64(limit)])).reversed()
        let total = try db.query("SELECT count(*)::text AS n FROM quiz_result WHERE patient_id = $1", [id])
            .rows.first?.optional("n").flatMap { Int($0) } ?? 0
        return (Array(latest), max(0, total - latest.count))
    }

    /// One decoder for every row.
    private static func decodeQuizResults(_ result: PGResult) throws -> [QuizResult] {
        let decoder = JSONDecoder()
        return try result.rows.map { row in
            let answers = (try? decoder.decode([String: Bool].self, from: Data(try row.text("answers").utf8))) ?? [:]
            return QuizResult(id: try row.int64("id"), date: try row.parsed("taken_on", CalendarDate.init), answers: answers)
        }
    }

    @discardableResult
    public func saveQuizResult(_ result: QuizResult) throws -> QuizResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(result.answers), as: UTF8.self)
        return try write { db, id in
            let row = try db.query("INSERT INTO quiz_result (patient_id, taken_on, answers) VALUES ($1, $2::date, $3::jsonb) RETURNING id",
                                   [id, result.date.description, json]).rows.first
            var saved = result
            saved.id = try row?.int64("id")
            return saved
        }
    }

    public func signReports(from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try read { db, id in try Self.signReports(db, id, from: from, to: to) }
    }

    static func signReports(_ db: PGConnection, _ id: Int64, from: CalendarDate?, to: CalendarDate?) throws -> [SignReport] {
        try db.query("""
            SELECT id, date::text AS date, time, signs, note, utc_offset::text AS utc_offset FROM sign_report
            WHERE patient_id = $1 AND date >= $2::date AND date <= $3::date ORDER BY date, time, id
            """, [id, from?.description ?? "0001-01-01", to?.description ?? "9999-12-31"]).rows.map { row in
            SignReport(id: try row.int64("id"), date: try row.parsed("date", CalendarDate.init),
                       time: try row.parsed("time", TimeOfDay.init),
                       signs: try row.text("signs").split(separator: ",").map(String.init), note: try row.text("note"),
                       utcOffset: try row.optional("utc_offset").flatMap { Int($0) })
        }
    }

    @discardableResult
    public func addSignReport(_ report: SignReport, guide: SafetyGuide, now: LocalDateTime) throws -> SignReport {
        try write { db, id in
            var saved = try StoreRules.checkSignReport(report, guide: guide, now: now, zone: zone)
            let row = try db.query("INSERT INTO sign_report (patient_id, date, time, signs, note, utc_offset) VALUES ($1, $2::date, $3, $4, $5, $6) RETURNING id",
                                   [id, saved.date.description, saved.time.description, saved.signs.joined(separator: ","), saved.note,
                                    saved.utcOffset]).rows.first
            saved.id = try row?.int64("id")
            return saved
        }
    }
}
