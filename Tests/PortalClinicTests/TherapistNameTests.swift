import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Clinic change 26: the name a therapist goes by, which her patients see as their therapist instead of her
/// login. The administrator sets and changes it; she and her own patients read it; nobody else does, and no
/// login writes it. Proved as each real role, in SQL, as any program holding the login could send it.
extension RowLevelSecurityTests {
    func testEachPatientReadsHerOwnTherapistsNameAndNobodyElses() throws {
        let w = try world()
        let admin = try w.cluster.admin()
        XCTAssertEqual(try admin.addTherapist(w.t1, name: "Maria Silva"), "Maria Silva")
        XCTAssertEqual(try admin.addTherapist(w.t2, name: "  Joana Reis "), "Joana Reis", "trimmed")
        let names = "SELECT role_name, display_name FROM therapist_account ORDER BY 1"
        func rows(_ db: PGConnection) throws -> [[String]] {
            try db.transaction { try $0.query(names).rows.map { [try $0.text("role_name"), try $0.text("display_name")] } }
        }
        XCTAssertEqual(try rows(w.aSQL), [[w.t1, "Maria Silva"]], "A reads her own therapist's name only")
        XCTAssertEqual(try rows(try w.sql(w.b.patientRole)), [[w.t2, "Joana Reis"]], "B hers")
        XCTAssertEqual(try rows(try w.sql(w.t1)), [[w.t1, "Maria Silva"]], "a therapist her own")
        XCTAssertEqual(rowsTouched(w.aSQL, "SELECT * FROM therapist_account WHERE role_name = $1", [w.t2]), 0, "another therapist's: nothing")
        let alone = try w.sql(try w.cluster.newPatient())
        XCTAssertEqual(rowsTouched(alone, names), 0, "a patient in no caseload reads no therapist")
        for (who, db) in [("A", w.aSQL), ("t1", try w.sql(w.t1)), ("t2", try w.sql(w.t2))] {
            XCTAssertNil(rowsTouched(db, "UPDATE therapist_account SET display_name = 'Someone else'"), "\(who) changes no name")
            XCTAssertNil(rowsTouched(db, "INSERT INTO therapist_account (role_name, display_name) VALUES ('x', 'x')"), who)
        }
        XCTAssertEqual(try rows(try w.sql(w.t1)), [[w.t1, "Maria Silva"]], "as the administrator set it")

        // Her About me and her therapist's chart read the clinic's name for her therapist (the snapshot's, beside
        // her record, which keeps what her details say: an export carries that).
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        XCTAssertEqual(try w.a.snapshot(clock: clock).therapistName, "Maria Silva")
        XCTAssertEqual(try w.a.homeSnapshot(clock: clock).therapistName, "Maria Silva", "Home's own read too")
        XCTAssertEqual(try w.store(w.t1, for: w.a).snapshot(clock: clock).therapistName, "Maria Silva", "her chart")
        XCTAssertEqual(try w.b.snapshot(clock: clock).therapistName, "Joana Reis")
        XCTAssertNil(try PostgresStore.open(w.cluster.conninfo(try w.cluster.newPatient())).snapshot(clock: clock).therapistName,
                     "a patient in no caseload has none")
        // The administrator changes it; she sees the new one at her next read.
        try admin.addTherapist(w.t1, name: "Maria S. Silva")
        XCTAssertEqual(try w.a.snapshot(clock: clock).therapistName, "Maria S. Silva")
        XCTAssertEqual(try w.b.snapshot(clock: clock).therapistName, "Joana Reis", "B's therapist unchanged")
    }

