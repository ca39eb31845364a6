import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-f F3: a therapist's login held `SELECT … FROM patient_account FOR NO KEY UPDATE` open (allowed: she held a
/// column's UPDATE there), and every pain entry and warning sign of her patients waited on it, then failed as
/// "busy". No login may hold a row lock another login's write waits on (change 28, `ClinicSchema.turns`). Every
/// probe is sent as the real login; every write is the portal's own, by the other logins, with a short
/// `lock_timeout` so a wait shows as a refusal at once.
final class RowLockTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    static let modes = ["UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE"]
    let now = at("2026-11-27T12:00")

    /// The attack as qa-f sent it: refused, and her patient's pain entry and warning sign are saved meanwhile.
    func testATherapistCannotLockHerPatientsAccountRows() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1)
        _ = try t1.query("SET idle_in_transaction_session_timeout = 0")
        _ = try t1.query("BEGIN")
        for mode in Self.modes {
            _ = try t1.query("SAVEPOINT probe")
            XCTAssertEqual(refusal(t1, "SELECT role_name FROM patient_account FOR \(mode)"), "42501", mode)
            _ = try t1.query("ROLLBACK TO SAVEPOINT probe")
        }
        // Her turn at writing A's record (what the portal's writes take) is hers alone: it holds nothing A waits on.
        XCTAssertEqual(try t1.query("SELECT public.record_turn($1) AS t", [w.a.patientID]).rows.first?.text("t"), "t")
        let a = try quick(w, w.a.patientRole)
        let rules = EntryRules(now: now, content: sharedContent)
        XCTAssertNoThrow(try a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("08:00"), score: 3), now: now))
        XCTAssertNoThrow(try a.add(SignReport(date: day("2026-11-27"), time: time("08:05"), signs: ["chest-pain"]), rules: rules))
        // Another caseload's record is not hers to take a turn at; nor is any record a patient's but her own.
        XCTAssertEqual(try t1.query("SELECT public.record_turn($1) AS t", [w.b.patientID]).rows.first?.text("t"), "f")
        _ = try t1.query("ROLLBACK")
        XCTAssertEqual(try w.aSQL.query("SELECT public.record_turn($1) AS t", [w.b.patientID]).rows.first?.text("t"), "f")
    }

    /// Every lock every login can take, on every table of the clinic's schema, held in one open transaction; meanwhile
    /// each other login makes the portal's writes. None waits: each lock a login may take is on a row only its own
    /// sessions write, and the rest are refused. What is left is said below (`sharedRows`).
    func testNoLoginsRowLockHoldsUpAnotherLoginsWrite() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        let tables = try admin.query("""
            SELECT relname::text AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1
            """).rows.map { try $0.text("t") }
        XCTAssertTrue(tables.contains("patient_account") && tables.contains("record_change") && tables.contains("therapist_account"))

        let a = try quick(w, w.a.patientRole), b = try quick(w, w.b.patientRole)
        let t1 = try quick(w, w.t1, for: w.a), t2 = try quick(w, w.t2, for: w.b)
        let writers: [(login: String, writes: [(String, (Int) throws -> Void)])] = [
            (w.a.patientRole, patientWrites(a)), (w.b.patientRole, patientWrites(b)),
            (w.t1, therapistWrites(t1, patient: w.a, admin: admin)), (w.t2, therapistWrites(t2, patient: w.b, admin: admin)),
        ]
        // Who treats whom: the only pairs whose writes share rows.
        let pairs: Set<[String]> = [[w.a.patientRole, w.t1], [w.t1, w.a.patientRole], [w.b.patientRole, w.t2], [w.t2, w.b.patientRole]]

        var held: [String] = [], waited: [String] = [], shared: [String] = []
        for (round, holder) in [w.a.patientRole, w.b.patientRole, w.t1, w.t2].enumerated() {
            let db = try w.sql(holder)
            _ = try db.query("SET idle_in_transaction_session_timeout = 0")
            _ = try db.query("SET statement_timeout = 0")
            _ = try db.query("BEGIN")
            for table in tables {
                for mode in Self.modes {
                    _ = try db.query("SAVEPOINT probe")
                    do {
                        let n = try db.query("SELECT count(*) AS n FROM (SELECT 1 FROM \(table) FOR \(mode)) AS l").rows.first?.int("n") ?? 0
                        _ = try db.query("RELEASE SAVEPOINT probe")
                        if n > 0 { held.append("\(holder) \(table) \(mode)") }
                    } catch {
                        _ = try db.query("ROLLBACK TO SAVEPOINT probe")
                    }
                }
            }
            for writer in writers where writer.login != holder {
                for (name, write) in writer.writes {
                    do {
                        try write(round)
                    } catch {
                        let busy = "\(error)".contains("busy with another change")
                        if busy, Self.sharedRows.contains(name), pairs.contains([holder, writer.login]) {
                            shared.append("\(holder == w.t1 || holder == w.t2 ? "therapist" : "patient") holds \(name)")
                        } else {
                            waited.append("\(holder)'s locks: \(writer.login) \(name): \(error)")
                        }
                    }
                }
            }
            _ = try db.query("ROLLBACK")
        }
        XCTAssertEqual(waited, [], "locks held: \(held)")
        // What is left: rows a patient and her own therapist both change (README, "Locks"). Each holds up only
        // the other's change of that same row; a diary entry, a warning sign, an exercise, a report never wait.
        XCTAssertEqual(Set(shared), ["patient holds visit", "patient holds answer", "therapist holds visit booking", "therapist holds answer read"],
                       "\(shared)")
        // No login locks an account row, or a count of changes, or another's receipts.
        XCTAssertEqual(held.filter { $0.contains("patient_account") || $0.contains("therapist_account") || $0.contains("record_change") }, [])
    }

    /// The writes that change a row both a patient and her own therapist change: a visit (she books, he records)
    /// and a question (she marks its answer read, he answers).
    static let sharedRows: Set<String> = ["visit", "visit booking", "answer", "answer read"]

    /// The portal's own store as `role` (for `patient`'s record when a therapist), waiting for a lock 300 ms at most.
    func quick(_ w: ClinicWorld, _ role: String, for patient: PostgresStore? = nil) throws -> PostgresStore {
        let conninfo = w.cluster.conninfo(role) + " options='-c lock_timeout=300'"
        return try PostgresStore.open(conninfo, patient: patient?.patientRole)
    }

    /// What a patient's portal writes, one write each (`round` keeps each round's rows its own).
    func patientWrites(_ s: PostgresStore) -> [(String, (Int) throws -> Void)] {
        let rules = EntryRules(now: now, content: sharedContent)
        return [
            ("pain entry", { r in
                try s.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("0\(r):10"), score: 4, sites: [SiteSide(.buttock, .left)],
                                             triggers: [.stairs]), now: self.now)
            }),
            ("warning sign", { r in
                try s.add(SignReport(date: day("2026-11-27"), time: time("0\(r):20"), signs: ["chest-pain"]), rules: rules)
            }),
            ("exercise done and undone", { _ in
                try s.markDone(exerciseID: "clamshell", on: day("2026-11-11"), today: day("2026-11-11"))
                _ = try s.undoDone(exerciseID: "clamshell", on: day("2026-11-11"))
            }),
            ("bladder diary", { r in
                try s.add(BladderEvent.leak(day("2026-11-27"), time("0\(r):30"), amount: .damp, activity: .cough, note: ""), rules: rules)
            }),
            ("article read", { _ in try s.markArticleRead("b", on: day("2026-11-27")) }),
            ("question", { r in _ = try s.ask("Question of round \(r)", at: self.now) }),
            ("visit booking", { r in
                let visit = try XCTUnwrap(try s.carePlan()?.visits[5])
                try s.saveVisit(try visit.booking(at: at("2027-01-0\(r + 4)T09:00"), now: self.now))
            }),
            ("answer read", { _ in
                let answered = try s.questions().filter { !$0.answer.isEmpty }.compactMap(\.shown)
                try s.markAnswersRead(answered, at: self.now)
            }),
            ("report sent", { r in
                _ = try s.send(SharedReport(date: day("2026-11-27"), time: time("09:00"), format: .reportText, sections: [.pain],
                                            body: "report of round \(r)"))
            }),
        ]
    }

    /// What her therapist's portal writes in her record.
    func therapistWrites(_ s: PostgresStore, patient: PostgresStore, admin: PGConnection) -> [(String, (Int) throws -> Void)] {
        [
            ("answer", { r in
                let last = try XCTUnwrap(try s.questions().last?.id)
                _ = try s.answerQuestion(id: last, answer: "Answer of round \(r)", at: self.now)
            }),
            ("sign review", { r in
                // A sign to review, written as the administrator (who takes nobody's turn but the record's own).
                let newest = try XCTUnwrap(try admin.query("""
                    WITH s AS (INSERT INTO sign_report (patient_id, date, time, signs) VALUES ($1, '2026-11-27', '11:0\(r)', 'chest-pain')
                               RETURNING entered) SELECT entered FROM s
                    """, [patient.patientID]).rows.first?.int64("entered"))
                try s.reviewSigns(SignReview(reviewedAt: self.now, through: self.now, enteredThrough: newest, reviewer: s.login))
            }),
            ("draft week", { r in
                let drafts = try s.draftWeeks()
                let latest = try XCTUnwrap(try s.program().weeks.filter { !drafts.contains($0.number) }.last)
                try s.saveDraftWeek(ProgramWeek(number: latest.number + 1, starts: max(latest.starts.adding(days: 7), self.now.date.adding(days: 1)),
                                                note: "round \(r)",
                                                prescriptions: latest.prescriptions, origin: .therapist),
                                    library: sharedContent.exercises, today: self.now.date)
            }),
            ("visit", { r in
                var visit = try XCTUnwrap(try s.carePlan()?.visits[4])
                visit.focus = "Round \(r)"
                try s.saveVisit(visit)
            }),
        ]
    }
}
