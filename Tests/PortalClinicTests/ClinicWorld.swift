import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Two patients, each with a whole record, and two therapists: t1 treats A, t2 treats B. Every session is a
/// real login as that person's role on a private cluster.
struct ClinicWorld {
    let cluster: PrivateCluster
    let a: PostgresStore, b: PostgresStore
    let t1: String, t2: String
    /// A's own session with raw SQL: what any program holding A's login could send.
    let aSQL: PGConnection

    init(_ cluster: PrivateCluster) throws {
        self.cluster = cluster
        t1 = try cluster.newTherapist()
        t2 = try cluster.newTherapist()
        a = try PostgresStore.open(cluster.conninfo(try cluster.newPatient(therapist: t1)))
        b = try PostgresStore.open(cluster.conninfo(try cluster.newPatient(therapist: t2)))
        for (store, therapist) in [(a, t1), (b, t2)] {
            try Self.seed(store, cluster)
            // Her last question answered by her therapist: the row of hers the rights tests probe is answered.
            let last = try XCTUnwrap(try store.questions().last?.id)
            try PostgresStore.open(cluster.conninfo(therapist), patient: store.patientRole)
                .answerQuestion(id: last, answer: "private answer", at: at("2026-11-27T12:30"))
            // What she sent her therapist from Share (clinic-only, outside the record's parts).
            try store.send(SharedReport(date: day("2026-11-25"), time: time("18:00"), format: .reportText, sections: [.pain],
                                        body: "private report of \(store.patientRole)"))
        }
        aSQL = try PGConnection(cluster.conninfo(a.patientRole))
    }

    /// A record with something in every table: one row or more of every part of the record (the switch names
    /// every part, so a part added to the record is seeded here before these tests compile).
    /// The administrator sets her record up (as `clinic add-patient` does); she writes her own diaries.
    static func seed(_ store: PostgresStore, _ cluster: PrivateCluster) throws {
        let now = at("2026-11-27T12:00")
        for part in RecordPart.allCases {
            switch part {
            case .profile:
                let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
                var patient = pregnantPatient(conditions: [.lowBack, .pelvicGirdle])
                patient.clinic = "Harbor"
                try cluster.admin().record(of: store.patientRole)
                    .setUp(patient: patient, plan: plan, weeks: StoreContract.weeks, readingList: ["a", "b"])
            case .carePlan, .program:
                break  // set up with the profile
            case .painDiary:
                try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: 4, sites: [SiteSide(.buttock, .left)],
                                                 triggers: [.stairs], note: "private note"), now: now)
            case .exerciseLog:
                try store.markDone(exerciseID: "clamshell", on: day("2026-11-10"), today: day("2026-11-10"))
            case .reading:
                try store.markArticleRead("a", on: day("2026-11-21"))
            case .checkIns:
                try store.saveQuizResult(QuizResult(date: day("2026-11-22"), answers: ["leak-cough": true]))
            case .signReports:
                try store.add(SignReport(date: day("2026-11-23"), time: time("07:30"), signs: ["severe-headache"]),
                              rules: EntryRules(now: now, content: sharedContent))
            case .bladderDiary:
                try store.add(BladderEvent.leak(day("2026-11-24"), time("09:10"), amount: .wet, activity: .urge, note: "private bladder note"),
                              rules: EntryRules(now: now, content: sharedContent))
            case .bowelLog:
                try store.add(BowelEntry(date: day("2026-11-24"), time: time("07:00"), type: .six, urgency: true, leaks: [.liquid]),
                              rules: EntryRules(now: now, content: sharedContent))
            case .measures:
                try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-02"), activities: [
                    RatedActivity("Lifting", 3), RatedActivity("Walking", 5), RatedActivity("Sitting", 4),
                ]), rules: EntryRules(now: now, content: sharedContent))
            case .reminderSettings:
                try store.saveReminderSettings(ReminderSettings(daily: [.exercises: DailyReminder(time: time("18:00"))],
                                                                visitOffsets: [VisitReminderOffset(minutes: 120)!]))
            case .reminderLog:
                try store.logReminder(ReminderDelivery(kind: .exercises, subject: "exercises/2026-11-26", at: at("2026-11-26T18:00"),
                                                       outcome: .waiting))
            case .signReviews:
                // Her therapist's review of what was written before her sign report (nothing with a sign), as
                // her own login writes it: the sign of 23 Nov is still to review (the caseload flags it).
                // A world whose patient has no therapist has no review.
                guard let therapist: String = try PGConnection(cluster.conninfo("postgres"))
                    .query("SELECT therapist_role FROM patient_account WHERE role_name = $1", [store.patientRole]).rows.first?
                    .optional("therapist_role") else { break }
                try PGConnection(cluster.conninfo(therapist)).query("""
                    INSERT INTO sign_review (patient_id, reviewed_at, signs_until, reviewer, entered_through)
                    VALUES ($1, '2026-11-22T09:00', '2026-11-22T08:00', current_user,
                            (SELECT max(entered) - 1 FROM sign_report WHERE patient_id = $1))
                    """, [store.patientID])
            case .questions:
                try store.ask("private question waiting", at: at("2026-11-25T20:00"))
                try store.ask("private question to answer", at: at("2026-11-26T20:00"))
            }
        }
    }

    /// A session as `role` acting for the patient whose role is `patient` (a therapist's).
    func store(_ role: String, for patient: PostgresStore) throws -> PostgresStore {
        try PostgresStore.open(cluster.conninfo(role), patient: patient.patientRole)
    }

    func sql(_ role: String) throws -> PGConnection { try PGConnection(cluster.conninfo(role)) }

    /// The tables that hold a patient's rows, read from the catalog (every table with a patient_id column but the
    /// clinic's own: the history, the program requests), so a table added later is checked too.
    func recordTables() throws -> [String] {
        try sql("postgres").query("""
            SELECT c.table_name::text AS t FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND c.column_name = 'patient_id' AND t.table_type = 'BASE TABLE'
              AND c.table_name <> ALL (string_to_array($1, ','))
            ORDER BY 1
            """, [ClinicHistory.clinicTables.joined(separator: ",")]).rows.map { try $0.text("t") }
    }

    /// Every row of patient `id`, table by table, as the administrator sees it: to show nothing changed.
    func everything(of id: Int64) throws -> [String: [String]] {
        let admin = try sql("postgres")
        var out: [String: [String]] = [:]
        for table in try recordTables() {
            out[table] = try admin.query("SELECT t::text AS r FROM \(table) t WHERE patient_id = $1 ORDER BY 1", [id]).rows.map { try $0.text("r") }
        }
        return out
    }
}

