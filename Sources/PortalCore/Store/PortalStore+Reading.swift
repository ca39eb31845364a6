import GRDB

extension PortalStore {
    /// Article ids the therapist prescribed, in order.
    public func readingList() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT article_id FROM reading_list ORDER BY position") }
    }

    public func setReadingList(_ ids: [String]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM reading_list")
            for (i, id) in ids.enumerated() {
                try db.execute(sql: "INSERT OR IGNORE INTO reading_list (article_id, position) VALUES (?, ?)", arguments: [id, i])
            }
        }
    }

    /// Article id → the date it was first read.
    public func articlesRead() throws -> [String: CalendarDate] {
        try read { db in
            var out: [String: CalendarDate] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM article_read") {
                out[row["article_id"]] = CalendarDate(row["read_on"] as String)
            }
            return out
        }
    }

    public func markArticleRead(_ id: String, on day: CalendarDate) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO article_read (article_id, read_on) VALUES (?, ?)",
                           arguments: [id, day.description])
        }
    }
}