    /// QA H10: her therapist's name is the clinic's everywhere (her details, her chart, the report her therapist
    /// hands on), and not hers to change: her login may not UPDATE `patient.therapist` (change 31), her form's
    /// change of it is refused with nothing changed, and a name written there all the same is never shown.
    func testHerTherapistIsTheClinicsNameEverywhereAndNotHersToChange() throws {
        let w = try world()
        try w.cluster.admin().addTherapist(w.t1, name: "Maria Silva")
        XCTAssertEqual(refusal(w.aSQL, "UPDATE patient SET therapist = 'Dr. Other'"), "42501", "she renames no therapist")
        XCTAssertEqual(rowsTouched(w.aSQL, "UPDATE patient SET clinic = 'Harbor 2'"), 1, "the rest of her details stay hers")
        // Written outside the portal (psql as the administrator, or by her login before change 31): never shown.
        try w.sql("postgres").execute("UPDATE patient SET therapist = 'Dr. Fake Person' WHERE patient_id = $1", [w.a.patientID])
        let chart = try w.store(w.t1, for: w.a)
        XCTAssertEqual(try w.a.patient()?.therapist, "Maria Silva", "her details")
        XCTAssertEqual(try chart.patient()?.therapist, "Maria Silva", "her chart")
        let today = day("2026-11-27")
        let report = try TherapistReport(data: try ExportData.load(from: chart, content: sharedContent, today: today), period: .lastDays(28),
                                         madeBy: chart.viewer, therapistName: try chart.therapistName())
        let text = ReportText.text(report)
        XCTAssertTrue(text.contains("Maria Silva · Harbor 2"), text)
        XCTAssertFalse(text.contains("Dr. Fake Person"), text)
        // Her form's change of it is refused, nothing changed; her own details are still saved.
        let before = try XCTUnwrap(try w.a.patient())
        var renamed = before
        renamed.therapist = "Dr. Other"
        XCTAssertThrowsError(try w.a.updateProfile(renamed, over: before, readingList: ["a", "b"], upcomingWeeks: [], askingTherapist: nil,
                                                   library: sharedContent.exercises, today: today)) {
            XCTAssertEqual($0 as? PortalError, .invalidInput(field: .therapist, Patient.therapistIsTheClinics("Maria Silva")))
        }
        XCTAssertEqual(try w.a.patient(), before)
        var named = before
        named.name = "Ana Lima"
        try w.a.updateProfile(named, over: before, readingList: ["a", "b"], upcomingWeeks: [], askingTherapist: nil,
                              library: sharedContent.exercises, today: today)
        XCTAssertEqual(try w.a.patient(), named, "saved, her therapist's name untouched")
    }

    /// Review point 5 (change 32): her details' therapist is the server's to keep, from the one place the clinic
    /// keeps the name (`therapist_account.display_name`). Her login's INSERT of a false name, her other changes, an
    /// administrator's SQL, a rename and a move to another caseload all leave it saying the clinic's name; her
    /// therapist reads the new name after a rename. As the real roles, in SQL.
    func testTheServerKeepsHerDetailsTherapistFromTheClinicsNameWhoeverWrites() throws {
        let w = try world()
        let admin = try w.cluster.admin()
        try admin.addTherapist(w.t1, name: "Maria Silva")
        try admin.addTherapist(w.t2, name: "Joana Reis")
        let su = try w.sql("postgres")
        func column(_ id: Int64) throws -> String? {
            try su.transaction { try $0.query("SELECT therapist FROM patient WHERE patient_id = $1", [id]).rows.first?.text("therapist") }
        }
        XCTAssertEqual(try column(w.a.patientID), "Maria Silva", "a rename reaches the rows of her caseload")
        XCTAssertEqual(try column(w.b.patientID), "Joana Reis")

        // A new patient of t1's, her record still empty, writes her details herself with a name of her own.
        let role = try w.cluster.newPatient(therapist: w.t1)
        let hers = try w.sql(role)
        let id = try XCTUnwrap(try su.transaction {
            try $0.query("SELECT patient_id FROM patient_account WHERE role_name = $1", [role]).rows.first?.int64("patient_id")
        })
        XCTAssertEqual(rowsTouched(hers, """
            INSERT INTO patient (patient_id, name, stage, due_date, therapist)
            VALUES ((SELECT patient_id FROM patient_account WHERE role_name = current_user), 'Zoe Lima', 'pregnant', '2027-03-01', 'Dr. Fake Person')
            """), 1, "her details are hers to write")
        XCTAssertEqual(try column(id), "Maria Silva", "not the name she wrote")
        XCTAssertEqual(refusal(hers, "UPDATE patient SET therapist = 'Dr. Fake Person'"), "42501", "nor a change of it")
        XCTAssertEqual(rowsTouched(hers, "UPDATE patient SET clinic = 'Harbor 2'"), 1)
        XCTAssertEqual(try column(id), "Maria Silva")
        // Written by the administrator's SQL: the clinic's name all the same.
        try su.execute("UPDATE patient SET therapist = 'Dr. Fake Person' WHERE patient_id = $1", [id])
        XCTAssertEqual(try column(id), "Maria Silva")

        // Her therapist is renamed: each of her patients' details say the new name, which her therapist reads.
        try admin.addTherapist(w.t1, name: "Maria S. Silva")
        let asTherapist = try w.sql(w.t1)
        let read = try asTherapist.transaction {
            try $0.query("SELECT therapist FROM patient WHERE patient_id = ANY($1::bigint[]) ORDER BY patient_id",
                         ["{\(w.a.patientID),\(id)}"]).rows.map { try $0.text("therapist") }
        }
        XCTAssertEqual(read, ["Maria S. Silva", "Maria S. Silva"], "as her therapist, after the rename")
        XCTAssertEqual(try w.store(w.t1, for: w.a).patient()?.therapist, "Maria S. Silva", "her chart")
        XCTAssertEqual(try w.a.patient()?.therapist, "Maria S. Silva", "her own details")
        XCTAssertEqual(try column(w.b.patientID), "Joana Reis", "another therapist's patient: unchanged")

        // Moved to another caseload, then out of any: her details follow.
        try su.execute("UPDATE patient_account SET therapist_role = $2 WHERE patient_id = $1", [id, w.t2])
        XCTAssertEqual(try column(id), "Joana Reis")
        try su.execute("UPDATE patient_account SET therapist_role = NULL WHERE patient_id = $1", [id])
        XCTAssertEqual(try column(id), "", "in no caseload she has no therapist of the clinic's")
        XCTAssertEqual(refusal(hers, "UPDATE patient SET therapist = 'Dr. Fake Person'"), "42501", "and writes none")
        XCTAssertEqual(rowsTouched(hers, "UPDATE patient SET clinic = 'Harbor 3'"), 1)
        XCTAssertEqual(try column(id), "")
    }

