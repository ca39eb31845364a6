import Foundation
import GRDB
import PortalCore

/// `portal-bench make-db PATH --years N`: the demo patient (six visits, the program, the reading list), then
/// N years of history written straight into the record map's tables (`PainDiaryMap`, `ExerciseLogMap`, …), not
/// through the patient-facing rules (which rightly refuse entries older than a year): two pain entries a day
/// with sites and triggers, about four exercises logged a day, a program week every week, a check-in every week,
/// a full bladder diary every day (six pees, one at night, three drinks, a leak every other day, a pad), a bowel
/// entry every day and the PSFS every six weeks (issue 22). The same file can then be
/// opened by the real `portal`, so anyone can measure it against the same data.
enum MakeDB {
    /// The schema numbers program weeks 1–52, so the program is the latest 52 weeks (or fewer, for less than
    /// a year) and exercises logged before its first week are counted against week 1.
    static let maxProgramWeeks = 52

    static func run(path: String, years: Int, content: ContentLibrary, today: CalendarDate) throws {
        let url = URL(fileURLWithPath: path)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            let store = try SQLiteStore.open(url: url)
            try DemoPatient(content: content, today: today).load(into: store)
        }
        // The file as the portal leaves a record it closed: everything in portal.sqlite, no -wal and no -shm beside
        // it (the last connection's close checkpoints and removes them). GRDB's pool closes its writer before its
        // readers, so its own close could leave an empty -wal, which a portal's start treats as another portal's.
        let queue = try DatabaseQueue(path: path)
        if years > 0 { try queue.write { db in try addHistory(db, years: years, content: content, today: today) } }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue
        guard wal == nil || wal == 0 else { throw BenchError("make-db left a WAL with pages beside \(path)") }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func addHistory(_ db: Database, years: Int, content: ContentLibrary, today: CalendarDate) throws {
        let days = years * 365
        // The demo's current week's prescriptions, repeated every week.
        let templateWeek = try Int.fetchOne(db, sql: "SELECT number FROM program_week WHERE starts <= ? ORDER BY starts DESC LIMIT 1",
                                            arguments: [today.description])
            ?? Int.fetchOne(db, sql: "SELECT min(number) FROM program_week") ?? 1
        let currentStart = CalendarDate(try String.fetchOne(db, sql: "SELECT starts FROM program_week WHERE number = ?",
                                                            arguments: [templateWeek]) ?? today.description) ?? today
        let template = try Row.fetchAll(db, sql: "SELECT * FROM prescription WHERE week = ? ORDER BY position", arguments: [templateWeek])
        let exerciseIDs = template.map { $0["exercise_id"] as String }
        try db.execute(sql: "CREATE TEMP TABLE keep AS SELECT * FROM prescription WHERE week = ?", arguments: [templateWeek])
        try db.execute(sql: "DELETE FROM exercise_session")
        try db.execute(sql: "DELETE FROM prescription")
        try db.execute(sql: "DELETE FROM program_week")

        let weekCount = min(maxProgramWeeks, max(1, days / 7))
        let firstStart = currentStart.adding(days: -7 * (weekCount - 1))
        for w in 0..<weekCount {
            try db.execute(sql: "INSERT INTO program_week (number, starts, note) VALUES (?, ?, '')",
                           arguments: [w + 1, firstStart.adding(days: 7 * w).description])
            try db.execute(sql: """
                INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds,
                                          times_per_day, days_per_week, side, note)
                SELECT ?, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side, note
                FROM keep
                """, arguments: [w + 1])
        }
        try db.execute(sql: "DROP TABLE keep")

        let sites = ["hip-front", "hip-side", "buttock", "low-back", "si-joint", "pubic-bone", "groin"]
        let sides = ["left", "right", "both"]
        let triggers = ["sitting-long", "standing-up", "lying-on-side", "turning-in-bed", "walking", "stairs"]
        let pain = try db.makeStatement(sql: "INSERT INTO pain_entry (date, time, score, note) VALUES (?, ?, ?, ?)")
        let site = try db.makeStatement(sql: "INSERT INTO pain_site (entry_id, position, site, side) VALUES (?, ?, ?, ?)")
        let trigger = try db.makeStatement(sql: "INSERT INTO pain_trigger (entry_id, position, trigger) VALUES (?, 0, ?)")
        let session = try db.makeStatement(sql: "INSERT INTO exercise_session (date, week, exercise_id, sets_done) VALUES (?, ?, ?, ?)")
        let quiz = try db.makeStatement(sql: "INSERT INTO quiz_result (taken_on, answers) VALUES (?, ?)")
        let questions = content.quiz.questions.map(\.id)
        let bladder = try db.makeStatement(sql: """
            INSERT INTO bladder_event (date, time, kind, volume_ml, urgency, woke_at_night, amount, activity, drink, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')
            """)
        let bowel = try db.makeStatement(sql: "INSERT INTO bowel_entry (date, time, bristol_type, straining, urgency, leaks, pain, note) VALUES (?, ?, ?, ?, ?, ?, ?, '')")
        let measure = try db.makeStatement(sql: "INSERT INTO measure_response (measure_id, taken_on, answers) VALUES ('psfs', ?, '{}')")
        let activity = try db.makeStatement(sql: "INSERT INTO measure_activity (response_id, position, activity, score) VALUES (?, ?, ?, ?)")
        let activities = ["Lifting my baby", "Walking 20 minutes", "Sitting at work"]
        for d in 0..<days {
            let day = today.adding(days: d - days)
            let text = day.description
            for (n, time) in ["08:30", "19:15"].enumerated() {
                try pain.execute(arguments: [text, time, (d * 7 + n * 3) % 11, n == 0 ? "" : "After the walk"])
                let id = db.lastInsertedRowID
                try site.execute(arguments: [id, 0, sites[(d + n) % sites.count], sides[d % sides.count]])
                if d % 3 == 0 { try site.execute(arguments: [id, 1, "low-back", "none"]) }
                try trigger.execute(arguments: [id, triggers[(d + n) % triggers.count]])
            }
            if !exerciseIDs.isEmpty {
                let week = max(1, min(weekCount, firstStart.days(until: day) / 7 + 1))
                for n in 0..<min(4, exerciseIDs.count) {
                    try session.execute(arguments: [text, week, exerciseIDs[(d + n) % exerciseIDs.count], 1 + n % 3])
                }
            }
            for (n, time) in ["03:10", "07:00", "10:30", "14:00", "17:30", "21:45"].enumerated() {
                try bladder.execute(arguments: [text, time, "pee", n % 2 == 0 ? 250 + (d + n) % 150 : nil, (d + n) % 5, n == 0 ? 1 : 0, nil, nil, nil])
            }
            for (n, time) in ["07:30", "12:30", "18:00"].enumerated() {
                try bladder.execute(arguments: [text, time, "drink", 200 + 50 * n, nil, 0, nil, nil, ["water", "coffee", "tea"][n]])
            }
            if d % 2 == 0 {
                try bladder.execute(arguments: [text, "11:15", "leak", nil, nil, 0, ["drops", "damp", "wet"][d % 3], ["cough", "lift", "urge"][(d / 2) % 3], nil])
                try bladder.execute(arguments: [text, "11:20", "pad", nil, nil, 0, nil, nil, nil])
            }
            try bowel.execute(arguments: [text, "07:45", 1 + (d % 7), d % 5 == 0 ? 1 : 0, d % 9 == 0 ? 1 : 0, d % 30 == 0 ? "gas" : "", d % 4 == 0 ? d % 6 : nil])
            if d % 42 == 0 {
                try measure.execute(arguments: [text])
                let id = db.lastInsertedRowID
                for (n, name) in activities.enumerated() { try activity.execute(arguments: [id, n, name, (d / 42 + n) % 11]) }
            }
            if d % 7 == 0 {
                let answers = "{" + questions.enumerated().map { "\"\($1)\":\(($0 + d / 7) % 4 == 0)" }.joined(separator: ",") + "}"
                try quiz.execute(arguments: [text, answers])
            }
        }
    }
}
