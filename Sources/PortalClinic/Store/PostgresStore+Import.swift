import Foundation
import PortalCore

extension PostgresStore {
    /// True when record `id` holds a row in any of its tables (drafts included, for the administrator).
    static func holdsData(_ db: PGConnection, _ id: Int64) throws -> Bool {
        for table in recordTables where try !db.query("SELECT 1 FROM \(table) WHERE patient_id = $1 LIMIT 1", [id]).rows.isEmpty {
            return true
        }
        return false
    }

    /// Writes a whole record read from a local portal into the empty record `id`, inside the caller's
    /// transaction. Its weeks are published (they are the program she was already following); entries get
    /// the clinic's own ids, their sites, triggers, dates and times kept as they were.
    static func insert(_ r: LocalRecord, _ db: PGConnection, _ id: Int64) throws {
        try savePatient(r.patient, db, id)
        for v in r.plan?.visits ?? [] { try insert(v, db, id) }
        for w in r.program.weeks { try insert(w, published: true, db, id) }
        try insertReadingList(r.readingList, db, id)
        for e in r.painEntries {
            let row = try db.query("""
                INSERT INTO pain_entry (patient_id, date, time, score, note, warning_signs, utc_offset) VALUES ($1, $2::date, $3::time, $4, $5, $6, $7)
                RETURNING id
                """, [id, e.date.description, e.time.description, e.score, e.note, e.warningSigns.joined(separator: ","), e.utcOffset]).rows.first
            var copy = e
            try insertParts(&copy, entryID: try row?.int64("id") ?? 0, db, id)
        }
        for s in r.sessions {
            try db.query("""
                INSERT INTO exercise_session (patient_id, date, week, exercise_id, sets_done, pain) VALUES ($1, $2::date, $3, $4, $5, $6)
                """, [id, s.date.description, s.week, s.exerciseID, s.setsDone, s.pain])
        }
        for (article, day) in r.articlesRead.sorted(by: { $0.key < $1.key }) {
            try db.query("INSERT INTO article_read (patient_id, article_id, read_on) VALUES ($1, $2, $3::date)", [id, article, day.description])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for q in r.quizResults {
            try db.query("INSERT INTO quiz_result (patient_id, taken_on, answers) VALUES ($1, $2::date, $3::jsonb)",
                         [id, q.date.description, String(decoding: try encoder.encode(q.answers), as: UTF8.self)])
        }
        for s in r.signReports {
            try db.query("INSERT INTO sign_report (patient_id, date, time, signs, note, utc_offset) VALUES ($1, $2::date, $3, $4, $5, $6)",
                         [id, s.date.description, s.time.description, s.signs.joined(separator: ","), s.note, s.utcOffset])
        }
    }
}