extension ClinicWorld {
    /// Every row of the patient whose login is `role`, as the administrator sees it, with her account.
    static func everythingOf(role: String, in cluster: PrivateCluster) throws -> [String: [String]] {
        let admin = try PGConnection(cluster.conninfo("postgres"))
        let account = try admin.query("SELECT a::text AS r, patient_id FROM patient_account a WHERE role_name = $1", [role]).rows
        guard let id = try account.first?.int64("patient_id") else { return [:] }
        let tables = try admin.query("""
            SELECT c.table_name::text AS t FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND c.column_name = 'patient_id' AND t.table_type = 'BASE TABLE' ORDER BY 1
            """).rows.map { try $0.text("t") }
        var out = ["account": try account.map { try $0.text("r") }]
        for table in tables where table != "patient_account" {
            out[table] = try admin.query("SELECT t::text AS r FROM \(table) t WHERE patient_id = $1 ORDER BY 1", [id]).rows.map { try $0.text("r") }
        }
        return out
    }
}

/// Runs `statement` and says whether the server let it touch anything: nil when it was refused outright,
/// else the number of rows it changed or returned.
extension ClinicWorld {
    /// The statement by which a login deletes `table`'s rows of record `$1` whose columns equal `equal`'s values:
    /// through the table's function (`ClinicDeletes`; no login holds DELETE, qa-d D4). It returns one row per row
    /// deleted, for `rowsTouched`; it is refused where the login may not delete from the table at all.
    static func deleting(_ table: String, _ equal: KeyValuePairs<String, String> = [:]) -> String {
        let terms = equal.map { #"{"c": "\#($0.key)", "op": "=", "v": "\#($0.value)"}"# }
        return "SELECT generate_series(1, public.\(ClinicDeletes.function(table))($1, '[\(terms.joined(separator: ", "))]'::jsonb))"
    }
}

func rowsTouched(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?] = []) -> Int? {
    do {
        let r = try db.transaction { try $0.query(sql, params) }
        return max(r.affected, r.rows.count)
    } catch {
        return nil
    }
}

extension PrivateCluster {
    /// The clinic's clock, to the minute, as the clinic's guards read it (`ClinicSchema.guards`: `clinic_now()`).
    func serverNow() throws -> LocalDateTime {
        let text = try PGConnection(conninfo("postgres"))
            .query("SELECT to_char(date_trunc('minute', clinic_now()), 'YYYY-MM-DD\"T\"HH24:MI') AS t").rows.first?.text("t")
        guard let now = text.flatMap(LocalDateTime.init) else { throw PortalError.storage("no server time") }
        return now
    }
}

extension XCTestCase {
    /// The SQLSTATE the server refuses `sql` with, or a failure naming what ran.
    func refusal(_ db: PGConnection, _ sql: String, _ params: [(any PGParam)?] = [], file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let r = try db.query(sql, params)
            XCTFail("ran and returned \(r.rows.count) row(s): \(sql)", file: file, line: line)
            return nil
        } catch let error as PGError {
            return error.sqlState
        } catch {
            XCTFail("\(sql): \(error)", file: file, line: line)
            return nil
        }
    }
}