    /// A clinic before change 32: each patient's details say the name her therapist goes by now, whatever was
    /// written there; one in no caseload keeps what her details said (the clinic keeps no therapist for her).
    func testAClinicBeforeChange32NamesEachPatientsTherapistAsTheClinicDoes() throws {
        let c = try Self.cluster.get()
        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v31")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v31"))
        try ClinicSchema.migrate(db, upTo: 31)
        try db.script("""
            INSERT INTO therapist_account (role_name, display_name) VALUES ('maria', 'Maria Silva');
            INSERT INTO patient_account (role_name, therapist_role) VALUES ('ana', 'maria'), ('bea', NULL);
            INSERT INTO patient (patient_id, name, stage, due_date, therapist)
                SELECT patient_id, role_name, 'pregnant', '2027-03-01', 'Typed By Her' FROM patient_account;
            UPDATE therapist_account SET display_name = 'Maria S. Silva';
            """)
        try ClinicSchema.migrate(db)
        let rows = try db.query("SELECT a.role_name, p.therapist FROM patient p JOIN patient_account a USING (patient_id) ORDER BY 1").rows
        XCTAssertEqual(try rows.map { [try $0.text("role_name"), try $0.text("therapist")] }, [["ana", "Maria S. Silva"], ["bea", "Typed By Her"]])
    }

    /// The name is held to the rule of every name the portal keeps, and a refusal changes nothing.
    func testATherapistsNameIsPlainTextOnOneLineOrRefusedNamingWhatIsAccepted() throws {
        let w = try world()
        let admin = try w.cluster.admin()
        try admin.addTherapist(w.t1, name: "Maria Silva")
        for bad in ["", "   ", "Maria\nSilva", "Maria\u{1B}[2J", "Ma\u{202E}ria", String(repeating: "M", count: Patient.therapistLimit + 1)] {
            XCTAssertThrowsError(try admin.addTherapist(w.t1, name: bad), bad) {
                let said = "\($0)"
                XCTAssertTrue(said.contains("a name of 1 to \(Patient.therapistLimit) characters of plain text on one line"), said)
                XCTAssertTrue(said.contains("Nothing was changed"), said)
            }
        }
        XCTAssertEqual(try admin.therapistName(w.t1), "Maria Silva", "every refusal left it as it was")
        XCTAssertEqual(try admin.addTherapist(w.t1), "Maria Silva", "added again without a name: kept")
        let new = try w.cluster.newTherapist()
        XCTAssertEqual(try admin.therapistName(new), new, "a therapist added without a name goes by her login")
        // The server holds the length and the blank name whatever an administrator's SQL writes.
        let su = try w.sql("postgres")
        XCTAssertNil(rowsTouched(su, "UPDATE therapist_account SET display_name = ' ' WHERE role_name = $1", [new]))
        XCTAssertNil(rowsTouched(su, "UPDATE therapist_account SET display_name = repeat('M', 81) WHERE role_name = $1", [new]))
    }

    /// An existing clinic migrates: each therapist goes by her login until the administrator names her.
    func testAClinicBeforeChange26GivesEachTherapistHerLoginAsHerName() throws {
        let c = try Self.cluster.get()
        try PGConnection(c.conninfo("postgres", database: "postgres")).executeAlone("CREATE DATABASE portal_v25")
        let db = try PGConnection(c.conninfo("postgres", database: "portal_v25"))
        try ClinicSchema.migrate(db, upTo: 25)
        try db.execute("INSERT INTO therapist_account (role_name) VALUES ('maria'), ('joana')")
        try ClinicSchema.migrate(db)
        XCTAssertEqual(try ClinicSchema.missingChanges(db), [])
        let rows = try db.query("SELECT role_name, display_name FROM therapist_account ORDER BY 1").rows
        XCTAssertEqual(try rows.map { [try $0.text("role_name"), try $0.text("display_name")] }, [["joana", "joana"], ["maria", "maria"]])
    }
}
