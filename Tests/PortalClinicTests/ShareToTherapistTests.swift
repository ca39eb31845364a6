import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import PortalRuntime
import PortalUI
import StoreTestSupport
import XCTest

/// Issue 21, point 7: in a clinic Share is "send to my therapist". What she picks is kept in her record for her
/// therapist (the same text a file would hold), shows on her therapist's caseload, and is read with `portal
/// clinic shared`; a file is written only where the clinic set a share folder, named by its real path. Each
/// step as the real login (the rights themselves, in SQL: `RightsByRoleTests`).
final class ShareToTherapistTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let clock = PortalClock(today: day("2026-11-27"), time: time("14:05"))

    /// The server's local date and time now (as the trigger of change 18 reads it), as a portal clock.
    static func serverClock(_ db: PGConnection) throws -> PortalClock {
        let r = try XCTUnwrap(try db.query("SELECT to_char(localtimestamp, 'YYYY-MM-DD') AS d, to_char(localtimestamp, 'HH24:MI') AS t").rows.first)
        return PortalClock(today: try XCTUnwrap(CalendarDate(try r.text("d"))), time: try XCTUnwrap(TimeOfDay(try r.text("t"))))
    }

    /// QA H15: the report after the day's last one the clinic takes is refused in her words, with the way on
    /// (w writes the file where the clinic set a share folder), never the database's sentence.
    func testTheReportPastTheDaysLimitIsRefusedInHerWordsWithTheWayOn() throws {
        let c = try Self.cluster.get()
        let role = try c.newPatient(therapist: try c.newTherapist())
        let clock = try Self.serverClock(try PGConnection(c.conninfo("postgres")))
        try DemoPatient(content: sharedContent, today: clock.today).load(into: try c.admin().record(of: role))
        let hers = try PostgresStore.open(c.conninfo(role))
        for i in 0..<ClinicSchema.sharedReportsPerDay {
            try hers.send(SharedReport(date: clock.today, time: clock.time, format: .reportText, sections: [.pain], body: "report \(i)"))
        }
        let request = ShareRequest(format: .reportText, sections: [.pain], fileName: "report.txt", overwrite: false, toTherapist: true)
        let noFolder = EffectRunner(store: hers, content: sharedContent, shareFolder: nil, clock: { clock }).perform(.share(request))
        guard case .failed(_, let plain)? = noFolder.last else { return XCTFail("sent past the limit: \(noFolder)") }
        XCTAssertEqual(plain, .rule("You have sent your therapist as much as the clinic takes in a day (at most 10 reports); if something worries you now, call your clinic. You can send again tomorrow."))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("share-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let withFolder = EffectRunner(store: hers, content: sharedContent, shareFolder: folder, clock: { clock }).perform(.share(request))
        guard case .failed(_, let withFile)? = withFolder.last else { return XCTFail("sent past the limit: \(withFolder)") }
        XCTAssertEqual(withFile, .rule("You have sent your therapist as much as the clinic takes in a day (at most 10 reports); if something worries you now, call your clinic. You can send again tomorrow, or press w to write the file."))
        XCTAssertEqual(try hers.sharedReports(limit: nil).count, ClinicSchema.sharedReportsPerDay, "nothing more was kept")
    }

    func testWhatSheSendsIsKeptForHerTherapistAndShownOnHerCaseload() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist(), other = try c.newTherapist()
        let role = try c.newPatient(therapist: therapist)
        // Sent when the server says (change 18): her portal's clock is the server's day here, so the caseload's
        // "sent this week" is of the day the test runs.
        let clock = try Self.serverClock(try PGConnection(c.conninfo("postgres")))
        try DemoPatient(content: sharedContent, today: clock.today).load(into: try c.admin().record(of: role))
        let hers = try PostgresStore.open(c.conninfo(role))
        XCTAssertTrue(hers.sendsToTherapist)
        XCTAssertTrue(try hers.snapshot(clock: clock).sendsToTherapist, "her Share screen sends")

        let runner = EffectRunner(store: hers, content: sharedContent, shareFolder: nil, clock: { clock })
        let request = ShareRequest(format: .reportText, sections: [.pain, .exercises, .visits], fileName: "report.txt",
                                   overwrite: false, toTherapist: true)
        let messages = runner.perform(.share(request))
        guard case .completed(_, .sent(let sent))? = messages.last else { return XCTFail("not sent: \(messages)") }
        // The text a file of the same choice would hold.
        let data = try ExportData.load(from: hers, content: sharedContent, today: clock.today).limited(to: request.sections)
        let expected = String(decoding: try ShareFormat.reportText.render(data, madeBy: .clinicPatient), as: UTF8.self)
        XCTAssertEqual(sent.body, expected)
        // Its header says she made it from her clinic's record, not with a portal of her own (issue 23).
        XCTAssertTrue(sent.body.contains("by the patient from her clinic's record"), sent.body)
        XCTAssertFalse(sent.body.contains("own portal"), sent.body)
        XCTAssertEqual(try hers.sharedReports(limit: nil), [sent], "kept in her record")
        XCTAssertEqual(sent.sections, [.pain, .visits, .exercises], "in the order of the parts")

        // Her therapist: on the caseload (without reading the text), and the text itself, as sent.
        let lines = try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: clock, content: sharedContent)
        let summary = "One-page report (plain text), sent \(clock.today.shortText) at \(sent.time)"
        XCTAssertEqual(sent.summary, summary)
        XCTAssertEqual(lines.first?.lastShared?.summary, summary)
        XCTAssertEqual(lines.first?.lastShared?.body, "", "the caseload reads no file's text")
        let caseload = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(therapist)], in: self)
        XCTAssertTrue(caseload.1.contains("    she sent you: \(summary)\n"), caseload.1)
        XCTAssertTrue(caseload.1.contains("    what she sent you: portal clinic shared --patient \(role)\n"), caseload.1)
        XCTAssertTrue(lines.first?.reasons.contains(.sentReport(summary)) ?? false,
                      "a report sent this week is a reason to look at her row")
        let shown = try PortalExecutable.run(["clinic", "shared", "--patient", role, "--db", c.conninfo(therapist)], in: self)
        XCTAssertEqual(shown.0, 0, shown.1)
        // The portal's own file, made again from her record by her therapist's portal (qa-h H13); what her login
        // stored, as text marked as hers, with --as-sent.
        XCTAssertTrue(shown.1.contains("by her therapist"), shown.1)
        XCTAssertTrue(shown.1.contains("Made by the portal from \(role)'s clinic record"), shown.1)
        let asSent = try PortalExecutable.run(["clinic", "shared", "--as-sent", "--patient", role, "--db", c.conninfo(therapist)], in: self)
        XCTAssertEqual(asSent.1, "What \(role)'s login stored as “\(summary)”; not made by the portal, do not open it as a page:\n"
                       + PlainText.removingControls(expected))
        let listed = try PortalExecutable.run(["clinic", "shared", "--list", "--patient", role, "--db", c.conninfo(therapist)], in: self)
        XCTAssertEqual(listed.1, "\(summary): pain, visits, exercises\n")
        let herTherapists = try PostgresStore.open(c.conninfo(therapist), patient: role)
        XCTAssertFalse(herTherapists.sendsToTherapist)
        XCTAssertEqual(try herTherapists.sharedReports(limit: nil).map(\.body), [expected])
        XCTAssertThrowsError(try herTherapists.send(sent), "only she sends")

        // Another therapist: not in her caseload, nothing to read.
        let refused = try PortalExecutable.run(["clinic", "shared", "--patient", role, "--db", c.conninfo(other)], in: self)
        XCTAssertNotEqual(refused.0, 0)
        XCTAssertTrue(refused.1.contains("There is no patient"), refused.1)
        XCTAssertFalse(refused.1.contains("Sit"), refused.1)
    }

    /// When she sent it is the server's clock (change 18), whatever her client says: a report dated in the past or
    /// the future by her portal's clock, or by her own SQL as her real login, is kept as sent now; her record
    /// holds what the server kept, and only the administrator writes another date (as an import would).
    func testWhenSheSentItIsTheServersNowWhateverHerClientSays() throws {
        let c = try Self.cluster.get()
        let role = try c.newPatient(therapist: try c.newTherapist())
        try DemoPatient(content: sharedContent, today: clock.today).load(into: try c.admin().record(of: role))
        let hers = try PostgresStore.open(c.conninfo(role))
        let sql = try PGConnection(c.conninfo(role))
        for (date, time) in [(day("2020-01-01"), time("03:00")), (day("2031-06-30"), time("23:59"))] {
            let before = try Self.serverClock(sql)
            let sent = try hers.send(SharedReport(date: date, time: time, format: .json, sections: [.pain], body: "{}"))
            let after = try Self.serverClock(sql)
            XCTAssertTrue([before.today, after.today].contains(sent.date), "\(sent.date) is the server's day, not \(date)")
            XCTAssertTrue((before.time.minutes...after.time.minutes).contains(sent.time.minutes) || before.today != after.today,
                          "\(sent.time) is the server's time, not \(time)")
            XCTAssertEqual(try hers.sharedReports(limit: 1).first.map { [$0.date.description, $0.time.description] },
                           [sent.date.description, sent.time.description], "what she is told is what was kept")
        }
        // As her own login in SQL: the date and time she writes are replaced.
        let id = try XCTUnwrap(try sql.query("SELECT patient_id FROM patient_account WHERE role_name = current_user").rows.first?.int64("patient_id"))
        let row = try XCTUnwrap(try sql.query("""
            INSERT INTO shared_report (patient_id, date, time, format, parts, body) VALUES ($1, '1999-12-31', '23:59', 'json', '', '{}')
            RETURNING date::text = localtimestamp::date::text AS today, time = date_trunc('minute', localtimestamp)::time(0) AS now
            """, [id]).rows.first)
        XCTAssertEqual(try row.text("today"), "t", "a date of her own is replaced by the server's")
        XCTAssertEqual(try row.text("now"), "t", "and the time")
        // The administrator imports as it was.
        let admin = try PGConnection(c.conninfo("postgres"))
        let kept = try admin.query("""
            INSERT INTO shared_report (patient_id, date, time, format, parts, body) VALUES ($1, '2026-11-01', '09:30', 'json', '', '{}')
            RETURNING date::text AS d
            """, [id]).rows.first?.text("d")
        XCTAssertEqual(kept, "2026-11-01")
    }

    /// No share folder: no file at all (her home folder is not the clinic's to fill). With one: the file is
    /// written there and named by its real path, and she still sends with Enter.
    func testAFileOnlyWhereTheClinicSetAShareFolderNamedByItsRealPath() throws {
        let c = try Self.cluster.get()
        let role = try c.newPatient(therapist: try c.newTherapist())
        try DemoPatient(content: sharedContent, today: clock.today).load(into: try c.admin().record(of: role))
        let hers = try PostgresStore.open(c.conninfo(role))
        let clock = self.clock
        let file = ShareRequest(format: .csv, sections: [.pain], fileName: "pain.csv", overwrite: false)
        let none = EffectRunner(store: hers, content: sharedContent, shareFolder: nil, clock: { clock }).perform(.share(file))
        guard case .failed? = none.last else { return XCTFail("a file with no share folder: \(none)") }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("share-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let runner = EffectRunner(store: hers, content: sharedContent, shareFolder: folder, clock: { clock })
        let written = runner.perform(.share(file))
        let path = folder.appendingPathComponent("pain.csv").path
        guard case .completed(_, .file(let saved))? = written.last else { return XCTFail("\(written)") }
        XCTAssertEqual(saved, path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        guard case .failed(_, let again)? = runner.perform(.share(file)).last else { return XCTFail("replaced without asking") }
        XCTAssertEqual("\(again)", "\(path) already exists; press o to replace it.", "the real path, not ~/")
        XCTAssertEqual(try hers.sharedReports(limit: nil), [], "a file is not a send")

        // Her screen says the same: Enter sends, w writes the file there, by its path.
        var app = PortalApp(snapshot: try hers.snapshot(clock: clock), content: sharedContent)
        app.shareFolder = folder.path
        var snapshotNoFolder = PortalApp(snapshot: try hers.snapshot(clock: clock), content: sharedContent)
        snapshotNoFolder.shareFolder = nil
        let withFolder = ShareScreen.whereTo(app.context, width: 200)
        // Its sentences wrap at the reading measure (`Paragraph`), a long path on a line of its own.
        XCTAssertEqual(withFolder.first, "Enter sends it to your therapist: it is kept in your record for her.")
        XCTAssertEqual(withFolder.dropFirst().joined(separator: " "),
                       "w writes a file: \(folder.appendingPathComponent(ShareFormat.reportHTML.fileName(on: clock.today)).path) (readable by you only)")
        XCTAssertEqual(ShareScreen.whereTo(snapshotNoFolder.context, width: 200), ["Enter sends it to your therapist: it is kept in your record for her."])
    }
}
