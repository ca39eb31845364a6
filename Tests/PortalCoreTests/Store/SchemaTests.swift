import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The shipped schema stays as shipped, and it accepts every value the Swift enums can hold.
final class SchemaTests: XCTestCase {
    /// FNV-1a, 64 bits: enough to notice any change to a migration's text.
    private func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A shipped migration never changes: a database made by it must mean the same to every later version.
    /// When this fails, the change belongs in a new migration, not in v1.
    func testTheShippedMigrationsArePinned() throws {
        XCTAssertEqual(fingerprint(Schema.v1), "21c22b3e1d64ecff", "migration v1 changed")
        XCTAssertEqual(Schema.v1.count, 5349, "migration v1 changed")
        XCTAssertFalse(Schema.v1.contains("\\("), "no interpolation")
        XCTAssertEqual(fingerprint(Schema.v2), "42b8b7cb45ed9377", "migration v2 changed")
        XCTAssertEqual(fingerprint(Schema.v3), "9cf1b8c593641345", "migration v3 changed")
        XCTAssertEqual(fingerprint(Schema.v6), "f987e9a3441bae", "migration v6 changed")
        XCTAssertEqual(fingerprint(Schema.v8), "90647e6a69cc8064", "migration v8 changed")
        XCTAssertEqual(fingerprint(Schema.v9), "9e542183f3c890af", "migration v9 changed")
        XCTAssertEqual(fingerprint(Schema.v11), "91b97a9519b4381f", "migration v11 changed")
        XCTAssertEqual(fingerprint(Schema.v14), "f95adb7a37895062", "migration v14 changed")
        XCTAssertEqual(fingerprint(Schema.v15), "eb0695309aa2ed93", "migration v15 changed")
        XCTAssertEqual(fingerprint(Schema.v16), "8038a971720ac859", "migration v16 changed")
        XCTAssertEqual(fingerprint(Schema.v17), "dac6165a9239d911", "migration v17 changed")
        XCTAssertEqual(fingerprint(Schema.v30), "fa98fa037908af4b", "migration v30 changed")
        let store = try SQLiteStore.inMemory()
        let applied = try store.writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
        XCTAssertEqual(Array(Schema.migrator.migrations.prefix(12)), ["v1", "v2", "v3", "v6", "v8", "v9", "v11", "v14", "v15", "v16", "v17", "v30"],
                       "shipped migrations keep their order")
        XCTAssertEqual(applied, Set(Schema.migrator.migrations), "a new store runs every migration")
        XCTAssertEqual(try store.writer.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }, Schema.applicationID)
    }

    /// v6 (issue 19, point 3): weeks stored before it did not say where they came from. They become
    /// "unrecorded": never rewritten by a change of details, never shown as the therapist's words.
    func testV6MarksEarlierWeeksUnrecorded() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v3")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO program_week (number, starts, note) VALUES (1, '2026-11-02', 'Start')")
            try db.execute(sql: """
                INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
                VALUES (1, 0, 'clamshell', 2, 10, 0, 30, 1, 7, 'none')
                """)
        }
        try Schema.migrator.migrate(queue)
        let program = try SQLiteStore(queue).program()
        XCTAssertEqual(program.weeks.map(\.origin), [.unrecorded])
        XCTAssertFalse(program.weeks[0].origin.mayBeRegenerated)
        XCTAssertEqual(program.weeks[0].origin.noteLabel, "About this week: ")
        XCTAssertEqual(program.weeks[0].prescriptions.map(\.therapistDecision), [""])
        try queue.write { db in
            for origin in WeekOrigin.allCases {
                try db.execute(sql: "UPDATE program_week SET origin = ?", arguments: [origin.rawValue])
            }
            XCTAssertThrowsError(try db.execute(sql: "UPDATE program_week SET origin = 'clinic'"), "the CHECK lists the origins")
            XCTAssertThrowsError(try db.execute(sql: "UPDATE prescription SET therapist_decision = ?", arguments: [String(repeating: "x", count: 1001)]))
        }
    }

    /// v30 (review of QA G2): what each week was planned for. A file whose patient is still pregnant had every
    /// week planned for her pregnancy; after the birth the portal cannot know, and the weeks say nothing (read
    /// by their dates). From then on the store sets it from her stage whenever it writes a week.
    func testV30MarksTheWeeksOfAPatientStillPregnantAsPlannedForHerPregnancy() throws {
        for (stage, expected) in [("pregnant", [1: PlannedFor.pregnancy]), ("postpartum", [:])] {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue, upTo: "v17")
            try queue.write { db in
                let dates = stage == "pregnant" ? "'2027-03-01', NULL, NULL" : "NULL, '2026-10-01', 'vaginal'"
                try db.execute(sql: "INSERT INTO patient (id, name, stage, due_date, birth_date, delivery) VALUES (1, 'Ana', '\(stage)', \(dates))")
                try db.execute(sql: "INSERT INTO program_week (number, starts, note, origin) VALUES (1, '2026-11-02', 'Start', 'generated')")
            }
            try Schema.migrator.migrate(queue)
            XCTAssertEqual(try SQLiteStore(queue).program().plannedFor, expected, stage)
            try queue.write { db in
                for value in PlannedFor.allCases { try db.execute(sql: "UPDATE program_week SET planned_for = ?", arguments: [value.rawValue]) }
                XCTAssertThrowsError(try db.execute(sql: "UPDATE program_week SET planned_for = 'postpartum'"), "the CHECK lists the values")
            }
        }
    }

    /// The CHECK lists are literals; every value the domain can store must still be one they accept.
    func testEveryEnumValueIsAcceptedByTheChecks() throws {
        let store = try SQLiteStore.inMemory()
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO pain_entry (id, date, time, score) VALUES (1, '2026-11-01', '08:00', 4)")
            for site in PainSite.allCases {
                for side in BodySide.allCases {
                    try db.execute(sql: "INSERT INTO pain_site (entry_id, site, side) VALUES (1, ?, ?)", arguments: [site.rawValue, side.rawValue])
                }
            }
            for trigger in PainTrigger.allCases {
                try db.execute(sql: "INSERT INTO pain_trigger (entry_id, trigger) VALUES (1, ?)", arguments: [trigger.rawValue])
            }
            for (i, condition) in Condition.allCases.enumerated() {
                try db.execute(sql: "INSERT INTO patient_condition (position, condition) VALUES (?, ?)", arguments: [i, condition.rawValue])
            }
            for delivery in Delivery.allCases {
                try db.execute(sql: "INSERT OR REPLACE INTO patient (id, name, stage, birth_date, delivery) VALUES (1, 'A', 'postpartum', '2026-10-01', ?)",
                               arguments: [delivery.rawValue])
            }
            try db.execute(sql: "INSERT INTO program_week (number, starts) VALUES (1, '2026-11-02')")
            for (i, side) in Side.allCases.enumerated() {
                try db.execute(sql: """
                    INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side)
                    VALUES (1, ?, ?, 1, 1, 0, 0, 1, 1, ?)
                    """, arguments: [i, "x\(i)", side.rawValue])
            }
            var number = 0
            for kind in VisitKind.allCases {
                for status in VisitStatus.allCases {
                    for mode in VisitMode.allCases {
                        number += 1
                        try db.execute(sql: "DELETE FROM visit")
                        try db.execute(sql: "INSERT INTO visit (number, kind, status, starts_at, duration_minutes, mode) VALUES (1, ?, ?, '2026-11-02T09:00', 45, ?)",
                                       arguments: [kind.rawValue, status.rawValue, mode.rawValue])
                    }
                }
            }
            XCTAssertEqual(number, VisitKind.allCases.count * VisitStatus.allCases.count * VisitMode.allCases.count)
        }
        XCTAssertEqual(try store.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pain_site") },
                       PainSite.allCases.count * BodySide.allCases.count)
    }

    /// `eraseAll` reads the table list from the schema, so a table a later migration adds is emptied too.
    func testEraseAllEmptiesEveryTableTheSchemaHas() throws {
        let store = try SQLiteStore.inMemory()
        try DemoPatient(content: sharedContent, today: day("2026-11-27")).load(into: store)
        try store.saveQuizResult(QuizResult(date: day("2026-11-27"), answers: ["leak-cough": true]))
        let tables = try store.writer.read { try Schema.tables($0) }
        XCTAssertTrue(Set(tables).isSuperset(of: ["patient", "patient_condition", "visit", "program_week", "prescription",
                                                  "exercise_session", "pain_entry", "pain_site", "pain_trigger",
                                                  "reading_list", "article_read", "quiz_result"]), "\(tables)")
        XCTAssertFalse(tables.contains("grdb_migrations"), "the migrations stay recorded")
        let filled = try store.writer.read { db in try tables.filter { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")! > 0 } }
        XCTAssertTrue(Set(filled).isSuperset(of: ["patient", "visit", "pain_entry", "pain_site", "exercise_session", "quiz_result"]), "\(filled)")
        try store.eraseAll()
        for table in tables {
            XCTAssertEqual(try store.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") }, 0, table)
        }
        XCTAssertFalse(try store.writer.read { try Schema.migrator.appliedIdentifiers($0) }.isEmpty)
    }

    /// Saving a visit updates its row (never deletes and re-inserts it), so the completed-visit trigger
    /// watches the very write the portal makes.
    func testSavingAVisitUpdatesItsRowInPlace() throws {
        let store = try SQLiteStore.inMemory()
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "", therapist: "T")
        try store.setUpCarePlan(plan)
        // A single in-memory connection, so a temporary trigger sees every write the store makes.
        try store.writer.write { try $0.execute(sql: "CREATE TEMP TRIGGER no_delete BEFORE DELETE ON visit BEGIN SELECT RAISE(ABORT, 'deleted'); END") }
        var v = plan.visits[0]
        v.status = .completed
        v.notes = "Done."
        XCTAssertNoThrow(try store.saveVisit(v))
        XCTAssertEqual(try store.carePlan()?.visits[0].notes, "Done.")
        v.start = at("2026-11-03T09:00")
        XCTAssertThrowsError(try store.saveVisit(v))
    }

    /// v17 on a v16 file with rows: each review of her signs made before it covers, by place, exactly the rows it
    /// covered by date (those dated up to its `signs_until`): none more, none fewer; ties at the minute, rows
    /// written out of date order and an entry without signs included.
    func testV17KeepsWhatEachReviewCovered() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v16")
        try queue.write { db in
            for (id, date, time, signs) in [(1, "2026-11-20", "08:00", ""), (2, "2026-11-18", "09:00", "fever"),
                                             (3, "2026-11-22", "09:00", "fever"), (4, "2026-11-25", "07:00", "")] {
                try db.execute(sql: "INSERT INTO pain_entry (id, date, time, score, warning_signs) VALUES (?, ?, ?, 4, ?)",
                               arguments: [id, date, time, signs])
            }
            for (id, date, time, signs) in [(1, "2026-11-22", "09:00", "leg-swelling"), (2, "2026-11-19", "10:00", "vaginal-bleeding"),
                                             (3, "2026-11-26", "20:00", "fever")] {
                try db.execute(sql: "INSERT INTO sign_report (id, date, time, signs) VALUES (?, ?, ?, ?)", arguments: [id, date, time, signs])
            }
            for (id, until) in [(1, "2026-11-01T00:00"), (2, "2026-11-19T10:00"), (3, "2026-11-21T23:59"), (4, "2026-11-22T09:00"),
                                (5, "2026-11-30T00:00")] {
                try db.execute(sql: "INSERT INTO sign_review (id, reviewed_at, signs_until, reviewer) VALUES (?, '2026-11-30T09:00', ?, 't')",
                               arguments: [id, until])
            }
        }
        func covered(_ rule: String) throws -> [Int64: [String]] {
            try queue.read { db in
                var out: [Int64: [String]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.id AS r, coalesce((SELECT group_concat(k) FROM (
                        SELECT 'p' || id AS k FROM pain_entry p WHERE \(rule.replacingOccurrences(of: "$", with: "p"))
                        UNION ALL SELECT 's' || id FROM sign_report s WHERE \(rule.replacingOccurrences(of: "$", with: "s")))), '') AS k
                    FROM sign_review r
                    """) {
                    out[row["r"]] = (row["k"] as String).split(separator: ",").map(String.init).sorted()
                }
                return out
            }
        }
        let before = try covered("$.date || 'T' || $.time <= r.signs_until")
        XCTAssertEqual(before[1], [], "the first covers nothing")
        XCTAssertEqual(before[4], ["p1", "p2", "p3", "s1", "s2"], "ties at the minute are covered")
        try Schema.migrator.migrate(queue)
        let after = try covered("$.entered <= r.entered_through")
        XCTAssertEqual(after, before, "each review covers what it covered")
        XCTAssertEqual(after.count, 5)
        let places = try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT entered FROM pain_entry UNION ALL SELECT entered FROM sign_report ORDER BY 1")
        }
        XCTAssertEqual(places, Array(1...7), "one place each")
    }
}
