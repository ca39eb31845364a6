import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The clinic keeps every change to a record: who made it (her login), when, what, and the row before. The
/// database writes it, whoever changes the row and however; only the administrator reads it, and nobody
/// changes or removes it. (Issue 21, point 2.)
final class ClinicHistoryTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    struct Change: Equatable {
        let who: String, op: String, table: String
        let old: [String: Any]?, new: [String: Any]?
        static func == (a: Change, b: Change) -> Bool { a.who == b.who && a.op == b.op && a.table == b.table }
    }

    /// Patient `id`'s history in `table`, oldest first, as the administrator reads it.
    func history(_ w: ClinicWorld, of id: Int64, in table: String) throws -> [Change] {
        try w.sql("postgres").query("""
            SELECT who, op, table_name, old_row::text AS o, new_row::text AS n FROM clinical_history
            WHERE patient_id = $1 AND table_name = $2 ORDER BY at
            """, [id, table]).rows.map { r in
            func json(_ column: String) throws -> [String: Any]? {
                guard let text: String = try r.optional(column) else { return nil }
                return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            }
            return Change(who: try r.text("who"), op: try r.text("op"), table: try r.text("table_name"), old: try json("o"), new: try json("n"))
        }
    }

    func testADeletedPainEntryLeavesHerRecordAndStaysInTheHistory() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let now = at("2026-11-27T12:00")
        var entry = try w.a.addPainEntry(PainEntry(date: day("2026-11-24"), time: time("21:00"), score: 7, sites: [SiteSide(.groin, .left)],
                                                   triggers: [.walking], note: "after the walk"), now: now)
        entry.score = 5
        try w.a.updatePainEntry(entry, now: now)
        try w.a.deletePainEntry(id: try XCTUnwrap(entry.id))

        // Gone from what she and her therapist see, and from every export (they read the record).
        XCTAssertFalse(try w.a.painEntries().contains { $0.id == entry.id })
        XCTAssertFalse(try w.a.record(.whole).painEntries.contains { $0.note == "after the walk" })
        XCTAssertFalse(try w.store(w.t1, for: w.a).record(.whole).painEntries.contains { $0.note == "after the walk" })

        let changes = try history(w, of: w.a.patientID, in: "pain_entry").filter {
            ($0.old?["id"] ?? $0.new?["id"]) as? Int == Int(entry.id!)
        }
        XCTAssertEqual(changes.map(\.op), ["INSERT", "UPDATE", "DELETE"])
        XCTAssertEqual(Set(changes.map(\.who)), [w.a.patientRole], "who: her own login")
        XCTAssertEqual(changes[1].old?["score"] as? Int, 7, "the row before the update")
        XCTAssertEqual(changes[1].new?["score"] as? Int, 5)
        XCTAssertEqual(changes[2].old?["note"] as? String, "after the walk", "the deleted row is kept whole")
        XCTAssertNil(changes[2].new)
        // Its site and trigger, deleted with it, are kept too (the update wrote them again: deleted twice).
        for table in ["pain_site", "pain_trigger"] {
            let deleted = try history(w, of: w.a.patientID, in: table).filter { $0.op == "DELETE" }
            XCTAssertEqual(deleted.map { $0.old?["entry_id"] as? Int }, [Int(entry.id!), Int(entry.id!)], table)
        }
        XCTAssertEqual(try history(w, of: w.a.patientID, in: "pain_site").last?.old?["site"] as? String, "groin")
        // A delete by raw SQL leaves the same trace as one through the portal.
        let other = try w.a.addPainEntry(PainEntry(date: day("2026-11-25"), time: time("08:00"), score: 2, note: "sql"), now: now)
        try w.aSQL.execute(ClinicWorld.deleting("pain_entry", ["id": "\(other.id!)"]), [w.a.patientID])
        XCTAssertTrue(try history(w, of: w.a.patientID, in: "pain_entry").contains { $0.op == "DELETE" && $0.old?["note"] as? String == "sql" })
    }

    func testEveryTableOfTheRecordKeepsItsHistoryWithWhoWrote() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        // The world's records were set up by the administrator and filled by each patient: every table of the
        // record (the map's list) has its inserts in the history; her therapist answered her last question.
        for table in RecordPart.tables + RecordPart.clinicOnlyTables {
            let changes = try history(w, of: w.a.patientID, in: table.name)
            // What she sent her therapist is kept once, as she sent it: nobody changes or deletes it (qa-d D2).
            if table.name == SharedReportMap.sent.name {
                XCTAssertTrue(changes.isEmpty, "\(changes)")
                continue
            }
            XCTAssertFalse(changes.isEmpty, "\(table.name) keeps its history")
            // Her therapist's review of her warning signs is written by her therapist's own login (issue 23), and so is
            // the answer to her question.
            let writers = ["postgres", w.a.patientRole] + (table.name == SignReviewMap.reviews.name ? [w.t1] : [])
            let answers = table.name == QuestionMap.questions.name ? changes.filter { $0.op == "UPDATE" } : []
            XCTAssertTrue(changes.filter { $0.op != "UPDATE" || answers.isEmpty }.allSatisfy { $0.op == "INSERT" && writers.contains($0.who) },
                          "\(table.name)")
            XCTAssertTrue(answers.allSatisfy { $0.who == w.t1 }, "the answer is his")
        }
        // Her therapist's change carries her login, and the visit as it was.
        var v2 = try XCTUnwrap(try w.a.carePlan()?.visits[1])
        v2.status = .booked
        v2.start = at("2026-11-09T09:00")
        try w.store(w.t1, for: w.a).saveVisit(v2)
        let booked = try XCTUnwrap(try history(w, of: w.a.patientID, in: "visit").last)
        XCTAssertEqual(booked.who, w.t1)
        XCTAssertEqual(booked.op, "UPDATE")
        XCTAssertEqual(booked.old?["status"] as? String, "to-schedule")
        XCTAssertEqual(booked.new?["status"] as? String, "booked")
        // B's history is B's: nothing of A's changes in it.
        XCTAssertTrue(try history(w, of: w.b.patientID, in: "visit").allSatisfy { $0.who != w.t1 })
    }

    func testOnlyTheAdministratorReadsTheHistoryAndNobodyChangesIt() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        for role in [w.a.patientRole, w.b.patientRole, w.t1] {
            let db = try w.sql(role)
            for sql in ["SELECT * FROM clinical_history", "SELECT count(*) FROM clinical_history",
                        "INSERT INTO clinical_history (op, table_name, patient_id) VALUES ('DELETE', 'pain_entry', 1)",
                        "UPDATE clinical_history SET who = 'x'", "DELETE FROM clinical_history", "TRUNCATE clinical_history",
                        "SELECT record_history()"] {
                let outcome = RightsByRoleTests.probe(db, sql, [])
                XCTAssertFalse(outcome.passed, "\(role): \(sql): \(outcome)")
            }
        }
        let admin = try w.sql("postgres")
        let count = { try admin.query("SELECT count(*) AS n FROM clinical_history").rows.first?.int("n") ?? 0 }
        let before = try count()
        XCTAssertGreaterThan(before, 0)
        for sql in ["UPDATE clinical_history SET who = 'x'", "DELETE FROM clinical_history", "TRUNCATE clinical_history"] {
            XCTAssertThrowsError(try admin.transaction { try $0.query(sql) }, "append-only, even for the administrator: \(sql)")
        }
        XCTAssertEqual(try count(), before)
    }
}
