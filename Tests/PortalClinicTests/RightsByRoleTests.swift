import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Every table of the record (the record map's list) × every command × every role, sent as that role's own
/// login straight to the server, and for UPDATE every column: what must be refused is refused and what must
/// work works. The rights are written here in the issue's words (issue 21, point 1), part by part, not read
/// from the map's `access`: the map makes the grants and policies, this test says what they must come to.
final class RightsByRoleTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// Who sends the statement, about patient A's record.
    enum Who: String, CaseIterable {
        /// A herself.
        case patient
        /// Another patient (B).
        case otherPatient
        /// A's therapist (t1).
        case therapist
        /// A therapist whose caseload A is not in (t2).
        case otherTherapist
    }

    /// What a command may do to A's row of a table.
    struct Rights {
        var select = false, insert = false, delete = false
        /// The columns an UPDATE may set.
        var update: Set<String> = []
    }

    /// What A and her therapist may do with each table, as issue 21 says it. A patient writes her diaries (pain,
    /// bladder, bowel, questionnaires), exercise log, check-ins, sign reports and reading, and her details; books or moves her visits; never
    /// writes visit notes or outcomes or program weeks. A therapist writes those for her caseload, and only
    /// reads the patient's own diaries. Nobody deletes a visit or the patient herself. Her reminders (issue 24)
    /// are hers alone: her therapist neither reads nor writes them.
    static func rights(_ table: RecordTable, in part: RecordPart, for who: Who) -> Rights {
        // Whose record a row is never changes, nor the id the table gave it (`patient_id` and the id are probed
        // too, and refused to everyone).
        let every = Set(table.columns.filter { $0.kind != .generatedID }.map(\.name))
        let diary = Rights(select: true, insert: true, delete: true, update: every)
        let reads = Rights(select: true)
        switch who {
        case .otherPatient, .otherTherapist:
            return Rights()
        case .patient:
            switch part {
            case .exerciseLog, .painDiary, .checkIns, .reading, .bladderDiary, .bowelLog, .measures,
                 .reminderSettings, .reminderLog:
                // (The pain entry probed reported no warning sign: one that did stays, RecordKeptTests.)
                return diary
            case .signReports:
                // A warning sign she reported stays for her therapist to see: she adds reports, never changes or
                // deletes one (clinic QA SAFE1).
                return Rights(select: true, insert: true)
            case .profile:
                // Her conditions are hers to change; her own row she writes but never deletes, and her therapist's
                // name in it is the clinic's (QA H10, change 31).
                return table.name == "patient" ? Rights(select: true, insert: true, update: every.subtracting(["therapist"])) : diary
            case .carePlan:
                // Booking, moving, cancelling: when, how long, how and where. Never what the visit is for, its
                // notes, its number or whose it is.
                return Rights(select: true, update: every.subtracting(["number", "kind", "therapist", "focus", "notes"]))
            case .program, .signReviews:
                return reads
            case .questions:
                // The row probed is answered: she reads it and marks the answer read; it is no longer hers to
                // take back, and a copy with its answer is not hers to write (QuestionRightsTests: the rest).
                return Rights(select: true, update: ["read_at"])
            }
        case .therapist:
            switch part {
            case .exerciseLog, .painDiary, .signReports, .checkIns, .profile, .bladderDiary, .bowelLog, .measures:
                return reads
            case .reading:
                // She prescribes reading and takes it off the list; what was read is the patient's.
                return table.name == "reading_list" ? Rights(select: true, insert: true, delete: true) : reads
            case .carePlan:
                return Rights(select: true, insert: true, update: every)
            case .reminderSettings, .reminderLog:
                return Rights()
            case .signReviews:
                // She reviews her patient's warning signs in her own name; a review is never changed or taken back.
                return Rights(select: true, insert: true)
            case .questions:
                // He reads her questions and writes the answer, as himself; never her question nor when she read it.
                return Rights(select: true, update: ["answer", "answered_at", "answered_by"])
            case .program:
                // Weeks are written and published by her, and a draft is hers to change and drop; a published
                // week (the one probed) is the patient's record: never changed, added to or deleted (clinic QA
                // S6; drafts: RecordKeptTests).
                return reads
            }
        }
    }

    /// The clinic's own tables of the map (issue 21, point 7): what she sends her therapist from Share she sends
    /// and reads, her therapist reads, and nobody changes or deletes.
    static func clinicOnlyRights(_ table: RecordTable, for who: Who) -> Rights {
        precondition(table.name == SharedReportMap.sent.name, "\(table.name): say its rights here")
        switch who {
        case .patient: return Rights(select: true, insert: true)
        case .therapist: return Rights(select: true)
        case .otherPatient, .otherTherapist: return Rights()
        }
    }

    func testEveryTableEveryCommandEveryRole() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        let sessions: [Who: PGConnection] = [.patient: w.aSQL, .otherPatient: try w.sql(w.b.patientRole),
                                             .therapist: try w.sql(w.t1), .otherTherapist: try w.sql(w.t2)]
        var wrong: [String] = []
        var probes = 0
        let clinicOnly = RecordPart.clinicOnlyTables.map { ($0, nil as RecordPart?) }
        for (table, part) in RecordPart.allCases.flatMap({ p in p.tables.map { ($0, p as RecordPart?) } }) + clinicOnly {
            do {
                let key = ["patient_id"] + table.key
                // The row probed: A's last by key (visit 6, still to be scheduled; a published week).
                let row = try XCTUnwrap(try admin.query("""
                    SELECT to_jsonb(t)::text AS r FROM \(table.name) t WHERE patient_id = $1
                    ORDER BY \(key.map { "\($0) DESC" }.joined(separator: ", ")) LIMIT 1
                    """, [w.a.patientID]).rows.first?.text("r"), "\(table.name): A has a row")
                let match = key.map { "\($0) = (SELECT \($0) FROM jsonb_populate_record(NULL::\(table.name), $1::jsonb))" }
                    .joined(separator: " AND ")
                // A new row as the portal writes one: the id is the table's to give.
                let written = (["patient_id"] + table.columns.filter { $0.kind != .generatedID }.map(\.name)).joined(separator: ", ")
                for who in Who.allCases {
                    let db = try XCTUnwrap(sessions[who])
                    let may = part.map { Self.rights(table, in: $0, for: who) } ?? Self.clinicOnlyRights(table, for: who)
                    func check(_ what: String, _ expected: Bool, _ sql: String) {
                        probes += 1
                        let outcome = Self.probe(db, sql, [row])
                        if outcome.passed != expected {
                            wrong.append("\(who) \(what) \(table.name): \(expected ? "must work" : "must be refused"), \(outcome)")
                        }
                    }
                    check("SELECT", may.select, "SELECT * FROM \(table.name) WHERE \(match)")
                    check("INSERT", may.insert, "INSERT INTO \(table.name) (\(written)) SELECT \(written) FROM jsonb_populate_record(NULL::\(table.name), $1::jsonb)")
                    for column in table.columns.map(\.name) + ["patient_id"] {
                        check("UPDATE \(column) of", may.update.contains(column), "UPDATE \(table.name) SET \(column) = \(column) WHERE \(match)")
                    }
                    // A delete goes through the table's function (`ClinicDeletes`, qa-d D4), naming the row by its
                    // key; DELETE itself is nobody's (it would let a login LOCK the table against everyone).
                    let terms = table.key.map { "jsonb_build_object('c', '\($0)', 'op', '=', 'v', $1::jsonb->>'\($0)')" }.joined(separator: ", ")
                    check("DELETE (through its function)", may.delete, """
                        SELECT 1 WHERE public.\(ClinicDeletes.function(table.name))(($1::jsonb->>'patient_id')::bigint, jsonb_build_array(\(terms))) > 0
                        """)
                    check("DELETE itself", false, "DELETE FROM \(table.name) WHERE \(match)")
                }
            }
        }
        XCTAssertGreaterThan(probes, RecordPart.tables.count * Who.allCases.count * 4)
        XCTAssertEqual(wrong, [], "\(wrong.count) of \(probes) probes went the wrong way:\n" + wrong.joined(separator: "\n"))
    }

    /// The accounts are the administrator's: a patient's or therapist's login adds, removes and renames none.
    func testOnlyTheAdministratorManagesAccounts() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        for db in [w.aSQL, try w.sql(w.t1)] {
            for sql in ["INSERT INTO patient_account (role_name) VALUES ('intruder')",
                        "INSERT INTO therapist_account (role_name) VALUES ('intruder')",
                        "DELETE FROM patient_account", "DELETE FROM therapist_account",
                        "UPDATE patient_account SET therapist_role = NULL", "UPDATE patient_account SET role_name = role_name",
                        "UPDATE patient_account SET patient_id = patient_id", "UPDATE therapist_account SET role_name = role_name",
                        "CREATE ROLE intruder", "GRANT portal_therapist TO \(w.a.patientRole)"] {
                let outcome = Self.probe(db, sql, [])
                XCTAssertFalse(outcome.changed, "\(sql): \(outcome)")
            }
            // No login locks an account row (qa-f F3): a write takes its turn through record_turn (change 28).
            XCTAssertFalse(Self.probe(db, "UPDATE patient_account SET write_lock = write_lock", []).changed, "no UPDATE on the accounts")
        }
    }

    /// She books and moves her visits; she never records one completed or missed, nor writes its notes, and
    /// cannot touch what her therapist recorded. Her therapist can.
    func testAPatientBooksHerVisitsButNeverRecordsThem() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let outcomes: [(String, Bool)] = [
            ("UPDATE visit SET status = 'booked', starts_at = '2027-01-04T09:00' WHERE number = 6", true),
            ("UPDATE visit SET status = 'cancelled' WHERE number = 6", true),
            ("UPDATE visit SET mode = 'virtual', duration_minutes = 30 WHERE number = 6", true),
            ("UPDATE visit SET status = 'completed', starts_at = '2026-11-01T09:00' WHERE number = 6", false),
            ("UPDATE visit SET status = 'missed', starts_at = '2026-11-01T09:00' WHERE number = 6", false),
            ("UPDATE visit SET notes = 'Doing great, discharge early' WHERE number = 1", false),
            ("UPDATE visit SET focus = 'x', kind = 'discharge' WHERE number = 2", false),
            ("UPDATE visit SET number = 7 WHERE number = 6", false),
            ("INSERT INTO visit (patient_id, number, kind, status, duration_minutes, mode) SELECT patient_id, 6, 'discharge', 'to-schedule', 60, 'virtual' FROM patient", false),
            ("DELETE FROM visit WHERE number = 6", false),
        ]
        for (sql, works) in outcomes {
            let outcome = Self.probe(w.aSQL, sql, [])
            XCTAssertEqual(outcome.changed, works, "\(sql): \(outcome)")
        }
        // Her screens and commands know it: her login does not record visits, her therapist's does.
        XCTAssertFalse(w.a.recordsVisits)
        XCTAssertFalse(try w.a.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).recordsVisits)
        XCTAssertTrue(try w.store(w.t1, for: w.a).recordsVisits)
        // Through the portal: a booking works, recording it completed does not.
        var v6 = try XCTUnwrap(try w.a.carePlan()?.visits.last)
        v6.status = .booked
        v6.start = at("2027-01-04T09:00")
        XCTAssertEqual(try w.a.saveVisit(v6), v6)
        var v1 = try XCTUnwrap(try w.a.carePlan()?.visits.first)
        v1.status = .completed
        v1.notes = "Forged"
        XCTAssertThrowsError(try w.a.saveVisit(v1)) {
            XCTAssertEqual("\($0)", "You are not allowed to see or change that record, so nothing was saved.")
        }
        XCTAssertEqual(try w.a.carePlan()?.visits.first?.notes, "")
        // Her therapist records it; she reads what was recorded and cannot change it.
        try w.store(w.t1, for: w.a).saveVisit(v1)
        XCTAssertEqual(try w.a.carePlan()?.visits.first?.notes, "Forged")
        let undo = Self.probe(w.aSQL, "UPDATE visit SET status = 'booked' WHERE number = 1", [])
        XCTAssertFalse(undo.changed, "\(undo)")
    }

    /// The program is her therapist's: not a week, not a prescription, whatever origin or decision she claims.
    func testAPatientWritesNoProgramWeek() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let before = try w.everything(of: w.a.patientID)
        for sql in [
            "INSERT INTO program_week (patient_id, number, starts, published_at) SELECT patient_id, 3, '2026-11-16', now() FROM patient",
            "INSERT INTO program_week (patient_id, number, starts) SELECT patient_id, 3, '2026-11-16' FROM patient",
            "DELETE FROM program_week", "DELETE FROM prescription", "UPDATE program_week SET note = 'x'", "UPDATE prescription SET sets = 10",
            "INSERT INTO prescription (patient_id, week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) SELECT patient_id, 1, 9, 'bird-dog', 1, 1, 0, 0, 1, 1, 'none' FROM patient",
        ] {
            let outcome = Self.probe(w.aSQL, sql, [])
            XCTAssertFalse(outcome.changed, "\(sql): \(outcome)")
        }
        let week3 = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "Made up", prescriptions: [rx("clamshell", sets: 10)])
        XCTAssertThrowsError(try w.a.addProgramWeek(week3, library: sharedContent.exercises, today: week3.starts.adding(days: -1)))
        XCTAssertThrowsError(try w.a.replaceUpcomingWeeks([week3], library: sharedContent.exercises, today: day("2026-11-10")))
        XCTAssertEqual(try w.everything(of: w.a.patientID), before)
    }

    /// Six visits numbered 1 to 6, at the end of every transaction, whoever writes: even the administrator,
    /// who may delete, cannot take one away (only the whole care plan, with her record).
    func testACarePlanKeepsItsSixVisitsWhoeverWrites() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        let a = w.a.patientID
        for sql in ["DELETE FROM visit WHERE patient_id = $1 AND number = 6", "UPDATE visit SET number = 7 WHERE patient_id = $1 AND number = 6",
                    "DELETE FROM visit WHERE patient_id = $1 AND number > 4"] {
            let outcome = Self.probe(admin, sql, [a], immediate: true)
            XCTAssertFalse(outcome.changed, "\(sql): \(outcome)")
        }
        XCTAssertTrue(Self.probe(admin, "DELETE FROM visit WHERE patient_id = $1", [a], immediate: true).changed, "the whole plan may go")
        // Committed, not just checked: the deferred rule runs at COMMIT.
        XCTAssertThrowsError(try admin.transaction { try $0.query("DELETE FROM visit WHERE patient_id = $1 AND number = 6", [a]) })
        XCTAssertEqual(try w.a.carePlan()?.visits.count, 6)
        XCTAssertNoThrow(try PostgresStore.caseload(try w.sql(w.t1), clock: PortalClock(today: day("2026-11-27"), time: time("12:00")), guide: sharedContent.safety))
    }

    /// How a statement went: `changed` when it touched a row; `passed` when the rights let it through (it
    /// touched a row, or only the table's own rules stopped it: its key, a check, an id the table gives).
    struct Outcome: CustomStringConvertible {
        let changed: Bool
        let passed: Bool
        let description: String
    }

    /// Runs `sql` in a transaction that is always rolled back, so the record stays as it was. `immediate`
    /// checks the deferred rules at the statement.
    static func probe(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?], immediate: Bool = false) -> Outcome {
        defer { _ = try? db.query("ROLLBACK") }
        do {
            _ = try db.query("BEGIN")
            if immediate { _ = try db.query("SET CONSTRAINTS ALL IMMEDIATE") }
            let r = try db.query(sql, params)
            let n = max(r.affected, r.rows.count)
            return Outcome(changed: n > 0, passed: n > 0, description: n > 0 ? "it touched \(n) row(s)" : "it reached no row")
        } catch let PGError.server(code, message, _) {
            let rule = code.hasPrefix("23")
            return Outcome(changed: false, passed: rule, description: "\(rule ? "stopped by a rule of the table" : "refused"): \(code) \(message)")
        } catch {
            return Outcome(changed: false, passed: false, description: "refused: \(error)")
        }
    }
}
