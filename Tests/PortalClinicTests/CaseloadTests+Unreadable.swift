import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// D21 (hostile QA, safety): one row a patient writes into her own record in psql, in a shape the portal does not
/// read, stopped her therapist's whole caseload, so another patient's unreviewed warning signs vanished from view.
/// Each patient's rows are decoded on their own: the broken one gets her own line, first, and the others are listed.
extension CaseloadTests {
    func testARowOnePatientWroteThatCannotBeReadFlagsHerAloneAndTheOthersStayWithTheirWarningSigns() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let today = day("2026-11-27")
        let ana = try c.newPatient(therapist: therapist), bea = try c.newPatient(therapist: therapist)
        try DemoPatient(content: sharedContent, today: today).load(into: try c.admin().record(of: ana))
        try DemoPatient(content: sharedContent, today: today).load(into: try c.admin().record(of: bea))
        let rules = EntryRules(now: at("2026-11-27T12:00"), content: sharedContent)
        try PostgresStore.open(c.conninfo(ana)).add(SignReport(date: day("2026-11-26"), time: time("07:30"), signs: ["fever"]), rules: rules)

        // Bea, as her own login in SQL: answers the portal cannot read (the clinic's guard now refuses them, so the
        // row is put in as the administrator would find it after a restore of an older dump).
        let garbage = #"{"answers":"garbage"}"#
        let admin = try PGConnection(c.conninfo("postgres"))
        let beaID = try XCTUnwrap(try admin.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [bea]).rows.first?.int64("patient_id"))
        try admin.execute("ALTER TABLE measure_response DISABLE TRIGGER USER")
        defer { try? admin.execute("ALTER TABLE measure_response ENABLE TRIGGER USER") }
        _ = try admin.query("INSERT INTO measure_response (patient_id, id, measure_id, taken_on, answers) VALUES ($1, 900, 'rmdq', '2026-11-26', $2)",
                            [beaID, garbage])
        try admin.execute("ALTER TABLE measure_response ENABLE TRIGGER USER")

        let clock = PortalClock(today: today, time: time("12:00"))
        for (read, rows) in [
            ("narrow", try PostgresStore.caseload(try PGConnection(c.conninfo(therapist)), clock: clock, guide: sharedContent.safety, measures: sharedContent.measures)),
            ("whole", try PostgresStore.caseloadReadWhole(try PGConnection(c.conninfo(therapist)), clock: clock, guide: sharedContent.safety, measures: sharedContent.measures)),
        ] {
            XCTAssertEqual(rows.map(\.login).sorted(), [ana, bea].sorted(), read)
            XCTAssertEqual(rows.first?.login, bea, "\(read): the record that could not be read comes first")
            XCTAssertEqual(rows.first?.unreadable, "a questionnaire dated Thu 26 Nov 2026", read)
            XCTAssertEqual(rows.first?.name, "Jordan Lee", "\(read): her name, from her details that could be read")
            XCTAssertEqual(rows.first?.reasons.first?.isUrgent, true, read)
            let anaRow = try XCTUnwrap(rows.first { $0.login == ana })
            XCTAssertTrue(anaRow.reasons.contains { if case .warningSigns(let s, _) = $0 { return s.contains { $0.contains("temperature") } } else { return false } },
                          "\(read): Ana's unreviewed warning sign is still there: \(anaRow.reasons)")
        }

        let out = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(therapist)], in: self)
        XCTAssertEqual(out.0, 0, "one patient's record is not the whole caseload: \(out.1)")
        let printed = out.1.split(separator: "\n").map(String.init)
        let beaAt = try XCTUnwrap(printed.firstIndex { $0.hasPrefix("! \(bea) (Jordan Lee): record could not be read") }, out.1)
        let beaReasons = printed[(beaAt + 1)...].prefix { $0.hasPrefix("    ") }
        XCTAssertTrue(beaReasons.contains { $0.contains("her record could not be read (a questionnaire dated Thu 26 Nov 2026)") && $0.contains("administrator") }, out.1)
        let anaAt = try XCTUnwrap(printed.firstIndex { $0.hasPrefix("! \(ana) (Jordan Lee)") }, out.1)
        XCTAssertLessThan(beaAt, anaAt, out.1)
        XCTAssertTrue(printed[(anaAt + 1)...].prefix { $0.hasPrefix("    ") }.contains { $0.contains("warning sign") && $0.contains("not reviewed") }, out.1)
        XCTAssertTrue(out.1.contains("Warning: 1 patient's record could not be read (\(bea)); the others are listed above."), out.1)
        XCTAssertFalse(out.1.contains("the database may be damaged"), out.1)

        // When no patient's record can be read at all, the command fails (after listing what it has).
        let alone = try c.newTherapist(), only = try c.newPatient(therapist: alone)
        try DemoPatient(content: sharedContent, today: today).load(into: try c.admin().record(of: only))
        let onlyID = try XCTUnwrap(try admin.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [only]).rows.first?.int64("patient_id"))
        try admin.execute("ALTER TABLE measure_response DISABLE TRIGGER USER")
        _ = try admin.query("INSERT INTO measure_response (patient_id, id, measure_id, taken_on, answers) VALUES ($1, 900, 'psfs', '2026-11-20', $2)",
                            [onlyID, #"{"x":[1,2,{"y":null}]}"#])
        try admin.execute("ALTER TABLE measure_response ENABLE TRIGGER USER")
        let none = try PortalExecutable.run(["clinic", "patients", "--db", c.conninfo(alone)], in: self)
        XCTAssertEqual(none.0, 1, none.1)
        XCTAssertTrue(none.1.contains("\(only) (Jordan Lee): record could not be read"), none.1)
        XCTAssertTrue(none.1.contains("No patient's record could be read (\(only))"), none.1)
    }
}
