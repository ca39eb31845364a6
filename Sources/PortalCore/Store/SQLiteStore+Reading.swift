import GRDB

extension SQLiteStore {
    public func readingList() throws -> [String] {
        try read { db in try Self.readingList(db) }
    }

    static func readingList(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT article_id FROM reading_list ORDER BY position")
    }

    public func setReadingList(_ ids: [String]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM reading_list")
            try Self.insertReadingList(ids, db)
        }
    }

    /// Each id once, in the order given.
    static func insertReadingList(_ ids: [String], _ db: Database) throws {
        for (i, id) in ids.enumerated() {
            try db.execute(sql: "INSERT OR IGNORE INTO reading_list (article_id, position) VALUES (?, ?)", arguments: [id, i])
        }
    }

    public func articlesRead() throws -> [String: CalendarDate] {
        try read { db in try Self.articlesRead(db) }
    }

    static func articlesRead(_ db: Database) throws -> [String: CalendarDate] {
        var out: [String: CalendarDate] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM article_read") {
            out[row["article_id"]] = CalendarDate(row["read_on"] as String)
        }
        return out
    }

    public func markArticleRead(_ id: String, on day: CalendarDate) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO article_read (article_id, read_on) VALUES (?, ?)",
                           arguments: [id, day.description])
        }
    }
}
