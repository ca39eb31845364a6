import Foundation

/// The pelvic-floor check-ins: the day and the answers, as a JSON object of question id to yes or no.
public enum CheckInMap {
    public static let results = RecordTable("quiz_result", columns: [
        .id(),
        .date("taken_on"),
        RecordColumn("answers", .jsonObject(.boolean)),
    ], key: ["id"], indexes: [.init("quiz_result_by_date", ["taken_on"])])

    static let columns = ["id", "taken_on", "answers"]

    /// Check-ins from `from` on (nil: all), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?) throws -> [QuizResult] {
        try decode(db, where: .between("taken_on", from, nil), orderBy: [.ascending("taken_on"), .ascending("id")], limit: nil)
    }

    /// The latest `limit` check-ins, oldest first: what the snapshot holds, so years of weekly check-ins are
    /// counted (`count`), not decoded. Both walk `quiz_result_by_date`.
    static func latest(_ db: any RecordDatabase, limit: Int) throws -> [QuizResult] {
        try decode(db, where: .all, orderBy: [.descending("taken_on"), .descending("id")], limit: limit).reversed()
    }

    static func count(_ db: any RecordDatabase) throws -> Int { try db.count(results, where: .all) }

    /// Writes a check-in and returns it with its id.
    @discardableResult
    static func insert(_ result: QuizResult, _ db: any RecordDatabase) throws -> QuizResult {
        var saved = result
        saved.id = try db.insert(results, [("taken_on", .date(result.date)), ("answers", .text(try json(result.answers)))])
        return saved
    }

    /// `{"a":true,"b":false}`, keys sorted, so the same answers are always the same text.
    static func json(_ answers: [String: Bool]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(answers), as: UTF8.self)
    }

    /// One decoder for all rows, and only for answers `flatAnswers` cannot read: making one per row cost more
    /// than decoding.
    private static func decode(_ db: any RecordDatabase, where filter: RowFilter, orderBy order: [RowOrder], limit: Int?) throws -> [QuizResult] {
        var decoder: JSONDecoder?
        return try db.rows(results, columns, where: filter, orderBy: order, limit: limit) { row in
            let json = try row.text(2)
            var answers = flatAnswers(json)
            if answers == nil {
                let d = decoder ?? JSONDecoder()
                decoder = d
                answers = try? d.decode([String: Bool].self, from: Data(json.utf8))
            }
            return QuizResult(id: try row.int64(0), date: try row.date(1), answers: answers ?? [:])
        }
    }

    /// The answers as `insert` writes them (`{"id":true,"other":false}`), read without JSONDecoder,
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

/// Her reading: the articles her therapist prescribed, in order, and the day she first read each article.
public enum ReadingMap {
    public static let list = RecordTable("reading_list", columns: [
        .text("article_id", rule: .length(1...200)),
        .integer("position"),
    ], key: ["article_id"], access: Access.patientWrites + [
        // Her therapist prescribes reading and takes it off the list.
        Access(.therapist, [.insert, .delete]),
    ])

    public static let read = RecordTable("article_read", columns: [
        .text("article_id", rule: .length(1...200)),
        .date("read_on"),
    ], key: ["article_id"])

    static func readList(_ db: any RecordDatabase) throws -> [String] {
        try db.rows(list, ["article_id"], orderBy: [.ascending("position")]) { try $0.text(0) }
    }

    /// Replaces the reading list: each id once, in the order given.
    static func replaceList(_ ids: [String], _ db: any RecordDatabase) throws {
        try db.delete(list, where: .all)
        try insertList(ids, db)
    }

    static func insertList(_ ids: [String], _ db: any RecordDatabase) throws {
        for (i, id) in ids.enumerated() {
            try db.insert(list, [("article_id", .text(id)), ("position", .int(i))], onConflict: .keep)
        }
    }

    static func readArticles(_ db: any RecordDatabase) throws -> [String: CalendarDate] {
        var out: [String: CalendarDate] = [:]
        try db.select(read, ["article_id", "read_on"], where: .all, orderBy: [], limit: nil) { out[try $0.text(0)] = try $0.date(1) }
        return out
    }

    /// Marks an article read on `day`; the first day it was read is kept.
    static func markRead(_ id: String, on day: CalendarDate, _ db: any RecordDatabase) throws {
        try db.insert(read, [("article_id", .text(id)), ("read_on", .date(day))], onConflict: .keep)
    }
}
